#!/bin/bash
# scripts/check-layout.sh - the house's rules, checked over a source tree:
#
#   1. every #include "..." of a header in another folder names its folder
#      ("session/event.h"); in lib/, even a header of the same folder does;
#   2. an include runs only along the arrows of the dependency rule, the
#      table between the include-rule markers of docs/HACKING.md (read from
#      there, so the page and the check cannot drift);
#   3. no .c file in lib/ is longer than LINES_MAX lines.
#
#   scripts/check-layout.sh [TREE]     TREE defaults to this checkout
#
# Prints one line per broken rule, "FILE:LINE: why", and exits 1 if any.
set -u
tree=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$tree" || exit 2
LINES_MAX=${LINES_MAX:-650}
rule_file=docs/HACKING.md

# "room" -> the rooms it may include, from the table's rows:
#   | `lib/collect` | base wire session |
declare -A may
while IFS='|' read -r _ room allowed _; do
	room=$(echo "$room" | tr -d '` ')
	allowed=$(echo "$allowed" | tr -d '`' | sed 's/—//g')
	[ -n "$room" ] && may[$room]=" $allowed "
done < <(sed -n '/<!-- include-rule -->/,/<!-- \/include-rule -->/p' "$rule_file" |
	grep '^| `')
if [ ${#may[@]} -eq 0 ]; then
	echo "$rule_file: no include-rule table between its markers" >&2
	exit 2
fi

# The room of a file: lib/sources/pkt/capture.c -> sources, viewer/x.c ->
# viewer, labs/04-nagle/scenario.c -> labs.
room_of_file() {
	case $1 in
	lib/*) echo "$1" | cut -d/ -f2 ;;
	labs/*) echo labs ;;
	*) echo "$1" | cut -d/ -f1 ;;
	esac
}

# The room of an include: "sources/pkt/capture.h" -> sources,
# "viewer/model.h" -> viewer, "model.h" -> "" (no folder named).
room_of_include() {
	case $1 in
	*/*) echo "$1" | cut -d/ -f1 ;;
	*) echo "" ;;
	esac
}

bad=0
report() {
	echo "$1"
	bad=$((bad + 1))
}

files=$(find lib viewer grade cli labs -name '*.[ch]' 2>/dev/null | sort)
for f in $files; do
	from=$(room_of_file "$f")
	if [ -z "${may[$from]+set}" ]; then
		report "$f: folder '$from' has no row in the include rule of $rule_file"
		continue
	fi
	while IFS=: read -r line inc; do
		to=$(room_of_include "$inc")
		if [ -z "$to" ]; then
			if [[ $f == lib/* ]] || [ ! -e "$(dirname "$f")/$inc" ]; then
				report "$f:$line: #include \"$inc\" does not name its folder (\"room/$inc\")"
			fi
			continue
		fi
		[ "$to" = "$from" ] && continue
		case "${may[$from]}" in
		*" $to "*) ;;
		*) report "$f:$line: $from may not include $to (\"$inc\"): see the include rule in $rule_file" ;;
		esac
	done < <(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$f" |
		sed -E 's/^([0-9]+):[^"]*"([^"]*)".*/\1:\2/')
done

for f in $(find lib -name '*.c' | sort); do
	n=$(wc -l <"$f")
	[ "$n" -le "$LINES_MAX" ] || report "$f: $n lines, more than $LINES_MAX: split it by concern"
done

[ "$bad" -eq 0 ]
