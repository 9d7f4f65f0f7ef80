#!/bin/bash
# Lab 20 (protocol): every run holds its checkpoints ($LAB_ROUNDS times);
# by tshark on the session's capture: the request's header is 8 bytes,
# 00 00 00 64 00 00 00 00 (CMD_GET_LIST); naive, the liar's 12 bytes say
# a body of 0xffffff00 and the server answers nothing on that connection,
# nor to the next client; with --fix the server answers the liar with
# CMD_ERROR (00 00 00 32) and ends the connection; with --leftover two
# requests cross in one segment; with --peek the header crosses as 3
# bytes, then 5. Without root nothing fails (the packet checkpoints say
# SKIP, and only they); --fix with an option is refused in a line.
. "$(dirname "$0")/../lib.sh"

test_lab20_every_run_holds_its_checkpoints() {
	need_root "the packet checkpoints need a capture"
	run_lab l20 20
	run_lab l20f 20 --fix
	run_lab l20p 20 --peek
	run_lab l20l 20 --leftover
	run_lab l20h 20 --hash
}

# Frames of capture $1 matching tshark filter $2, one field $3 a line.
frames() {
	tshark -r "$1" -Y "$2" -T fields -e "$3" 2>/dev/null
}

# The TCP stream of capture $1 whose segment to port $2 carries payload $3.
stream_of() {
	frames "$1" "tcp.dstport == $2 && tcp.payload == $3" tcp.stream | head -n 1
}

# socklab run ARGS..., whatever its checkpoints say, into $T/$1; prints
# the server's port. These tests read the capture alone.
record() {
	local dir=$1
	shift
	socklab run "$@" --no-view --record "$T/$dir" >/dev/null 2>&1 || true
	listen_port "$T/$dir"
}

LIE=00:00:00:65:ff:ff:ff:00:00:00:00:00 # CMD_GET_FILE, size 0xffffff00, index 0
GET_LIST=00:00:00:64:00:00:00:00

test_lab20_capture_shows_the_lie_and_no_answer() {
	need_root "packets are captured as root"
	local p cap s liar next
	p=$(record n 20)
	[ -n "$p" ] || fail "no listen() in the session"
	cap="$T/n/capture.pcap"
	s=$(stream_of "$cap" "$p" "$GET_LIST")
	[ -n "$s" ] || fail "no 8-byte segment 00 00 00 64 00 00 00 00 to port $p"
	# The honest client's list came back: a reply of code 200 (0xc8).
	frames "$cap" "tcp.stream == $s && tcp.srcport == $p && tcp.payload[0:4] == 00:00:00:c8" \
		frame.number | grep -q . || fail "the first client got no CMD_SND_FILELIST"
	liar=$(stream_of "$cap" "$p" "$LIE")
	[ -n "$liar" ] || fail "no segment of the liar's 12 bytes to port $p"
	! frames "$cap" "tcp.stream == $liar && tcp.srcport == $p && tcp.len > 0" frame.number |
		grep -q . || fail "the server sent data to the liar"
	# The next client asked (its own GET_LIST, on a later stream) and got nothing.
	next=$(frames "$cap" "tcp.dstport == $p && tcp.payload == $GET_LIST && tcp.stream > $liar" \
		tcp.stream | head -n 1)
	[ -n "$next" ] || fail "client 2's request is not in the capture"
	! frames "$cap" "tcp.stream == $next && tcp.srcport == $p && tcp.len > 0" frame.number |
		grep -q . || fail "the server answered client 2"
}

test_lab20_fixed_capture_has_the_error_and_the_end() {
	need_root "packets are captured as root"
	local p cap liar
	p=$(record f 20 --fix)
	[ -n "$p" ] || fail "no listen() in the session"
	cap="$T/f/capture.pcap"
	liar=$(stream_of "$cap" "$p" "$LIE")
	[ -n "$liar" ] || fail "no segment of the liar's 12 bytes to port $p"
	# CMD_ERROR (50 = 0x32) and error 1, then the server ends the
	# connection: a reset, for it closed with the liar's 4 bytes unread.
	frames "$cap" "tcp.stream == $liar && tcp.srcport == $p && tcp.payload[0:4] == 00:00:00:32 && tcp.payload[8:4] == 00:00:00:01" \
		frame.number | grep -q . || fail "the liar got no CMD_ERROR 1"
	frames "$cap" "tcp.stream == $liar && tcp.srcport == $p && (tcp.flags.reset == 1 || tcp.flags.fin == 1)" \
		frame.number | grep -q . || fail "the server did not end the liar's connection"
	# The next client was served: a CMD_BEGIN_FILE (201 = 0xc9) on a later stream.
	frames "$cap" "tcp.stream > $liar && tcp.srcport == $p && tcp.payload[0:4] == 00:00:00:c9" \
		frame.number | grep -q . || fail "no client after the liars got a file"
}

test_lab20_leftover_two_requests_in_one_segment() {
	need_root "packets are captured as root"
	local p
	p=$(record l 20 --leftover)
	[ -n "$p" ] || fail "no listen() in the session"
	[ "$(frames "$T/l/capture.pcap" "tcp.dstport == $p && tcp.len > 0" tcp.len)" = 20 ] ||
		fail "the client's requests were not one segment of 20 bytes: $(frames "$T/l/capture.pcap" "tcp.dstport == $p && tcp.len > 0" tcp.len | tr '\n' ' ')"
	frames "$T/l/capture.pcap" "tcp.dstport == $p && tcp.payload == $GET_LIST:00:00:00:65:00:00:00:04:00:00:00:00" \
		frame.number | grep -q . || fail "the segment is not CMD_GET_LIST then CMD_GET_FILE 0"
}

test_lab20_peek_header_in_two_segments() {
	need_root "packets are captured as root"
	local p lens
	p=$(record p 20 --peek)
	[ -n "$p" ] || fail "no listen() in the session"
	lens=$(frames "$T/p/capture.pcap" "tcp.dstport == $p && tcp.len > 0" tcp.len | head -n 2 | tr '\n' ' ')
	[ "$lens" = "3 5 " ] || fail "the first segments to the server were '$lens', not 3 then 5"
}

# The checkpoints of session $1 that could not be checked, in order.
unchecked() {
	ev "$1" 'select(.kind=="checkpoint" and .checked==false) | .name' | tr -d '"' | tr '\n' ' '
}

test_lab20_holds_without_root() {
	labs_hold_without_root "20" "20 --fix" "20 --peek" "20 --leftover" "20 --hash"
	# Exactly the packet checkpoints say SKIP.
	[ "$(unchecked "$T/user/run-20")" = "header-on-wire " ] || fail "naive: $(unchecked "$T/user/run-20")"
	[ "$(unchecked "$T/user/run-20--fix")" = "error-on-wire " ] ||
		fail "fixed: $(unchecked "$T/user/run-20--fix")"
	[ "$(unchecked "$T/user/run-20--peek")" = "header-split " ] ||
		fail "--peek: $(unchecked "$T/user/run-20--peek")"
	[ "$(unchecked "$T/user/run-20--leftover")" = "one-segment " ] ||
		fail "--leftover: $(unchecked "$T/user/run-20--leftover")"
	[ -z "$(unchecked "$T/user/run-20--hash")" ] || fail "--hash skipped a checkpoint"
}

test_lab20_fix_with_an_option_is_refused_in_a_line() {
	for o in peek leftover hash; do
		set +e
		socklab run 20 --$o --fix --no-view >"$T/out" 2>"$T/err"
		rc=$?
		set -e
		[ "$rc" = 2 ] || fail "--$o --fix: exit $rc, expected 2"
		head -n 1 "$T/err" | grep -q -- "--$o has no --fix" || fail "--$o --fix: $(cat "$T/err")"
	done
	! ls "$T" | grep -q '^socklab-lab' || fail "a refused run left a session folder"
}

run_tests
