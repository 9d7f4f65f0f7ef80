#!/bin/bash
# socklab grade against hostile submissions (tests/grade/hostile/, one
# per attack): each is graded, and what it must not achieve is asserted
# from outside -- a file the instructor's shell would have made, a secret
# in the results, a key that shows, a system call that worked -- and each
# still gets the verdict of the correct echo server it also is: what the
# sandbox denied is reported, and nothing crashes.
. "$(dirname "$0")/../lib.sh"

HOSTILE="$ROOT/tests/grade/hostile"

# What the student's program printed in session $1 (one line each).
printed() {
	jq -r 'select(.src == "note" and .kind == "output") | .text' "$1/events.jsonl"
}

# Fails unless result $1 (a result.json) passed every check.
passed_all() {
	jq -e '.score == .max and .max > 0' "$1" >/dev/null ||
		fail "$(jq -r .submission "$1") did not pass every check: $(jq -c '{score, max, problems, checks: [.checks[] | select(.pass == false) | {name, summary}]}' "$1")"
}

# Fails unless result $1 records a denial of system call $2 by $3 ("the
# server", "the build"), and report $4 shows it.
denial_shown() {
	local res=$1 call=$2 by=$3 report=$4
	jq -e --arg c "$call" --arg b "$by" '.denied | any(.syscall == $c and .by == $b and
		(.text | contains("tried " + $c + "(")) and (.text | contains("denied by the sandbox")))' \
		"$res" >/dev/null || fail "no denial of $call by $by in $res: $(jq -c .denied "$res")"
	grep -q "sandbox: $by: .* tried $call(.*: denied by the sandbox" "$report" ||
		fail "the report does not show $by's $call: $(grep sandbox: "$report")"
}

# A submission that types "id > FILE" into socklab's terminal (TIOCSTI),
# from its Makefile and as the server, graded from a real terminal
# (pty_run) by a shell that then runs whatever line waits on it, as an
# instructor's interactive shell would once `socklab grade` returns: the
# shell runs nothing, the file is never made, each try is denied and
# reported, and the server passes every check.
test_a_submission_types_nothing_into_the_terminal_socklab_runs_on() {
	mkdir sub
	cp "$HOSTILE/tiocsti.c" sub/
	printf 'tiocsti: tiocsti.c\n\tcc -Wall -o tiocsti tiocsti.c\n\t./tiocsti --inject\n' >sub/Makefile
	cat >shell.sh <<EOF
"\$SOCKLAB" grade echo-fork "$T/sub" --json --out "$T/out" >"$T/res.json" 2>"$T/err"
echo \$? >"$T/grade.rc"
# A line typed on the terminal meanwhile is there now: run it, as a shell would.
for _ in 1 2 3 4 5 6 7 8; do
	read -r -t 0 || break
	IFS= read -r line || break
	printf '%s\n' "\$line" >>"$T/typed"
	eval "\$line"
done
EOF
	"$PROGS/pty_run" bash shell.sh >terminal.txt || fail "the shell on the terminal failed: $(cat terminal.txt)"
	[ ! -e typed ] || fail "the shell read lines typed by the submission: $(cat typed)"
	[ ! -e socklab-tiocsti-was-here ] || fail "the shell ran the submission's command: $(cat socklab-tiocsti-was-here)"
	[ "$(cat grade.rc)" = 0 ] || fail "socklab grade exited $(cat grade.rc): $(cat err)"
	passed_all out/sub/result.json
	grep -q '^tiocsti (build): /dev/tty: open: ' out/sub/build.log ||
		fail "the Makefile's attack did not run, or opened /dev/tty: $(grep tiocsti out/sub/build.log)"
	printed out/sub/session | grep -q '^tiocsti (run): /dev/tty: open: ' ||
		fail "the server's attack did not run, or opened /dev/tty: $(printed out/sub/session | grep tiocsti)"
	! grep -rqI TYPED out || fail "a TIOCSTI worked: $(grep -rhI TYPED out)"
	denial_shown out/sub/result.json ioctl "the build" out/sub/report.txt
	denial_shown out/sub/result.json ioctl "the server" out/sub/report.txt
	grep -q 'tried ioctl(0, TIOCSTI)' out/sub/report.txt || fail "the report does not name TIOCSTI"
}

# A submission that prints its environment (and a Makefile that prints
# the build's), graded by a socklab whose environment holds a secret: no
# result file holds it, and the program saw PATH, HOME, LANG, TERM and
# socklab's LD_PRELOAD and SOCKLAB_RING, nothing else; the build the same
# (and what make and sh add themselves).
test_the_graders_environment_reaches_neither_the_build_nor_the_program() {
	local secret="SECRET-TOKEN-$$-$RANDOM" rc=0 names
	mkdir sub
	cp "$HOSTILE/env.c" sub/
	printf 'env: env.c\n\tenv | sed "s/^/build env: /"\n\tcc -Wall -o env env.c\n' >sub/Makefile
	SECRET_TOKEN=$secret socklab grade echo-fork sub --json --out out >res.json 2>err || rc=$?
	[ "$rc" = 0 ] || fail "exit $rc: $(cat err)"
	passed_all out/sub/result.json
	! grep -rlI -e "$secret" -e SECRET_TOKEN out || fail "the secret is in the results: $(grep -rhI -e "$secret" out | head -3)"
	names=$(printed out/sub/session | sed -n 's/^env: \([^=]*\)=.*/\1/p' | sort | xargs)
	[ "$names" = "HOME LANG LD_PRELOAD PATH SOCKLAB_RING TERM" ] ||
		fail "the program's environment: [$names]"
	printed out/sub/session | grep -qx 'env: TERM=dumb' || fail "TERM is not dumb"
	names=$(sed -n 's/^build env: \([^=]*\)=.*/\1/p' out/sub/build.log |
		grep -vxE 'MAKEFLAGS|MAKELEVEL|MFLAGS|PWD|OLDPWD|SHLVL|_' | sort | xargs)
	[ "$names" = "HOME LANG PATH TERM" ] || fail "the build's environment: [$names]"
}

# Two submissions graded one after the other, from a session keyring that
# holds an instructor's key: each adds a key for the next to find and
# prints /proc/keys. The instructor's key shows in no result, each keyring
# call is denied (EPERM) and reported, and both pass every check.
test_keys_neither_reach_a_submission_nor_pass_to_the_next() {
	local key="socklab-instructor-key-$$" rc=0 n
	mkdir -p class/first class/second
	cp "$HOSTILE/keyring.c" class/first/
	cp "$HOSTILE/keyring.c" class/second/
	"$PROGS/with_key" "$key" "$SOCKLAB" grade echo-fork class --jobs 1 --json --out out \
		>results.jsonl 2>err || rc=$?
	[ "$rc" = 0 ] || fail "exit $rc: $(cat err)"
	! grep -rlI -e "$key" out || fail "the instructor's key shows: $(grep -rhI -e "$key" out | head -3)"
	for n in first second; do
		passed_all "out/$n/result.json"
		printed "out/$n/session" | grep -q '^keyring: /proc/keys' ||
			fail "$n did not look at /proc/keys: $(printed "out/$n/session" | grep keyring)"
		for call in 'add_key(session)' 'add_key(user)' request_key 'keyctl(KEYCTL_SEARCH)'; do
			printed "out/$n/session" | grep -qxF "keyring: $call: Operation not permitted" ||
				fail "$n: $call was not denied: $(printed "out/$n/session" | grep -F "$call")"
		done
		for call in add_key request_key keyctl; do
			denial_shown "out/$n/result.json" "$call" "the server" "out/$n/report.txt"
		done
	done
	! grep -rqI socklab-left-behind out/second/session/events.jsonl ||
		fail "the second saw the first's key"
}

# A submission that reaches for the kernel's larger surface (user
# namespaces, io_uring, userfaultfd, perf_event_open, bpf, mount, ptrace,
# another process's memory, the 32-bit calls): each call is denied with
# EPERM, each denial is in result.json and report.txt, named, and the
# server passes every check.
test_the_kernels_larger_surface_is_denied_and_each_try_reported() {
	local rc=0 call
	cp "$HOSTILE/kernel.c" .
	socklab grade echo-fork kernel.c --json --out out >res.json 2>err || rc=$?
	[ "$rc" = 0 ] || fail "exit $rc: $(cat err) $(jq -c '{problems, denied}' res.json)"
	passed_all out/kernel/result.json
	for call in 'unshare(CLONE_NEWUSER)' 'clone(CLONE_NEWUSER)' setns io_uring_setup userfaultfd \
		perf_event_open 'bpf(BPF_MAP_CREATE)' 'mount(tmpfs on /tmp)' \
		'ptrace(PTRACE_ATTACH, parent)' 'process_vm_readv(parent)'; do
		printed out/kernel/session | grep -qxF "kernel: $call: Operation not permitted" ||
			fail "$call was not denied: $(printed out/kernel/session | grep -F "kernel: $call")"
	done
	for call in unshare clone setns io_uring_setup userfaultfd perf_event_open bpf mount ptrace \
		process_vm_readv; do
		denial_shown out/kernel/result.json "$call" "the server" out/kernel/report.txt
	done
	grep -q 'tried unshare(CLONE_NEWUSER): denied by the sandbox' out/kernel/report.txt ||
		fail "the report does not say which namespace: $(grep sandbox: out/kernel/report.txt)"
	if ! printed out/kernel/session | grep -q '(32-bit): no 32-bit system calls here'; then
		printed out/kernel/session | grep -qxF 'kernel: unshare(CLONE_NEWUSER) (32-bit): Operation not permitted' ||
			fail "the 32-bit unshare was not denied: $(printed out/kernel/session | grep 32-bit)"
		jq -e '.denied | any(.call == "unshare(CLONE_NEWUSER) (32-bit)" and .by == "a child of the server")' \
			out/kernel/result.json >/dev/null || fail "the 32-bit unshare is not recorded: $(jq -c .denied out/kernel/result.json)"
	fi
}

# Without root (a student grading their own homework, a container's
# plain user) there is no namespace and no user of its own, but the
# filter holds all the same: the kernel's calls are denied and reported,
# and the server still echoes. (Not every check: without a network of its
# own, closes-fds may see the machine's other sockets.)
test_without_root_the_filter_still_holds() {
	need_root "to run socklab as another user"
	command -v setpriv >/dev/null || skip "setpriv (util-linux) is missing"
	local rc=0 call unisolated=()
	# Where grading without isolation must be asked for, ask.
	if socklab grade --help | grep -q -- --unisolated; then unisolated=(--unisolated); fi
	chmod 777 "$T"
	cp "$HOSTILE/kernel.c" .
	chmod 644 kernel.c
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$SOCKLAB" grade echo-fork "$T/kernel.c" "${unisolated[@]}" --json --out out >res.json 2>err || rc=$?
	[ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "exit $rc: $(cat err) $(jq -c '{problems, denied}' res.json)"
	jq -e '.sandbox.isolated == false' res.json >/dev/null || fail "it was isolated: $(jq -c .sandbox res.json)"
	jq -e '.checks[] | select(.name == "echo") | .pass' res.json >/dev/null ||
		fail "the server did not echo: $(jq -c '{problems, checks}' res.json)"
	for call in 'unshare(CLONE_NEWUSER)' io_uring_setup userfaultfd 'bpf(BPF_MAP_CREATE)'; do
		printed out/kernel/session | grep -qxF "kernel: $call: Operation not permitted" ||
			fail "$call was not denied: $(printed out/kernel/session | grep -F "kernel: $call")"
	done
	for call in unshare io_uring_setup userfaultfd bpf; do
		denial_shown out/kernel/result.json "$call" "the server" out/kernel/report.txt
	done
}

run_tests
