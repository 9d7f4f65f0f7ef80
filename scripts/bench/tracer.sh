#!/bin/sh
# The call tracer's cost, and what the collector can take.
#   1. A loopback TCP ping-pong (32-byte messages, TCP_NODELAY), timed by
#      the program itself: untraced, under the tracer alone, in a whole
#      session, under strace -f. Target: tracer/untraced at most 1.05
#      (strace -f is about 4.5x).
#   2. One cheap call (recv on an empty socket, MSG_DONTWAIT): what the
#      tracer adds to it, and what strace -f adds (the reference), median
#      of CALL_RUNS runs each. Goal: +150 ns at most.
#   3. Events a second the collector takes and writes, none lost, for call
#      records as JSON and as the binary record of the data calls; the
#      reference is tcpdump printing a line per packet of a capture of as
#      many packets. Goal: 1,000,000 a second.
#   4. Drops under a flood far faster than any collector: counted, and the
#      program not slowed down to wait.
# Goals are printed as "goal:" lines (scripts/bench/goal.inc).
set -eu
BUILD=${BUILD:-build}
SOCKLAB=$BUILD/bin/socklab
PROGS=$BUILD/tests/progs
ROUNDS=${ROUNDS:-20000}
RUNS=${RUNS:-7}
CALL_RUNS=${CALL_RUNS:-9}
COLLECT_RUNS=${COLLECT_RUNS:-5}
tmp=$(mktemp -d /tmp/socklab-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
. "$(dirname "$0")/goal.inc"
status=0

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

untraced() { "$PROGS/roundtrip" "$ROUNDS"; }
# The tracer alone (--sources call), and a whole session (calls, packets,
# kernel states), whose capture costs the kernel a copy of every packet.
traced() {
	rm -rf "$tmp/$1"
	"$SOCKLAB" trace --sources "$2" --record "$tmp/$1" -- "$PROGS/roundtrip" "$ROUNDS" 2>/dev/null
}
straced() { strace -f -o /dev/null "$PROGS/roundtrip" "$ROUNDS"; }

# Interleaved, so a noisy moment hurts all alike.
: >"$tmp/u"; : >"$tmp/t"; : >"$tmp/a"; : >"$tmp/x"
for _ in $(seq "$RUNS"); do
	untraced >>"$tmp/u"
	traced s call >>"$tmp/t"
	traced all call,pkt,state >>"$tmp/a"
	straced >>"$tmp/x"
done
u=$(median <"$tmp/u"); t=$(median <"$tmp/t"); a=$(median <"$tmp/a"); x=$(median <"$tmp/x")
events=$(grep -c '"fn":"\(send\|recv\)"' "$tmp/s/events.jsonl" || true)
lost=$(jq '.lost.call' "$tmp/s/session.json")
echo "ping-pong, $ROUNDS round trips of 32 bytes over loopback TCP (median of $RUNS):"
awk -v u="$u" -v t="$t" -v a="$a" -v x="$x" -v r="$ROUNDS" 'BEGIN {
	printf "  untraced                 %8.1f ms  %6.2f us/round trip\n", u/1e6, u/r/1e3
	printf "  socklab, the tracer      %8.1f ms  %6.2f us/round trip   traced/untraced = %.3f\n", t/1e6, t/r/1e3, t/u
	printf "  socklab, whole session   %8.1f ms  %6.2f us/round trip   session/untraced = %.3f\n", a/1e6, a/r/1e3, a/u
	printf "  strace -f                %8.1f ms  %6.2f us/round trip   strace/untraced = %.3f\n", x/1e6, x/r/1e3, x/u
}'
echo "  the tracer recorded $events send/recv events, lost $lost"
# One cheap call, in rounds: untraced, traced, under strace -f (fewer calls:
# strace adds microseconds to each). What each adds is its time minus the
# untraced time of the same round, so a busy moment of the machine weighs
# on both; the median over the rounds.
: >"$tmp/c0"; : >"$tmp/c1"; : >"$tmp/cs"
for _ in $(seq "$CALL_RUNS"); do
	u=$("$PROGS/callcost" 200000)
	rm -rf "$tmp/c"
	t=$("$SOCKLAB" trace --sources call --record "$tmp/c" -- "$PROGS/callcost" 200000 2>/dev/null)
	x=$(strace -f -o /dev/null "$PROGS/callcost" 20000)
	echo "$u" >>"$tmp/c0"
	awk -v a="$t" -v b="$u" 'BEGIN { printf "%.0f\n", a - b }' >>"$tmp/c1"
	awk -v a="$x" -v b="$u" 'BEGIN { printf "%.0f\n", a - b }' >>"$tmp/cs"
done
c0=$(median <"$tmp/c0"); added=$(median <"$tmp/c1"); strace_added=$(median <"$tmp/cs")
c1=$(awk -v a="$c0" -v b="$added" 'BEGIN { printf "%.1f", a + b }')
cs=$(awk -v a="$c0" -v b="$strace_added" 'BEGIN { printf "%.1f", a + b }')
echo "one cheap call (recv, MSG_DONTWAIT, empty socket), median of $CALL_RUNS:"
echo "  untraced $c0 ns, traced $c1 ns (+$added ns), under strace -f $cs ns (+$strace_added ns)"
goal "tracer, one cheap call" "+$added ns" "strace -f: +$strace_added ns" \
	"$(ratio "$added" "$strace_added")" "<= +150 ns" "$(test "$added" -le 150 && echo met)" ||
	status=1

# The collector, for each kind of record: the median of COLLECT_RUNS runs,
# and every event lost in any of them.
collect() {
	kind=$1
	: >"$tmp/rates"
	lost=0
	for _ in $(seq "$COLLECT_RUNS"); do
		set -- $("$BUILD/tests/bench/collector_rate" 1000000 "$kind")
		awk -v n="$1" -v ns="$2" 'BEGIN { printf "%.0f\n", n / (ns / 1e9) }' >>"$tmp/rates"
		lost=$((lost + $3))
	done
	echo "$(median <"$tmp/rates") $lost"
}
set -- $(collect json) $(collect binary)
json=$1 json_lost=$2 bin=$3 bin_lost=$4
"$BUILD/tests/bench/pcapgen" 1000000 "$tmp/ref.pcap"
start=$(date +%s%N)
tcpdump -nn -r "$tmp/ref.pcap" >"$tmp/ref.txt" 2>/dev/null
tcpdump_rate=$(awk -v n="$(wc -l <"$tmp/ref.txt")" -v ns=$(($(date +%s%N) - start)) \
	'BEGIN { printf "%.0f", n / (ns / 1e9) }')
rm -f "$tmp/ref.pcap" "$tmp/ref.txt"
echo "collector, 1,000,000 call records, producer waits for room (median of $COLLECT_RUNS):"
echo "  as JSON (every call but the data calls): $json events/s, $json_lost lost"
echo "  as binary (send, recv, read, write...):  $bin events/s, $bin_lost lost"
echo "  tcpdump -r, a line per packet of 1,000,000: $tcpdump_rate packets/s"
goal "collector, JSON records" "$json /s" "tcpdump -r: $tcpdump_rate /s" \
	"$(ratio "$json" "$tcpdump_rate")" ">= 1,000,000 /s, none lost" \
	"$(test "$json" -ge 1000000 && test "$json_lost" = 0 && echo met)" || status=1
goal "collector, binary records" "$bin /s" "tcpdump -r: $tcpdump_rate /s" \
	"$(ratio "$bin" "$tcpdump_rate")" ">= 1,000,000 /s, none lost" \
	"$(test "$bin" -ge 1000000 && test "$bin_lost" = 0 && echo met)" || status=1

echo "flood, 4 threads x 500,000 getsockname() calls (drops expected, never waited for):"
start=$(date +%s%N)
"$PROGS/../conformance/flood" 4 500000 >/dev/null
plain=$(( $(date +%s%N) - start ))
rm -rf "$tmp/f"
start=$(date +%s%N)
"$SOCKLAB" trace --record "$tmp/f" -- "$PROGS/../conformance/flood" 4 500000 >/dev/null 2>&1
flood=$(( $(date +%s%N) - start ))
rec=$(grep -c getsockname "$tmp/f/events.jsonl" || true)
lost=$(jq '.lost.call' "$tmp/f/session.json")
awk -v p="$plain" -v f="$flood" -v rec="$rec" -v lost="$lost" 'BEGIN {
	printf "  recorded %d, dropped and counted %d (%.1f%%); run %.0f ms untraced, %.0f ms traced\n",
		rec, lost, 100*lost/(rec+lost), p/1e6, f/1e6 }'
exit $status
