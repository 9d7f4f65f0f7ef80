#!/bin/bash
# Runs the whole suite: the unit tests (Criterion) and the command-level
# tests (tests/cmd/*.sh, which run the built socklab). Ends with one line,
# "N passed, N failed, N skipped", and exits non-zero if anything failed.
#
#   BUILD=build tests/run.sh            everything, TEST_JOBS files at a time
#   tests/run.sh tests/cmd/trace.sh     some files only, one after another
#   ONLY=test_name tests/run.sh FILE    one test of a file
#   TEST_JOBS=1 tests/run.sh            everything, one file after another
#
# The whole suite runs TEST_JOBS files at once (default 4: the tests
# mostly wait, for programs, timers and the kernel): the unit binaries and
# the command-test files, which keep out of each other's way (each test has
# a temporary folder, a runtime folder and free ports of its own; network
# namespaces are named by pid; a sandbox user is taken under a lock). A
# file's output goes to a log, printed whole when the file ends, under
# "== FILE (N s)". A file with the line "# run: alone" in its header (it
# checks that no packet it did not send enters a session, and other tests'
# packets on lo would be such) runs first, by itself.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
UNIT_TIMEOUT=${UNIT_TIMEOUT:-120}
FILE_TIMEOUT=${FILE_TIMEOUT:-1800}
TEST_JOBS=${TEST_JOBS:-4}
case $TEST_JOBS in
'' | *[!0-9]* | 0)
	echo "tests/run.sh: TEST_JOBS is '$TEST_JOBS'; give a number of files to run at once, 1 or more" >&2
	exit 2
	;;
esac
pass=0 failed=0 skipped=0
failures=()
busy=0     # seconds spent in files, summed (a decimal number)
reported=0 # files that ended and were counted
logs=$(mktemp -d /tmp/socklab-run.XXXXXX)
declare -A running=() # pid of a running file -> its number in $files

count_criterion() {
	# "[====] Synthesis: Tested: 12 | Passing: 12 | Failing: 0 | Crashing: 0"
	local line
	line=$(grep 'Synthesis:' "$1" | tail -n 1)
	local p f
	p=$(echo "$line" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p')
	f=$(echo "$line" | sed -n 's/.*Failing: \([0-9]*\).*/\1/p')
	pass=$((pass + ${p:-0}))
	failed=$((failed + ${f:-0}))
}

# Runs file $1 with its output into $2; exits with the file's status.
# A unit test that hangs fails alone, after UNIT_TIMEOUT seconds; a
# command-test file whose tests hang is stopped after FILE_TIMEOUT seconds.
run_file() {
	case $1 in
	*.sh) timeout -k 10 "$FILE_TIMEOUT" bash "$1" >"$2" 2>&1 ;;
	*) "$1" --jobs 1 --timeout "$UNIT_TIMEOUT" >"$2" 2>&1 ;;
	esac
}

# Counts unit binary $1 from its log $2 (its exit status $3).
count_unit() {
	local name
	name=$(basename "$1")
	# A binary that failed is shown whole (an assertion's message is on
	# the lines after it), one that passed by its summary and warnings.
	if [ "$3" != 0 ]; then
		cat "$2"
	else
		grep -E 'FAIL|CRASH|Assertion|Synthesis|Warning|Timeout|timed out' "$2"
	fi
	if ! grep -q 'Synthesis:' "$2"; then
		echo "FAIL    $name: did not run to its summary (exit $3)"
		failed=$((failed + 1))
		failures+=("$name")
		return
	fi
	local before=$failed
	count_criterion "$2"
	if [ "$3" != 0 ]; then
		failures+=("$name")
		[ "$failed" != "$before" ] || failed=$((failed + 1))
	fi
}

# Counts command-test file $1 from its log $2: its last "# FILE: N passed,
# N failed, N skipped" line.
count_shell() {
	local line p f s
	line=$(grep '^# ' "$2" | tail -n 1)
	p=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
	if [ -z "$line" ]; then
		echo "FAIL    $1: did not run to its summary (hung past ${FILE_TIMEOUT}s, or died)"
		f=1
	fi
	pass=$((pass + ${p:-0}))
	failed=$((failed + ${f:-0}))
	skipped=$((skipped + ${s:-0}))
	[ "${f:-0}" = 0 ] || failures+=("$1")
}

# Whole seconds from $1 to $2, two $EPOCHREALTIME values.
seconds() {
	awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", b - a + 0.5 }'
}

# Adds the time from $1 to $2 to busy.
add_busy() {
	busy=$(awk -v s="$busy" -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", s + b - a }')
}

# In the background: runs file number $1 into $logs/$1.log, then writes
# "STATUS START END" to $logs/$1.end.
start_file() {
	local i=$1
	(
		trap - INT TERM
		start=$EPOCHREALTIME
		run_file "${files[$i]}" "$logs/$i.log" </dev/null
		echo "$? $start $EPOCHREALTIME" >"$logs/$i.end"
	) &
	running[$!]=$i
}

# File number $1 has ended: prints its header, its log (all of a
# command-test file's, a unit binary's failures and summary), and counts it.
report_file() {
	local i=$1 f=${files[$1]} rc start end secs
	read -r rc start end <"$logs/$i.end"
	secs=$(seconds "$start" "$end")
	add_busy "$start" "$end"
	case $f in
	*.sh)
		echo "== $f ($secs s)"
		cat "$logs/$i.log"
		count_shell "$f" "$logs/$i.log"
		;;
	*)
		echo "== unit: $(basename "$f") ($secs s)"
		count_unit "$f" "$logs/$i.log" "$rc"
		;;
	esac
	reported=$((reported + 1))
	rm -f "$logs/$i.log" "$logs/$i.end"
}

# Runs the files numbered "$@" one after another, each printed as it goes.
run_in_turn() {
	local i f start end
	for i in "$@"; do
		f=${files[$i]}
		case $f in
		*.sh)
			echo "== $f"
			start=$EPOCHREALTIME
			timeout -k 10 "$FILE_TIMEOUT" bash "$f" 2>&1 | tee "$logs/$i.log"
			end=$EPOCHREALTIME
			echo "== $f took $(seconds "$start" "$end") s"
			add_busy "$start" "$end"
			count_shell "$f" "$logs/$i.log"
			reported=$((reported + 1))
			rm -f "$logs/$i.log"
			;;
		*)
			start_file "$i"
			wait "$!"
			unset "running[$!]"
			report_file "$i"
			;;
		esac
	done
}

# Runs the files numbered "$@", TEST_JOBS at a time; each is printed whole
# when it ends.
run_together() {
	local next=1 pid
	local todo=("$@")
	while [ ${#todo[@]} -gt 0 ] || [ ${#running[@]} -gt 0 ]; do
		while [ ${#todo[@]} -gt 0 ] && [ ${#running[@]} -lt "$TEST_JOBS" ]; do
			start_file "${todo[0]}"
			todo=("${todo[@]:1}")
		done
		pid=""
		wait -n -p pid "${!running[@]}"
		if [ -z "$pid" ]; then
			# No child left to wait for: the files that wrote their end are
			# counted; any other is lost, and the count at the end says so.
			for pid in "${!running[@]}"; do
				[ ! -e "$logs/${running[$pid]}.end" ] || report_file "${running[$pid]}"
				unset "running[$pid]"
			done
			continue
		fi
		next=${running[$pid]}
		unset "running[$pid]"
		report_file "$next"
	done
}

stop_all() {
	local pid
	for pid in "${!running[@]}"; do pkill -TERM -P "$pid" 2>/dev/null; done
	wait
	rm -rf "$logs"
	exit 130
}
trap stop_all INT TERM
trap 'rm -rf "$logs"' EXIT

# Files run side by side use the build at once, and install.sh's `make
# install` would rebuild a stale one under the others' feet: the whole
# suite wants it up to date (make test builds it first).
if [ $# -eq 0 ] && [ -f Makefile ] && command -v make >/dev/null &&
	! make -q --no-print-directory BUILD="$BUILD" all tests >/dev/null 2>&1; then
	echo "tests/run.sh: $BUILD is older than the sources; build it first: make BUILD=$BUILD tests" >&2
	exit 2
fi

files=()
if [ $# -gt 0 ]; then
	files=("$@")
else
	# The command-test files first (the longest are there), then the
	# binary of each unit-test source there is: one left in the build from
	# a source since moved or removed is not run.
	files+=(tests/cmd/*.sh)
	while IFS= read -r f; do
		files+=("$BUILD/${f%.c}")
	done < <(find tests/unit -type f -name 'test_*.c' | sort)
fi
alone=() together=()
for i in "${!files[@]}"; do
	f=${files[$i]}
	if [ ! -e "$f" ]; then
		echo "FAIL    $f: not there (a unit test's binary is built by make tests)"
		failed=$((failed + 1))
		failures+=("$f")
	elif [ $# -gt 0 ] || [ "$TEST_JOBS" = 1 ] ||
		{ [[ $f == *.sh ]] && grep -q '^# run: alone' "$f"; }; then
		alone+=("$i")
	else
		together+=("$i")
	fi
done

wall=$EPOCHREALTIME
run_in_turn "${alone[@]}"
run_together "${together[@]}"
wall=$(seconds "$wall" "$EPOCHREALTIME")
# A file this script lost track of is a failure, never a silent pass.
if [ "$reported" != $((${#alone[@]} + ${#together[@]})) ]; then
	echo "FAIL    tests/run.sh: $reported of $((${#alone[@]} + ${#together[@]})) files reported"
	failed=$((failed + 1))
	failures+=(tests/run.sh)
fi

echo
if [ ${#failures[@]} -gt 0 ]; then
	echo "failed in: ${failures[*]}"
fi
echo "took $wall s; the files' own times add up to $(printf '%.0f' "$busy") s (TEST_JOBS=$TEST_JOBS)"
echo "$pass passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
