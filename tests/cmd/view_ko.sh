#!/bin/bash
# The viewer in Korean in a real terminal (tmux, LANG=ko_KR.UTF-8): its
# panes, help and lab pane say Korean, and no line is wider than the
# terminal at 80x24 and 160x48, Hangul being two columns a syllable; a
# program's Korean bytes show as Korean.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

command -v tmux >/dev/null || skip "tmux is not installed (scripts/install-deps.sh installs it)"
locale -a 2>/dev/null | grep -qix 'ko_KR.utf8' ||
	skip "the ko_KR.UTF-8 locale is not generated (scripts/install-deps.sh makes it)"

export TERM_LANG=ko_KR.UTF-8

# screen_fits W: every line of the screen takes at most W columns, counted
# as a terminal counts them (wide characters two, combining marks none).
screen_fits() {
	term_screen | python3 -c '
import sys, unicodedata
w = int(sys.argv[1])
def cols(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
bad = [l for l in sys.stdin.read().split("\n") if cols(l) > w]
for l in bad:
    print("%d columns: %s" % (cols(l), l), file=sys.stderr)
sys.exit(1 if bad else 0)' "$1"
}

test_the_panes_and_the_help_are_korean_and_fit() {
	local size w h
	for size in 80x24 160x48; do
		w=${size%x*} h=${size#*x}
		term_start "$w" "$h" "socklab view $FIX/echo"
		term_wait "이벤트 1/60"
		term_keys End
		term_wait "이벤트 60/60"
		# Narrow screens show the panes as tabs; wide ones all at once.
		term_has "소켓 (" || { term_screen >&2; fail "$size: no Korean sockets pane"; }
		term_has "? 키 도움말" || { term_screen >&2; fail "$size: the status line is not Korean"; }
		term_has "ESTABLISHED" || term_has "TIME_WAIT" ||
			{ term_screen >&2; fail "$size: a TCP state name was translated"; }
		screen_fits "$w" || { term_screen >&2; fail "$size: a line is wider than the terminal"; }
		term_keys '?'
		term_wait "socklab 뷰어: 키"
		for line in "화면 다시 그리기" "이벤트 하나 뒤로 / 앞으로"; do
			term_has "$line" || { term_screen >&2; fail "$size: the help lacks: $line"; }
		done
		screen_fits "$w" || { term_screen >&2; fail "$size: the help is wider than the terminal"; }
		term_keys q q
		term_wait_exit 0
	done
}

# The sockets' header is padded by display width: its Korean words start
# at the columns of the rows under them (the state column of "상태" is
# where the rows' ESTABLISHED or TIME_WAIT starts).
test_the_sockets_header_lines_up_with_its_rows() {
	term_start 160 48 "socklab view $FIX/echo"
	term_wait "이벤트 1/60"
	term_keys End
	term_wait "TIME_WAIT"
	term_screen | python3 -c '
import sys, unicodedata
def cols(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
lines = sys.stdin.read().split("\n")
head = [l for l in lines if "소켓 (로컬>상대)" in l]
rows = [l for l in lines if "TIME_WAIT" in l and "/" in l and ":" in l]
if not head or not rows:
    sys.exit("no header or no row: %r %r" % (head, rows))
h = cols(head[0][:head[0].index("상태")])
for r in rows:
    for st in ("ESTABLISHED", "TIME_WAIT", "CLOSE_WAIT", "LAST_ACK", "FIN_WAIT"):
        if st in r:
            c = cols(r[:r.index(st)])
            if c == h:
                sys.exit(0)
sys.exit("state column at %d, rows: %r" % (h, rows))' ||
		{ term_screen >&2; fail "the sockets header does not line up"; }
	term_keys q
	term_wait_exit 0
}

test_the_lab_pane_is_korean() {
	local size w h
	for size in 160x48 80x24; do
		w=${size%x*} h=${size#*x}
		term_start "$w" "$h" "socklab run 7 --record $T/run-$size"
		[ "$w" = 80 ] && { term_wait "끝남"; term_keys Tab Tab Tab Tab; }
		# The word is Korean; the checkpoint's name after it stays English.
		term_wait "통과   boundaries"
		screen_fits "$w" || { term_screen >&2; fail "$size: a line is wider than the terminal"; }
		term_keys q
		term_wait_exit 0
	done
}

# cols_of TEXT: the display columns of TEXT (wide characters two).
COLS_PY='
import sys, unicodedata
def cols(s):
    return sum(0 if unicodedata.combining(c) else
               2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)'

# record_korean DIR: a session of an echo client whose argument (in its
# exec event) is Korean.
record_korean() {
	local port
	port=$(free_port)
	# By name, not by path: the Korean argument is then near the line's start.
	PATH="$PROGS:$PATH" socklab trace --record "$1" -- sh -c "echo_fork_server $port 1 &
		sleep 0.3; echo_client 127.0.0.1 $port '안녕'; sleep 0.3; wait" >/dev/null 2>&1 ||
		fail "the Korean echo could not be recorded"
	grep -q '안녕' "$1/events.jsonl" || fail "the session does not hold the Korean text"
}

# A program's Korean text: the viewer shows the syllables, not \xNN, and
# its lines still fit.
test_a_programs_korean_shows_as_korean_in_the_viewer() {
	local size w h
	record_korean "$T/ko"
	for size in 160x48 80x24; do
		w=${size%x*} h=${size#*x}
		term_start "$w" "$h" "socklab view $T/ko"
		term_wait "이벤트 1/"
		term_keys / e x e c Enter
		term_wait "필터 /exec"
		# The last exec is the shell's sleep; the one before it the client's,
		# in the status line (and at 160x48 in the events pane too).
		term_keys End Left
		term_wait "exec echo_client 127.0.0.1"
		term_wait " 안녕"
		screen_fits "$w" || { term_screen >&2; fail "$size: a line is wider than the terminal"; }
		term_has '\xec' && { term_screen >&2; fail "$size: Korean bytes shown escaped"; }
		term_keys q
		term_wait_exit 0
	done
}

# socklab show in Korean: the program's Korean is Korean, and the ladder's
# columns (its first rail) stay at one display column on every line.
test_show_in_korean_keeps_the_ladder_aligned() {
	record_korean "$T/ko"
	env -u LC_ALL LANG=ko_KR.UTF-8 "$SOCKLAB" show "$T/ko" >"$T/show.txt" ||
		fail "socklab show failed"
	grep -q "exec .*안녕" "$T/show.txt" || fail "show does not print the Korean as Korean"
	python3 -c "$COLS_PY"'
rails = set()
for l in open(sys.argv[1], encoding="utf-8"):
    if l[:1].isdigit() and ("|" in l):
        rails.add(cols(l[:l.index("|")]))
if len(rails) != 1:
    sys.exit("the first rail is at columns %s" % sorted(rails))' "$T/show.txt" ||
		fail "the ladder's columns do not line up in Korean"
}

run_tests
