#!/bin/sh
# Reading a big session (1,000,000 events, made here by gen-session.awk),
# against jq reading the same file in the same run:
#   - the viewer: time to its first frame on screen, until the whole
#     session has loaded (it loads in the background: keys work and the
#     screen shows the first events before the last line is read), from a
#     key to the screen redrawn, and memory per event;
#   - `socklab show --flat` to /dev/null, and the most memory it held;
#   - jq -c . to /dev/null (the whole file), and until its first line.
# The viewer runs in a real terminal (tmux) and writes its own timings when
# SOCKLAB_VIEWER_STATS names a file. Each goal is printed as a "goal:"
# line (scripts/bench.sh gathers them); the script fails if one is missed.
#
#   BUILD=build sh scripts/bench/reading.sh [EVENTS]
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
SOCKLAB=$PWD/$BUILD/bin/socklab
N=${1:-1000000}
dir=$(mktemp -d /tmp/socklab-bench-reading.XXXXXX)
sock=socklab-bench-$$
trap 'tmux -L $sock kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT INT TERM

for tool in tmux jq; do
	command -v $tool >/dev/null || { echo "bench reading: needs $tool"; exit 2; }
done
now_ms() { echo $(($(date +%s%N) / 1000000)); }
screen() { tmux -L "$sock" capture-pane -p; }
. scripts/bench/goal.inc

mkdir "$dir/session" "$dir/small"
awk -v n="$N" -f scripts/bench/gen-session.awk >"$dir/session/events.jsonl"
awk -v n=1000 -f scripts/bench/gen-session.awk >"$dir/small/events.jsonl"
bytes=$(wc -c <"$dir/session/events.jsonl")
echo "session: $N events, $((bytes / 1048576)) MiB of JSON lines, $((bytes / N)) bytes an event"

# The reference: jq reading the whole file, and until its first line.
cat "$dir/session/events.jsonl" >/dev/null # both read from the page cache
start=$(now_ms)
jq -c . "$dir/session/events.jsonl" >/dev/null
jq_ms=$(($(now_ms) - start))
start=$(now_ms)
jq -c . "$dir/session/events.jsonl" | head -n 1 >/dev/null
jq_first_ms=$(($(now_ms) - start))
echo "jq -c .:        $jq_ms ms (first line after $jq_first_ms ms)"

# show --flat, to /dev/null: its time, and the most it held (GNU time's %M,
# in KiB).
start=$(now_ms)
show_kb=$(/usr/bin/time -f %M "$SOCKLAB" show --flat "$dir/session" 2>&1 >/dev/null)
show_ms=$(($(now_ms) - start))
echo "show --flat:    $show_ms ms, at most $((show_kb / 1024)) MiB resident"

# run SESSION STATS: the viewer on SESSION until it has loaded; prints the
# milliseconds to the first frame and to the end of loading, as seen from
# outside (polling the screen every 5 ms).
run() {
	tmux -L "$sock" kill-server 2>/dev/null || true
	start=$(now_ms)
	tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 48 \
		env LANG=C.UTF-8 SOCKLAB_VIEWER_STATS="$2" "$SOCKLAB" view "$1"
	until screen | grep -q ' event [0-9]*/'; do sleep 0.005; done
	first=$(($(now_ms) - start))
	# Keys while it loads.
	for k in Right Right Left Tab Tab Tab Tab; do
		tmux -L "$sock" send-keys "$k"
		sleep 0.1
	done
	while screen | grep -q 'loading [0-9]*%'; do sleep 0.05; done
	echo "$first $(($(now_ms) - start))"
}

# keys: one at a time, each after the last was drawn.
keys() {
	for k in Right Right Right n n p End Home Tab Down Down Down Tab Tab Right n End Left; do
		tmux -L "$sock" send-keys "$k"
		sleep 0.15
	done
}

set -- $(run "$dir/session" "$dir/stats.json")
keys
tmux -L "$sock" send-keys q
until [ -s "$dir/stats.json" ]; do sleep 0.05; done
set -- "$@" $(run "$dir/small" "$dir/small.json")
tmux -L "$sock" send-keys q
until [ -s "$dir/small.json" ]; do sleep 0.05; done

jq -r --argjson first "$1" --argjson loaded "$2" --slurpfile small "$dir/small.json" '
	(.redraw_ms[7:] | sort) as $r | (.redraw_ms[0:7] | sort) as $l |
	"first frame:    \($first) ms on screen (\(.first_frame_ms | floor) ms inside the viewer)",
	"fully loaded:   \($loaded) ms (\(.loaded_ms | floor) ms inside), keys answered meanwhile",
	"key to redraw:  median \($r[($r | length) / 2 | floor]) ms, max \($r[-1]) ms over \($r | length) keys; target < 16 ms",
	"  while loading: median \($l[($l | length) / 2 | floor]) ms, max \($l[-1]) ms over \($l | length) keys",
	"memory:         \(.rss_kb / 1024 | floor) MiB resident for \(.events) events (\(.rss_peak_kb / 1024 | floor) MiB at most)"
' "$dir/stats.json"
per_event=$(jq --slurpfile small "$dir/small.json" \
	'((.rss_kb - $small[0].rss_kb) * 1024 / (.events - $small[0].events)) | floor' "$dir/stats.json")

status=0
goal "viewer, first frame" "$1 ms" "jq's first line: $jq_first_ms ms" \
	"$(ratio "$1" "$jq_first_ms")" "< 100 ms" "$(test "$1" -lt 100 && echo met)" || status=1
goal "viewer, fully loaded" "$2 ms" "jq -c .: $jq_ms ms" "$(ratio "$2" "$jq_ms")" \
	"<= 0.25 x jq" "$(at_most "$2" "$jq_ms" 0.25)" || status=1
goal "viewer, resident memory" "$per_event B/event" "the lines: $((bytes / N)) B/event" \
	"$(ratio "$per_event" $((bytes / N)))" "<= 120 B/event" \
	"$(test "$per_event" -le 120 && echo met)" || status=1
goal "show --flat, to /dev/null" "$show_ms ms" "jq -c .: $jq_ms ms" \
	"$(ratio "$show_ms" "$jq_ms")" "<= 0.25 x jq" "$(at_most "$show_ms" "$jq_ms" 0.25)" ||
	status=1
exit $status
