#!/bin/bash
# The viewer in a real terminal (tmux): what is on the screen after which
# keys, over recorded fixture sessions; and that the terminal is given back
# clean however the viewer ends.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

command -v tmux >/dev/null || skip "tmux is not installed (scripts/install-deps.sh installs it)"

# Replaying an echo conversation and pressing End shows it all: the
# handshake, the data, both FINs, and each side's states.
test_end_shows_the_whole_echo_conversation() {
	term_start 160 48 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys End
	term_wait "event 60/60"
	for s in "SYN seq=0" "SYN,ACK seq=0 ack=1" "ACK ack=1" "PSH,ACK seq=1 ack=1 len=5" \
		"PSH,ACK seq=1 ack=6 len=5" "FIN,ACK seq=6 ack=6" "FIN,ACK seq=6 ack=7" \
		ESTABLISHED FIN_WAIT_1 CLOSE_WAIT LAST_ACK "TIME_WAIT 60 s" "connect() SYN_SENT" \
		"accept() = 4"; do
		term_has "$s" || { term_screen >&2; fail "End does not show: $s"; }
	done
	term_keys q
	term_wait_exit 0
	# The screen the viewer drew is gone: the terminal's own is back.
	term_has "FIN_WAIT_1" && fail "the viewer's screen is still there after q"
	return 0
}

# The same on a real recording (packets and states need root): an echo
# server and client traced together, then replayed.
test_end_shows_a_real_echo_conversation() {
	need_root "packets and exact TCP states need root"
	local port
	port=$(free_port)
	socklab trace --record "$T/real" -- sh -c "'$PROGS/echo_fork_server' $port 1 & sleep 0.3;
		'$PROGS/echo_client' 127.0.0.1 $port hello; sleep 0.3; wait" >/dev/null 2>&1 ||
		fail "the echo conversation could not be recorded"
	term_start 160 48 "socklab view $T/real"
	term_wait "socklab $T/real"
	term_keys End
	term_wait "TIME_WAIT 60 s"
	for s in "SYN seq=0" "SYN,ACK seq=0 ack=1" "PSH,ACK seq=1 ack=1 len=5" "FIN,ACK seq=6" \
		ESTABLISHED FIN_WAIT_1 CLOSE_WAIT "connect()" "accept() = 4"; do
		term_has "$s" || { term_screen >&2; fail "End does not show: $s"; }
	done
	[ "$(term_screen | grep -c 'FIN,ACK seq=6')" = 2 ] || fail "not both FINs"
	term_keys q
	term_wait_exit 0
}

# At 80x24, the close reads as one story on one line: the call, the state
# it caused, the FIN, the state it caused at the other end.
test_80x24_close_reads_as_one_line() {
	term_start 80 24 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys End
	term_wait "event 60/60"
	term_screen | grep -E 'CLOSE_WAIT .*FIN,ACK seq=6 ack=6.* close\(3\) FIN_WAIT_1' >/dev/null ||
		{ term_screen >&2; fail "no line with close(3) FIN_WAIT_1, the FIN and CLOSE_WAIT"; }
	# The socket table, below: the client's socket in TIME_WAIT, counting.
	term_screen | grep -E '127\.0\.0\.1:40112>127\.0\.0\.1:9190 +1202/3 +TIME_WAIT +59 s left' \
		>/dev/null || { term_screen >&2; fail "the socket table does not show TIME_WAIT"; }
	term_keys q
	term_wait_exit 0
}

# Right steps one event, n jumps to the next packet or state change, p back.
test_keys_step_and_jump_to_changes() {
	term_start 80 24 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys Right
	term_wait "event 2/60"
	term_has "[1200] fork() = 1201" || fail "the status line does not show event 2"
	term_keys n
	term_wait "0.0.0.0:9190>* CLOSED -> LISTEN"
	term_wait "event 9/60"
	term_keys n
	term_wait "CLOSED -> SYN_SENT"
	term_keys n
	term_wait "#1 TCP 127.0.0.1:40112 > 127.0.0.1:9190 [S]"
	term_keys p p
	term_wait "event 9/60"
	term_keys Left
	term_wait "event 8/60"
	term_keys End
	term_wait "event 60/60"
	term_keys Home
	term_wait "event 1/60"
	term_keys q
	term_wait_exit 0
}

# ? lists every key, the second keys of an action too (Q, h, G, =);
# any key closes the list.
test_help_lists_every_key() {
	term_start 80 24 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys '?'
	term_wait "any key closes this"
	for k in "q Q" "? h" Space "Left Right" "n p" "Home End G" "Tab Shift-Tab" "/" Enter Esc \
		"+ = -" Ctrl-L g; do
		term_screen | grep -qE "^ *$k |  $k  " || term_has "$k " ||
			{ term_screen >&2; fail "the help does not list $k"; }
	done
	term_keys x
	term_wait_gone "any key closes this"
	term_keys q
	term_wait_exit 0
}

# / filters: a pid keeps its calls and its connection's packets.
test_filter_by_pid_keeps_its_connection() {
	term_start 160 48 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys / 1 2 0 3 Enter
	term_wait "filter /1203"
	term_keys End
	term_wait "[1203] read(4) = 5"
	term_has "PSH,ACK seq=1 ack=6 len=5" || fail "the child's segments are filtered out"
	term_has "connect()" && fail "the client's connect() is still shown under /1203"
	term_has "Events (27)" || { term_screen >&2; fail "not the 27 events of pid 1203 and its connection"; }
	# A filter that is not one says so, and changes nothing.
	term_keys / C-u
	term_keys BSpace BSpace BSpace BSpace a ' ' b Enter
	term_wait "is not a filter"
	term_has "filter /1203" || fail "a bad filter replaced the good one"
	# Esc clears it.
	term_keys Escape
	term_wait "Events (60)"
	term_keys q
	term_wait_exit 0
}

# A fork server with 20 clients: too many columns, so the ladder shows the
# cursor's connection and says so; Enter in the socket table picks one.
test_fork20_focus_on_one_connection() {
	term_start 160 48 "socklab view $FIX/fork20"
	term_wait "event 1/836"
	term_keys End
	term_wait "20 connections do not fit side by side: connection 20"
	term_has "127.0.0.1:40120" || fail "the ladder is not on the last connection"
	term_keys Tab
	term_wait "Sockets (41)"
	# Row 0 is the listener; rows 1 and 2 are connection 1; 9 and 10 are 5.
	term_keys Down Down Down Down Down Down Down Down Down Enter
	term_wait "connection 5 of 20 (Esc shows them all)"
	# The ladder is the left 86 columns of a 160-column screen.
	term_left 86 >ladder
	grep -qF "127.0.0.1:40105" ladder || fail "Enter did not focus the ladder on connection 5"
	grep -qF "127.0.0.1:40120" ladder && fail "connection 20 is still on the ladder"
	grep -qF "[2205] read(4) = 3" ladder || fail "connection 5's child is not on the ladder"
	term_keys Escape
	term_wait "connections do not fit"
	term_keys q
	term_wait_exit 0
}

# The process tree: who forked whom, who stayed a zombie and for how long.
test_process_tree_shows_zombies_and_reapers() {
	term_start 160 48 "socklab view $FIX/fork20"
	term_wait "event 1/836"
	# Just after child 2207 exited, before its parent reaped it.
	term_keys / z o m b i e Enter
	term_wait "filter /zombie"
	term_keys Right Escape
	term_wait "Events (836)"
	term_wait "ZOMBIE for"
	term_screen | grep -E '2207 echo_fork_server +ZOMBIE for' >/dev/null ||
		{ term_screen >&2; fail "2207 is not shown as a zombie"; }
	term_keys End
	term_wait "event 836/836"
	term_screen | grep -E '2207 echo_fork_server +exit 0, zombie 35 ms, waitpid\(\) by 2000' \
		>/dev/null || { term_screen >&2; fail "2207's zombie time and reaper are not shown"; }
	term_keys q
	term_wait_exit 0
}

# Tab brings the process tree below the ladder: who forked whom, and how
# each ended.
test_process_tree_is_drawn_as_a_tree() {
	term_start 80 24 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys End Tab Tab
	term_wait "Processes (5)"
	for line in "└ 1200 dash  exit 0" "├ 1201 echo_fork_server  exit 0" \
		"│ └ 1203 echo_fork_server  exit 0, zombie 148 us, waitpid() by 1201" \
		"└ 1202 echo_client  exit 0, zombie 172 us, wait3() by 1200"; do
		term_has "$line" || { term_screen >&2; fail "the tree lacks: $line"; }
	done
	term_keys q
	term_wait_exit 0
}

# Threads are listed under their process, with who made them and whether
# they ended; the events name the thread of each call, the sockets the
# thread that handled each last; Enter on a thread filters by its tid.
test_threads_are_listed_under_their_process_and_name_their_calls() {
	term_start 160 48 "socklab view $FIX/threads"
	term_wait "event 1/23"
	term_keys End
	term_wait "event 23/23"
	for s in "1300 echo_epollpool  running, 2 threads" "├ thread 1302  ended, made by 1300" \
		"└ thread 1303  running, made by 1300" "1310 echo_client  running" "t1303/5" \
		"[1300 t1303] read(5, 1024 bytes) = 6" "[1300 t1302] accept(3) = 5"; do
		term_wait "$s"
	done
	# Sockets, then processes; down to thread 1303's row.
	term_keys Tab Tab Down Down Enter
	term_wait "filter /tid 1303"
	term_wait "[1300 t1303] epoll_wait(4, 1) = 1 ready=[5]"
	term_has "[1300 t1302] accept(3)" && { term_screen >&2; fail "another thread's call is still shown"; }
	term_keys q
	term_wait_exit 0
}

# A peer that is gone (lab 9): the process tree says which process was
# blocked in which call and for how long so far, and which signal killed
# the client in which call; the RST is drawn in reverse video.
test_process_tree_shows_blocked_calls_and_the_call_a_signal_killed() {
	term_start 160 48 "socklab view $FIX/peer-gone"
	term_wait "event 1/56"
	term_keys / b l o c k e d Enter
	term_wait "filter /blocked"
	term_keys Right Escape
	term_wait "Events (56)"
	term_wait "blocked in read(4) for 520 ms"
	term_screen | grep -E '16426 peer_server +blocked in read\(4\) for 520 ms' >/dev/null ||
		{ term_screen >&2; fail "the server is not shown blocked in read(4)"; }
	term_keys End
	term_wait "event 56/56"
	term_screen | grep -E '16427 peer_client +killed by SIGPIPE in write\(3\), zombie' >/dev/null ||
		{ term_screen >&2; fail "the client's death is not named with its call"; }
	term_screen | grep -qE '16426 peer_server +exit 0' || fail "the server's end"
	term_keys q
	term_wait_exit 0
}

test_a_reset_stands_out_in_reverse_red() {
	local line before
	term_start 160 48 "socklab view $FIX/peer-gone"
	term_wait "event 1/56"
	term_keys End
	term_wait "RST (data after close)"
	# The attributes in force where the label starts: since the last reset.
	line=$(term_screen_attrs | grep 'RST (data after close)')
	before=${line%%RST (data*}
	before=${before##*$'\e[0m'}
	before=${before##*$'\e[0;'}
	grep -qE $'\e\\[([0-9]*;)*7(;[0-9]*)*m' <<<"$before" ||
		{ cat -v <<<"$line" >&2; fail "the RST is not in reverse video"; }
	term_keys q
	term_wait_exit 0
}

# The terminal adapts to its size, down to a polite refusal.
test_resize_adapts_the_layout() {
	term_start 80 24 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_has "Sockets (0) │ Processes │ Events" || fail "80x24 is not tabbed"
	term_resize 160 48
	term_wait "Processes (1)"
	term_has "Sockets (0)" || fail "160x48 does not show sockets and processes side by side"
	term_resize 50 12
	term_wait "needs a terminal of 60x16 at least"
	term_resize 80 24
	term_wait "Sockets (0) │ Processes │ Events"
	term_keys q
	term_wait_exit 0
}

# UTF-8 lines by default; ASCII without a UTF-8 locale, with --ascii, with
# SOCKLAB_ASCII, and on the Linux console.
test_ascii_fallback() {
	term_start 80 24 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys End
	term_wait "◀───"
	term_keys q
	term_wait_exit 0
	for how in "TERM_LANG=C" "ARG=--ascii" "ENV=SOCKLAB_ASCII=1" "TERM_NAME=linux"; do
		local TERM_LANG=C.UTF-8 TERM_NAME=screen-256color arg="" env=""
		case $how in
		TERM_LANG=*) TERM_LANG=C ;;
		ARG=*) arg=--ascii ;;
		ENV=*) env=SOCKLAB_ASCII=1 ;;
		TERM_NAME=*) TERM_NAME=linux ;;
		esac
		tmux -L "$TMUX_SOCK" kill-server 2>/dev/null || true
		term_start 80 24 "socklab view $arg $FIX/echo" $env
		term_wait "event 1/60"
		term_keys End
		term_wait "ACK ack=7"
		term_has "|<-" || { term_screen >&2; fail "$how: no ASCII arrow"; }
		term_has "│" && fail "$how: still drawing UTF-8 lines"
		term_keys q
		term_wait_exit 0
	done
}

# g draws the time-sequence graph of the connection (lab 13's zero window):
# braille dots, the marks of the analysis as letters (Z a zero window, P a
# window probe), the axes labelled; d the other direction; g back to the
# ladder; Home and End still go to the ends. At 80x24 and at 160x48.
# True when stdin holds a braille character (U+2800-28FF: E2 A0-A3 xx).
has_braille() {
	LC_ALL=C grep -q $'\xe2[\xa0-\xa3][\x80-\xbf]'
}

graph_at() { # W H
	term_start "$1" "$2" "socklab view $FIX/flow"
	term_wait "event 1/"
	term_keys End
	term_wait "event 388/388"
	term_keys g
	term_wait "time-sequence, conn 1: 127.0.0.1:52866 > 127.0.0.1:59891"
	term_has "4.7M |" || { term_screen >&2; fail "$1x$2: no sequence axis"; }
	term_has "5.01 s" || { term_screen >&2; fail "$1x$2: no time axis"; }
	term_screen | has_braille || { term_screen >&2; fail "$1x$2: no braille dots"; }
	[ "$(term_screen | grep -o Z | wc -l)" -ge 2 ] || { term_screen >&2; fail "$1x$2: no Z marks"; }
	term_screen | grep -q "P" || { term_screen >&2; fail "$1x$2: no window probe"; }
	term_has "Z zero" || { term_screen >&2; fail "$1x$2: no legend"; }
	term_keys Home
	term_wait "no TCP packet on it yet"
	term_keys End d
	term_wait "time-sequence, conn 1: 127.0.0.1:59891 > 127.0.0.1:52866"
	term_keys g
	term_wait_gone "time-sequence"
	term_wait "event 388/388"
	term_keys q
	term_wait_exit 0
}

test_graph_at_80x24() {
	graph_at 80 24
}

test_graph_at_160x48() {
	graph_at 160 48
}

test_graph_in_ascii() {
	term_start 80 24 "socklab view --ascii $FIX/flow"
	term_wait "event 1/"
	term_keys End g
	term_wait "time-sequence, conn 1"
	term_has "| data . ACK - window" || { term_screen >&2; fail "no ASCII legend"; }
	term_screen | has_braille && { term_screen >&2; fail "braille in ASCII"; }
	term_screen | grep -Eq '\|.*\.\.\.' || { term_screen >&2; fail "no ACK dots"; }
	term_keys q
	term_wait_exit 0
}

# Colours on a colour terminal; none with NO_COLOR, but still bold.
test_no_color_is_respected() {
	term_start 80 24 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys End
	term_wait "event 60/60"
	tmux -L "$TMUX_SOCK" capture-pane -p -e | grep -qE $'\e\\[[0-9;]*3[1-7]m' ||
		fail "no colour on a colour terminal"
	term_keys q
	term_wait_exit 0
	tmux -L "$TMUX_SOCK" kill-server
	term_start 80 24 "socklab view $FIX/echo" NO_COLOR=1
	term_wait "event 1/60"
	term_keys End
	term_wait "event 60/60"
	tmux -L "$TMUX_SOCK" capture-pane -p -e | grep -qE $'\e\\[[0-9;]*3[1-7]m' &&
		fail "colours with NO_COLOR set"
	tmux -L "$TMUX_SOCK" capture-pane -p -e | grep -qE $'\e\\[[0-9;]*1m' ||
		fail "no bold with NO_COLOR: states should still stand out"
	term_keys q
	term_wait_exit 0
}

# A damaged session opens, shows everything intact, and says what it lost.
test_malformed_session_opens_and_says_so() {
	term_start 160 48 "socklab view $FIX/malformed"
	term_wait "2 lines skipped, not valid events (first: line 20: not JSON"
	term_has "2 bad lines" || fail "the top line does not count the bad lines"
	term_keys End
	term_wait "event 60/60"
	term_has "TIME_WAIT 60 s" || fail "the intact events are not all there"
	term_keys q
	term_wait_exit 0
}

# Ctrl-C quits and gives the terminal back.
test_ctrl_c_restores_the_terminal() {
	term_start 80 24 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys C-c
	term_wait_exit 0
}

# So does a crash: the terminal is restored, then the crash goes on (the
# shell sees the signal's status, 128 + 11).
test_crash_restores_the_terminal() {
	term_start 80 24 "socklab view $FIX/echo"
	term_wait "event 1/60"
	kill -SEGV "$(term_pid)"
	term_wait_exit 139
}

# The number of the cursor's event, from the top line.
event_number() {
	term_screen | sed -n 's/.* event \([0-9]*\)\/[0-9]* .*/\1/p' | head -n 1
}

# Space plays; Space again pauses.
test_space_plays_and_pauses() {
	term_start 80 24 "socklab view $FIX/echo"
	term_wait "event 1/60"
	term_keys + + + +
	term_keys Space
	term_wait "playing 64/s"
	for _ in $(seq $((TERM_WAIT_S * 20))); do
		[ "$(event_number)" -ge 20 ] && break
		sleep 0.05
	done
	[ "$(event_number)" -ge 20 ] || fail "playing did not move the cursor on"
	term_keys Space
	term_wait "paused"
	local at
	at=$(term_screen | grep -o 'event [0-9]*/60')
	sleep 0.5
	term_has "$at" || fail "still moving after a pause"
	term_keys q
	term_wait_exit 0
}

# A lab session: steps as they came, checkpoints green or red.
test_lab_panel_shows_steps_and_checkpoints() {
	term_start 160 48 "socklab view $FIX/lab"
	term_wait "event 1/65"
	term_has "start the echo server on port 9190" || fail "the first step is not shown"
	term_has "pending connects" || fail "checkpoints are not pending before their result"
	term_keys End
	term_wait "PASS    connects: connect() returned 0"
	term_has "FAIL    closes-first: the client closed first" || fail "the failed checkpoint"
	term_has "a client connects, sends a line, and closes" || fail "the second step"
	term_keys q
	term_wait_exit 0
}

# UDP datagrams are arrows with their size.
test_udp_datagrams_are_arrows() {
	term_start 80 24 "socklab view $FIX/udp"
	term_wait "event 1/19"
	term_keys End
	term_wait "UDP 1400 bytes"
	term_has "UDP 12 bytes" || fail "the first datagram is not on the ladder"
	term_has "recvfrom(3) = 1024" || fail "the calls are not at their columns"
	term_keys q
	term_wait_exit 0
}

# A Nagle stall shows as gaps of 40 ms.
test_nagle_stall_shows_as_gaps() {
	term_start 160 48 "socklab view $FIX/nagle"
	term_wait "event 1/63"
	term_keys End
	term_wait "... 40 ms ..."
	[ "$(term_screen | grep -c '\.\.\. 40 ms \.\.\.')" -ge 3 ] ||
		{ term_screen >&2; fail "not three 40 ms gaps"; }
	term_keys q
	term_wait_exit 0
}

# socklab trace --view: the viewer follows a live echo conversation while
# the server still runs, says when the programs have ended, and q prints
# what they wrote.
test_trace_view_shows_a_live_echo_conversation() {
	local port
	port=$(free_port)
	cat >prog.sh <<EOF
echo_fork_server $port 2 &
sleep 0.3
echo_client 127.0.0.1 $port hello socklab
wait
EOF
	term_start 160 48 "socklab trace --view --record $T/live -- sh $T/prog.sh"
	term_wait "live, following"
	term_wait "read(3) = 7"
	for s in "listen()" "connect()" "accept() = 4" "write(3) = 5" "read(4) = 5" "close(3)"; do
		term_left 86 | grep -qF -- "$s" ||
			{ term_screen >&2; fail "the live ladder does not show $s"; }
	done
	# With root, the packets are captured: the live ladder draws them.
	if [ "$(id -u)" = 0 ]; then
		term_wait "SYN seq=0"
		term_has "SYN,ACK seq=0 ack=1" || fail "the live ladder lacks the SYN,ACK"
	fi
	# The server waits for a second client: the session is still live.
	term_has "ended:" && fail "the session ended before its server did"
	"$PROGS/echo_client" 127.0.0.1 "$port" bye >/dev/null
	term_wait "ended: sh exited with status 0"
	term_keys q
	term_wait_exit 0
	term_has "hello" || fail "what the programs printed is not shown after the viewer"
	term_has "session saved in $T/live" || fail "no summary after the viewer"
	[ -s "$T/live/events.jsonl" ] || fail "the live session was not recorded"
}

# socklab watch opens the viewer; a server and a client traced from two
# other terminals join it, and show on its live ladder within a second of
# their handshake. q ends the session and saves it.
test_watch_view_shows_programs_from_other_terminals_within_a_second() {
	local port start ms
	port=$(free_port)
	term_start 160 48 "socklab watch --record $T/w" XDG_RUNTIME_DIR="$XDG_RUNTIME_DIR"
	term_wait "watch (pid"
	# Terminal 2: the server; terminal 3: the client. Both join the watch.
	bg socklab trace -- "$PROGS/echo_fork_server" "$port" 1 >"$T/server.out" 2>"$T/server.err"
	wait_listen "$port"
	grep -q "joined the live session" "$T/server.err" || fail "the server did not join the watch"
	socklab trace -- "$PROGS/echo_client" 127.0.0.1 "$port" hello >"$T/client.out" 2>&1
	# The handshake is over: from now, the watch has one second to show it.
	start=$(date +%s%N)
	term_wait "accept() = 4"
	ms=$((($(date +%s%N) - start) / 1000000))
	[ "$ms" -lt 1000 ] || fail "the handshake took $ms ms to show on the watch"
	# The rest of the conversation arrives in the frames that follow.
	for s in "listen()" "connect()" "write(3) = 5" "read(4) = 5"; do
		term_wait "$s"
	done
	if [ "$(id -u)" = 0 ]; then
		term_wait "SYN,ACK seq=0 ack=1"
	fi
	term_keys q
	term_wait_exit 0
	term_wait "session ended;"
	[ "$(ev "$T/w" 'select(.fn=="accept" and .ret==4)' | wc -l)" = 1 ] ||
		fail "the watch's session did not record the server's accept"
}

# q while the programs still run ends the session: they are stopped, the
# session is saved, the terminal is clean.
test_trace_view_q_ends_a_running_session() {
	local port
	port=$(free_port)
	term_start 80 24 "socklab trace --view --record $T/live -- echo_fork_server $port"
	term_wait "listen()"
	term_keys q
	term_wait_exit 0
	term_has "session saved in $T/live" || fail "no summary"
	grep -q '"event":"reaped"' "$T/live/events.jsonl" || fail "the server was not reaped"
	if ss -Htln "sport = :$port" | grep -q .; then fail "the server still listens"; fi
}

# A session that is not there: a clear error, no terminal taken.
test_missing_session_is_a_clear_error() {
	if socklab view "$T/nothing" 2>err; then fail "view of a missing folder succeeded"; fi
	grep -q "no such session folder" err || fail "unclear error: $(cat err)"
}

run_tests
