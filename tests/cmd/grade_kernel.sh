#!/bin/bash
# socklab grade believes the kernel, not the trace: a broken echo-fork
# server that forges its trace in the ring (tests/grade/hostile/
# forge_trace.c: fake reaped, state, close, setsockopt, bind and listen
# records) fails exactly the checks the same server fails without forging,
# the report names each disagreement between the trace and the kernel, and
# the zombies it counts are the ones ps saw; a fork-per-client server that
# forks with syscall(SYS_fork), which the tracer does not see, fails
# echo-select's one-process, naming the raw fork.
. "$(dirname "$0")/../lib.sh"

GRADE="$ROOT/tests/grade"

# Each check's outcome, in order: [{name, pass, checked}, ...].
verdicts() {
	jq -c '[.checks[] | {name, pass, checked}]' "$1"
}

# The most zombies named $1 that ps saw at once, sampled every 50 ms into
# $2 until the file $3 exists.
count_zombies() {
	local most=0 n
	until [ -e "$3" ]; do
		n=$(ps -eo stat=,comm= | awk -v c="$1" '$1 ~ /^Z/ && $2 == c' | wc -l)
		[ "$n" -le "$most" ] || most=$n
		echo "$most" >"$2"
		sleep 0.05
	done
}

test_a_forged_trace_fails_what_the_honest_server_fails() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local name="forge$$" rc=0 forger
	cp "$GRADE/hostile/forge_trace.c" "$name.c"
	{
		echo '#define NO_FORGE 1'
		cat "$GRADE/hostile/forge_trace.c"
	} >honest.c
	bg count_zombies "$name" zombies.txt done
	socklab grade echo-fork "$name.c" --json --out out1 >forged.json 2>stderr1 &
	forger=$!
	socklab grade echo-fork honest.c --json --out out2 >honest.json 2>stderr2 || rc=$?
	wait "$forger" || true
	touch done
	[ "$rc" = 1 ] || fail "the honest server: exit $rc, expected 1: $(cat stderr2)"
	# The honest server fails what it is broken for, and nothing else.
	jq -e '[.checks[] | select(.pass | not) | .name] == ["reaps-children", "closes-fds", "reuseaddr"]
		and all(.checks[]; .checked)' honest.json >/dev/null ||
		fail "the honest server: $(jq -c '[.checks[] | {name, pass, checked, summary}]' honest.json)"
	grep -q '"forged: [0-9]* records' out1/"$name"/session/events.jsonl ||
		fail "the forging server forged nothing: $(jq -c .problems forged.json)"
	[ "$(verdicts forged.json)" = "$(verdicts honest.json)" ] ||
		fail "forging changed the verdicts: $(jq -c '[.checks[] | {name, pass, summary}]' forged.json)"
	# Each kind of forged fact is a problem, naming what the kernel saw.
	for said in 'the trace says child [0-9]+ was reaped at [0-9.]+ s; the kernel saw it a zombie' \
		'the trace says \[[0-9]+\] close\([0-9]+\) at [0-9.]+ s; the kernel saw no close: .* was in CLOSE_WAIT' \
		'the trace says \[[0-9]+\] setsockopt\(SO_REUSEADDR\) at [0-9.]+ s; the kernel saw no such call' \
		'the trace says \[[0-9]+\] listen\(\) = 0 at [0-9.]+ s; the kernel saw no such call'; do
		jq -e --arg re "$said" '.problems | any(test($re))' forged.json >/dev/null ||
			fail "no problem says /$said/: $(jq -c .problems forged.json)"
	done
	! jq -e '.problems | any(contains("the trace says"))' honest.json >/dev/null ||
		fail "the honest server's trace disagrees with the kernel: $(jq -c .problems honest.json)"
	# The zombies the report counts are those ps saw.
	local said_zombies
	said_zombies=$(jq -r '.checks[] | select(.name == "reaps-children") | .summary' forged.json |
		grep -oE '^[0-9]+ of the server')
	[ "${said_zombies%% *}" = "$(cat zombies.txt)" ] ||
		fail "the report counts ${said_zombies%% *} zombies, ps saw $(cat zombies.txt) at once"
}

# Where tracefs is missing (SOCKLAB_NO_WITNESS grades as if it were),
# /proc and sock_diag still judge: the forged trace fails the same checks,
# and the forged reaping and close are still named.
test_without_the_witness_proc_and_sock_diag_still_judge() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local forger
	cp "$GRADE/hostile/forge_trace.c" forge.c
	{
		echo '#define NO_FORGE 1'
		cat "$GRADE/hostile/forge_trace.c"
	} >honest.c
	SOCKLAB_NO_WITNESS=1 socklab grade echo-fork forge.c --json --out out1 >forged.json 2>stderr1 &
	forger=$!
	SOCKLAB_NO_WITNESS=1 socklab grade echo-fork honest.c --json --out out2 >honest.json 2>stderr2 || true
	wait "$forger" || true
	jq -e '[.checks[] | select(.pass | not) | .name] == ["reaps-children", "closes-fds", "reuseaddr"]' \
		honest.json >/dev/null || fail "the honest server: $(jq -c '[.checks[] | {name, pass, summary}]' honest.json)"
	[ "$(verdicts forged.json)" = "$(verdicts honest.json)" ] ||
		fail "forging changed the verdicts: $(jq -c '[.checks[] | {name, pass, summary}]' forged.json)"
	for said in 'the trace says child [0-9]+ was reaped' \
		'the trace says \[[0-9]+\] close\([0-9]+\) at [0-9.]+ s; the kernel saw it still open'; do
		jq -e --arg re "$said" '.problems | any(test($re))' forged.json >/dev/null ||
			fail "no problem says /$said/: $(jq -c .problems forged.json)"
	done
}

test_a_raw_fork_fails_one_process() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	socklab grade echo-select "$GRADE/hostile/raw_fork.c" --json --out out >raw.json 2>stderr || true
	jq -e '.checks[] | select(.name == "one-process") | .checked and (.pass | not)
		and (.summary | test("raw fork system call the tracer does not see"))' raw.json >/dev/null ||
		fail "one-process: $(jq -c '.checks[] | select(.name == "one-process")' raw.json)"
	jq -e '.checks[] | select(.name == "echo") | .pass' raw.json >/dev/null ||
		fail "the raw-fork server was not even echoed: $(jq -c '[.problems, .checks[0]]' raw.json)"
	jq -e '.problems | any(test("made [0-9]+ process(es)? with a raw fork system call"))' raw.json >/dev/null ||
		fail "no problem names the raw fork: $(jq -c .problems raw.json)"
}

run_tests
