# tests/analysis.sh - socklab's TCP analysis against tshark's, frame by
# frame. Sourced after tests/lib.sh by the tests that check a capture
# (tests/cmd/capture.sh over the golden captures, labs' tests over their
# sessions).
#
#   analysis_agreement PCAP EVENTS LABEL [--line]
#
# compares, for every TCP segment of PCAP, what socklab wrote in EVENTS
# (JSON lines: a session's events.jsonl, or a golden .out whose line N is
# frame N with --line) with what tshark finds in the same frame:
#   the names: tcp.analysis.NAME for each NAME socklab knows (wire/tcp.c)
#   the duplicate ACK's number and the frame it repeats
#   the window in bytes (tcp.window_size: scaled)
# It prints one line of agreement, "analysis LABEL: 48 segments, 31
# marked (duplicate_ack 4, ...): all agree with tshark", and fails, with
# each differing frame, when they do not. A difference on purpose is named
# by the caller (--differs) and in docs/DESIGN.md ("TCP analysis").

ANALYSIS_NAMES="retransmission fast_retransmission spurious_retransmission duplicate_ack
lost_segment ack_lost_segment out_of_order zero_window zero_window_probe
zero_window_probe_ack window_full window_update keep_alive keep_alive_ack reused_ports"

# "FRAME NAMES DUPNUM DUPFRAME WIN" per TCP segment as tshark reads PCAP;
# NAMES sorted and joined by commas, "-" for none.
tshark_analysis_rows() {
	local fields=() name
	for name in $ANALYSIS_NAMES; do
		fields+=(-e "tcp.analysis.$name")
	done
	tshark -r "$1" -Y tcp -o tcp.analyze_sequence_numbers:TRUE -T fields -E separator=/t \
		-E occurrence=f -e frame.number -e tcp.analysis.duplicate_ack_num \
		-e tcp.analysis.duplicate_ack_frame -e tcp.window_size "${fields[@]}" 2>/dev/null |
		awk -F'\t' -v names="$ANALYSIS_NAMES" '
			BEGIN { n = split(names, name, /[ \n]+/) }
			{
				marks = ""
				for (i = 1; i <= n; i++)
					if ($(4 + i) != "") marks = marks name[i] "\n"
				printf "%s %s %s %s %s\n", $1, sorted(marks), ($2 == "" ? 0 : $2),
					($3 == "" ? 0 : $3), $4
			}
			function sorted(list,   a, k, m, i, j, t, out) {
				m = split(list, a, "\n") - 1
				for (i = 1; i <= m; i++)
					for (j = i + 1; j <= m; j++)
						if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
				out = ""
				for (i = 1; i <= m; i++) out = out (i > 1 ? "," : "") a[i]
				return out == "" ? "-" : out
			}'
}

# The same columns from pkt events on stdin; the frame is the event's
# "frame", or with --line its line number.
event_analysis_rows() {
	local byline=false
	[ "${1:-}" = --line ] && byline=true
	jq -r --argjson byline "$byline" -n '
		foreach inputs as $e (0; . + 1;
			. as $n | $e | select(.src == "pkt" and .proto == "tcp" and has("flags"))
			| [(if $byline then $n else .frame end),
			   ((.analysis // []) | sort | join(",") | if . == "" then "-" else . end),
			   (.duplicate_ack_num // 0), (.duplicate_ack_frame // 0), .win]
			| map(tostring) | join(" "))'
}

# Counts of each name in rows on stdin: "duplicate_ack 4, window_update 1".
analysis_counts() {
	awk '$2 != "-" { n = split($2, a, ","); for (i = 1; i <= n; i++) c[a[i]]++ }
	     END { s = ""; for (k in c) s = s (s == "" ? "" : ", ") k " " c[k]; print s }' |
		tr ',' '\n' | sed 's/^ //' | sort | paste -sd, - | sed 's/,/, /g'
}

# analysis_agreement PCAP EVENTS LABEL [--line] [--differs FRAME WHY]...
# --differs names a frame where the two differ on purpose, and why (it is
# in docs/DESIGN.md too); that they still differ there is checked, so the
# reason given stays true.
analysis_agreement() {
	local pcap=$1 events=$2 label=$3 byline="" want got marked
	local -a differs=() whys=()
	shift 3
	while [ $# -gt 0 ]; do
		case $1 in
		--line) byline=--line ;;
		--differs) differs+=("$2") whys+=("$3"); shift 2 ;;
		esac
		shift
	done
	want=$(mktemp) got=$(mktemp)
	tshark_analysis_rows "$pcap" >"$want.all"
	event_analysis_rows $byline <"$events" >"$got.all"
	# Frames socklab could not decode (a truncated or malformed header: see
	# the golden eth-broken) are no segments to it; tshark must not have
	# marked them either.
	awk 'NR == FNR { have[$1] = 1; next } ($1 in have) { print; next }
	     $2 != "-" { print "frame " $1 " is marked " $2 " by tshark, and is no segment to socklab" > "/dev/stderr"; bad = 1 }
	     END { exit bad }' "$got.all" "$want.all" >"$want.some" || { rm -f "$want"* "$got"*; return 1; }
	grep -v -E "^($(IFS='|'; echo "${differs[*]:-none}")) " "$want.some" >"$want" || true
	grep -v -E "^($(IFS='|'; echo "${differs[*]:-none}")) " "$got.all" >"$got" || true
	for i in "${!differs[@]}"; do
		if cmp -s <(grep "^${differs[$i]} " "$want.some") <(grep "^${differs[$i]} " "$got.all"); then
			echo "analysis $label: frame ${differs[$i]} was to differ (${whys[$i]}), and does not" >&2
			rm -f "$want"* "$got"*
			return 1
		fi
		echo "analysis $label: frame ${differs[$i]} differs on purpose: ${whys[$i]}"
	done
	if ! diff "$want" "$got" >"$got.diff"; then
		echo "analysis $label: socklab and tshark differ (< tshark, > socklab;" \
			"columns: frame names dup_ack_num dup_ack_frame win):" >&2
		grep '^[<>]' "$got.diff" >&2
		rm -f "$want"* "$got"*
		return 1
	fi
	marked=$(awk '$2 != "-"' "$got.all" | wc -l)
	echo "analysis $label: $(wc -l <"$got.all") segments, $marked marked" \
		"($(analysis_counts <"$got.all")): all agree with tshark${differs:+ but the frames above}"
	rm -f "$want"* "$got"*
}
