#!/bin/bash
# Packet capture (the pkt source): what socklab records agrees with tshark
# reading the same capture.pcap, frame for frame; the end of a conversation
# (the FINs) is never lost; other programs' traffic stays out; without root
# the session says why it has no packets and capture.pcap still opens;
# under sudo the session belongs to the user.
#
# run: alone -- tests/run.sh runs this file by itself: it checks that no
# packet but its own enters a session, and the packets of tests running
# beside it on lo would be strangers' packets too.
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../analysis.sh"

# "frame sport dport flags seq_raw ack_raw seq ack len", one TCP segment a
# line, as tshark dissects FILE; flags as a decimal number.
tshark_tcp_rows() {
	tshark -r "$1" -Y tcp -T fields -e frame.number -e tcp.srcport -e tcp.dstport \
		-e tcp.flags -e tcp.seq_raw -e tcp.ack_raw -e tcp.seq -e tcp.ack -e tcp.len \
		2>/dev/null |
		while read -r n sp dp fl sr ar s a l; do
			echo "$n $sp $dp $((fl)) $sr $ar $s $a $l"
		done
}

# The same columns from pkt events (JSON lines on stdin); the frame is
# the event's "frame", or with --line its line number.
JQ_TCP_ROW='
  def port: split(":") | last;
  def bits: split("") | map({"F":1,"S":2,"R":4,"P":8,"A":16,"U":32,"E":64,"C":128}[.]) | add // 0;
  select(.src == "pkt" and .proto == "tcp")
  | [(if $byline then $n else .frame end), (.from | port), (.to | port), (.flags | bits),
     .seq, .ack, .rseq, .rack, .len] | map(tostring) | join(" ")'

event_tcp_rows() { # [--line] < JSON lines
	local byline=false
	[ "${1:-}" = --line ] && byline=true
	awk '{ print NR "\t" $0 }' | while IFS=$'\t' read -r n line; do
		jq -r --argjson byline "$byline" --argjson n "$n" "$JQ_TCP_ROW" <<<"$line"
	done
}

test_fixture_goldens_agree_with_tshark() {
	local n=0
	for pcap in "$ROOT"/tests/fixtures/*.pcap; do
		out=${pcap%.pcap}.out
		tshark_tcp_rows "$pcap" >"$T/want"
		event_tcp_rows --line <"$out" >"$T/got"
		[ -s "$T/got" ] || continue
		# Every segment socklab decoded is one tshark decoded the same way.
		if ! grep -vxFf "$T/want" "$T/got" >"$T/bad"; then n=$((n + $(wc -l <"$T/got"))); continue; fi
		echo "$(basename "$out") disagrees with tshark on:" >&2
		cat "$T/bad" >&2
		fail "golden output differs from tshark (columns: frame sport dport flags seq ack rseq rack len)"
	done
	[ "$n" -ge 30 ] || fail "only $n segments compared"
}

# The TCP analysis of every golden capture is tshark's, frame by frame:
# the hand-made eth-ipv4-trouble holds every mark, and the real captures
# none. One difference is on purpose (docs/DESIGN.md, "TCP analysis").
test_fixture_analysis_agrees_with_tshark_frame_by_frame() {
	local pcap name marked=0
	for pcap in "$ROOT"/tests/fixtures/*.pcap; do
		name=$(basename "$pcap" .pcap)
		if [ "$name" = eth-broken ]; then
			analysis_agreement "$pcap" "${pcap%.pcap}.out" "$name" --line --differs 7 \
				"tshark reads frame 4's bogus header length (12 bytes) as 11 bytes of data, so frame 7 repeats them; socklab leaves a malformed segment out" ||
				fail "$name: the analysis differs from tshark's"
		else
			analysis_agreement "$pcap" "${pcap%.pcap}.out" "$name" --line ||
				fail "$name: the analysis differs from tshark's"
		fi
	done | tee "$T/agreement"
	[ "${PIPESTATUS[0]}" = 0 ] || fail "the analysis differs from tshark's"
	# Every name is set somewhere, so each rule was compared at least once.
	for name in $ANALYSIS_NAMES; do
		grep "^analysis eth-ipv4-trouble:" "$T/agreement" | grep -q "[(, ]$name [0-9]" ||
			fail "no frame of the trouble capture is marked $name"
	done
}

# "frame hex" for each TCP or UDP packet with a payload: its first 64
# bytes, as tshark reads FILE.
tshark_payload_rows() {
	tshark -r "$1" -Y 'tcp.len > 0 || udp.length > 8' -T fields -e frame.number \
		-e tcp.payload -e udp.payload 2>/dev/null |
		awk -F'\t' '{ p = $2 != "" ? $2 : $3; gsub(":", "", p); print $1, substr(p, 1, 128) }'
}

test_fixture_payload_bytes_agree_with_tshark() {
	local n=0
	for pcap in "$ROOT"/tests/fixtures/*.pcap; do
		out=${pcap%.pcap}.out
		tshark_payload_rows "$pcap" >"$T/want"
		jq -r 'select(.data) | "\(input_line_number) \(.data)"' <"$out" >"$T/got"
		[ -s "$T/got" ] || continue
		# Fragments are left out: tshark shows a datagram's bytes only
		# once it has put it together again.
		grep -q '"frag"' "$out" && continue
		if ! grep -vxFf "$T/want" "$T/got" >"$T/bad"; then n=$((n + $(wc -l <"$T/got"))); continue; fi
		echo "$(basename "$out") disagrees with tshark on payload bytes:" >&2
		cat "$T/bad" >&2
		fail "the data of a packet differs from tshark's payload (columns: frame hex)"
	done
	[ "$n" -ge 10 ] || fail "only $n payloads compared"
}

# An echo server and client on a private port, traced into $T/s.
trace_echo() {
	local port=$1
	shift
	"$@" "$SOCKLAB" trace --record "$T/s" -- /bin/sh -c "
		'$PROGS/echo_fork_server' $port 1 &
		sleep 0.3
		'$PROGS/echo_client' 127.0.0.1 $port hello socklab packets
		wait" >"$T/out" 2>"$T/err" || fail "socklab trace failed: $(cat "$T/err")"
}

test_traced_echo_packets_agree_with_tshark_frame_by_frame() {
	need_root "capturing packets needs CAP_NET_RAW"
	local port
	port=$(free_port)
	trace_echo "$port"
	tshark_tcp_rows "$T/s/capture.pcap" >"$T/want"
	ev "$T/s" 'select(.src == "pkt")' | event_tcp_rows >"$T/got"
	[ "$(wc -l <"$T/want")" -ge 10 ] || fail "tshark sees only $(wc -l <"$T/want") segments"
	diff "$T/want" "$T/got" >&2 || fail "pkt events and capture.pcap disagree (frame sport dport flags seq ack rseq rack len)"
	# Every frame of the file is an event, and the other way round.
	[ "$(ev "$T/s" 'select(.src == "pkt")' | wc -l)" = "$(wc -l <"$T/want")" ] ||
		fail "pkt events and frames differ in number"
	# The end of the conversation is there: both FINs, then the last ACK.
	[ "$(ev "$T/s" 'select(.src == "pkt" and (.flags | test("F")))' | wc -l)" = 2 ] ||
		fail "the two FINs are not both recorded"
	ev "$T/s" 'select(.src == "pkt")' | tail -n 1 | jq -e '.flags == "A"' >/dev/null ||
		fail "the last segment is not the final ACK"
	jq -e '.sources.pkt.ok == true and .lost.pkt == 0' "$T/s/session.json" >/dev/null ||
		fail "session.json: $(cat "$T/s/session.json")"
	socklab show "$T/s" | grep -q "\[FA\]" || fail "socklab show does not show the FIN"
	analysis_agreement "$T/s/capture.pcap" "$T/s/events.jsonl" "traced echo" ||
		fail "the analysis of a live capture differs from tshark's"
}

# A receiver that stops reading, live on loopback: its window falls to
# zero, the sender's kernel probes it, reading again opens it. The marks
# socklab writes as the packets come are tshark's on capture.pcap.
test_live_zero_window_analysis_agrees_with_tshark() {
	need_root "capturing packets needs CAP_NET_RAW"
	local port
	port=$(free_port)
	"$SOCKLAB" trace --record "$T/s" -- /bin/sh -c "
		'$PROGS/stall_reader' $port 4096 1500 &
		sleep 0.3
		'$PROGS/bulk_sender' 127.0.0.1 $port 400000
		wait" >"$T/out" 2>"$T/err" || fail "socklab trace failed: $(cat "$T/err")"
	grep -q "read 400000 bytes" "$T/out" || fail "the reader did not get it all: $(cat "$T/out")"
	[ "$(tshark -r "$T/s/capture.pcap" -Y tcp.analysis.zero_window 2>/dev/null | wc -l)" -ge 1 ] ||
		fail "tshark sees no zero window in the capture"
	analysis_agreement "$T/s/capture.pcap" "$T/s/events.jsonl" "stalled reader" ||
		fail "the analysis of a live capture differs from tshark's"
	ev "$T/s" 'select(.src == "pkt" and (.analysis | index(["zero_window"])))' | grep -q . ||
		fail "no pkt event is marked zero_window"
}

test_other_programs_traffic_stays_out() {
	need_root "capturing packets needs CAP_NET_RAW"
	local port other stray
	port=$(free_port)
	other=$(free_port)
	# An untraced conversation on another port, all through the session.
	bg "$PROGS/echo_fork_server" "$other"
	wait_listen "$other"
	bg sh -c "for i in \$(seq 30); do '$PROGS/echo_client' 127.0.0.1 $other noise >/dev/null; sleep 0.02; done"
	trace_echo "$port"
	stray=$(ev "$T/s" "select(.src == \"pkt\" and ((.from | endswith(\":$port\")) or (.to | endswith(\":$port\")) | not))")
	[ -z "$stray" ] || fail "a packet of the session is not to or from port $port: $(echo "$stray" | head -3)"
	ev "$T/s" "select(.src == \"pkt\" and (.from == \"127.0.0.1:$other\" or .to == \"127.0.0.1:$other\"))" |
		grep -q . && fail "the untraced conversation on port $other was recorded"
	[ "$(tshark -r "$T/s/capture.pcap" -Y "tcp.port == $other" 2>/dev/null | wc -l)" = 0 ] ||
		fail "capture.pcap holds the untraced conversation"
	ev "$T/s" 'select(.src == "pkt")' | grep -q . || fail "no packets recorded at all"
}

# A program run in a network namespace talks over a veth, not loopback:
# --iface names the interface to capture on, and its segments are there.
test_iface_captures_on_the_veth_of_a_namespace() {
	need_root "network namespaces and capture"
	local a=socklab-test-ifa-$$ b=socklab-test-ifb-$$
	ip netns add "$a" && defer ip netns del "$a"
	ip netns add "$b" && defer ip netns del "$b"
	ip link add veth-a netns "$a" type veth peer name veth-b netns "$b" ||
		fail "cannot make a veth pair"
	ip -n "$a" addr add 10.78.0.1/24 dev veth-a
	ip -n "$b" addr add 10.78.0.2/24 dev veth-b
	ip -n "$a" link set veth-a up
	ip -n "$b" link set veth-b up
	bg ip netns exec "$b" "$PROGS/shut_server" 9190
	for _ in $(seq 100); do
		ip netns exec "$b" ss -Htln 'sport = :9190' | grep -q . && break
		sleep 0.05
	done
	ip netns exec "$a" "$SOCKLAB" trace --iface veth-a --record "$T/s" -- \
		"$PROGS/shut_client" 10.78.0.2 9190 >"$T/out" 2>&1 || fail "trace failed: $(cat "$T/out")"
	ev "$T/s" 'select(.src=="pkt" and .flags=="S" and .to=="10.78.0.2:9190")' | grep -q . ||
		fail "the client's SYN over the veth is not in the session: $(ev "$T/s" 'select(.src=="pkt")')"
	ev "$T/s" 'select(.src=="pkt" and .flags=="FA")' | grep -q . || fail "no FIN captured"
	# And a name that is no interface is refused before anything runs.
	"$SOCKLAB" trace --iface no-such-if0 -- true 2>"$T/err" && fail "a missing interface was accepted"
	grep -q "no-such-if0: there is no such network interface" "$T/err" ||
		fail "unclear message: $(cat "$T/err")"
}

test_without_root_the_session_says_why_and_capture_opens() {
	need_root "to become an unprivileged user (setpriv)"
	local port
	port=$(free_port)
	chmod 777 "$T"
	trace_echo "$port" setpriv --reuid=nobody --regid=nogroup --clear-groups
	jq -e '.sources.pkt.ok == false' "$T/s/session.json" >/dev/null ||
		fail "session.json does not say the capture failed"
	jq -r '.sources.pkt.why' "$T/s/session.json" | grep -q "needs root (CAP_NET_RAW)" ||
		fail "no reason a student understands: $(jq -r .sources.pkt.why "$T/s/session.json")"
	ev "$T/s" 'select(.src == "note") | .text' | grep -q "packets were not captured" ||
		fail "no note on the timeline"
	ev "$T/s" 'select(.src == "call" and .fn == "connect")' | grep -q . ||
		fail "the calls were not recorded"
	tshark -r "$T/s/capture.pcap" >/dev/null 2>"$T/tshark.err" ||
		fail "tshark cannot open the empty capture.pcap: $(cat "$T/tshark.err")"
	[ "$(tshark -r "$T/s/capture.pcap" 2>/dev/null | wc -l)" = 0 ] || fail "capture.pcap has packets"
}

test_under_sudo_capture_opens_as_root_then_the_user_owns_everything() {
	need_root "to play sudo"
	local port
	port=$(free_port)
	chmod 755 "$T"
	SUDO_UID=65534 SUDO_GID=65534 socklab trace --record "$T/s" -- /bin/sh -c "
		id -u > '$T/s/uid'
		'$PROGS/echo_fork_server' $port 1 &
		sleep 0.3
		'$PROGS/echo_client' 127.0.0.1 $port hello
		wait" >/dev/null 2>"$T/err" || fail "socklab trace failed: $(cat "$T/err")"
	[ "$(cat "$T/s/uid")" = 65534 ] || fail "the program ran as uid $(cat "$T/s/uid"), not the sudo user"
	for f in "$T/s" "$T/s/events.jsonl" "$T/s/capture.pcap" "$T/s/session.json"; do
		[ "$(stat -c %u "$f")" = 65534 ] || fail "$f belongs to uid $(stat -c %u "$f")"
	done
	ev "$T/s" 'select(.src == "pkt" and .flags == "S")' | grep -q . ||
		fail "the capture opened as root recorded nothing"
}

run_tests
