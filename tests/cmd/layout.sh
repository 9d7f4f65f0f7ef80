#!/bin/bash
# The house's rules hold over the tree: includes name their folder and run
# only along the dependency rule of docs/HACKING.md, no file of lib/ grows
# past its size, and the tracer is built from its two folders, no more.
# The checker itself is shown to fail on each kind of break.
. "$(dirname "$0")/../lib.sh"

CHECK="$ROOT/scripts/check-layout.sh"
unset LINES_MAX

# A copy of the tree's sources in $T/tree, for a test to break.
copy_tree() {
	mkdir "$T/tree"
	(cd "$ROOT" && git ls-files -z lib viewer grade cli labs docs/HACKING.md scripts |
		xargs -0 cp --parents -t "$T/tree")
}

test_the_tree_keeps_the_include_rule() {
	"$CHECK" "$ROOT" >"$T/out" 2>&1 || fail "the tree breaks the house's rules: $(head -5 "$T/out")"
}

test_a_wrong_way_include_is_named_with_its_file_and_line() {
	copy_tree
	"$CHECK" "$T/tree" >/dev/null || fail "the copy of the tree does not pass before it is broken"
	# session/ is read by the viewer, so it may not include the viewer.
	sed -i '0,/^#include "session\/event.h"/s//&\n#include "viewer\/model.h"/' \
		"$T/tree/lib/session/event.c"
	if "$CHECK" "$T/tree" >"$T/out" 2>&1; then
		fail "session -> viewer passed the check"
	fi
	grep -q 'lib/session/event.c:[0-9]*: session may not include viewer' "$T/out" ||
		fail "the report does not name the file, line and arrow: $(cat "$T/out")"
}

test_the_tracer_may_not_reach_outside_its_folders() {
	copy_tree
	echo '#include "base/strpool.h"' >>"$T/tree/lib/wire/endpoint.h"
	if "$CHECK" "$T/tree" >"$T/out" 2>&1; then
		fail "wire -> base passed the check"
	fi
	grep -q 'wire may not include base' "$T/out" || fail "unexpected report: $(cat "$T/out")"
}

test_an_include_without_its_folder_is_caught_in_lib() {
	copy_tree
	sed -i 's|#include "session/event.h"|#include "event.h"|' "$T/tree/lib/session/event.c"
	if "$CHECK" "$T/tree" >"$T/out" 2>&1; then
		fail "a bare include in lib/ passed the check"
	fi
	grep -q 'does not name its folder' "$T/out" || fail "unexpected report: $(cat "$T/out")"
}

test_a_file_past_the_size_limit_is_caught_in_grade_too() {
	copy_tree
	seq 700 | sed 's|^|/* line |; s|$| */|' >"$T/tree/grade/long.c"
	if "$CHECK" "$T/tree" >"$T/out" 2>&1; then
		fail "a 700-line file in grade/ passed the check"
	fi
	grep -q 'grade/long.c: 700 lines' "$T/out" || fail "unexpected report: $(cat "$T/out")"
}

test_a_file_past_the_size_limit_is_caught() {
	copy_tree
	seq 700 | sed 's|^|/* line |; s|$| */|' >"$T/tree/lib/base/long.c"
	if "$CHECK" "$T/tree" >"$T/out" 2>&1; then
		fail "a 700-line file passed the check"
	fi
	grep -q 'lib/base/long.c: 700 lines' "$T/out" || fail "unexpected report: $(cat "$T/out")"
}

test_a_folder_without_a_row_is_caught() {
	copy_tree
	mkdir "$T/tree/lib/extra"
	echo 'int extra;' >"$T/tree/lib/extra/extra.c"
	if "$CHECK" "$T/tree" >"$T/out" 2>&1; then
		fail "a new room with no rule passed the check"
	fi
	grep -q "folder 'extra' has no row" "$T/out" || fail "unexpected report: $(cat "$T/out")"
}

# The tracer's objects are exactly lib/tracer/*.c and lib/wire/*.c.
test_the_tracer_is_built_from_its_two_folders() {
	local want got
	want=$(cd "$ROOT" && ls lib/tracer/*.c lib/wire/*.c | sort)
	got=$(make -C "$ROOT" --no-print-directory -s -p -n BUILD="$BUILD" 2>/dev/null |
		sed -n 's/^PRELOAD_SRC := //p' | tr ' ' '\n' | grep . | sort)
	[ "$want" = "$got" ] || fail "PRELOAD_SRC is not the two folders: want [$want] got [$got]"
}

run_tests
