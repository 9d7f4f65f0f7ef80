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
    'cannot write in %s: %s':
        '%s에 쓸 수 없습니다: %s',
    'two hosts: namespace %s (%s) and %s (%s), a link of %d kbit/s':
        '호스트 둘: 네임스페이스 %s (%s)와 %s (%s), %d kbit/s 링크',
    'the file server listens on %s:%s; it sends %s (%d bytes), then %s':
        '파일 서버가 %s:%s에서 연결 요청을 기다립니다. %s(%d바이트)을(를) 보낸 뒤 %s을(를) 호출합니다',
    'the client connects and stores the file in received.txt (header first: name and size)':
        '클라이언트가 연결하고 파일을 received.txt에 저장합니다 (헤더 먼저: 이름과 크기)',
    'the client connects and stores the file in received.txt':
        '클라이언트가 연결하고 파일을 received.txt에 저장합니다',
    "the client's user answers: Thank you":
        '클라이언트의 사용자가 답합니다: Thank you',
    "the client's read() never returned 0: no end of file":
        '클라이언트의 read()가 0을 반환하지 않았습니다: 파일의 끝(EOF)이 없습니다',
    'the client stored %ld bytes; the server sent %ld':
        '클라이언트는 %ld바이트를 저장했고, 서버는 %ld바이트를 보냈습니다',
    "read() returned 0 after all %ld bytes: the server's FIN is the client's end of file":
        'read()가 %ld바이트를 모두 읽은 뒤 0을 반환했습니다: 서버의 FIN이 클라이언트에게는 파일의 끝입니다',
    "the client's write() of its reply did not succeed":
        '클라이언트가 답장을 write()하는 데 실패했습니다',
    'write() returned %lld: the reply left, and the client could not know that nobody would read it':
        'write()가 %lld을(를) 반환했습니다: 답장은 나갔고, 클라이언트는 아무도 읽지 않으리라는 것을 알 수 없었습니다',
    'the server sent no FIN':
        '서버가 FIN을 보내지 않았습니다',
    "no data from the client after the server's FIN: no reply crossed":
        '서버의 FIN 뒤에 클라이언트의 데이터가 없습니다: 답장이 건너가지 않았습니다',
    "no RST from the server answered the client's reply":
        '클라이언트의 답장에 서버의 RST가 오지 않았습니다',
    "the reply (len=%u) reached a socket closed for reading: the server's kernel answered it with an RST, %.1f ms later":
        '답장(len=%u)이 읽기가 닫힌 소켓에 도착했습니다: 서버의 커널이 %.1f ms 뒤에 RST로 답했습니다',
    'the server printed the reply: it was read':
        '서버가 답장을 출력했습니다: 답장을 읽었습니다',
    'the server had not closed before the reply was written':
        '답장을 쓰기 전에 서버가 닫지 않았습니다',
    'the server had closed %.0f ms before the reply was written, and never read it':
        '서버는 답장이 쓰이기 %.0f ms 전에 닫았고, 답장을 끝내 읽지 않았습니다',
    'the server never called shutdown(SHUT_WR)':
        '서버가 shutdown(SHUT_WR)을 호출하지 않았습니다',
    "the client's read() did not return 0 after the shutdown()":
        'shutdown() 뒤에 클라이언트의 read()가 0을 반환하지 않았습니다',
    "shutdown(SHUT_WR) sent the FIN: the client's read() returned 0, its end of file":
        'shutdown(SHUT_WR)이 FIN을 보냈습니다: 클라이언트의 read()가 0, 곧 파일의 끝을 반환했습니다',
    "the server's socket %s was never seen in FIN_WAIT_2":
        '서버의 소켓 %s이(가) FIN_WAIT_2 상태로 보인 적이 없습니다',
    'no data from the client came after FIN_WAIT_2':
        'FIN_WAIT_2 뒤에 클라이언트의 데이터가 오지 않았습니다',
    "the server's socket left FIN_WAIT_2 before the reply came":
        '답장이 오기 전에 서버의 소켓이 FIN_WAIT_2 상태를 벗어났습니다',
    "the server's socket sat in FIN_WAIT_2 for %.0f ms, half-closed, and still received the reply (len=%u)":
        '서버의 소켓이 half-close 상태로 %.0f ms 동안 FIN_WAIT_2에 머물면서도 답장(len=%u)을 받았습니다',
    "the server never read the client's reply":
        '서버가 클라이언트의 답장을 읽지 않았습니다',
    "the server's read() never returned 0 after the reply":
        '답장 뒤에 서버의 read()가 0을 반환하지 않았습니다',
    "the server's read() returned the reply (%lld bytes), then 0 when the client closed":
        '서버의 read()가 답장(%lld바이트)을 반환했고, 클라이언트가 닫자 0을 반환했습니다',
    'an RST crossed the connection':
        '연결에 RST가 오갔습니다',
    'no RST: both sides closed with a FIN, every byte read':
        'RST 없음: 양쪽 모두 FIN으로 닫았고, 모든 바이트를 읽었습니다',
    'the header said %ld bytes; the file has %d':
        '헤더에는 %ld바이트라고 되어 있지만 파일은 %d바이트입니다',
    'the header said %ld bytes, the server sent %ld, the client stored %ld':
        '헤더에는 %ld바이트, 서버는 %ld바이트를 보냈고, 클라이언트는 %ld바이트를 저장했습니다',
    'the header said %ld bytes, and the client stored exactly that many':
        '헤더에는 %ld바이트라고 되어 있고, 클라이언트가 정확히 그만큼 저장했습니다',
    'the client read nothing':
        '클라이언트가 아무것도 읽지 않았습니다',
    "the client's read() returned %lld bytes: all it asked, or the whole file":
        '클라이언트의 read()가 %lld바이트를 반환했습니다: 요청한 만큼 전부, 또는 파일 전체',
    'the client went on reading after its short read()':
        '짧은 read() 뒤에도 클라이언트가 계속 읽었습니다',
    'read() returned %lld of the %d bytes, what had arrived by then; the client took it for the end of the file':
        'read()가 %2$d바이트 중 그때까지 도착한 %1$lld바이트를 반환했고, 클라이언트는 그것을 파일의 끝으로 여겼습니다',
    'the run did not say how many bytes were sent and stored':
        '이 실행은 몇 바이트를 보내고 저장했는지 알려 주지 않았습니다',
    'the client stored all %ld bytes':
        '클라이언트가 %ld바이트를 모두 저장했습니다',
    'the client stored %ld of the %ld bytes: received.txt is short':
        '클라이언트가 %2$ld바이트 중 %1$ld바이트만 저장했습니다: received.txt가 짧습니다',
    'no RST came from the client':
        '클라이언트에게서 RST가 오지 않았습니다',
    "the server's read() did not fail with ECONNRESET":
        '서버의 read()가 ECONNRESET으로 실패하지 않았습니다',
    "the client closed with bytes of the file unread: its kernel sent an RST, and the server's read() failed with ECONNRESET":
        '클라이언트가 파일의 바이트를 다 읽지 않은 채 닫았습니다: 그 커널이 RST를 보냈고, 서버의 read()가 ECONNRESET으로 실패했습니다',
    "the client reads the file to EOF: the server's FIN ends it":
        '클라이언트가 파일을 EOF까지 읽습니다: 서버의 FIN이 끝을 알립니다',
    "the client's write() of its reply succeeds":
        '클라이언트가 답장을 write()하는 데 성공합니다',
    "the server's kernel answers the reply with an RST":
        '서버의 커널이 답장에 RST로 답합니다',
    'the server never reads the reply':
        '서버는 답장을 끝내 읽지 않습니다',
    "shutdown(SHUT_WR) sends the FIN: the client's read() returns 0":
        'shutdown(SHUT_WR)이 FIN을 보냅니다: 클라이언트의 read()가 0을 반환합니다',
    "the server's socket waits in FIN_WAIT_2 and still receives":
        '서버의 소켓이 FIN_WAIT_2 상태로 기다리면서도 데이터를 받습니다',
    'the server reads the reply, then 0':
        '서버가 답장을 읽고, 그다음 0을 받습니다',
    'no RST crosses the connection':
        '연결에 RST가 오가지 않습니다',
    'the client stores exactly the size the header says':
        '클라이언트가 헤더에 적힌 크기만큼 정확히 저장합니다',
    'the client takes a short read() for the end of the file':
        '클라이언트가 짧은 read()를 파일의 끝으로 여깁니다',
    'the stored file is shorter than the one sent':
        '저장된 파일이 보낸 파일보다 짧습니다',
    "closing on unread bytes sends an RST: the server's read() fails":
        '읽지 않은 바이트를 남기고 닫으면 RST가 갑니다: 서버의 read()가 실패합니다',
    "a header with the file's name and size, then shutdown(SHUT_WR), and the reply read":
        '파일의 이름과 크기를 담은 헤더, 그다음 shutdown(SHUT_WR), 그리고 답장 읽기',
    'the client connects; it ignores SIGPIPE':
        '클라이언트가 연결합니다. SIGPIPE는 무시합니다',
    'the client connects':
        '클라이언트가 연결합니다',
    'the user types a line: the client sends it in two writes, and reads the echo':
        '사용자가 한 줄을 입력합니다: 클라이언트가 그것을 write 두 번에 나눠 보내고 에코를 읽습니다',
    'the server has closed; the user types another line':
        '서버가 닫았습니다. 사용자가 한 줄을 더 입력합니다',
    'the user types a line; the server reads it and works on it':
        '사용자가 한 줄을 입력합니다. 서버가 그것을 읽고 처리합니다',
    'socklab kills the server (SIGKILL) while the client waits for the echo':
        '클라이언트가 에코를 기다리는 동안 socklab이 서버를 죽입니다 (SIGKILL)',
    "the server is busy; the user types a line, which waits unread in the server's socket":
        '서버가 바쁩니다. 사용자가 한 줄을 입력하고, 그 줄은 읽히지 않은 채 서버의 소켓에서 기다립니다',
    'the server gives up on the client: close() with the line unread':
        '서버가 클라이언트를 포기합니다: 그 줄을 읽지 않은 채 close()',
    'start the echo server on port %s (%s)':
        '에코 서버를 %s번 포트에서 시작합니다 (%s)',
    'the client wrote nothing after the server closed':
        '서버가 닫은 뒤 클라이언트가 아무것도 쓰지 않았습니다',
    "the client's first write() after the server's close failed (%s)":
        '서버가 닫은 뒤 클라이언트의 첫 write()가 실패했습니다 (%s)',
    'write() returned %lld after the server had closed: the bytes left, nothing said the server was gone':
        '서버가 닫은 뒤에 write()가 %lld을(를) 반환했습니다: 바이트는 나갔고, 서버가 사라졌다고 알려 준 것은 없었습니다',
    "no data from the client followed the server's FIN":
        '서버의 FIN 뒤에 클라이언트의 데이터가 오지 않았습니다',
    "no RST answered the client's data after the server's FIN":
        '서버의 FIN 뒤에 온 클라이언트의 데이터에 RST가 오지 않았습니다',
    "the server's kernel answered the client's %u byte(s) with an RST: the socket they were for is closed":
        '서버의 커널이 클라이언트의 %u바이트에 RST로 답했습니다: 그 바이트가 가려던 소켓은 닫혔습니다',
    'no write() of the client raised SIGPIPE':
        'SIGPIPE를 일으킨 클라이언트의 write()가 없습니다',
    'the client was not killed by SIGPIPE':
        '클라이언트가 SIGPIPE로 죽지 않았습니다',
    'the second write() failed with EPIPE and raised SIGPIPE: it killed the client inside the call':
        '두 번째 write()가 EPIPE로 실패하며 SIGPIPE를 일으켰습니다: 그 시그널이 호출 안에서 클라이언트를 죽였습니다',
    'no write() of the client failed with EPIPE':
        'EPIPE로 실패한 클라이언트의 write()가 없습니다',
    'the client did not end by itself':
        '클라이언트가 스스로 끝나지 않았습니다',
    'with SIGPIPE ignored, write() returned -1 EPIPE; the client said so and ended by itself':
        'SIGPIPE를 무시하니 write()가 -1 EPIPE를 반환했고, 클라이언트는 그렇게 알리고 스스로 끝났습니다',
    'the server was not killed by SIGKILL':
        '서버가 SIGKILL로 죽지 않았습니다',
    'the server was killed by SIGKILL: it called neither close() nor exit()':
        '서버가 SIGKILL로 죽었습니다: close()도 exit()도 호출하지 않았습니다',
    "no FIN came from the server's port":
        '서버의 포트에서 FIN이 오지 않았습니다',
    "an RST came from the server's port":
        '서버의 포트에서 RST가 왔습니다',
    "the kernel closed the dead server's socket with a FIN, as close() would have: nothing was unread":
        '커널이 죽은 서버의 소켓을 close()가 했을 것처럼 FIN으로 닫았습니다: 읽지 않은 것이 없었습니다',
    "the client's read() never returned 0":
        '클라이언트의 read()가 0을 반환하지 않았습니다',
    "the client's read() returned 0, as for any close: it cannot tell a crash from a close":
        '클라이언트의 read()가 여느 close처럼 0을 반환했습니다: 비정상 종료와 정상 close를 구별할 수 없습니다',
    'the server never closed the connection':
        '서버가 연결을 닫지 않았습니다',
    'no RST from the server followed its close()':
        '서버의 close() 뒤에 RST가 오지 않았습니다',
    "the server's close() sent a FIN":
        '서버의 close()가 FIN을 보냈습니다',
    'close() sent an RST, %.2f ms later, and no FIN: the connection was thrown away, not closed':
        'close()가 %.2f ms 뒤에 FIN 없이 RST를 보냈습니다: 연결을 닫은 것이 아니라 버린 것입니다',
    "the client's line was not sent before the server closed":
        '서버가 닫기 전에 클라이언트의 줄이 보내지지 않았습니다',
    'the server read from the connection before closing it':
        '서버가 닫기 전에 연결에서 읽었습니다',
    "the server closed with the client's line unread in its socket":
        '서버가 클라이언트의 줄을 소켓에 읽지 않은 채 남기고 닫았습니다',
    'no call of the client failed with ECONNRESET':
        'ECONNRESET으로 실패한 클라이언트의 호출이 없습니다',
    "the client's %s() returned -1 ECONNRESET: the connection was reset, not closed":
        '클라이언트의 %s()이(가) -1 ECONNRESET을 반환했습니다: 연결이 닫힌 것이 아니라 리셋되었습니다',
    'the server never set SO_LINGER to {1, 0}':
        '서버가 SO_LINGER를 {1, 0}으로 설정하지 않았습니다',
    'the server set SO_LINGER {l_onoff 1, l_linger 0} before close()':
        '서버가 close() 전에 SO_LINGER {l_onoff 1, l_linger 0}을 설정했습니다',
    "the server's socket %s was never seen CLOSED":
        '서버의 소켓 %s이(가) CLOSED 상태로 보인 적이 없습니다',
    "the server's socket went through the 4-way close":
        '서버의 소켓이 4-way 연결 종료를 거쳤습니다',
    "the server's socket went from %s straight to CLOSED: no FIN_WAIT, no TIME_WAIT":
        '서버의 소켓이 %s에서 곧바로 CLOSED가 되었습니다: FIN_WAIT도 TIME_WAIT도 없습니다',
    'the first write() after the server closed succeeds':
        '서버가 닫은 뒤의 첫 write()는 성공합니다',
    "the server's kernel answers that write with an RST":
        '서버의 커널이 그 write에 RST로 답합니다',
    'the next write() raises SIGPIPE, which kills the client':
        '다음 write()가 SIGPIPE를 일으키고, 그 시그널이 클라이언트를 죽입니다',
    'with SIGPIPE ignored, the next write() returns -1 EPIPE':
        'SIGPIPE를 무시하면 다음 write()가 -1 EPIPE를 반환합니다',
    'the server is killed by SIGKILL':
        '서버가 SIGKILL로 죽습니다',
    "the kernel closes the dead server's socket with a FIN":
        '커널이 죽은 서버의 소켓을 FIN으로 닫습니다',
    "the client's read() returns 0":
        '클라이언트의 read()가 0을 반환합니다',
    "the server closes with the client's line unread":
        '서버가 클라이언트의 줄을 읽지 않은 채 닫습니다',
    'close() with unread input sends an RST, not a FIN':
        '읽지 않은 입력이 있는 close()는 FIN이 아니라 RST를 보냅니다',
    "the client's read() returns -1 ECONNRESET":
        '클라이언트의 read()가 -1 ECONNRESET을 반환합니다',
    'the server sets SO_LINGER {1, 0}':
        '서버가 SO_LINGER {1, 0}을 설정합니다',
    'close() sends an RST, not a FIN':
        'close()가 FIN이 아니라 RST를 보냅니다',
    "the server's socket needs no TIME_WAIT":
        '서버의 소켓에는 TIME_WAIT이 필요 없습니다',
    "the client's next write() returns -1 ECONNRESET":
        '클라이언트의 다음 write()가 -1 ECONNRESET을 반환합니다',
    'the server is killed (SIGKILL) while the client waits':
        '클라이언트가 기다리는 동안 서버가 죽습니다 (SIGKILL)',
    'the server closes with SO_LINGER {1, 0}':
        '서버가 SO_LINGER {1, 0}으로 닫습니다',
    'SIGPIPE ignored: write() returns -1 EPIPE, and the client handles it':
        'SIGPIPE 무시: write()가 -1 EPIPE를 반환하고 클라이언트가 그것을 처리합니다',
    'the ground station listens on port %s':
        '지상국이 %s번 포트에서 연결 요청을 기다립니다',
    'the drone reports, every number in network byte order':
        '드론이 보고합니다. 모든 숫자는 네트워크 바이트 순서로',
    'the drone connects with sin_port = %s, no htons(): its SYN goes to port %d':
        '드론이 htons() 없이 sin_port = %s로 연결합니다: 그 SYN은 %d번 포트로 갑니다',
    'second try, with htons(): the length and the reading still go as they are in memory':
        '두 번째 시도, htons()를 써서: 길이와 측정값은 여전히 메모리에 있는 그대로 나갑니다',
    "the drone's first try never called connect()":
        '드론의 첫 시도가 connect()를 호출하지 않았습니다',
    'connect() went to %s, not to port %d':
        'connect()가 %2$d번 포트가 아니라 %1$s(으)로 갔습니다',
    'connect() to port %d did not fail with ECONNREFUSED':
        '%d번 포트로의 connect()가 ECONNREFUSED로 실패하지 않았습니다',
    'sin_port = %d without htons(): connect() went to port %d (0x%04x with its bytes swapped) and was refused':
        'htons() 없는 sin_port = %d: connect()가 %d번 포트(바이트를 뒤바꾼 0x%04x)로 가서 거절되었습니다',
    'no SYN to port %d was captured':
        '%d번 포트로 가는 SYN이 캡처되지 않았습니다',
    'the SYN to port %d got no RST':
        '%d번 포트로 간 SYN에 RST가 오지 않았습니다',
    'the SYN went to port %d, where nothing listens: the kernel answered RST':
        'SYN이 아무도 기다리지 않는 %d번 포트로 갔습니다: 커널이 RST로 답했습니다',
    'the drone never called connect()':
        '드론이 connect()를 호출하지 않았습니다',
    'connect() to %s did not succeed':
        '%s(으)로의 connect()가 성공하지 못했습니다',
    'with htons(), connect() went to port %d and succeeded':
        'htons()를 쓰니 connect()가 %d번 포트로 가서 성공했습니다',
    'the drone wrote no 4-byte length with its bytes recorded':
        '드론이 바이트가 기록된 4바이트 길이를 쓰지 않았습니다',
    'the length went out as %02x %02x %02x %02x':
        '길이가 %02x %02x %02x %02x(으)로 나갔습니다',
    'the station did not read the length as %s':
        '지상국이 길이를 %s(으)로 읽지 않았습니다',
    'htonl(100) went out as 00 00 00 64; ntohl() read it back as 100':
        'htonl(100)이 00 00 00 64로 나갔고, ntohl()이 다시 100으로 읽었습니다',
    "100 went out as it lies in memory, 64 00 00 00; the station's ntohl() read 0x64000000 = 1677721600":
        '100이 메모리에 있는 그대로 64 00 00 00으로 나갔고, 지상국의 ntohl()이 0x64000000 = 1677721600으로 읽었습니다',
    'the drone wrote no 16-byte reading with its bytes recorded':
        '드론이 바이트가 기록된 16바이트 측정값을 쓰지 않았습니다',
    "the reading's bytes: %02x | %02x %02x %02x | %02x %02x %02x %02x | %02x %02x %02x %02x %02x %02x %02x %02x":
        '측정값의 바이트: %02x | %02x %02x %02x | %02x %02x %02x %02x | %02x %02x %02x %02x %02x %02x %02x %02x',
    "the first 4 bytes are not 'A' and 3 bytes of padding":
        "처음 4바이트가 'A'와 패딩 3바이트가 아닙니다",
    'the altitude and latitude are not there in little-endian order':
        '고도와 위도가 리틀 엔디안 순서로 들어 있지 않습니다',
    "16 bytes, not 13: 'A', 3 bytes of padding, 1200 as b0 04 00 00 and the latitude's 8 bytes, all little-endian, as the struct lies in memory":
        "13바이트가 아니라 16바이트: 'A', 패딩 3바이트, b0 04 00 00인 1200, 위도 8바이트, 모두 구조체가 메모리에 있는 그대로 리틀 엔디안입니다",
    'the drone wrote no 13-byte reading with its bytes recorded':
        '드론이 바이트가 기록된 13바이트 측정값을 쓰지 않았습니다',
    "the 13 bytes are not 'A', 1200 and the latitude, big-endian":
        "13바이트가 빅 엔디안의 'A', 1200, 위도가 아닙니다",
    "13 bytes: 'A', 00 00 04 b0 (1200, big-endian) and the latitude's bits big-endian (htobe64), no padding":
        "13바이트: 'A', 00 00 04 b0(빅 엔디안 1200), 빅 엔디안인 위도의 비트(htobe64), 패딩 없음",
    "the station read the drone's letter, altitude and latitude back":
        '지상국이 드론의 문자, 고도, 위도를 그대로 읽었습니다',
    'the station did not read the reading back':
        '지상국이 측정값을 읽지 못했습니다',
    'without htons(), connect() goes to the byte-swapped port and is refused':
        'htons()가 없으면 connect()가 바이트가 뒤바뀐 포트로 가서 거절됩니다',
    'the SYN to the byte-swapped port is answered by RST':
        '바이트가 뒤바뀐 포트로 간 SYN에 RST가 답합니다',
    'with htons(), connect() reaches the station':
        'htons()를 쓰면 connect()가 지상국에 닿습니다',
    'a length of 100 without htonl() goes out as 64 00 00 00 and is read as 1677721600':
        'htonl() 없이 보낸 길이 100은 64 00 00 00으로 나가 1677721600으로 읽힙니다',
    'the struct goes out as 16 bytes: padding, little-endian':
        '구조체가 16바이트로 나갑니다: 패딩, 리틀 엔디안',
    'connect() reaches the station':
        'connect()가 지상국에 닿습니다',
    'htonl(100) goes out as 00 00 00 64 and is read as 100':
        'htonl(100)은 00 00 00 64로 나가 100으로 읽힙니다',
    'the reading goes out as 13 bytes, big-endian, no padding':
        '측정값이 13바이트, 빅 엔디안, 패딩 없이 나갑니다',
    'the station reads the reading back':
        '지상국이 측정값을 그대로 읽습니다',
    'every number written explicitly in network byte order (htonl, htobe64)':
        '모든 숫자를 네트워크 바이트 순서로 분명히 씁니다 (htonl, htobe64)',
    'the zone says: %s %s':
        '존의 내용: %s %s',
    "four hosts on a switch: the client on a, the service on b, a name server on d (%s), named in every host's /etc/resolv.conf":
        '스위치에 호스트 넷: a에 클라이언트, b에 서비스, d에 DNS 서버(%s), 모든 호스트의 /etc/resolv.conf에 적혀 있습니다',
    'the client looks %s up with %s, then connects':
        '클라이언트가 %s을(를) %s(으)로 찾은 뒤 연결합니다',
    'the service moves to host c: the server on b stops, one starts on c, and the record changes':
        '서비스가 호스트 c로 옮겨 갑니다: b의 서버가 멈추고 c에서 하나가 시작하며, 레코드가 바뀝니다',
    'the client connects again, and asks the name server first':
        '클라이언트가 다시 연결하는데, 먼저 DNS 서버에 묻습니다',
    'the client connects again, to the address it found at the start':
        '클라이언트가 처음에 찾은 주소로 다시 연결합니다',
    'another client asks for %s, which no zone has':
        '다른 클라이언트가 어느 존에도 없는 %s을(를) 묻습니다',
    'the client never called %s()':
        '클라이언트가 %s()을(를) 호출하지 않았습니다',
    '%s("%s") failed with %s':
        '%s("%s")이(가) %s(으)로 실패했습니다',
    'an error':
        '오류',
    '%s("%s") did not give %s':
        '%s("%s")이(가) %s을(를) 주지 않았습니다',
    '%s("%s") gave %s: the record the name server has':
        '%s("%s")이(가) %s을(를) 주었습니다: DNS 서버에 있는 레코드입니다',
    'the client sent no SYN':
        '클라이언트가 SYN을 보내지 않았습니다',
    "no question to port %d came before the client's SYN":
        '클라이언트의 SYN 전에 %d번 포트로 간 질의가 없습니다',
    "no answer from port %d came before the client's SYN":
        '클라이언트의 SYN 전에 %d번 포트에서 온 응답이 없습니다',
    'the question to %s and its answer came %.1f ms before the SYN':
        '%s(으)로 간 질의와 그 응답이 SYN보다 %.1f ms 먼저 왔습니다',
    "the client's first connect() did not reach %s":
        '클라이언트의 첫 connect()가 %s에 닿지 않았습니다',
    "the client did not get host b's greeting":
        '클라이언트가 호스트 b의 인사를 받지 못했습니다',
    'the client connected to %s, the address it was given, and host b greeted it':
        '클라이언트가 받은 주소 %s(으)로 연결했고, 호스트 b가 인사했습니다',
    'the client never connected a second time':
        '클라이언트가 두 번째로 연결하지 않았습니다',
    'the client looked the name up again: it was meant to keep the old address':
        '클라이언트가 이름을 다시 찾았습니다: 옛 주소를 그대로 쓰기로 되어 있었습니다',
    'the second connect() did not go to %s and fail with ECONNREFUSED':
        '두 번째 connect()가 %s(으)로 가서 ECONNREFUSED로 실패하지 않았습니다',
    'no new lookup: the second connect() went to the old address, %s, where nothing listens any more (ECONNREFUSED)':
        '다시 찾지 않았습니다: 두 번째 connect()는 아무도 더는 기다리지 않는 옛 주소 %s(으)로 갔습니다 (ECONNREFUSED)',
    "the client's second lookup did not give %s":
        '클라이언트의 두 번째 찾기가 %s을(를) 주지 않았습니다',
    "the client's second connect() did not reach %s":
        '클라이언트의 두 번째 connect()가 %s에 닿지 않았습니다',
    "the client did not get host c's greeting":
        '클라이언트가 호스트 c의 인사를 받지 못했습니다',
    'the same program asked again, got %s and reached host c':
        '같은 프로그램이 다시 물어 %s을(를) 받고 호스트 c에 닿았습니다',
    'nobody looked %s up':
        '아무도 %s을(를) 찾지 않았습니다',
    '%s("%s") did not fail with %s':
        '%s("%s")이(가) %s(으)로 실패하지 않았습니다',
    '%s("%s") failed with %s: the name server said no such name':
        '%s("%s")이(가) %s(으)로 실패했습니다: DNS 서버가 그런 이름은 없다고 했습니다',
    "the client's lookup of echo.lab gives 10.77.0.2":
        '클라이언트가 echo.lab을 찾으면 10.77.0.2를 얻습니다',
    'the question to port 53 and its answer come before the SYN':
        '53번 포트로 간 질의와 그 응답이 SYN보다 먼저 옵니다',
    'the client reaches the server at that address':
        '클라이언트가 그 주소의 서버에 닿습니다',
    'after the move, the address found at the start is refused':
        '옮겨 간 뒤에는 처음에 찾은 주소가 거절됩니다',
    'a name nobody has fails by name (EAI_NONAME, HOST_NOT_FOUND)':
        '아무도 갖지 않은 이름은 이름으로 실패합니다 (EAI_NONAME, HOST_NOT_FOUND)',
    'after the move, the same program asks again and reaches the new address':
        '옮겨 간 뒤에 같은 프로그램이 다시 물어 새 주소에 닿습니다',
    'gethostbyname() (윤 chapter 8), not getaddrinfo()':
        'getaddrinfo()가 아니라 gethostbyname() (윤 8장)',
    'look the name up again before each connection':
        '연결할 때마다 먼저 이름을 다시 찾습니다',
    'the network dies':
        '네트워크가 죽습니다',
    'socklab ends the run':
        'socklab이 실행을 끝냅니다',
    'the network dies: every packet dropped as it arrives (nftables in %s and %s)':
        '네트워크가 죽습니다: 도착하는 패킷을 모두 버립니다 (%s와(과) %s의 nftables)',
    'cannot drop packets: %s':
        '패킷을 버릴 수 없습니다: %s',
    "the client's user types a line; the server echoes it":
        '클라이언트의 사용자가 한 줄을 입력하고, 서버가 그것을 에코합니다',
    "a second of silence: the server's heartbeat, answered":
        '1초 동안 조용함: 서버의 하트비트에 응답이 옵니다',
    'silence: the heartbeats go unanswered':
        '조용함: 하트비트에 응답이 오지 않습니다',
    "the client's user types another line":
        '클라이언트의 사용자가 한 줄을 더 입력합니다',
    'socklab ends the run: both programs still wait':
        'socklab이 실행을 끝냅니다: 두 프로그램 모두 아직 기다리고 있습니다',
    'two hosts: namespace %s (%s) and %s (%s)':
        '호스트 둘: 네임스페이스 %s (%s)와 %s (%s)',
    'the echo server listens on %s:%s, with %s':
        '에코 서버가 %s:%s에서 %s을(를) 켜고 연결 요청을 기다립니다',
    'the echo server listens on %s:%s':
        '에코 서버가 %s:%s에서 연결 요청을 기다립니다',
    'a socket left ESTABLISHED before the end':
        '끝나기 전에 ESTABLISHED 상태를 벗어난 소켓이 있습니다',
    '%.1f s after the network died, both sockets are still ESTABLISHED: each side believes in a connection that is gone':
        '네트워크가 죽고 %.1f초가 지나도 두 소켓 모두 ESTABLISHED 상태입니다: 양쪽 모두 이미 사라진 연결을 믿고 있습니다',
    "the server's recv() returned after the network died":
        '네트워크가 죽은 뒤 서버의 recv()가 반환했습니다',
    'the server was never seen waiting in recv()':
        '서버가 recv()에서 기다리는 모습이 보이지 않았습니다',
    'the server waits in recv() for a client that is gone: blocked %.1f s by the end, and it never returns':
        '서버가 사라진 클라이언트를 recv()에서 기다립니다: 끝날 때까지 %.1f초 동안 블로킹되었고, 끝내 반환하지 않습니다',
    "%d retransmission(s) of the client's line, not 3 or more":
        '클라이언트의 줄이 재전송된 것은 %d번입니다. 3번 이상이 아니라',
    'the retransmissions did not leave at growing intervals':
        '재전송 간격이 점점 늘어나지 않았습니다',
    "the client's line was retransmitted %d times, the waits growing from %.0f ms to %.0f ms (RTO backoff), to nobody":
        '클라이언트의 줄이 %d번 재전송되었고, 기다리는 시간이 %.0f ms에서 %.0f ms로 늘었습니다(RTO 백오프). 받는 이는 없습니다',
    'no PING was answered with a PONG while the network lived':
        '네트워크가 살아 있는 동안 PONG으로 응답받은 PING이 없습니다',
    'after a second of silence the server sent PING, and the client answered PONG: the connection is alive':
        '1초 동안 조용하자 서버가 PING을 보냈고, 클라이언트가 PONG으로 답했습니다: 연결이 살아 있습니다',
    'the server never found the client gone':
        '서버가 클라이언트가 사라진 것을 알아채지 못했습니다',
    'the server found the client gone %.1f s after the network died':
        '서버가 네트워크가 죽고 %.1f초 뒤에 클라이언트가 사라진 것을 알아챘습니다',
    'three PINGs unanswered, one a second: %.1f s after the network died, the server knew the client was gone':
        '1초에 하나씩 PING 세 번에 응답이 없자, 네트워크가 죽고 %.1f초 뒤에 서버가 클라이언트가 사라진 것을 알았습니다',
    'a program did not end by itself: socklab had to stop it':
        '스스로 끝나지 않은 프로그램이 있습니다: socklab이 멈춰야 했습니다',
    'both sides closed their end and ended by themselves: no half-open connection is left':
        '양쪽 모두 자기 쪽을 닫고 스스로 끝났습니다: 반쯤 열린 연결이 남지 않았습니다',
    '%d keep-alive probe(s) from the server, not 3':
        '서버의 킵얼라이브 프로브는 %d번입니다. 3번이 아니라',
    'the keep-alive probes were not a second apart':
        '킵얼라이브 프로브의 간격이 1초가 아니었습니다',
    "the server's kernel sent %d keep-alive probes, a second apart, none answered":
        '서버의 커널이 킵얼라이브 프로브를 1초 간격으로 %d번 보냈고, 아무 응답도 없었습니다',
    'no call of the server failed with ETIMEDOUT':
        'ETIMEDOUT으로 실패한 서버의 호출이 없습니다',
    "the server's %s() failed %.1f s after the network died":
        '서버의 %s()이(가) 네트워크가 죽고 %.1f초 뒤에 실패했습니다',
    "the server's %s() failed with ETIMEDOUT %.1f s after the network died: idle 1 s, then 3 probes a second apart":
        '서버의 %s()이(가) 네트워크가 죽고 %.1f초 뒤에 ETIMEDOUT으로 실패했습니다: 1초 동안 유휴, 그다음 1초 간격으로 프로브 3번',
    'the client did not set TCP_USER_TIMEOUT':
        '클라이언트가 TCP_USER_TIMEOUT을 설정하지 않았습니다',
    'no call of the client failed with ETIMEDOUT':
        'ETIMEDOUT으로 실패한 클라이언트의 호출이 없습니다',
    "the client's %s() failed %.1f s after its send()":
        '클라이언트의 %s()이(가) send() 뒤 %.1f초 만에 실패했습니다',
    "its line unacknowledged for TCP_USER_TIMEOUT (3 s), the client's %s() failed with ETIMEDOUT %.1f s after send(): keep-alive alone probes only an idle connection":
        '줄이 TCP_USER_TIMEOUT(3초) 동안 확인 응답을 받지 못하자, 클라이언트의 %s()이(가) send() 뒤 %.1f초 만에 ETIMEDOUT으로 실패했습니다: 킵얼라이브만으로는 유휴 연결만 검사합니다',
    'both sockets stay ESTABLISHED after the network died':
        '네트워크가 죽은 뒤에도 두 소켓 모두 ESTABLISHED 상태로 남습니다',
    "the idle server's recv() never returns":
        '유휴 상태인 서버의 recv()는 끝내 반환하지 않습니다',
    "the client's line is retransmitted at growing intervals":
        '클라이언트의 줄이 점점 늘어나는 간격으로 재전송됩니다',
    'a PING after a second of silence is answered PONG':
        '1초 동안 조용한 뒤의 PING에 PONG이 옵니다',
    'three unanswered PINGs: the server knows, in about 3 s':
        '응답 없는 PING 세 번: 서버가 약 3초 안에 알아챕니다',
    'both sides close and end by themselves':
        '양쪽 모두 닫고 스스로 끝납니다',
    "the server's kernel sends keep-alive probes, a second apart":
        '서버의 커널이 1초 간격으로 킵얼라이브 프로브를 보냅니다',
    "the server's recv() fails with ETIMEDOUT":
        '서버의 recv()가 ETIMEDOUT으로 실패합니다',
    "TCP_USER_TIMEOUT ends the client's wait for its unacknowledged line":
        'TCP_USER_TIMEOUT이 확인 응답 없는 줄에 대한 클라이언트의 기다림을 끝냅니다',
    'SO_KEEPALIVE 1/1/3, and TCP_USER_TIMEOUT for the side that sends':
        'SO_KEEPALIVE 1/1/3, 그리고 보내는 쪽에는 TCP_USER_TIMEOUT',
    'an application heartbeat: a PING each second of silence, three unanswered: close':
        '응용 프로그램의 하트비트: 조용한 1초마다 PING, 세 번 응답이 없으면 close',
    'the receiver listens on port %s, asking for a 4 KiB receive buffer (SO_RCVBUF), and reads from the start':
        '수신자가 %s번 포트에서 4 KiB 수신 버퍼(SO_RCVBUF)를 요청하고 연결 요청을 기다리며, 처음부터 읽습니다',
    'the receiver listens on port %s, asking for a 4 KiB receive buffer (SO_RCVBUF)':
        '수신자가 %s번 포트에서 4 KiB 수신 버퍼(SO_RCVBUF)를 요청하고 연결 요청을 기다립니다',
    'the receiver listens on port %s, asking for a 1 MiB receive buffer (SO_RCVBUF), and reads from the start':
        '수신자가 %s번 포트에서 1 MiB 수신 버퍼(SO_RCVBUF)를 요청하고 연결 요청을 기다리며, 처음부터 읽습니다',
    'the receiver listens on port %s, asking for a 1 MiB receive buffer (SO_RCVBUF)':
        '수신자가 %s번 포트에서 1 MiB 수신 버퍼(SO_RCVBUF)를 요청하고 연결 요청을 기다립니다',
    'the receiver listens on port %s, and reads from the start':
        '수신자가 %s번 포트에서 연결 요청을 기다리며, 처음부터 읽습니다',
    'the receiver listens on port %s':
        '수신자가 %s번 포트에서 연결 요청을 기다립니다',
    'the sender sends 4 MiB, 64 KiB per send(), on a non-blocking socket':
        '송신자가 논블로킹 소켓으로 4 MiB를 send() 한 번에 64 KiB씩 보냅니다',
    'the sender sends 4 MiB, 64 KiB per send()':
        '송신자가 4 MiB를 send() 한 번에 64 KiB씩 보냅니다',
    'the receiver reads nothing for %d s':
        '수신자가 %d초 동안 아무것도 읽지 않습니다',
    'the receiver reads (Enter on its input)':
        '수신자가 읽습니다 (입력에 Enter)',
    'the receiver never advertised a zero window':
        '수신자가 0인 윈도우를 알린 적이 없습니다',
    "the receiver's buffer filled: it advertised win=0 after %u bytes":
        '수신자의 버퍼가 찼습니다: %u바이트 뒤에 win=0을 알렸습니다',
    'no send() of the sender waited %.0f ms':
        '%.0f ms를 기다린 송신자의 send()가 없습니다',
    'a send() of %lld bytes blocked %.1f s, until the receiver read':
        '%lld바이트의 send()가 수신자가 읽을 때까지 %.1f초 동안 블로킹되었습니다',
    '%d window probes, not %d or more':
        '윈도우 프로브는 %d번입니다. %d번 이상이 아니라',
    '%d probes, but no longer apart at the end (%.0f ms) than at first (%.0f ms)':
        '프로브가 %d번 있었지만 끝의 간격(%.0f ms)이 처음(%.0f ms)보다 길지 않습니다',
    'the sender probed the closed window %d times, %.0f ms apart at first, then more and more apart':
        '송신자가 닫힌 윈도우를 %d번 프로브했습니다. 처음에는 %.0f ms 간격, 그다음 점점 더 길게',
    'the receiver never read':
        '수신자가 끝내 읽지 않았습니다',
    "no window update followed the receiver's first read()":
        '수신자의 첫 read() 뒤에 윈도우 업데이트가 오지 않았습니다',
    'reading emptied the buffer, and a window update (win=%u) opened the window':
        '읽기가 버퍼를 비웠고, 윈도우 업데이트(win=%u)가 윈도우를 열었습니다',
    'all %d bytes arrived: flow control slowed the sender, lost nothing':
        '%d바이트가 모두 도착했습니다: 흐름 제어는 송신자를 늦췄을 뿐, 잃은 것은 없습니다',
    '%ld bytes sent, %ld read, of %d':
        '%3$d바이트 중 %1$ld바이트 보냄, %2$ld바이트 읽음',
    'the receiver did not set SO_RCVBUF and read it back':
        '수신자가 SO_RCVBUF를 설정하고 다시 읽지 않았습니다',
    'asked for %lld bytes, got %lld: capped at net.core.rmem_max, then doubled':
        '%lld바이트를 요청했고 %lld바이트를 받았습니다: net.core.rmem_max로 제한된 뒤 두 배가 되었습니다',
    'asked for %lld bytes, got %lld: doubled':
        '%lld바이트를 요청했고 %lld바이트를 받았습니다: 두 배가 되었습니다',
    'asked for %lld bytes, got %lld, not %ld':
        '%1$lld바이트를 요청했고 %3$ld바이트가 아니라 %2$lld바이트를 받았습니다',
    'no zero window (or no buffer size printed)':
        '0인 윈도우가 없습니다 (또는 버퍼 크기가 출력되지 않았습니다)',
    'the window closed after %u bytes, with a receive buffer of %ld (the kernel counts its bookkeeping in it too)':
        '수신 버퍼 %2$ld바이트로 %1$u바이트 뒤에 윈도우가 닫혔습니다 (커널은 자기 관리용 메모리도 그 안에 셉니다)',
    'the window closed after %u bytes, with a buffer of %ld':
        '버퍼 %2$ld바이트로 %1$u바이트 뒤에 윈도우가 닫혔습니다',
    'no send() returned EAGAIN':
        'EAGAIN을 반환한 send()가 없습니다',
    '%zu send()s returned -1 EAGAIN at once instead of blocking':
        'send() %zu번이 블로킹하지 않고 곧바로 -1 EAGAIN을 반환했습니다',
    'no poll() of the sender waited %.0f ms':
        '%.0f ms를 기다린 송신자의 poll()이 없습니다',
    'the sender waited %.1f s in poll() for room, until the receiver read':
        '송신자가 수신자가 읽을 때까지 %.1f초 동안 poll()에서 빈자리를 기다렸습니다',
    'the window never stayed closed long enough to be probed':
        '윈도우가 프로브될 만큼 오래 닫혀 있지 않았습니다',
    'the sender probed a closed window %d times':
        '송신자가 닫힌 윈도우를 %d번 프로브했습니다',
    'the longest send() took %.1f ms: the reader kept up':
        '가장 긴 send()가 %.1f ms 걸렸습니다: 수신자가 잘 따라 읽었습니다',
    'a send() blocked %.1f s':
        'send()가 %.1f초 동안 블로킹되었습니다',
    'no send() at all':
        'send()가 하나도 없습니다',
    "the receiver's window falls to zero":
        '수신자의 윈도우가 0으로 떨어집니다',
    "the sender's send() blocks while the window is zero":
        '윈도우가 0인 동안 송신자의 send()가 블로킹됩니다',
    'the sender probes the closed window, at growing intervals':
        '송신자가 닫힌 윈도우를 점점 늘어나는 간격으로 프로브합니다',
    'reading opens the window again: a window update':
        '읽으면 윈도우가 다시 열립니다: 윈도우 업데이트',
    'the window closes when the receive buffer is full':
        '수신 버퍼가 차면 윈도우가 닫힙니다',
    'every byte arrives: nothing is lost, only slowed':
        '모든 바이트가 도착합니다: 잃는 것은 없고 늦어질 뿐입니다',
    'SO_RCVBUF reads back double what was asked (after net.core.rmem_max)':
        'SO_RCVBUF를 다시 읽으면 요청한 값의 두 배입니다 (net.core.rmem_max 적용 후)',
    'every byte arrives':
        '모든 바이트가 도착합니다',
    'send() returns -1 EAGAIN instead of blocking':
        'send()가 블로킹하지 않고 -1 EAGAIN을 반환합니다',
    'the sender waits for room in poll()':
        '송신자가 poll()에서 빈자리를 기다립니다',
    "the sender's kernel still probes the closed window":
        '송신자의 커널이 여전히 닫힌 윈도우를 프로브합니다',
    'the window never stays closed: no probe':
        '윈도우가 닫힌 채로 머물지 않습니다: 프로브 없음',
    'no send() waits for the reader':
        '수신자를 기다리는 send()가 없습니다',
    'the receiver asks for a 4 KiB receive buffer (SO_RCVBUF)':
        '수신자가 4 KiB 수신 버퍼(SO_RCVBUF)를 요청합니다',
    'the receiver asks for a 1 MiB receive buffer (SO_RCVBUF)':
        '수신자가 1 MiB 수신 버퍼(SO_RCVBUF)를 요청합니다',
    "the sender's socket is non-blocking: EAGAIN, then poll()":
        '송신자의 소켓이 논블로킹입니다: EAGAIN, 그다음 poll()',
    'a receiver that reads as the bytes come':
        '바이트가 오는 대로 읽는 수신자',
    'the router drops by rule: %s':
        '라우터가 규칙에 따라 버립니다: %s',
    'the router holds data segment %d back until %d more have passed':
        '라우터가 데이터 세그먼트 %d을(를) 그 뒤의 %d개가 지나갈 때까지 붙잡아 둡니다',
    'the sender sends %s bytes in one send()':
        '송신자가 %s바이트를 send() 한 번으로 보냅니다',
    'the router delivered %d segment late':
        '라우터가 세그먼트 %d을(를) 늦게 전달했습니다',
    'two hosts, %s (%s) and %s (%s), a router between them; links of %d kbit/s':
        '호스트 둘, %s (%s)와 %s (%s), 그 사이에 라우터. 링크는 %d kbit/s',
    'first, %s bytes without loss':
        '먼저, 유실 없이 %s바이트',
    'the receiver repeated its ACK %d times: bytes after a hole came, the hole did not':
        '수신자가 ACK를 %d번 되풀이했습니다: 구멍 뒤의 바이트는 왔고, 구멍은 오지 않았습니다',
    '%d duplicate ACKs before the retransmission':
        '재전송 전에 중복 ACK %d개',
    'no fast retransmission':
        '빠른 재전송이 없습니다',
    'the sender sent seq=%u again at once, on the duplicate ACKs: no timer':
        '송신자가 중복 ACK를 보고 seq=%u을(를) 곧바로 다시 보냈습니다: 타이머 없음',
    'the lost segment was never sent again':
        '잃어버린 세그먼트가 다시 보내지지 않았습니다',
    'a duplicate ACK came before the retransmission':
        '재전송 전에 중복 ACK가 왔습니다',
    'nothing came after the lost segment, so no duplicate ACK could say so':
        '잃어버린 세그먼트 뒤에 아무것도 오지 않아서, 그것을 알려 줄 중복 ACK가 있을 수 없었습니다',
    'no retransmission %.0f ms or more after the lost segment':
        '잃어버린 세그먼트 뒤 %.0f ms 이상 지나서 한 재전송이 없습니다',
    'the last segment went again %.0f ms later, on a timer: a tail-loss probe (TLP)':
        '마지막 세그먼트가 %.0f ms 뒤에 타이머로 다시 나갔습니다: 꼬리 유실 프로브(TLP)',
    'the last segment went again %.0f ms later, on a timer: a retransmission timeout (RTO)':
        '마지막 세그먼트가 %.0f ms 뒤에 타이머로 다시 나갔습니다: 재전송 타임아웃(RTO)',
    'the last segment went again %.0f ms later, on a timer: TLP or RTO (nstat did not say)':
        '마지막 세그먼트가 %.0f ms 뒤에 타이머로 다시 나갔습니다: TLP 또는 RTO (nstat이 말해 주지 않음)',
    'no read() of the receiver waited %.0f ms':
        '%.0f ms를 기다린 수신자의 read()가 없습니다',
    "the receiver's read() waited %.0f ms for the last %lld bytes":
        '수신자의 read()가 마지막 %2$lld바이트를 %1$.0f ms 동안 기다렸습니다',
    'every byte arrived, in order: the program saw no loss':
        '모든 바이트가 순서대로 도착했습니다: 프로그램은 유실을 보지 못했습니다',
    'the sender\'s answer is not "%s"':
        '송신자의 답이 "%s"이(가) 아닙니다',
    '%d segments were sent again (the kernel counts %ld)':
        '세그먼트 %d개가 다시 보내졌습니다 (커널의 셈으로는 %ld개)',
    '%d segments sent again, not %d or more':
        '다시 보낸 세그먼트는 %d개입니다. %d개 이상이 아니라',
    'the same %d bytes took %.0f ms without loss, %.0f ms with it (%.1f times)':
        '같은 %d바이트가 유실 없이 %.0f ms, 유실이 있을 때 %.0f ms 걸렸습니다 (%.1f배)',
    '%.0f ms without loss, %.0f ms with it':
        '유실 없이 %.0f ms, 유실이 있을 때 %.0f ms',
    '%d times the data stopped for %.0f ms or more (the longest %.0f ms): a retransmission timeout':
        '데이터가 %2$.0f ms 이상 멈춘 것이 %1$d번입니다 (가장 길게 %3$.0f ms): 재전송 타임아웃',
    'no pause of %.0f ms in the data (the longest: %.0f ms)':
        '데이터에 %.0f ms의 멈춤이 없습니다 (가장 긴 것: %.0f ms)',
    'no segment came after later bytes':
        '뒤의 바이트보다 늦게 온 세그먼트가 없습니다',
    'seq=%u came after later bytes, for the first time: late, not lost (tshark calls it %s)':
        'seq=%u이(가) 뒤의 바이트보다 늦게, 처음으로 왔습니다: 잃어버린 것이 아니라 늦은 것입니다 (tshark는 %s(이)라고 부릅니다)',
    "no ACK of the hole's start after the segment beyond it":
        '구멍 너머의 세그먼트 뒤에 구멍의 시작을 가리키는 ACK가 없습니다',
    'bytes came after a hole: the receiver ACKed ack=%u again at once':
        '구멍 뒤에 바이트가 왔습니다: 수신자가 곧바로 ack=%u을(를) 다시 보냈습니다',
    'the receiver repeats its ACK for the bytes after the hole':
        '수신자가 구멍 뒤의 바이트를 받고 ACK를 되풀이합니다',
    'the sender resends the lost segment at once, no timer':
        '송신자가 잃어버린 세그먼트를 타이머 없이 곧바로 다시 보냅니다',
    'every byte arrives, in order':
        '모든 바이트가 순서대로 도착합니다',
    'nothing follows the lost last segment: no duplicate ACK':
        '잃어버린 마지막 세그먼트 뒤에 아무것도 없습니다: 중복 ACK 없음',
    'a timer resends it: a tail-loss probe or a timeout':
        '타이머가 다시 보냅니다: 꼬리 유실 프로브 또는 타임아웃',
    "the receiver's read() waits that long":
        '수신자의 read()가 그만큼 기다립니다',
    'the lost segments are sent again':
        '잃어버린 세그먼트들이 다시 보내집니다',
    'some losses are repaired only by a timeout: the data stops':
        '어떤 유실은 타임아웃으로만 복구됩니다: 데이터가 멈춥니다',
    'the same transfer takes longer with loss':
        '같은 전송이 유실이 있으면 더 오래 걸립니다',
    'the segment held back arrives after later ones':
        '붙잡아 둔 세그먼트가 뒤의 것들보다 늦게 도착합니다',
    "the receiver ACKs the hole's start again at once: a duplicate ACK":
        '수신자가 곧바로 구멍의 시작을 다시 ACK합니다: 중복 ACK',
    'the router drops the last data segment':
        '라우터가 마지막 데이터 세그먼트를 버립니다',
    'the router drops 10 of every 50 data segments, after a clean transfer':
        '깨끗한 전송 뒤에, 라우터가 데이터 세그먼트 50개마다 10개를 버립니다',
    'the router delivers the 20th data segment after the 21st':
        '라우터가 20번째 데이터 세그먼트를 21번째 뒤에 전달합니다',
    'loss is no bug in the programs: TCP itself repairs it, and the lab shows how':
        '유실은 프로그램의 버그가 아닙니다: TCP가 스스로 복구하고, 이 실습은 그 과정을 보여 줍니다',
    'receivers: b and c on port %d (only b joins %s), d on port %d, e behind the router on port %d, in %s':
        '수신자: %d번 포트의 b와 c(%s에는 b만 가입), %d번 포트의 d, 라우터 뒤 %d번 포트의 e, 그룹 %s',
    'receivers: b and c on port %d, d on port %d, e behind the router on port %d':
        '수신자: %d번 포트의 b와 c, %d번 포트의 d, 라우터 뒤 %d번 포트의 e',
    'a sends to e (%s) with IP_TTL 1, then 2':
        'a가 e(%s)에게 IP_TTL 1로, 그다음 2로 보냅니다',
    'a sends to the group %s with IP_MULTICAST_TTL 1, then 2':
        'a가 그룹 %s에 IP_MULTICAST_TTL 1로, 그다음 2로 보냅니다',
    'a, b, c, d on a switch; e behind a router; packets captured on every port of the switch':
        '스위치에 a, b, c, d. 라우터 뒤에 e. 스위치의 모든 포트에서 패킷을 캡처합니다',
    'a sends to the group %s, port %d':
        'a가 그룹 %s, %d번 포트로 보냅니다',
    'a sends to 255.255.255.255, port %d, with SO_BROADCAST set':
        'a가 SO_BROADCAST를 설정하고 255.255.255.255, %d번 포트로 보냅니다',
    'a sends to 255.255.255.255, port %d, without SO_BROADCAST':
        'a가 SO_BROADCAST 없이 255.255.255.255, %d번 포트로 보냅니다',
    'the sender never called sendto()':
        '송신자가 sendto()를 호출하지 않았습니다',
    'sendto() to the broadcast address did not fail with EACCES':
        '브로드캐스트 주소로의 sendto()가 EACCES로 실패하지 않았습니다',
    'without SO_BROADCAST, sendto() to 255.255.255.255 failed with EACCES: the kernel refuses to broadcast unasked':
        'SO_BROADCAST 없이 255.255.255.255로 한 sendto()가 EACCES로 실패했습니다: 커널은 요청하지 않은 브로드캐스트를 거부합니다',
    '%d receivers got something':
        '무언가를 받은 수신자가 %d개입니다',
    'no receiver got anything: nothing was sent':
        '아무것도 받은 수신자가 없습니다: 보낸 것이 없습니다',
    'a datagram to 255.255.255.255 was on the wire':
        '255.255.255.255로 가는 데이터그램이 선 위에 있었습니다',
    "no datagram left host a: the refusal was in a's kernel":
        '호스트 a를 떠난 데이터그램이 없습니다: 거부는 a의 커널에서 일어났습니다',
    'the sender did not set SO_BROADCAST':
        '송신자가 SO_BROADCAST를 설정하지 않았습니다',
    'sendto() to 255.255.255.255 did not succeed':
        '255.255.255.255로의 sendto()가 성공하지 않았습니다',
    'with SO_BROADCAST, sendto() to 255.255.255.255 sent %lld bytes':
        'SO_BROADCAST를 설정하니 255.255.255.255로의 sendto()가 %lld바이트를 보냈습니다',
    'b got %d datagrams and c %d, not one each':
        'b는 데이터그램 %d개, c는 %d개를 받았습니다. 하나씩이 아니라',
    'd, on another port, got it too':
        '다른 포트의 d도 받았습니다',
    'b and c, on port %d, got it once each; d, on port %d, did not: the port is the channel':
        '%d번 포트의 b와 c는 한 번씩 받았고, %d번 포트의 d는 받지 않았습니다: 포트가 곧 채널입니다',
    'e, behind the router, got %d datagrams':
        '라우터 뒤의 e가 데이터그램 %d개를 받았습니다',
    'e, behind the router on port %d too, got nothing: a router does not pass a broadcast on':
        '라우터 뒤, 같은 %d번 포트의 e는 아무것도 받지 못했습니다: 라우터는 브로드캐스트를 넘겨 주지 않습니다',
    'the datagram crossed %d ports of the switch':
        '데이터그램이 스위치의 포트 %d개를 지나갔습니다',
    "the datagram crossed %d ports of the switch, not c's":
        '데이터그램이 스위치의 포트 %d개를 지나갔지만 c의 포트는 아닙니다',
    'one sendto(), %d copies on the switch: in from a, out to every other port':
        'sendto() 한 번, 스위치 위의 복사본 %d개: a에서 들어와 다른 모든 포트로 나갔습니다',
    'b, a member, got %d datagrams, not one':
        '멤버인 b가 받은 데이터그램은 %d개입니다. 하나가 아니라',
    'c got %d and d %d: only members on the port may':
        'c는 %d개, d는 %d개를 받았습니다: 그 포트의 멤버만 받을 수 있습니다',
    'only b got it: c, on the same port, had not joined %s; d had, but listens on another port':
        'b만 받았습니다: 같은 포트의 c는 %s에 가입하지 않았고, d는 가입했지만 다른 포트에서 기다립니다',
    "the group's datagram never reached c's port":
        '그룹의 데이터그램이 c의 포트에 닿지 않았습니다',
    "the switch gave c's port the datagram too: c's own stack dropped it, as c had not joined":
        '스위치는 c의 포트에도 데이터그램을 주었습니다: c가 가입하지 않았으므로 c 자신의 스택이 버렸습니다',
    'no ICMP time exceeded was captured':
        'ICMP time exceeded가 캡처되지 않았습니다',
    'the time exceeded came from %s, not the router':
        'time exceeded가 라우터가 아니라 %s에서 왔습니다',
    "the router took the TTL-1 datagram's last hop and said so: ICMP time exceeded, back to a":
        '라우터가 TTL 1인 데이터그램의 마지막 홉을 맡고 그렇게 알렸습니다: ICMP time exceeded가 a에게 돌아갔습니다',
    'e got %d datagram(s) with TTL 1 and %d with TTL 2 from a':
        'e가 a에게서 TTL 1로 데이터그램 %d개, TTL 2로 %d개를 받았습니다',
    'with IP_TTL 2 the datagram crossed the router and reached e; with 1 it did not':
        'IP_TTL 2이면 데이터그램이 라우터를 지나 e에 닿았고, 1이면 닿지 않았습니다',
    'e got %d group datagram(s) with TTL 1 and %d with TTL 2':
        'e가 그룹 데이터그램을 TTL 1로 %d개, TTL 2로 %d개 받았습니다',
    "IP_MULTICAST_TTL 1 kept the group's datagram on a's network; with 2 the router sent it on to e":
        'IP_MULTICAST_TTL 1은 그룹의 데이터그램을 a의 네트워크에 머물게 했고, 2이면 라우터가 e에게 넘겼습니다',
    'without SO_BROADCAST, sendto() to a broadcast address fails with EACCES':
        'SO_BROADCAST 없이 브로드캐스트 주소로 한 sendto()는 EACCES로 실패합니다',
    'nothing leaves host a':
        '호스트 a를 떠나는 것이 없습니다',
    'no receiver gets anything':
        '아무것도 받는 수신자가 없습니다',
    'with SO_BROADCAST, sendto() to 255.255.255.255 succeeds':
        'SO_BROADCAST를 설정하면 255.255.255.255로의 sendto()가 성공합니다',
    'the switch copies the datagram to every port':
        '스위치가 데이터그램을 모든 포트로 복사합니다',
    'the hosts on the port get it; a host on another port does not':
        '그 포트의 호스트는 받고, 다른 포트의 호스트는 받지 않습니다',
    'a host behind the router does not get it':
        '라우터 뒤의 호스트는 받지 않습니다',
    "the group's datagram reaches every port of the switch":
        '그룹의 데이터그램이 스위치의 모든 포트에 닿습니다',
    'only a host that joined the group, on the port, gets it':
        '그룹에 가입한, 그 포트의 호스트만 받습니다',
    'IP_TTL 1 ends at the router, which answers ICMP time exceeded':
        'IP_TTL 1은 라우터에서 끝나고, 라우터가 ICMP time exceeded로 답합니다',
    'IP_TTL 2 crosses the router':
        'IP_TTL 2는 라우터를 지나갑니다',
    'IP_MULTICAST_TTL 1 stays on the network, 2 crosses the router':
        'IP_MULTICAST_TTL 1은 네트워크에 머물고, 2는 라우터를 지나갑니다',
    'to a multicast group: only its members get it':
        '멀티캐스트 그룹으로: 멤버만 받습니다',
    'IP_TTL and IP_MULTICAST_TTL 1, then 2, through a router':
        'IP_TTL과 IP_MULTICAST_TTL을 1, 그다음 2로, 라우터를 지나서',
    'setsockopt(SO_BROADCAST) before sending to a broadcast address':
        '브로드캐스트 주소로 보내기 전에 setsockopt(SO_BROADCAST)',
    'the server process ends':
        '서버 프로세스가 끝납니다',
    'the user types a line':
        '사용자가 한 줄을 입력합니다',
    'threads of the server wait in epoll_wait()':
        '서버의 쓰레드가 epoll_wait()에서 기다립니다',
    'start the select server on port %s':
        'select 서버를 %s번 포트에서 시작합니다',
    'a client connects and types a line (%s)':
        '클라이언트가 연결하고 한 줄을 입력합니다 (%s)',
    'echo_selectcli: it waits in select() on the keyboard and the socket':
        'echo_selectcli: 키보드와 소켓을 select()로 함께 기다립니다',
    "lab 1's echo_client: it waits in fgets() for the keyboard":
        '실습 1의 echo_client: fgets()에서 키보드를 기다립니다',
    'the server process ends (socklab stops it): its kernel sends the client a FIN':
        '서버 프로세스가 끝납니다(socklab이 멈춥니다): 그 커널이 클라이언트에게 FIN을 보냅니다',
    "the client's user does not type for %d s":
        '클라이언트의 사용자가 %d초 동안 입력하지 않습니다',
    'client %d connects':
        '클라이언트 %d이(가) 연결합니다',
    'client %d types a line':
        '클라이언트 %d이(가) 한 줄을 입력합니다',
    'start the %s server on port %s (it hands select() its own set: no-copy)':
        '%s 서버를 %s번 포트에서 시작합니다 (select()에 자기 집합을 그대로 넘깁니다: no-copy)',
    'start the %s server on port %s':
        '%s 서버를 %s번 포트에서 시작합니다',
    'socklab stops the server':
        'socklab이 서버를 멈춥니다',
    'start the server: a pool of %d threads on one epoll instance':
        '서버를 시작합니다: epoll 인스턴스 하나에 쓰레드 %d개의 쓰레드 풀',
    '%d clients connect at once, each sends a line and waits for its echo':
        '클라이언트 %d개가 한꺼번에 연결하고, 각자 한 줄을 보내고 에코를 기다립니다',
    'every client served, all %d threads of the server wait in epoll_wait() on the one instance':
        '모든 클라이언트를 서비스했습니다. 하나의 인스턴스에서 서버의 쓰레드가 epoll_wait()에서 기다립니다 (%d개 모두)',
    'the line came back while the server ran':
        '서버가 실행되는 동안 줄이 돌아왔습니다',
    "the client's line did not come back":
        '클라이언트의 줄이 돌아오지 않았습니다',
    "the client never read the server's FIN (no read() returned 0)":
        '클라이언트가 서버의 FIN을 읽지 않았습니다 (0을 반환한 read()가 없음)',
    'the client read the FIN %.0f ms after the server ended, before its user typed: it did not wait in fgets()':
        '클라이언트가 서버가 끝나고 %.0f ms 뒤, 사용자가 입력하기 전에 FIN을 읽었습니다: fgets()에서 기다리지 않았습니다',
    "the client read the server's FIN only %.1f s after the server had ended, once its user typed: until then it waited in fgets()":
        '클라이언트가 서버가 끝나고 %.1f초나 지나, 사용자가 입력하고 나서야 서버의 FIN을 읽었습니다: 그때까지 fgets()에서 기다렸습니다',
    'the client never connected':
        '클라이언트가 연결하지 않았습니다',
    "the client's socket %s was never seen in CLOSE_WAIT":
        '클라이언트의 소켓 %s이(가) CLOSE_WAIT 상태로 보인 적이 없습니다',
    "the client's socket left CLOSE_WAIT before its user typed":
        '사용자가 입력하기 전에 클라이언트의 소켓이 CLOSE_WAIT 상태를 벗어났습니다',
    "the client's socket stayed in CLOSE_WAIT for %.1f s, until its user typed: the FIN had arrived, nobody read it":
        '클라이언트의 소켓이 사용자가 입력할 때까지 %.1f초 동안 CLOSE_WAIT 상태에 머물렀습니다: FIN은 왔는데 아무도 읽지 않았습니다',
    'the client never called select() on its socket':
        '클라이언트가 자기 소켓에 select()를 호출하지 않았습니다',
    'select() did not watch the keyboard (descriptor 0)':
        'select()가 키보드(파일 디스크립터 0)를 지켜보지 않았습니다',
    'select() watched the keyboard (0) and the socket (%d) together':
        'select()가 키보드(0)와 소켓(%d)을 함께 지켜보았습니다',
    'no select() found the socket ready after the server ended':
        '서버가 끝난 뒤 소켓이 준비되었다고 알려 준 select()가 없습니다',
    'select() found the socket ready, but no read() returned 0 after it':
        'select()가 소켓이 준비되었다고 알렸지만, 그 뒤에 0을 반환한 read()가 없습니다',
    'the client read the FIN only after its user typed':
        '클라이언트는 사용자가 입력한 뒤에야 FIN을 읽었습니다',
    'select() woke with the socket ready %.1f ms after the server ended, and read() returned 0: the FIN, while the user was silent':
        '서버가 끝나고 %.1f ms 뒤에 select()가 소켓이 준비되어 깨어났고, read()가 0을 반환했습니다: 사용자가 조용한 동안 온 FIN입니다',
    'the client never closed its socket':
        '클라이언트가 자기 소켓을 닫지 않았습니다',
    'the client closed its socket only after its user typed':
        '클라이언트가 사용자가 입력한 뒤에야 소켓을 닫았습니다',
    'the client closed its socket %.1f s before its user typed: no CLOSE_WAIT left waiting for the keyboard':
        '클라이언트가 사용자가 입력하기 %.1f초 전에 소켓을 닫았습니다: 키보드를 기다리는 CLOSE_WAIT이 남지 않았습니다',
    'the server never ran':
        '서버가 실행되지 않았습니다',
    'the server used %s, not one process':
        '서버가 프로세스 하나가 아니라 %s을(를) 썼습니다',
    'the server never waited in select(), poll() or epoll_wait()':
        '서버가 select(), poll(), epoll_wait()에서 기다린 적이 없습니다',
    'one process, one thread served every client: no fork(), no thread, %d calls of %s()':
        '프로세스 하나, 쓰레드 하나가 모든 클라이언트를 서비스했습니다: fork()도 쓰레드도 없이, %d번의 %s() 호출로',
    'every select() watched every open client (%d calls)':
        'select()마다 열린 클라이언트를 모두 지켜보았습니다 (%d번 호출)',
    "select() stopped watching socket %d, which was never closed: it was handed the server's own set, and left in it only what was ready":
        'select()가 닫힌 적 없는 소켓 %d을(를) 더는 지켜보지 않았습니다: 서버의 집합을 그대로 받아서 준비된 것만 남겼기 때문입니다',
    'a select() did not watch socket %d, an open client':
        '열린 클라이언트인 소켓 %d을(를) 지켜보지 않은 select()가 있습니다',
    'the server never called select()':
        '서버가 select()를 호출하지 않았습니다',
    'each of %d select() calls watched the listening socket and every open client (up to %d descriptors), and said which were ready':
        'select() 호출 %d번이 모두 연결 요청 대기 소켓과 열린 클라이언트 전부(파일 디스크립터 최대 %d개)를 지켜보고, 어느 것이 준비되었는지 알려 주었습니다',
    'each of the %d accept() calls followed a select() that found the listening socket ready: accept() never waited':
        'accept() 호출 %d번이 모두 연결 요청 대기 소켓이 준비되었다고 알린 select() 뒤에 왔습니다: accept()는 기다린 적이 없습니다',
    '%d of %d accept() calls followed a select() that found the listening socket ready (%d clients)':
        'accept() 호출 %2$d번 중 %1$d번이 연결 요청 대기 소켓이 준비되었다고 알린 select() 뒤에 왔습니다 (클라이언트 %3$d개)',
    'the server never called epoll_wait()':
        '서버가 epoll_wait()를 호출하지 않았습니다',
    '%d of %d descriptors epoll_wait() handed back were then served':
        'epoll_wait()가 돌려준 파일 디스크립터 %2$d개 중 %1$d개가 그 뒤에 서비스되었습니다',
    '%d epoll_wait() calls handed back %d ready descriptors, each then accept()ed or read: nothing to search, nothing to rebuild':
        'epoll_wait() 호출 %d번이 준비된 파일 디스크립터 %d개를 돌려주었고, 각각 accept()되거나 읽혔습니다: 찾을 것도, 다시 만들 것도 없습니다',
    '%d clients, connected at once, each got its line back':
        '한꺼번에 연결한 클라이언트 %d개가 각자 자기 줄을 돌려받았습니다',
    'not every one of the %d clients got its line back':
        '클라이언트 %d개 중 자기 줄을 돌려받지 못한 것이 있습니다',
    'the server had %d threads at most; the pool has %d':
        '서버의 쓰레드는 많아야 %d개였습니다. 쓰레드 풀은 %d개입니다',
    'a thread was made after the first client was accepted':
        '첫 클라이언트를 받아들인 뒤에 만든 쓰레드가 있습니다',
    'the %d threads were not all seen waiting in epoll_wait()':
        '쓰레드 %d개가 모두 epoll_wait()에서 기다리는 모습이 보이지는 않았습니다',
    '%d threads, made before the first client and never more, served %d clients (%d of them took ready descriptors); then all %d waited in epoll_wait() on the one instance':
        '첫 클라이언트 전에 만들어져 더 늘지 않은 쓰레드 %d개가 클라이언트 %d개를 서비스했고(그중 %d개가 준비된 파일 디스크립터를 받음), 그다음 %d개 모두 하나의 인스턴스에서 epoll_wait()로 기다렸습니다',
    'no epoll_wait() handed a descriptor to a thread':
        '쓰레드에게 파일 디스크립터를 넘긴 epoll_wait()가 없습니다',
    '%d times a descriptor was handed out again before it was re-armed, %d times read by another thread than the one it was handed to':
        '파일 디스크립터가 다시 등록(re-arm)되기 전에 또 넘겨진 것이 %d번, 넘겨받은 쓰레드가 아닌 다른 쓰레드가 읽은 것이 %d번입니다',
    '%d ready descriptors, each handed to one thread, read by that thread, and re-armed (EPOLL_CTL_MOD) before any thread got it again':
        '준비된 파일 디스크립터 %d개가 각각 쓰레드 하나에 넘겨져 그 쓰레드가 읽었고, 다른 쓰레드가 받기 전에 다시 등록(EPOLL_CTL_MOD)되었습니다',
    "the client's line comes back while the server runs":
        '서버가 실행되는 동안 클라이언트의 줄이 돌아옵니다',
    'blocked in fgets(), the client reads the FIN only when its user types':
        'fgets()에서 블로킹된 클라이언트는 사용자가 입력해야 FIN을 읽습니다',
    "the client's socket waits in CLOSE_WAIT until its user types":
        '클라이언트의 소켓이 사용자가 입력할 때까지 CLOSE_WAIT 상태로 기다립니다',
    "the client's select() watches the keyboard and the socket":
        '클라이언트의 select()가 키보드와 소켓을 지켜봅니다',
    'select() wakes at the FIN, while the user is silent':
        '사용자가 조용한 동안에도 FIN이 오면 select()가 깨어납니다',
    'the client closes its socket before its user types':
        '클라이언트가 사용자가 입력하기 전에 소켓을 닫습니다',
    'one process, one thread: no fork(), no thread':
        '프로세스 하나, 쓰레드 하나: fork()도 쓰레드도 없음',
    "handed the server's own set, select() drops clients that are still open":
        '서버의 집합을 그대로 넘기면 select()가 아직 열린 클라이언트를 빠뜨립니다',
    'a client whose socket left the set is never read again':
        '집합에서 빠진 소켓의 클라이언트는 다시는 읽히지 않습니다',
    'accept() follows a select() that found the listener ready':
        'accept()는 연결 요청 대기 소켓이 준비되었다고 알린 select() 뒤에 옵니다',
    'each select() watches the listener and every open client':
        'select()마다 연결 요청 대기 소켓과 열린 클라이언트를 모두 지켜봅니다',
    'every client gets its line back':
        '모든 클라이언트가 자기 줄을 돌려받습니다',
    'epoll_wait() hands back only ready descriptors, each then served':
        'epoll_wait()는 준비된 파일 디스크립터만 돌려주고, 각각 서비스됩니다',
    'four threads serve every client, and no thread is added':
        '쓰레드 네 개가 모든 클라이언트를 서비스하고, 쓰레드가 늘지 않습니다',
    'EPOLLONESHOT: each ready descriptor goes to one thread at a time':
        'EPOLLONESHOT: 준비된 파일 디스크립터는 한 번에 쓰레드 하나에게만 갑니다',
    'every one of 100 clients gets its line back':
        '클라이언트 100개가 모두 자기 줄을 돌려받습니다',
    'the select server and three clients; naive, it hands select() its own set':
        'select 서버와 클라이언트 셋. 단순한 버전은 select()에 자기 집합을 그대로 넘깁니다',
    'the same server with epoll':
        '같은 서버를 epoll로',
    'four threads on one epoll instance serve 100 clients':
        'epoll 인스턴스 하나의 쓰레드 네 개가 클라이언트 100개를 서비스합니다',
    'it is the corrected server already':
        '이미 고친 서버입니다',
    'it shows a way to serve many clients; nothing in it is a mistake':
        '많은 클라이언트를 서비스하는 한 가지 방법을 보여 줄 뿐, 고칠 실수가 없습니다',
    'the client waits in select() on the keyboard and the socket together':
        '클라이언트가 키보드와 소켓을 select()로 함께 기다립니다',
    'client %d connects and types a line':
        '클라이언트 %d이(가) 연결하고 한 줄을 입력합니다',
    'socklab holds each new thread of the server until the server makes the next one: a busy machine may run them in that order any time':
        'socklab이 서버가 다음 쓰레드를 만들 때까지 새 쓰레드를 하나씩 붙잡아 둡니다: 바쁜 컴퓨터는 언제든 그 순서로 실행할 수 있습니다',
    'start the thread-per-client echo server on port %s (each thread gets its socket by value)':
        '클라이언트 당 쓰레드 에코 서버를 %s번 포트에서 시작합니다 (쓰레드마다 자기 소켓을 값으로 받습니다)',
    'start the thread-per-client echo server on port %s (each thread gets &clnt_sock)':
        '클라이언트 당 쓰레드 에코 서버를 %s번 포트에서 시작합니다 (쓰레드마다 &clnt_sock을 받습니다)',
    'the server made its second thread, so the first one starts; socklab lets the second one start too':
        '서버가 두 번째 쓰레드를 만들었으니 첫 번째 쓰레드가 시작합니다. socklab이 두 번째 쓰레드도 시작하게 둡니다',
    'client 2 ends its input and closes':
        '클라이언트 2가 입력을 끝내고 연결을 닫습니다',
    'client 1 ends its input and closes':
        '클라이언트 1이 입력을 끝내고 연결을 닫습니다',
    'client 1 ends its input, but it still waits for its echo':
        '클라이언트 1이 입력을 끝내지만, 여전히 에코를 기다립니다',
    "start the echo server on port %s: each thread first closes the listening socket, as lab 2's children did":
        '에코 서버를 %s번 포트에서 시작합니다: 실습 2의 자식 프로세스처럼, 쓰레드마다 먼저 연결 요청 대기 소켓을 닫습니다',
    'the main thread waits in accept() again; socklab lets the first thread start, and it closes the listening socket':
        '메인 쓰레드가 다시 accept()에서 기다립니다. socklab이 첫 쓰레드를 시작하게 두고, 그 쓰레드가 연결 요청 대기 소켓을 닫습니다',
    'client 2 connects: the accept() already waiting still holds the listening socket, and returns it':
        '클라이언트 2가 연결합니다: 이미 기다리던 accept()가 아직 연결 요청 대기 소켓을 잡고 있어서 연결을 반환합니다',
    'client 3 connects: nobody listens on port %s any more':
        '클라이언트 3이 연결합니다: %s번 포트에서 기다리는 이가 더는 없습니다',
    'client %s says "%s"':
        '클라이언트 %s이(가) "%s"(이)라고 말합니다',
    'client %s quits: its input ends, it calls shutdown(SHUT_RDWR), and waits for its receiver thread':
        '클라이언트 %s이(가) 나갑니다: 입력이 끝나고, shutdown(SHUT_RDWR)을 호출하고, 수신 쓰레드를 기다립니다',
    'client %s quits: its input ends, it calls close(), and waits for its receiver thread':
        '클라이언트 %s이(가) 나갑니다: 입력이 끝나고, close()를 호출하고, 수신 쓰레드를 기다립니다',
    "%.1f s after close(), client %s's receiver thread %d is still blocked in recv(): socklab stops the client":
        'close() 뒤 %.1f초가 지나도 클라이언트 %s의 수신 쓰레드 %d이(가) 여전히 recv()에서 블로킹되어 있습니다: socklab이 클라이언트를 멈춥니다',
    'start the chat server on port %s (with its mutex; built with ThreadSanitizer)':
        '채팅 서버를 %s번 포트에서 시작합니다 (뮤텍스 사용, ThreadSanitizer로 빌드)',
    'start the chat server on port %s (without a mutex: nolock; built with ThreadSanitizer)':
        '채팅 서버를 %s번 포트에서 시작합니다 (뮤텍스 없음: nolock, ThreadSanitizer로 빌드)',
    'client %s joins':
        '클라이언트 %s이(가) 들어옵니다',
    '[%d] thread %d: %u calls':
        '[%d] 쓰레드 %d: 호출 %u번',
    'the server used %s, not a thread per client':
        '서버가 클라이언트 당 쓰레드가 아니라 %s을(를) 썼습니다',
    'one process, %d threads: the main one accepts, one more per client; no fork()':
        '프로세스 하나, 쓰레드 %d개: 메인 쓰레드가 받아들이고, 클라이언트마다 하나씩 더. fork() 없음',
    'the server never accepted client 2':
        '서버가 클라이언트 2를 받아들이지 않았습니다',
    "%d thread read client 2's socket %d":
        '쓰레드 %d개가 클라이언트 2의 소켓 %d을(를) 읽었습니다',
    "%d threads read client 2's socket %d":
        '쓰레드 %d개가 클라이언트 2의 소켓 %d을(를) 읽었습니다',
    "threads %d and %d both read socket %d, client 2's: the first read clnt_sock after the second accept() had overwritten it":
        '쓰레드 %d와(과) %d이(가) 둘 다 클라이언트 2의 소켓 %d을(를) 읽었습니다: 첫 쓰레드가 clnt_sock을 읽은 것은 두 번째 accept()가 그 값을 덮어쓴 뒤였습니다',
    'the server did not accept both clients':
        '서버가 두 클라이언트를 모두 받아들이지는 않았습니다',
    'socket %d was read by %d threads, socket %d by %d':
        '소켓 %d은(는) 쓰레드 %d개가, 소켓 %d은(는) %d개가 읽었습니다',
    'thread %d served socket %d (client 1), thread %d socket %d (client 2)':
        '쓰레드 %d이(가) 소켓 %d(클라이언트 1)을, 쓰레드 %d이(가) 소켓 %d(클라이언트 2)를 서비스했습니다',
    'nobody closed the listening socket':
        '아무도 연결 요청 대기 소켓을 닫지 않았습니다',
    "the main thread closed the listening socket, not a client's thread":
        '연결 요청 대기 소켓을 닫은 것은 클라이언트의 쓰레드가 아니라 메인 쓰레드였습니다',
    'thread %d, serving a client, closed the listening socket (fd %d): the one descriptor of the whole process':
        '클라이언트를 서비스하던 쓰레드 %d이(가) 연결 요청 대기 소켓(fd %d)을 닫았습니다: 프로세스 전체에 하나뿐인 파일 디스크립터입니다',
    'no accept() failed after a thread closed the listening socket':
        '쓰레드가 연결 요청 대기 소켓을 닫은 뒤에 실패한 accept()가 없습니다',
    "after the thread's close(), %d accept() already waiting returned a client, then the main thread's accept() failed with %s: accepting stopped for the whole process":
        '쓰레드의 close() 뒤에, 이미 기다리던 accept() %d개가 클라이언트를 반환했고, 그다음 메인 쓰레드의 accept()가 %s(으)로 실패했습니다: 프로세스 전체의 받아들이기가 멈췄습니다',
    'client 3 never tried to connect':
        '클라이언트 3이 연결을 시도하지 않았습니다',
    "client 3's connect() was not refused":
        '클라이언트 3의 connect()가 거절되지 않았습니다',
    "client 3's connect() was refused (ECONNREFUSED): the port had no listening socket left":
        '클라이언트 3의 connect()가 거절되었습니다(ECONNREFUSED): 그 포트에 연결 요청 대기 소켓이 남아 있지 않았습니다',
    'client %s printed "%s" %d times':
        '클라이언트 %s이(가) "%s"을(를) %d번 출력했습니다',
    '%d times a line did not reach a client exactly once':
        '줄이 클라이언트에게 정확히 한 번 닿지 않은 것이 %d번입니다',
    'each line reached every other client present exactly once (%d deliveries), never its sender':
        '줄마다 그 자리에 있던 다른 클라이언트 모두에게 정확히 한 번씩 닿았고(전달 %d번), 보낸 이에게는 가지 않았습니다',
    'ThreadSanitizer caught two threads using the client list with no lock between them: a data race':
        'ThreadSanitizer가 두 쓰레드가 잠금 없이 클라이언트 목록을 쓰는 것을 잡았습니다: 데이터 경쟁(data race)',
    'ThreadSanitizer reported no data race':
        'ThreadSanitizer가 데이터 경쟁을 보고하지 않았습니다',
    'ThreadSanitizer reported a problem':
        'ThreadSanitizer가 문제를 보고했습니다',
    'ThreadSanitizer watched every access to the client list and reported no race: each was inside the mutex':
        'ThreadSanitizer가 클라이언트 목록에 대한 접근을 모두 지켜보았고 경쟁을 보고하지 않았습니다: 모두 뮤텍스 안에 있었습니다',
    'socklab stops the client':
        'socklab이 클라이언트를 멈춥니다',
    'client A never closed its socket':
        '클라이언트 A가 자기 소켓을 닫지 않았습니다',
    "client A's receiver thread came out of recv() %.0f ms after close()":
        '클라이언트 A의 수신 쓰레드가 close() 뒤 %.0f ms 만에 recv()에서 나왔습니다',
    'client A ended by itself after close()':
        '클라이언트 A가 close() 뒤에 스스로 끝났습니다',
    "after close(), client A's receiver thread stayed blocked in recv() for %.1f s, and A waited in pthread_join() until socklab stopped it":
        'close() 뒤에도 클라이언트 A의 수신 쓰레드가 %.1f초 동안 recv()에서 블로킹되었고, A는 socklab이 멈출 때까지 pthread_join()에서 기다렸습니다',
    'client A never called shutdown()':
        '클라이언트 A가 shutdown()을 호출하지 않았습니다',
    "client A's receiver thread did not come out of recv() with 0":
        '클라이언트 A의 수신 쓰레드가 0을 받고 recv()에서 나오지 않았습니다',
    'client A did not end by itself':
        '클라이언트 A가 스스로 끝나지 않았습니다',
    "%.1f ms after shutdown(), the receiver thread's recv() returned 0; the thread ended and client A left by itself":
        'shutdown() 뒤 %.1f ms 만에 수신 쓰레드의 recv()가 0을 반환했습니다. 쓰레드가 끝나고 클라이언트 A가 스스로 나갔습니다',
    'one process: the main thread and a thread per client':
        '프로세스 하나: 메인 쓰레드와 클라이언트 당 쓰레드',
    "two threads serve one client's socket (&clnt_sock was overwritten)":
        '두 쓰레드가 한 클라이언트의 소켓을 서비스합니다 (&clnt_sock이 덮어써졌습니다)',
    'the other client is never served':
        '다른 클라이언트는 서비스받지 못합니다',
    "each client's socket is served by its own thread":
        '클라이언트마다 자기 쓰레드가 그 소켓을 서비스합니다',
    "a client's thread closes the listening socket":
        '클라이언트의 쓰레드가 연결 요청 대기 소켓을 닫습니다',
    'then accept() fails for the whole process':
        '그러면 프로세스 전체에서 accept()가 실패합니다',
    'a later client is refused: nobody listens':
        '나중의 클라이언트는 거절됩니다: 기다리는 이가 없습니다',
    'every line reaches every other client once, never its sender':
        '줄마다 다른 클라이언트 모두에게 한 번씩 닿고, 보낸 이에게는 가지 않습니다',
    'without a mutex, ThreadSanitizer reports a data race on the client list':
        '뮤텍스가 없으면 ThreadSanitizer가 클라이언트 목록의 데이터 경쟁을 보고합니다',
    'close() does not wake the thread blocked in recv()':
        'close()는 recv()에서 블로킹된 쓰레드를 깨우지 않습니다',
    'with the mutex, ThreadSanitizer reports nothing':
        '뮤텍스가 있으면 ThreadSanitizer가 아무것도 보고하지 않습니다',
    'shutdown() wakes the thread blocked in recv()':
        'shutdown()은 recv()에서 블로킹된 쓰레드를 깨웁니다',
    "each thread first closes the listening socket, as lab 2's children did":
        '실습 2의 자식 프로세스처럼, 쓰레드마다 먼저 연결 요청 대기 소켓을 닫습니다',
    'a chat server: its client list without a mutex; quitting with close()':
        '채팅 서버: 뮤텍스 없는 클라이언트 목록, close()로 나가기',
    'it shows what a shared descriptor table means; lab 2 is its contrast':
        '파일 디스크립터 테이블을 공유한다는 것이 무슨 뜻인지 보여 줍니다. 실습 2가 그 대조입니다',
    "each thread gets its client's socket by value, not &clnt_sock":
        '쓰레드마다 &clnt_sock이 아니라 클라이언트의 소켓을 값으로 받습니다',
    'start the server, bound to %s:%s':
        '서버를 시작합니다. %s:%s에 bind합니다',
    'a client connects to %s:%s':
        '클라이언트가 %s:%s(으)로 연결합니다',
    "another client connects to %s:%s, the host's other address":
        '다른 클라이언트가 호스트의 다른 주소인 %s:%s(으)로 연결합니다',
    'a server listens on port %s':
        '서버가 %s번 포트에서 연결 요청을 기다립니다',
    'a second server, while the first lives, binds the same port':
        '첫 서버가 살아 있는 동안 두 번째 서버가 같은 포트에 bind합니다',
    'two servers that both set SO_REUSEPORT share port %s':
        '둘 다 SO_REUSEPORT를 설정한 서버 두 개가 %s번 포트를 함께 씁니다',
    'another user, with SO_REUSEPORT too, binds the same port':
        '역시 SO_REUSEPORT를 설정한 다른 사용자가 같은 포트에 bind합니다',
    'a client connects: the kernel gives it to one of them':
        '클라이언트가 연결합니다: 커널이 그 연결을 둘 중 하나에게 줍니다',
    'a plain user binds port %d':
        '일반 사용자가 %d번 포트에 bind합니다',
    'an IPv6 server on [::]:%s, IPV6_V6ONLY 0: dual-stack':
        '[::]:%s의 IPv6 서버, IPV6_V6ONLY 0: 듀얼 스택',
    'an IPv4 client connects to %s:%s':
        'IPv4 클라이언트가 %s:%s(으)로 연결합니다',
    'the server again, with IPV6_V6ONLY 1; the same IPv4 client':
        '다시 서버, 이번에는 IPV6_V6ONLY 1. 같은 IPv4 클라이언트',
    'the 16 bytes of a sockaddr_in, and three bind()s':
        'sockaddr_in의 16바이트, 그리고 bind() 세 번',
    "inet_addr() beside inet_pton(); a UDP socket's first sendto()":
        'inet_pton() 옆의 inet_addr(). UDP 소켓의 첫 sendto()',
    'the server never called bind()':
        '서버가 bind()를 호출하지 않았습니다',
    "the server's bind() failed (%s)":
        '서버의 bind()가 실패했습니다 (%s)',
    'the server bound %s, not %s:%d':
        '서버가 %2$s:%3$d이(가) 아니라 %1$s에 bind했습니다',
    'the server bound %s: INADDR_ANY, every address of the host':
        '서버가 %s에 bind했습니다: INADDR_ANY, 호스트의 모든 주소',
    "the server bound %s: one address of the host's two":
        '서버가 %s에 bind했습니다: 호스트의 두 주소 중 하나',
    'the client called bind() itself':
        '클라이언트가 직접 bind()를 호출했습니다',
    'the client did not call getsockname() before and after connect()':
        '클라이언트가 connect() 전후에 getsockname()을 호출하지 않았습니다',
    "before connect(), the client's socket was already %s":
        'connect() 전에 클라이언트의 소켓이 이미 %s이었습니다',
    "after connect(), the client's socket was %s, not %s and a port":
        'connect() 뒤에 클라이언트의 소켓이 %2$s와 포트가 아니라 %1$s이었습니다',
    'no bind(): 0.0.0.0:0 before connect(), %s after -- the kernel chose the address and the port':
        'bind() 없음: connect() 전에는 0.0.0.0:0, 뒤에는 %s -- 커널이 주소와 포트를 골랐습니다',
    "the client's connect() to %s failed (%s)":
        '클라이언트의 %s(으)로의 connect()가 실패했습니다 (%s)',
    'never called':
        '호출되지 않음',
    'the client to %s was not greeted':
        '%s(으)로 간 클라이언트가 인사를 받지 못했습니다',
    'the client to %s:%d was served':
        '%s:%d(으)로 간 클라이언트가 서비스를 받았습니다',
    'the second client never called connect()':
        '두 번째 클라이언트가 connect()를 호출하지 않았습니다',
    'the second client connected to %s, not %s':
        '두 번째 클라이언트가 %2$s이(가) 아니라 %1$s(으)로 연결했습니다',
    'connect() to %s did not fail with ECONNREFUSED (%s)':
        '%s(으)로의 connect()가 ECONNREFUSED로 실패하지 않았습니다 (%s)',
    "connect() to %s:%d failed with ECONNREFUSED: nothing is bound to that address, though the port is the server's":
        '%s:%d(으)로의 connect()가 ECONNREFUSED로 실패했습니다: 포트는 서버의 것이지만, 그 주소에 bind된 것이 없습니다',
    'no RST came from %s:%d':
        '%s:%d에서 RST가 오지 않았습니다',
    '%s:%d answered a SYN with SYN-ACK':
        '%s:%d이(가) SYN에 SYN-ACK로 답했습니다',
    'the SYN to %s:%d was answered by [RA]: the kernel has no socket for that address and port':
        '%s:%d(으)로 간 SYN에 [RA]가 답했습니다: 커널에 그 주소와 포트의 소켓이 없습니다',
    'the connections were %s and %s, not on %s and %s':
        '연결은 %3$s와(과) %4$s이(가) 아니라 %1$s와(과) %2$s이었습니다',
    'a client was not greeted':
        '인사를 받지 못한 클라이언트가 있습니다',
    'one listening socket on 0.0.0.0:%d served both: one connection on %s, one on %s':
        '0.0.0.0:%d의 연결 요청 대기 소켓 하나가 둘 다 서비스했습니다: 연결 하나는 %s, 하나는 %s',
    'no SYN-ACK came from %s:%d':
        '%s:%d에서 SYN-ACK가 오지 않았습니다',
    'an RST came from %s:%d':
        '%s:%d에서 RST가 왔습니다',
    'the SYN to %s:%d was answered by [SA]':
        '%s:%d(으)로 간 SYN에 [SA]가 답했습니다',
    'the first server did not listen':
        '첫 서버가 연결 요청을 기다리지 않았습니다',
    'the second server never called bind()':
        '두 번째 서버가 bind()를 호출하지 않았습니다',
    "the second server's bind() did not fail with EADDRINUSE (%s)":
        '두 번째 서버의 bind()가 EADDRINUSE로 실패하지 않았습니다 (%s)',
    "the second server's bind() of port %d failed with EADDRINUSE: the first still listens there":
        '두 번째 서버의 %d번 포트 bind()가 EADDRINUSE로 실패했습니다: 첫 서버가 아직 거기서 기다립니다',
    '%s did not set SO_REUSEPORT before bind()':
        '%s이(가) bind() 전에 SO_REUSEPORT를 설정하지 않았습니다',
    '%s did not bind and listen (%s)':
        '%s이(가) bind와 listen을 하지 않았습니다 (%s)',
    'sharer 1 had ended before sharer 2 listened':
        '공유자 2가 listen하기 전에 공유자 1이 끝났습니다',
    'the client was not served by exactly one of the two':
        '클라이언트를 두 서버 중 정확히 하나가 서비스하지 않았습니다',
    'both servers set SO_REUSEPORT, bound and listened on port %d at once; the kernel gave the client to one of them':
        '두 서버 모두 SO_REUSEPORT를 설정하고 %d번 포트에 동시에 bind, listen했습니다. 커널이 클라이언트를 둘 중 하나에게 주었습니다',
    "socklab was not run as root, so the program could not become another user than the servers'":
        'socklab이 root로 실행되지 않아서, 프로그램이 서버와 다른 사용자가 될 수 없었습니다',
    'the program did not run as another user':
        '프로그램이 다른 사용자로 실행되지 않았습니다',
    "the other user's program never called bind()":
        '다른 사용자의 프로그램이 bind()를 호출하지 않았습니다',
    "the other user's bind() of port %d did not fail with EADDRINUSE (%s)":
        '다른 사용자의 %d번 포트 bind()가 EADDRINUSE로 실패하지 않았습니다 (%s)',
    "another user's bind() of port %d failed with EADDRINUSE, SO_REUSEPORT or not: only the same user may share a port":
        '다른 사용자의 %d번 포트 bind()가 SO_REUSEPORT와 상관없이 EADDRINUSE로 실패했습니다: 같은 사용자만 포트를 함께 쓸 수 있습니다',
    'the program ran as root: it proves nothing about a plain user':
        '프로그램이 root로 실행되었습니다: 일반 사용자에 대해서는 아무것도 증명하지 못합니다',
    'the program never called bind()':
        '프로그램이 bind()를 호출하지 않았습니다',
    "bind() of port %d as a plain user failed with EACCES (ports below %d are root's here)":
        '일반 사용자의 %d번 포트 bind()가 EACCES로 실패했습니다 (여기서는 %d 아래의 포트가 root의 것입니다)',
    "this machine lets every user bind ports from %d (net.ipv4.ip_unprivileged_port_start), so port %d is no one's: bind() said %s":
        '이 컴퓨터는 모든 사용자에게 %d번부터 포트 bind를 허락하므로(net.ipv4.ip_unprivileged_port_start) %d번 포트는 누구의 것도 아닙니다: bind()는 %s',
    'bind() of port %d as a plain user did not fail with EACCES (%s)':
        '일반 사용자의 %d번 포트 bind()가 EACCES로 실패하지 않았습니다 (%s)',
    'the 16 bytes: family 02 00, port %02x %02x (%d, big-endian), address 7f 00 00 01, then sin_zero':
        '16바이트: 패밀리 02 00, 포트 %02x %02x(%d, 빅 엔디안), 주소 7f 00 00 01, 그다음 sin_zero',
    'the program did not print "%s"':
        '프로그램이 "%s"을(를) 출력하지 않았습니다',
    "the program's bind() number %d never came":
        '프로그램의 %d번째 bind()가 오지 않았습니다',
    'bind() number %d: %s, not %s':
        '%1$d번째 bind(): %3$s이(가) 아니라 %2$s',
    'bind() with sizeof(&serv_addr), 8, for the length failed with EINVAL':
        '길이에 sizeof(&serv_addr), 곧 8을 준 bind()가 EINVAL로 실패했습니다',
    'bind() of an AF_INET socket to an address of family AF_INET6 failed with EAFNOSUPPORT':
        'AF_INET 소켓을 AF_INET6 패밀리의 주소에 bind()하자 EAFNOSUPPORT로 실패했습니다',
    'bind() with the family AF_INET and sizeof(serv_addr), 16, succeeded':
        '패밀리 AF_INET과 sizeof(serv_addr), 곧 16을 준 bind()가 성공했습니다',
    'inet_addr() gave INADDR_NONE for 255.255.255.255, an address, and for 256.1.1.1, none: the two cannot be told apart':
        'inet_addr()가 주소인 255.255.255.255에도, 주소가 아닌 256.1.1.1에도 INADDR_NONE을 주었습니다: 둘을 구별할 수 없습니다',
    'inet_addr() did not give INADDR_NONE for both':
        'inet_addr()가 두 경우 모두 INADDR_NONE을 주지는 않았습니다',
    'inet_pton() said 1 for 255.255.255.255 and 0 for 256.1.1.1: the answer apart from the address':
        'inet_pton()이 255.255.255.255에는 1, 256.1.1.1에는 0을 말했습니다: 주소와 따로 떨어진 답입니다',
    'inet_pton() did not say 1 and 0':
        'inet_pton()이 1과 0을 말하지 않았습니다',
    'the program did not call getsockname() before and after sendto()':
        '프로그램이 sendto() 전후에 getsockname()을 호출하지 않았습니다',
    'sendto() failed (%s)':
        'sendto()가 실패했습니다 (%s)',
    'before sendto(), the socket was already %s':
        'sendto() 전에 소켓이 이미 %s이었습니다',
    'after sendto(), the socket was %s, not 0.0.0.0 and a port':
        'sendto() 뒤에 소켓이 0.0.0.0과 포트가 아니라 %s이었습니다',
    'no bind(): 0.0.0.0:0 before the first sendto(), %s after -- a port, and still no address':
        'bind() 없음: 첫 sendto() 전에는 0.0.0.0:0, 뒤에는 %s -- 포트는 생겼고, 주소는 여전히 없습니다',
    '%s did not set IPV6_V6ONLY to %d before bind()':
        '%s이(가) bind() 전에 IPV6_V6ONLY를 %d(으)로 설정하지 않았습니다',
    '%s did not bind %s (%s)':
        '%s이(가) %s에 bind하지 않았습니다 (%s)',
    'the server set IPV6_V6ONLY 0 and bound [::]:%d: one socket for both families':
        '서버가 IPV6_V6ONLY 0을 설정하고 [::]:%d에 bind했습니다: 두 패밀리를 위한 소켓 하나',
    'the dual-stack server accepted nobody':
        '듀얼 스택 서버가 아무도 받아들이지 않았습니다',
    'accept() did not give the IPv4 client as ::ffff:127.0.0.1':
        'accept()가 IPv4 클라이언트를 ::ffff:127.0.0.1로 주지 않았습니다',
    'the IPv4 client was not greeted':
        'IPv4 클라이언트가 인사를 받지 못했습니다',
    'accept() gave the IPv4 client %s as ::ffff:127.0.0.1, an IPv4 address mapped into IPv6':
        'accept()가 IPv4 클라이언트 %s을(를) ::ffff:127.0.0.1, 곧 IPv6에 매핑된 IPv4 주소로 주었습니다',
    'the SYN came from %s, not IPv4 %s':
        'SYN이 IPv4 %2$s이(가) 아니라 %1$s에서 왔습니다',
    'on the wire it was IPv4: the SYN from %s to %s':
        '선 위에서는 IPv4였습니다: %s에서 %s(으)로 간 SYN',
    "the IPv4 client's connect() did not fail with ECONNREFUSED (%s)":
        'IPv4 클라이언트의 connect()가 ECONNREFUSED로 실패하지 않았습니다 (%s)',
    'with IPV6_V6ONLY 1 the IPv4 client was refused (ECONNREFUSED): [::] is IPv6 alone':
        'IPV6_V6ONLY 1이면 IPv4 클라이언트가 거절되었습니다(ECONNREFUSED): [::]는 IPv6만입니다',
    'the server binds 127.0.0.1, one address of two':
        '서버가 두 주소 중 하나인 127.0.0.1에 bind합니다',
    'the client has an address only after connect()':
        '클라이언트는 connect() 뒤에야 주소를 갖습니다',
    'the client to 127.0.0.1 is served':
        '127.0.0.1로 간 클라이언트가 서비스를 받습니다',
    'the client to 127.0.0.2 gets ECONNREFUSED':
        '127.0.0.2로 간 클라이언트는 ECONNREFUSED를 받습니다',
    'its SYN is answered by an RST from 127.0.0.2':
        '그 SYN에 127.0.0.2에서 RST가 답합니다',
    'the server binds INADDR_ANY':
        '서버가 INADDR_ANY에 bind합니다',
    'both clients are served, each on the address it asked for':
        '두 클라이언트 모두 자기가 요청한 주소에서 서비스를 받습니다',
    'the SYN to 127.0.0.2 is answered by a SYN-ACK':
        '127.0.0.2로 간 SYN에 SYN-ACK가 답합니다',
    'a second live server on the port: EADDRINUSE':
        '같은 포트의 살아 있는 두 번째 서버: EADDRINUSE',
    'two servers with SO_REUSEPORT share the port':
        'SO_REUSEPORT를 설정한 두 서버가 포트를 함께 씁니다',
    'another user cannot join them: EADDRINUSE':
        '다른 사용자는 끼어들 수 없습니다: EADDRINUSE',
    'port 80 as a plain user: EACCES':
        '일반 사용자의 80번 포트: EACCES',
    'the 16 bytes of the sockaddr_in':
        'sockaddr_in의 16바이트',
    'a wrong addrlen: EINVAL':
        '잘못된 addrlen: EINVAL',
    'a wrong family: EAFNOSUPPORT':
        '잘못된 패밀리: EAFNOSUPPORT',
    'the right family and length: bind() succeeds':
        '올바른 패밀리와 길이: bind()가 성공합니다',
    'inet_addr("255.255.255.255") == INADDR_NONE':
        'inet_addr("255.255.255.255") == INADDR_NONE',
    'inet_pton() says 1 or 0 apart from the address':
        'inet_pton()은 주소와 따로 1 또는 0을 말합니다',
    'a UDP socket gets its port at the first sendto()':
        'UDP 소켓은 첫 sendto()에서 포트를 얻습니다',
    'the IPv6 server is dual-stack (IPV6_V6ONLY 0)':
        'IPv6 서버가 듀얼 스택입니다 (IPV6_V6ONLY 0)',
    'it sees the IPv4 client as ::ffff:127.0.0.1':
        '서버는 IPv4 클라이언트를 ::ffff:127.0.0.1로 봅니다',
    "on the wire, the client's packets are IPv4":
        '선 위에서 클라이언트의 패킷은 IPv4입니다',
    'with IPV6_V6ONLY 1, the IPv4 client is refused':
        'IPV6_V6ONLY 1이면 IPv4 클라이언트가 거절됩니다',
    'a second live listener, SO_REUSEPORT, port 80 as a plain user':
        '살아 있는 두 번째 연결 요청 대기 소켓, SO_REUSEPORT, 일반 사용자의 80번 포트',
    'the 16 bytes bind() is given; a wrong length, a wrong family':
        'bind()가 받는 16바이트. 잘못된 길이, 잘못된 패밀리',
    "inet_addr() and inet_pton(); a UDP socket's first sendto()":
        'inet_addr()와 inet_pton(). UDP 소켓의 첫 sendto()',
    'a dual-stack listener, a v4 client as ::ffff:, IPV6_V6ONLY':
        '듀얼 스택 연결 요청 대기 소켓, ::ffff:로 보이는 v4 클라이언트, IPV6_V6ONLY',
    'each of its errors is the lesson':
        '오류 하나하나가 곧 배울 거리입니다',
    'its third bind() is the right one':
        '세 번째 bind()가 올바른 것입니다',
    'it shows two functions side by side':
        '두 함수를 나란히 보여 줍니다',
    'it shows IPV6_V6ONLY both ways':
        'IPV6_V6ONLY를 두 가지로 다 보여 줍니다',
    'the server binds INADDR_ANY, every address of the host':
        '서버가 호스트의 모든 주소인 INADDR_ANY에 bind합니다',
    'the results are not in the session: %s':
        '결과를 세션에 넣지 못했습니다: %s',
    'lab 18 (addresses)':
        '18번 실습(addresses)',
    'lab %d (%s)':
        '%d번 실습(%s)',
}
