#!/bin/bash
# socklab grade and the session's ring, which the sandbox's user may write:
# a submission that smashes the ring's header and slots does not crash
# socklab (its root worker once died of SIGSEGV) and is graded, with the
# report saying what it found; one that forges records socklab's tracer
# never writes (state, pkt, note, proc reaped and zombie, other pids'
# calls) gets none of them into its session, and the report names them.
. "$(dirname "$0")/../lib.sh"

GRADE="$ROOT/tests/grade"

# Grades tests/grade/hostile/$1.c as echo-fork into out/; fails unless
# socklab ended as a grader does (0: all pass, 1: some fail), not killed by
# a signal. The result is out/result.json.
grade_hostile() {
	local rc=0
	mkdir -p sub
	cp "$GRADE/hostile/$1.c" sub/
	chmod -R a+rX sub
	socklab grade echo-fork "sub/$1.c" --json --out "$T/out" >result.json 2>stderr || rc=$?
	[ "$rc" -lt 128 ] || fail "socklab was killed by signal $((rc - 128)): $(tail -5 stderr)"
	! grep -q "socklab's worker was killed" result.json ||
		fail "socklab's worker was killed: $(jq -r '.checks[0].summary' result.json)"
	[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "exit $rc: $(tail -5 stderr)"
	[ -s out/report.txt ] || [ -n "$(find out -name report.txt -size +0)" ] ||
		fail "no report: $(ls -R out | head)"
	jq -e . result.json >/dev/null || fail "no JSON result: $(head -c 300 result.json)"
}

# The session of the graded submission.
session_dir() {
	jq -r .session result.json
}

test_a_submission_that_smashes_the_ring_does_not_crash_socklab() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	grade_hostile ring_smash
	jq -e '.build.ok // .build' result.json >/dev/null || fail "it did not build"
	jq -e '[.problems[] | select(test("the ring held [0-9]+ record"))] | length == 1' \
		result.json >/dev/null ||
		fail "the report does not name the slots it ignored: $(jq -c .problems result.json)"
	grep -q "the ring held" "$(find out -name report.txt | head -1)" ||
		fail "report.txt does not say it"
	session_counts_every_line "$(session_dir)"
}

test_records_forged_into_the_ring_stay_out_of_the_session() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local s starts
	grade_hostile ring_forge
	s=$(session_dir)
	[ -s "$s/events.jsonl" ] || fail "no events in $s"
	grep -q '"fn":"bind"' "$s/events.jsonl" || fail "the server's own calls are missing"
	if grep '"forged"' "$s/events.jsonl"; then
		fail "forged records reached the session"
	fi
	# Seven forged records each time the server starts (the scenario starts
	# it again to see SO_REUSEADDR).
	starts=$(ev "$s" 'select(.src == "proc" and .event == "exec" and (.path | endswith("/ring_forge")))' | wc -l)
	[ "$starts" -ge 1 ] || fail "the server never started"
	jq -e --arg n "$((7 * starts))" '[.problems[] | select(test("the ring held " + $n + " records"))] | length == 1' \
		result.json >/dev/null ||
		fail "the report does not count $((7 * starts)) forged records: $(jq -c .problems result.json)"
	[ "$(jq '.lost.ignored' "$s/session.json")" = $((7 * starts)) ] ||
		fail "session.json counts $(jq '.lost.ignored' "$s/session.json") ignored records, not $((7 * starts))"
	# Forged or not, the server is correct: what it forged changes no verdict.
	jq -e '[.checks[] | select(.pass | not)] | length == 0' result.json >/dev/null ||
		fail "a check did not pass: $(jq -c '[.checks[] | select(.pass | not)]' result.json)"
}

run_tests
