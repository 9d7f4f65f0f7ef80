#!/bin/sh
# `make bench`: runs every benchmark in scripts/bench/ (each a small
# script that measures one thing and prints its numbers), one after the
# other, so they do not disturb each other on a small machine. Each prints
# its goals as "goal:" lines (scripts/bench/goal.inc): a figure, its
# reference measured in the same run (jq for reading, strace for tracing,
# tcpdump for capture), their ratio, and the goal. They are gathered in a
# table at the end. Fails if any benchmark fails or misses a goal.
set -u
BUILD=${BUILD:-build}
export BUILD
status=0
goals=$(mktemp /tmp/socklab-bench-goals.XXXXXX)
trap 'rm -f "$goals"' EXIT
for b in "$(dirname "$0")"/bench/*.sh; do
	[ -e "$b" ] || continue
	echo "== bench: $(basename "$b" .sh)"
	out=$(mktemp /tmp/socklab-bench-out.XXXXXX)
	sh "$b" >"$out" 2>&1 || { echo "bench: $(basename "$b") FAILED"; status=1; }
	grep -v '^goal: ' "$out"
	grep '^goal: ' "$out" | sed 's/^goal: //' >>"$goals"
	rm -f "$out"
	echo
done
echo "== goals: each figure against its reference, measured in the same run"
awk -F'|' 'BEGIN {
	fmt = "%-28s %-16s %-32s %7s  %-18s %s\n"
	printf fmt, "figure", "measured", "reference", "ratio", "goal", ""
} { printf fmt, $1, $2, $3, $4, $5, $6 }' "$goals"
exit $status
