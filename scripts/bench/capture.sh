#!/bin/sh
# Capture completeness: a burst of small TCP segments over loopback
# (tests/progs/pingpong: one byte each way per round, Nagle off), traced
# by socklab while tcpdump captures the same port in the same run. Prints
# both counts, their ratio, and the kernel's drops for each. The target:
# equal counts, no drops. Needs root (both capture).
#
#   ROUNDS=60000 scripts/bench/capture.sh    (2 segments a round)
set -u
BUILD=${BUILD:-build}
ROUNDS=${ROUNDS:-60000}
SOCKLAB=$BUILD/bin/socklab
PROGS=$BUILD/tests/progs

if [ "$(id -u)" != 0 ]; then
	echo "capture: not measured: capturing needs root (run make bench as root)"
	exit 0
fi
dir=$(mktemp -d /tmp/socklab-bench.XXXXXX)
tcpdump_pid=
cleanup() {
	[ -z "$tcpdump_pid" ] || kill "$tcpdump_pid" 2>/dev/null
	rm -rf "$dir"
}
trap cleanup EXIT INT TERM
port=$("$PROGS/freeport")

# tcpdump as it is usually run, with socklab's buffer size (64 MiB); it is
# stopped 2 s after the traffic, when its last block (1 s) was handed over.
tcpdump -q -B 65536 -i lo -w "$dir/tcpdump.pcap" "tcp port $port" \
	2>"$dir/tcpdump.err" &
tcpdump_pid=$!
sleep 1
start=$(date +%s.%N)
"$SOCKLAB" trace --record "$dir/s" -- "$PROGS/pingpong" "$port" "$ROUNDS" 2>"$dir/socklab.err" || {
	cat "$dir/socklab.err"
	exit 1
}
end=$(date +%s.%N)
sleep 2
kill "$tcpdump_pid"
wait "$tcpdump_pid" 2>/dev/null
tcpdump_pid=

ours=$(jq -c 'select(.src == "pkt")' "$dir/s/events.jsonl" | wc -l)
frames=$(tcpdump -r "$dir/s/capture.pcap" 2>/dev/null | wc -l)
theirs=$(tcpdump -r "$dir/tcpdump.pcap" 2>/dev/null | wc -l)
our_drops=$(jq '.lost.pkt // "?"' "$dir/s/session.json")
their_drops=$(sed -n 's/^\([0-9]*\) packets dropped by kernel/\1/p' "$dir/tcpdump.err")
lost_calls=$(jq '.lost.call' "$dir/s/session.json")

echo "capture: $ROUNDS rounds of 1-byte ping-pong over loopback in $(awk "BEGIN { printf \"%.2f\", $end - $start }") s (traced)"
echo "capture: socklab pkt events  $ours (capture.pcap frames: $frames)"
echo "capture: tcpdump packets     $theirs"
echo "capture: ratio               $(awk "BEGIN { printf \"%.6f\", $ours / $theirs }")"
echo "capture: kernel drops        socklab $our_drops, tcpdump ${their_drops:-?}"
echo "capture: call events lost    $lost_calls"
[ "$ours" -ge 100000 ] || { echo "capture: FAIL: fewer than 100000 segments"; exit 1; }
[ "$ours" = "$theirs" ] && [ "$ours" = "$frames" ] && [ "$our_drops" = 0 ] || {
	echo "capture: FAIL: counts differ or packets were dropped"
	exit 1
}
