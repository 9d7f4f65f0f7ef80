#!/bin/bash
# Lab 23 (http): every run holds its checkpoints ($LAB_ROUNDS times);
# by tshark on the session's capture, the naive run's GET and response
# header, the header alone in its segment, the body after it and the RST
# that answers it; with --fix, one HTTP/1.0 and two HTTP/1.1 exchanges,
# the two on one connection, each response's every byte on the wire; and
# each frame split into Ethernet, IP and TCP headers before the HTTP
# bytes. Without root the lab refuses in a line (it builds a network).
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../tmux.sh"

test_lab23_every_run_holds_its_checkpoints() {
	need_root "lab 23 builds network namespaces"
	run_lab l23 23
	run_lab l23f 23 --fix
	! ip netns list 2>/dev/null | grep -q "socklab-lab23-" ||
		fail "namespaces left: $(ip netns list 2>/dev/null)"
}

# The server's port in capture $1: where the first SYN went.
server_port() {
	tshark -r "$1" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' -T fields -e tcp.dstport \
		2>/dev/null | head -n 1
}

# Fields $3 of the frames of capture $1 that match $2, read as HTTP on
# the server's port, each segment on its own.
http_frames() {
	tshark -r "$1" -d "tcp.port==$(server_port "$1"),http" -o http.desegment_body:FALSE \
		-Y "$2" -T fields -e "$3" 2>/dev/null
}

test_lab23_naive_capture_has_the_header_alone_then_the_body_and_rst() {
	need_root "lab 23 builds network namespaces"
	local c p lens
	socklab run 23 --no-view --record "$T/n" >/dev/null 2>&1 || true
	c="$T/n/capture.pcap"
	p=$(server_port "$c")
	[ -n "$p" ] || fail "no SYN in the capture"
	[ "$(http_frames "$c" 'http.request' http.request.method)" = GET ] || fail "no GET"
	[ "$(http_frames "$c" 'http.request' http.request.version)" = HTTP/1.0 ] ||
		fail "the GET is not HTTP/1.0"
	[ "$(http_frames "$c" 'http.response' http.response.code)" = 200 ] || fail "no 200 OK"
	# The server's data segments: the header alone (64 bytes), then the
	# body's first 1000 bytes, after the client's FIN; then the RST.
	lens=$(tshark -r "$c" -Y "tcp.srcport == $p && tcp.len > 0" -T fields -e tcp.len \
		2>/dev/null | tr '\n' ' ')
	[ "$lens" = "64 1000 " ] || fail "the server's segments: $lens"
	[ "$(tshark -r "$c" -Y "tcp.srcport == $p && tcp.len > 0" -T fields -e tcp.payload \
		2>/dev/null | head -n 1 | tr -d : | tail -c 9)" = 0d0a0d0a ] ||
		fail "the first segment does not end with the empty line"
	tshark -r "$c" -Y "tcp.dstport == $p && tcp.flags.fin == 1" -T fields -e frame.number \
		2>/dev/null | grep -q . || fail "no FIN from the client"
	tshark -r "$c" -Y "tcp.dstport == $p && tcp.flags.reset == 1" -T fields -e frame.number \
		2>/dev/null | grep -q . || fail "no RST from the client's host"
}

test_lab23_fixed_capture_has_three_exchanges_two_on_one_connection() {
	need_root "lab 23 builds network namespaces"
	local c p
	socklab run 23 --fix --no-view --record "$T/f" >/dev/null 2>&1 || true
	c="$T/f/capture.pcap"
	p=$(server_port "$c")
	[ -n "$p" ] || fail "no SYN in the capture"
	[ "$(http_frames "$c" 'http.request' http.request.version | tr '\n' ' ')" = \
		"HTTP/1.0 HTTP/1.1 HTTP/1.1 " ] || fail "requests: $(http_frames "$c" http.request http.request.version)"
	[ "$(http_frames "$c" 'http.response' http.response.code | tr '\n' ' ')" = "200 200 200 " ] ||
		fail "responses: $(http_frames "$c" http.response http.response.code)"
	# The two HTTP/1.1 requests: one TCP stream.
	[ "$(http_frames "$c" 'http.request.version == "HTTP/1.1"' tcp.stream | sort -u | wc -l)" = 1 ] ||
		fail "the HTTP/1.1 requests went on more than one connection"
	[ "$(http_frames "$c" 'http.content_length' http.content_length | tr '\n' ' ')" = \
		"4000 4000 " ] || fail "Content-Length: $(http_frames "$c" http.content_length http.content_length)"
	# Every response's header and body: 3 x (header + 4000) bytes.
	[ "$(tshark -r "$c" -Y "tcp.srcport == $p && tcp.len > 0" -T fields -e tcp.len 2>/dev/null |
		awk '{n += $1} END {print n}')" = 12198 ] || fail "not 12198 bytes from the server"
	! tshark -r "$c" -Y 'tcp.flags.reset == 1' -T fields -e frame.number 2>/dev/null |
		grep -q . || fail "an RST in the fixed run"
}

# One frame, its layers: Ethernet (14 bytes, type IPv4), IP (20, TCP),
# TCP (32, with timestamps), then the HTTP bytes -- as tshark splits it.
test_lab23_a_frame_is_ethernet_ip_tcp_then_http() {
	need_root "lab 23 builds network namespaces"
	local c p f
	socklab run 23 --no-view --record "$T/x" >/dev/null 2>&1 || true
	c="$T/x/capture.pcap"
	p=$(server_port "$c")
	[ -n "$p" ] || fail "no SYN in the capture"
	f=$(tshark -r "$c" -Y "tcp.srcport == $p && tcp.len == 64" -T fields \
		-e frame.len -e eth.type -e ip.hdr_len -e ip.proto -e tcp.hdr_len -e tcp.len \
		2>/dev/null | head -n 1 | tr '\t' ' ')
	[ "$f" = "130 0x0800 20 6 32 64" ] || fail "the header's frame: '$f'"
	[ "$(http_frames "$c" "tcp.srcport == $p && tcp.len == 64" frame.protocols | head -n 1)" = \
		"eth:ethertype:ip:tcp:http" ] ||
		fail "not eth:ip:tcp:http: $(http_frames "$c" "tcp.srcport == $p && tcp.len == 64" frame.protocols)"
}

# The viewer's bytes (key x) on the segment of the response header: the
# frame split as the layers made it, each part labelled with its size,
# each header's first bytes as the capture has them, then the payload.
test_lab23_viewer_bytes_split_a_segment_into_its_layers() {
	need_root "lab 23 builds network namespaces"
	command -v tmux >/dev/null || skip "tmux is not installed (scripts/install-deps.sh installs it)"
	local c p frame n
	socklab run 23 --no-view --record "$T/v" >/dev/null 2>&1 || true
	c="$T/v/capture.pcap"
	p=$(server_port "$c")
	[ -n "$p" ] || fail "no SYN in the capture"
	frame=$(tshark -r "$c" -Y "tcp.srcport == $p && tcp.len == 64" -T fields -e frame.number \
		2>/dev/null | head -n 1)
	[ -n "$frame" ] || fail "no segment of the response header"
	socklab show --json "$T/v" >"$T/json"
	n=$(jq -s 'map(.src == "pkt" and .frame == '"$frame"') | index(true) + 1' "$T/json")
	term_start 140 50 "socklab view $T/v"
	term_wait "event 1/"
	term_keys x
	for _ in $(seq $((n - 1))); do term_keys Right; done
	term_wait "frame $frame,"
	for part in "Ethernet header, 14 bytes:" "IP header, 20 bytes:" "TCP header, 32 bytes:" \
		"payload, 64 bytes:"; do
		term_has "$part" || { term_screen >&2; fail "no '$part'"; }
	done
	# The Ethernet header ends with the type, IPv4; the IP header starts
	# with version 4, 20 bytes (45); the payload with "HTTP/1.0".
	term_has "0000  $(tshark -r "$c" -Y "frame.number == $frame" -T fields -e eth.dst 2>/dev/null |
		tr : ' ')" || { term_screen >&2; fail "no destination MAC"; }
	term_has "08 00" || fail "no type 0x0800"
	term_has "0000  45 00" || fail "no IP header bytes"
	term_has "0000  48 54 54 50 2f 31 2e 30" || fail "no HTTP/1.0 in the payload"
	term_keys q
	term_wait_exit 0
}

# socklab ARGS must exit 2 with one line on stderr containing TEXT (as in
# tests/cmd/labs.sh).
expect_refusal() {
	local text=$1 rc
	shift
	set +e
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	set -e
	[ "$rc" = 2 ] || fail "$*: exit $rc, expected 2: $(cat "$T/err")"
	[ "$(grep -vc '^(see: ' "$T/err")" = 1 ] || fail "$*: more than one line: $(cat "$T/err")"
	head -n 1 "$T/err" | grep -q -- "$text" || fail "$*: stderr lacks '$text': $(cat "$T/err")"
}

test_lab23_refuses_without_root() {
	need_root "to run socklab as another user"
	command -v setpriv >/dev/null || skip "setpriv is missing"
	expect_refusal "lab 23 (http) needs root" \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$SOCKLAB" run 23 --no-view
}

run_tests
