/*
 * statesrc.c - the "state" source (see statesrc.h).
 *
 * One thread. With tracefs it waits on trace_pipe and turns each line into
 * a state event. Two things the tracepoint does not say directly:
 *
 *   - connect() enters SYN_SENT before the kernel picks the local port, so
 *     that line has port 0. It is held until the socket's next line (same
 *     addresses, from SYN_SENT) gives the port, or sock_diag does.
 *   - A connection entering TIME_WAIT is reported as "-> CLOSE": the socket
 *     is replaced by a timewait stand-in that no tracepoint follows. So a
 *     CLOSE from FIN_WAIT_2 or CLOSING is looked up in sock_diag; if a
 *     timewait socket is there, the event says TIME_WAIT with its timer, and
 *     sock_diag follows it to its end.
 *
 * Without tracefs it compares sock_diag dumps (statediag.h) and asks the
 * tracers to report what TCP_INFO says at each call.
 *
 * Events carry no pid: the tracepoint often fires in softirq context, for
 * whatever process was running. Calls tie sockets to processes, by "sock".
 * One exception: CLOSE -> SYN_SENT happens inside connect(), so the line's
 * task is the caller. If that is a process of the session, its socket is
 * the session's even before connect() returns -- and a connect() left
 * waiting (a firewall drops its SYNs) still shows SYN_SENT and each SYN
 * sent again.
 */
#include "sources/state/statesrc.h"

#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "base/errmsg.h"
#include "sources/state/sockdiag.h"
#include "sources/state/statediag.h"
#include "sources/state/stateline.h"
#include "sources/state/tracefs.h"
#include "wire/ring.h"

#define STATE_EVENT  "sock/inet_sock_set_state"
#define STATE_FILTER "protocol == 6" /* TCP; not SCTP or MPTCP */
/* Without tracefs: how often sock_diag is asked. A state that lasts less
 * than this may be missed (loopback handshakes take microseconds). */
#define DIAG_POLL_NS (20 * 1000 * 1000LL)
/* With tracefs: how often connections in TIME_WAIT are looked at. */
#define TIMEWAIT_POLL_NS (100 * 1000 * 1000LL)
/* How long a SYN_SENT without a port waits for its next line. */
#define SYN_WAIT_NS (50 * 1000 * 1000LL)
#define MAX_SYN	    64
/* TIME_WAIT lasts this long on Linux (TCP_TIMEWAIT_LEN), whatever
 * tcp_fin_timeout says. */
#define TIMEWAIT_LEN_MS 60000
/* A kernel timer's resolution, at worst (HZ=100), with room to spare. */
#define JIFFY_SLACK_NS (12 * 1000 * 1000LL)

enum statesrc_mode { MODE_TRACEFS, MODE_DIAG, MODE_TCPINFO };

struct statesrc {
	struct collector *c;
	enum statesrc_mode mode;
	struct tracefs tf;
	int diag_fd; /* -1 without sock_diag */
	int wake_fd; /* an eventfd: stop() wakes the thread */
	atomic_bool stopping;
	pthread_t thread;
	struct statediag diag;
	int64_t last_poll;
	struct state_change syn[MAX_SYN]; /* SYN_SENT waiting for a port */
	size_t nsyn;
	long lost;
};

/* ---- making events ----------------------------------------------------------- */

/* caller: the process that made this change in a system call, or 0. */
static void push_state(struct statesrc *s, int64_t t, const char *sock, enum tcp_state from,
		       enum tcp_state to, const char *via, int64_t timer_ms, pid_t caller)
{
	json_t *ev = json_pack("{sI ss ss ss ss ss}", "t", (json_int_t)(t < 0 ? 0 : t), "src",
			       "state", "sock", sock, "from", tcp_state_name(from), "to",
			       tcp_state_name(to), "via", via);

	if (!ev)
		return;
	if (to == TCP_ST_TIME_WAIT && timer_ms >= 0)
		json_object_set_new(ev, "timer_ms", json_integer(timer_ms));
	collector_push(s->c, ev, statesrc_keep, NULL, (void *)(intptr_t)caller);
}

/* A socket of the session: a process of the session made this change (ctx:
 * the caller's pid, see push_state; the event then names it), or the
 * socket's local address is one of the session's, or it talks to a port
 * the session was opened for (watch --port). */
bool statesrc_keep(struct collector *c, json_t *ev, void *blob, void *ctx)
{
	const char *sock = json_string_value(json_object_get(ev, "sock"));
	pid_t caller = (pid_t)(intptr_t)ctx;
	char local[ENDPOINT_STR_MAX], peer[ENDPOINT_STR_MAX];

	(void)blob;
	if (endpoint_pair_split(sock, local, peer, sizeof(local)) < 0)
		return false;
	if (collector_adopt_endpoint(c, caller, local, peer)) {
		json_object_set_new(ev, "pid", json_integer(caller));
		return true;
	}
	return collector_knows_socket(c, local, peer) ||
	       (endpoint_port(peer) && collector_watches_port(c, endpoint_port(peer)));
}

/* The process (thread group) of a thread, from /proc; 0 if it is gone. */
static pid_t process_of(int tid)
{
	char path[64], line[128];
	pid_t tgid = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", tid);
	f = fopen(path, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Tgid: %d", &tgid) == 1)
			break;
	fclose(f);
	return tgid;
}

/* Who made this change in a system call: connect() makes CLOSE -> SYN_SENT
 * in its caller's context. Any other line's task is whoever was running. */
static pid_t caller_of(const struct state_change *sc)
{
	if (sc->from == TCP_ST_CLOSED && sc->to == TCP_ST_SYN_SENT && sc->tid > 0)
		return process_of(sc->tid);
	return 0;
}

/*
 * When a connection entered TIME_WAIT, from the time it has left: its
 * timer starts at TIMEWAIT_LEN_MS then. Not before not_before, when it was
 * still seen in its earlier state. Accurate to a jiffy (1 to 10 ms).
 */
static int64_t timewait_since(struct statesrc *s, int64_t timer_ms, int64_t not_before)
{
	int64_t t = collector_now(s->c) - (TIMEWAIT_LEN_MS - timer_ms) * 1000000LL;

	return t > not_before ? t : not_before;
}

/* A change seen by sock_diag between the last dump and this one. */
static void on_diag_change(void *arg, const char *sock, enum tcp_state from, enum tcp_state to,
			   int64_t timer_ms)
{
	struct statesrc *s = arg;
	int64_t t = collector_now(s->c);

	if (to == TCP_ST_TIME_WAIT && timer_ms >= 0)
		t = timewait_since(s, timer_ms, s->last_poll);
	push_state(s, t, sock, from, to, "diag", timer_ms, 0);
}

static void see_entry(void *arg, const struct sockdiag_entry *e)
{
	struct statesrc *s = arg;

	statediag_see(&s->diag, e, on_diag_change, s);
}

/* One dump of the sockets in states, compared with the last. */
static void poll_diag(struct statesrc *s, uint32_t states)
{
	char err[256];

	statediag_begin(&s->diag);
	/* A dump cut short says nothing about sockets it did not reach. */
	if (sockdiag_dump(s->diag_fd, states, see_entry, s, err, sizeof(err)) == 0)
		statediag_end(&s->diag, on_diag_change, s);
	s->last_poll = collector_now(s->c);
}

/* ---- TIME_WAIT, told by sock_diag ------------------------------------------ */

struct timewait_query {
	const char *sock;
	bool found;
	struct sockdiag_entry e;
};

static void match_timewait(void *arg, const struct sockdiag_entry *e)
{
	struct timewait_query *q = arg;
	char name[ENDPOINT_PAIR_MAX];

	endpoint_pair_str(&e->local, &e->peer, name, sizeof(name));
	if (e->timewait && strcmp(name, q->sock) == 0) {
		q->found = true;
		q->e = *e;
	}
}

/*
 * The tracepoint said from -> CLOSE at t. If the connection lives on as a
 * timewait socket, that is what the student should see: TIME_WAIT with its
 * countdown; sock_diag then follows it. A socket close()d before its
 * FIN_WAIT_2 waits for the peer's FIN in a timewait socket that is still
 * FIN_WAIT_2: then nothing changed yet for the student, and if the FIN came
 * before we looked, its timer says when. Returns false when there is no
 * timewait socket.
 */
/* sock_diag filters a timewait socket by its substate: one that still
 * waits for the peer's FIN is FIN_WAIT_2, not TIME_WAIT, and a dump for
 * TIME_WAIT alone does not find it. */
#define TIMEWAIT_STATES (SOCKDIAG_STATE(TCP_ST_TIME_WAIT) | SOCKDIAG_STATE(TCP_ST_FIN_WAIT_2))

static bool report_timewait(struct statesrc *s, int64_t t, const char *sock, enum tcp_state from)
{
	struct timewait_query q = {.sock = sock};
	char err[256];

	if (s->diag_fd < 0 ||
	    (from != TCP_ST_FIN_WAIT_1 && from != TCP_ST_FIN_WAIT_2 && from != TCP_ST_CLOSING))
		return false;
	if (sockdiag_dump(s->diag_fd, TIMEWAIT_STATES, match_timewait, &q, err, sizeof(err)) < 0 ||
	    !q.found)
		return false;
	/* Within a jiffy or so of the tracepoint, the tracepoint's time is
	 * the exact one. */
	if (q.e.state == TCP_ST_TIME_WAIT &&
	    timewait_since(s, q.e.timer_ms, t) - t > JIFFY_SLACK_NS)
		t = timewait_since(s, q.e.timer_ms, t);
	if (q.e.state != from)
		push_state(s, t, sock, from, q.e.state, "diag", q.e.timer_ms, 0);
	statediag_follow(&s->diag, sock, q.e.state);
	return true;
}

/* ---- tracefs lines ----------------------------------------------------------- */

static void push_change(struct statesrc *s, const struct state_change *sc)
{
	char sock[ENDPOINT_PAIR_MAX];
	int64_t t = sc->t_ns - collector_t0(s->c);

	endpoint_pair_str(&sc->local, &sc->peer, sock, sizeof(sock));
	if (sc->to == TCP_ST_CLOSED && report_timewait(s, t, sock, sc->from))
		return;
	push_state(s, t, sock, sc->from, sc->to, "tracefs", -1, caller_of(sc));
}

static bool same_connect(const struct state_change *syn, const struct state_change *sc)
{
	return syn->local.family == sc->local.family &&
	       memcmp(syn->local.addr, sc->local.addr, sizeof(sc->local.addr)) == 0 &&
	       memcmp(&syn->peer, &sc->peer, sizeof(sc->peer)) == 0;
}

static void drop_syn(struct statesrc *s, size_t i)
{
	memmove(&s->syn[i], &s->syn[i + 1], (s->nsyn - i - 1) * sizeof(s->syn[0]));
	s->nsyn--;
}

/* The next line of a connecting socket gives the port its SYN_SENT lacked. */
static void resolve_syn(struct statesrc *s, const struct state_change *sc)
{
	if (sc->from != TCP_ST_SYN_SENT || sc->local.port == 0)
		return;
	for (size_t i = 0; i < s->nsyn; i++) {
		if (same_connect(&s->syn[i], sc)) {
			s->syn[i].local.port = sc->local.port;
			push_change(s, &s->syn[i]);
			drop_syn(s, i);
			return;
		}
	}
}

static void on_line(void *arg, const char *line)
{
	struct statesrc *s = arg;
	struct state_change sc;
	char err[128];
	long lost = 0;

	switch (stateline_parse(line, &sc, &lost, err, sizeof(err))) {
	case STATELINE_LOST:
		s->lost += lost;
		return;
	case STATELINE_BAD:
		return;
	case STATELINE_CHANGE:
		break;
	}
	resolve_syn(s, &sc);
	if (sc.to == TCP_ST_SYN_SENT && sc.local.port == 0 && s->nsyn < MAX_SYN)
		s->syn[s->nsyn++] = sc;
	else if (sc.local.port != 0)
		push_change(s, &sc);
}

struct syn_query {
	const struct state_change *syn;
	uint16_t port;
};

static void match_syn_sent(void *arg, const struct sockdiag_entry *e)
{
	struct syn_query *q = arg;
	struct state_change as_seen = {.local = e->local, .peer = e->peer};

	if (e->state == TCP_ST_SYN_SENT && same_connect(q->syn, &as_seen))
		q->port = e->local.port;
}

/* A SYN_SENT whose socket said nothing more (no answer yet: the connect
 * hangs): sock_diag knows its port. Without an answer there either, the
 * event is dropped rather than written with port 0. */
static void resolve_old_syns(struct statesrc *s, bool all)
{
	int64_t now = collector_now(s->c) + collector_t0(s->c);
	char err[128];

	for (size_t i = 0; i < s->nsyn;) {
		struct syn_query q = {.syn = &s->syn[i]};

		if (!all && now - s->syn[i].t_ns < SYN_WAIT_NS) {
			i++;
			continue;
		}
		if (s->diag_fd >= 0 &&
		    sockdiag_dump(s->diag_fd, SOCKDIAG_STATE(TCP_ST_SYN_SENT), match_syn_sent, &q,
				  err, sizeof(err)) == 0 &&
		    q.port) {
			s->syn[i].local.port = q.port;
			push_change(s, &s->syn[i]);
		}
		drop_syn(s, i);
	}
}

/* ---- the thread ------------------------------------------------------------ */

static int64_t poll_interval(const struct statesrc *s)
{
	if (s->mode == MODE_DIAG)
		return DIAG_POLL_NS;
	return s->diag.followed > 0 ? TIMEWAIT_POLL_NS : -1;
}

/* Waits for trace_pipe, the stop signal, or the next sock_diag dump. */
static void wait_for_work(struct statesrc *s)
{
	struct pollfd fds[2] = {{.fd = s->wake_fd, .events = POLLIN},
				{.fd = s->mode == MODE_TRACEFS ? s->tf.pipe_fd : -1,
				 .events = POLLIN}};
	int timeout_ms = s->nsyn ? (int)(SYN_WAIT_NS / 1000000) : 200;
	int64_t every = poll_interval(s);

	if (every > 0) {
		int64_t due = s->last_poll + every - collector_now(s->c);
		int ms = due > 0 ? (int)(due / 1000000) : 0;
		if (ms < timeout_ms)
			timeout_ms = ms;
	}
	poll(fds, 2, timeout_ms);
}

static void do_work(struct statesrc *s, bool final)
{
	int64_t every = poll_interval(s);

	if (s->mode == MODE_TRACEFS && tracefs_read_lines(&s->tf, on_line, s) < 0)
		atomic_store(&s->stopping, true);
	if (s->nsyn)
		resolve_old_syns(s, final);
	if (every > 0 && (final || collector_now(s->c) - s->last_poll >= every))
		poll_diag(s, s->mode == MODE_DIAG ? SOCKDIAG_ALL : TIMEWAIT_STATES);
}

static void *statesrc_main(void *arg)
{
	struct statesrc *s = arg;

	while (!atomic_load(&s->stopping)) {
		wait_for_work(s);
		do_work(s, false);
	}
	do_work(s, true);
	return NULL;
}

/* ---- starting and stopping ----------------------------------------------- */

/* Without tracefs: sock_diag if it answers, and TCP_INFO from the tracers. */
static void start_without_tracefs(struct statesrc *s, const char *why)
{
	char err[256];

	s->diag_fd = sockdiag_open(collector_capture_netns(s->c), err, sizeof(err));
	s->mode = s->diag_fd >= 0 ? MODE_DIAG : MODE_TCPINFO;
	collector_ask_tracers(s->c, RING_ASK_TCPINFO);
	if (s->mode == MODE_DIAG)
		collector_note(
			s->c, "source",
			"TCP states come from sock_diag and TCP_INFO, not from tracefs (%s): "
			"short-lived states like SYN_RCVD may be missed; TIME_WAIT still shows",
			why);
	else
		collector_note(s->c, "source",
			       "TCP states come only from TCP_INFO inside your programs (%s; and "
			       "%s): "
			       "only states at your calls show, not TIME_WAIT",
			       why, err);
}

static int statesrc_start(struct collector *c, void **state, char *why, size_t whylen)
{
	struct statesrc *s = calloc(1, sizeof(*s));
	char err[512];

	if (!s || statediag_init(&s->diag, false) < 0) {
		errmsg(why, whylen, "TCP states were not recorded: out of memory");
		goto out_free;
	}
	s->c = c;
	s->diag_fd = -1;
	s->wake_fd = eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
	if (tracefs_open(&s->tf, STATE_EVENT, STATE_FILTER, err, sizeof(err)) == 0) {
		s->mode = MODE_TRACEFS;
		s->diag_fd = sockdiag_open(collector_capture_netns(s->c), err, sizeof(err));
	} else {
		s->diag.adopt = true;
		start_without_tracefs(s, err);
	}
	if (s->wake_fd < 0 || pthread_create(&s->thread, NULL, statesrc_main, s) != 0) {
		errmsg(why, whylen, "TCP states were not recorded: cannot start a thread");
		goto out_close;
	}
	*state = s;
	return 0;

out_close:
	if (s->mode == MODE_TRACEFS)
		tracefs_close(&s->tf);
	if (s->diag_fd >= 0)
		close(s->diag_fd);
	if (s->wake_fd >= 0)
		close(s->wake_fd);
out_free:
	if (s)
		statediag_free(&s->diag);
	free(s);
	return -1;
}

static void statesrc_stop(struct collector *c, void *state)
{
	struct statesrc *s = state;
	uint64_t one = 1;

	atomic_store(&s->stopping, true);
	if (write(s->wake_fd, &one, sizeof(one)) < 0) {
		/* The thread wakes at its next time-out anyway. */
	}
	pthread_join(s->thread, NULL);
	if (s->lost)
		collector_note(c, "lost",
			       "%ld TCP state changes were lost: the kernel's trace buffer "
			       "overflowed",
			       s->lost);
	if (s->mode == MODE_TRACEFS)
		tracefs_close(&s->tf);
	if (s->diag_fd >= 0)
		close(s->diag_fd);
	close(s->wake_fd);
	statediag_free(&s->diag);
	free(s);
}

const struct source state_source = {
	.name = "state",
	.start = statesrc_start,
	.stop = statesrc_stop,
};
