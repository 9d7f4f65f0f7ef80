#!/bin/bash
# The bytes of a segment or a call in the viewer (key x): shown in hex and
# as text for the event at the cursor, following it as it moves, hidden
# again by x or Esc; listed in the help; and the same bytes in
# `socklab show --json`, as recorded.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

command -v tmux >/dev/null || skip "tmux is not installed (scripts/install-deps.sh installs it)"

# Event 22 of the echo fixture is the client's segment "hello" (frame 4).
test_x_shows_a_segments_bytes_in_hex_and_text() {
	term_start 120 40 "socklab view $FIX/echo"
	term_wait "event 1/60"
	for _ in $(seq 21); do term_keys Right; done
	term_wait "event 22/60"
	term_keys x
	term_wait "frame 4, 127.0.0.1:40112 > 127.0.0.1:9190: 5 of 5 bytes"
	term_has "0000  68 65 6c 6c 6f" || { term_screen >&2; fail "no hex of hello"; }
	term_has "hello" || fail "no text of hello"
	# The box follows the cursor: the event before is the write() of it.
	term_keys Left
	term_wait "[1202] write(3): 5 of 5 bytes"
	# An event with no bytes says so.
	term_keys Home
	term_wait "no bytes kept"
	term_keys x
	term_wait_gone "(x hides this)"
	term_keys x
	term_wait "(x hides this)"
	term_keys Escape
	term_wait_gone "(x hides this)"
	term_keys q
	term_wait_exit 0
}

test_help_lists_the_bytes_key() {
	term_start 120 40 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys '?'
	term_wait "the bytes of the packet or call at the cursor"
	term_keys q q
	term_wait_exit 0
}

# A real recording: the segment's bytes as the capture had them, in the
# viewer and in show --json (and the calls that wrote and read them).
test_a_recorded_segments_bytes_appear_in_the_viewer_and_json() {
	need_root "packets need root"
	local port frame n
	port=$(free_port)
	socklab trace --record "$T/real" -- sh -c "'$PROGS/echo_fork_server' $port 1 & sleep 0.3;
		'$PROGS/echo_client' 127.0.0.1 $port socklab; sleep 0.3; wait" >/dev/null 2>&1 ||
		fail "the echo conversation could not be recorded"
	socklab show --json "$T/real" >"$T/json"
	frame=$(jq -r 'select(.src == "pkt" and .data == "736f636b6c6162") | .frame' "$T/json" | head -1)
	[ -n "$frame" ] || fail "no segment with the bytes of socklab in show --json"
	[ "$(jq -r 'select(.src == "call" and .data == "736f636b6c6162") | .fn' "$T/json" |
		sort -u | tr '\n' ' ')" = "read write " ] || fail "the calls do not carry the bytes"
	# The same bytes by tshark, in that frame.
	[ "$(tshark -r "$T/real/capture.pcap" -Y "frame.number == $frame" -T fields -e tcp.payload |
		tr -d :)" = 736f636b6c6162 ] || fail "tshark reads other bytes in frame $frame"
	n=$(jq -s 'map(.src == "pkt" and .frame == '"$frame"') | index(true) + 1' "$T/json")
	term_start 120 40 "socklab view $T/real"
	term_wait "event 1/"
	term_keys x
	for _ in $(seq $((n - 1))); do term_keys Right; done
	term_wait "frame $frame,"
	term_has "73 6f 63 6b 6c 61 62" || { term_screen >&2; fail "no hex of socklab"; }
	term_has "socklab" || fail "no text"
	term_keys q
	term_wait_exit 0
}

run_tests
