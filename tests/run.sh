#!/bin/bash
# Runs the whole suite: the unit tests (Criterion), then the command-level
# tests (tests/cmd/*.sh, which run the built socklab). Ends with one line,
# "N passed, N failed, N skipped", and exits non-zero if anything failed.
#
#   BUILD=build tests/run.sh            everything
#   tests/run.sh tests/cmd/trace.sh     some files only
#   ONLY=test_name tests/run.sh FILE    one test of a file
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
UNIT_TIMEOUT=${UNIT_TIMEOUT:-120}
FILE_TIMEOUT=${FILE_TIMEOUT:-1800}
pass=0 failed=0 skipped=0
failures=()

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

run_unit() {
	local bin=$1 log
	log=$(mktemp)
	echo "== unit: $(basename "$bin")"
	# A test that hangs fails alone, after UNIT_TIMEOUT seconds.
	"$bin" --jobs 1 --timeout "$UNIT_TIMEOUT" 2>&1 | tee "$log" |
		grep -E 'FAIL|CRASH|Assertion|Synthesis|Warning|Timeout|timed out' || true
	local rc=${PIPESTATUS[0]}
	if ! grep -q 'Synthesis:' "$log"; then
		echo "FAIL    $(basename "$bin"): did not run to its summary (exit $rc)"
		failed=$((failed + 1))
		failures+=("$(basename "$bin")")
	else
		local before=$failed
		count_criterion "$log"
		if [ "$rc" != 0 ]; then
			failures+=("$(basename "$bin")")
			[ "$failed" != "$before" ] || failed=$((failed + 1))
		fi
	fi
	rm -f "$log"
}

run_shell() {
	local file=$1 log
	log=$(mktemp)
	echo "== $file"
	# A file whose tests hang is stopped after FILE_TIMEOUT seconds.
	timeout -k 10 "$FILE_TIMEOUT" bash "$file" 2>&1 | tee "$log"
	local line
	line=$(grep '^# ' "$log" | tail -n 1)
	local p f s
	p=$(echo "$line" | sed -n 's/.*: \([0-9]*\) passed.*/\1/p')
	f=$(echo "$line" | sed -n 's/.* \([0-9]*\) failed.*/\1/p')
	s=$(echo "$line" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p')
	if [ -z "$line" ]; then
		echo "FAIL    $file: did not run to its summary (hung past ${FILE_TIMEOUT}s, or died)"
		f=1
	fi
	pass=$((pass + ${p:-0}))
	failed=$((failed + ${f:-0}))
	skipped=$((skipped + ${s:-0}))
	[ "${f:-0}" = 0 ] || failures+=("$file")
	rm -f "$log"
}

if [ $# -gt 0 ]; then
	files=("$@")
else
	files=()
	# The binary of each test source there is: one left in the build from
	# a source since moved or removed is not run.
	while IFS= read -r f; do
		files+=("$BUILD/${f%.c}")
	done < <(find tests/unit -type f -name 'test_*.c' | sort)
	files+=(tests/cmd/*.sh)
fi
for f in "${files[@]}"; do
	if [ ! -e "$f" ]; then
		echo "FAIL    $f: not there (a unit test's binary is built by make tests)"
		failed=$((failed + 1))
		failures+=("$f")
		continue
	fi
	case $f in
	*.sh) run_shell "$f" ;;
	*) run_unit "$f" ;;
	esac
done

echo
if [ ${#failures[@]} -gt 0 ]; then
	echo "failed in: ${failures[*]}"
fi
echo "$pass passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
