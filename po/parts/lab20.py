# The Korean of lab 20 (protocol): its title, steps, checkpoints and
# sentences, its options (branch i18n-lab20): msgid -> msgstr, for
# scripts/po-fill.py. Words as labs/20-protocol/LAB.ko.md says them
# (헤더, 바디, 거짓말쟁이, 피크, 끊어낸다, 와이어).
T = {
    # the lab, its fix, its options
    'a protocol of request codes and lengths: a liar, MSG_PEEK, the rest, a hash':
        '직접 만드는 프로토콜 (A protocol of your own)',
    "the server checks each header's code and size, answers CMD_ERROR and closes":
        '서버가 헤더마다 코드와 크기를 검사하고, CMD_ERROR로 답한 뒤 연결을 닫습니다',
    'lab 20 (protocol)':
        '20번 실습(protocol)',
    'MSG_PEEK looks at a header that is not all there, without taking it':
        'MSG_PEEK는 다 오지 않은 헤더를 가져가지 않고 들여다봅니다',
    'two requests in one recv(): the reader keeps the rest for the next':
        'recv() 한 번에 요청 두 개: 읽는 쪽은 나머지를 다음 메시지를 위해 남겨 둡니다',
    'a file with its SHA-256, which the receiver checks':
        'SHA-256과 함께 보내서 받는 쪽이 검사하는 파일',
    'it shows MSG_PEEK, which has nothing to fix':
        'MSG_PEEK를 보여 줄 뿐이고, MSG_PEEK에는 고칠 것이 없습니다',
    'its reader is the careful one already':
        '그 읽는 쪽이 이미 조심해서 읽는 쪽입니다',
    'its check is the fix: it catches the damage':
        '그 검사가 곧 고친 것입니다. 망가진 것을 잡아냅니다',

    # the steps
    "the server waits in recv() for the liar's body":
        '서버가 거짓말쟁이의 바디를 recv()에서 기다립니다',
    'the liar sends CMD_GET_FILE with size %s, and 4 bytes':
        '거짓말쟁이가 크기 %s인 CMD_GET_FILE과 4바이트를 보냅니다',
    'client 2 connects and asks for the list':
        '클라이언트 2가 연결하고 목록을 요청합니다',
    'client 2 waits in recv() too: nobody reads its request':
        '클라이언트 2도 recv()에서 기다립니다: 아무도 그 요청을 읽지 않습니다',
    'another liar sends code 200, a code only the server sends':
        '다른 거짓말쟁이가 서버만 보내는 코드인 200을 보냅니다',
    'the client sends 3 bytes of its 8-byte header':
        '클라이언트가 8바이트 헤더 중 3바이트를 보냅니다',
    'the server peeked twice and waits (MSG_WAITALL); the other 5 bytes go':
        '서버가 두 번 피크하고 기다립니다(MSG_WAITALL). 나머지 5바이트를 보냅니다',
    'start the file server on port %s, checking every header':
        '파일 서버를 %s번 포트에서 시작합니다. 헤더를 모두 검사하는 서버입니다',
    'start the file server on port %s':
        '파일 서버를 %s번 포트에서 시작합니다',
    'a client asks for the list, then for a file':
        '클라이언트가 목록을 요청하고, 이어서 파일 하나를 요청합니다',

    # the roles, in a sentence ('client' is in labs.py: 클라이언트)
    'client 2':
        '클라이언트 2',
    'liar':
        '거짓말쟁이',
    'liar 2':
        '거짓말쟁이 2',

    # the checkpoints' titles
    'an honest client is served: the list, then a file':
        '정직한 클라이언트는 서비스를 받습니다: 목록, 이어서 파일 하나',
    "the request's 8-byte header on the wire: 00 00 00 64 00 00 00 00":
        '와이어에서 본 요청의 8바이트 헤더: 00 00 00 64 00 00 00 00',
    "the server believes the liar's size of 4294967040":
        '서버가 거짓말쟁이의 크기 4294967040을 믿습니다',
    'the server waits in recv() for bytes that never come':
        '서버가 오지 않을 바이트를 recv()에서 기다립니다',
    'the next client is never served':
        '다음 클라이언트는 끝내 서비스를 받지 못합니다',
    'a size over 4096: CMD_ERROR, and closed':
        '4096을 넘는 크기: CMD_ERROR, 그리고 연결 닫힘',
    'a code that is not a request: CMD_ERROR, and closed':
        '요청이 아닌 코드: CMD_ERROR, 그리고 연결 닫힘',
    'the CMD_ERROR header on the wire: 00 00 00 32':
        '와이어에서 본 CMD_ERROR 헤더: 00 00 00 32',
    'the next client is served':
        '다음 클라이언트는 서비스를 받습니다',
    'MSG_PEEK returns the 3 bytes there, twice: it takes nothing':
        'MSG_PEEK는 와 있는 3바이트를 두 번 돌려줍니다: 아무것도 가져가지 않습니다',
    'MSG_PEEK|MSG_WAITALL waits for 8; the plain recv() takes them':
        'MSG_PEEK|MSG_WAITALL은 8바이트를 기다리고, 그냥 recv()가 그것을 가져갑니다',
    'the header crossed as 3 bytes, then 5':
        '헤더가 3바이트, 이어서 5바이트로 건너갔습니다',
    'the client is served':
        '클라이언트는 서비스를 받습니다',
    'two requests in one segment of 20 bytes':
        '20바이트 세그먼트 하나에 요청 두 개',
    'one recv() returns both; the rest is kept for the next':
        'recv() 한 번이 둘 다 돌려주고, 나머지는 다음 메시지를 위해 남겨 둡니다',
    "file 0's SHA-256 matches":
        '파일 0의 SHA-256이 맞습니다',
    'file 1, damaged, fails its SHA-256':
        '망가진 파일 1은 SHA-256 검사에 걸립니다',

    # every run: the protocol works
    '%s got the list of files, then file 0, 3000 bytes':
        '%s가 파일 목록을 받고, 이어서 파일 0을 3000바이트 받았습니다',
    '%s did not get file 0':
        '%s가 파일 0을 받지 못했습니다',
    '%s did not get the list':
        '%s가 목록을 받지 못했습니다',
    'no segment to the server began with 00 00 00 64 00 00 00 00':
        '서버로 간 세그먼트 중 00 00 00 64 00 00 00 00으로 시작하는 것이 없습니다',
    "on the wire, the request's header: 00 00 00 64 (code 100, CMD_GET_LIST) 00 00 00 00 (size 0), in %u bytes":
        '와이어에서 본 요청의 헤더: 00 00 00 64 (코드 100, CMD_GET_LIST) 00 00 00 00 (크기 0), %u바이트',

    # the naive run
    'the liar did not send a header and 4 bytes':
        '거짓말쟁이가 헤더와 4바이트를 보내지 않았습니다',
    'the server did not set out to read %s bytes':
        '서버가 %s바이트를 읽으려 하지 않았습니다',
    'the liar sent 12 bytes, a header saying %s and 4 more; the server set out to read %s bytes':
        '거짓말쟁이가 12바이트를 보냈습니다. 크기 값이 %s인 헤더와 4바이트입니다. 서버는 %s바이트를 읽으려 했습니다',
    'the server was never seen blocked in recv() after the lie':
        '거짓말 뒤에 서버가 recv()에 블로킹된 것이 한 번도 보이지 않았습니다',
    'the server was done with the liar, or answered it':
        '서버가 거짓말쟁이를 다 처리했거나, 거짓말쟁이에게 답했습니다',
    'the server waited in recv() for the %s bytes that never come, and never left it: the liar got no answer':
        '서버가 오지 않을 %s바이트를 recv()에서 기다렸고, 끝내 빠져나오지 못했습니다: 거짓말쟁이는 답을 받지 못했습니다',
    'client 2 did not connect':
        '클라이언트 2가 연결하지 않았습니다',
    'client 2 did not send its request':
        '클라이언트 2가 요청을 보내지 않았습니다',
    'client 2 was served':
        '클라이언트 2가 서비스를 받았습니다',
    'the server accepted %zu connections, not 2':
        '서버가 연결을 2개가 아니라 %zu개 수락했습니다',
    'client 2 connected (the kernel queued it) and asked, but the server never accepted it: one lie stopped the service for everyone':
        '클라이언트 2는 연결하고(커널이 연결 요청 대기 큐에 받아 두었습니다) 요청했지만, 서버는 끝내 수락하지 않았습니다: 거짓말 하나가 모두의 서비스를 멈추었습니다',

    # --fix
    '%s was not answered with CMD_ERROR %s':
        '%s가 CMD_ERROR 답(%s)을 받지 못했습니다',
    "the server did not close %s's connection":
        '서버가 %s의 연결을 닫지 않았습니다',
    '%s got CMD_ERROR %s, and the server closed its connection':
        '%s가 CMD_ERROR 답(%s)을 받았고, 서버가 그 연결을 닫았습니다',
    'no segment from the server began with 00 00 00 32 (CMD_ERROR)':
        '서버가 보낸 세그먼트 중 00 00 00 32(CMD_ERROR)로 시작하는 것이 없습니다',
    "on the wire, the server's answer begins 00 00 00 32: CMD_ERROR, 50":
        '와이어에서 본 서버의 답은 00 00 00 32로 시작합니다: CMD_ERROR, 50',

    # --peek
    "the server's first two recv()s were not MSG_PEEK":
        '서버의 처음 두 recv()가 MSG_PEEK가 아니었습니다',
    'the peeks returned %lld and %lld bytes, not 3 and 3':
        '피크가 3바이트와 3바이트가 아니라 %lld바이트와 %lld바이트를 돌려주었습니다',
    'the two peeks did not return the same bytes':
        '두 피크가 같은 바이트를 돌려주지 않았습니다',
    'recv(MSG_PEEK) returned 3 of the 8 bytes asked, twice, the same 3 bytes: a peek looks and leaves them':
        'recv(MSG_PEEK)가 요청한 8바이트 중 3바이트를 두 번, 같은 3바이트로 돌려주었습니다: 피크는 들여다보기만 하고 남겨 둡니다',
    'the third recv() was not MSG_PEEK|MSG_WAITALL returning 8':
        '세 번째 recv()가 8을 돌려주는 MSG_PEEK|MSG_WAITALL이 아니었습니다',
    'the server did not then take the 8 bytes with a plain recv()':
        '서버가 그다음 그냥 recv()로 8바이트를 가져가지 않았습니다',
    'the bytes taken were not the bytes peeked':
        '가져간 바이트가 피크한 바이트와 다릅니다',
    'MSG_PEEK|MSG_WAITALL waited for all 8 bytes and left them; the plain recv() after it took the same 8':
        'MSG_PEEK|MSG_WAITALL이 8바이트가 모두 올 때까지 기다리고 그대로 남겨 두었습니다. 그 뒤의 그냥 recv()가 같은 8바이트를 가져갔습니다',
    'the header did not cross as 3 bytes, then 5':
        '헤더가 3바이트, 이어서 5바이트로 건너가지 않았습니다',
    'on the wire, the header crossed in two segments: 3 bytes, then 5':
        '와이어에서 헤더는 세그먼트 두 개로 건너갔습니다: 3바이트, 이어서 5바이트',

    # --leftover
    'no segment of 20 bytes carried both requests':
        '요청 두 개를 함께 나른 20바이트 세그먼트가 없습니다',
    'one segment of 20 bytes carried both requests: CMD_GET_LIST (8) and CMD_GET_FILE with its index (12)':
        '20바이트 세그먼트 하나가 요청 두 개를 함께 날랐습니다: CMD_GET_LIST(8)와 인덱스가 붙은 CMD_GET_FILE(12)',
    "the server's first recv() did not return both requests (20 bytes)":
        '서버의 첫 recv()가 요청 두 개(20바이트)를 돌려주지 않았습니다',
    'the server recv()d again before it answered the second request':
        '서버가 두 번째 요청에 답하기 전에 다시 recv()했습니다',
    'the server did not keep the 12 bytes after the first request':
        '서버가 첫 요청 뒤의 12바이트를 남겨 두지 않았습니다',
    'one recv() returned 20 bytes, two requests; the server answered the first, kept the other 12 bytes, and answered them with no recv()':
        'recv() 한 번이 20바이트, 요청 두 개를 돌려주었습니다. 서버는 첫 요청에 답하고, 나머지 12바이트를 남겨 두었다가 recv() 없이 그것에 답했습니다',

    # --hash
    "file 0's SHA-256, computed by the client, is the one the server sent before it":
        '클라이언트가 계산한 파일 0의 SHA-256이 서버가 파일보다 먼저 보낸 값과 같습니다',
    "the client did not find file 0's SHA-256 right":
        '클라이언트가 파일 0의 SHA-256이 맞다고 확인하지 못했습니다',
    "one bit changed in file 1, and the client's SHA-256 of it no longer matched: it discarded the file":
        '파일 1에서 비트 하나가 바뀌었고, 클라이언트가 계산한 SHA-256이 더는 맞지 않았습니다: 클라이언트는 그 파일을 버렸습니다',
    "the client did not catch file 1's damage":
        '클라이언트가 파일 1이 망가진 것을 잡아내지 못했습니다',
}
