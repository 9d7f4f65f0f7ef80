#!/bin/bash
# socklab watch: a live session that programs traced from other terminals
# join, printed as it happens, saved when Ctrl-C ends it; --port takes in
# untraced programs; one live session per user.
. "$(dirname "$0")/../lib.sh"

# Starts `socklab watch ARGS` in the background, output in $T/watch.out
# and $T/watch.err; waits until it has announced itself. Sets WATCH.
start_watch() {
	"$SOCKLAB" watch "$@" >"$T/watch.out" 2>"$T/watch.err" &
	WATCH=$!
	echo $WATCH >>"$T/.bg_pids"
	for _ in $(seq 200); do
		if [ -f "$XDG_RUNTIME_DIR/socklab/watch.json" ]; then return 0; fi
		kill -0 $WATCH 2>/dev/null || fail "watch ended: $(cat "$T/watch.err")"
		sleep 0.05
	done
	fail "watch did not announce itself in 10 s"
}

# Ends the watch as Ctrl-C does, and waits for it; fails unless it exits 0.
stop_watch() {
	kill -INT $WATCH
	wait $WATCH || fail "watch exited with status $?: $(cat "$T/watch.err")"
}

test_server_and_client_from_two_terminals_share_one_session() {
	local port server_trace
	port=$(free_port)
	start_watch --record "$T/w"
	# "Terminal 2": the server; "terminal 3": the client.
	"$SOCKLAB" trace -- "$PROGS/shut_server" "$port" >/dev/null 2>"$T/server.err" &
	server_trace=$!
	echo $server_trace >>"$T/.bg_pids"
	wait_listen "$port"
	"$SOCKLAB" trace -- "$PROGS/shut_client" 127.0.0.1 "$port" >/dev/null 2>"$T/client.err" ||
		fail "client trace failed: $(cat "$T/client.err")"
	wait $server_trace || fail "server trace failed: $(cat "$T/server.err")"
	grep -q "joined the live session of socklab watch (pid $WATCH), recording in $T/w" \
		"$T/server.err" || fail "the server's trace did not say it joined: $(cat "$T/server.err")"
	grep -q "joined the live session of socklab watch (pid $WATCH)" "$T/client.err" ||
		fail "the client's trace did not say it joined"
	stop_watch
	# One session holds both programs: their execs, their calls, their states.
	ev "$T/w" 'select(.event=="exec") | .path' | grep -q shut_server || fail "no server in the session"
	ev "$T/w" 'select(.event=="exec") | .path' | grep -q shut_client || fail "no client in the session"
	ev "$T/w" 'select(.fn=="accept")' | grep -q . || fail "no accept in the session"
	ev "$T/w" 'select(.fn=="connect")' | grep -q . || fail "no connect in the session"
	ev "$T/w" 'select(.src=="state" and .to=="TIME_WAIT")' | grep -q . || fail "no TIME_WAIT"
	[ ! -d "$T/socklab-shut_server-"* ] 2>/dev/null || fail "the server's trace made a session of its own"
	# Printed live, as socklab show prints it.
	grep -q "connect(3, 127.0.0.1:$port) = 0" "$T/watch.out" || fail "watch did not print the connect"
	[ "$(grep -c . "$T/watch.out")" = "$(socklab show --flat "$T/w" | grep -c .)" ] ||
		fail "watch printed $(grep -c . "$T/watch.out") lines, the session has $(socklab show --flat "$T/w" | grep -c .)"
	[ -f "$T/w/session.json" ] || fail "no session.json after Ctrl-C"
	[ ! -e "$XDG_RUNTIME_DIR/socklab/watch.json" ] || fail "watch.json left behind"
}

test_port_takes_in_programs_that_are_not_traced() {
	local port server
	port=$(free_port)
	start_watch --port "$port" --record "$T/w"
	"$PROGS/shut_server" "$port" >/dev/null &
	server=$!
	echo $server >>"$T/.bg_pids"
	wait_listen "$port"
	"$PROGS/shut_client" 127.0.0.1 "$port" >/dev/null || fail "client failed"
	wait $server
	stop_watch
	ev "$T/w" "select(.src==\"state\" and .to==\"TIME_WAIT\" and (.sock|test(\">127.0.0.1:$port\$\")))" |
		grep -q . || fail "the untraced client's TIME_WAIT on port $port is not in the session"
	[ "$(ev "$T/w" 'select(.src=="call")' | wc -l)" = 0 ] || fail "calls from untraced programs?"
}

test_trace_alone_does_not_join() {
	start_watch --record "$T/w"
	"$SOCKLAB" trace --alone --record "$T/own" -- true 2>"$T/err" || fail "$(cat "$T/err")"
	grep -q joined "$T/err" && fail "trace --alone joined the watch"
	ev "$T/own" 'select(.event=="exec")' | grep -q . || fail "no session of its own"
	stop_watch
}

test_a_second_watch_is_refused_and_says_which_runs() {
	start_watch --record "$T/w"
	local rc=0
	"$SOCKLAB" watch --record "$T/w2" 2>"$T/err2" || rc=$?
	[ $rc = 2 ] || fail "second watch exited $rc"
	grep -q "pid $WATCH" "$T/err2" || fail "it does not say which watch runs: $(cat "$T/err2")"
	[ ! -e "$T/w2" ] || fail "the refused watch made a folder"
	stop_watch
}

test_announcement_of_a_killed_watch_is_not_joined() {
	start_watch --record "$T/w"
	kill -KILL $WATCH
	wait $WATCH 2>/dev/null || true
	"$SOCKLAB" trace --record "$T/own" -- true 2>"$T/err" || fail "$(cat "$T/err")"
	grep -q joined "$T/err" && fail "trace joined a dead watch"
	ev "$T/own" 'select(.event=="exec")' | grep -q . || fail "no session of its own"
	rm -f /dev/shm/socklab-"$(id -u)"-"$WATCH"-*.ring
}

test_bad_port_is_a_usage_error() {
	local rc=0
	"$SOCKLAB" watch --port 70000 2>"$T/err" || rc=$?
	[ $rc = 2 ] || fail "exit $rc"
	grep -q "1 to 65535" "$T/err" || fail "$(cat "$T/err")"
}

run_tests
