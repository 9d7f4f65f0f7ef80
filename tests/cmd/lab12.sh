#!/bin/bash
# Lab 12 (threads), headless: each run and option LAB_ROUNDS times, every
# checkpoint holding every time; what the captures show to tshark (a
# client never answered; a client refused; a close() that sent no FIN);
# and the refusals.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

test_lab12_two_threads_share_a_socket_naive_and_each_has_its_own_fixed() {
	run_lab l12 12
	run_lab l12f 12 --fix
	local i server
	for i in $(seq "$ROUNDS"); do
		server=$(ev "$T/l12-$i" 'select(.fn=="listen") | .pid' | head -n 1)
		[ "$(ev "$T/l12-$i" "select(.pid==$server and .src==\"call\") | .tid" | sort -u | wc -l)" -ge 3 ] ||
			fail "round $i: the server's calls came from fewer than three threads"
		[ "$(ev "$T/l12-$i" "select(.event==\"fork\")" | wc -l)" = 0 ] || fail "round $i: a fork"
		[ "$(id -u)" = 0 ] || continue
		[ "$(served_connections "$T/l12-$i/capture.pcap" "$(listen_port "$T/l12-$i")")" = 1 ] ||
			fail "naive round $i: the server answered more than one of its two clients"
		[ "$(served_connections "$T/l12f-$i/capture.pcap" "$(listen_port "$T/l12f-$i")")" = 2 ] ||
			fail "fixed round $i: the server did not answer both clients"
	done
}

test_lab12_a_thread_that_closes_the_listener_stops_accept_for_the_whole_process() {
	run_lab l12c 12 --close-listener
	[ "$(id -u)" = 0 ] || return 0
	local i port
	for i in $(seq "$ROUNDS"); do
		port=$(listen_port "$T/l12c-$i")
		# Client 3's SYN is answered by a reset: nothing listens.
		tshark -r "$T/l12c-$i/capture.pcap" -Y "tcp.srcport == $port && tcp.flags.reset == 1" \
			2>/dev/null | grep -q . || fail "round $i: no reset from port $port"
	done
}

# The pid of the program that played role $2 in session $1.
role_pid() {
	ev "$1" "select(.kind==\"output\" and .role==\"$2\") | .pid" | head -n 1
}

# The session time (ns) of the first FIN that client role $2 of session $1
# sent, from the capture's frame number; or "none".
client_fin_t() {
	local pid port frame
	pid=$(role_pid "$1" "$2")
	port=$(ev "$1" "select(.fn==\"connect\" and .pid==$pid and .ret==0) | .sock" |
		sed 's/^[^:]*:\([0-9]*\)>.*/\1/')
	frame=$(tshark -r "$1/capture.pcap" -Y "tcp.srcport == $port && tcp.flags.fin == 1" \
		-T fields -e frame.number 2>/dev/null | head -n 1)
	[ -n "$frame" ] || { echo none; return; }
	ev "$1" "select(.src==\"pkt\" and .frame==$frame) | .t"
}

test_lab12_the_chat_races_without_a_mutex_and_only_shutdown_wakes_recv() {
	run_lab l12ch 12 --chat
	run_lab l12chf 12 --chat --fix
	[ "$(id -u)" = 0 ] || return 0
	local i quit fin
	for i in $(seq "$ROUNDS"); do
		# close() sent no FIN: the socket stayed open for the recv() using
		# it, until socklab stopped the client 1.5 s later.
		quit=$(ev "$T/l12ch-$i" "select(.fn==\"close\" and .proto==\"tcp\" and .pid==$(role_pid "$T/l12ch-$i" "client A")) | .t" | head -n 1)
		fin=$(client_fin_t "$T/l12ch-$i" "client A")
		[ "$fin" != none ] && [ $((fin - quit)) -ge 1400000000 ] ||
			fail "naive round $i: client A's FIN came $(((fin - quit) / 1000000)) ms after its close()"
		quit=$(ev "$T/l12chf-$i" "select(.fn==\"shutdown\" and .pid==$(role_pid "$T/l12chf-$i" "client A")) | .t" | head -n 1)
		fin=$(client_fin_t "$T/l12chf-$i" "client A")
		[ "$fin" != none ] && [ $((fin - quit)) -lt 500000000 ] ||
			fail "fixed round $i: client A's FIN came $(((fin - quit) / 1000000)) ms after its shutdown()"
	done
}

test_lab12_options_without_a_fix_refuse_it_in_one_line() {
	local rc=0
	socklab run 12 --close-listener --fix --no-view >"$T/out" 2>"$T/err" || rc=$?
	[ "$rc" = 2 ] || fail "exit $rc: $(cat "$T/err")"
	grep -q -- "--close-listener has no --fix" "$T/err" || fail "$(cat "$T/err")"
}

test_lab12_without_root_skips_what_it_cannot_see_and_fails_nothing() {
	labs_hold_without_root "12" "12 --fix" "12 --close-listener" "12 --chat" "12 --chat --fix"
}

# On a terminal, the viewer follows the run: the server's threads appear
# under it as they start, and its calls name their thread.
test_lab12_the_viewer_shows_the_server_threads_live() {
	command -v tmux >/dev/null || skip "tmux is not installed (scripts/install-deps.sh installs it)"
	term_start 200 60 "socklab run 12 --fix --record $T/run"
	term_wait "run 12: threads, fixed run"
	term_wait "all checkpoints hold (q quits)"
	local server tid
	server=$(ev "$T/run" 'select(.fn=="listen") | .pid' | head -n 1)
	term_wait "$server echo_thrserv"
	for tid in $(ev "$T/run" "select(.event==\"thread\" and .pid==$server) | .tid"); do
		term_has "thread $tid  ended, made by $server" ||
			{ term_screen >&2; fail "thread $tid is not under the server in the tree"; }
		term_has "t$tid/" || { term_screen >&2; fail "no socket names thread $tid as its user"; }
	done
	[ -n "${tid:-}" ] || fail "the server made no thread"
	term_keys q
	term_wait_exit 0
}

run_tests
