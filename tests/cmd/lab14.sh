#!/bin/bash
# Lab 14 (loss): segments dropped by an nftables rule in a router. Every
# run and option holds its checkpoints in every round (LAB_ROUNDS); tshark
# reads the mid-stream drop's capture and sees a fast retransmission; the
# TCP analysis of each capture is tshark's, frame by frame; a segment held
# back by a forwarder arrives out of order; the lab's namespaces are gone
# after each run.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../analysis.sh"

# run_lab, then the analysis of its first run against tshark's, and no
# namespace of the lab left behind.
run_lab_and_compare() { # NAME ARGS...
	local name=$1
	need_root "lab 14 builds network namespaces"
	run_lab "$@"
	analysis_agreement "$T/$name-1/capture.pcap" "$T/$name-1/events.jsonl" "lab 14 $*" ||
		fail "lab 14 $*: the analysis differs from tshark's"
	no_lab_netns_left 14
}

test_lab14_a_mid_stream_drop_is_fast_retransmitted() {
	run_lab_and_compare l14 14
	local fast dups
	fast=$(tshark -r "$T/l14-1/capture.pcap" -Y tcp.analysis.fast_retransmission 2>/dev/null | wc -l)
	dups=$(tshark -r "$T/l14-1/capture.pcap" -Y tcp.analysis.duplicate_ack 2>/dev/null | wc -l)
	echo "tshark: $fast fast_retransmission, $dups duplicate_ack frames"
	[ "$fast" = 1 ] || fail "tshark sees $fast fast retransmissions, not 1"
	[ "$dups" -ge 2 ] || fail "tshark sees $dups duplicate ACKs"
	socklab show "$T/l14-1" >"$T/ladder"
	grep -q "\[fast retransmission\]" "$T/ladder" || fail "no [fast retransmission] on the ladder"
	grep -q "\[dup ACK #2\]" "$T/ladder" || fail "no [dup ACK #2] on the ladder"
}

test_lab14_a_tail_drop_waits_for_a_timer() {
	run_lab_and_compare l14t 14 --tail-drop
	[ "$(tshark -r "$T/l14t-1/capture.pcap" -Y tcp.analysis.retransmission 2>/dev/null | wc -l)" = 1 ] ||
		fail "tshark does not see exactly one retransmission"
	socklab show "$T/l14t-1" | grep "\[retransmission\]" | grep -Eq "read\([34]\) blocked [0-9]+ ms" ||
		fail "the retransmission has no blocked read() beside it"
}

test_lab14_random_loss_costs_time() {
	run_lab_and_compare l14r 14 --random-loss
}

# Held back by socklab's forwarder in the router, the 20th segment reaches
# the receiver after the 21st; the capture is on the receiver's link.
test_lab14_reordered_segment_arrives_late_not_lost() {
	run_lab_and_compare l14o 14 --reorder
	grep -q "the router delivered 1 segment late" "$T/l14o-1/events.jsonl" ||
		fail "the forwarder did not hold a segment"
	[ "$(tshark -r "$T/l14o-1/capture.pcap" -Y "tcp.analysis.lost_segment" 2>/dev/null | wc -l)" = 1 ] ||
		fail "tshark does not see the hole at the receiver"
}

# "sudo socklab run 14", as the sheet says: a lab with a network of its
# own stays root for its namespaces and rules, and the session is the
# user's at the end.
test_lab14_under_sudo_runs_and_the_user_owns_the_session() {
	need_root "to play sudo"
	chmod 755 "$T"
	SUDO_UID=65534 SUDO_GID=65534 socklab run 14 --no-view --record "$T/s" >"$T/out" 2>&1 ||
		fail "sudo socklab run 14: $(cat "$T/out")"
	grep -q '^all checkpoints hold' "$T/out" || fail "$(cat "$T/out")"
	for f in "$T/s" "$T/s/events.jsonl" "$T/s/capture.pcap" "$T/s/session.json"; do
		[ "$(stat -c %u "$f")" = 65534 ] || fail "$f belongs to uid $(stat -c %u "$f")"
	done
}

test_lab14_has_no_fix_and_says_why() {
	set +e
	socklab run 14 --fix --no-view >"$T/out" 2>"$T/err"
	local rc=$?
	set -e
	[ "$rc" = 2 ] || fail "exit $rc"
	grep -q "TCP itself repairs it" "$T/err" || fail "no reason given: $(cat "$T/err")"
}

run_tests
