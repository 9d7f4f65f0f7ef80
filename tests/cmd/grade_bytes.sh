#!/bin/bash
# Student bytes are data: escape sequences a submission prints (a fake
# green PASS, cursor up, erase line, a carriage return, backspaces, a
# title, C1 controls) and control characters in its file names reach no
# report, no table on the terminal, no `socklab show` and no viewer raw,
# but as letters (\e, \r, \x9b, \u009b); bytes that are not UTF-8 never end
# a worker and never vanish: CP949 (what Korean Windows editors save) is
# transcoded, in the compiler's error too, other bytes escaped.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

GRADE="$ROOT/tests/grade"

# Fails unless file $1 ($2 says what it is) is UTF-8 holding no control
# character but newlines and tabs, and no C1 control: nothing in it can
# move a terminal's cursor, erase a line, or colour a word.
harmless() {
	local bad
	bad=$(LC_ALL=C grep -naP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$1" | head -3 | cat -v)
	[ -z "$bad" ] || fail "$2 holds raw control characters: $bad"
	iconv -f UTF-8 -t UTF-8 "$1" >/dev/null 2>&1 || fail "$2 is not UTF-8: $(cat -v "$1" | head -3)"
}

# Fails unless file $1 ($2) holds the text $3, as it is.
holds() {
	grep -qF -- "$3" "$1" || fail "$2 does not say $3: $(head -c 2000 "$1" | cat -v)"
}

# A class folder: hostile/escapes.c as it is, and an entry whose name
# holds an ESC and a newline (a forged row of the table) built by a
# Makefile that prints escapes too, into a program whose name holds one,
# without SO_REUSEADDR (so a check fails, and its transcript quotes what
# the server printed).
EVIL=$'evil\e[32m PASS\n  PASS  echo'
EVIL_ROW='evil\e[32m PASS\n  PASS  echo'
make_escapes_class() {
	mkdir -p class "class/$EVIL"
	cp "$GRADE/hostile/escapes.c" class/escapes.c
	cp "$GRADE/hostile/escapes.c" "class/$EVIL/server.c"
	printf '%s\n' 'all:' \
		"	@printf '\\033[2K\\033[A\\033[32mPASS\\r\\n'" \
		"	cc -DNO_REUSEADDR -o \"\$\$(printf 'server\\033[31m')\" server.c" >"class/$EVIL/Makefile"
}

test_escape_sequences_reach_no_report_table_or_show_raw() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local rc=0 evil_out f
	make_escapes_class
	socklab grade echo-fork class --jobs 2 --out out >report.txt 2>table.txt || rc=$?
	[ "$rc" = 1 ] || fail "exit $rc, expected 1 (the evil one fails reuseaddr): $(cat -v table.txt)"
	evil_out="out/$EVIL_ROW"
	[ -s "$evil_out/report.txt" ] || fail "no report under the escaped name: $(ls out | cat -v)"
	for f in report.txt table.txt out/escapes/report.txt "$evil_out/report.txt" out/grades.csv \
		out/escapes/build.log "$evil_out/build.log"; do
		harmless "$f" "$f"
	done
	# Graded as the servers they are, whatever they printed.
	jq -e '.score == 5 and .checked == 5' out/escapes/result.json >/dev/null ||
		fail "escapes.c is a correct server: $(jq -c '[.checks[] | {name, pass}]' out/escapes/result.json)"
	jq -e '.score == 4 and ([.checks[] | select(.pass | not) | .name] == ["reuseaddr"])' \
		"$evil_out/result.json" >/dev/null ||
		fail "the evil one fails reuseaddr alone: $(jq -c '[.checks[] | {name, pass}]' "$evil_out/result.json")"
	# The table: a header, two rows (the newline in a name forges none), the
	# escaped name in its row, its FAIL where it is.
	[ "$(grep -c 'PASS\|FAIL' table.txt)" = 2 ] || fail "the table has other rows than two: $(cat table.txt)"
	grep -qF "$EVIL_ROW 4/5" table.txt || fail "the table has no row of $EVIL_ROW: $(cat table.txt)"
	grep -q '^escapes  *5/5' table.txt || fail "escapes' row: $(cat table.txt)"
	# The report quotes the escapes as letters: the build's, the program's
	# name, and what the server printed (in the failed check's transcript).
	holds "$evil_out/report.txt" "the report" "== $EVIL_ROW: 4 of 5 checks pass"
	holds "$evil_out/report.txt" "the report" '| \e[2K\e[A\e[32mPASS\r'
	holds "$evil_out/report.txt" "the report" 'program: server\e[31m, built with: make'
	holds "$evil_out/report.txt" "the report" 'the server printed: start: \e[32mPASS\e[0m  echo: all 5 checks pass'
	holds "$evil_out/report.txt" "the report" 'printed: start: \u009b32mC1 CSI as U+009B\u009b0m'
	# result.json keeps the bytes (as JSON escapes), nothing dropped.
	jq -e '.build.output | contains("\u001b[2K\u001b[A")' "$evil_out/result.json" >/dev/null ||
		fail "result.json lost the build's bytes: $(jq .build.output "$evil_out/result.json")"
	# socklab show: the ladder (heads with the program's name) and the list.
	for s in out/escapes/session "$evil_out/session"; do
		socklab show "$s" >show.txt 2>&1 || fail "socklab show $s failed: $(cat show.txt)"
		harmless show.txt "socklab show $s"
		socklab show --flat "$s" >flat.txt 2>&1 || fail "socklab show --flat $s failed"
		harmless flat.txt "socklab show --flat $s"
	done
	holds show.txt "socklab show" 'server\e[31m'
	for s in 'printed: start: FAIL\rPASS  overwritten by a carriage return' \
		'printed: start: FAIL\b\b\b\bPASS  overwritten by backspaces' \
		'printed: start: \e]0;socklab grade: 5 of 5 checks pass\atitle set' \
		'printed: start: \e[2J\e[Hscreen cleared' \
		'printed: start: \x9b32mC1 CSI as a lone byte\x9b0m' \
		'printed: start: \u009b32mC1 CSI as U+009B\u009b0m' \
		'printed: client: DEL\x7f here'; do
		holds flat.txt "socklab show --flat" "$s"
	done
}

# Gradescope's results.json, JUnit XML and the --json line are read by
# people too.
test_gradescope_junit_and_json_hold_the_escapes_as_letters() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local rc=0
	mkdir evil
	cp "$GRADE/hostile/escapes.c" evil/server.c
	printf '%s\n' 'all:' "	cc -DNO_REUSEADDR -o server server.c" >evil/Makefile
	socklab grade echo-fork evil --gradescope gs.json --junit junit.xml --json --out out \
		>results.jsonl 2>stderr || rc=$?
	[ "$rc" = 1 ] || fail "exit $rc: $(cat stderr)"
	# --json may go to a terminal too: a C1 control is \u009b in it.
	harmless results.jsonl "the --json line"
	jq -e '[.checks[].transcript[]] | any(contains("\u009b32mC1 CSI as U+009B"))' results.jsonl \
		>/dev/null || fail "the --json line lost the C1 line: $(head -c 3000 results.jsonl)"
	jq -r '.output, .tests[].output' gs.json >gs.txt || fail "gs.json is not JSON"
	harmless gs.txt "Gradescope's output"
	holds gs.txt "Gradescope's output" 'printed: start: \e[32mPASS\e[0m'
	xmllint --noout junit.xml || fail "junit.xml is not XML"
	harmless junit.xml "junit.xml"
	holds junit.xml "junit.xml" 'printed: start: \e[32mPASS\e[0m'
}

# gcc's error quotes the source line in the file's own bytes: CP949 from
# a Korean Windows editor. The report shows it in Korean, build.error is
# the compiler's first error, result.json is JSON; nothing crashed.
test_a_cp949_source_that_does_not_compile_has_its_error_in_korean() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local rc=0
	iconv -f UTF-8 -t CP949 "$GRADE/bytes/cp949-broken.c" >server.c
	! iconv -f UTF-8 -t UTF-8 server.c >/dev/null 2>&1 || fail "the source is not CP949 but UTF-8"
	socklab grade echo-fork server.c --out out >report.txt 2>stderr || rc=$?
	[ "$rc" = 1 ] || fail "exit $rc, expected 1 (it does not build): $(cat stderr report.txt)"
	jq -e . out/server/result.json >/dev/null || fail "result.json is not JSON"
	jq -e '.build.ok == false and (.build.error | test("^server.c:15:[0-9]+: error: expected .;. before .return."))' \
		out/server/result.json >/dev/null || fail "build.error is not the compiler's: $(jq -c .build out/server/result.json)"
	jq -e '.build.output | contains("printf(\"안녕하세요, 서버를 시작합니다: %s\\n\", argv[1])")' \
		out/server/result.json >/dev/null || fail "the output lost the Korean: $(jq .build.output out/server/result.json)"
	harmless report.txt "the report"
	holds report.txt "the report" 'not built: server.c:15:'
	holds report.txt "the report" 'printf("안녕하세요, 서버를 시작합니다: %s\n", argv[1])'
	holds out/server/build.log "build.log" '안녕하세요'
	grep -q "worker" report.txt stderr && fail "a worker ended: $(cat report.txt stderr)"
	return 0
}

# A program that prints CP949, bytes that are no encoding, a NUL and
# UTF-8 Korean, handed in under a folder named in CP949 (a class folder
# unzipped from a Korean Windows machine): the worker lives, result.json
# is JSON, the row is named in Korean, every line is in the session
# (CP949 transcoded, the other bytes \xNN, the UTF-8 as it was).
test_cp949_and_broken_utf8_printed_at_run_time_are_kept_readable() {
	need_root "grading runs each submission in a network namespace, as a user of its own"
	local rc=0 notes name
	name=$(printf '김철수' | iconv -f UTF-8 -t CP949)
	mkdir -p "class/$name"
	cp "$GRADE/bytes/cp949-output.c" "class/$name/server.c"
	socklab grade echo-fork class --out out >report.txt 2>stderr || rc=$?
	[ "$rc" = 0 ] || fail "exit $rc, expected 0 (a correct server): $(cat stderr report.txt)"
	[ -d out/김철수 ] || fail "no results under the name in Korean: $(ls out | cat -v)"
	jq -e '.submission == "김철수" and .score == 5' out/김철수/result.json >/dev/null ||
		fail "not 김철수, 5 of 5: $(cat report.txt)"
	holds report.txt "the report" "== 김철수: 5 of 5 checks pass"
	notes=$(jq -r 'select(.kind == "output" and .role == "server") | .text' out/김철수/session/events.jsonl)
	for s in 'start: CP949: 서버를 시작합니다' 'start: UTF-8: 안녕하세요' \
		'start: broken: \xff\xfe and a lone \x80 end' 'start: stderr CP949: 서버를 시작합니다' \
		'NUL: before\x00after' 'client: CP949: 서버를 시작합니다'; do
		grep -qxF -- "$s" <<<"$notes" || fail "the session lost the line \"$s\": $notes"
	done
	socklab show --flat out/김철수/session >flat.txt
	harmless flat.txt "socklab show --flat"
	holds flat.txt "socklab show --flat" 'server printed: start: CP949: 서버를 시작합니다'
}

# The viewer draws a note's escapes as letters: the screen is not cleared,
# no line is overwritten by a carriage return or broken by a newline, the
# window keeps its title.
test_the_viewer_draws_escapes_in_a_session_as_letters() {
	command -v tmux >/dev/null || skip "tmux is not installed (scripts/install-deps.sh installs it)"
	local n
	mkdir s
	jq -c 'if .event == "exec" and .pid == 1201 then .path = "/home/student/srv\u001b[31m" else . end' \
		"$FIX/echo/events.jsonl" >s/events.jsonl
	jq -nc '{t: 203000000, src: "note", pid: 1201, kind: "output", role: "server",
		text: "\u001b[2J\u001b[H\u001b[32mALL PASS\u001b[0m FAIL\rPASS x\b\by \u009b31mC1 \u001b]2;pwned\u0007 one\ntwo"}' \
		>>s/events.jsonl
	n=$(wc -l <s/events.jsonl)
	jq ".events = $n" "$FIX/echo/session.json" >s/session.json
	term_start 160 48 "socklab view $T/s"
	term_wait "event 1/$n"
	term_keys End
	term_wait "event $n/$n"
	term_wait 'server printed: \e[2J\e[H\e[32mALL PASS\e[0m FAIL\rPASS x\b\by \u009b31mC1 \e]2;pwned\a one\ntwo'
	term_has "socklab $T/s" || { term_screen >&2; fail "the top line is gone"; }
	term_has 'srv\e[31m' || { term_screen >&2; fail "the program's name is not drawn escaped"; }
	[ "$(tmux -L "$TMUX_SOCK" display -p '#{pane_title}')" != pwned ] || fail "the note set the title"
	term_keys q
	term_wait_exit 0
}

run_tests
