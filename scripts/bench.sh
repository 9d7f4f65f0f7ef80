#!/bin/sh
# make bench: runs every scripts/bench/*.sh in turn. Each prints its own
# measurements, beside the standard tool measured in the same run (strace,
# tcpdump), as ratios. The machine is shared and noisy: each figure is the
# median of several runs.
set -eu
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
export BUILD
for b in scripts/bench/*.sh; do
	echo "== $(basename "$b" .sh)"
	sh "$b"
	echo
done
