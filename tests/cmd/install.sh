#!/bin/bash
# make install: the command, the tracer library, the labs, the grader's
# clients and servers, and the man page
# land under PREFIX (inside DESTDIR), and an installed socklab finds its
# tracer and labs there, with no build tree beside it.
. "$(dirname "$0")/../lib.sh"

test_install_puts_every_part_under_prefix_and_it_runs_from_there() {
	make -C "$ROOT" --no-print-directory -s install BUILD="$BUILD" PREFIX=/opt/sl DESTDIR="$T/root" \
		>"$T/make.log" 2>&1 || fail "make install: $(tail -5 "$T/make.log")"
	local p="$T/root/opt/sl"
	[ -x "$p/bin/socklab" ] || fail "no bin/socklab"
	[ -f "$p/lib/socklab/libsocklab-preload.so" ] || fail "no tracer library"
	[ -x "$p/lib/socklab/labs/01-handshake/echo_server" ] || fail "no lab programs"
	[ -x "$p/lib/socklab/grade/tcp_client" ] || fail "no grader's clients and servers"
	[ -f "$p/share/socklab/labs/01-handshake/LAB.md" ] || fail "no lab sheets"
	[ -f "$p/share/man/man1/socklab.1" ] || fail "no man page"
	man -l "$p/share/man/man1/socklab.1" 2>/dev/null | grep -q "socklab trace" || fail "man page unreadable"

	# Away from the build tree: the installed copy must be self-sufficient.
	cp -a "$p" "$T/moved"
	"$T/moved/bin/socklab" list | grep -q handshake || fail "installed list"
	"$T/moved/bin/socklab" trace --record "$T/s" -- "$CONFORM/close_all" >/dev/null 2>"$T/err" ||
		fail "installed trace: $(cat "$T/err")"
	ev "$T/s" 'select(.fn=="socketpair")' | grep -q . || fail "the installed tracer recorded nothing"
}

run_tests
