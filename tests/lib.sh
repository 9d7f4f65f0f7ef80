# tests/lib.sh - what every shell test shares. Sourced by tests/cmd/*.sh.
#
# A test file defines functions named test_* and ends with `run_tests`.
# Each test runs in its own subshell, in its own temporary folder ($T),
# with `set -eu`; whatever it starts in the background with `bg` is killed
# when it ends, however it ends. A test passes when its function returns 0.
#
#   fail "why"       fail now, with a sentence
#   skip "why"       cannot run here (needs root, ...); a failure when
#                    SOCKLAB_NO_SKIP=1, as .ci/run sets
#   bg CMD...        start CMD in the background, killed at the end
#   free_port        a TCP port nobody uses now, from the kernel
#   socklab ARGS...  the socklab under test
#   ev DIR JQ        events of session DIR selected by a jq filter, as JSON lines
#   session_counts_every_line DIR   session.json's "events" = lines of events.jsonl
#   defer CMD...     run CMD when the test ends (last deferred, first run),
#                    before anything is killed or removed
#
# Each test gets its own XDG_RUNTIME_DIR ($T/.run), so a `socklab watch` open
# elsewhere by the same user is never joined by a test's `socklab trace`.

set -u
# socklab speaks the locale's language (docs/DESIGN.md, "Language"): the
# tests read its English, whatever the machine's locale; tests/cmd/i18n.sh
# asks for Korean itself.
export LC_ALL=C.UTF-8
unset LANGUAGE
BUILD=${BUILD:-build}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SOCKLAB="$ROOT/$BUILD/bin/socklab"
PROGS="$ROOT/$BUILD/tests/progs"
CONFORM="$ROOT/$BUILD/tests/conformance"
LABS="$ROOT/$BUILD/lib/socklab/labs"

# A checkout under a folder of mode 0700 (a home folder, mktemp -d) hides
# the build from other users, whom some tests become (setpriv nobody).
# Then, as root, the parts they run -- the build tree has the layout of an
# installation -- are staged in a folder anyone may read, for this file's
# tests, and removed at its end.
STAGE=""
_readable_by_others() {
	local p=$1
	[ -r "$p" ] || return 1
	while [ "$p" != / ] && [ -n "$p" ]; do
		[ "$(( $(stat -c '0%a' "$p") & 1 ))" = 1 ] || return 1
		p=$(dirname "$p")
	done
}
if [ "$(id -u)" = 0 ] && [ -x "$SOCKLAB" ] && ! _readable_by_others "$SOCKLAB"; then
	STAGE=$(mktemp -d /tmp/socklab-stage.XXXXXX)
	chmod 755 "$STAGE"
	mkdir -p "$STAGE/tests"
	cp -R "$ROOT/$BUILD/bin" "$ROOT/$BUILD/lib" "$ROOT/$BUILD/share" "$STAGE/"
	cp -R "$PROGS" "$CONFORM" "$STAGE/tests/"
	chmod -R go+rX "$STAGE"
	SOCKLAB="$STAGE/bin/socklab"
	PROGS="$STAGE/tests/progs"
	CONFORM="$STAGE/tests/conformance"
	LABS="$STAGE/lib/socklab/labs"
fi
export SOCKLAB PROGS CONFORM LABS ROOT

socklab() { "$SOCKLAB" "$@"; }

fail() {
	echo "    FAIL: $*" >&2
	exit 1
}

skip() {
	if [ "${SOCKLAB_NO_SKIP:-0}" = 1 ]; then
		echo "    FAIL (a skip is a failure here, SOCKLAB_NO_SKIP=1): $*" >&2
		exit 1
	fi
	echo "    skipped: $*" >&2
	exit 77
}

need_root() {
	[ "$(id -u)" = 0 ] || skip "needs root: $*"
}

bg() {
	"$@" &
	echo $! >>"$T/.bg_pids"
}

free_port() {
	"$PROGS/freeport"
}

ev() {
	jq -c "$2" "$1/events.jsonl"
}

# Waits until something listens on TCP port $1 (up to 5 s).
wait_listen() {
	for _ in $(seq 100); do
		if ss -Htln "sport = :$1" | grep -q .; then return 0; fi
		sleep 0.05
	done
	fail "nothing listens on port $1 after 5 s"
}

# Fails unless session.json of session $1 counts every line of its
# events.jsonl (notes appended after the collector included).
session_counts_every_line() {
	local lines counted
	lines=$(wc -l <"$1/events.jsonl")
	counted=$(jq -r .events "$1/session.json")
	[ "$lines" = "$counted" ] ||
		fail "$1: session.json counts $counted events, events.jsonl has $lines lines"
}

# How many times run_lab (and a lab file's own loops) run a lab: once in
# `make test`, three times in .ci/run (LAB_ROUNDS=3), where a checkpoint
# that holds only by luck shows.
ROUNDS=${LAB_ROUNDS:-1}

# socklab run ARGS... --no-view, $ROUNDS times, into $T/NAME-i; each run
# must exit 0 with "all checkpoints hold".
run_lab() {
	local name=$1 rc
	shift
	for i in $(seq "$ROUNDS"); do
		set +e
		socklab run "$@" --no-view --record "$T/$name-$i" >"$T/out" 2>"$T/err"
		rc=$?
		set -e
		[ "$rc" = 0 ] || fail "socklab run $* (round $i) exited $rc:
$(grep -v '^  PASS' "$T/out"; cat "$T/err")"
		grep -q '^all checkpoints hold' "$T/out" || fail "socklab run $* (round $i): $(cat "$T/out")"
		sources_worked "$T/$name-$i"
		session_counts_every_line "$T/$name-$i"
	done
}

# As root, every source the session lists must have run.
sources_worked() {
	[ "$(id -u)" = 0 ] || return 0
	local bad
	bad=$(jq -r '.sources | to_entries[] | select(.value.ok != true) | "\(.key): \(.value.why)"' \
		"$1/session.json")
	[ -z "$bad" ] || fail "as root, a source did not run in $1: $bad"
}

# The port session $1's server listened on.
listen_port() {
	ev "$1" 'select(.fn=="listen" and .ret==0) | .sock' | head -n 1 | sed 's/.*:\([0-9]*\)>.*/\1/'
}

# How many connections to port $2, in capture $1, the server sent data on.
served_connections() {
	tshark -r "$1" -Y "tcp.srcport == $2 && tcp.len > 0" -T fields -e tcp.stream 2>/dev/null |
		sort -u | wc -l
}

# Runs each lab given ("11 --fix") once as nobody: without root, every
# checkpoint holds or says SKIP; none fails.
labs_hold_without_root() {
	need_root "to run socklab as another user"
	command -v setpriv >/dev/null || skip "setpriv is missing"
	chmod 711 "$T"
	mkdir -m 777 "$T/user"
	cd "$T/user"
	for lab in "$@"; do
		# shellcheck disable=SC2086
		setpriv --reuid=65534 --regid=65534 --clear-groups "$SOCKLAB" run $lab --no-view \
			--record "$T/user/run-${lab// /}" >"$T/out" 2>&1 ||
			fail "socklab run $lab, not root: $(grep -E 'FAIL|socklab:' -A1 "$T/out")"
		grep -q '^all checkpoints hold' "$T/out" || fail "socklab run $lab: $(cat "$T/out")"
	done
}

# The namespaces of lab N that a socklab left behind: socklab-labN-PID-x
# whose PID is gone. Another run's, still going (a second checkout, a test
# running beside this one), is not this test's to judge.
lab_netns_left() { # LAB
	ip netns list 2>/dev/null | awk '{print $1}' | grep "^socklab-lab$1-[0-9]*-" |
		while read -r ns; do
			local pid=${ns#socklab-lab"$1"-}
			kill -0 "${pid%%-*}" 2>/dev/null || echo "$ns"
		done
}

no_lab_netns_left() { # LAB
	local left
	left=$(lab_netns_left "$1")
	[ -z "$left" ] || fail "namespaces left: $left"
}

defer() {
	printf '%s\n' "$*" >>"$T/.defer"
}

_cleanup() {
	if [ -f "$T/.defer" ]; then
		tac "$T/.defer" | while read -r cmd; do eval "$cmd" || true; done
	fi
	if [ -f "$T/.bg_pids" ]; then
		while read -r p; do kill "$p" 2>/dev/null || true; done <"$T/.bg_pids"
		sleep 0.1
		while read -r p; do kill -9 "$p" 2>/dev/null || true; done <"$T/.bg_pids"
	fi
	cd /
	rm -rf "$T"
}

# Runs test $1 in a subshell of its own, in a fresh $T; its status is the
# test's (0 passed, 77 skipped, anything else failed).
_run_test() {
	(
		T=$(mktemp -d /tmp/socklab-test.XXXXXX)
		trap _cleanup EXIT
		mkdir -m 700 "$T/.run"
		export XDG_RUNTIME_DIR="$T/.run"
		cd "$T"
		set -e
		"$1"
	)
}

# Says how test $1 went (status $2, started at $EPOCHREALTIME $3), counts it.
_count_test() {
	local secs
	secs=$(awk -v a="$3" -v b="$EPOCHREALTIME" 'BEGIN { printf "%d", b - a + 0.5 }')
	case $2 in
	0) echo "ok      $file: $1 ($secs s)"; pass=$((pass + 1)) ;;
	77) echo "skip    $file: $1 ($secs s)"; skipped=$((skipped + 1)) ;;
	*) echo "FAIL    $file: $1 ($secs s)"; failed=$((failed + 1)) ;;
	esac
}

# Runs the tests "$@" TESTS_AT_ONCE at a time, each one's output kept in a
# log and printed whole, with its verdict, when it ends.
_run_tests_together() {
	local logs t pid
	local -A running=() started=()
	logs=$(mktemp -d /tmp/socklab-tests.XXXXXX)
	while [ $# -gt 0 ] || [ ${#running[@]} -gt 0 ]; do
		while [ $# -gt 0 ] && [ ${#running[@]} -lt "$TESTS_AT_ONCE" ]; do
			started[$1]=$EPOCHREALTIME
			_run_test "$1" >"$logs/$1" 2>&1 </dev/null &
			running[$!]=$1
			shift
		done
		pid=""
		wait -n -p pid "${!running[@]}"
		rc=$?
		[ -n "$pid" ] || continue
		t=${running[$pid]}
		unset "running[$pid]"
		cat "$logs/$t"
		_count_test "$t" "$rc" "${started[$t]}"
	done
	rm -rf "$logs"
}

# Runs every test_* function of the file (only $ONLY if set), one after
# another, or TESTS_AT_ONCE at a time when the file sets it above 1 (its
# tests then must keep out of each other's way as files do: no fixed
# names, ports or counts shared between them). A name in TESTS_FIRST that
# is no test's fails as a test would.
run_tests() {
	file=$(basename "$0" .sh)
	pass=0 failed=0 skipped=0
	local tests=() t start
	# The tests named in TESTS_FIRST (the longest, for a file that runs
	# its tests side by side), then the others, in the order of their names.
	# shellcheck disable=SC2086
	for t in ${TESTS_FIRST:-} $(declare -F | awk '{print $3}' | grep '^test_' |
		grep -vxFf <(printf '%s\n' ${TESTS_FIRST:-})); do
		if [ -n "${ONLY:-}" ] && [ "$t" != "$ONLY" ]; then continue; fi
		tests+=("$t")
	done
	if [ "${TESTS_AT_ONCE:-1}" -gt 1 ] && [ ${#tests[@]} -gt 1 ]; then
		_run_tests_together "${tests[@]}"
	else
		for t in "${tests[@]}"; do
			start=$EPOCHREALTIME
			_run_test "$t"
			_count_test "$t" $? "$start"
		done
	fi
	[ -z "$STAGE" ] || rm -rf "$STAGE"
	echo "# $file: $pass passed, $failed failed, $skipped skipped"
	[ "$failed" = 0 ]
}
