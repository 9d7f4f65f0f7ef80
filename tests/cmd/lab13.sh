#!/bin/bash
# Lab 13 (flow-control): a receiver that stops reading. Every run and
# option holds its checkpoints in every round (LAB_ROUNDS); tshark reads the
# naive capture and sees the zero window, and socklab's TCP analysis of
# each capture is tshark's, frame by frame; the ladder marks the zero
# window, the probes and the blocked send(); without root the packet
# checkpoints skip and nothing fails.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../analysis.sh"

# run_lab, then the analysis of its first run against tshark's.
run_lab_and_compare() { # NAME ARGS...
	local name=$1
	run_lab "$@"
	[ "$(id -u)" = 0 ] || return 0
	analysis_agreement "$T/$name-1/capture.pcap" "$T/$name-1/events.jsonl" "lab 13 $*" ||
		fail "lab 13 $*: the analysis differs from tshark's"
}

test_lab13_naive_the_window_closes_and_is_probed() {
	run_lab_and_compare l13 13
	need_root "the capture needs root"
	local zw probes
	zw=$(tshark -r "$T/l13-1/capture.pcap" -Y tcp.analysis.zero_window 2>/dev/null | wc -l)
	probes=$(tshark -r "$T/l13-1/capture.pcap" -Y tcp.analysis.keep_alive 2>/dev/null | wc -l)
	echo "tshark: $zw zero_window frames, $probes keep_alive frames (Linux's window probes)"
	[ "$zw" -ge 1 ] || fail "tshark sees no zero_window in the naive capture"
	[ "$probes" -ge 3 ] || fail "tshark sees $probes window probes (keep_alive)"
	socklab show "$T/l13-1" >"$T/ladder"
	grep -Eq -- "\|-+ \[zero window\] ACK.*->\|" "$T/ladder" || fail "no [zero window] arrow on the ladder"
	grep -q "\[window probe\] ACK" "$T/ladder" || fail "no [window probe] arrow on the ladder"
	grep -q "\[window update\]" "$T/ladder" || fail "no [window update] on the ladder"
	grep "\[zero window\]" "$T/ladder" | grep -Eq "send\(3\) blocked [0-9.]+ s" ||
		fail "no blocked send() beside a zero window: $(grep -m3 'zero window' "$T/ladder")"
}

test_lab13_small_receive_buffer() {
	run_lab_and_compare l13s 13 --small-rcvbuf
}

test_lab13_large_receive_buffer() {
	run_lab_and_compare l13l 13 --large-rcvbuf
}

test_lab13_nonblocking_sender_gets_eagain() {
	run_lab_and_compare l13n 13 --nonblocking
	ev "$T/l13n-1" 'select(.fn == "send" and .errno == "EAGAIN")' | grep -q . ||
		fail "no send() = -1 EAGAIN in the session"
}

test_lab13_fixed_the_reader_keeps_up() {
	run_lab_and_compare l13f 13 --fix
}

test_lab13_without_root_packet_checkpoints_skip() {
	need_root "to run socklab as another user"
	command -v setpriv >/dev/null || skip "setpriv is missing"
	chmod 711 "$T"
	mkdir -m 777 "$T/user"
	cd "$T/user"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$SOCKLAB" run 13 --no-view \
		--record "$T/user/run" >"$T/out" 2>&1 || fail "socklab run 13, not root: $(cat "$T/out")"
	grep -q '^all checkpoints hold' "$T/out" || fail "socklab run 13: $(cat "$T/out")"
	grep -Eq '^  SKIP +zero-window' "$T/out" || fail "zero-window did not skip: $(cat "$T/out")"
	grep -Eq '^  PASS +send-blocked' "$T/out" || fail "send-blocked needs no root: $(cat "$T/out")"
}

run_tests
