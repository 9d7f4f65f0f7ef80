#!/bin/bash
# Kernel TCP states in a session: a client that shuts down first walks the
# left side of the state diagram and its server the right side, as the
# kernel saw it (tracefs, root) or as sock_diag and TCP_INFO saw it (no
# root); calls and states of one socket carry one identity; and the tracefs
# instance is gone even when socklab is killed.
. "$(dirname "$0")/../lib.sh"

# Runs shut_server and shut_client under one `socklab trace` into $T/s.
# The client starts once the server listens.
trace_shutdown_story() {
	local port
	port=$(free_port)
	"$@" "$SOCKLAB" trace --record "$T/s" -- sh -c "
		$PROGS/shut_server $port &
		until ss -Htln 'sport = :$port' | grep -q .; do sleep 0.02; done
		$PROGS/shut_client 127.0.0.1 $port
		wait" >"$T/trace.out" 2>"$T/trace.err" || fail "socklab trace failed: $(cat "$T/trace.err")"
}

# The "sock" of the call fn (connect, accept, listen).
sock_of_call() {
	ev "$T/s" "select(.src==\"call\" and .fn==\"$1\" and .ret>=0) | .sock" | head -n1 | tr -d '"'
}

# The states a socket went to, in order, space-separated.
states_of() {
	ev "$T/s" "select(.src==\"state\" and .sock==\"$1\") | .to" | tr -d '"' | tr '\n' ' '
}

# Fails unless the words of $2 appear in $1 in this order (others may lie
# between them).
expect_in_order() {
	local have=" $1" want
	for want in $2; do
		case $have in
		*" $want "*) have=" ${have#*" $want "}" ;;
		*) fail "expected the states '$2' in order, got '$1'" ;;
		esac
	done
}

test_client_that_shuts_down_first_walks_the_exact_state_diagram() {
	need_root "exact kernel states come from tracefs"
	trace_shutdown_story
	local client server listener
	client=$(sock_of_call connect)
	server=$(sock_of_call accept)
	listener=$(sock_of_call listen)
	[ -n "$client" ] && [ -n "$server" ] || fail "no connect or accept in the session"
	[ "$(states_of "$client")" = "SYN_SENT ESTABLISHED FIN_WAIT_1 FIN_WAIT_2 TIME_WAIT " ] ||
		fail "client $client: $(states_of "$client")"
	[ "$(states_of "$server")" = "SYN_RCVD ESTABLISHED CLOSE_WAIT LAST_ACK CLOSED " ] ||
		fail "server $server: $(states_of "$server")"
	[ "$(states_of "$listener")" = "LISTEN CLOSED " ] ||
		fail "listener $listener: $(states_of "$listener")"
	# TIME_WAIT says how long it has left (60 s on Linux, a little less now).
	ev "$T/s" "select(.sock==\"$client\" and .to==\"TIME_WAIT\") |
		select(.timer_ms > 50000 and .timer_ms <= 60000 and .via==\"diag\")" | grep -q . ||
		fail "TIME_WAIT without its countdown: $(ev "$T/s" "select(.to==\"TIME_WAIT\")")"
	# Exact: every other change came from the tracepoint, and the chain holds.
	[ "$(ev "$T/s" 'select(.src=="state" and .to!="TIME_WAIT" and .via!="tracefs")' | wc -l)" = 0 ] ||
		fail "states not from tracefs with tracefs on"
}

test_state_events_name_sockets_exactly_as_the_calls_do() {
	trace_shutdown_story
	local client
	client=$(sock_of_call connect)
	case $client in
	127.0.0.1:[0-9]*\>127.0.0.1:[0-9]*) ;;
	*) fail "connect's socket is '$client'" ;;
	esac
	ev "$T/s" "select(.src==\"state\" and .sock==\"$client\")" | grep -q . ||
		fail "no state event names $client"
	ev "$T/s" 'select(.src=="state" and .sock=="0.0.0.0:'"${client##*:}"'>*")' | grep -q . ||
		fail "the listener's state is not named 0.0.0.0:PORT>*"
}

test_calls_and_states_of_one_connection_share_its_number() {
	trace_shutdown_story
	local client server conn
	client=$(sock_of_call connect)
	server=$(sock_of_call accept)
	conn=$(ev "$T/s" "select(.src==\"call\" and .fn==\"connect\") | .conn" | head -n1)
	[ -n "$conn" ] && [ "$conn" != null ] || fail "connect has no conn"
	# Both sockets of the connection, calls and states, one number...
	[ "$(ev "$T/s" "select(.sock==\"$client\" or .sock==\"$server\") | select(.conn!=$conn)" | wc -l)" = 0 ] ||
		fail "events of the connection with another conn: $(ev "$T/s" "select(.sock==\"$client\" and .conn!=$conn)")"
	# ... and only they have it (packets will too, once captured).
	[ "$(ev "$T/s" "select(.conn==$conn and .src!=\"pkt\") | select(.sock!=\"$client\" and .sock!=\"$server\")" | wc -l)" = 0 ] ||
		fail "another socket shares conn $conn"
	# A listener is no connection.
	[ "$(ev "$T/s" 'select(.sock!=null and (.sock|endswith(">*")) and .conn!=null)' | wc -l)" = 0 ] ||
		fail "a listener's events have a conn"
	# The story a grader tells: close() by that pid on that fd, and the
	# socket went FIN_WAIT_1 (or, with shutdown, shutdown() did).
	ev "$T/s" "select(.src==\"call\" and .fn==\"shutdown\" and .conn==$conn) | .pid, .fd" | grep -q . ||
		fail "shutdown() is not tied to the connection"
	ev "$T/s" "select(.src==\"state\" and .conn==$conn and .to==\"FIN_WAIT_1\" and .sock==\"$client\")" |
		grep -q . || fail "FIN_WAIT_1 is not tied to the connection"
}

# A connect() nobody answers (a firewall drops its SYNs) never returns, so
# no call names its socket: the kernel's CLOSED -> SYN_SENT names the
# process that called connect(), and the session shows that state, on that
# process, and each SYN sent again.
test_a_connect_left_waiting_shows_its_syn_sent_and_its_syns() {
	need_root "a network namespace with a firewall, and tracefs"
	local ns=socklab-test-syn-$$ caller
	ip netns add "$ns" || fail "cannot make network namespace $ns"
	defer ip netns del "$ns"
	ip netns exec "$ns" ip link set lo up
	ip netns exec "$ns" nft -f - <<-EOF || fail "nft refused the firewall"
		table ip socklab_test {
			chain input {
				type filter hook input priority 0;
				tcp dport 9 counter drop
			}
		}
	EOF
	# bash's /dev/tcp is a plain blocking connect(). It is ended once the
	# firewall has dropped the first SYN and its retransmission (1 s later),
	# however slowly the machine started it; timeout bounds it at 20 s.
	ip netns exec "$ns" "$SOCKLAB" trace --record "$T/s" -- \
		timeout 20 bash -c "echo \$\$ >'$T/pid'; exec 3<>/dev/tcp/127.0.0.1/9" >"$T/out" 2>&1 &
	local trace=$! drops
	echo $trace >>"$T/.bg_pids"
	for _ in $(seq 300); do
		drops=$(ip netns exec "$ns" nft list table ip socklab_test |
			sed -n 's/.*counter packets \([0-9]*\).*/\1/p')
		[ "${drops:-0}" -lt 2 ] || break
		sleep 0.05
	done
	[ "${drops:-0}" -ge 2 ] || fail "the firewall dropped ${drops:-no} SYNs in 15 s: $(cat "$T/out")"
	kill "$(cat "$T/pid")"
	wait $trace || true
	[ "$(ev "$T/s" 'select(.src=="call" and .fn=="connect")' | wc -l)" = 0 ] ||
		fail "connect() returned: the firewall did not hold it"
	caller=$(ev "$T/s" 'select(.src=="call" and .fn=="socket") | .pid' | head -n1)
	[ -n "$caller" ] || fail "no socket() in the session: $(cat "$T/out")"
	ev "$T/s" "select(.src==\"state\" and .to==\"SYN_SENT\" and .pid==$caller)" | grep -q . ||
		fail "no SYN_SENT from pid $caller: $(ev "$T/s" 'select(.src=="state")')"
	[ "$(ev "$T/s" 'select(.src=="pkt" and .flags=="S" and (.to|endswith(":9")))' | wc -l)" -ge 2 ] ||
		fail "the SYN and its retransmission are not in the session: $(ev "$T/s" 'select(.src=="pkt")')"
	# The ladder puts the waiting socket on its process's column.
	"$SOCKLAB" show "$T/s" | head -n2 | grep -q "pid $caller" ||
		fail "the ladder does not name pid $caller: $("$SOCKLAB" show "$T/s" | head -n2)"
}

test_without_root_states_still_appear_from_sock_diag_and_tcp_info() {
	local as=()
	if [ "$(id -u)" = 0 ]; then
		chmod 777 "$T"
		chown nobody "$T/.run"
		as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
		"${as[@]}" test -x "$SOCKLAB" || fail "nobody cannot run $SOCKLAB: make build/ readable"
	fi
	trace_shutdown_story "${as[@]}"
	local client server listener
	client=$(sock_of_call connect)
	server=$(sock_of_call accept)
	listener=$(sock_of_call listen)
	expect_in_order "$(states_of "$client")" "ESTABLISHED TIME_WAIT"
	# The server accepts after the client's FIN may have come: it can be
	# in CLOSE_WAIT already when accept() returns.
	expect_in_order "$(states_of "$server")" "CLOSE_WAIT CLOSED"
	expect_in_order "$(states_of "$listener")" "LISTEN"
	ev "$T/s" "select(.sock==\"$client\" and .to==\"TIME_WAIT\" and .timer_ms > 0)" | grep -q . ||
		fail "TIME_WAIT without its countdown"
	[ "$(ev "$T/s" 'select(.via=="tracefs")' | wc -l)" = 0 ] || fail "tracefs used without root?"
	ev "$T/s" 'select(.via=="tcpinfo")' | grep -q . || fail "the tracers were not asked for TCP_INFO"
	ev "$T/s" 'select(.via=="diag")' | grep -q . || fail "sock_diag was not polled"
	ev "$T/s" 'select(.src=="note" and (.text|test("not from tracefs")))' | grep -q . ||
		fail "the session does not say why states are not exact"
}

# Mounts tracefs in $T/tfs (instances are the same in every mount), to
# look at socklab's instances from outside; unmounted when the test ends.
look_at_tracefs() {
	mkdir "$T/tfs"
	mount -t tracefs nodev "$T/tfs" || fail "cannot mount tracefs"
	defer umount "$T/tfs"
}

# Waits (up to 10 s) until test "$@" is true.
wait_until() {
	for _ in $(seq 200); do
		if "$@"; then return 0; fi
		sleep 0.05
	done
	return 1
}

test_tracefs_instance_is_gone_after_socklab_is_killed() {
	need_root "tracefs instances need root"
	look_at_tracefs
	"$SOCKLAB" trace --record "$T/s" -- sleep 60 2>/dev/null &
	local pid=$! child
	echo $pid >>"$T/.bg_pids"
	wait_until test -d "$T/tfs/instances/socklab-$pid" ||
		fail "socklab made no instance socklab-$pid"
	child=$(cat /proc/$pid/task/*/children 2>/dev/null || true)
	for c in $child; do echo "$c" >>"$T/.bg_pids"; done
	kill -KILL $pid
	wait $pid 2>/dev/null || true
	wait_until test ! -e "$T/tfs/instances/socklab-$pid" ||
		fail "instance socklab-$pid still there after SIGKILL"
	wait_until sh -c "! grep -q 'socklab-tracefs-$pid-' /proc/mounts" ||
		fail "socklab's own tracefs mount is still there after SIGKILL"
}

test_tracefs_instance_is_gone_after_ctrl_c() {
	need_root "tracefs instances need root"
	look_at_tracefs
	"$SOCKLAB" trace --record "$T/s" -- sleep 60 2>/dev/null &
	local pid=$!
	echo $pid >>"$T/.bg_pids"
	wait_until test -d "$T/tfs/instances/socklab-$pid" || fail "no instance socklab-$pid"
	kill -INT $pid
	wait $pid || true
	[ ! -e "$T/tfs/instances/socklab-$pid" ] || fail "instance left after Ctrl-C"
	[ -f "$T/s/session.json" ] || fail "the session was not written"
}

test_stale_instance_of_a_dead_socklab_is_removed_at_next_start() {
	need_root "tracefs instances need root"
	look_at_tracefs
	local dead
	# A pid that ran and is gone (and not reused in the meantime).
	for _ in 1 2 3 4 5; do
		sh -c 'exit 0' &
		dead=$!
		wait $dead
		kill -0 $dead 2>/dev/null || break
	done
	mkdir "$T/tfs/instances/socklab-$dead" || fail "cannot make a stale instance"
	defer "rmdir $T/tfs/instances/socklab-$dead 2>/dev/null"
	"$SOCKLAB" trace --record "$T/s" -- true 2>/dev/null
	[ ! -e "$T/tfs/instances/socklab-$dead" ] || fail "the stale instance socklab-$dead is still there"
}

run_tests
