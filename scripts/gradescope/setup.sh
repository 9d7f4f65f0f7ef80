#!/bin/bash
# setup.sh - Gradescope runs this once, as root, on its Ubuntu image, when
# it builds an autograder from its zip (unpacked into /autograder/source).
# It installs what socklab needs to build and run, builds socklab from the
# source in the zip, and installs it into /autograder/socklab.
#
# The zip holds, at its top:
#   setup.sh, run_autograder   these two files
#   socklab/                   socklab's source (a checkout, without build/)
#   grade.conf                 ASSIGNMENT=echo-fork, and optionally ARGS="...",
#                              PORT=N, PROG=NAME (as socklab grade takes them)
#   rubric.txt                 optional: points per check ("echo 4")
#
# AUTOGRADER_ROOT (default /autograder) lets it run in a made-up tree.
set -eu

ROOT=${AUTOGRADER_ROOT:-/autograder}
SRC="$ROOT/source"

# Why each package: the compiler and pkg-config build socklab; ncurses
# (its viewer), libpcap (packet capture), jansson (sessions) and
# libseccomp (the grader's system-call filter) are its libraries; gettext's
# msgfmt compiles its translations and libssl-dev is lab 20's SHA-256, both
# part of `make all`; jq lets run_autograder write results.json when socklab
# cannot grade at all. Only the missing ones are installed.
PACKAGES="build-essential pkg-config libncurses-dev libpcap-dev libjansson-dev libseccomp-dev
gettext libssl-dev jq"
missing=""
for p in $PACKAGES; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q
	# shellcheck disable=SC2086
	apt-get install -y -q --no-install-recommends $missing
fi

[ -f "$SRC/grade.conf" ] || {
	echo "setup.sh: $SRC/grade.conf is missing: write ASSIGNMENT=echo-fork (say which) into it" >&2
	exit 2
}
make -C "$SRC/socklab" --no-print-directory -s -j"$(nproc)" BUILD="$ROOT/build" all
make -C "$SRC/socklab" --no-print-directory -s BUILD="$ROOT/build" PREFIX="$ROOT/socklab" install
rm -rf "$ROOT/build"
"$ROOT/socklab/bin/socklab" doctor || true # what this image allows, in the build log
