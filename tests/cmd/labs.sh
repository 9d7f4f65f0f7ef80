#!/bin/bash
# The numbered labs, headless. Each runs naive and fixed (and with each of
# its options) LAB_ROUNDS times (tests/lib.sh), and every checkpoint holds
# every time: the phenomenon shows in the naive run and not in the fixed
# one, not by luck.
# As root, every source a session lists must have worked. Also: lab 1's
# listen queue (--backlog) read with tshark, lab 4's
# capture read with tshark, lab 6's namespaces removed on every exit path,
# the refusals (no such lab, no --fix, no root), and the sheets.
. "$(dirname "$0")/../lib.sh"

test_lab1_handshake_client_closes_first() {
	run_lab l1 1
}

test_lab1_handshake_server_closes_first() {
	run_lab l1s 1 --server-closes-first
}

# The listen queue: with backlog 1 and a server slow to accept, the third
# and fourth clients' SYNs go unanswered and are sent again (tshark sees
# each as a retransmission, twice per client), and no SYN+ACK answers them
# before the server's first accept().
test_lab1_backlog_full_queue_drops_syns_that_are_sent_again() {
	run_lab l1b 1 --backlog
	[ "$(id -u)" = 0 ] || return 0
	local pcap=$T/l1b-1/capture.pcap n
	n=$(tshark -r "$pcap" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0 &&
		tcp.analysis.retransmission' 2>/dev/null | wc -l)
	[ "$n" -ge 4 ] || fail "$n SYNs sent again in the capture, expected 4 or more"
}

test_lab2_fork_server_naive_sticks_in_close_wait_fixed_does_not() {
	run_lab l2 2
	run_lab l2f 2 --fix
}

test_lab3_zombies_pile_up_naive_and_one_wait_fixed_reaps_all() {
	run_lab l3 3
	run_lab l3o 3 --one-wait
	run_lab l3f 3 --fix
}

test_lab4_nagle_stalls_naive_not_with_nodelay_or_one_write() {
	run_lab l4 4
	run_lab l4f 4 --fix
	run_lab l4o 4 --one-write
}

test_lab5_reuseaddr_eaddrinuse_naive_and_new_only_binds_fixed() {
	run_lab l5 5
	run_lab l5n 5 --new-only
	run_lab l5f 5 --fix
}

test_a_run_with_an_option_names_itself_and_gets_a_folder_of_its_own() {
	# Run back to back, as a student runs a sheet's commands: the option
	# run must not want the naive run's folder, and says which run it is.
	(cd "$T" && socklab run 5 --no-view >out-naive 2>&1 &&
		socklab run 5 --new-only --no-view >out-new 2>&1) ||
		fail "two runs of lab 5 in a row: $(cat "$T"/out-*)"
	grep -q '^checkpoints (naive run):' "$T/out-naive" || fail "$(cat "$T/out-naive")"
	grep -q '^checkpoints (--new-only run):' "$T/out-new" || fail "$(cat "$T/out-new")"
	ls -d "$T"/socklab-lab05-reuseaddr-new-only-* >/dev/null 2>&1 ||
		fail "no folder named for the option: $(ls "$T")"
}

test_lab6_fragmentation_pieces_and_clumps_naive_whole_fixed() {
	need_root "lab 6 builds network namespaces"
	run_lab l6 6
	run_lab l6f 6 --fix
	no_lab_netns_left 6
}

test_lab7_udp_keeps_boundaries_truncates_and_refuses() {
	run_lab l7 7
	run_lab l7u 7 --unconnected
}

# Delayed-ACK stalls in a capture: a bare ACK from the server 30 ms or more
# after the client's last data segment. Prints how many.
delayed_ack_stalls() {
	local pcap=$1 server_port
	server_port=$(tshark -r "$pcap" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' \
		-T fields -e tcp.dstport 2>/dev/null | head -n 1)
	[ -n "$server_port" ] || fail "no SYN in $pcap"
	tshark -r "$pcap" -T fields -e frame.time_relative -e tcp.srcport -e tcp.len \
		-e tcp.flags.syn -e tcp.flags.fin 2>/dev/null |
		awk -v sp="$server_port" '
			$2 != sp && $3 > 0 { data = $1; next }
			$2 == sp && data != "" {
				if ($3 == 0 && $4 == 0 && $5 == 0 && $1 - data >= 0.030) stalls++
				data = ""
			}
			END { print stalls + 0 }'
}

test_lab4_capture_shows_delayed_ack_stalls_naive_and_none_fixed() {
	need_root "packet capture"
	local n
	for i in $(seq "$ROUNDS"); do
		socklab run 4 --no-view --record "$T/naive-$i" >/dev/null 2>&1 || fail "naive run $i failed"
		socklab run 4 --fix --no-view --record "$T/fixed-$i" >/dev/null 2>&1 || fail "fixed run $i failed"
		jq -e '.sources.pkt' "$T/naive-$i/session.json" >/dev/null ||
			skip "this socklab captures no packets (no pkt source)"
		n=$(delayed_ack_stalls "$T/naive-$i/capture.pcap")
		[ "$n" -ge 8 ] || fail "naive run $i: $n delayed-ACK stalls in the capture, expected 8 or more"
		n=$(delayed_ack_stalls "$T/fixed-$i/capture.pcap")
		[ "$n" = 0 ] || fail "fixed run $i: $n delayed-ACK stalls in the capture, expected none"
	done
}

# socklab ARGS must exit 2 with one line on stderr containing TEXT (and at
# most the usual "(see: socklab run --help)" after it).
expect_refusal() {
	local text=$1 rc
	shift
	set +e
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	[ "$rc" = 2 ] || fail "$*: exit $rc, expected 2: $(cat "$T/err")"
	[ "$(grep -vc '^(see: ' "$T/err")" = 1 ] || fail "$*: more than one line: $(cat "$T/err")"
	head -n 1 "$T/err" | grep -q -- "$text" || fail "$*: stderr lacks '$text': $(cat "$T/err")"
}

test_a_missing_lab_a_missing_fix_and_a_wrong_option_are_one_line() {
	expect_refusal "there is no lab '99'" socklab run 99
	expect_refusal "lab 7 (udp-boundaries) has no --fix" socklab run 7 --fix
	expect_refusal "lab 1 (handshake) has no --fix" socklab run handshake --fix
	! ls "$T" | grep -q '^socklab-lab' || fail "a refused run left a session folder: $(ls "$T")"
}

test_an_unknown_lab_option_names_the_ones_it_has() {
	set +e
	socklab run 4 --bogus --no-view >"$T/out" 2>"$T/err"
	local rc=$?
	set -e
	[ "$rc" = 2 ] || fail "exit $rc"
	grep -q -- "--one-write" "$T/err" || fail "the lab's options are not named: $(cat "$T/err")"
}

test_a_lab_that_needs_root_refuses_without_it() {
	need_root "to run socklab as another user"
	command -v setpriv >/dev/null || skip "setpriv is missing"
	expect_refusal "lab 6 (fragmentation) needs root" \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$SOCKLAB" run 6 --no-view
}

test_without_root_the_labs_skip_what_they_cannot_see_and_fail_nothing() {
	need_root "to run socklab as another user"
	command -v setpriv >/dev/null || skip "setpriv is missing"
	chmod 711 "$T"
	mkdir -m 777 "$T/user"
	cd "$T/user"
	for lab in "1" "1 --server-closes-first" "2" "2 --fix" "3 --one-wait" "4" "5" "5 --fix" "7"; do
		# shellcheck disable=SC2086
		setpriv --reuid=65534 --regid=65534 --clear-groups "$SOCKLAB" run $lab --no-view \
			--record "$T/user/run-${lab// /}" >"$T/out" 2>&1 ||
			fail "socklab run $lab, not root: $(grep -E 'FAIL|socklab:' -A1 "$T/out")"
		grep -q '^all checkpoints hold' "$T/out" || fail "socklab run $lab: $(cat "$T/out")"
	done
}

test_labs_are_listed_in_order_and_run_by_number_or_name() {
	socklab list >"$T/list"
	local names want
	names=$(awk '$1 ~ /^[0-9]+$/ {print $1 "-" $2}' "$T/list" | tr '\n' ' ')
	# Every lab folder, NN-name, in order, numbered without the leading 0.
	want=$(cd "$ROOT/labs" && ls -d [0-9][0-9]-* | sed 's/^0//' | tr '\n' ' ')
	[ "$names" = "$want" ] || fail "socklab list: $names, the labs' folders: $want"
	case $want in "1-handshake 2-fork-server 3-zombies 4-nagle "*) ;; *) fail "labs 1-4 are not first: $want" ;; esac
	socklab run 07 --no-view --record "$T/by-number" >/dev/null 2>&1 || fail "run 07"
	socklab run udp-boundaries --no-view --record "$T/by-name" >/dev/null 2>&1 || fail "run udp-boundaries"
	grep -q bound_host1 "$T/by-number/events.jsonl" || fail "run 07 did not run lab 7"
}

# Waits (up to 5 s) for a namespace of socklab pid $1; fails if none.
wait_lab_netns() {
	for _ in $(seq 100); do
		if ip netns list 2>/dev/null | grep -q "socklab-lab6-$1-"; then return 0; fi
		sleep 0.05
	done
	fail "socklab (pid $1) built no namespace"
}

# Waits (up to 5 s) until process $1 has ended: gone, or a zombie that
# nobody has reaped yet.
wait_ended() {
	local stat
	for _ in $(seq 100); do
		stat=$(ps -o stat= -p "$1" 2>/dev/null || true)
		case $stat in "" | Z*) return 0 ;; esac
		sleep 0.05
	done
	fail "$2: $(ps -o pid,uid,stat,cmd -p "$1" | tail -1)"
}

test_lab6_removes_its_namespaces_when_interrupted_or_after_a_kill() {
	need_root "lab 6 builds network namespaces"
	local pid dead stale sleeper
	"$SOCKLAB" run 6 --no-view --record "$T/int" >/dev/null 2>&1 &
	pid=$!
	wait_lab_netns "$pid"
	kill -INT "$pid"
	wait "$pid" 2>/dev/null || true
	! ip netns list 2>/dev/null | grep -q "socklab-lab6-$pid-" || fail "Ctrl-C left: $(ip netns list 2>/dev/null)"

	# Killed, socklab cannot end its programs: they die with it (unit
	# test: a_program_dies_with_socklab_even_when_socklab_is_killed).
	"$SOCKLAB" run 6 --no-view --record "$T/killed" >/dev/null 2>&1 &
	pid=$!
	wait_lab_netns "$pid"
	kill -KILL "$pid"
	wait "$pid" 2>/dev/null || true
	ip netns list 2>/dev/null | grep -q "socklab-lab6-$pid-" || fail "the namespaces were already gone"

	# What a killed run left in its namespace (a program's child, say):
	# the next run kills it when it removes the namespace.
	dead=$(($(cat /proc/sys/kernel/pid_max) - 1))
	while kill -0 "$dead" 2>/dev/null; do dead=$((dead - 1)); done
	stale="socklab-lab6-$dead-a"
	ip netns add "$stale" || fail "cannot make namespace $stale"
	defer "ip netns delete $stale 2>/dev/null"
	bg ip netns exec "$stale" sleep 600
	sleeper=$(tail -1 "$T/.bg_pids")
	in_stale() { [ "$(stat -Lc %i "/proc/$sleeper/ns/net" 2>/dev/null)" = "$(stat -c %i "/run/netns/$stale")" ]; }
	for _ in $(seq 100); do
		in_stale && break
		sleep 0.05
	done
	in_stale || fail "sleep did not enter $stale"

	socklab run 6 --no-view --record "$T/next" >/dev/null 2>&1 || fail "the next run failed"
	! ip netns list 2>/dev/null | grep -q "socklab-lab6-$pid-" || fail "the next run did not sweep: $(ip netns list 2>/dev/null)"
	! ip netns list 2>/dev/null | grep -q "^$stale" || fail "the next run left $stale"
	wait_ended "$sleeper" "the next run left a process in $stale"
}

# The uid of the first child of process $1 whose program matches the
# pattern $2, looked for until it shows or $1 ends, at most 60 s. Only
# shell builtins in the loop: a child that lives a few tenths of a second
# (lab 6's receiver) is not missed between two looks, however busy the
# machine.
uid_of_child() {
	local pid=$1 until=$((SECONDS + 60)) f c kids arg0 key val state
	while [ $SECONDS -lt $until ]; do
		for f in /proc/"$pid"/task/*/children; do
			kids=()
			read -r -a kids 2>/dev/null <"$f" || true
			for c in "${kids[@]}"; do
				arg0=""
				read -r -d '' arg0 2>/dev/null <"/proc/$c/cmdline" || true
				# shellcheck disable=SC2053
				[[ $arg0 == $2 ]] || continue
				while read -r key val _; do
					[ "$key" = Uid: ] && { echo "$val"; return 0; }
				done 2>/dev/null <"/proc/$c/status" || true
			done
		done
		state=""
		while read -r key val _; do
			[ "$key" = State: ] && { state=$val; break; }
		done 2>/dev/null <"/proc/$pid/status"
		case $state in "" | Z | X) return 0 ;; esac
	done
	return 0
}

# Under sudo a lab with a network stays root (only root enters its
# namespaces and removes them), but its programs run as the user who ran
# sudo, and the session is theirs.
test_lab6_under_sudo_runs_as_the_user_and_leaves_no_namespace() {
	need_root "to play sudo"
	local pid uid=""
	chmod 755 "$T"
	SUDO_UID=65534 SUDO_GID=65534 "$SOCKLAB" run 6 --no-view --record "$T/sudo" >"$T/out" 2>&1 &
	pid=$!
	uid=$(uid_of_child "$pid" "*/06-fragmentation/receiver")
	wait "$pid" || fail "socklab run 6 under sudo failed: $(cat "$T/out")"
	[ "$uid" = 65534 ] || fail "the receiver ran as uid '$uid', not the user who ran sudo"
	grep -q '^all checkpoints hold' "$T/out" || fail "$(cat "$T/out")"
	for f in "$T/sudo" "$T/sudo/events.jsonl" "$T/sudo/capture.pcap" "$T/sudo/session.json"; do
		[ "$(stat -c %u "$f")" = 65534 ] || fail "$f belongs to uid $(stat -c %u "$f")"
	done
	! ip netns list 2>/dev/null | grep -q "socklab-lab6-$pid-" || fail "left: $(ip netns list)"
}

test_every_lab_has_a_complete_sheet() {
	for sheet in "$ROOT"/labs/[0-9][0-9]-*/LAB.md; do
		for heading in "## Goal" "## Background" "## Run it" "## What to watch" \
			"## Questions" "## Exercise"; do
			grep -q "^$heading" "$sheet" || fail "$sheet has no '$heading'"
		done
	done
}

run_tests
