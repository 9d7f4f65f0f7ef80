# The Korean of lab 23 (http): its steps, checkpoints and sentences, and
# the viewer's bytes box labels (branch i18n-lab23): msgid -> msgstr, for
# scripts/po-fill.py.
T = {
    'A raw HTTP GET: one read() is not the page':
        '날것의 HTTP GET: read() 한 번은 페이지가 아니다 (HTTP 클라이언트와 계층)',
    'the header read to \\r\\n\\r\\n, the body to the close (1.0) or Content-Length (1.1)':
        '헤더는 \\r\\n\\r\\n까지, 본문은 닫힘까지(1.0) 또는 Content-Length만큼(1.1) 읽습니다',
    "the server's page is ready: it sends the body of response %d":
        '서버의 페이지가 준비되었습니다: 응답 %d의 본문을 보냅니다',
    'two hosts: namespace %s (%s) and %s (%s), on one Ethernet link':
        '호스트 둘: 네임스페이스 %s (%s)와 %s (%s), 이더넷 링크 하나로 이어져 있습니다',
    'the HTTP server listens on %s:%s; it sends each header at once, each body when the scenario says':
        'HTTP 서버가 %s:%s에서 연결 요청을 기다립니다. 헤더는 곧바로, 본문은 시나리오가 말할 때 보냅니다',
    'the client sends GET /page HTTP/1.0 and read()s once':
        '클라이언트가 GET /page HTTP/1.0을 보내고 read()를 한 번 합니다',
    'the client has printed its page and closed':
        '클라이언트가 페이지를 출력하고 연결을 닫았습니다',
    'the client GETs /page with HTTP/1.0, then twice with HTTP/1.1 on one connection, reading each response by its rules':
        '클라이언트가 /page를 HTTP/1.0으로 한 번, 이어서 연결 하나 위에서 HTTP/1.1로 두 번 GET하고, 응답마다 그 규칙대로 읽습니다',
    'the client made %d read()s that returned bytes, not one':
        '클라이언트가 바이트를 돌려받은 read()를 한 번이 아니라 %d번 했습니다',
    "the client's one read() returned %lld bytes: the server sent %lld (header and body)":
        '클라이언트의 read() 한 번이 %lld바이트를 돌려주었습니다: 서버는 %lld바이트(헤더와 본문)를 보냈습니다',
    'the one read() returned all %lld bytes':
        'read() 한 번이 %lld바이트 전부를 돌려주었습니다',
    "the client's read() returned nothing":
        '클라이언트의 read()가 아무것도 돌려주지 않았습니다',
    "%lld bytes of the body were written after the client's read() had returned":
        '본문 %lld바이트는 클라이언트의 read()가 돌아온 뒤에 쓰였습니다',
    "the server wrote nothing after the client's read()":
        '클라이언트의 read() 뒤에 서버가 쓴 것이 없습니다',
    'the client printed no response header':
        '클라이언트가 응답 헤더를 출력하지 않았습니다',
    'the client printed the body':
        '클라이언트가 본문을 출력했습니다',
    'the client printed the header as the page, and no line of the body':
        '클라이언트가 헤더를 페이지로 출력했고, 본문은 한 줄도 출력하지 않았습니다',
    'the response crossed the link in %d segments: the first, %u bytes, is what read() returned':
        '응답은 세그먼트 %d개로 링크를 건넜습니다: 첫 번째의 %u바이트가 read()가 돌려준 것입니다',
    '%d data segments from the server, the first %u bytes':
        '서버가 보낸 데이터 세그먼트 %d개, 첫 번째는 %u바이트',
    "the body reached a closed socket: the client's host answered RST":
        '본문이 닫힌 소켓에 도착했습니다: 클라이언트의 호스트가 RST로 답했습니다',
    "no RST from the client's host":
        '클라이언트의 호스트에서 온 RST가 없습니다',
    'response %d: the client did not print "%s"':
        '응답 %d: 클라이언트가 "%s"를 출력하지 않았습니다',
    'the client took all %d responses whole: each header to its empty line, each body of %d bytes':
        '클라이언트가 응답 %d개를 모두 온전히 받았습니다: 헤더는 빈 줄까지, 본문은 %d바이트씩',
    'no read() of the client returned 0 after bytes':
        '클라이언트의 read() 가운데 바이트 뒤에 0을 돌려준 것이 없습니다',
    "HTTP/1.0: %d read()s took the first response; the last returned 0, the server's close: the page had ended":
        'HTTP/1.0: read() %d번으로 첫 응답을 받았습니다. 마지막 read()는 0, 곧 서버의 닫힘을 돌려주었습니다: 페이지가 끝난 것입니다',
    'three responses on two connections: the two HTTP/1.1 requests shared one (keep-alive)':
        '연결 둘 위에 응답 셋: HTTP/1.1 요청 둘이 연결 하나를 함께 썼습니다(지속 연결)',
    '%d connect()s and %d accept()s for %d responses':
        'connect() %d번과 accept() %d번으로 응답 %d개',
    'the %lld bytes the server wrote crossed the link in %d segments':
        '서버가 쓴 %lld바이트가 세그먼트 %d개로 링크를 건넜습니다',
    '%d data segments carrying %lld bytes; the server wrote %lld':
        '데이터 세그먼트 %d개가 %lld바이트를 실어 날랐습니다. 서버가 쓴 것은 %lld바이트입니다',
    'one read() returns less than the response':
        'read() 한 번은 응답보다 적게 돌려준다',
    'the body is written after that read() returned':
        '본문은 그 read()가 돌아온 뒤에 쓰인다',
    'the client prints the header as the page':
        '클라이언트가 헤더를 페이지로 출력한다',
    'the first segment of the response is what read() returned':
        '응답의 첫 세그먼트가 read()가 돌려준 것이다',
    'the body reaches a closed socket: RST':
        '본문이 닫힌 소켓에 도착한다: RST',
    'every response is read whole: header to \\r\\n\\r\\n, then the body':
        '응답마다 온전히 읽는다: 헤더는 \\r\\n\\r\\n까지, 그다음 본문',
    "HTTP/1.0: the body ends at the server's close (read() returns 0)":
        'HTTP/1.0: 본문은 서버가 닫을 때 끝난다 (read()가 0을 돌려준다)',
    'HTTP/1.1: two responses on one connection, ended by Content-Length':
        'HTTP/1.1: 연결 하나 위에 응답 둘, 끝은 Content-Length가 알린다',
    'every byte the server wrote crossed the link':
        '서버가 쓴 바이트가 모두 링크를 건넜다',
    # The viewer's bytes box (key x).
    'Ethernet header':
        '이더넷 헤더',
    'Linux cooked header':
        'Linux cooked 헤더',
    'IP header':
        'IP 헤더',
    'IPv6 header':
        'IPv6 헤더',
    'TCP header':
        'TCP 헤더',
    'UDP header':
        'UDP 헤더',
    'payload':
        '페이로드',
    '%s, %zu bytes:':
        '%s, %zu바이트:',
}
