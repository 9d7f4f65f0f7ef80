#!/bin/bash
# Lab 16 (broadcast): every run and option holds its checkpoints
# LAB_ROUNDS times; by tshark on the capture of the switch's ports, --fix has one UDP
# datagram to a broadcast address that the switch sends out towards two
# hosts or more, the naive run has none, --ttl has the router's ICMP time
# exceeded about a's datagram; nothing of the network is left behind.
. "$(dirname "$0")/../lib.sh"

test_lab16_broadcast_every_run_holds_its_checkpoints() {
	need_root "lab 16 builds network namespaces"
	run_lab l16 16
	run_lab l16f 16 --fix
	run_lab l16m 16 --multicast
	run_lab l16t 16 --ttl
	no_lab_netns_left 16
}

# The interfaces (indexes) on which the switch sent a UDP datagram to
# 255.255.255.255 out (Linux cooked packet type 4, "outgoing"), one a line.
broadcast_out_ports() {
	tshark -r "$1" -Y 'udp && ip.dst == 255.255.255.255 && sll.pkttype == 4' \
		-T fields -e sll.ifindex 2>/dev/null | sort -u
}

test_lab16_fixed_capture_has_a_broadcast_received_on_two_hosts() {
	need_root "lab 16 builds network namespaces"
	local n
	socklab run 16 --fix --no-view --record "$T/f" >/dev/null 2>&1 || fail "the fixed run failed"
	n=$(broadcast_out_ports "$T/f/capture.pcap" | wc -l)
	# Out to b, c and d, and to the router: four ports of the switch (the
	# bridge's own device aside).
	[ "$n" -ge 2 ] || fail "the broadcast went out on $n ports of the switch"
	[ "$(tshark -r "$T/f/capture.pcap" -Y 'udp && ip.dst == 255.255.255.255 && sll.pkttype != 4' \
		2>/dev/null | wc -l)" -ge 1 ] || fail "the broadcast never came in from host a"
	# The two receivers on the port read it (their recvfrom()s).
	[ "$(jq -r 'select(.src == "call" and .fn == "recvfrom" and .ret > 0) | .pid' \
		"$T/f/events.jsonl" | sort -u | wc -l)" = 2 ] || fail "not two receivers read it"
}

test_lab16_naive_capture_has_no_broadcast() {
	need_root "lab 16 builds network namespaces"
	socklab run 16 --no-view --record "$T/n" >/dev/null 2>&1 || fail "the naive run failed"
	[ "$(tshark -r "$T/n/capture.pcap" -Y 'udp && ip.dst == 255.255.255.255' 2>/dev/null |
		wc -l)" = 0 ] || fail "a broadcast left host a without SO_BROADCAST"
}

test_lab16_ttl_capture_has_the_routers_time_exceeded() {
	need_root "lab 16 builds network namespaces"
	socklab run 16 --ttl --no-view --record "$T/t" >/dev/null 2>&1 || fail "the --ttl run failed"
	tshark -r "$T/t/capture.pcap" -Y 'icmp.type == 11 && ip.src == 10.77.0.254 &&
		udp.dstport && ip.dst == 10.77.1.1' 2>/dev/null | grep -q . ||
		fail "no ICMP time exceeded from the router about a datagram to 10.77.1.1"
	# socklab's event agrees, and ties it to a's socket.
	jq -c 'select(.src == "pkt" and .proto == "icmp" and .icmp == "time-exceeded"
		and ((.orig.to // "") | startswith("10.77.1.1:")))' "$T/t/events.jsonl" | grep -q . ||
		fail "no time-exceeded pkt event"
}

run_tests
