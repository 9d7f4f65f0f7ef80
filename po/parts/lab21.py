# The Korean of lab 21 (signals): its steps, checkpoints and sentences,
# its title, fix and options (branch i18n-lab21): msgid -> msgstr, for
# scripts/po-fill.py. Terms as labs/21-signals/LAB.ko.md and
# docs/GLOSSARY.md write them (시그널 핸들러, 작별 인사, 종료 상태).
T = {
    'lab 21 (signals)':
        '21번 실습(signals)',
    "signals: Ctrl-C that tells no client, SIGALRM and EINTR, fork()'s copies":
        '시그널 핸들링: Ctrl-C, SIGALRM, fork',
    'a SIGINT handler: the server says goodbye and closes each client with a FIN':
        'SIGINT 핸들러: 서버가 클라이언트마다 작별 인사를 하고 FIN으로 하나씩 닫습니다',
    'SIGALRM interrupts recv(): EINTR without SA_RESTART, none with it':
        'SIGALRM이 recv()를 중단시킵니다: SA_RESTART 없이는 EINTR, SA_RESTART가 있으면 없음',
    "윤's gval/lval program: fork() returns twice, copies memory and descriptors":
        '윤의 gval/lval 예제: fork()는 두 번 반환하고, 메모리와 디스크립터를 복사합니다',
    'it shows recv() both without SA_RESTART and with it; neither is a mistake':
        'SA_RESTART가 없을 때와 있을 때의 recv()를 모두 보여 줍니다. 어느 쪽도 실수가 아닙니다',
    'it shows what fork() copies; nothing in it is a mistake':
        'fork()가 무엇을 복사하는지 보여 줍니다. 고칠 실수는 없습니다',

    # the run
    "no unread bytes waited in the server's socket after %d ms":
        '%d ms가 지나도록 서버 소켓에 읽히지 않은 바이트가 없었습니다',
    'start the server of two clients on port %s, with a SIGINT handler':
        '클라이언트 둘을 상대하는 서버를 %s번 포트에서 시작합니다. SIGINT 핸들러가 있습니다',
    'start the server of two clients on port %s, without a SIGINT handler':
        '클라이언트 둘을 상대하는 서버를 %s번 포트에서 시작합니다. SIGINT 핸들러가 없습니다',
    'client 1 connects; it says nothing and waits for the server':
        '클라이언트 1이 접속합니다. 아무 말도 하지 않고 서버를 기다립니다',
    'client 2 connects and sends a line out of turn: the server waits for client 1, so the line waits unread':
        '클라이언트 2가 접속해서 자기 차례가 아닌데 한 줄을 보냅니다. 서버는 클라이언트 1을 기다리고 있으므로, 그 줄은 읽히지 않고 기다립니다',
    'Ctrl-C: socklab sends the server SIGINT while it waits in read()':
        'Ctrl-C: 서버가 read()에서 기다리는 동안 socklab이 서버에 SIGINT를 보냅니다',
    'the alarm rings (%d): socklab sends the client SIGALRM while it waits in recv()':
        '알람이 울립니다(%d): 클라이언트가 recv()에서 기다리는 동안 socklab이 클라이언트에 SIGALRM을 보냅니다',
    'start a slow server on port %s: it answers when its operator types':
        '느린 서버를 %s번 포트에서 시작합니다. 운영자가 입력할 때 답합니다',
    'the client asks, and waits for the answer in recv(), with alarm(%s) and no SA_RESTART':
        '클라이언트가 질문하고, alarm(%s)을 건 채 SA_RESTART 없이 recv()에서 답을 기다립니다',
    "the server's operator types the answer":
        '서버의 운영자가 답을 입력합니다',
    'start a server on port %s that prints every line it receives':
        '받은 줄을 모두 출력하는 서버를 %s번 포트에서 시작합니다',
    'the client connects, then fork()s: the child and the parent each write their gval and lval on the descriptor they share':
        '클라이언트가 접속한 뒤 fork()합니다. 자식과 부모가 함께 가진 디스크립터에 저마다 자기 gval과 lval을 씁니다',

    # naive: SIGINT without a handler
    'without a handler, SIGINT ends the server inside read()':
        '핸들러가 없으면 SIGINT가 서버를 read() 안에서 끝냅니다',
    'no client is told: read() = 0 for one, ECONNRESET for the other':
        '어느 클라이언트도 이유를 듣지 못합니다: 한쪽은 read() = 0, 다른 쪽은 ECONNRESET',
    "the kernel closes the dead server's sockets: a FIN, and an RST where a line was unread":
        '커널이 죽은 서버의 소켓을 닫습니다: FIN을, 그리고 줄이 읽히지 않고 남은 쪽에는 RST를 보냅니다',
    'the server installed a SIGINT handler':
        '서버가 SIGINT 핸들러를 등록했습니다',
    'the server was not killed by SIGINT':
        '서버가 SIGINT로 종료되지 않았습니다',
    "no handler: SIGINT's default action ended the server inside its read(); none of its code after that ran":
        '핸들러가 없습니다: SIGINT의 기본 동작이 서버를 read() 안에서 끝냈고, 그 뒤의 코드는 하나도 실행되지 않았습니다',
    "a client got the server's goodbye":
        '서버의 작별 인사를 받은 클라이언트가 있습니다',
    "client 1's read() did not return 0":
        '클라이언트 1의 read()가 0을 반환하지 않았습니다',
    "client 2's read() did not fail with ECONNRESET":
        '클라이언트 2의 read()가 ECONNRESET으로 실패하지 않았습니다',
    "no goodbye: client 1's read() returned 0, as for any close; client 2's returned -1 ECONNRESET":
        '작별 인사는 없습니다: 클라이언트 1의 read()는 여느 종료 때처럼 0을 반환했고, 클라이언트 2의 read()는 -1 ECONNRESET을 반환했습니다',
    "client 1's connection got no FIN from the dead server":
        '클라이언트 1의 연결이 죽은 서버로부터 FIN을 받지 못했습니다',
    "client 1's connection got an RST as well as a FIN from the dead server":
        '클라이언트 1의 연결이 죽은 서버로부터 FIN과 함께 RST도 받았습니다',
    "client 2's connection got no RST from the dead server":
        '클라이언트 2의 연결이 죽은 서버로부터 RST를 받지 못했습니다',
    "client 2's connection got a FIN as well as an RST from the dead server":
        '클라이언트 2의 연결이 죽은 서버로부터 RST와 함께 FIN도 받았습니다',
    "the kernel closed the dead server's sockets: a FIN to client 1, an RST to client 2, whose line was unread":
        '커널이 죽은 서버의 소켓을 닫았습니다: 클라이언트 1에는 FIN을, 보낸 줄이 읽히지 않은 클라이언트 2에는 RST를 보냈습니다',

    # --fix: a SIGINT handler
    'a SIGINT handler runs; the read() it interrupts returns -1 EINTR':
        'SIGINT 핸들러가 실행되고, 그 시그널이 중단시킨 read()는 -1 EINTR을 반환합니다',
    'each client reads the goodbye, then read() = 0':
        '클라이언트마다 작별 인사를 읽고, 이어서 read() = 0',
    "each connection ends with the server's FIN, and no RST":
        '연결마다 서버의 FIN으로 끝나고, RST는 없습니다',
    'the server shuts down both connections and exits with status 0':
        '서버가 두 연결을 모두 shutdown하고 종료 상태 0으로 끝납니다',
    'the server installed no SIGINT handler':
        '서버가 SIGINT 핸들러를 등록하지 않았습니다',
    "the server's SIGINT handler never ran":
        '서버의 SIGINT 핸들러가 한 번도 실행되지 않았습니다',
    'the read() SIGINT came in did not return -1 EINTR':
        'SIGINT가 온 그 read()가 -1 EINTR을 반환하지 않았습니다',
    'the handler ran, and the read() it interrupted returned -1 EINTR: the server went on to close its clients':
        '핸들러가 실행되었고, 그 시그널이 중단시킨 read()는 -1 EINTR을 반환했습니다: 서버는 이어서 클라이언트들을 닫았습니다',
    'both clients read the goodbye, then read() returned 0: they knew the server was shutting down':
        '두 클라이언트 모두 작별 인사를 읽었고, 이어서 read()가 0을 반환했습니다: 서버가 종료한다는 것을 알았습니다',
    '%d of 2 clients read the goodbye and then 0':
        '클라이언트 2개 중 %d개만 작별 인사와 그다음의 0을 읽었습니다',
    "client %d's connection: no FIN from the server":
        '클라이언트 %d의 연결: 서버에서 FIN이 오지 않았습니다',
    "client %d's connection: an RST":
        '클라이언트 %d의 연결: RST가 있습니다',
    "each client's connection ended with the server's FIN, and no RST either way: nothing was left unread":
        '클라이언트마다 연결이 서버의 FIN으로 끝났고, 어느 방향으로도 RST는 없었습니다: 읽히지 않고 남은 것이 없었습니다',
    'the server shut down %zu connections (expected 2)':
        '서버가 연결 %zu개를 shutdown했습니다(2개여야 합니다)',
    'the server did not exit with status 0':
        '서버가 종료 상태 0으로 끝나지 않았습니다',
    'the server shut down both connections itself and exited with status 0':
        '서버가 두 연결을 모두 직접 shutdown하고 종료 상태 0으로 끝났습니다',

    # --alarm
    'without SA_RESTART, SIGALRM makes the blocked recv() return -1 EINTR':
        'SA_RESTART가 없으면 SIGALRM은 블로킹된 recv()가 -1 EINTR을 반환하게 만듭니다',
    'with SA_RESTART, recv() goes on waiting through the handler':
        'SA_RESTART가 있으면 핸들러가 실행되어도 recv()는 계속 기다립니다',
    "the client's first SIGALRM handler was not installed without SA_RESTART":
        '클라이언트의 첫 번째 SIGALRM 핸들러가 SA_RESTART 없이 등록되지 않았습니다',
    "no SIGALRM reached the client's handler":
        '클라이언트의 핸들러에 SIGALRM이 하나도 오지 않았습니다',
    'the recv() SIGALRM came in did not return -1 EINTR':
        'SIGALRM이 온 그 recv()가 -1 EINTR을 반환하지 않았습니다',
    'without SA_RESTART, the handler ran and the recv() it interrupted returned -1 EINTR, after %.0f ms of waiting':
        'SA_RESTART가 없으므로 핸들러가 실행되었고, 그 시그널이 중단시킨 recv()는 %.0f ms를 기다린 뒤 -1 EINTR을 반환했습니다',
    'the client never installed its SIGALRM handler with SA_RESTART':
        '클라이언트가 SIGALRM 핸들러를 SA_RESTART로 등록한 적이 없습니다',
    'no SIGALRM reached the SA_RESTART handler':
        'SA_RESTART 핸들러에 SIGALRM이 하나도 오지 않았습니다',
    'the recv() SIGALRM came in did not go on to return the answer':
        'SIGALRM이 온 그 recv()가 계속 기다려 답을 반환하지 않았습니다',
    "with SA_RESTART, the handler ran and recv() went on waiting: it returned the answer's %lld bytes %.0f ms after the alarm":
        'SA_RESTART가 있으므로 핸들러가 실행되고 recv()는 계속 기다렸습니다: 답의 %lld바이트를 알람 %.0f ms 뒤에 반환했습니다',

    # --fork
    "fork() returns the child's pid in the parent, 0 in the child":
        'fork()는 부모 프로세스에서는 자식의 pid를, 자식 프로세스에서는 0을 반환합니다',
    'each process changes its own copy of gval and lval':
        '프로세스마다 gval과 lval의 자기 복사본을 바꿉니다',
    'the copied descriptor is one connection, written by both':
        '복사된 디스크립터는 연결 하나이고, 두 프로세스가 모두 거기에 씁니다',
    "the FIN comes at the last close(), the parent's":
        'FIN은 마지막 close(), 곧 부모의 close()에서 나갑니다',
    'the client never forked':
        '클라이언트가 fork()하지 않았습니다',
    "the parent did not say fork() returned the child's pid %d":
        '부모가 fork()가 자식의 pid %d을(를) 반환했다고 출력하지 않았습니다',
    'the child did not say fork() returned 0':
        '자식이 fork()가 0을 반환했다고 출력하지 않았습니다',
    "one call, two returns: %d (the child's pid) in the parent, 0 in the child":
        '호출은 한 번, 반환은 두 번: 부모에서는 %d(자식의 pid), 자식에서는 0',
    'from the same [11, 25], the child ended with [13, 27] and the parent with [9, 23]: each changed its own copy':
        '같은 [11, 25]에서 시작해 자식은 [13, 27], 부모는 [9, 23]으로 끝났습니다: 저마다 자기 복사본을 바꾼 것입니다',
    'the processes did not print [13, 27] (child) and [9, 23] (parent)':
        '프로세스들이 [13, 27](자식)과 [9, 23](부모)을 출력하지 않았습니다',
    'the child and the parent did not both write on the connection':
        '자식과 부모가 둘 다 그 연결에 쓰지는 않았습니다',
    'the server did not get both lines on one connection (%zu accepted)':
        '서버가 두 줄을 연결 하나로 받지 않았습니다(accept한 연결 %zu개)',
    'the child and the parent wrote on descriptor %d, one connection: the server accepted once and got both lines':
        '자식과 부모가 디스크립터 %d, 곧 연결 하나에 썼습니다: 서버는 한 번 accept하고 두 줄을 받았습니다',
    'the child did not write and close, or the parent did not write':
        '자식이 쓰고 닫지 않았거나, 부모가 쓰지 않았습니다',
    'the parent wrote before the child closed its copy':
        '자식이 자기 복사본을 닫기 전에 부모가 썼습니다',
    "no FIN came from the client's side":
        '클라이언트 쪽에서 FIN이 오지 않았습니다',
    'the FIN came at byte %u, not after the %lld bytes both wrote':
        'FIN이 %u번째 바이트에서 나왔습니다. 두 프로세스가 쓴 %lld바이트의 뒤가 아닙니다',
    "the child's close() ended nothing: the parent wrote after it, and the FIN came after the parent's bytes, at its close()":
        '자식의 close()는 아무것도 끝내지 않았습니다: 부모가 그 뒤에 썼고, FIN은 부모의 바이트 뒤에, 부모의 close()에서 나갔습니다',
}
