#!/bin/bash
# socklab show: a session as a text ladder (one line per event, starting
# with its time and ending with the event in words), as the old flat list
# (--flat), as JSON (--json), and one connection at a time (--conn).
. "$(dirname "$0")/../lib.sh"

FIX="$ROOT/tests/fixtures/sessions"

# The ladder of an echo conversation, exactly: a golden file, read and
# checked by eye once (tests/fixtures/sessions/echo/show.txt).
test_echo_ladder_is_the_golden_one() {
	socklab show "$FIX/echo" >out
	diff -u "$FIX/echo/show.txt" out || fail "the echo ladder changed (see the diff)"
}

# The same, for one connection, drawn in UTF-8: a Nagle stall's 40 ms gaps.
test_nagle_ladder_in_utf8_is_the_golden_one() {
	socklab show --conn 1 --utf8 "$FIX/nagle" >out
	diff -u "$FIX/nagle/show-conn1-utf8.txt" out || fail "the nagle ladder changed"
}

# Every event is one line that starts with its time and carries the words
# lab sheets and scripts grep for.
test_every_event_is_a_line_with_its_time_and_words() {
	socklab show "$FIX/eaddrinuse" >out
	grep -q '^0\.030412 .*  \[1202\] bind(3, 127\.0\.0\.1:9190) = -1 EADDRINUSE$' out ||
		fail "the failed bind is not one greppable line: $(cat out)"
	[ "$(grep -c '^[0-9]*\.[0-9]\{6\} ' out)" = "$(wc -l <"$FIX/eaddrinuse/events.jsonl")" ] ||
		fail "not one line per event"
	socklab show "$FIX/echo" >out
	grep -q '^0\.201430 .*#1 TCP 127\.0\.0\.1:40112 > 127\.0\.0\.1:9190 \[S\] seq=0 win=65495 len=0$' out ||
		fail "the SYN's line lost its words"
}

# The picture: arrows between the two columns, in the right direction,
# with the calls and states beside them.
test_arrows_go_between_the_right_columns() {
	socklab show "$FIX/echo" >out
	head -n 1 out | grep -q '127\.0\.0\.1:9190 .* 127\.0\.0\.1:40112' || fail "column heads"
	grep '#1 TCP' out | grep -q '|<-* SYN seq=0 -*|' || fail "the SYN goes from the client to the server"
	grep '#2 TCP' out | grep -q '|-* SYN,ACK seq=0 ack=1 -*>|' || fail "the SYN,ACK comes back"
	grep 'TIME_WAIT (60.0 s left)' out | grep -q '| TIME_WAIT 60 s ' || fail "TIME_WAIT at the client"
	grep -q '^ *:  *\.\.\. 199 ms \.\.\.  *:$' out || fail "no gap line for the 199 ms pause"
}

# A peer that is gone (lab 9): the RST is drawn with a heavy shaft and says
# why it was sent; the write that raised SIGPIPE and the call the server
# waited in say so in words.
test_a_reset_is_drawn_heavy_with_its_cause_and_sigpipe_and_waits_said() {
	socklab show "$FIX/peer-gone" >out
	grep '#13 TCP' out | grep -q '|=* RST seq=8 (data after close) =*>|' ||
		fail "the RST is not drawn heavy with its cause: $(grep '#13 TCP' out)"
	socklab show --utf8 "$FIX/peer-gone" >out8
	grep '#13 TCP' out8 | grep -q '━ RST seq=8 (data after close) ━' ||
		fail "no heavy UTF-8 shaft: $(grep '#13 TCP' out8)"
	grep -q 'write(3) EPIPE SIGPIPE .*\[16427\] write(3, 5 bytes) = -1 EPIPE, raised SIGPIPE$' out ||
		fail "the write that raised SIGPIPE: $(grep EPIPE out)"
	grep -q '\[16426\] blocked in read(4) for 0\.5 s so far$' out || fail "the blocked read is not said"
	grep -q '\[16426\] read(4, 1022 bytes) = 5, after waiting 1\.00 s$' out ||
		fail "the long read does not say how long it waited"
	grep '#10 TCP' out | grep -q 'FIN' || fail "the FIN"
	[ "$(grep -c '|=.*=>|' out)" = 1 ] || fail "only the RST is heavy: $(grep '|=' out)"
}

# The TCP analysis on the ladder and in words (lab 13's naive run): the
# receiver's zero window with the sender's blocked send() beside it, the
# window probes, the update; the words say the same, with the blocked call.
test_analysis_marks_and_blocked_calls() {
	socklab show "$FIX/flow" >out
	grep '#12 TCP' out | grep -Eq -- '\|-+ \[zero window\] ACK ack=128513 -+>\| send\(3\) blocked 212 ms' ||
		fail "the zero window's line: $(grep '#12 TCP' out)"
	grep '#12 TCP' out | grep -q 'win=0 len=0 \[zero window\] (send(3) of \[30212\] blocked 212 ms)$' ||
		fail "the zero window's words: $(grep '#12 TCP' out)"
	grep '#13 TCP' out | grep -Eq '\|<-+ \[window probe\] ACK ack=1 -+\|' ||
		fail "the probe's line: $(grep '#13 TCP' out)"
	grep -q '#20 TCP.*\[window update\]' out || fail "no window update"
	# Unmarked segments say nothing more.
	grep ' #1 TCP ' out | grep -q ' \[S\] seq=0 win=[0-9]* len=0$' ||
		fail "the SYN has marks: $(grep ' #1 TCP ' out)"
	socklab show --flat "$FIX/flow" | grep -q '#12 TCP .* win=0 len=0 \[zero window\]$' ||
		fail "--flat lost the mark"
}

# --flat is the list show printed before the ladder: time and words only.
test_flat_is_the_list_of_old() {
	socklab show --flat "$FIX/echo" >out
	[ "$(wc -l <out)" = 60 ] || fail "not 60 lines"
	grep -qv '^[0-9]*\.[0-9]\{6\} \(\[[0-9]*\] \|#[0-9]* \|[0-9.]*:[0-9]*>\)' out &&
		fail "a line that is not time and words: $(grep -v '^[0-9]*\.[0-9]\{6\} ' out | head -n 1)"
	sed -n 13p out | grep -qx '0\.201415 \[1202\] connect(3, 127\.0\.0\.1:9190) = 0' ||
		fail "line 13 is not the connect: $(sed -n 13p out)"
}

# --json stays exactly what was recorded.
test_json_is_exactly_the_recording() {
	socklab show --json "$FIX/fork20" >out
	cmp -s out "$FIX/fork20/events.jsonl" || fail "--json is not the recorded lines"
}

# --conn N draws only that connection's two ends.
test_conn_shows_one_connection() {
	socklab show --conn 5 "$FIX/fork20" >out
	head -n 1 out | grep -q '127\.0\.0\.1:9190 .* 127\.0\.0\.1:40105 *$' ||
		fail "not the two ends of connection 5: $(head -n 1 out)"
	grep -q '\[2206\]' out && fail "another child's calls in connection 5"
	grep -q '\[2205\] read(4) = 3' out || fail "connection 5's child is missing"
	if socklab show --conn 99 "$FIX/fork20" >out 2>err; then fail "--conn 99 succeeded"; fi
	grep -q 'no connection 99' err || fail "unclear error: $(cat err)"
}

# A damaged session is still shown, and the damage said.
test_a_damaged_session_is_shown_and_says_so() {
	socklab show "$FIX/malformed" >out 2>err || fail "show failed on a damaged session"
	[ "$(grep -c '^[0-9]*\.[0-9]\{6\} ' out)" = 60 ] || fail "the 60 intact events are not all shown"
	grep -q '2 lines skipped, not valid events (first: line 20: not JSON' err ||
		fail "the damage was not said: $(cat err)"
}

# Bad usage says what to do.
test_usage_errors() {
	if socklab show --conn x "$FIX/echo" 2>err; then fail "--conn x accepted"; fi
	grep -q "connection number, not 'x'" err || fail "unclear: $(cat err)"
	socklab show --help | grep -q -- '--flat' || fail "the help does not mention --flat"
}

run_tests
