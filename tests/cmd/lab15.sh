#!/bin/bash
# Lab 15 (byte-order): every run holds its checkpoints LAB_ROUNDS times; the
# naive capture, read by tshark, has the SYN to the byte-swapped port and
# its RST, and the length's bytes 64 00 00 00; the fixed one 00 00 00 64
# and the 13-byte reading; without root the packet checkpoint skips and
# the others still hold from the calls' bytes.
. "$(dirname "$0")/../lib.sh"

test_lab15_byte_order_naive_and_fixed_hold_their_checkpoints() {
	run_lab l15 15
	run_lab l15f 15 --fix
}

# The port of the run, from the station's listen() in session DIR.
station_port() {
	jq -r 'select(.src == "call" and .fn == "listen") | .sock | split(">")[0] | split(":")[1]' \
		"$1/events.jsonl" | head -n 1
}

test_lab15_capture_has_the_syn_to_the_swapped_port_and_its_rst() {
	need_root "packet capture"
	local port swapped pcap
	socklab run 15 --no-view --record "$T/n" >/dev/null 2>&1 || fail "the naive run failed"
	pcap=$T/n/capture.pcap
	port=$(station_port "$T/n")
	swapped=$(((port & 255) << 8 | port >> 8))
	[ "$(tshark -r "$pcap" -Y "tcp.dstport == $swapped && tcp.flags.syn == 1 && tcp.flags.ack == 0" \
		2>/dev/null | wc -l)" -ge 1 ] || fail "no SYN to port $swapped ($port swapped) in the capture"
	[ "$(tshark -r "$pcap" -Y "tcp.srcport == $swapped && tcp.flags.reset == 1" 2>/dev/null |
		wc -l)" -ge 1 ] || fail "no RST from port $swapped in the capture"
	# The length as it lay in memory: the first data segment to the station.
	[ "$(tshark -r "$pcap" -Y "tcp.dstport == $port && tcp.len > 0" -T fields -e tcp.payload \
		2>/dev/null | head -n 1 | tr -d : | cut -c1-8)" = 64000000 ] ||
		fail "the first bytes to the station are not 64 00 00 00"
}

test_lab15_fixed_capture_has_the_length_and_reading_in_network_order() {
	need_root "packet capture"
	local port
	socklab run 15 --fix --no-view --record "$T/f" >/dev/null 2>&1 || fail "the fixed run failed"
	port=$(station_port "$T/f")
	tshark -r "$T/f/capture.pcap" -Y "tcp.dstport == $port && tcp.len > 0" -T fields \
		-e tcp.payload 2>/dev/null | tr -d ':\n' >"$T/stream"
	grep -q '^00000064' "$T/stream" || fail "the stream does not start with 00 00 00 64"
	# The reading's frame: length 13, then 'A' and 1200 big-endian.
	grep -q '0000000d41000004b0' "$T/stream" || fail "no 13-byte reading, big-endian, in the stream"
}

test_lab15_without_root_skips_only_the_packet_checkpoint() {
	need_root "to become an unprivileged user (nobody)"
	chmod 777 "$T"
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$SOCKLAB" run 15 --no-view \
		--record "$T/u" >"$T/out" 2>&1 || fail "without root: $(cat "$T/out")"
	grep -q '^  SKIP  rst' "$T/out" || fail "the packet checkpoint did not skip: $(cat "$T/out")"
	[ "$(grep -c '^  PASS' "$T/out")" = 4 ] || fail "the call checkpoints did not hold: $(cat "$T/out")"
}

run_tests
