#!/bin/bash
# Lab 21 (signals), headless: naive, --fix, --alarm and --fork, $ROUNDS
# times each (LAB_ROUNDS), every checkpoint holding every time. Then, from
# the sessions' files rather than from socklab's checkpoints: naive, the
# server was killed by SIGINT, and on the wire (tshark) the kernel's
# close sent one FIN and one RST from the server's port -- the RST to the
# client whose line was unread; fixed, the server exited 0 and sent two
# FINs and no RST; --alarm, the first recv() returned -1 EINTR and the
# one after SA_RESTART returned data; --fork, one connection carried both
# processes' lines and its FIN came after the parent's close().
. "$(dirname "$0")/../lib.sh"

# "FINS RSTS": the FIN and RST segments from port $2 in capture $1.
from_port() {
	local fins rsts
	fins=$(tshark -r "$1" -Y "tcp.srcport == $2 && tcp.flags.fin == 1" 2>/dev/null | wc -l)
	rsts=$(tshark -r "$1" -Y "tcp.srcport == $2 && tcp.flags.reset == 1" 2>/dev/null | wc -l)
	echo "$fins $rsts"
}

# The pid of the program of session $1 whose path ends with $2.
pid_of() {
	ev "$1" "select(.event == \"exec\" and (.path | test(\"/$2\$\"))) | .pid" | head -n 1
}

# The local port of the connect() made by pid $2 in session $1.
client_port_of() {
	ev "$1" "select(.fn == \"connect\" and .pid == $2) | .sock" | head -n 1 |
		sed 's/^[^:]*:\([0-9]*\)>.*/\1/'
}

test_lab21_sigint_kills_a_server_that_tells_no_client_the_handler_says_goodbye() {
	local d server port c2 p2
	run_lab l21 21
	run_lab l21f 21 --fix
	for i in $(seq "$ROUNDS"); do
		d="$T/l21-$i"
		server=$(pid_of "$d" sigint_server)
		ev "$d" "select(.event == \"reaped\" and .child == $server and .sig == \"SIGINT\")" |
			grep -q . || fail "naive run $i: the server was not killed by SIGINT"
		ev "$d" "select(.event == \"handler\" and .pid == $server)" | grep -q . &&
			fail "naive run $i: the server installed a handler"
		d="$T/l21f-$i"
		server=$(pid_of "$d" sigint_server)
		ev "$d" "select(.event == \"reaped\" and .child == $server and .status == 0)" |
			grep -q . || fail "fixed run $i: the server did not exit 0"
		ev "$d" "select(.pid == $server and .fn == \"read\" and .errno == \"EINTR\")" |
			grep -q . || fail "fixed run $i: no read() of the server returned EINTR"
	done
	[ "$(id -u)" = 0 ] || return 0
	for i in $(seq "$ROUNDS"); do
		d="$T/l21-$i"
		port=$(listen_port "$d")
		[ "$(from_port "$d/capture.pcap" "$port")" = "1 1" ] ||
			fail "naive run $i: FINs and RSTs from the server: $(from_port "$d/capture.pcap" "$port"), expected 1 1"
		# The RST went to client 2, the one whose line was unread.
		c2=$(ev "$d" 'select(.event == "exec" and (.path | test("talk_client$"))) | .pid' | sed -n 2p)
		p2=$(client_port_of "$d" "$c2")
		[ "$(tshark -r "$d/capture.pcap" -Y "tcp.srcport == $port && tcp.dstport == $p2 && tcp.flags.reset == 1" 2>/dev/null | wc -l)" = 1 ] ||
			fail "naive run $i: the RST did not go to client 2 (port $p2)"
		d="$T/l21f-$i"
		port=$(listen_port "$d")
		[ "$(from_port "$d/capture.pcap" "$port")" = "2 0" ] ||
			fail "fixed run $i: FINs and RSTs from the server: $(from_port "$d/capture.pcap" "$port"), expected 2 0"
		[ "$(tshark -r "$d/capture.pcap" -Y "tcp.flags.reset == 1" 2>/dev/null | wc -l)" = 0 ] ||
			fail "fixed run $i: an RST on the wire"
	done
}

test_lab21_sigalrm_interrupts_recv_unless_sa_restart() {
	local d client
	run_lab l21a 21 --alarm
	for i in $(seq "$ROUNDS"); do
		d="$T/l21a-$i"
		client=$(pid_of "$d" alarm_client)
		[ "$(jq -r "select(.pid == $client and .fn == \"recv\") | .errno // .ret" "$d/events.jsonl" | tr '\n' ' ')" = "EINTR 16 " ] ||
			fail "--alarm run $i: the client's recv()s: $(jq -r "select(.pid == $client and .fn == \"recv\") | .errno // .ret" "$d/events.jsonl" | tr '\n' ' '), expected EINTR then 16"
		[ "$(ev "$d" "select(.event == \"signal\" and .pid == $client and .sig == \"SIGALRM\")" | wc -l)" = 2 ] ||
			fail "--alarm run $i: the handler did not run twice"
		ev "$d" "select(.event == \"handler\" and .pid == $client and ((.flags // \"\") | test(\"SA_RESTART\")))" |
			grep -q . || fail "--alarm run $i: no handler with SA_RESTART"
	done
}

test_lab21_fork_copies_memory_and_one_descriptor_of_one_connection() {
	local d client cport fin sent
	run_lab l21k 21 --fork
	for i in $(seq "$ROUNDS"); do
		d="$T/l21k-$i"
		grep -q 'Child Proc: \[13, 27\]' "$d/events.jsonl" || fail "--fork run $i: no [13, 27] from the child"
		grep -q 'Parent Proc: \[9, 23\]' "$d/events.jsonl" || fail "--fork run $i: no [9, 23] from the parent"
		[ "$(ev "$d" 'select(.fn == "accept" and .ret >= 0)' | wc -l)" = 1 ] ||
			fail "--fork run $i: the server did not accept exactly one connection"
		[ "$(ev "$d" 'select(.fn == "write" and ((.sock // "") | test(">")) and (.fd == 3)) | .pid' | sort -u | wc -l)" = 2 ] ||
			fail "--fork run $i: two processes did not write on descriptor 3"
	done
	[ "$(id -u)" = 0 ] || return 0
	for i in $(seq "$ROUNDS"); do
		d="$T/l21k-$i"
		client=$(pid_of "$d" fork_values)
		cport=$(client_port_of "$d" "$client")
		[ "$(from_port "$d/capture.pcap" "$cport")" = "1 0" ] ||
			fail "--fork run $i: FINs and RSTs from the client: $(from_port "$d/capture.pcap" "$cport"), expected 1 0"
		# The client's FIN comes after every byte both processes wrote.
		sent=$(ev "$d" "select(.fn == \"write\" and .ret > 0 and ((.sock // \"\") | test(\":$cport>\"))) | .ret" |
			awk '{n += $1} END {print n + 1}')
		fin=$(tshark -r "$d/capture.pcap" -Y "tcp.srcport == $cport && tcp.flags.fin == 1" -T fields -e tcp.seq 2>/dev/null)
		[ "$fin" = "$sent" ] || fail "--fork run $i: the FIN's relative seq is $fin, expected $sent (after both lines)"
	done
}

test_lab21_alarm_and_fork_refuse_fix() {
	local out
	for o in --alarm --fork; do
		out=$(socklab run 21 $o --fix --no-view 2>&1) && fail "socklab run 21 $o --fix succeeded"
		echo "$out" | grep -q "has no --fix" || fail "socklab run 21 $o --fix: $out"
	done
}

test_lab21_without_root_skips_the_packets_and_fails_nothing() {
	labs_hold_without_root "21" "21 --fix" "21 --alarm" "21 --fork"
}

run_tests
