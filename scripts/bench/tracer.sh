#!/bin/sh
# The call tracer's cost, and what the collector can take.
#   1. A loopback TCP ping-pong (32-byte messages, TCP_NODELAY), timed by
#      the program itself: untraced, under the tracer alone, in a whole
#      session, under strace -f. Target: tracer/untraced at most 1.05
#      (strace -f is about 4.5x).
#   2. Events a second the collector takes and writes, none lost.
#   3. Drops under a flood far faster than any collector: counted, and the
#      program not slowed down to wait.
set -eu
BUILD=${BUILD:-build}
SOCKLAB=$BUILD/bin/socklab
PROGS=$BUILD/tests/progs
ROUNDS=${ROUNDS:-20000}
RUNS=${RUNS:-7}
tmp=$(mktemp -d /tmp/socklab-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

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
c0=$("$PROGS/callcost" 200000)
rm -rf "$tmp/c"
c1=$("$SOCKLAB" trace --sources call --record "$tmp/c" -- "$PROGS/callcost" 200000 2>/dev/null)
echo "one cheap call (recv, MSG_DONTWAIT, empty socket): $c0 ns untraced, $c1 ns traced"

echo "collector, 1,000,000 typical call records, producer waits for room (none lost):"
"$BUILD/tests/bench/collector_rate" 1000000 | awk '{
	printf "  %d events written in %.2f s: %.0f events/s sustained, %d lost\n", $1, $2/1e9, $1/($2/1e9), $3 }'

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
