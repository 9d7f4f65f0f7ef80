#!/bin/bash
# Lab 9 (peer-gone), headless: naive, --fix, --server-killed,
# --unread-input and --linger-zero, LAB_ROUNDS times each, every checkpoint
# holding every time. Then, from the sessions' files rather than from
# socklab's checkpoints: naive, the client was killed by SIGPIPE in the
# write that the session recorded; and what tshark sees on the wire -- an
# RST answering the client's write after the server's FIN (naive), a FIN
# and no RST from a killed server, an RST and no FIN from a close() with
# unread input or with SO_LINGER {1, 0}.
. "$(dirname "$0")/../lib.sh"

# "FINS RSTS": the FIN and RST segments from port $2 in capture $1.
from_port() {
	local fins rsts
	fins=$(tshark -r "$1" -Y "tcp.srcport == $2 && tcp.flags.fin == 1" 2>/dev/null | wc -l)
	rsts=$(tshark -r "$1" -Y "tcp.srcport == $2 && tcp.flags.reset == 1" 2>/dev/null | wc -l)
	echo "$fins $rsts"
}

# The server's port of session $1: where the client connected.
port_of() {
	jq -r 'select(.fn == "connect") | .peer' "$1/events.jsonl" | head -n 1 | sed 's/.*://'
}

# Each round $2-1.. of run $1: FINs and RSTs from the server's port as
# "FINS RSTS", compared with $3.
wire_says() {
	local name=$1 want=$2 port
	for i in $(seq "$ROUNDS"); do
		port=$(port_of "$T/$name-$i")
		[ -n "$port" ] || fail "$name-$i: no connect()"
		[ "$(from_port "$T/$name-$i/capture.pcap" "$port")" = "$want" ] ||
			fail "$name-$i: FINs and RSTs from the server's port: $(from_port "$T/$name-$i/capture.pcap" "$port"), expected $want"
	done
}

test_lab9_a_write_after_the_peer_closed_draws_an_rst_then_sigpipe_kills() {
	local client
	run_lab l9 9
	run_lab l9f 9 --fix
	for i in $(seq "$ROUNDS"); do
		client=$(ev "$T/l9-$i" 'select(.event == "exec" and (.path | test("peer_client"))) | .pid')
		ev "$T/l9-$i" "select(.event == \"reaped\" and .child == $client and .sig == \"SIGPIPE\")" |
			grep -q . || fail "naive run $i: the client was not killed by SIGPIPE"
		ev "$T/l9-$i" "select(.pid == $client and .fn == \"write\" and .errno == \"EPIPE\" and .sig == \"SIGPIPE\")" |
			grep -q . || fail "naive run $i: the write that raised SIGPIPE is not in the session"
		client=$(ev "$T/l9f-$i" 'select(.event == "exec" and (.path | test("peer_client"))) | .pid')
		ev "$T/l9f-$i" "select(.event == \"reaped\" and .child == $client and .status == 1)" |
			grep -q . || fail "fixed run $i: the client did not end by itself"
	done
	if [ "$(id -u)" = 0 ]; then
		wire_says l9 "1 1"
		wire_says l9f "1 1"
	fi
}

test_lab9_a_killed_server_sends_a_fin_unread_input_and_linger_zero_an_rst() {
	run_lab l9k 9 --server-killed
	run_lab l9u 9 --unread-input
	run_lab l9l 9 --linger-zero
	if [ "$(id -u)" = 0 ]; then
		wire_says l9k "1 0"
		wire_says l9u "0 1"
		wire_says l9l "0 1"
	fi
}

test_lab9_without_root_skips_the_packets_and_fails_nothing() {
	need_root "to run socklab as another user"
	command -v setpriv >/dev/null || skip "setpriv is missing"
	chmod 711 "$T"
	mkdir -m 777 "$T/user"
	cd "$T/user"
	for o in "" --fix --server-killed --unread-input --linger-zero; do
		# shellcheck disable=SC2086
		setpriv --reuid=65534 --regid=65534 --clear-groups "$SOCKLAB" run 9 $o --no-view \
			--record "$T/user/run$o" >"$T/out" 2>&1 ||
			fail "socklab run 9 $o, not root: $(grep -E 'FAIL|socklab:' -A1 "$T/out")"
		grep -q '^all checkpoints hold' "$T/out" || fail "socklab run 9 $o: $(cat "$T/out")"
		grep -q '^  SKIP' "$T/out" || fail "socklab run 9 $o skipped nothing without root"
	done
}

run_tests
