#!/bin/bash
# socklab plot: a connection's time-sequence graph as SVG. A real SVG
# reader (rsvg-convert) opens the file and draws it; the picture holds one
# element for each mark of the TCP analysis the session has; usage errors
# say what to do.
. "$(dirname "$0")/../lib.sh"

FIX="$ROOT/tests/fixtures/sessions"

# The width and height of a PNG, from its header: "960 600".
png_size() {
	od -An -tu1 -j16 -N8 "$1" | awk '{ print $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }'
}

# Lab 13's naive run: the zero windows, the probes, the data, the lines.
test_plot_of_a_zero_window_opens_in_an_svg_reader() {
	command -v rsvg-convert >/dev/null || skip "rsvg-convert is missing (librsvg2-bin)"
	socklab plot "$FIX/flow" -o "$T/flow.svg" || fail "socklab plot failed"
	rsvg-convert -o "$T/flow.png" "$T/flow.svg" 2>"$T/err" || fail "rsvg-convert: $(cat "$T/err")"
	[ "$(head -c 8 "$T/flow.png" | od -An -c | tr -d ' ')" = "211PNG\r\n032\n" ] || fail "not a PNG"
	[ "$(png_size "$T/flow.png")" = "960 600" ] || fail "the picture is $(png_size "$T/flow.png")"
	# As many marks in the picture as the analysis has in the session.
	local zw probes segs
	zw=$(ev "$FIX/flow" 'select(.src == "pkt" and (.analysis // [] | index(["zero_window"])))' | wc -l)
	probes=$(ev "$FIX/flow" 'select(.src == "pkt" and .window_probe)' | wc -l)
	segs=$(ev "$FIX/flow" 'select(.src == "pkt" and .len > 0 and (.from | endswith(":52866")))' | wc -l)
	[ "$(grep -c 'class="zero-window"' "$T/flow.svg")" = "$zw" ] || fail "not $zw zero windows"
	[ "$(grep -c 'class="seg probe"' "$T/flow.svg")" = "$probes" ] || fail "not $probes probes"
	[ "$(grep -c '<line class="seg' "$T/flow.svg")" -ge "$segs" ] || fail "fewer than $segs segments"
	grep -q 'class="ack"' "$T/flow.svg" && grep -q 'class="window"' "$T/flow.svg" ||
		fail "no ACK line or window edge"
	grep -q 'connection 1: 127.0.0.1:52866 &gt; 127.0.0.1:59891' "$T/flow.svg" ||
		fail "the title does not name the connection and its direction"
}

test_plot_reverse_and_conn() {
	socklab plot "$FIX/flow" --conn 1 --reverse -o "$T/back.svg" || fail "--reverse failed"
	grep -q '127.0.0.1:59891 &gt; 127.0.0.1:52866' "$T/back.svg" || fail "not the other way"
	socklab plot "$FIX/echo" -o "$T/echo.svg" || fail "the echo session has a connection"
	grep -q '<svg' "$T/echo.svg" || fail "no SVG written"
}

test_plot_usage_errors_say_what_to_do() {
	set +e
	socklab plot "$FIX/flow" >"$T/out" 2>"$T/err"
	[ $? = 2 ] || fail "no -o: not exit 2"
	grep -q -- "-o FILE.svg" "$T/err" || fail "no -o: $(cat "$T/err")"
	socklab plot "$FIX/flow" --conn 99 -o "$T/x.svg" 2>"$T/err"
	[ $? = 2 ] || fail "no such connection: not exit 2"
	grep -q "no TCP packets on connection 99" "$T/err" || fail "--conn 99: $(cat "$T/err")"
	socklab plot "$T/nothing" -o "$T/x.svg" 2>"$T/err"
	[ $? = 2 ] || fail "no session: not exit 2"
	set -e
	[ ! -e "$T/x.svg" ] || fail "a file was written for a failed plot"
}

run_tests
