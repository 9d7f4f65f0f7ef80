#!/bin/bash
# Lab 10 (heartbeat), headless: naive, --fix and --keepalive, LAB_ROUNDS
# times each, every checkpoint holding every time. Then what tshark sees in the
# captures: naive, the client's line retransmitted (tcp.analysis.
# retransmission) and no FIN or RST before the end; --keepalive, keep-alive
# probes from the server (tcp.analysis.keep_alive). No namespace, and so
# no nftables rule, is left behind.
. "$(dirname "$0")/../lib.sh"

# The number of segments of capture $1 that match the display filter $2.
count() {
	tshark -r "$1" -Y "$2" 2>/dev/null | wc -l
}

# The server's port in a capture: where the first SYN went.
server_port() {
	tshark -r "$1" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' -T fields -e tcp.dstport \
		2>/dev/null | head -n 1
}

no_lab_netns() {
	no_lab_netns_left 10
}

test_lab10_a_dead_network_leaves_a_half_open_connection_that_a_heartbeat_finds() {
	need_root "lab 10 builds network namespaces"
	local sp n
	run_lab l10 10
	run_lab l10f 10 --fix
	for i in $(seq "$ROUNDS"); do
		sp=$(server_port "$T/l10-$i/capture.pcap")
		n=$(count "$T/l10-$i/capture.pcap" "tcp.analysis.retransmission && tcp.dstport == $sp")
		[ "$n" -ge 3 ] || fail "naive run $i: $n retransmissions to the server, expected 3 or more"
		# Nothing ended the connection while the programs ran: the only
		# FINs come when socklab stops them, after the last retransmission.
		[ "$(count "$T/l10-$i/capture.pcap" 'tcp.flags.reset == 1')" = 0 ] ||
			fail "naive run $i: an RST"
		n=$(count "$T/l10f-$i/capture.pcap" "tcp.srcport == $(server_port "$T/l10f-$i/capture.pcap") && tcp.len == 5")
		[ "$n" -ge 4 ] || fail "fixed run $i: $n heartbeats (5-byte segments) from the server"
	done
	no_lab_netns
}

test_lab10_keepalive_probes_then_etimedout() {
	need_root "lab 10 builds network namespaces"
	local sp n
	run_lab l10k 10 --keepalive
	for i in $(seq "$ROUNDS"); do
		sp=$(server_port "$T/l10k-$i/capture.pcap")
		n=$(count "$T/l10k-$i/capture.pcap" "tcp.analysis.keep_alive && tcp.srcport == $sp")
		[ "$n" -ge 3 ] || fail "--keepalive run $i: $n keep-alive probes from the server, expected 3"
	done
	no_lab_netns
}

# Ctrl-C while the network is dead: the namespaces go, and their rules
# with them.
test_lab10_interrupted_while_the_network_is_dead_leaves_nothing() {
	need_root "lab 10 builds network namespaces"
	local pid ns=""
	"$SOCKLAB" run 10 --no-view --record "$T/int" >/dev/null 2>&1 &
	pid=$!
	for _ in $(seq 200); do
		ns=$(ip netns list 2>/dev/null | awk -v p="socklab-lab10-$pid-a" '$1 == p {print $1}')
		if [ -n "$ns" ] && ip netns exec "$ns" nft list ruleset 2>/dev/null | grep -q 'table inet socklab'; then
			break
		fi
		ns=""
		sleep 0.05
	done
	[ -n "$ns" ] || { kill "$pid"; fail "the network never died (no rule in socklab-lab10-$pid-a)"; }
	kill -INT "$pid"
	wait "$pid" 2>/dev/null || true
	! ip netns list 2>/dev/null | grep -q "socklab-lab10-$pid-" ||
		fail "Ctrl-C left: $(ip netns list 2>/dev/null)"
}

run_tests
