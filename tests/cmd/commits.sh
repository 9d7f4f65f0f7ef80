#!/bin/bash
# Commit messages keep git's own form (scripts/check-commits.sh): every
# commit since the rule was set has a subject of at most 72 characters, a
# blank line and a body; and the checker names a commit that breaks it.
. "$(dirname "$0")/../lib.sh"

CHECK="$ROOT/scripts/check-commits.sh"

test_the_history_keeps_the_commit_message_rule() {
	"$CHECK" >"$T/out" 2>&1 || fail "commits break the rule: $(head -5 "$T/out")"
}

# A clone of this checkout with one more commit, made with message $1.
clone_with_commit() {
	git clone -q "$ROOT" "$T/repo"
	cd "$T/repo"
	git -c user.name=t -c user.email=t@example.invalid commit -q --allow-empty -m "$1"
}

test_a_long_subject_is_named_with_its_length() {
	clone_with_commit "$(printf 'x%.0s' $(seq 80))

A body."
	if "$CHECK" -C "$T/repo" HEAD~1..HEAD >"$T/out" 2>&1; then
		fail "an 80-character subject passed the check"
	fi
	grep -q ': subject of 80 characters (at most 72)' "$T/out" || fail "unexpected report: $(cat "$T/out")"
}

test_a_commit_without_a_body_is_caught() {
	clone_with_commit "A fine subject"
	if "$CHECK" -C "$T/repo" HEAD~1..HEAD >"$T/out" 2>&1; then
		fail "a commit with no body passed the check"
	fi
	grep -q ': no body' "$T/out" || fail "unexpected report: $(cat "$T/out")"
}

test_a_good_commit_passes() {
	clone_with_commit "A fine subject

What changed, and why."
	"$CHECK" -C "$T/repo" HEAD~1..HEAD >"$T/out" 2>&1 || fail "a good commit failed: $(cat "$T/out")"
}

run_tests
