# tests/tmux.sh - driving the viewer in a real terminal. Sourced by the
# viewer's tests, after tests/lib.sh.
#
# Each test gets a tmux server of its own (a private socket, -L), killed
# when the test ends however it ends. The program runs in a shell that,
# once it exits, prints its exit status and the terminal's modes, so a test
# can check that the terminal was given back clean:
#
#   term_start 80 24 "socklab view $FIX/echo"
#   term_wait "event 1/60"          polls the screen (never sleeps and hopes)
#   term_keys End
#   term_wait "TIME_WAIT"
#   term_keys q
#   term_wait_exit 0                the exit status, then: the tty is sane
#
#   term_screen                     the screen now, as text
#   term_has TEXT                   the screen shows TEXT now

FIX="$ROOT/tests/fixtures/sessions"
# Generous: the machine may be loaded. A test waits this long only when it
# is failing.
TERM_WAIT_S=${TERM_WAIT_S:-20}

# term_start W H COMMAND [ENV...]: COMMAND runs in a W x H terminal.
term_start() {
	local w=$1 h=$2 cmd=$3
	shift 3
	TMUX_SOCK="socklab-test-$$-$RANDOM"
	defer "tmux -L $TMUX_SOCK kill-server 2>/dev/null"
	# The program's own pid goes to $T/pid; after it, its status and the
	# tty's modes, then the shell waits to be killed.
	cat >"$T/run.sh" <<EOF
cd "$T"
trap : INT
sh -c 'echo \$\$ >"$T/pid"; exec $cmd'
echo "EXIT=\$?"
stty -a | tr ' ;' '\n\n' | grep -E '^-?(icanon|echo|isig)\$' | tr '\n' ' '
echo "<tty"
sleep 600
EOF
	tmux -L "$TMUX_SOCK" -f /dev/null new-session -d -x "$w" -y "$h" \
		env LANG="${TERM_LANG:-C.UTF-8}" LC_ALL= TERM="${TERM_NAME:-screen-256color}" \
		PATH="$(dirname "$SOCKLAB"):$PROGS:$PATH" "$@" sh "$T/run.sh"
}

term_screen() {
	tmux -L "$TMUX_SOCK" capture-pane -p
}

# The screen with its colours and attributes, as escape sequences.
term_screen_attrs() {
	tmux -L "$TMUX_SOCK" capture-pane -p -e
}

# term_left W: the screen's first W columns (characters, not bytes: the
# lines are UTF-8).
term_left() {
	term_screen | LC_ALL=C.UTF-8 sed -E "s/^(.{0,$1}).*/\1/"
}

term_has() {
	term_screen | grep -qF -- "$1"
}

# term_wait TEXT: waits until the screen shows TEXT, or fails saying what
# it showed instead.
term_wait() {
	local i
	for i in $(seq $((TERM_WAIT_S * 20))); do
		if term_has "$1"; then return 0; fi
		sleep 0.05
	done
	echo "---- the screen after ${TERM_WAIT_S} s:" >&2
	term_screen >&2
	fail "the screen never showed: $1"
}

# term_wait_gone TEXT: waits until TEXT has left the screen.
term_wait_gone() {
	local i
	for i in $(seq $((TERM_WAIT_S * 20))); do
		if ! term_has "$1"; then return 0; fi
		sleep 0.05
	done
	term_screen >&2
	fail "the screen still shows: $1"
}

term_keys() {
	tmux -L "$TMUX_SOCK" send-keys "$@"
}

# term_resize W H
term_resize() {
	tmux -L "$TMUX_SOCK" resize-window -x "$1" -y "$2"
}

# term_wait_exit STATUS: the program ended with STATUS and left the
# terminal as it found it: line editing, echo and signals on.
term_wait_exit() {
	term_wait "EXIT="
	term_has "EXIT=$1" || {
		term_screen >&2
		fail "the program exited with another status than $1"
	}
	term_wait "<tty"
	local modes m
	modes=" $(term_screen | grep '<tty') "
	for m in icanon echo isig; do
		case $modes in
		*" $m "*) ;;
		*) fail "the terminal was not restored (stty: $modes)" ;;
		esac
	done
}

term_pid() {
	cat "$T/pid"
}
