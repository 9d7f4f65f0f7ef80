#!/bin/bash
# Lab 8 (half-close), headless: naive, --fix and --one-read, LAB_ROUNDS
# times each, every checkpoint holding every time. Then what the captures show
# to tshark: naive, an RST from the server's port after the server's FIN
# and after the client's reply; fixed, no RST at all. No namespace is left.
. "$(dirname "$0")/../lib.sh"

# The server's port in a capture: where the first SYN went.
server_port() {
	tshark -r "$1" -Y 'tcp.flags.syn == 1 && tcp.flags.ack == 0' -T fields -e tcp.dstport \
		2>/dev/null | head -n 1
}

# Prints "FIN DATA RST": the frame numbers of the server's first FIN, of
# the first segment with data from the client after it, and of the first
# RST from the server's port after that (0 for what is missing).
fin_data_rst() {
	local pcap=$1 sp
	sp=$(server_port "$pcap")
	[ -n "$sp" ] || fail "no SYN in $pcap"
	tshark -r "$pcap" -T fields -e frame.number -e tcp.srcport -e tcp.len -e tcp.flags.fin \
		-e tcp.flags.reset 2>/dev/null |
		awk -v sp="$sp" '
			fin == 0 && $2 == sp && ($4 == 1 || $4 == "True") { fin = $1; next }
			fin && data == 0 && $2 != sp && $3 > 0 { data = $1; next }
			data && rst == 0 && $2 == sp && ($5 == 1 || $5 == "True") { rst = $1 }
			END { print fin + 0, data + 0, rst + 0 }'
}

# The number of RST segments in a capture.
rsts() {
	tshark -r "$1" -Y 'tcp.flags.reset == 1' 2>/dev/null | wc -l
}

no_lab_netns() {
	no_lab_netns_left "$1"
}

test_lab8_close_loses_the_reply_to_an_rst_shutdown_reads_it() {
	need_root "lab 8 builds network namespaces"
	local fin data rst
	run_lab l8 8
	run_lab l8f 8 --fix
	for i in $(seq "$ROUNDS"); do
		read -r fin data rst <<<"$(fin_data_rst "$T/l8-$i/capture.pcap")"
		[ "$fin" -gt 0 ] && [ "$data" -gt "$fin" ] && [ "$rst" -gt "$data" ] ||
			fail "naive run $i: server FIN #$fin, client data #$data, server RST #$rst"
		[ "$(rsts "$T/l8f-$i/capture.pcap")" = 0 ] ||
			fail "fixed run $i: an RST in the capture"
		cmp -s "$T/l8f-$i/file.txt" "$T/l8f-$i/received.txt" ||
			fail "fixed run $i: received.txt differs from file.txt"
	done
	no_lab_netns 8
}

test_lab8_one_read_stores_a_short_file() {
	need_root "lab 8 builds network namespaces"
	run_lab l8o 8 --one-read
	for i in $(seq "$ROUNDS"); do
		[ "$(stat -c %s "$T/l8o-$i/received.txt")" -lt "$(stat -c %s "$T/l8o-$i/file.txt")" ] ||
			fail "--one-read run $i: received.txt is not shorter than file.txt"
		cmp -s -n "$(stat -c %s "$T/l8o-$i/received.txt")" "$T/l8o-$i/file.txt" \
			"$T/l8o-$i/received.txt" || fail "--one-read run $i: the stored part differs"
	done
	no_lab_netns 8
}

# Under sudo the programs run as the user who ran it, while the session's
# folder is still root's: the client can still store the file there, and
# everything in the folder is the user's at the end.
test_lab8_under_sudo_the_client_stores_the_file_as_the_user() {
	need_root "to play sudo"
	chmod 755 "$T"
	SUDO_UID=65534 SUDO_GID=65534 "$SOCKLAB" run 8 --fix --no-view --record "$T/sudo" >"$T/out" 2>&1 ||
		fail "socklab run 8 --fix under sudo: $(cat "$T/out")"
	grep -q '^all checkpoints hold' "$T/out" || fail "$(cat "$T/out")"
	cmp -s "$T/sudo/file.txt" "$T/sudo/received.txt" || fail "received.txt is not the file"
	for f in "$T/sudo" "$T/sudo/file.txt" "$T/sudo/received.txt" "$T/sudo/events.jsonl"; do
		[ "$(stat -c %u "$f")" = 65534 ] || fail "$f belongs to uid $(stat -c %u "$f")"
	done
	no_lab_netns 8
}

run_tests
