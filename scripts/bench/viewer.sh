#!/bin/sh
# The viewer on a big session (1,000,000 events, made here):
#   - time from `socklab view` to its first frame on screen, and until the
#     whole session has loaded (it loads in the background: keys work and
#     the screen shows the first events before the last line is read);
#   - time from a key to the screen redrawn (targets: first frame under 1 s,
#     redraw under 16 ms, one frame at 60 Hz);
#   - memory per event.
# The viewer runs in a real terminal (tmux) and writes its own timings when
# SOCKLAB_VIEWER_STATS names a file.
#
#   BUILD=build sh scripts/bench/viewer.sh [EVENTS]
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
SOCKLAB=$PWD/$BUILD/bin/socklab
N=${1:-1000000}
dir=$(mktemp -d /tmp/socklab-bench-viewer.XXXXXX)
sock=socklab-bench-$$
trap 'tmux -L $sock kill-server 2>/dev/null || true; rm -rf "$dir"' EXIT INT TERM

command -v tmux >/dev/null || { echo "bench viewer: needs tmux"; exit 2; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
screen() { tmux -L "$sock" capture-pane -p; }

mkdir "$dir/session" "$dir/small"
awk -v n="$N" -f scripts/bench/gen-session.awk >"$dir/session/events.jsonl"
awk -v n=1000 -f scripts/bench/gen-session.awk >"$dir/small/events.jsonl"
echo "session: $N events, $(($(wc -c <"$dir/session/events.jsonl") / 1048576)) MiB of JSON lines"

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
	"first frame:    \($first) ms on screen (\(.first_frame_ms | floor) ms inside the viewer); target < 1000 ms",
	"fully loaded:   \($loaded) ms (\(.loaded_ms | floor) ms inside), keys answered meanwhile",
	"key to redraw:  median \($r[($r | length) / 2 | floor]) ms, max \($r[-1]) ms over \($r | length) keys; target < 16 ms",
	"  while loading: median \($l[($l | length) / 2 | floor]) ms, max \($l[-1]) ms over \($l | length) keys",
	"memory:         \(.rss_kb / 1024 | floor) MiB resident for \(.events) events: \(((.rss_kb - $small[0].rss_kb) * 1024 / (.events - $small[0].events)) | floor) bytes per event"
' "$dir/stats.json"
