#!/bin/bash
# scripts/check-commits.sh - commit messages as git's own: a subject of at
# most 72 characters, then a blank line and the story in a body.
#
#   scripts/check-commits.sh [-C REPO] [RANGE]
#       REPO defaults to this checkout; RANGE to every commit made since
#       the rule was set (FIRST below)
#
# Merge commits need no body (their subject names what was merged). In a
# shallow clone only the commits that are there are checked. Prints one line
# per message that breaks the rule, "COMMIT: why", and exits 1 if any.
set -u
repo=$(dirname "$0")/..
if [ "${1:-}" = -C ]; then
	repo=$2
	shift 2
fi
cd "$repo" || exit 2
SUBJECT_MAX=72
# The first commit made under the rule; the 274 before it are history.
FIRST=9bcf657

range=${1:-}
if [ -z "$range" ]; then
	if git cat-file -e "$FIRST^{commit}" 2>/dev/null; then
		range="$FIRST^..HEAD"
	else
		range=HEAD # a shallow clone: what it has
	fi
fi

bad=0
while IFS= read -r c; do
	parents=$(git rev-list --parents -n 1 "$c" | wc -w)
	subject=$(git log -1 --format=%s "$c")
	second=$(git log -1 --format=%B "$c" | sed -n 2p)
	body=$(git log -1 --format=%b "$c" | grep -c '[^[:space:]]')
	short=$(git rev-parse --short "$c")
	if [ ${#subject} -gt $SUBJECT_MAX ]; then
		echo "$short: subject of ${#subject} characters (at most $SUBJECT_MAX): $subject"
		bad=$((bad + 1))
	fi
	if [ -n "$second" ]; then
		echo "$short: no blank line after the subject"
		bad=$((bad + 1))
	fi
	if [ "$parents" -le 2 ] && [ "$body" -eq 0 ]; then
		echo "$short: no body: say what changed and why below the subject"
		bad=$((bad + 1))
	fi
done < <(git rev-list "$range")
[ "$bad" -eq 0 ]
