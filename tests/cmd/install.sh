#!/bin/bash
# make install: the command, the tracer library, the labs, the grader's
# clients and servers, and the man page
# land under PREFIX (inside DESTDIR), and an installed socklab finds its
# tracer and labs there, with no build tree beside it. On a machine
# without a library, plain `make` says in one line which package is
# missing and that `make deps` installs it.
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

# Plain make, in a fresh build folder, with a pkg-config that knows no
# jansson (as on a fresh machine): one line, naming libjansson-dev and no
# package that is there, and `make deps`; none of pkg-config's own errors,
# and nothing built.
test_make_without_a_library_names_the_package_in_one_line() {
	mkdir "$T/bin"
	cat >"$T/bin/pkg-config" <<-EOF
		#!/bin/sh
		for a; do
			case \$a in jansson)
				echo "Package jansson was not found in the pkg-config search path." >&2
				exit 1 ;;
			esac
		done
		exec $(command -v pkg-config) "\$@"
	EOF
	chmod +x "$T/bin/pkg-config"
	# As typed on a terminal, not as a make inside `make test` (which would
	# say which folder it enters).
	(cd "$ROOT" && PATH="$T/bin:$PATH" env -u MAKELEVEL -u MAKEFLAGS -u MFLAGS make BUILD="$T/build") \
		>"$T/out" 2>&1 &&
		fail "make succeeded without jansson"
	[ "$(grep -c . "$T/out")" = 1 ] || fail "more than one line: $(cat "$T/out")"
	grep -q 'missing Debian packages libjansson-dev;' "$T/out" || fail "no package named: $(cat "$T/out")"
	grep -q '`make deps` installs them' "$T/out" || fail "no way to install them: $(cat "$T/out")"
	! grep -qE 'libpcap-dev|libncurses-dev|Package jansson' "$T/out" || fail "$(cat "$T/out")"
	[ ! -e "$T/build/obj" ] || fail "make built objects without jansson"
	# Without pkg-config at all, that is named too.
	(cd "$ROOT" && env -u MAKELEVEL -u MAKEFLAGS -u MFLAGS make BUILD="$T/build" \
		PKG_CONFIG="$T/no-pkg-config") >"$T/out" 2>&1 &&
		fail "make succeeded without pkg-config"
	[ "$(grep -c . "$T/out")" = 1 ] && grep -q 'packages .*pkg-config;' "$T/out" ||
		fail "pkg-config is not named in one line: $(cat "$T/out")"
}

run_tests
