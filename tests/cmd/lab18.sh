#!/bin/bash
# Lab 18 (addresses): every run holds its checkpoints ($LAB_ROUNDS times);
# by tshark on the session's capture, the SYN to 127.0.0.2 is answered by
# an RST from 127.0.0.2 (naive) and by a SYN-ACK with --fix, and with
# --ipv6 the client that accept() calls ::ffff:127.0.0.1 is an IPv4
# client on the wire; without root, nothing fails (packet checkpoints say
# SKIP, and so does "other-user": there is no other user to become);
# where the machine lets anyone bind port 80, "eacces" says SKIP
# and why, not PASS; --fix with an option is refused in a line.
. "$(dirname "$0")/../lib.sh"

test_lab18_every_run_holds_its_checkpoints() {
	need_root "the packet checkpoints need a capture"
	run_lab l18 18
	run_lab l18f 18 --fix
	run_lab l18p 18 --ports
	run_lab l18s 18 --sockaddr
	run_lab l18c 18 --convert
	run_lab l18v 18 --ipv6
}

# Frames of capture $1 matching tshark filter $2, one field $3 a line.
frames() {
	tshark -r "$1" -Y "$2" -T fields -e "$3" 2>/dev/null
}

test_lab18_capture_has_the_rst_from_the_other_address() {
	need_root "packets are captured as root"
	local p
	# Whatever its checkpoints say: this test reads the capture alone.
	socklab run 18 --no-view --record "$T/n" >/dev/null 2>&1 || true
	p=$(listen_port "$T/n")
	[ -n "$p" ] || fail "no listen() in the session"
	frames "$T/n/capture.pcap" "ip.dst == 127.0.0.2 && tcp.dstport == $p && tcp.flags.syn == 1" \
		frame.number | grep -q . || fail "no SYN to 127.0.0.2:$p"
	frames "$T/n/capture.pcap" "ip.src == 127.0.0.2 && tcp.srcport == $p && tcp.flags.reset == 1" \
		frame.number | grep -q . || fail "no RST from 127.0.0.2:$p"
	! frames "$T/n/capture.pcap" "ip.src == 127.0.0.2 && tcp.flags.syn == 1 && tcp.flags.ack == 1" \
		frame.number | grep -q . || fail "127.0.0.2 answered with a SYN-ACK"
	# The client to 127.0.0.1 was served: a SYN-ACK from 127.0.0.1:$p.
	frames "$T/n/capture.pcap" "ip.src == 127.0.0.1 && tcp.srcport == $p && tcp.flags.syn == 1 && tcp.flags.ack == 1" \
		frame.number | grep -q . || fail "no SYN-ACK from 127.0.0.1:$p"
}

test_lab18_fixed_capture_has_a_synack_from_the_other_address() {
	need_root "packets are captured as root"
	local p
	socklab run 18 --fix --no-view --record "$T/f" >/dev/null 2>&1 || true
	p=$(listen_port "$T/f")
	[ -n "$p" ] || fail "no listen() in the session"
	frames "$T/f/capture.pcap" "ip.src == 127.0.0.2 && tcp.srcport == $p && tcp.flags.syn == 1 && tcp.flags.ack == 1" \
		frame.number | grep -q . || fail "no SYN-ACK from 127.0.0.2:$p"
	! frames "$T/f/capture.pcap" "ip.src == 127.0.0.2 && tcp.srcport == $p && tcp.flags.reset == 1" \
		frame.number | grep -q . || fail "an RST from 127.0.0.2:$p"
}

test_lab18_ipv6_mapped_client_is_ipv4_on_the_wire() {
	need_root "packets are captured as root"
	local p peer port
	socklab run 18 --ipv6 --no-view --record "$T/v" >/dev/null 2>&1 || true
	p=$(listen_port "$T/v")
	[ -n "$p" ] || fail "no listen() in the session"
	peer=$(ev "$T/v" 'select(.fn=="accept" and .ret>=0) | .peer' | head -n 1 | tr -d '"')
	case "$peer" in
	"[::ffff:127.0.0.1]:"*) ;;
	*) fail "accept() gave '$peer', not [::ffff:127.0.0.1]:PORT" ;;
	esac
	port=${peer##*:}
	# That client's SYN, by its port: an IPv4 packet from 127.0.0.1.
	frames "$T/v/capture.pcap" "ip.src == 127.0.0.1 && tcp.srcport == $port && tcp.dstport == $p && tcp.flags.syn == 1 && tcp.flags.ack == 0" \
		frame.number | grep -q . || fail "no IPv4 SYN from 127.0.0.1:$port to port $p"
	! frames "$T/v/capture.pcap" "ipv6" frame.number | grep -q . ||
		fail "IPv6 packets in the capture"
	# With IPV6_V6ONLY the second client's SYN got an RST.
	frames "$T/v/capture.pcap" "tcp.srcport == $p && tcp.flags.reset == 1" frame.number |
		grep -q . || fail "no RST for the client of the v6-only server"
}

# The checkpoints of session $1 that could not be checked, in order.
unchecked() {
	ev "$1" 'select(.kind=="checkpoint" and .checked==false) | .name' | tr -d '"' | tr '\n' ' '
}

test_lab18_holds_without_root() {
	labs_hold_without_root "18" "18 --fix" "18 --ports" "18 --sockaddr" "18 --convert" \
		"18 --ipv6"
	# Exactly what needs root says SKIP: packets, and another user.
	[ "$(unchecked "$T/user/run-18")" = "rst " ] || fail "naive: $(unchecked "$T/user/run-18")"
	[ "$(unchecked "$T/user/run-18--fix")" = "synack " ] || fail "fixed: $(unchecked "$T/user/run-18--fix")"
	[ "$(unchecked "$T/user/run-18--ports")" = "other-user " ] ||
		fail "--ports: $(unchecked "$T/user/run-18--ports")"
	[ "$(unchecked "$T/user/run-18--ipv6")" = "ipv4-on-wire " ] ||
		fail "--ipv6: $(unchecked "$T/user/run-18--ipv6")"
	[ -z "$(unchecked "$T/user/run-18--sockaddr")$(unchecked "$T/user/run-18--convert")" ] ||
		fail "--sockaddr or --convert skipped a checkpoint"
}

# Where ip_unprivileged_port_start lets anyone bind port 80, "eacces"
# says SKIP and why. In a network namespace of its own: the setting is
# per namespace, so the machine's stays as it is.
test_lab18_eacces_skips_where_port_80_is_everyones() {
	need_root "to make a network namespace"
	command -v unshare >/dev/null || skip "unshare is missing"
	set +e
	# shellcheck disable=SC2016 # $0 and $1 are the inner shell's
	unshare -n sh -c 'ip link set lo up &&
		sysctl -qw net.ipv4.ip_unprivileged_port_start=80 &&
		"$0" run 18 --ports --no-view --record "$1/p"' "$SOCKLAB" "$T" >"$T/out" 2>&1
	rc=$?
	set -e
	[ "$rc" = 0 ] || fail "socklab run 18 --ports exited $rc: $(cat "$T/out")"
	grep -A1 '^  SKIP  eacces' "$T/out" | grep -q 'ip_unprivileged_port_start' ||
		fail "eacces did not SKIP naming the setting: $(cat "$T/out")"
	grep -q 'could not be checked here' "$T/out" || fail "no word of the skip: $(cat "$T/out")"
}

test_lab18_fix_with_an_option_is_refused_in_a_line() {
	for o in ports sockaddr convert ipv6; do
		set +e
		socklab run 18 --$o --fix --no-view >"$T/out" 2>"$T/err"
		rc=$?
		set -e
		[ "$rc" = 2 ] || fail "--$o --fix: exit $rc, expected 2"
		head -n 1 "$T/err" | grep -q -- "--$o has no --fix" || fail "--$o --fix: $(cat "$T/err")"
	done
	! ls "$T" | grep -q '^socklab-lab' || fail "a refused run left a session folder"
}

run_tests
