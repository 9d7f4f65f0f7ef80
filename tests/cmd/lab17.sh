#!/bin/bash
# Lab 17 (names): every run holds its checkpoints LAB_ROUNDS times; by tshark,
# the capture has a DNS question and its answer before the first SYN, the
# answer naming the zone's address (the old one naive, the new one after
# the move with --fix), and NXDOMAIN for the unknown name; the lab's
# namespaces and their /etc/netns files are gone afterwards.
. "$(dirname "$0")/../lib.sh"

test_lab17_names_every_run_holds_its_checkpoints() {
	need_root "lab 17 builds network namespaces"
	run_lab l17 17
	run_lab l17f 17 --fix
	run_lab l17g 17 --gethostbyname
	no_lab_netns_left 17
	! ls /etc/netns 2>/dev/null | grep -q socklab-lab17 || fail "/etc/netns files left"
}

# "frame dns.flags.response dns.a dns.flags.rcode" for each DNS message.
dns_rows() {
	tshark -r "$1" -Y dns -T fields -e frame.number -e dns.flags.response -e dns.a \
		-e dns.flags.rcode 2>/dev/null
}

first_syn() {
	tshark -r "$1" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' -T fields -e frame.number \
		2>/dev/null | head -n 1
}

test_lab17_capture_has_the_lookup_before_the_syn() {
	need_root "lab 17 builds network namespaces"
	local syn q a
	socklab run 17 --no-view --record "$T/n" >/dev/null 2>&1 || fail "the naive run failed"
	dns_rows "$T/n/capture.pcap" >"$T/dns"
	syn=$(first_syn "$T/n/capture.pcap")
	[ -n "$syn" ] || fail "no SYN in the capture"
	q=$(awk '$2 == 0 { print $1; exit }' "$T/dns")
	a=$(awk '$2 == 1 && $3 == "10.77.0.2" { print $1; exit }' "$T/dns")
	[ -n "$q" ] && [ "$q" -lt "$syn" ] || fail "no DNS question before the SYN (frame $syn): $(cat "$T/dns")"
	[ -n "$a" ] && [ "$a" -gt "$q" ] && [ "$a" -lt "$syn" ] ||
		fail "no answer 10.77.0.2 between the question and the SYN: $(cat "$T/dns")"
	# The unknown name: an answer with rcode 3 (NXDOMAIN).
	awk -F'\t' '$2 == 1 && $4 == 3' "$T/dns" | grep -q . || fail "no NXDOMAIN answer: $(cat "$T/dns")"
}

test_lab17_fixed_capture_has_the_new_answer_and_the_syn_to_host_c() {
	need_root "lab 17 builds network namespaces"
	socklab run 17 --fix --no-view --record "$T/f" >/dev/null 2>&1 || fail "the fixed run failed"
	dns_rows "$T/f/capture.pcap" | awk '$2 == 1 && $3 == "10.77.0.3"' | grep -q . ||
		fail "no answer naming 10.77.0.3"
	tshark -r "$T/f/capture.pcap" -Y 'ip.dst == 10.77.0.3 && tcp.flags.syn == 1' 2>/dev/null |
		grep -q . || fail "no SYN to host c"
}

test_lab17_needs_root() {
	need_root "to become an unprivileged user (nobody)"
	chmod 777 "$T"
	set +e
	setpriv --reuid=nobody --regid=nogroup --clear-groups "$SOCKLAB" run 17 --no-view \
		--record "$T/u" >"$T/out" 2>&1
	rc=$?
	set -e
	[ "$rc" = 2 ] || fail "without root: exit $rc, expected 2"
	grep -q "needs root" "$T/out" || fail "no word of root: $(cat "$T/out")"
}

run_tests
