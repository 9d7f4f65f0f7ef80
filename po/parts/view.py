# The viewer's words in Korean (issue 25, i18n-view): the integrator
# fills po/ko.po from every part with scripts/po-fill.py.
# Terms as docs/GLOSSARY.md and 윤성우's 열혈 TCP/IP use them; call names,
# states, signals, options and keys stay as they are.
T = {
    # the top line and the status line
    "loading %d%%": "읽는 중 %d%%",
    "ended: %s": "끝남: %s",
    "live, following": "실시간, 따라가는 중",
    "live, held (End follows)": "실시간, 멈춤 (End: 따라가기)",
    "playing %d/s": "재생 중 %d/초",
    "paused": "일시 정지",
    "event %zu/%zu  t=%s s": "이벤트 %zu/%zu  t=%s초",
    "  filter /%s": "  필터 /%s",
    "  %zu bad line": "  잘못된 줄 %zu개",
    "  %zu bad lines": "  잘못된 줄 %zu개",
    "? keys  q quit ": "? 키 도움말  q 종료 ",
    "/%s_   (a pid, :port or call name; Enter applies, Esc cancels)":
        "/%s_   (pid, :포트 또는 함수 이름; Enter 적용, Esc 취소)",
    "events.jsonl: %zu line skipped, not a valid event (first: %.300s)":
        "events.jsonl: 올바른 이벤트가 아닌 줄 %zu개를 건너뜀 (첫 줄: %.300s)",
    "events.jsonl: %zu lines skipped, not valid events (first: %.300s)":
        "events.jsonl: 올바른 이벤트가 아닌 줄 %zu개를 건너뜀 (첫 줄: %.300s)",
    "the end": "끝",
    "out of memory": "메모리가 부족합니다",
    # the ladder
    "connection %d of %d (Esc shows them all)": "연결 %d / 전체 %d (Esc: 모두 보기)",
    "%d connections do not fit side by side: connection %d, the cursor's (Enter in Sockets picks one)":
        "연결 %d개가 나란히 들어가지 않아 커서의 연결 %d만 보임 (소켓 창에서 Enter로 선택)",
    "no packets on this ladder": "이 래더에는 패킷이 없습니다",
    "(the story starts further on: Right, Space or End)":
        "(이야기는 조금 뒤에 시작합니다: Right, Space 또는 End)",
    "(no socket calls, states or packets yet)": "(아직 소켓 함수 호출도, 상태도, 패킷도 없습니다)",
    "no later packet or state change on the ladder": "래더에 이후의 패킷이나 상태 변화가 없습니다",
    "no earlier packet or state change on the ladder": "래더에 이전의 패킷이나 상태 변화가 없습니다",
    "playing speed: %d events a second": "재생 속도: 초당 이벤트 %d개",
    # the help (?): each line at most 59 columns
    "socklab viewer: keys (any key closes this)": "socklab 뷰어: 키 (아무 키나 누르면 닫힙니다)",
    "quit": "종료",
    "this help (any key closes it)": "이 도움말 (아무 키나 누르면 닫힘)",
    "play / pause the replay (live: hold / follow)": "재생 / 일시 정지 (실시간: 멈춤 / 따라가기)",
    "one event back / forward": "이벤트 하나 뒤로 / 앞으로",
    "next / previous packet or state change": "다음 / 이전 패킷 또는 상태 변화",
    "the first / the last event (live: End follows)": "첫 / 마지막 이벤트 (실시간: End로 따라가기)",
    "move in the pane: ladder rows, events, table rows": "창 안에서 이동: 래더의 줄, 이벤트, 표의 줄",
    "a page at a time": "한 페이지씩",
    "next / previous pane": "다음 / 이전 창",
    "focus the ladder on this connection / filter this process or thread":
        "래더에 이 연결만 / 이 프로세스나 쓰레드만 보기",
    "show every connection again, then clear the filter": "모든 연결을 다시 보기, 그다음 필터 지우기",
    "filter: a pid (1201), a port (:9190) or a call (accept)":
        "필터: pid (1201), 포트 (:9190) 또는 함수 (accept)",
    "play faster / slower": "더 빠르게 / 더 느리게 재생",
    "the bytes of the packet or call at the cursor, hex and text":
        "커서의 패킷이나 함수 호출의 바이트 (16진수와 문자)",
    "the time-sequence graph of the connection (g or Esc: back, d: the other way)":
        "연결의 시간-순서 그래프 (g, Esc: 돌아감, d: 반대 방향)",
    "repaint the screen": "화면 다시 그리기",
    "socklab needs a terminal of %dx%d at least; this one is %dx%d. q quits.":
        "socklab에는 %dx%d 이상의 터미널이 필요합니다. 지금은 %dx%d입니다. q: 종료",
    # the panes
    "Ladder": "래더",
    "Sockets": "소켓",
    "Processes": "프로세스",
    "Events": "이벤트",
    "Lab": "실습",
    "(Tab: next pane)": "(Tab: 다음 창)",
    "Sockets (%zu)": "소켓 (%zu)",
    "Processes (%zu)": "프로세스 (%zu)",
    "Events (%zu)": "이벤트 (%zu)",
    "conn": "연결",
    "socket (local>peer)": "소켓 (로컬>상대)",
    "pid/fd": "pid/fd",
    "state": "상태",
    "for": "지속",
    "queued": "버퍼에 남음",
    "closed": "닫힘",
    "%s left": "%s 남음",
    "(no socket with an address yet)": "(아직 주소가 할당된 소켓이 없습니다)",
    "%s is not a connection (no conn number)": "%s은(는) 연결이 아닙니다 (연결 번호 없음)",
    # the process tree
    "exit %d": "exit %d",
    "killed by %s in %s": "%2$s에서 %1$s로 종료됨",
    "killed by %s in %s, blocked %s": "%2$s에서 %3$s 동안 블로킹 중 %1$s로 종료됨",
    "killed by %s after %s": "%2$s 다음에 %1$s로 종료됨",
    "killed by %s": "%s로 종료됨",
    "blocked in %s for %s": "%s에서 %s째 블로킹",
    "running": "실행 중",
    "ZOMBIE for %s (%s)": "좀비 프로세스 %s째 (%s)",
    "reaped by socklab": "socklab이 거둠",
    "gone, reaper unknown": "사라짐, 누가 거뒀는지 모름",
    "%s() by %d": "%2$d의 %1$s()",
    "%s, zombie %s, %s": "%s, 좀비 %s, %s",
    ", made by %d": ", %d이(가) 생성",
    "ended": "끝남",
    "thread %d  %s%s": "쓰레드 %d  %s%s",
    ", %d thread": ", 쓰레드 %d개",
    ", %d threads": ", 쓰레드 %d개",
    # the lab's checkpoints: the check's name after the word stays English
    "pending": "대기",
    "PASS": "통과",
    "FAIL": "실패",
    "SKIP": "미확인",
    # the filter
    "'%s' is not a number": "'%s'은(는) 숫자가 아닙니다",
    "'%s' is not a filter: give a pid (1201), a port (:9190) or a call name (accept)":
        "'%s'은(는) 필터가 아닙니다: pid (1201), 포트 (:9190) 또는 함수 이름 (accept)을 주세요",
    # the terminal
    "the viewer needs a terminal (for text, use: socklab show)":
        "뷰어에는 터미널이 필요합니다 (텍스트로 보려면: socklab show)",
    "cannot use this terminal (TERM=%s)": "이 터미널은 쓸 수 없습니다 (TERM=%s)",
    # socklab show and the viewer: the event in words (lib/session/describe.c);
    # call syntax, errno names, signals and states stay as they are
    ", %lld bytes": ", %lld바이트",
    " (thread no. %lld of the process)": " (프로세스의 %lld번째 쓰레드)",
    " (by %s)": " (%s을(를) 거쳐)",
    "killed by %s%s": "%s로 종료됨%s",
    ", core dumped": ", 코어 덤프 생성",
    "zombie: exited, parent %d has not waited for it": "좀비 프로세스: 종료했지만 부모 %d이(가) 아직 거두지 않음",
    "%s reaped child %d (": "%s이(가) 자식 프로세스 %d을(를) 거둠 (",
    "blocked in %s(": "%s(",
    ") for %.1f s so far": ")에서 지금까지 %.1f초째 블로킹",
    "%s delivered": "%s 전달됨",
    " (child %d)": " (자식 프로세스 %d)",
    "thread %d started": "쓰레드 %d 시작",
    " (held %d ms by socklab, until the next pthread_create())":
        " (다음 pthread_create()까지 socklab이 %d ms 붙잡아 둠)",
    "thread %d ended": "쓰레드 %d 끝남",
    # socklab show
    "%s/events.jsonl: %zu line skipped, not a valid event (first: %s)":
        "%s/events.jsonl: 올바른 이벤트가 아닌 줄 %zu개를 건너뜀 (첫 줄: %s)",
    "%s/events.jsonl: %zu lines skipped, not valid events (first: %s)":
        "%s/events.jsonl: 올바른 이벤트가 아닌 줄 %zu개를 건너뜀 (첫 줄: %s)",
}
