#!/bin/bash
# socklab grade: the reference submissions in tests/grade/ASSIGNMENT/ get
# exactly the verdicts their .expected files list; a class folder grades in
# parallel with a row per student and a CSV, and leaves no process, network
# namespace, cgroup or work folder behind; bad input gets a clear error.
#
# An .expected file has one line per fact (# starts a comment):
#   build ok|failed [TEXT]    the build, and TEXT in what it printed
#   problem TEXT              a problem of the run holds TEXT
#   note TEXT                 a note of the run (how it was run) holds TEXT
#   CHECK pass|fail|not-checked [TEXT]
#                             the check's outcome, and TEXT in its sentence
#                             or its evidence; "fail|not-checked" allows
#                             either, where the run's timing decides (say
#                             why in a comment)
# and lists every check of the assignment, no more. No check passes or
# fails without having been checked, and the score and the number checked
# are counted from the checks.
. "$(dirname "$0")/../lib.sh"

GRADE="$ROOT/tests/grade"
# Its tests run three at a time (tests/lib.sh): each grades in a sandbox of
# its own, as other checkouts' graders on the same machine do, and most of
# a grade is waiting for a submission's timeouts.
TESTS_AT_ONCE=${TESTS_AT_ONCE:-3}
# The longest first (2 minutes each on a loaded machine), the short ones
# fill in beside them.
TESTS_FIRST="test_echo_fork_references_get_their_expected_verdicts
test_echo_select_references_get_their_expected_verdicts
test_run_autograder_grades_in_a_made_up_autograder_tree
test_chat_references_get_their_expected_verdicts"

# The line of results.jsonl for submission $2, from the JSON lines in $1.
result_of() {
	jq -c --arg n "$2" 'select(.submission == $n)' "$1"
}

# Fails unless the result (JSON) has exactly the facts of the file.
compare_expected() {
	local res=$1 exp=$2 name want got key verdict text
	name=$(jq -r .submission <<<"$res")
	want=$(grep -vE '^(#|build |problem |note |$)' "$exp" | awk '{print $1}' | sort | xargs)
	got=$(jq -r '.checks[].name' <<<"$res" | sort | xargs)
	[ "$want" = "$got" ] || fail "$name: the checks are [$got], $exp lists [$want]"
	while read -r key verdict text; do
		case $key in
		'' | '#'*) continue ;;
		build)
			[ "$(jq -r .build.ok <<<"$res")" = "$([ "$verdict" = ok ] && echo true || echo false)" ] ||
				fail "$name: the build is not $verdict: $(jq -r .build.output <<<"$res")"
			[ -z "$text" ] || jq -e --arg t "$text" '.build.output | contains($t)' <<<"$res" >/dev/null ||
				fail "$name: the build output does not say \"$text\""
			;;
		problem | note)
			jq -e --arg k "${key}s" --arg t "$verdict $text" '.[$k] | any(contains($t))' <<<"$res" >/dev/null ||
				fail "$name: no $key says \"$verdict $text\": $(jq -c ".${key}s" <<<"$res")"
			;;
		*)
			local c
			c=$(jq -c --arg n "$key" '.checks[] | select(.name == $n)' <<<"$res")
			case "|$verdict|" in
			*"|$(jq -r 'if .checked == false then "not-checked" elif .pass then "pass" else "fail" end' <<<"$c")|"*) ;;
			*) fail "$name: $key should be $verdict: $(jq -c '{pass, checked, summary}' <<<"$c")" ;;
			esac
			[ -z "$text" ] || jq -e --arg t "$text" '[.summary] + .evidence | any(contains($t))' <<<"$c" >/dev/null ||
				fail "$name: $key does not say \"$text\": $c"
			;;
		esac
	done <"$exp"
	jq -e '.score == ([.checks[] | select(.pass)] | length) and
		.checked == ([.checks[] | select(.checked)] | length) and
		([.checks[] | select(.pass and (.checked | not))] | length) == 0' <<<"$res" >/dev/null ||
		fail "$name: score or checked miscounted: $(jq -c '{score, checked, max}' <<<"$res")"
}

# Grades every reference submission of assignment $1, two at a time, and
# compares each with its .expected file.
grade_references() {
	local a=$1 rc=0 exp name
	socklab grade "$a" "$GRADE/$a"/*.c --json --jobs 2 --out out >results.jsonl 2>stderr || rc=$?
	[ "$rc" = 1 ] || fail "exit status $rc, expected 1 (some checks fail): $(cat stderr)"
	for exp in "$GRADE/$a"/*.expected; do
		name=$(basename "$exp" .expected)
		local res
		res=$(result_of results.jsonl "$name")
		[ -n "$res" ] || fail "no result for $name"
		compare_expected "$res" "$exp"
		if jq -e '(.session // "") != ""' <<<"$res" >/dev/null; then
			session_counts_every_line "$(jq -r .session <<<"$res")"
		fi
	done
	[ "$(wc -l <results.jsonl)" = "$(ls "$GRADE/$a"/*.c | wc -l)" ] ||
		fail "one JSON line per submission expected"
}

test_echo_fork_references_get_their_expected_verdicts() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	grade_references echo-fork
}

test_echo_client_references_get_their_expected_verdicts() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	grade_references echo-client
}

test_file_transfer_references_get_their_expected_verdicts() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	grade_references file-transfer
}

test_udp_echo_references_get_their_expected_verdicts() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	grade_references udp-echo
}

test_echo_select_references_get_their_expected_verdicts() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	grade_references echo-select
}

test_chat_references_get_their_expected_verdicts() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	grade_references chat
}

# No process of the run is left: no student's (a sandbox user's), no
# socklab worker (its command line names $T), and none of socklab's drivers
# is inside a network namespace of the run (inode numbers of freed
# namespaces are reused, so a namespace alone does not say whose it is).
# Where socklab makes a sandbox's cgroups: the root of the v2 hierarchy,
# and in each v1 hierarchy, below the cgroup it runs in (this shell's). A
# cgroup left elsewhere (below another process's, a run of long ago) is
# not this run's.
sandbox_cgroup_parents() {
	local ctl path
	awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts
	while IFS=: read -r _ ctl path; do
		[ -n "$ctl" ] || continue
		awk -v c="$ctl" '$3 == "cgroup" { n = split($4, o, ",")
			for (i = 1; i <= n; i++) if (o[i] == c) { print $2; exit } }' /proc/self/mounts |
			sed "s|\$|${path%/}|"
	done </proc/self/cgroup
}

# Takes the lock of sandbox user $1 as a grader does, on the fd USER_LOCK
# (closed by the caller when it has looked); fails, without the lock, when
# another grader has that user now. Held, it keeps the others from taking
# the user (and making its cgroups) while the test looks for what is left.
hold_user() {
	exec {USER_LOCK}<>"/run/socklab/grade-uid-$(($1 - 2100000000)).lock"
	flock -n "$USER_LOCK" && return 0
	exec {USER_LOCK}>&-
	return 1
}

nothing_left() {
	local ns p uid drivers="${SOCKLAB%/bin/socklab}/lib/socklab/grade/"
	# The run's own sandbox users. Another grader (another test, another
	# checkout's tests) may take a user's slot as soon as the run lets it
	# go: what that user has then is the other grader's (its lock is held).
	for uid in $(jq -r '.sandbox.uid // empty' "$1" | sort -u); do
		hold_user "$uid" || continue
		if ps -eo uid= | awk -v u="$uid" '$1 == u' | grep -q .; then
			ps -eo uid,pid,stat,args | awk -v u="$uid" '$1 == u' >&2
			fail "processes of the sandbox user $uid are still running"
		fi
		exec {USER_LOCK}>&-
	done
	if ps -eo pid=,args= | grep -F "$T" | grep -v grep | grep -q .; then
		fail "a socklab worker is still running: $(ps -eo pid=,args= | grep -F "$T")"
	fi
	for ns in $(jq -r '.sandbox.netns // empty' "$1"); do
		for p in /proc/[0-9]*; do
			[ "$(readlink "$p/ns/net" 2>/dev/null)" = "$ns" ] || continue
			# A driver started from another test's folder is that test's
			# (this file's tests run side by side, with these drivers): its
			# sandbox took the inode number this run's namespace freed.
			case $(readlink "$p/cwd" 2>/dev/null) in
			"$T" | "$T"/* | "$T "*) ;;
			/tmp/socklab-test.*) continue ;;
			esac
			case $(readlink "$p/exe" 2>/dev/null) in
			"$drivers"*) fail "a driver is still in the network namespace $ns" ;;
			esac
		done
	done
	for uid in $(jq -r '.sandbox.uid // empty' "$1" | sort -u); do
		hold_user "$uid" || continue
		if find $(sandbox_cgroup_parents) -maxdepth 1 -name "socklab-$uid" 2>/dev/null | grep .; then
			fail "a sandbox cgroup is left"
		fi
		[ ! -e "/run/socklab/root-$uid" ] || fail "/run/socklab/root-$uid is left"
		exec {USER_LOCK}>&-
	done
}

# The server that ignores its argument (UNP's SERV_PORT 9877) gets the
# verdicts of the same server taking its port, and its report names the
# port; the client that connects to 9877 passes no check, its report names
# the address it tried, and --port 9877 grades it there.
test_a_program_is_graded_where_it_really_listens() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	socklab grade echo-fork "$GRADE/echo-fork/fixed-port.c" --json --out out1 >server.json ||
		fail "the fixed-port server did not pass: $(jq -c '.problems, .notes, [.checks[] | select(.pass == false)]' server.json)"
	[ "$(jq .port server.json)" = 9877 ] || fail "graded on port $(jq .port server.json)"
	grep -q "note: the server listens on 9877, not on the port it was given: it ignores its argument" \
		out1/fixed-port/report.txt || fail "the report does not name the port: $(cat out1/fixed-port/report.txt)"
	ev out1/fixed-port/session 'select(.src == "call" and .fn == "bind" and .ret == 0)' |
		grep -q '0.0.0.0:9877' || fail "the session shows no bind to 9877"
	! socklab grade echo-client "$GRADE/echo-client/fixed-port.c" --json --out out2 >client.json ||
		fail "the fixed-port client passed without --port"
	jq -e '.score == 0 and .checked == 0' client.json >/dev/null ||
		fail "a client that never connects passed or failed a check: $(jq -c '.checks' client.json)"
	jq -e '.notes | any(contains("connects to 127.0.0.1:9877, not to the port it was given") and contains("--port 9877"))' \
		client.json >/dev/null || fail "the address it tried is not named: $(jq -c .notes client.json)"
	socklab grade echo-client "$GRADE/echo-client/fixed-port.c" --port 9877 --json --out out3 >port.json ||
		fail "with --port 9877: $(jq -c '.problems, .checks' port.json)"
}

# A hostile submission, graded beside a classmate whose source holds a
# secret, in a class folder anyone may read: it reads the others' command
# lines in /proc, the folders named there, /tmp, the folders above its
# own; writes into the other sessions' rings; signals socklab; leaves files
# in /tmp and /dev/shm and a System V segment; writes into /etc and /usr.
# Its results hold nothing of its classmate's, nothing of it is left, it
# is graded like any other, and the classmate's grade is untouched.
test_a_hostile_submission_reaches_nothing_of_its_classmates() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local secret=CLASSMATE-SECRET-4c1f9e rc=0
	chmod 755 "$T"
	mkdir -p class/hostile class/victim
	cp "$GRADE/hostile/hostile.c" class/hostile/
	{
		echo "/* $secret */"
		cat "$GRADE/echo-fork/good.c"
	} >class/victim/server.c
	chmod -R a+rX class
	socklab grade echo-fork class --jobs 2 --json --out "$T/out" >results.jsonl 2>stderr || rc=$?
	[ "$rc" = 0 ] || fail "exit $rc: $(cat stderr; jq -c '{submission, problems, checks: [.checks[] | select(.pass == false)]}' results.jsonl)"
	grep -q "attack 1: other processes" out/hostile/session/events.jsonl ||
		fail "the hostile submission's attacks did not run"
	if grep -rlI -e "$secret" -e victim out/hostile; then
		fail "the hostile submission's results hold its classmate's: $(grep -rhI -e "$secret" -e victim out/hostile | head -3)"
	fi
	grep -q "saw 0 processes of other users, stopped 0 of them" out/hostile/session/events.jsonl ||
		fail "it saw other processes: $(grep -o 'saw [0-9]* processes[^"]*' out/hostile/session/events.jsonl)"
	grep -q "0 rings of others seen, 0 written into" out/hostile/session/events.jsonl ||
		fail "it reached another session's ring"
	grep -q 'leave /etc/socklab-hostile-was-here: Read-only file system' out/hostile/session/events.jsonl ||
		fail "it could write into /etc"
	for f in /tmp/socklab-hostile-was-here /dev/shm/socklab-hostile-was-here /etc/socklab-hostile-was-here; do
		[ ! -e "$f" ] || { rm -f "$f"; fail "it left $f"; }
	done
	! ipcs -m | grep -qi '0x0050c1ab' || fail "it left a System V segment"
	session_counts_every_line out/victim/session
	jq -c . "$T"/out/*/result.json >all.jsonl
	nothing_left all.jsonl
}

# Gradescope's results.json, as its autograder documentation specifies it:
# an object with a numeric "score" (the sum of the tests' scores here),
# optional "output" (text), "tests": objects with "name" (text), "score"
# and "max_score" (numbers), "status" ("passed" or "failed"), "output"
# (text) and "visibility" ("hidden", "after_due_date", "after_published",
# "visible"); no key it does not know.
gradescope_valid() {
	jq -e '
		def only($keys): (keys - $keys) == [];
		type == "object" and only(["score", "output", "tests", "visibility", "stdout_visibility",
			"execution_time", "output_format", "extra_data"])
		and (.score | type == "number") and ((.output // "") | type == "string")
		and (.tests | type == "array")
		and all(.tests[]; type == "object"
			and only(["name", "score", "max_score", "status", "output", "visibility",
				"number", "tags", "output_format", "name_format", "extra_data"])
			and (.name | type == "string") and (.score | type == "number")
			and (.max_score | type == "number") and .score <= .max_score
			and (.status == "passed" or .status == "failed")
			and (.output | type == "string")
			and (.visibility | IN("hidden", "after_due_date", "after_published", "visible")))
		and (.score == ([.tests[].score] | add // 0))' "$1" >/dev/null
}

# --gradescope writes a valid results.json with points from --rubric (1
# each without); --junit writes JUnit XML that xmllint reads, a FAIL a
# <failure>, a NOT CHECKED a <skipped>; a bad rubric is a usage error.
test_gradescope_and_junit_results_hold_every_check() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	printf '# points\necho 4\nconcurrent 2   # the lesson of the week\n' >rubric.txt
	socklab grade echo-fork "$GRADE/echo-fork/iterative.c" --gradescope gs.json --rubric rubric.txt \
		--junit junit.xml --out out >/dev/null 2>&1 || true
	gradescope_valid gs.json || fail "not Gradescope's format: $(cat gs.json)"
	jq -e '.score == 6 and ([.tests[].max_score] == [4, 2, 1, 1, 1]) and
		([.tests[].status] == ["passed", "failed", "failed", "passed", "passed"]) and
		(.tests[2].output | startswith("NOT CHECKED: ")) and
		(.tests[1].output | contains("1. assignment echo-fork"))' gs.json >/dev/null ||
		fail "the points or statuses are wrong: $(jq -c '.score, [.tests[] | {name, score, max_score, status}]' gs.json)"
	xmllint --noout junit.xml || fail "not XML: $(cat junit.xml)"
	[ "$(xmllint --xpath 'count(//testcase)' junit.xml)" = 5 ] &&
		[ "$(xmllint --xpath 'count(//testcase/failure)' junit.xml)" = 1 ] &&
		[ "$(xmllint --xpath 'count(//testcase/skipped)' junit.xml)" = 1 ] &&
		[ "$(xmllint --xpath 'string(//testcase[failure]/@name)' junit.xml)" = concurrent ] ||
		fail "JUnit: $(cat junit.xml)"
	local rc=0
	printf 'echo four\n' >bad.txt
	socklab grade echo-fork "$GRADE/echo-fork/good.c" --gradescope gs2.json --rubric bad.txt 2>err || rc=$?
	[ "$rc" = 2 ] && grep -q 'bad.txt:1: write the points of echo as a number' err || fail "bad rubric: $rc $(cat err)"
	rc=0
	printf 'zombies 1\n' >bad.txt
	socklab grade echo-fork "$GRADE/echo-fork/good.c" --rubric bad.txt 2>err || rc=$?
	[ "$rc" = 2 ] && grep -q "echo-fork has no check named 'zombies'" err || fail "unknown check: $rc $(cat err)"
}

# scripts/gradescope/ as Gradescope runs it, in a made-up /autograder
# (AUTOGRADER_ROOT) under a folder of mode 0700: setup.sh builds and
# installs socklab from the source in the zip, run_autograder grades the
# submission and writes a valid results.json, with the rubric's points.
test_run_autograder_grades_in_a_made_up_autograder_tree() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local ag="$T/autograder"
	mkdir -p "$ag/source/socklab" "$ag/submission"
	tar -C "$ROOT" --exclude=./build --exclude=./.git -cf - . | tar -xf - -C "$ag/source/socklab"
	cp "$ROOT/scripts/gradescope/setup.sh" "$ROOT/scripts/gradescope/run_autograder" "$ag/source/"
	echo "ASSIGNMENT=echo-fork" >"$ag/source/grade.conf"
	printf 'reuseaddr 3\n' >"$ag/source/rubric.txt"
	cp "$GRADE/echo-fork/no-reuseaddr.c" "$ag/submission/server.c"
	AUTOGRADER_ROOT="$ag" bash "$ag/source/setup.sh" >setup.log 2>&1 || fail "setup.sh: $(tail -20 setup.log)"
	[ -x "$ag/socklab/bin/socklab" ] || fail "setup.sh installed no socklab"
	cp "$ag/source/run_autograder" "$ag/run_autograder"
	AUTOGRADER_ROOT="$ag" "$ag/run_autograder" >run.log 2>&1 || fail "run_autograder failed: $(tail run.log)"
	local res="$ag/results/results.json"
	gradescope_valid "$res" || fail "not Gradescope's format: $(cat "$res")"
	jq -e '.score == 4 and ([.tests[] | select(.status == "failed") | .name] == ["reuseaddr"]) and
		(.tests[] | select(.name == "reuseaddr") | .max_score == 3 and (.output | contains("EADDRINUSE")))' \
		"$res" >/dev/null || fail "wrong results: $(jq -c . "$res")"
	grep -q "== submission: 4 of 5 checks pass" run.log || fail "the report is not in the log: $(head run.log)"
}

# A class folder with what real ones hold: a link that loops, a program
# built for another machine (an ARM ELF), a 2 GiB file beside a good
# source, folders named with spaces and Korean letters, a source that
# #includes a file outside its folder. Each bad one is one clear line in
# its row; the others are graded.
test_bad_input_in_a_class_folder_is_one_line_in_its_row() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local rc=0
	mkdir -p class/"John Smith" class/김철수 class/big class/incl
	cp "$GRADE/udp-echo/good.c" "class/John Smith/server.c"
	cp "$GRADE/udp-echo/good.c" class/김철수/server.c
	cp "$GRADE/udp-echo/good.c" class/big/server.c
	truncate -s 2G class/big/core
	ln -s loop class/loop
	{
		echo '#include "../common.h"'
		cat "$GRADE/udp-echo/good.c"
	} >class/incl/server.c
	echo 'int shared;' >class/common.h
	cp "$PROGS/freeport" class/arm
	printf '\267\000' | dd of=class/arm bs=1 seek=18 conv=notrunc 2>/dev/null # e_machine: EM_AARCH64
	socklab grade udp-echo class --jobs 2 --out "$T/out" >report.txt 2>stderr || rc=$?
	[ "$rc" = 1 ] || fail "exit status $rc: $(cat stderr)"
	grep -q '^arm  .* it is a program built for another machine (ARM 64-bit, aarch64)' stderr ||
		fail "arm: $(grep arm stderr)"
	grep -q '^incl .* it #includes ../common.h, outside its folder' stderr || fail "incl: $(grep incl stderr)"
	grep -q '^loop .* a symbolic link that leads back to itself (a loop)' stderr || fail "loop: $(grep loop stderr)"
	grep -q '^big  .* 2/2 .* PASS' stderr || fail "big: $(grep big stderr)"
	grep -q 'left out core (2048.0 MiB)' out/big/build.log || fail "the 2 GiB file is not said: $(cat out/big/build.log)"
	grep -q '^John Smith  .* 2/2 .* PASS  *PASS' stderr || fail "John Smith: $(cat stderr)"
	grep -q '^김철수  .* 2/2 .* PASS  *PASS' stderr || fail "김철수: $(cat stderr)"
	[ -s "out/김철수/report.txt" ] && [ -s "out/John Smith/report.txt" ] || fail "no report under the students' own names: $(ls out)"
	[ "$(tail -n +2 out/grades.csv | wc -l)" = 6 ] || fail "one row each: $(cat out/grades.csv)"
}

make_class() {
	mkdir -p class/alice class/bob class/carol class/erin class/frank
	cp "$GRADE/echo-fork/good.c" class/alice/echo.c
	cp "$GRADE/echo-fork/keeps-conn.c" class/bob/server.c
	cp "$ROOT/tests/progs/echo_client.c" class/bob/client.c
	printf 'all: server client\nserver: server.c\n\tcc -o server server.c\nclient: client.c\n\tcc -o client client.c\n' >class/bob/Makefile
	cp "$GRADE/echo-fork/no-compile.c" class/carol/
	cp "$GRADE/echo-fork/no-reap.c" class/dave.c
	cp "$GRADE/echo-fork/fork-bomb.c" class/erin/
	echo "not a submission" >class/README.txt
}

test_class_folder_grades_in_parallel_and_leaves_nothing_behind() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local rc=0 before after
	make_class
	before=$(ls -d /tmp/socklab-grade.* 2>/dev/null | sort)
	socklab grade echo-fork class --jobs 2 --out "$T/out" >report.txt 2>stderr || rc=$?
	[ "$rc" = 1 ] || fail "exit status $rc, expected 1: $(cat stderr)"
	[ "$(head -1 out/grades.csv)" = "submission,score,max,checked,echo,concurrent,reaps-children,closes-fds,reuseaddr,build,problems,session" ] ||
		fail "CSV header: $(head -1 out/grades.csv)"
	[ "$(tail -n +2 out/grades.csv | cut -d, -f1 | xargs)" = "alice bob carol dave erin frank" ] ||
		fail "one row per student expected: $(cat out/grades.csv)"
	grep -q '^alice,5,5,5,1,1,1,1,1,ok,' out/grades.csv || fail "alice: $(grep alice out/grades.csv)"
	grep -q '^bob,4,5,5,1,1,1,0,1,ok,' out/grades.csv || fail "bob: $(grep bob out/grades.csv)"
	grep -q '^carol,0,5,0,not checked,not checked,not checked,not checked,not checked,failed,' out/grades.csv ||
		fail "carol: $(grep carol out/grades.csv)"
	grep -q '^frank,0,5,0,.*,failed,' out/grades.csv || fail "frank: $(grep frank out/grades.csv)"
	grep -q '^erin .* 0/5 *[0-4]/5 .*NOT CHECKED' stderr || fail "the table does not say NOT CHECKED: $(cat stderr)"
	grep -q 'fork bomb' out/erin/report.txt || fail "erin's report does not say fork bomb"
	grep -q "there is no .c file and no Makefile" out/frank/report.txt || fail "frank: $(cat out/frank/report.txt)"
	for s in alice bob carol dave erin frank; do
		[ -s out/$s/report.txt ] && [ -s out/$s/result.json ] || fail "no report for $s"
		grep -q "== $s:" report.txt || fail "$s is not in the printed report"
	done
	jq -c . "$T"/out/*/result.json >results.jsonl
	nothing_left results.jsonl
	after=$(ls -d /tmp/socklab-grade.* 2>/dev/null | sort)
	# Another grader may run meanwhile (another checkout's tests): a folder
	# that appeared is ours unless one still runs.
	if [ -n "$(comm -13 <(echo "$before") <(echo "$after"))" ] &&
		! ps -eo args= | awk '$1 ~ /bin\/socklab$/ && $2 == "grade"' | grep -q .; then
		fail "a work folder is left: $after"
	fi
}

test_report_tells_a_student_what_went_wrong_and_where_to_look() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	socklab grade echo-fork "$GRADE/echo-fork/no-reuseaddr.c" --out out >report.txt || true
	grep -q "FAIL  reuseaddr" report.txt || fail "no FAIL line: $(cat report.txt)"
	grep -q "bind(3, 0.0.0.0:[0-9]*) = -1 EADDRINUSE" report.txt || fail "no bind evidence"
	grep -q "Set SO_REUSEADDR" report.txt || fail "no advice"
	grep -q "(see lab 5 (reuseaddr)" report.txt || fail "no hint to the lab"
	grep -q "socklab show out/no-reuseaddr/session" report.txt || fail "no pointer to the session"
	socklab show out/no-reuseaddr/session | grep -q "checkpoint FAIL reuseaddr" ||
		fail "the session does not hold the results"
}

# An instructor's checkout in a home folder of mode 0700 (Debian's
# default): the sandbox's user cannot read the tracer there, so socklab
# stages it, and grades as from anywhere else; the copy is gone after.
test_grading_works_from_a_folder_only_its_owner_can_read() {
	need_root "grading runs each submission as a user of its own"
	mkdir -m 700 "$T/home"
	make -C "$ROOT" --no-print-directory -s install BUILD="$BUILD" PREFIX=/sl DESTDIR="$T/home" \
		>"$T/make.log" 2>&1 || fail "make install: $(tail -5 "$T/make.log")"
	ls -d /run/socklab/lib-* 2>/dev/null | sort >"$T/staged.before" || true
	"$T/home/sl/bin/socklab" grade echo-fork "$GRADE/echo-fork/good.c" --json --out out \
		>res.json 2>err || fail "the good server did not pass from a 0700 folder: $(cat err;
			jq -c '.problems, [.checks[] | select(.pass == false)]' res.json)"
	jq -e '.score == .max' res.json >/dev/null || fail "not every check passed: $(cat res.json)"
	ls -d /run/socklab/lib-* 2>/dev/null | sort >"$T/staged.after" || true
	diff -q "$T/staged.before" "$T/staged.after" >/dev/null ||
		fail "the staged copy was left behind: $(cat "$T/staged.after")"
}

test_args_template_calls_the_program_as_it_wants() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	# The good server, called as `prog -p PORT`.
	sed 's/atoi(argv\[1\])/atoi(argv[2])/; s/argc != 2/argc != 3/' "$GRADE/echo-fork/good.c" >dashp.c
	socklab grade echo-fork dashp.c --args "-p {port}" --json --out out1 >with.json ||
		fail "with --args: $(jq -c '.checks[] | select(.pass == false)' with.json)"
	! socklab grade echo-fork dashp.c --json --out out2 >without.json || fail "passed without --args"
	jq -e '.problems | any(contains("before it listened on port"))' without.json >/dev/null ||
		fail "no problem says it never listened: $(jq -c .problems without.json)"
}

test_a_makefile_that_builds_two_programs_needs_prog() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	mkdir two
	cp "$GRADE/echo-fork/good.c" two/alpha.c
	cp "$GRADE/echo-fork/good.c" two/beta.c
	printf 'all: alpha beta\nalpha: alpha.c\n\tcc -o alpha alpha.c\nbeta: beta.c\n\tcc -o beta beta.c\n' >two/Makefile
	! socklab grade echo-fork two --json --out out1 >without.json || fail "graded without --prog"
	jq -e '.build.ok == false and (.build.output | contains("make built 2 programs")) and
		(.build.output | contains("--prog NAME"))' without.json >/dev/null ||
		fail "no clear build error: $(jq -c .build without.json)"
	socklab grade echo-fork two --prog beta --json --out out2 >with.json ||
		fail "with --prog: $(jq -c .build with.json)"
	[ "$(jq -r .program with.json)" = beta ] || fail "graded $(jq -r .program with.json)"
}

test_under_sudo_the_grader_stays_root_to_run_the_sandbox() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	# As from `sudo socklab grade`: socklab drops root under sudo, but not
	# while grading, or no program could start as the sandbox's user.
	SUDO_UID=65534 SUDO_GID=65534 socklab grade udp-echo "$GRADE/udp-echo/good.c" --json \
		--out out >res.json || fail "$(jq -c '.problems, .checks' res.json)"
	[ "$(jq '.score' res.json)" = 2 ] || fail "score $(jq .score res.json)"
	jq -e '.sandbox.isolated' res.json >/dev/null || fail "not isolated under sudo"
	[ "$(ev out/good/session 'select(.src == "pkt")' | wc -l)" -gt 0 ] ||
		fail "no packets from the sandbox's loopback"
}

test_under_sudo_the_results_belong_to_the_user_who_ran_sudo() {
	need_root "to grade as root through sudo, for an unprivileged user (nobody)"
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is missing"
	chmod 711 "$T" # nobody may reach out/, but not list or change $T
	SUDO_UID=65534 SUDO_GID=65534 socklab grade udp-echo "$GRADE/udp-echo/good.c" --json \
		--out out >res.json || fail "$(jq -c '.problems, .checks' res.json)"
	[ -s out/grades.csv ] && [ -s out/good/report.txt ] && [ -s out/good/session/events.jsonl ] ||
		fail "the results are incomplete: $(find out)"
	local theirs
	theirs=$(find out \( ! -uid 65534 -o ! -gid 65534 \) -printf '%u:%g %p\n')
	[ -z "$theirs" ] || fail "not handed to the user who ran sudo: $theirs"
	# The instructor can edit and delete them without sudo.
	setpriv --reuid=65534 --regid=65534 --clear-groups sh -c \
		'echo "checked by hand" >>out/good/report.txt && rm -r out/good out/grades.csv' ||
		fail "the user who ran sudo cannot change or delete the results"
	[ ! -e out/good ] || fail "out/good is still there"
}

# Without root no sandbox can be made: socklab grade runs nothing and
# exits 2, saying to run it as root or pass --unisolated; with
# --unisolated it grades, and says once what is not isolated.
test_without_root_it_grades_only_when_told_unisolated() {
	need_root "to run socklab grade as an unprivileged user (nobody)"
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is missing"
	chmod 777 "$T"
	# A copy nobody can read, wherever the checkout is.
	cp "$GRADE/udp-echo/good.c" "$T/good.c"
	chmod 644 "$T/good.c"
	local rc=0
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SOCKLAB" grade udp-echo "$T/good.c" --json --out out0 >res0.json 2>stderr0 || rc=$?
	[ "$rc" = 2 ] || fail "exit $rc without root and without --unisolated: $(cat stderr0)"
	grep -q "not root" stderr0 && grep -q -- "--unisolated" stderr0 || fail "no clear message: $(cat stderr0)"
	[ ! -e out0 ] && [ ! -s res0.json ] || fail "it graded all the same: $(ls out0 2>&1)"
	rc=0
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SOCKLAB" grade udp-echo "$T/good.c" --unisolated --json --out out >res.json 2>stderr || rc=$?
	[ "$rc" = 0 ] || fail "exit $rc: $(cat stderr) $(cat res.json)"
	jq -e '.isolation == "container" and .sandbox.isolated == false and (.sandbox.missing | contains("not root"))' res.json >/dev/null ||
		fail "the result does not say what is not isolated: $(jq -c '{isolation, sandbox}' res.json)"
	grep -q "isolation: container (--unisolated); not isolated: socklab is not root" stderr ||
		fail "stderr does not say it: $(cat stderr)"
	[ "$(grep -c "not isolated" out/good/report.txt)" = 1 ] || fail "the report does not say it once: $(cat out/good/report.txt)"
}

test_usage_errors_exit_2_with_a_message() {
	local rc=0
	socklab grade nope x.c 2>err || rc=$?
	[ "$rc" = 2 ] && grep -q "there is no assignment 'nope'" err && grep -q "echo-fork" err ||
		fail "unknown assignment: exit $rc: $(cat err)"
	rc=0
	socklab grade echo-fork missing.c 2>err || rc=$?
	[ "$rc" = 2 ] && grep -q "missing.c: no such file or folder" err || fail "missing path: $(cat err)"
	rc=0
	socklab grade echo-fork 2>err || rc=$?
	[ "$rc" = 2 ] || fail "no path: exit $rc"
	socklab grade --help | grep -q "reaps-children" || fail "--help does not list the checks"
	socklab --help | grep -q "grade" || fail "socklab --help does not list grade"
}

run_tests
