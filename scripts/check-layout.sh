#!/bin/bash
# scripts/check-layout.sh - the house's rules, checked over a source tree:
#
#   1. every #include "..." of a header in another folder names its folder
#      ("session/event.h"); in lib/, even a header of the same folder does;
#   2. an include runs only along the arrows of the dependency rule, the
#      table between the include-rule markers of docs/HACKING.md (read from
#      there, so the page and the check cannot drift);
#   3. no .c file in lib/, cli/, grade/ or viewer/ is longer than
#      LINES_MAX lines.
#
#   scripts/check-layout.sh [TREE]     TREE defaults to this checkout
#
# Prints one line per broken rule, "FILE:LINE: why", and exits 1 if any.
# One pass: one grep reads every file's includes, one wc counts the lines
# of lib/, and one awk program judges them all.
set -u
tree=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$tree" || exit 2
LINES_MAX=${LINES_MAX:-650}
rule_file=docs/HACKING.md

# The table's rows, "| `lib/collect` | base wire session |".
rules=$(sed -n '/<!-- include-rule -->/,/<!-- \/include-rule -->/p' "$rule_file" | grep '^| `')
if [ -z "$rules" ]; then
	echo "$rule_file: no include-rule table between its markers" >&2
	exit 2
fi

files=$(find lib viewer grade cli labs -name '*.[ch]' 2>/dev/null | sort)
# What the awk program reads, one record a line, told apart by the first
# field (a tab between fields):
#   rule  ROW            a row of the table
#   file  PATH           every file, in order
#   inc   PATH:LINE:TEXT every #include "..." line (grep -Hn)
#   size  N PATH         the lines of each .c file in lib/, cli/, grade/,
#                        viewer/ (wc -l)
{
	sed 's/^/rule\t/' <<<"$rules"
	# shellcheck disable=SC2086
	[ -z "$files" ] || printf 'file\t%s\n' $files
	# shellcheck disable=SC2086
	[ -z "$files" ] || grep -Hn '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' $files |
		sed 's/^/inc\t/'
	find lib cli grade viewer -name '*.c' -print0 2>/dev/null | sort -z | xargs -0 -r wc -l |
		awk '$2 != "total" { print "size\t" $1 " " $2 }'
} | awk -F'\t' -v max="$LINES_MAX" -v rule_file="$rule_file" '
# The room of a file: lib/sources/pkt/capture.c -> sources, viewer/x.c ->
# viewer, labs/04-nagle/scenario.c -> labs.
function room_of_file(f, p) {
	split(f, p, "/")
	if (p[1] == "lib") return p[2]
	if (p[1] == "labs") return "labs"
	return p[1]
}
# The room of an include: "sources/pkt/capture.h" -> sources,
# "viewer/model.h" -> viewer, "model.h" -> "" (no folder named).
function room_of_include(inc, p) {
	if (index(inc, "/") == 0) return ""
	split(inc, p, "/")
	return p[1]
}
function dir_of(f) {
	sub(/\/[^\/]*$/, "", f)
	return f
}
# A file there is (and may be read): awk says -1 to a getline it cannot open.
function exists(path, line, r) {
	r = (getline line < path) >= 0
	close(path)
	return r
}
function report(f, msg) {
	said[f] = said[f] msg "\n"
	bad++
}
$1 == "rule" {
	n = split($2, c, "|")
	room = c[2]; gsub(/[` ]/, "", room)
	allowed = c[3]; gsub(/`/, "", allowed); gsub(/—/, "", allowed)
	gsub(/[ ]+/, " ", allowed)
	if (room != "") may[room] = " " allowed " "
	next
}
$1 == "file" {
	order[++nfiles] = $2
	from = room_of_file($2)
	if (!(from in may))
		report($2, $2 ": folder '\''" from "'\'' has no row in the include rule of " rule_file)
	next
}
$1 == "inc" {
	# PATH:LINE:   #include "INC" ...
	rest = $2
	f = substr(rest, 1, index(rest, ":") - 1); rest = substr(rest, length(f) + 2)
	line = substr(rest, 1, index(rest, ":") - 1); rest = substr(rest, length(line) + 2)
	inc = substr(rest, index(rest, "\"") + 1); inc = substr(inc, 1, index(inc, "\"") - 1)
	from = room_of_file(f)
	if (!(from in may)) next
	to = room_of_include(inc)
	if (to == "") {
		if (f ~ /^lib\// || !exists(dir_of(f) "/" inc))
			report(f, f ":" line ": #include \"" inc "\" does not name its folder (\"room/" inc "\")")
		next
	}
	if (to == from) next
	if (index(may[from], " " to " ") == 0)
		report(f, f ":" line ": " from " may not include " to " (\"" inc "\"): see the include rule in " rule_file)
	next
}
$1 == "size" {
	split($2, s, " ")
	if (s[1] + 0 > max + 0)
		sizes = sizes s[2] ": " s[1] " lines, more than " max ": split it by concern\n"
	next
}
END {
	for (i = 1; i <= nfiles; i++) printf "%s", said[order[i]]
	printf "%s", sizes
	exit (bad > 0 || sizes != "") ? 1 : 0
}'
