#!/bin/bash
# The socklab command itself: help everywhere, and one clear line with exit
# status 2 for every usage error (a wrong subcommand, a missing program, a
# missing session folder, a wrong lab).
. "$(dirname "$0")/../lib.sh"

# Runs socklab, expects exit status $1 and a single line on stderr that
# contains $2.
expect_error() {
	local want=$1 text=$2
	shift 2
	set +e
	socklab "$@" >"$T/out" 2>"$T/err"
	local rc=$?
	set -e
	[ "$rc" = "$want" ] || fail "socklab $*: exit $rc, expected $want ($(cat "$T/err"))"
	grep -q -- "$text" "$T/err" || fail "socklab $*: stderr lacks '$text': $(cat "$T/err")"
}

test_no_arguments_prints_usage_and_exits_2() {
	expect_error 2 "usage: socklab COMMAND"
}

test_help_lists_every_command() {
	socklab --help >"$T/help"
	for c in list run trace show; do
		grep -q "^  $c " "$T/help" || fail "--help does not list $c"
	done
}

test_every_command_has_help() {
	for c in list run trace show; do
		socklab "$c" --help | grep -q "usage: socklab $c" || fail "$c --help"
		socklab help "$c" | grep -q "usage: socklab $c" || fail "help $c"
	done
}

test_a_wrong_subcommand_is_one_clear_line() {
	expect_error 2 "'frobnicate' is not a socklab command" frobnicate
	[ "$(wc -l <"$T/err")" = 1 ] || fail "more than one line: $(cat "$T/err")"
}

test_a_missing_program_is_one_clear_line_and_leaves_nothing() {
	expect_error 2 "no-such-prog: no such program in \$PATH (for a program in this folder, write ./no-such-prog)" \
		trace -- no-such-prog
	[ "$(wc -l <"$T/err")" = 1 ] || fail "more than one line"
	[ -z "$(ls "$T")" ] || [ "$(ls "$T" | grep -v -e out -e err)" = "" ] || fail "left a folder: $(ls "$T")"
	expect_error 2 "./nothing-here: no such program" trace -- ./nothing-here
}

test_a_missing_session_folder_is_one_clear_line() {
	expect_error 2 "/no/such/dir: no such session folder" show /no/such/dir
	[ "$(wc -l <"$T/err")" = 1 ] || fail "more than one line"
	mkdir "$T/empty"
	expect_error 2 "is not a socklab session: it has no events.jsonl" show "$T/empty"
}

test_trace_without_a_program_says_what_to_give() {
	expect_error 2 "give the program to run" trace
	expect_error 2 "unknown option" trace --bogus -- /bin/true
}

test_a_wrong_lab_is_one_clear_line() {
	expect_error 2 "there is no lab '99' (socklab list shows them)" run 99
	expect_error 2 "there is no lab 'nosuchlab'" run nosuchlab
	expect_error 2 "which lab?" run
}

test_fix_on_a_lab_without_one_says_why() {
	expect_error 2 "has no --fix" run 1 --fix
}

test_list_shows_numbered_labs_with_titles() {
	socklab list >"$T/list"
	grep -Eq '^ +1  handshake +the 3-way handshake' "$T/list" || fail "$(cat "$T/list")"
}

run_tests
