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
    'start the fork server on port %s':
        'fork 서버를 %s번 포트에서 시작합니다',
    'start the fork server on port %s (it keeps every descriptor: keep-fds)':
        'fork 서버를 %s번 포트에서 시작합니다 (모든 파일 디스크립터를 그대로 둡니다: keep-fds)',
    'client %d connects and types a line: a child serves it':
        '클라이언트 %d이(가) 연결하고 한 줄을 입력합니다: 자식 프로세스 하나가 서비스합니다',
    'client %d ends its input and closes':
        '클라이언트 %d이(가) 입력을 끝내고 연결을 닫습니다',
    'socklab stops the server (SIGTERM)':
        'socklab이 서버를 멈춥니다 (SIGTERM)',
    'the server forked %zu children for %d clients':
        '서버가 클라이언트 %2$d개에 자식 프로세스 %1$zu개를 fork했습니다',
    'a child ended before the last one started: not all at once':
        '마지막 자식이 시작하기 전에 끝난 자식이 있습니다: 모두 동시에 서비스하지 않았습니다',
    '%d children, one per client, served at the same time':
        '클라이언트마다 하나씩, 자식 프로세스 %d개가 동시에 서비스했습니다',
    'the parent accepted %zu connections, not %d':
        '부모가 받아들인 연결은 %2$d개가 아니라 %1$zu개입니다',
    'accept() returned a new, higher descriptor each time: the parent never closed the ones before':
        'accept()가 매번 더 큰 새 파일 디스크립터를 반환했습니다: 부모가 앞의 것들을 닫지 않았습니다',
    'accept() returned descriptor %lld each time: the parent closed it after each fork()':
        'accept()가 매번 파일 디스크립터 %lld을(를) 반환했습니다: 부모가 fork() 뒤마다 닫았습니다',
    'the descriptor numbers grew: the parent keeps its copies of the connected sockets':
        '파일 디스크립터 번호가 커졌습니다: 부모가 연결된 소켓의 복사본을 그대로 갖고 있습니다',
    'the descriptors were reused: the parent closed them':
        '파일 디스크립터가 다시 쓰였습니다: 부모가 닫았습니다',
    '[%d] (the parent) still held fd %d for %s, the descriptor %s() gave it':
        '[%1$d] (부모)이(가) %3$s의 fd %2$d을(를) 아직 갖고 있었습니다. %4$s()이(가) 준 파일 디스크립터입니다',
    '[%d] (a child) still held fd %d for %s, the descriptor %s() gave it':
        '[%1$d] (자식)이(가) %3$s의 fd %2$d을(를) 아직 갖고 있었습니다. %4$s()이(가) 준 파일 디스크립터입니다',
    'only %d of %d server sockets were seen in CLOSE_WAIT':
        '서버 소켓 %2$d개 중 %1$d개만 CLOSE_WAIT 상태로 보였습니다',
    'a server socket left CLOSE_WAIT after %.0f ms, while the server still ran':
        '서버가 아직 실행 중인데 서버 소켓 하나가 %.0f ms 뒤에 CLOSE_WAIT 상태를 벗어났습니다',
    'every finished connection stayed in CLOSE_WAIT, but the calls show the parent holding only %d of them':
        '끝난 연결이 모두 CLOSE_WAIT 상태로 남았지만, 함수 호출을 보면 부모가 그중 %d개만 갖고 있습니다',
    'every finished connection stayed in CLOSE_WAIT until the server was stopped (at least %.0f ms): the parent still held its descriptor':
        '끝난 연결이 모두 서버가 멈출 때까지(적어도 %.0f ms) CLOSE_WAIT 상태로 남았습니다: 부모가 아직 그 파일 디스크립터를 갖고 있었습니다',
    "the server's end of client %d's connection did not close while the server ran":
        '서버가 실행되는 동안 클라이언트 %d의 연결에서 서버 쪽이 닫히지 않았습니다',
    "each server socket closed at once after its client (the slowest %.1f ms later): the child's close() sent the FIN":
        '서버 소켓마다 클라이언트가 닫은 뒤 곧바로 닫혔습니다(가장 느린 것은 %.1f ms 뒤): 자식의 close()가 FIN을 보냈습니다',
    'a server socket closed only %.0f ms after its client':
        '서버 소켓 하나가 클라이언트가 닫고 %.0f ms나 지나서야 닫혔습니다',
    'each of the %d children closed the listening socket':
        '자식 프로세스 %d개가 모두 연결 요청 대기 소켓(listening socket)을 닫았습니다',
    '%d of %d children closed the listening socket':
        '자식 프로세스 %2$d개 중 %1$d개가 연결 요청 대기 소켓을 닫았습니다',
    'the server sent no FIN while it ran; all %d went out only when it was stopped':
        '서버는 실행되는 동안 FIN을 하나도 보내지 않았고, %d개 모두 멈출 때에야 나갔습니다',
    "the server answered each client's FIN with its own at once":
        '서버가 클라이언트마다 그 FIN에 곧바로 자기 FIN으로 답했습니다',
    'the server sent %d FINs while it ran and %d when it stopped':
        '서버가 실행 중에 FIN %d개, 멈출 때 %d개를 보냈습니다',
    'one child process per client, all at once':
        '클라이언트마다 자식 프로세스 하나, 모두 동시에',
    "the parent's accept() returns ever higher descriptors":
        '부모의 accept()가 점점 더 큰 파일 디스크립터를 반환합니다',
    'finished connections stay in CLOSE_WAIT while the server runs':
        '끝난 연결이 서버가 실행되는 동안 CLOSE_WAIT 상태로 남습니다',
    'the server sends its FINs only when it is stopped':
        '서버는 멈출 때에야 FIN을 보냅니다',
    "the parent's accept() returns the same descriptor each time":
        '부모의 accept()가 매번 같은 파일 디스크립터를 반환합니다',
    'each child closes the listening socket':
        '자식마다 연결 요청 대기 소켓을 닫습니다',
    'each server socket closes as soon as its client does':
        '서버 소켓마다 클라이언트가 닫자마자 닫힙니다',
    'the server sends its FIN as soon as the client closes':
        '서버는 클라이언트가 닫자마자 FIN을 보냅니다',
    'the parent closes each connected socket, each child the listening one':
        '부모는 연결된 소켓을, 자식은 연결 요청 대기 소켓을 닫습니다',
    'start the fork server on port %s, SIGCHLD handler: %s':
        'fork 서버를 %s번 포트에서 시작합니다. SIGCHLD 핸들러: %s',
    '%d clients connect and type a line: %d children serve them':
        '클라이언트 %d개가 연결하고 한 줄씩 입력합니다: 자식 프로세스 %d개가 서비스합니다',
    'socklab pauses the server (SIGSTOP); all %d clients close at once':
        'socklab이 서버를 잠시 멈춥니다(SIGSTOP). 클라이언트 %d개가 모두 한꺼번에 연결을 닫습니다',
    'all %d children have exited; socklab lets the server go on (SIGCONT)':
        '자식 프로세스 %d개가 모두 종료했습니다. socklab이 서버를 다시 움직입니다(SIGCONT)',
    'the server forked %d children and all %d exited':
        '서버가 자식 프로세스 %d개를 fork했고 %d개 모두 종료했습니다',
    'the server forked %d children, %d of them exited (expected %d)':
        '서버가 자식 프로세스 %d개를 fork했고 그중 %d개가 종료했습니다 (예상: %d개)',
    'child %d: a zombie for %.0f ms, until the server ended':
        '자식 %d: 서버가 끝날 때까지 %.0f ms 동안 좀비',
    'all %d exited children were still zombies when the server was stopped: nobody waited for them':
        '종료한 자식 %d개가 서버가 멈출 때까지 모두 좀비였습니다: 아무도 기다려 주지 않았습니다',
    '%d of %d children were still zombies when the server was stopped, despite a SIGCHLD handler':
        'SIGCHLD 핸들러가 있는데도 서버가 멈출 때 자식 %2$d개 중 %1$d개가 아직 좀비였습니다',
    '%d of %d children were zombies when the server was stopped':
        '서버가 멈출 때 자식 %2$d개 중 %1$d개가 좀비였습니다',
    "no SIGCHLD handler ran and the server never called wait(): SIGCHLD's default is to do nothing":
        'SIGCHLD 핸들러가 실행되지 않았고 서버는 wait()를 호출하지 않았습니다: SIGCHLD의 기본 동작은 아무것도 하지 않는 것입니다',
    "the server's handler ran %zu times and reaped %zu children":
        '서버의 핸들러가 %zu번 실행되어 자식 %zu개를 회수했습니다',
    '%d children exited, but the handler ran only %zu time: signals do not queue':
        '자식 %d개가 종료했지만 핸들러는 %zu번만 실행되었습니다: 시그널은 쌓이지 않습니다',
    '%d children exited, but the handler ran only %zu times: signals do not queue':
        '자식 %d개가 종료했지만 핸들러는 %zu번만 실행되었습니다: 시그널은 쌓이지 않습니다',
    '%d children exited and the handler ran %zu times':
        '자식 %d개가 종료했고 핸들러가 %zu번 실행되었습니다',
    'the handler reaped one child per run: %d reaped, %d left as zombies':
        '핸들러가 한 번 실행될 때마다 자식 하나를 회수했습니다: %d개 회수, %d개는 좀비로 남음',
    'the handler ran %zu times and reaped %d children':
        '핸들러가 %zu번 실행되어 자식 %d개를 회수했습니다',
    "the server's own waitpid() reaped all %d children; no zombie was left":
        '서버의 waitpid()가 자식 %d개를 모두 회수했습니다. 좀비가 남지 않았습니다',
    'the server reaped %d of %d children; %d were zombies when it stopped':
        '서버가 자식 %2$d개 중 %1$d개를 회수했고, 멈출 때 %3$d개가 좀비였습니다',
    "each client's child exits when its client closes":
        '클라이언트마다 그 자식 프로세스는 클라이언트가 닫으면 종료합니다',
    'nobody waits: no SIGCHLD handler, no wait()':
        '아무도 기다리지 않습니다: SIGCHLD 핸들러도, wait()도 없습니다',
    'the exited children stay zombies':
        '종료한 자식은 좀비로 남습니다',
    'five exits, fewer SIGCHLD deliveries':
        '종료는 다섯 번, SIGCHLD 전달은 그보다 적게',
    'one waitpid() per signal reaps one child per signal':
        '시그널마다 waitpid() 한 번: 시그널마다 자식 하나를 회수합니다',
    'zombies are left despite the handler':
        '핸들러가 있는데도 좀비가 남습니다',
    'five exits, fewer SIGCHLD deliveries (still)':
        '종료는 다섯 번, SIGCHLD 전달은 (여전히) 그보다 적게',
    'the waitpid() loop reaps every child; no zombie is left':
        'waitpid() 반복문이 모든 자식을 회수합니다. 좀비가 남지 않습니다',
    "the textbook's handler: one waitpid() per SIGCHLD":
        '교재의 핸들러: SIGCHLD마다 waitpid() 한 번',
    'a SIGCHLD handler that reaps with a waitpid(-1, ..., WNOHANG) loop':
        'waitpid(-1, ..., WNOHANG) 반복문으로 회수하는 SIGCHLD 핸들러',
    'start the server on port %s':
        '서버를 %s번 포트에서 시작합니다',
    'the client warms up, then times %d exchanges of write, write, read with TCP_NODELAY':
        '클라이언트가 몸을 푼 뒤, TCP_NODELAY를 켜고 write, write, read를 %d번 주고받으며 시간을 잽니다',
    'the client warms up, then times %d exchanges of write, write, read (one write per request)':
        '클라이언트가 몸을 푼 뒤, write, write, read를 %d번 주고받으며 시간을 잽니다 (요청마다 write 한 번)',
    'the client warms up, then times %d exchanges of write, write, read':
        '클라이언트가 몸을 푼 뒤, write, write, read를 %d번 주고받으며 시간을 잽니다',
    'exchange %d: write at %.6f s, reply read %.2f ms later':
        '주고받기 %d: %.6f초에 write, %.2f ms 뒤에 응답을 읽음',
    'the client made %d timed exchanges, not %d':
        '클라이언트가 시간을 잰 주고받기는 %2$d번이 아니라 %1$d번입니다',
    '%d of %d exchanges stalled; the median took %.1f ms':
        '주고받기 %2$d번 중 %1$d번이 멈칫했습니다. 중앙값은 %3$.1f ms였습니다',
    'no stall: the median exchange took %.3f ms':
        '멈칫함 없음: 주고받기의 중앙값은 %.3f ms였습니다',
    '%d of %d exchanges took %.0f ms or more; the median took %.1f ms':
        '주고받기 %2$d번 중 %1$d번이 %3$.0f ms 이상 걸렸습니다. 중앙값은 %4$.1f ms였습니다',
    "%d times the server's ACK came alone, %.0f ms or more after the data: a delayed ACK":
        '서버의 ACK가 데이터보다 %2$.0f ms 이상 늦게, 혼자 온 것이 %1$d번입니다: 지연된 ACK',
    'no delayed ACK held the client back':
        '클라이언트를 붙잡은 지연된 ACK가 없습니다',
    '%d delayed ACKs seen':
        '지연된 ACK %d번을 보았습니다',
    'write, write, read: each exchange stalls about 40 ms':
        'write, write, read: 주고받을 때마다 약 40 ms씩 멈칫합니다',
    "the server's ACKs come alone, 40 ms late":
        '서버의 ACK가 40 ms 늦게 혼자 옵니다',
    'the client never set TCP_NODELAY':
        '클라이언트가 TCP_NODELAY를 설정하지 않았습니다',
    'the client turned Nagle off on its socket':
        '클라이언트가 자기 소켓에서 네이글 알고리즘을 껐습니다',
    'each of the %d requests went out in one write()':
        '요청 %d개가 모두 write() 한 번으로 나갔습니다',
    '%d of %d requests went out in one write()':
        '요청 %2$d개 중 %1$d개가 write() 한 번으로 나갔습니다',
    'the client sets TCP_NODELAY (--one-write: writes each request once)':
        '클라이언트가 TCP_NODELAY를 설정합니다 (--one-write: 요청마다 한 번에 씁니다)',
    'each exchange takes well under 5 ms: no stall':
        '주고받기마다 5 ms보다 훨씬 짧게 걸립니다: 멈칫함 없음',
    'no ACK comes alone and late':
        '늦게 혼자 오는 ACK가 없습니다',
    'each request in one write, Nagle still on':
        '요청마다 write 한 번, 네이글 알고리즘은 그대로 켜짐',
    'the client sets TCP_NODELAY':
        '클라이언트가 TCP_NODELAY를 설정합니다',
    'start the server on port %s (SO_REUSEADDR)':
        '서버를 %s번 포트에서 시작합니다 (SO_REUSEADDR)',
    'a client types a line; the server echoes it, closes first, and exits':
        '클라이언트가 한 줄을 입력하고, 서버가 에코한 뒤 먼저 연결을 닫고 종료합니다',
    "the client closes too: the server's old socket waits in TIME_WAIT":
        '클라이언트도 연결을 닫습니다: 서버의 옛 소켓이 TIME_WAIT 상태로 기다립니다',
    'restart the server at once, on the same port (SO_REUSEADDR)':
        '같은 포트에서 서버를 곧바로 다시 시작합니다 (SO_REUSEADDR)',
    'restart the server at once, on the same port':
        '같은 포트에서 서버를 곧바로 다시 시작합니다',
    'a second client is served by the restarted server':
        '다시 시작한 서버가 두 번째 클라이언트를 서비스합니다',
    'the server closed the connection first':
        '서버가 먼저 연결을 닫았습니다',
    "the client closed first: the TIME_WAIT is on the client's side":
        '클라이언트가 먼저 닫았습니다: TIME_WAIT은 클라이언트 쪽에 있습니다',
    'the first client never connected':
        '첫 번째 클라이언트가 연결하지 못했습니다',
    'the old socket %s was not in TIME_WAIT when the server restarted':
        '서버가 다시 시작할 때 옛 소켓 %s이(가) TIME_WAIT 상태가 아니었습니다',
    'the old socket left TIME_WAIT before the restart':
        '옛 소켓이 다시 시작하기 전에 TIME_WAIT 상태를 벗어났습니다',
    'the old socket was in TIME_WAIT, but with no countdown known':
        '옛 소켓이 TIME_WAIT 상태였지만 남은 시간을 알 수 없습니다',
    'the old server socket was in TIME_WAIT (%.1f s left of 60) when the server restarted':
        '서버가 다시 시작할 때 옛 서버 소켓이 TIME_WAIT 상태였습니다 (60초 중 %.1f초 남음)',
    'the restarted server never called bind()':
        '다시 시작한 서버가 bind()를 호출하지 않았습니다',
    "the restarted server's bind() succeeded, TIME_WAIT or not":
        '다시 시작한 서버의 bind()가 TIME_WAIT과 상관없이 성공했습니다',
    "the restarted server's bind() failed with EADDRINUSE: the port is still held by the connection in TIME_WAIT":
        '다시 시작한 서버의 bind()가 EADDRINUSE로 실패했습니다: TIME_WAIT 상태의 연결이 아직 그 포트를 잡고 있습니다',
    "the restarted server's bind() returned %lld (%s)":
        '다시 시작한 서버의 bind()가 %lld을(를) 반환했습니다 (%s)',
    'the %s set SO_REUSEADDR before bind()':
        '%s이(가) bind() 전에 SO_REUSEADDR을 설정했습니다',
    'the %s did not set SO_REUSEADDR before bind()':
        '%s이(가) bind() 전에 SO_REUSEADDR을 설정하지 않았습니다',
    'both the first server and the restarted one set SO_REUSEADDR before bind()':
        '첫 서버와 다시 시작한 서버 모두 bind() 전에 SO_REUSEADDR을 설정했습니다',
    'only the restarted server set SO_REUSEADDR; the socket in TIME_WAIT came from one that did not':
        '다시 시작한 서버만 SO_REUSEADDR을 설정했습니다. TIME_WAIT 상태의 소켓은 설정하지 않은 서버의 것이었습니다',
    'the restarted server served a new client at once':
        '다시 시작한 서버가 새 클라이언트를 곧바로 서비스했습니다',
    'the second client got no echo':
        '두 번째 클라이언트가 에코를 받지 못했습니다',
    'the server closes the connection first':
        '서버가 먼저 연결을 닫습니다',
    'its old socket is in TIME_WAIT when it restarts':
        '다시 시작할 때 서버의 옛 소켓이 TIME_WAIT 상태입니다',
    "the restart's bind() fails with EADDRINUSE":
        '다시 시작한 서버의 bind()가 EADDRINUSE로 실패합니다',
    'only the restarted server sets SO_REUSEADDR':
        '다시 시작한 서버만 SO_REUSEADDR을 설정합니다',
    "the restart's bind() still fails with EADDRINUSE":
        '다시 시작한 서버의 bind()가 여전히 EADDRINUSE로 실패합니다',
    'both servers set SO_REUSEADDR before bind()':
        '두 서버 모두 bind() 전에 SO_REUSEADDR을 설정합니다',
    'the old socket is in TIME_WAIT when the server restarts':
        '서버가 다시 시작할 때 옛 소켓이 TIME_WAIT 상태입니다',
    "the restart's bind() succeeds":
        '다시 시작한 서버의 bind()가 성공합니다',
    'the restarted server serves a new client':
        '다시 시작한 서버가 새 클라이언트를 서비스합니다',
    'the server sets SO_REUSEADDR before bind()':
        '서버가 bind() 전에 SO_REUSEADDR을 설정합니다',
    'two hosts: namespace %s (%s) and %s (%s), a veth link of MTU %d at %d kbit/s':
        '호스트 둘: 네임스페이스 %s (%s)와 %s (%s), MTU %d, %d kbit/s의 veth 링크',
    'the receiver listens on %s:%s and reads framed messages':
        '수신자가 %s:%s에서 연결 요청을 기다리고, 경계가 표시된 메시지를 읽습니다',
    'the receiver listens on %s:%s':
        '수신자가 %s:%s에서 연결 요청을 기다립니다',
    'the sender sends %d messages, one send() each, each framed by its length':
        '송신자가 메시지 %d개를 send() 한 번씩으로 보내고, 메시지마다 길이로 경계를 표시합니다',
    'the sender sends %d messages, one send() each':
        '송신자가 메시지 %d개를 send() 한 번씩으로 보냅니다',
    'recv() %d returned bytes of %d different messages':
        'recv() %d이(가) 서로 다른 메시지 %d개의 바이트를 반환했습니다',
    'the sender made %d send()s, not %d':
        '송신자의 send()는 %2$d번이 아니라 %1$d번이었습니다',
    '%d recv()s each returned bytes of several messages: a clump':
        'recv() %d번이 각각 여러 메시지의 바이트를 반환했습니다: 뭉침',
    'no recv() returned more than one message':
        '메시지를 둘 이상 반환한 recv()가 없습니다',
    'message %d (%lld bytes, one send()) came out of %d recv()s, in pieces':
        '메시지 %d(%lld바이트, send() 한 번)이(가) recv() %d번에 나뉘어 나왔습니다',
    'every message came out of one recv()':
        '모든 메시지가 recv() 한 번에 나왔습니다',
    '%d messages were sent; the naive receiver counted %d':
        '보낸 메시지는 %d개인데 단순한 수신자는 %d개로 세었습니다',
    'the receiver counted as many messages as were sent':
        '수신자가 보낸 만큼의 메시지를 세었습니다',
    '%d messages sent, %d received':
        '메시지 %d개를 보냈고 %d개를 받았습니다',
    'message %d: %ld bytes sent, %ld received':
        '메시지 %d: %ld바이트 보냄, %ld바이트 받음',
    'the receiver got the %d messages whole, with the sizes sent':
        '수신자가 메시지 %d개를 보낸 크기 그대로 온전히 받았습니다',
    '%d recv()s still returned less than asked: the read-exactly-n loop joined the pieces':
        'recv() %d번이 여전히 요청한 것보다 적게 반환했습니다: 정확히 n바이트를 읽는 반복문이 조각을 이었습니다',
    'every recv() returned all it asked for: nothing arrived in pieces':
        'recv()마다 요청한 것을 모두 반환했습니다: 조각으로 온 것이 없습니다',
    '%lld bytes crossed the link in %d segments of at most %u bytes (MSS %d for an MTU of 1500)':
        '%1$lld바이트가 최대 %3$u바이트의 세그먼트 %2$d개로 링크를 건넜습니다 (MTU 1500에서 MSS %4$d)',
    '%d data segments, the longest %u bytes':
        '데이터 세그먼트 %d개, 가장 긴 것은 %u바이트',
    'the link cuts the data into segments of at most 1448 bytes':
        '링크가 데이터를 최대 1448바이트의 세그먼트로 자릅니다',
    'one recv() returns several messages':
        'recv() 한 번이 여러 메시지를 반환합니다',
    'one message comes out of several recv()s':
        '메시지 하나가 recv() 여러 번에 나뉘어 나옵니다',
    'the receiver counts recv()s, not messages':
        '수신자가 메시지가 아니라 recv()를 셉니다',
    'the link still cuts the data into segments of at most 1448 bytes':
        '링크는 여전히 데이터를 최대 1448바이트의 세그먼트로 자릅니다',
    'recv() still returns pieces; the loop joins them':
        'recv()는 여전히 조각을 반환하고, 반복문이 그것을 잇습니다',
    'every message arrives whole, with the size sent':
        '모든 메시지가 보낸 크기 그대로 온전히 도착합니다',
    'a length-prefixed frame, read with a read-exactly-n loop':
        '길이를 앞에 붙인 프레임을 정확히 n바이트를 읽는 반복문으로 읽습니다',
    'bound_host1 binds UDP port %s and is busy for 300 ms':
        'bound_host1이 UDP 포트 %s을(를) bind하고 300 ms 동안 바쁩니다',
    'bound_host2 sends three short datagrams and one of 2000 bytes':
        'bound_host2가 짧은 데이터그램 셋과 2000바이트짜리 하나를 보냅니다',
    'an unconnected UDP client sends to port %s, where nothing listens':
        'connect하지 않은 UDP 클라이언트가 아무도 기다리지 않는 %s번 포트로 보냅니다',
    'a connected UDP client sends to port %s, where nothing listens':
        'connect한 UDP 클라이언트가 아무도 기다리지 않는 %s번 포트로 보냅니다',
    '%d sendto() and %d recvfrom() calls succeeded, not %d each':
        'sendto() %d번과 recvfrom() %d번이 성공했습니다. 각각 %d번이 아니라',
    'datagram %d: %lld bytes sent, %lld received':
        '데이터그램 %d: %lld바이트 보냄, %lld바이트 받음',
    'three sendto()s, three recvfrom()s of the same sizes (%lld, %lld, %lld), though all three were waiting when the reading began':
        'sendto() 세 번, 같은 크기(%lld, %lld, %lld)의 recvfrom() 세 번: 읽기 시작할 때 셋이 모두 기다리고 있었는데도',
    'three sendto()s, three recvfrom()s of the same sizes (%lld, %lld, %lld)':
        'sendto() 세 번, 같은 크기(%lld, %lld, %lld)의 recvfrom() 세 번',
    'the receiver did not read the long datagram':
        '수신자가 긴 데이터그램을 읽지 않았습니다',
    "recvfrom() with MSG_TRUNC returned %lld, the datagram's real size, though only %lld bytes fit: the rest is lost":
        'MSG_TRUNC를 준 recvfrom()이 %2$lld바이트만 들어가는데도 데이터그램의 실제 크기 %1$lld을(를) 반환했습니다: 나머지는 사라집니다',
    'recvfrom() returned %lld for a buffer of %lld bytes':
        'recvfrom()이 %2$lld바이트 버퍼에 %1$lld을(를) 반환했습니다',
    'datagram %d on the wire does not match sendto() %d':
        '선 위의 데이터그램 %d이(가) sendto() %d와(과) 맞지 않습니다',
    'each sendto() crossed as one UDP datagram of its size':
        'sendto()마다 그 크기의 UDP 데이터그램 하나로 건너갔습니다',
    '%d datagrams on the wire for %d sendto()s':
        'sendto() %2$d번에 선 위의 데이터그램 %1$d개',
    '%s() on the connected socket failed with ECONNREFUSED: the ICMP port-unreachable came back to it':
        'connect한 소켓의 %s()이(가) ECONNREFUSED로 실패했습니다: ICMP port-unreachable이 그 소켓으로 돌아왔습니다',
    'no error reached the unconnected socket: recvfrom() waited 1 s for nothing (EAGAIN)':
        'connect하지 않은 소켓에는 오류가 오지 않았습니다: recvfrom()이 1초 동안 아무것도 없이 기다렸습니다 (EAGAIN)',
    'the unconnected socket did not just time out':
        'connect하지 않은 소켓이 그저 시간 초과로 끝나지 않았습니다',
    'no call on the connected socket failed with ECONNREFUSED':
        'connect한 소켓에서 ECONNREFUSED로 실패한 호출이 없습니다',
    'three sendto()s arrive as three recvfrom()s of the same sizes':
        'sendto() 세 번은 같은 크기의 recvfrom() 세 번으로 도착합니다',
    'each sendto() is one datagram on the wire':
        'sendto() 한 번은 선 위의 데이터그램 하나입니다',
    'a datagram longer than the buffer is cut; MSG_TRUNC tells its size':
        '버퍼보다 긴 데이터그램은 잘리고, MSG_TRUNC가 그 크기를 알려 줍니다',
    'a connected UDP socket hears ECONNREFUSED from a closed port (--unconnected: it never hears of it)':
        'connect한 UDP 소켓은 닫힌 포트에서 ECONNREFUSED를 듣습니다 (--unconnected: 듣지 못합니다)',
    'the client sends without connect()':
        '클라이언트가 connect() 없이 보냅니다',
    'it shows how UDP behaves; nothing in it is a mistake':
        'UDP가 어떻게 동작하는지 보여 줄 뿐, 고칠 실수가 없습니다',
}
