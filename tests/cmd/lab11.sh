#!/bin/bash
# Lab 11 (select), headless: each run and option LAB_ROUNDS times, every
# checkpoint holding every time; what the captures show to tshark (the
# client's FIN late or at once; three connections served by one process;
# a hundred served by four threads); and the refusals.
. "$(dirname "$0")/../lib.sh"

# The port the session's server listened on.

# In capture $1 of a server on port $2: the seconds from the server's FIN
# to the client's next segment (its FIN, or data), and "rst" when the
# server's side answered that with a reset.
after_server_fin() {
	tshark -r "$1" -T fields -e frame.time_relative -e tcp.srcport -e tcp.len \
		-e tcp.flags.fin -e tcp.flags.reset 2>/dev/null | awk -v sp="$2" '
			$2 == sp && $4 == 1 && s == "" { s = $1; next }
			s != "" && c == "" && $2 != sp && ($3 > 0 || $4 == 1) { c = $1; next }
			c != "" && $2 == sp && $5 == 1 { rst = "rst" }
			END { if (c == "") print "none"; else print c - s, rst }'
}

test_lab11_the_client_in_fgets_misses_the_fin_and_select_wakes_at_it() {
	run_lab l11 11
	run_lab l11f 11 --fix
	[ "$(id -u)" = 0 ] || return 0
	local i seen
	for i in $(seq "$ROUNDS"); do
		# Naive: the client says nothing until its user types, and then
		# its line meets a reset: nobody is there any more.
		seen=$(after_server_fin "$T/l11-$i/capture.pcap" "$(listen_port "$T/l11-$i")")
		awk -v g="${seen% *}" 'BEGIN { exit !(g != "none" && g >= 1.5) }' && [ "${seen#* }" = rst ] ||
			fail "naive round $i: after the server's FIN, the client's next segment: $seen (expected 2 s later, answered by a reset)"
		# Fixed: the client's FIN follows at once.
		seen=$(after_server_fin "$T/l11f-$i/capture.pcap" "$(listen_port "$T/l11f-$i")")
		awk -v g="${seen% *}" 'BEGIN { exit !(g != "none" && g < 1.0) }' ||
			fail "fixed round $i: the client's next segment after the server's FIN: $seen s (expected at once)"
	done
}

test_lab11_the_select_server_starves_clients_naive_and_serves_three_in_one_process_fixed() {
	run_lab l11s 11 --server
	run_lab l11sf 11 --server --fix
	local i server port
	for i in $(seq "$ROUNDS"); do
		server=$(ev "$T/l11sf-$i" 'select(.fn=="listen") | .pid' | head -n 1)
		[ "$(ev "$T/l11sf-$i" "select(.event==\"fork\" and .pid==$server)" | wc -l)" = 0 ] ||
			fail "round $i: the select server forked"
		[ "$(ev "$T/l11sf-$i" "select(.pid==$server and .src==\"call\") | .tid" | sort -u | wc -l)" = 1 ] ||
			fail "round $i: the select server's calls came from more than one thread"
		[ "$(ev "$T/l11sf-$i" "select(.pid==$server and .fn==\"accept\" and .ret>=0)" | wc -l)" -ge 3 ] ||
			fail "round $i: the select server accepted fewer than three clients"
		[ "$(id -u)" = 0 ] || continue
		port=$(listen_port "$T/l11sf-$i")
		[ "$(served_connections "$T/l11sf-$i/capture.pcap" "$port")" = 3 ] ||
			fail "fixed round $i: the server sent data on $(served_connections "$T/l11sf-$i/capture.pcap" "$port") connections, not 3"
		port=$(listen_port "$T/l11s-$i")
		[ "$(served_connections "$T/l11s-$i/capture.pcap" "$port")" = 1 ] ||
			fail "naive round $i: the server sent data on $(served_connections "$T/l11s-$i/capture.pcap" "$port") connections, not 1"
	done
}

test_lab11_the_epoll_server_serves_three_in_one_process() {
	run_lab l11e 11 --epoll
	ev "$T/l11e-1" 'select(.fn=="epoll_wait" and (.ready|length) > 0)' | grep -q . ||
		fail "no epoll_wait() with its ready descriptors"
}

test_lab11_the_pool_serves_a_hundred_clients_with_four_threads() {
	run_lab l11p 11 --pool
	local i server port
	for i in $(seq "$ROUNDS"); do
		server=$(ev "$T/l11p-$i" 'select(.fn=="listen") | .pid' | head -n 1)
		# Its first thread and three it made: a thread waiting in
		# epoll_wait() all along makes no call, but its start is there.
		[ "$(ev "$T/l11p-$i" "select(.event==\"thread\" and .pid==$server) | .tid" | sort -u | wc -l)" = 3 ] ||
			fail "round $i: the server made $(ev "$T/l11p-$i" "select(.event==\"thread\" and .pid==$server)" | wc -l) threads, not 3"
		[ "$(ev "$T/l11p-$i" "select(.pid==$server and .fn==\"accept\" and .ret>=0)" | wc -l)" = 100 ] ||
			fail "round $i: not 100 accepts"
		[ "$(id -u)" = 0 ] || continue
		port=$(listen_port "$T/l11p-$i")
		[ "$(served_connections "$T/l11p-$i/capture.pcap" "$port")" = 100 ] ||
			fail "round $i: the server sent data on $(served_connections "$T/l11p-$i/capture.pcap" "$port") connections, not 100"
	done
}

test_lab11_options_without_a_fix_refuse_it_in_one_line() {
	local rc=0
	socklab run 11 --pool --fix --no-view >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" = 2 ] || fail "exit $rc: $(cat "$T/err")"
	grep -q -- "--pool has no --fix" "$T/err" || fail "$(cat "$T/err")"
	! ls "$T" | grep -q '^socklab-lab' || fail "a refused run left a session folder"
}

test_lab11_without_root_skips_what_it_cannot_see_and_fails_nothing() {
	labs_hold_without_root "11" "11 --fix" "11 --server --fix" "11 --pool"
}

run_tests
