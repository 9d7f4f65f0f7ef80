#!/bin/bash
# socklab trace and socklab show on real programs: the session holds every
# socket call of every process with the right pids, results and errno names;
# the tracer changes nothing the program sees; drops are counted, never
# waited for.
. "$(dirname "$0")/../lib.sh"

test_fork_echo_server_with_two_clients_records_every_call_of_every_process() {
	local port
	port=$(free_port)
	socklab trace --record "$T/s" -- /bin/sh -c "
		'$PROGS/echo_fork_server' $port 2 & server=\$!
		for i in \$(seq 100); do ss -Htln 'sport = :$port' | grep -q . && break; sleep 0.05; done
		'$PROGS/echo_client' 127.0.0.1 $port one two &
		'$PROGS/echo_client' 127.0.0.1 $port three
		wait" >"$T/out" 2>"$T/err"
	sort "$T/out" | tr '\n' ' ' | grep -q "one three two" || fail "clients printed: $(cat "$T/out")"

	local server clients
	server=$(ev "$T/s" 'select(.src=="proc" and .event=="exec" and (.path|endswith("echo_fork_server"))) | .pid')
	[ -n "$server" ] || fail "no exec of the server"
	clients=$(ev "$T/s" 'select(.src=="proc" and .event=="exec" and (.path|endswith("echo_client"))) | .pid' | wc -l)
	[ "$clients" = 2 ] || fail "expected 2 client execs, got $clients"

	# The server's own calls, in the textbook's order, with results.
	[ "$(ev "$T/s" "select(.pid==$server and .src==\"call\") | .fn" | head -5 | tr -d '"' | tr '\n' ' ')" = \
		"socket setsockopt bind listen accept " ] || fail "server calls: $(socklab show "$T/s" | grep "\[$server\]")"
	[ "$(ev "$T/s" "select(.pid==$server and .fn==\"accept\" and .ret>=0)" | wc -l)" = 2 ] || fail "two accepts"

	# Each child of the server: forked by it, closed the listener, echoed, exited, was reaped.
	local children
	children=$(ev "$T/s" "select(.pid==$server and .event==\"fork\") | .child")
	[ "$(echo "$children" | wc -l)" = 2 ] || fail "two forks: $children"
	for c in $children; do
		ev "$T/s" "select(.pid==$c and .fn==\"close\" and (.sock|endswith(\">*\")))" | grep -q . ||
			fail "child $c did not close the listening socket"
		ev "$T/s" "select(.pid==$c and .fn==\"read\" and .ret==0)" | grep -q . || fail "child $c saw no EOF"
		ev "$T/s" "select(.pid==$c and .event==\"exit\" and .status==0)" | grep -q . || fail "child $c: no exit"
		ev "$T/s" "select(.event==\"reaped\" and .child==$c and .pid==$server)" | grep -q . ||
			fail "child $c was not reaped by the server"
	done
	# The clients' connects succeeded and named the server's port.
	[ "$(ev "$T/s" "select(.fn==\"connect\" and .ret==0 and .peer==\"127.0.0.1:$port\")" | wc -l)" = 2 ] ||
		fail "two connects to 127.0.0.1:$port"
	# Every event has t, src; every call has pid, fn, ret, errno.
	[ "$(ev "$T/s" 'select(.t==null or .src==null)' | wc -l)" = 0 ] || fail "an event without t or src"
	[ "$(ev "$T/s" 'select(.src=="call" and (.pid==null or .fn==null or .ret==null or (has("errno")|not)))' | wc -l)" = 0 ] ||
		fail "a call without pid, fn, ret or errno"
	# In time order.
	ev "$T/s" '.t' | sort -n -c || fail "events.jsonl is not in time order"
}

test_show_prints_one_readable_line_per_event() {
	socklab trace --record "$T/s" -- "$CONFORM/errnos" >/dev/null 2>&1
	socklab show --flat "$T/s" >"$T/show"
	[ "$(wc -l <"$T/show")" = "$(wc -l <"$T/s/events.jsonl")" ] || fail "not one line per event"
	grep -Eq '^[0-9]+\.[0-9]{6} \[[0-9]+\] bind\(4, 127\.0\.0\.1:[0-9]+\) = -1 EADDRINUSE$' "$T/show" ||
		fail "no bind line: $(grep bind "$T/show")"
	grep -q 'connect(4, 127.0.0.1:[0-9]*) = -1 ECONNREFUSED' "$T/show" || fail "no ECONNREFUSED"
	grep -q 'socket(12345, SOCK_STREAM) = -1 EAFNOSUPPORT' "$T/show" || fail "no EAFNOSUPPORT"
	grep -q 'getsockopt(6, SOL_SOCKET, SO_ERROR) = 0 val=ECONNREFUSED' "$T/show" || fail "no SO_ERROR"
	socklab show --json "$T/s" | cmp - "$T/s/events.jsonl" || fail "--json is not the events as recorded"
}

test_show_keeps_the_good_lines_of_a_damaged_session_and_says_which_line() {
	socklab trace --record "$T/s" -- "$CONFORM/close_all" >/dev/null 2>&1
	local n
	n=$(wc -l <"$T/s/events.jsonl")
	sed -i '3s/.*/{"t": broken/' "$T/s/events.jsonl"
	socklab show --flat "$T/s" >"$T/show" 2>"$T/err" || fail "show failed on a damaged session"
	[ "$(wc -l <"$T/show")" = $((n - 1)) ] || fail "expected $((n - 1)) lines"
	grep -q "1 line skipped, not a valid event (first: line 3: not JSON" "$T/err" || fail "$(cat "$T/err")"
}

# The conformance programs print the same traced and untraced, and their
# sessions hold what proves they were traced.
conforms() {
	local prog=$1
	"$CONFORM/$prog" >"$T/plain" 2>&1 || fail "$prog failed untraced"
	socklab trace --record "$T/s" -- "$CONFORM/$prog" >"$T/traced" 2>"$T/err" || fail "trace: $(cat "$T/err")"
	diff "$T/plain" "$T/traced" || fail "$prog prints differently when traced"
}

test_fork_from_threads_gives_the_child_its_own_pid_and_keeps_every_thread() {
	conforms fork_threads
	local parent child
	parent=$(ev "$T/s" 'select(.event=="exec") | .pid' | head -1)
	child=$(ev "$T/s" 'select(.event=="fork") | .child')
	[ "$(ev "$T/s" "select(.src==\"call\" and .pid==$child and .fn==\"send\")" | wc -l)" = 200 ] ||
		fail "the child's 200 sends"
	[ "$(ev "$T/s" "select(.src==\"call\" and .pid==$parent and .fn!=\"pthread_create\") | .tid" | sort -u | wc -l)" = 3 ] ||
		fail "three threads' calls"
	ev "$T/s" "select(.event==\"reaped\" and .child==$child and .status==0)" | grep -q . || fail "child reaped"
}

test_epoll_wait_names_the_ready_descriptors_whatever_their_data() {
	conforms epoll_data
	grep -q "ready: 2" "$T/traced" || fail "$(cat "$T/traced")"
	local fds
	fds=$(ev "$T/s" 'select(.fn=="socketpair") | .fds[0]' | tr '\n' ' ')
	set -- $fds
	# The first wait: the first pair (data.fd) and the third (data.ptr).
	[ "$(ev "$T/s" 'select(.fn=="epoll_wait") | .ready' | head -1 | jq -c sort)" = "[$1,$3]" ] ||
		fail "first wait: $(ev "$T/s" 'select(.fn=="epoll_wait")' | head -1), pairs $fds"
	[ "$(ev "$T/s" 'select(.fn=="epoll_wait") | .ready' | tail -1)" = "[$2]" ] ||
		fail "second wait: $(ev "$T/s" 'select(.fn=="epoll_wait")' | tail -1)"
	ev "$T/s" "select(.fn==\"epoll_ctl\" and .op==\"EPOLL_CTL_DEL\" and .fd==$3)" | grep -q . ||
		fail "no EPOLL_CTL_DEL of $3"
	ev "$T/s" 'select(.fn=="epoll_ctl" and .op=="EPOLL_CTL_ADD" and .events=="EPOLLIN")' | grep -q . ||
		fail "no EPOLL_CTL_ADD with its events"
	ev "$T/s" 'select(.fn=="epoll_create1" and .ret>=0)' | grep -q . || fail "no epoll_create1"
	socklab show --flat "$T/s" >"$T/show"
	grep -Eq "epoll_ctl\([0-9]+, EPOLL_CTL_ADD, $1, EPOLLIN\) = 0" "$T/show" &&
		grep -Eq "epoll_wait\([0-9]+, 8\) = 1 ready=\[$2\]" "$T/show" ||
		fail "show does not word epoll's calls: $(grep epoll "$T/show")"
}

test_threads_are_announced_with_their_creator_and_their_end() {
	conforms thread_life
	grep -q "returned 42 and 42" "$T/traced" || fail "$(cat "$T/traced")"
	local pid tids
	pid=$(ev "$T/s" 'select(.event=="exec") | .pid')
	[ "$(ev "$T/s" "select(.fn==\"pthread_create\" and .ret==0 and .tid==$pid)" | wc -l)" = 2 ] ||
		fail "two pthread_create() by the main thread"
	tids=$(ev "$T/s" "select(.event==\"thread\" and .pid==$pid and .creator==$pid) | .tid" | sort -u)
	[ "$(echo "$tids" | wc -w)" = 2 ] || fail "two thread events: $tids"
	for t in $tids; do
		[ "$t" != "$pid" ] || fail "a thread with the process's tid"
		ev "$T/s" "select(.event==\"thread_exit\" and .tid==$t)" | grep -q . || fail "no end of $t"
		ev "$T/s" "select(.fn==\"socket\" and .tid==$t)" | grep -q . || fail "no socket() of $t"
	done
	socklab show --flat "$T/s" | grep -Eq "^[0-9.]+ \[$pid t[0-9]+\] socket\(" ||
		fail "show does not name the thread of a call: $(socklab show --flat "$T/s")"
}

# A write that draws SIGPIPE is recorded before the signal (the tracer
# sends with MSG_NOSIGNAL and raises SIGPIPE itself): the program sees the
# same EPIPE and the same signal, and the session has the call that died.
test_a_write_that_raises_sigpipe_is_recorded_and_the_program_sees_no_difference() {
	conforms sigpipe
	local child
	child=$(ev "$T/s" 'select(.event=="fork") | .child')
	ev "$T/s" "select(.src==\"call\" and .pid==$child and .fn==\"write\" and .errno==\"EPIPE\" and .sig==\"SIGPIPE\")" |
		grep -q . || fail "the child's fatal write is not in the session"
	ev "$T/s" "select(.event==\"reaped\" and .child==$child and .sig==\"SIGPIPE\")" | grep -q . ||
		fail "the child's death by SIGPIPE"
	[ "$(ev "$T/s" 'select(.src=="call" and .sig=="SIGPIPE")' | wc -l)" = 6 ] ||
		fail "six sends raised SIGPIPE (not the one with MSG_NOSIGNAL): $(ev "$T/s" 'select(.src=="call" and .errno=="EPIPE")')"
	socklab show --flat "$T/s" | grep -q "write(.*= -1 EPIPE, raised SIGPIPE" || fail "show does not say it"
}

test_closing_every_descriptor_neither_breaks_the_program_nor_stops_tracing() {
	conforms close_all
	ev "$T/s" 'select(.fn=="socket" and .ret==3)' | grep -q . || fail "socket() = 3 after closing all"
	ev "$T/s" 'select(.fn=="recv" and .ret==5)' | grep -q . || fail "traced after closing all"
}

test_dup2_onto_high_descriptors_keeps_working_and_traced() {
	conforms dup2_high
	ev "$T/s" 'select(.fn=="send" and .fd==1000 and .ret==5)' | grep -q . || fail "send via 1000 traced"
	ev "$T/s" 'select(.fn=="close" and .fd==1000 and .ret==0)' | grep -q . || fail "close(1000) traced"
}

test_exec_with_an_empty_environment_is_still_traced() {
	conforms exec_chain
	[ "$(ev "$T/s" 'select(.event=="exec")' | wc -l)" = 3 ] || fail "three images"
	ev "$T/s" 'select(.fn=="socket" and .type=="SOCK_DGRAM")' | grep -q . || fail "the last image's socket()"
}

test_eintr_still_reaches_the_program_and_handlers_are_seen() {
	conforms eintr
	ev "$T/s" 'select(.fn=="accept" and .errno=="EINTR")' | grep -q . || fail "accept EINTR"
	[ "$(ev "$T/s" 'select(.event=="signal" and .sig=="SIGALRM")' | wc -l)" = 2 ] || fail "two SIGALRM"
	ev "$T/s" 'select(.event=="handler" and .sig=="SIGALRM" and .flags=="SA_RESTART")' | grep -q . ||
		fail "the SA_RESTART handler"
}

test_signal_handlers_report_what_the_program_installed() {
	conforms signals
}

test_a_failed_call_has_its_errno_by_name() {
	conforms errnos
	for e in EADDRINUSE ECONNREFUSED EBADF EAFNOSUPPORT EOPNOTSUPP EINVAL ENOPROTOOPT EINPROGRESS; do
		ev "$T/s" "select(.errno==\"$e\")" | grep -q . || fail "no $e in the session"
	done
}

test_drops_are_counted_exactly_and_the_program_is_never_held_up() {
	socklab trace --record "$T/s" -- "$CONFORM/flood" 4 200000 >"$T/out" 2>"$T/err" || fail "$(cat "$T/err")"
	local total made recorded lost
	total=$(cat "$T/out")
	# Every record the program made: its getsockname calls, each thread's
	# socket() and close(), its exec and its exit, and of each of its four
	# threads pthread_create(), its start and its end.
	made=$((total + 4 + 4 + 2 + 3 * 4))
	# What the tracer wrote: calls, exec, exit, threads. Not what socklab
	# saw for itself (a zombie in /proc before it reaped it, a blocked call).
	recorded=$(ev "$T/s" 'select(.src=="call" or (.src=="proc" and (.event=="exec" or .event=="exit" or .event=="thread" or .event=="thread_exit")))' | wc -l)
	lost=$(jq '.lost.call' "$T/s/session.json")
	[ "$lost" -gt 0 ] || fail "a flood of $total calls lost nothing: the test proves nothing"
	[ $((recorded + lost)) = "$made" ] || fail "recorded $recorded + lost $lost != $made records"
	ev "$T/s" 'select(.src=="note" and .kind=="lost")' | grep -q . || fail "no note says events were lost"
	grep -q "lost" "$T/err" || fail "trace's summary does not say events were lost"
}

test_a_stopped_collector_does_not_stop_the_program() {
	# socklab is frozen while the program runs: the program must finish anyway.
	# "$SOCKLAB", not the function: $! must be socklab itself, not a subshell
	# that runs it (stopping that would stop nothing that matters).
	"$SOCKLAB" trace --record "$T/s" -- /bin/sh -c "touch '$T/started'; sleep 0.3; '$CONFORM/flood' 2 100000 >'$T/out'; touch '$T/done'" \
		>/dev/null 2>&1 &
	local pid=$!
	echo $pid >>"$T/.bg_pids"
	# Once the program runs (socklab's start takes longer with root: it
	# sets up a tracing instance), not after a fixed time; the flood starts
	# 0.3 s later, with socklab stopped.
	for _ in $(seq 600); do [ -e "$T/started" ] && break; sleep 0.02; done
	[ -e "$T/started" ] || fail "the program did not start"
	kill -STOP $pid
	for _ in $(seq 200); do [ -e "$T/done" ] && break; sleep 0.05; done
	[ -e "$T/done" ] || { kill -CONT $pid; fail "the program did not finish while socklab was stopped"; }
	kill -CONT $pid
	wait $pid
	[ "$(jq '.lost.call' "$T/s/session.json")" -gt 0 ] || fail "drops were not counted"
}

test_a_static_program_is_refused_in_plain_words() {
	printf 'int main(void) { return 0; }\n' >"$T/s.c"
	cc -static -o "$T/static" "$T/s.c" 2>/dev/null || skip "cannot link a static program here"
	set +e
	socklab trace -- "$T/static" 2>"$T/err"
	local rc=$?
	set -e
	[ $rc = 2 ] || fail "exit $rc"
	grep -q "cannot be traced: it is statically linked" "$T/err" || fail "$(cat "$T/err")"
}

test_a_static_program_started_by_a_traced_one_is_noted() {
	printf 'int main(void) { return 0; }\n' >"$T/s.c"
	cc -static -o "$T/static" "$T/s.c" 2>/dev/null || skip "cannot link a static program here"
	socklab trace --record "$T/s" -- /bin/sh -c "'$T/static'; true" >/dev/null 2>&1
	ev "$T/s" 'select(.src=="note" and .kind=="untraceable")' | grep -q "statically linked" ||
		fail "no note about the static program"
}

test_a_session_folder_is_never_written_over() {
	socklab trace --record "$T/s" -- /bin/true 2>/dev/null
	set +e
	socklab trace --record "$T/s" -- /bin/true 2>"$T/err"
	local rc=$?
	set -e
	[ $rc = 2 ] || fail "exit $rc"
	grep -q "already holds a session" "$T/err" || fail "$(cat "$T/err")"
}

test_without_record_a_new_folder_is_named_after_the_program_and_said() {
	socklab trace -- "$CONFORM/close_all" >/dev/null 2>"$T/err"
	local dir
	dir=$(sed -n 's/^socklab: session saved in //p' "$T/err")
	[ -n "$dir" ] || fail "no path printed: $(cat "$T/err")"
	case $dir in socklab-close_all-2*) ;; *) fail "folder name: $dir" ;; esac
	[ -s "$T/$dir/events.jsonl" ] || fail "no events in $dir"
}

test_a_program_killed_by_a_signal_is_recorded_as_such() {
	socklab trace --record "$T/s" -- /bin/sh -c 'kill -9 $$' >/dev/null 2>"$T/err"
	grep -q "was killed by signal 9" "$T/err" || fail "$(cat "$T/err")"
	ev "$T/s" 'select(.event=="reaped" and .fn=="socklab" and .sig=="SIGKILL")' | grep -q . ||
		fail "no reaped SIGKILL event"
}

run_tests
