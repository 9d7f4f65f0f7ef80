#!/bin/sh
# `make bench`: runs every benchmark in scripts/bench/ (each a small
# script that measures one thing and prints its numbers), one after the
# other, so they do not disturb each other on a small machine. Fails if
# any of them fails.
set -u
BUILD=${BUILD:-build}
export BUILD
status=0
for b in "$(dirname "$0")"/bench/*.sh; do
	[ -e "$b" ] || continue
	echo "== bench: $(basename "$b" .sh)"
	sh "$b" || { echo "bench: $(basename "$b") FAILED"; status=1; }
	echo
done
exit $status
