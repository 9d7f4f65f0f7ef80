#!/bin/bash
# A Korean sheet (labs/NN-name/LAB.ko.md, COURSE.ko.md) is the English one
# (LAB.md, COURSE.md) in Korean, and the two cannot drift apart: they run
# the same socklab command lines, have the same sections at each heading
# level in the same order, and ask the same number of questions; the labs
# have their Korean sheets with no gap from lab 1 on; and the build and
# `make install` carry the Korean sheets beside the English ones.
#
# What counts (docs/GLOSSARY.md says which words stay English):
# - a socklab command line: a line of a code block (indented four spaces,
#   or fenced) that runs `socklab SUBCOMMAND` (also as build/bin/socklab,
#   or after `ip netns exec A`), compared whole, comment included; and an
#   inline code span that runs one (`socklab show DIR`, `sudo
#   build/bin/socklab run 6`), its spaces squeezed (a span may wrap);
# - a section: a heading line outside code, by its level;
# - a question: an item `N. ` at the start of a line in the section headed
#   "## Questions" (Korean "## 질문"), and a hand-in item the same way in
#   "## Exercise" ("## 과제"); in COURSE a question is a "?" in a week's
#   "- **Questions**:" bullet ("- **질문**:"), counted week by week.
# Each kind of drift is shown to be caught, on a broken copy.
. "$(dirname "$0")/../lib.sh"

# The pairs to compare, one "ENGLISH KOREAN" line each: every lab with a
# LAB.ko.md, and COURSE.md if COURSE.ko.md is there.
pairs() {
	local root=$1 ko
	for ko in "$root"/labs/[0-9][0-9]-*/LAB.ko.md; do
		[ -f "$ko" ] && echo "${ko%.ko.md}.md $ko"
	done
	[ ! -f "$root/COURSE.ko.md" ] || echo "$root/COURSE.md $root/COURSE.ko.md"
}

# The socklab command lines of sheet $1, sorted (a multiset, one a line).
commands() {
	awk '
	function flush(   s, span) {
		s = para
		while (match(s, /`[^`]*`/)) {
			span = substr(s, RSTART + 1, RLENGTH - 2)
			s = substr(s, RSTART + RLENGTH)
			gsub(/[ \t]+/, " ", span)
			sub(/^ /, "", span); sub(/ $/, "", span)
			if (span ~ /(^|[ \/])socklab [a-z]/) print "inline: " span
		}
		para = ""
	}
	/^```/ { flush(); fenced = !fenced; next }
	fenced || /^    / {
		line = $0
		sub(/^[ \t]+/, "", line); sub(/[ \t]+$/, "", line)
		if (line ~ /(^|[ |;&(\/])socklab [a-z]/) print "code: " line
		next
	}
	/^[ \t]*$/ { flush(); next }
	{ para = para " " $0 }
	END { flush() }
	' "$1" | sort
}

# The heading levels of sheet $1 in order, one a line ("1", "2", "3" ...).
headings() {
	awk '
	/^```/ { fenced = !fenced; next }
	!fenced && /^#+ / { match($0, /^#+/); print RLENGTH }
	' "$1"
}

# The questions of sheet $1, one line per counted place in order:
# "questions N", "exercise N", or "week-questions N" for COURSE's weeks.
questions() {
	awk '
	function end_section() {
		if (kind != "") print kind " " n
		kind = ""; n = 0
	}
	/^```/ { fenced = !fenced; next }
	fenced { next }
	/^#+ / {
		end_section()
		if ($0 ~ /^## (Questions|질문)[ \t]*$/) kind = "questions"
		else if ($0 ~ /^## (Exercise|과제)[ \t]*$/) kind = "exercise"
		else if ($0 ~ /^### /) kind = "week-questions"
		inq = 0
		next
	}
	kind == "questions" || kind == "exercise" {
		if ($0 ~ /^[0-9]+\. /) n++
		next
	}
	kind == "week-questions" {
		if ($0 ~ /^- /) inq = ($0 ~ /^- \*\*(Questions|질문)\*\*:/)
		else if ($0 ~ /^[ \t]*$/) inq = 0
		if (inq) { s = $0; n += gsub(/\?|？/, "", s) }
	}
	END { end_section() }
	' "$1"
}

# Fails, naming the sheets and the difference, unless property $1
# (commands, headings or questions) is the same in each pair under $2.
same_in_each_pair() {
	local what=$1 root=$2 en ko bad="" n=0
	while read -r en ko; do
		n=$((n + 1))
		"$what" "$en" >"$T/en"
		"$what" "$ko" >"$T/ko"
		if ! diff "$T/en" "$T/ko" >"$T/diff"; then
			bad="$bad
${ko#"$root"/} differs from ${en#"$root"/} in its $what (< English, > Korean):
$(head -20 "$T/diff")"
		fi
	done < <(pairs "$root")
	[ "$n" -gt 0 ] || fail "no Korean sheet under $root to compare"
	[ -z "$bad" ] || fail "$bad"
}

# The labs, in order, from lab 1 to the last one with a LAB.ko.md, that
# have none.
gaps() {
	local root=$1 last="" d
	for d in "$root"/labs/[0-9][0-9]-*/; do
		[ ! -f "$d/LAB.ko.md" ] || last=$d
	done
	[ -n "$last" ] || { echo "(no lab has a LAB.ko.md)"; return; }
	for d in "$root"/labs/[0-9][0-9]-*/; do
		[ -f "$d/LAB.ko.md" ] || basename "$d"
		[ "$d" != "$last" ] || break
	done
}

# A copy of the sheets in $T/tree, for a test to break.
copy_sheets() {
	mkdir "$T/tree"
	(cd "$ROOT" && git ls-files -z 'labs/*.md' COURSE.md COURSE.ko.md | xargs -0 cp --parents -t "$T/tree")
	(cd "$ROOT" && for f in labs/*/LAB.ko.md COURSE.ko.md; do
		[ ! -f "$f" ] || cp --parents "$f" "$T/tree"
	done)
}

copy_sheets_again() {
	rm -rf "$T/tree"
	copy_sheets
}

# The first pair of the copy: "ENGLISH KOREAN".
first_pair() {
	pairs "$T/tree" | head -n 1
}

test_each_korean_sheet_runs_the_same_socklab_commands() {
	same_in_each_pair commands "$ROOT"
}

test_each_korean_sheet_has_the_same_sections_in_the_same_order() {
	same_in_each_pair headings "$ROOT"
}

test_each_korean_sheet_asks_the_same_number_of_questions() {
	same_in_each_pair questions "$ROOT"
}

# Fails, naming them, if a lab before the last one with a LAB.ko.md under
# $1 has none; says which labs have only their English sheet.
no_gaps() {
	local root=$1 missing last remain
	missing=$(gaps "$root" | tr '\n' ' ')
	[ -z "$missing" ] || fail "these labs come before the last lab with a LAB.ko.md and have none: $missing"
	last=$(for d in "$root"/labs/[0-9][0-9]-*/; do [ ! -f "$d/LAB.ko.md" ] || basename "$d"; done | tail -n 1)
	remain=$(for d in "$root"/labs/[0-9][0-9]-*/; do
		[ -f "$d/LAB.ko.md" ] || basename "$d"
	done | tr '\n' ' ')
	echo "    Korean sheets up to $last; in English only: ${remain:-none}" >&2
}

test_the_korean_sheets_leave_no_lab_out_up_to_the_last_one() {
	no_gaps "$ROOT"
}

test_the_build_and_make_install_carry_the_korean_sheets() {
	local f n=0
	make -C "$ROOT" --no-print-directory -s install BUILD="$BUILD" PREFIX=/opt/sl DESTDIR="$T/root" \
		>"$T/make.log" 2>&1 || fail "make install: $(tail -5 "$T/make.log")"
	for f in "$ROOT"/labs/[0-9][0-9]-*/LAB.ko.md; do
		[ -f "$f" ] || continue
		n=$((n + 1))
		f=${f#"$ROOT"/labs/}
		cmp -s "$ROOT/labs/$f" "$ROOT/$BUILD/share/socklab/labs/$f" ||
			fail "the build has no copy of labs/$f in $BUILD/share/socklab/labs/ (or an old one)"
		cmp -s "$ROOT/labs/$f" "$T/root/opt/sl/share/socklab/labs/$f" ||
			fail "make install did not put labs/$f in PREFIX/share/socklab/labs/"
	done
	[ "$n" -gt 0 ] || fail "no LAB.ko.md to look for"
}

# The checks themselves, on a copy that drifts.
test_a_changed_command_is_caught() {
	local en ko
	copy_sheets
	read -r en ko < <(first_pair)
	same_in_each_pair commands "$T/tree"
	# An option the English sheet does not run, in a code line.
	sed -i '0,/^    socklab run [0-9]*/s//& --fast/' "$ko"
	if (same_in_each_pair commands "$T/tree") 2>"$T/err"; then
		fail "a Korean sheet that runs another command passed"
	fi
	grep -q 'in its commands' "$T/err" || fail "unexpected report: $(cat "$T/err")"
}

test_a_missing_inline_command_is_caught() {
	local en ko
	copy_sheets
	read -r en ko < <(first_pair)
	grep -q '`socklab show DIR`' "$en" || fail "the first English sheet has no \`socklab show DIR\` to remove"
	# Every inline `socklab show DIR` of the Korean sheet, gone.
	sed -i 's/`socklab show DIR`/`show`/g' "$ko"
	if (same_in_each_pair commands "$T/tree") 2>"$T/err"; then
		fail "a Korean sheet without an inline command passed"
	fi
	grep -q 'inline: socklab show DIR' "$T/err" || fail "the report does not name the command: $(cat "$T/err")"
}

test_a_section_more_or_a_level_changed_is_caught() {
	local en ko
	copy_sheets
	read -r en ko < <(first_pair)
	printf '\n## 덧붙임\n\n한 절 더.\n' >>"$ko"
	if (same_in_each_pair headings "$T/tree") 2>/dev/null; then
		fail "a Korean sheet with one section more passed"
	fi
	copy_sheets_again
	read -r en ko < <(first_pair)
	# The same number of headings, but the second one a level lower.
	awk '/^## / && !done { sub(/^## /, "### "); done = 1 } { print }' "$ko" >"$T/x" && mv "$T/x" "$ko"
	if (same_in_each_pair headings "$T/tree") 2>/dev/null; then
		fail "a Korean sheet whose section changed level passed"
	fi
}

test_a_question_less_is_caught() {
	local en ko
	copy_sheets
	read -r en ko < <(first_pair)
	same_in_each_pair questions "$T/tree"
	# The last question of the Korean sheet's 질문 section, gone.
	awk '
	/^## 질문/ { inq = 1 }
	/^## / && !/^## 질문/ { inq = 0 }
	{ lines[NR] = $0; if (inq && /^[0-9]+\. /) last = NR }
	END { for (i = 1; i <= NR; i++) if (i != last) print lines[i] }
	' "$ko" >"$T/x" && mv "$T/x" "$ko"
	if (same_in_each_pair questions "$T/tree") 2>"$T/err"; then
		fail "a Korean sheet with a question less passed"
	fi
	grep -q '< questions' "$T/err" || fail "unexpected report: $(cat "$T/err")"
}

test_a_course_question_less_is_caught() {
	local label=질문
	copy_sheets
	# Before COURSE.ko.md exists, the English course against itself.
	if [ ! -f "$T/tree/COURSE.ko.md" ]; then
		cp "$T/tree/COURSE.md" "$T/tree/COURSE.ko.md"
		label=Questions
	fi
	same_in_each_pair questions "$T/tree"
	# One "?" fewer in the first week's questions.
	awk -v label="$label" '
	index($0, "- **" label "**:") == 1 && !done { sub(/\?/, "."); done = 1 }
	{ print }
	' "$T/tree/COURSE.ko.md" >"$T/x" && mv "$T/x" "$T/tree/COURSE.ko.md"
	if (same_in_each_pair questions "$T/tree") 2>"$T/err"; then
		fail "COURSE.ko.md with a question less passed"
	fi
	grep -q 'week-questions' "$T/err" || fail "unexpected report: $(cat "$T/err")"
}

test_a_gap_in_the_korean_sheets_is_caught() {
	local labs last
	copy_sheets
	no_gaps "$T/tree" 2>/dev/null
	# The first lab's Korean sheet, gone, while a later lab keeps its own
	# (one is made if there is no later one yet).
	labs=("$T"/tree/labs/[0-9][0-9]-*/)
	last=${labs[${#labs[@]} - 1]}
	[ -f "$last/LAB.ko.md" ] || cp "$last/LAB.md" "$last/LAB.ko.md"
	rm -f "$T"/tree/labs/01-*/LAB.ko.md
	if (no_gaps "$T/tree") 2>"$T/err"; then
		fail "a gap at lab 1 passed"
	fi
	grep -q 'have none: 01-' "$T/err" || fail "lab 1 was not named: $(cat "$T/err")"
}

run_tests
