#!/bin/bash
# socklab doctor: it tries each thing socklab needs, reports each with what
# its absence takes away, exits 1 exactly when something is missing, and
# leaves nothing behind.
. "$(dirname "$0")/../lib.sh"

CHECKS="root tracer capture tracefs sock_diag netns nftables netem"

# Runs doctor with "$@" before it (setpriv ...); output in $T/doc, status in RC.
run_doctor() {
	RC=0
	"$@" "$SOCKLAB" doctor >"$T/doc" 2>&1 || RC=$?
}

verdict() {
	awk -v name="$1" '$2 == name { print $1 }' "$T/doc"
}

test_every_check_is_reported_and_the_exit_status_follows() {
	run_doctor
	local c missing=0
	for c in $CHECKS; do
		case $(verdict "$c") in
		ok) ;;
		MISSING) missing=1 ;;
		*) fail "no verdict for $c in: $(cat "$T/doc")" ;;
		esac
	done
	[ $RC = $missing ] || fail "exit $RC with missing=$missing"
	# Each missing piece says what it takes away.
	[ "$(grep -c '^  MISSING' "$T/doc")" = "$(grep -c -- '-> without' "$T/doc")" ] ||
		fail "a missing piece without its consequence: $(cat "$T/doc")"
}

test_as_root_tracefs_capture_and_namespaces_work() {
	need_root "doctor's root checks"
	run_doctor
	for c in root tracer capture tracefs sock_diag netns nftables; do
		[ "$(verdict "$c")" = ok ] || fail "$c: $(grep " $c " "$T/doc")"
	done
}

test_without_root_it_says_what_is_lost() {
	local as=()
	if [ "$(id -u)" = 0 ]; then
		chmod 755 "$T"
		as=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	fi
	run_doctor "${as[@]}"
	[ $RC = 1 ] || fail "exit $RC without root"
	[ "$(verdict root)" = MISSING ] || fail "root: $(verdict root)"
	[ "$(verdict tracefs)" = MISSING ] || fail "tracefs works without root?"
	grep -q "short-lived states like SYN_RCVD may be missed; TIME_WAIT still shows" "$T/doc" ||
		fail "does not say what missing tracefs takes away"
	[ "$(verdict sock_diag)" = ok ] || fail "sock_diag needs no root: $(grep sock_diag "$T/doc")"
}

test_doctor_leaves_no_tracing_instance() {
	need_root "tracefs instances need root"
	mkdir "$T/tfs"
	mount -t tracefs nodev "$T/tfs" || fail "cannot mount tracefs"
	defer umount "$T/tfs"
	"$SOCKLAB" doctor >"$T/doc" 2>&1 &
	local pid=$!
	wait $pid || true
	[ "$(verdict tracefs)" = ok ] || fail "tracefs: $(grep tracefs "$T/doc")"
	[ ! -e "$T/tfs/instances/socklab-$pid" ] || fail "doctor left instances/socklab-$pid"
	! grep -q "socklab-tracefs-$pid-" /proc/mounts || fail "doctor left its tracefs mount"
}

test_arguments_are_a_usage_error() {
	local rc=0
	"$SOCKLAB" doctor extra 2>"$T/err" || rc=$?
	[ $rc = 2 ] || fail "exit $rc"
}

run_tests
