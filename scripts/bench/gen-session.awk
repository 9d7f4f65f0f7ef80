# gen-session.awk: writes a session of exactly N events (awk -v n=N): a
# fork-per-client echo server and one client making connection after
# connection, each with its calls, its TCP states, its 11 segments, and the
# child that serves it (fork, exit, reaped). What a long lab run records.
BEGIN {
	t = 1000000
	line("\"src\":\"proc\",\"pid\":5000,\"tid\":5000,\"event\":\"exec\",\"ppid\":4999,\"path\":\"/bench/echo_fork_server\",\"argv\":[\"echo_fork_server\",\"9300\"]")
	call(5000, "\"fn\":\"listen\",\"fd\":3,\"ret\":0,\"errno\":null,\"sock\":\"0.0.0.0:9300>*\",\"proto\":\"tcp\",\"backlog\":128")
	line("\"src\":\"proc\",\"pid\":5001,\"tid\":5001,\"event\":\"exec\",\"ppid\":4999,\"path\":\"/bench/load_client\",\"argv\":[\"load_client\"]")
	for (c = 1; count < n; c++)
		conversation(c)
}
function line(body) {
	if (count >= n)
		return
	t += 1000 + (count % 7) * 100
	# %.0f, not %d: mawk's %d stops at 2^31 (2.1 s, 1.6 million events)
	printf "{\"t\":%.0f,%s}\n", t, body
	count++
}
function call(pid, body) { line("\"src\":\"call\",\"pid\":" pid ",\"tid\":" pid "," body) }
function state(sock, from, to, c, extra) { line("\"src\":\"state\",\"sock\":\"" sock "\",\"from\":\"" from "\",\"to\":\"" to "\",\"via\":\"tracefs\"" extra ",\"conn\":" c) }
function pkt(from, to, flags, rseq, rack, len, c) {
	frame++
	line("\"src\":\"pkt\",\"frame\":" frame ",\"proto\":\"tcp\",\"from\":\"" from "\",\"to\":\"" to "\",\"flags\":\"" flags "\",\"seq\":" rseq + 1000 ",\"ack\":" rack + 2000 ",\"rseq\":" rseq ",\"rack\":" rack ",\"len\":" len ",\"win\":512,\"conn\":" c)
}
function conversation(c,    C, S, Cs, Ss, ch) {
	C = "127.0.0.1:" (20000 + c % 40000); S = "127.0.0.1:9300"
	Cs = C ">" S; Ss = S ">" C; ch = 100000 + c
	call(5001, "\"fn\":\"socket\",\"fd\":3,\"ret\":3,\"errno\":null,\"sock\":\"0.0.0.0:0>*\",\"proto\":\"tcp\",\"domain\":\"AF_INET\",\"type\":\"SOCK_STREAM\"")
	call(5001, "\"fn\":\"connect\",\"fd\":3,\"ret\":0,\"errno\":null,\"sock\":\"" Cs "\",\"proto\":\"tcp\",\"peer\":\"" S "\",\"conn\":" c)
	state(Cs, "CLOSED", "SYN_SENT", c)
	pkt(C, S, "S", 0, 0, 0, c)
	pkt(S, C, "SA", 0, 1, 0, c)
	state(Cs, "SYN_SENT", "ESTABLISHED", c)
	pkt(C, S, "A", 1, 1, 0, c)
	state(Ss, "LISTEN", "SYN_RCVD", c)
	state(Ss, "SYN_RCVD", "ESTABLISHED", c)
	call(5001, "\"fn\":\"write\",\"fd\":3,\"ret\":5,\"errno\":null,\"sock\":\"" Cs "\",\"proto\":\"tcp\",\"len\":5,\"conn\":" c)
	pkt(C, S, "PA", 1, 1, 5, c)
	pkt(S, C, "A", 1, 6, 0, c)
	call(5000, "\"fn\":\"accept\",\"fd\":3,\"ret\":4,\"errno\":null,\"sock\":\"" Ss "\",\"proto\":\"tcp\",\"peer\":\"" C "\",\"conn\":" c)
	line("\"src\":\"proc\",\"pid\":5000,\"tid\":5000,\"event\":\"fork\",\"child\":" ch)
	call(5000, "\"fn\":\"close\",\"fd\":4,\"ret\":0,\"errno\":null,\"sock\":\"" Ss "\",\"proto\":\"tcp\",\"conn\":" c)
	call(ch, "\"fn\":\"read\",\"fd\":4,\"ret\":5,\"errno\":null,\"sock\":\"" Ss "\",\"proto\":\"tcp\",\"len\":1024,\"conn\":" c)
	call(ch, "\"fn\":\"write\",\"fd\":4,\"ret\":5,\"errno\":null,\"sock\":\"" Ss "\",\"proto\":\"tcp\",\"len\":5,\"conn\":" c)
	pkt(S, C, "PA", 1, 6, 5, c)
	pkt(C, S, "A", 6, 6, 0, c)
	call(5001, "\"fn\":\"read\",\"fd\":3,\"ret\":5,\"errno\":null,\"sock\":\"" Cs "\",\"proto\":\"tcp\",\"len\":5,\"conn\":" c)
	call(5001, "\"fn\":\"close\",\"fd\":3,\"ret\":0,\"errno\":null,\"sock\":\"" Cs "\",\"proto\":\"tcp\",\"conn\":" c)
	state(Cs, "ESTABLISHED", "FIN_WAIT_1", c)
	pkt(C, S, "FA", 6, 6, 0, c)
	state(Ss, "ESTABLISHED", "CLOSE_WAIT", c)
	pkt(S, C, "A", 6, 7, 0, c)
	state(Cs, "FIN_WAIT_1", "FIN_WAIT_2", c)
	call(ch, "\"fn\":\"read\",\"fd\":4,\"ret\":0,\"errno\":null,\"sock\":\"" Ss "\",\"proto\":\"tcp\",\"len\":1024,\"conn\":" c)
	call(ch, "\"fn\":\"close\",\"fd\":4,\"ret\":0,\"errno\":null,\"sock\":\"" Ss "\",\"proto\":\"tcp\",\"conn\":" c)
	state(Ss, "CLOSE_WAIT", "LAST_ACK", c)
	pkt(S, C, "FA", 6, 7, 0, c)
	state(Cs, "FIN_WAIT_2", "TIME_WAIT", c, ",\"timer_ms\":60000")
	pkt(C, S, "A", 7, 7, 0, c)
	state(Ss, "LAST_ACK", "CLOSED", c)
	line("\"src\":\"proc\",\"pid\":" ch ",\"tid\":" ch ",\"event\":\"exit\",\"status\":0")
	line("\"src\":\"proc\",\"pid\":5000,\"tid\":5000,\"event\":\"reaped\",\"child\":" ch ",\"fn\":\"waitpid\",\"status\":0")
}
