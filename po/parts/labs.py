# The Korean of the labs' steps and checkpoints, lab titles, doctor
# (branch i18n-labs): msgid -> msgstr, for scripts/po-fill.py.
T = {
    'LAB.md':
        'LAB.ko.md',
    'it shows behaviour, not a mistake':
        '동작을 보여 주는 실습이지, 고칠 실수가 있는 실습이 아닙니다',
    "  the lab's sheet (questions, exercise):  %s\n":
        '  실습 안내서 (질문, 과제):  %s\n',
    '        (see %s)\n':
        '        (%s 참고)\n',
    '\ncheckpoints (%s run):\n':
        '\n체크포인트 (%s 실행):\n',
    'some checkpoints did not hold (%d could not be checked here: see SKIP above)\n':
        '맞지 않은 체크포인트가 있습니다 (%d개는 여기서 확인할 수 없었습니다: 위의 SKIP 참고)\n',
    'all checkpoints hold (%d could not be checked here: see SKIP above)\n':
        '모든 체크포인트가 맞습니다 (%d개는 여기서 확인할 수 없었습니다: 위의 SKIP 참고)\n',
    'some checkpoints did not hold\n':
        '맞지 않은 체크포인트가 있습니다\n',
    'all checkpoints hold\n':
        '모든 체크포인트가 맞습니다\n',
    'the echo server listens on port %s with backlog 1, then is busy for 2 s':
        '에코 서버가 %s번 포트에서 backlog 1로 연결 요청을 기다리고, 2초 동안 바쁩니다',
    '%d clients connect, 200 ms apart, and each sends a line':
        '클라이언트 %d개가 200 ms 간격으로 연결하고, 각자 한 줄을 보냅니다',
    'start the echo server on port %s':
        '에코 서버를 %s번 포트에서 시작합니다',
    'a client connects (3-way handshake) and types a line':
        '클라이언트가 연결하고(3-way 핸드셰이크) 한 줄을 입력합니다',
    'the server closes first, right after its first echo':
        '서버가 첫 번째 에코를 보낸 직후 먼저 연결을 닫습니다',
    "the client's user ends the input (Ctrl-D): the client closes too":
        '클라이언트의 사용자가 입력을 끝냅니다(Ctrl-D): 클라이언트도 연결을 닫습니다',
    'the client types a second line':
        '클라이언트가 두 번째 줄을 입력합니다',
    "the client's user ends the input (Ctrl-D): the client closes first":
        '클라이언트의 사용자가 입력을 끝냅니다(Ctrl-D): 클라이언트가 먼저 연결을 닫습니다',
    'the client never called connect()':
        '클라이언트가 connect()를 한 번도 호출하지 않았습니다',
    'connect() failed with %s':
        'connect()가 %s(으)로 실패했습니다',
    'connect() returned 0: the 3-way handshake completed':
        'connect()가 0을 반환했습니다: 3-way 핸드셰이크가 끝났습니다',
    "the server's accept() never returned a connection":
        '서버의 accept()가 연결을 하나도 반환하지 않았습니다',
    'accept() returned socket %lld, after the handshake was over':
        'accept()가 핸드셰이크가 끝난 뒤에 소켓 %lld을(를) 반환했습니다',
    'each line came back as it was sent':
        '보낸 줄이 모두 보낸 그대로 돌아왔습니다',
    'a line did not come back as it was sent':
        '보낸 그대로 돌아오지 않은 줄이 있습니다',
    'server':
        '서버',
    'client':
        '클라이언트',
    'nobody closed the connection':
        '아무도 연결을 닫지 않았습니다',
    'the %s closed first: its FIN goes first':
        '%s이(가) 먼저 닫았습니다: 그쪽의 FIN이 먼저 갑니다',
    'the %s closed first, not the %s':
        '%2$s이(가) 아니라 %1$s이(가) 먼저 닫았습니다',
    'no SYN from the client was captured':
        '클라이언트의 SYN이 캡처되지 않았습니다',
    "the server's SYN+ACK did not follow the client's SYN":
        '클라이언트의 SYN 다음에 서버의 SYN+ACK가 오지 않았습니다',
    "the client's ACK did not follow the SYN+ACK":
        'SYN+ACK 다음에 클라이언트의 ACK가 오지 않았습니다',
    'SYN, SYN+ACK, ACK: %.3f ms from the first to the last':
        'SYN, SYN+ACK, ACK: 처음부터 마지막까지 %.3f ms',
    'only the client sent a FIN':
        '클라이언트만 FIN을 보냈습니다',
    'only the server sent a FIN':
        '서버만 FIN을 보냈습니다',
    'nobody sent a FIN':
        '아무도 FIN을 보내지 않았습니다',
    "the %s's FIN went first, not the %s's":
        '%2$s의 FIN이 아니라 %1$s의 FIN이 먼저 갔습니다',
    "each side sent a FIN, the %s's first; each FIN was ACKed":
        '양쪽이 모두 FIN을 보냈고 %s의 FIN이 먼저였습니다. FIN마다 ACK가 왔습니다',
    "the %s's socket %s was never seen in TIME_WAIT":
        '%s의 소켓 %s이(가) TIME_WAIT 상태로 보인 적이 없습니다',
    'both sockets went to TIME_WAIT: did both close at the same time?':
        '두 소켓이 모두 TIME_WAIT 상태가 되었습니다: 양쪽이 동시에 닫았나요?',
    "the %s's socket is in TIME_WAIT, but with no time left known":
        '%s의 소켓이 TIME_WAIT 상태이지만 남은 시간을 알 수 없습니다',
    'the %s, which closed first, waits in TIME_WAIT (%.1f s left)':
        '먼저 닫은 %s이(가) TIME_WAIT 상태로 기다립니다 (%.1f초 남음)',
    'CLOSE_WAIT and LAST_ACK may last microseconds, and states were sampled, not followed (exact states need root)':
        'CLOSE_WAIT과 LAST_ACK은 몇 마이크로초 만에 지나갈 수 있는데, 상태를 따라가지 않고 표본으로만 보았습니다 (정확한 상태를 보려면 root가 필요합니다)',
    "the %s's socket %s was never seen in CLOSE_WAIT":
        '%s의 소켓 %s이(가) CLOSE_WAIT 상태로 보인 적이 없습니다',
    "the %s's socket went to CLOSE_WAIT but never to LAST_ACK":
        '%s의 소켓이 CLOSE_WAIT 상태가 되었지만 LAST_ACK 상태로는 가지 않았습니다',
    'the %s got the FIN first (CLOSE_WAIT), closed %.1f ms later (LAST_ACK), and needs no TIME_WAIT':
        '%s이(가) FIN을 먼저 받고(CLOSE_WAIT), %.1f ms 뒤에 닫았으며(LAST_ACK), TIME_WAIT이 필요 없습니다',
    'SYN, SYN+ACK, ACK open the connection':
        'SYN, SYN+ACK, ACK로 연결이 열립니다',
    "the client's connect() returns once the handshake is done":
        '클라이언트의 connect()는 핸드셰이크가 끝나면 반환합니다',
    "the server's accept() returns the new connection":
        '서버의 accept()가 새 연결을 반환합니다',
    'each line the client sends comes back':
        '클라이언트가 보내는 줄이 모두 돌아옵니다',
    'the side expected to close first does (the client; or the server with --server-closes-first)':
        '먼저 닫기로 한 쪽이 먼저 닫습니다 (클라이언트, 또는 --server-closes-first이면 서버)',
    "both sides send a FIN, the first closer's first":
        '양쪽이 모두 FIN을 보내고, 먼저 닫은 쪽의 FIN이 먼저입니다',
    'the other side goes CLOSE_WAIT, then LAST_ACK':
        '나중에 닫는 쪽은 CLOSE_WAIT, 그다음 LAST_ACK 상태가 됩니다',
    'the side that closed first ends in TIME_WAIT, with time left':
        '먼저 닫은 쪽은 시간이 남은 TIME_WAIT 상태로 끝납니다',
    'the queue was full: the kernel dropped the SYNs of clients 3 and 4, which sent them again 1 s and %.1f s after the first, until the server accepted':
        '연결 요청 대기 큐가 가득 찼습니다: 커널이 클라이언트 3과 4의 SYN을 버렸고, 두 클라이언트는 서버가 받아들일 때까지 첫 SYN 뒤 1초와 %.1f초에 SYN을 다시 보냈습니다',
    '%d of clients 3 and 4 sent their SYN three times, 1 s and 3 s apart':
        '클라이언트 3과 4 중 %d개가 SYN을 1초, 3초 간격으로 세 번 보냈습니다',
    "the server's listen(): backlog 1; its first accept(): 2 s later":
        '서버의 listen(): backlog 1, 첫 accept(): 2초 뒤',
    'clients 1 and 2 connected at once, into the queue, before any accept(); the connect() of clients 3 and 4 waited for a SYN sent again, 1.5 s or more':
        '클라이언트 1과 2는 accept() 전에 곧바로 큐에 들어가 연결되었고, 클라이언트 3과 4의 connect()는 다시 보낸 SYN을 1.5초 이상 기다렸습니다',
    '%d of clients 1-2 connected at once, %d of clients 3-4 waited':
        '클라이언트 1-2 중 %d개가 곧바로 연결되었고, 클라이언트 3-4 중 %d개가 기다렸습니다',
    'accept() number %d did not return client %d':
        '%d번째 accept()가 클라이언트 %d을(를) 반환하지 않았습니다',
    'the server accepted %d clients, not %d':
        '서버가 받아들인 클라이언트는 %2$d개가 아니라 %1$d개입니다',
    'accept() returned the clients in the order they connected: 1, 2, 3, 4':
        'accept()가 클라이언트를 연결한 순서대로 반환했습니다: 1, 2, 3, 4',
    'every client got its line back: a full queue delays, it loses nothing':
        '모든 클라이언트가 보낸 줄을 돌려받았습니다: 큐가 가득 차면 늦어질 뿐, 잃는 것은 없습니다',
    '%d of %d clients got their line back':
        '클라이언트 %2$d개 중 %1$d개가 보낸 줄을 돌려받았습니다',
    'with the queue full, the kernel drops SYNs; they are sent again at 1 s, then 3 s (or 2 s)':
        '큐가 가득 차면 커널이 SYN을 버리고, SYN은 1초 뒤, 그다음 3초(또는 2초) 뒤에 다시 옵니다',
    "the queued clients connect before accept(); the others' connect() waits":
        '큐에 든 클라이언트는 accept() 전에 연결되고, 나머지의 connect()는 기다립니다',
    'accept() takes the clients in the order they connected':
        'accept()는 클라이언트를 연결한 순서대로 받아들입니다',
    'every client is served in the end':
        '결국 모든 클라이언트가 서비스를 받습니다',
    'the server closes right after its first echo':
        '서버가 첫 번째 에코 직후 연결을 닫습니다',
    'backlog 1, a server slow to accept, four clients: the listen queue':
        'backlog 1, 받아들이는 데 느린 서버, 클라이언트 넷: 연결 요청 대기 큐',
    'the 3-way handshake, data and ACKs, the 4-way close':
        '3-way 핸드셰이크와 연결 종료',
    'it shows how TCP opens and closes; nothing in it is a mistake':
        'TCP가 연결을 열고 닫는 과정을 보여 줄 뿐, 고칠 실수가 없습니다',
    'a fork-per-client server: the process tree, inherited descriptors':
        'fork 서버 (멀티프로세스 기반의 서버)',
    'children that exit and nobody waits for: zombies, SIGCHLD, waitpid':
        '좀비 프로세스',
    "Nagle's algorithm and delayed ACKs: the 40 ms stall":
        '네이글 알고리즘과 지연된 ACK',
    'restarting a server: TIME_WAIT, EADDRINUSE and SO_REUSEADDR':
        '서버 재시작하기 (SO_REUSEADDR와 TIME_WAIT)',
    'TCP is a byte stream: one recv() is not one message':
        'recv() 한 번은 메시지 하나가 아니다 (TCP에는 데이터의 경계가 없다)',
    'UDP keeps message boundaries; truncation; ECONNREFUSED on connected UDP':
        'UDP에는 데이터의 경계가 존재한다',
    'close() or shutdown(): the FIN, and the reply that comes after it':
        'close()냐 shutdown()이냐: FIN 뒤에 오는 응답 (소켓의 우아한 연결종료)',
    'the peer is gone: RST, SIGPIPE and EPIPE, ECONNRESET, read() = 0':
        '상대가 사라졌다: RST, SIGPIPE, EPIPE, ECONNRESET (서버의 비정상 종료)',
    'the connection that is only believed: a dead peer, heartbeat and keep-alive':
        '믿음으로만 남은 연결: 하트비트와 킵얼라이브 (좀비세션, 하트비트)',
    'I/O multiplexing: a client that misses the FIN, a select server, epoll':
        'IO 멀티플렉싱: select와 epoll',
    'a thread per client: the &clnt_sock race, a shared descriptor table, a chat':
        '쓰레드 (멀티쓰레드 기반의 서버)',
    'Flow control: a receiver that stops reading closes the window':
        '흐름 제어: 읽기를 멈춘 수신자 (흐름 제어, 슬라이딩 윈도우)',
    'Loss: duplicate ACKs and fast retransmit, tail loss and timers, reordering':
        '유실: 중복 ACK, 빠른 재전송, 타이머, 순서 뒤바뀜 (패킷 유실과 재전송)',
    'byte order and structs on the wire: htons, htonl, padding':
        '선 위의 바이트 순서 (바이트 순서와 네트워크 바이트 순서)',
    'UDP broadcast, multicast and TTL on a switch and through a router':
        '브로드캐스트, 멀티캐스트, TTL (멀티캐스트 & 브로드캐스트)',
    'names and addresses: a name server, getaddrinfo, a record that changes':
        '이름과 주소 (도메인 이름과 인터넷 주소)',
    "addresses and ports: one address or INADDR_ANY, bind()'s errors, IPv6":
        '주소와 포트 번호 (Addresses and ports)',
    'socklab runs as root':
        'socklab이 root로 실행됩니다',
    'socklab runs as user %d, not root':
        'socklab이 root가 아닌 사용자 %d(으)로 실행됩니다',
    'packets can be captured on lo':
        'lo에서 패킷을 캡처할 수 있습니다',
    'cannot capture on lo: %s':
        'lo에서 캡처할 수 없습니다: %s',
    'tracefs is not mounted, but socklab can mount it for a session; sock:inet_sock_set_state works in an instance':
        'tracefs가 마운트되어 있지 않지만 socklab이 세션마다 마운트할 수 있습니다. sock:inet_sock_set_state가 인스턴스에서 동작합니다',
    'sock:inet_sock_set_state works in an instance of the tracefs at %.300s':
        'sock:inet_sock_set_state가 %.300s의 tracefs 인스턴스에서 동작합니다',
    'sock_diag answers (%d TCP sockets on this machine)':
        'sock_diag가 응답합니다 (이 컴퓨터의 TCP 소켓 %d개)',
    '%s is not installed (Debian package %s)':
        '%s이(가) 설치되어 있지 않습니다 (Debian 패키지 %s)',
    '%s failed: %s':
        '%s 실패: %s',
    'no reason given':
        '이유가 주어지지 않았습니다',
    'the namespace probe did not report':
        '네임스페이스 검사가 결과를 알려 주지 않았습니다',
    'cannot make a network namespace: %s (needs root)':
        '네트워크 네임스페이스를 만들 수 없습니다: %s (root가 필요합니다)',
    'cannot make a network namespace: %s':
        '네트워크 네임스페이스를 만들 수 없습니다: %s',
    'not tried: no network namespace':
        '시도하지 않음: 네트워크 네임스페이스가 없습니다',
    'a network namespace can be made':
        '네트워크 네임스페이스를 만들 수 있습니다',
    'a packet-loss rule (numgen random ... drop) works in a namespace':
        '패킷 유실 규칙(numgen random ... drop)이 네임스페이스 안에서 동작합니다',
    'the netem qdisc (delay, loss) works in a namespace':
        'netem qdisc(지연, 유실)가 네임스페이스 안에서 동작합니다',
    'without root, socklab cannot capture packets or read exact kernel states; calls, processes and most states still show':
        'root가 아니면 socklab은 패킷을 캡처하거나 커널의 정확한 상태를 읽을 수 없습니다. 함수 호출, 프로세스, 대부분의 상태는 그래도 보입니다',
    'without the tracer library no call is recorded: run make (or make install)':
        'tracer 라이브러리가 없으면 함수 호출이 하나도 기록되지 않습니다: make(또는 make install)를 실행하세요',
    'without packet capture there are no packets: no SYN, FIN or ACK on the timeline, and capture.pcap stays empty':
        '패킷 캡처가 없으면 패킷이 보이지 않습니다: 타임라인에 SYN, FIN, ACK가 없고 capture.pcap은 비어 있습니다',
    'without tracefs, short-lived states like SYN_RCVD may be missed; TIME_WAIT still shows':
        'tracefs가 없으면 SYN_RCVD처럼 짧게 지나가는 상태를 놓칠 수 있습니다. TIME_WAIT은 그래도 보입니다',
    "without sock_diag, TIME_WAIT and its countdown do not show, and without tracefs states show only at your program's calls":
        'sock_diag가 없으면 TIME_WAIT과 그 남은 시간이 보이지 않고, tracefs까지 없으면 상태는 프로그램이 함수를 호출할 때에만 보입니다',
    'without network namespaces, labs that build their own network (a lossy link, MTU 1500 over veth) cannot run':
        '네트워크 네임스페이스가 없으면 자기 네트워크를 만드는 실습(유실이 있는 링크, veth 위의 MTU 1500)을 실행할 수 없습니다',
    'without nftables, labs cannot drop packets on purpose to show retransmission':
        'nftables가 없으면 실습에서 재전송을 보여 주려고 일부러 패킷을 버릴 수 없습니다',
    'without netem, labs cannot delay packets; loss still works through nftables where that works':
        'netem이 없으면 실습에서 패킷을 지연시킬 수 없습니다. 유실은 nftables가 동작하는 곳에서는 그래도 됩니다',
    'all %d clients got their lines back':
        '클라이언트 %d개가 모두 보낸 줄을 돌려받았습니다',
    '%d of %d clients got their lines back':
        '클라이언트 %2$d개 중 %1$d개가 보낸 줄을 돌려받았습니다',
    "the server never accepted %s's connection":
        '서버가 %s의 연결을 받아들이지 않았습니다',
    "the server read %s's socket: nobody starved":
        '서버가 %s의 소켓을 읽었습니다: 굶은 클라이언트가 없습니다',
    '%s typed a line, and nobody in the server ever read its socket %lld: the line waits in the receive queue, no echo ever comes':
        '%s이(가) 한 줄을 입력했지만 서버의 누구도 그 소켓 %lld을(를) 읽지 않았습니다: 그 줄은 수신 버퍼에서 기다리고, 에코는 끝내 오지 않습니다',
}
