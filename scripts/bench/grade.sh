#!/bin/sh
# Grading at scale: a class of 100 submissions (the echo-fork reference
# submissions of tests/grade/, the good and every fault, over and over),
# graded with --jobs 2 as an instructor would on a 2-core machine. Prints
# the time in all and per submission, and what was left behind: work
# folders in /tmp, rings or files in /dev/shm, processes of the sandbox
# users, cgroups, staged copies in /run/socklab. The target: nothing
# left, every submission graded (a row each), under 20 s a submission.
# Needs root (the sandbox).
#
#   SUBMISSIONS=100 JOBS=2 scripts/bench/grade.sh
set -u
BUILD=${BUILD:-build}
SUBMISSIONS=${SUBMISSIONS:-100}
JOBS=${JOBS:-2}
SOCKLAB=$BUILD/bin/socklab
REFS=tests/grade/echo-fork
TARGET_S=20

if [ "$(id -u)" != 0 ]; then
	echo "grade: not measured: the sandbox needs root (run make bench as root)"
	exit 0
fi
dir=$(mktemp -d /tmp/socklab-bench.XXXXXX)
trap 'rm -rf "$dir"' EXIT INT TERM
chmod 755 "$dir"

# What is there before, to tell what the run leaves. A ring whose socklab
# still runs (socklab-UID-PID-...) is another command's, not left behind.
leftovers() {
	ls -d /tmp/socklab-grade.* /run/socklab/lib-* /run/socklab/root-* 2>/dev/null
	for ring in /dev/shm/socklab-*; do
		[ -e "$ring" ] || continue
		pid=$(basename "$ring" | cut -d- -f3)
		kill -0 "$pid" 2>/dev/null || echo "$ring"
	done
	ps -eo uid=,pid=,args= | awk '$1 >= 2100000000 && $1 < 2100000256'
	find /sys/fs/cgroup -maxdepth 6 -name 'socklab-2100000*' 2>/dev/null
}
leftovers | sort >"$dir/before"

mkdir "$dir/class"
i=0
while [ "$i" -lt "$SUBMISSIONS" ]; do
	for ref in "$REFS"/*.c; do
		[ "$i" -lt "$SUBMISSIONS" ] || break
		i=$((i + 1))
		mkdir "$dir/class/$(printf 's%03d' "$i")"
		cp "$ref" "$dir/class/$(printf 's%03d' "$i")/server.c"
	done
done

start=$(date +%s.%N)
"$SOCKLAB" grade echo-fork "$dir/class" --jobs "$JOBS" --out "$dir/out" >"$dir/report.txt" 2>"$dir/err.txt"
rc=$?
end=$(date +%s.%N)
leftovers | sort >"$dir/after"

rows=$(($(wc -l <"$dir/out/grades.csv") - 1))
total=$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')
each=$(awk -v t="$total" -v n="$SUBMISSIONS" 'BEGIN { printf "%.2f", t / n }')
left=$(comm -13 "$dir/before" "$dir/after")
echo "submissions: $SUBMISSIONS, $JOBS at a time (exit status $rc)"
echo "graded:      $rows rows in grades.csv"
echo "time:        $total s in all, $each s per submission"
# Another grader running meanwhile (another checkout's tests) makes work
# folders, users and cgroups of its own: what appeared cannot be told ours.
others=$(ps -eo pid=,args= | awk '$2 ~ /bin\/socklab$/ && $3 == "grade" { print $1 }' | xargs)
if [ -n "$others" ] && [ -n "$left" ]; then
	echo "left behind: not judged: another socklab grade ran meanwhile (pid $others)"
	left=""
elif [ -z "$left" ]; then
	echo "left behind: nothing (/tmp, /dev/shm, /run/socklab, processes, cgroups)"
else
	echo "left behind:"
	echo "$left" | sed 's/^/  /'
fi
[ "$rc" -le 1 ] && [ "$rows" = "$SUBMISSIONS" ] && [ -z "$left" ] &&
	awk -v e="$each" -v t="$TARGET_S" 'BEGIN { exit !(e < t) }' || {
	echo "grade: FAILED (target: every row, nothing left, under $TARGET_S s each)"
	tail -5 "$dir/err.txt"
	exit 1
}
