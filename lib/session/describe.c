/*
 * describe.c - an event in words, as `socklab show` prints it:
 * "[1201] bind(3, 127.0.0.1:9190) = -1 EADDRINUSE". The fields that
 * struct event does not carry are read from the event's line (base/jobj.h).
 *
 * What a program printed, its name and its arguments are a student's
 * bytes: every line is made one a terminal shows as it is (base/text.h:
 * ESC as \e, a C1 control as \u009b), so `socklab show`, the viewer and a
 * report that quotes an event draw letters, never a cursor's move.
 */
#include "session/event.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jobj.h"
#include "base/text.h"

/* A string field, or NULL. */
static const char *jstr(struct jobj *o, const char *key)
{
	return jobj_str(o, key);
}

/* A field that is a name when it has one ("AF_INET") and a number when
 * not (12345), as text. */
static const char *jname(struct jobj *o, const char *key, char *buf, size_t cap)
{
	const char *s = jobj_str(o, key);

	if (s)
		return s;
	if (jobj_is_int(o, key)) {
		snprintf(buf, cap, "%lld", jobj_int(o, key));
		return buf;
	}
	return "?";
}

/* A growing line: appends stop quietly at the end of the buffer. */
struct line {
	char *buf;
	size_t cap, n;
};

static void put(struct line *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(struct line *l, const char *fmt, ...)
{
	va_list ap;
	int w;

	if (l->n + 1 >= l->cap)
		return;
	va_start(ap, fmt);
	w = vsnprintf(l->buf + l->n, l->cap - l->n, fmt, ap);
	va_end(ap);
	if (w > 0)
		l->n = l->n + (size_t)w < l->cap ? l->n + (size_t)w : l->cap - 1;
}

/* A line and the object it describes, for the callbacks that walk an
 * array of it. */
struct walk {
	struct line *l;
	struct jobj *o;
	size_t i;
};

static void put_int_elem(void *arg, const struct jscan_member *m)
{
	struct walk *w = arg;
	int64_t v = 0;

	if (!jscan_int(m, &v))
		v = 0;
	put(w->l, "%s%lld", w->i++ ? "," : "", (long long)v);
}

/* [1,2,3] from member key, a JSON array of integers. */
static void put_int_list(struct line *l, struct jobj *o, const char *key)
{
	struct walk w = {l, o, 0};

	put(l, "[");
	jobj_each(o, key, put_int_elem, &w);
	put(l, "]");
}

static void put_result(struct line *l, const struct event *e)
{
	put(l, " = %lld", (long long)e->call.ret);
	if (e->call.err)
		put(l, " %s", e->call.err);
	if (e->call.sigpipe)
		put(l, ", raised SIGPIPE");
}

static bool fn_is(const struct event *e, const char *a, const char *b)
{
	const char *fn = e->call.fn ? e->call.fn : "";

	/* The first letters first: describe looks through a table of names. */
	return (fn[0] == a[0] && strcmp(fn, a) == 0) || (b && fn[0] == b[0] && strcmp(fn, b) == 0);
}

/*
 * The arguments of a call, as the student wrote them, as far as we know:
 * each call's own shape from a small table, then what many share (bytes,
 * the address sent to, flags, wait options).
 */
typedef void (*args_fn)(struct line *l, const struct event *e, struct jobj *o);

static long long jint(struct jobj *o, const char *key)
{
	return jobj_int(o, key);
}

static void args_socket(struct line *l, const struct event *e, struct jobj *o)
{
	char b1[24], b2[24];

	(void)e;
	put(l, "%s, %s", jname(o, "domain", b1, sizeof(b1)), jname(o, "type", b2, sizeof(b2)));
}

static void args_select(struct line *l, const struct event *e, struct jobj *o)
{
	(void)e;
	put(l, "%lld", jint(o, "nfds"));
	if (jobj_is_array(o, "rfds")) {
		put(l, ", rfds=");
		put_int_list(l, o, "rfds");
	}
}

static void args_poll(struct line *l, const struct event *e, struct jobj *o)
{
	(void)e;
	put(l, "fds=");
	put_int_list(l, o, "fds");
}

/* epoll_ctl(epfd, op, fd, events), as the program wrote it. */
static void args_epoll_ctl(struct line *l, const struct event *e, struct jobj *o)
{
	char b1[24];

	put(l, "%lld, %s, %d", jint(o, "epfd"), jname(o, "op", b1, sizeof(b1)), e->call.fd);
	if (jstr(o, "events"))
		put(l, ", %s", jstr(o, "events"));
}

static void args_epoll_wait(struct line *l, const struct event *e, struct jobj *o)
{
	put(l, "%d, %lld", e->call.fd, jint(o, "maxevents"));
}

static void args_bind(struct line *l, const struct event *e, struct jobj *o)
{
	(void)o;
	if (e->call.addr)
		put(l, ", %s", e->call.addr);
}

static void args_connect(struct line *l, const struct event *e, struct jobj *o)
{
	(void)o;
	if (e->call.peer)
		put(l, ", %s", e->call.peer);
}

static void args_listen(struct line *l, const struct event *e, struct jobj *o)
{
	(void)e;
	put(l, ", %lld", jint(o, "backlog"));
}

static void args_sockopt(struct line *l, const struct event *e, struct jobj *o)
{
	char b1[24], b2[24];

	put(l, ", %s, %s", jname(o, "level", b1, sizeof(b1)), jname(o, "opt", b2, sizeof(b2)));
	if (fn_is(e, "setsockopt", NULL) && jobj_is_int(o, "linger"))
		put(l, ", {%lld, %lld}", (long long)e->call.val, jint(o, "linger"));
	else if (fn_is(e, "setsockopt", NULL) && e->call.has_val)
		put(l, ", %lld", (long long)e->call.val);
}

static void args_shutdown(struct line *l, const struct event *e, struct jobj *o)
{
	(void)o;
	put(l, ", %s", e->call.how ? e->call.how : "?");
}

static void args_fcntl(struct line *l, const struct event *e, struct jobj *o)
{
	const char *cmd = jstr(o, "cmd");

	(void)e;
	if (!cmd)
		return;
	put(l, ", %s", cmd);
	if (strcmp(cmd, "F_SETFL") == 0)
		put(l, ", %s", jstr(o, "val") ? jstr(o, "val") : "0");
}

static void args_dup(struct line *l, const struct event *e, struct jobj *o)
{
	(void)e;
	put(l, ", %lld", jint(o, "newfd"));
}

static void args_wait(struct line *l, const struct event *e, struct jobj *o)
{
	(void)e;
	put(l, "%lld", jint(o, "which"));
}

/* getaddrinfo("echo.lab", "9190"), gethostbyname("echo.lab"). */
static void args_name(struct line *l, const struct event *e, struct jobj *o)
{
	(void)e;
	put(l, "\"%s\"", jstr(o, "name") ? jstr(o, "name") : "");
	if (jstr(o, "service"))
		put(l, ", \"%s\"", jstr(o, "service"));
}

static void put_addr_elem(void *arg, const struct jscan_member *m)
{
	struct walk *w = arg;
	const char *addr = jobj_elem_str(w->o, m);

	put(w->l, "%s%s", w->i++ ? ", " : "", addr ? addr : "?");
}

/* The addresses a name lookup gave: " [10.77.0.2, 10.77.0.3]". */
static void put_addrs(struct line *l, struct jobj *o)
{
	struct walk w = {l, o, 0};

	put(l, " [");
	jobj_each(o, "addrs", put_addr_elem, &w);
	put(l, "]");
}

/* whole: the call has a shape of its own, with no descriptor first and
 * nothing of the shared tail. */
static const struct {
	const char *fn;
	args_fn put;
	bool whole;
} call_args[] = {
	{"socket", args_socket, true},
	{"socketpair", args_socket, true},
	{"select", args_select, true},
	{"pselect", args_select, true},
	{"poll", args_poll, true},
	{"ppoll", args_poll, true},
	{"epoll_ctl", args_epoll_ctl, true},
	{"epoll_wait", args_epoll_wait, true},
	{"epoll_pwait", args_epoll_wait, true},
	{"bind", args_bind, false},
	{"connect", args_connect, false},
	{"listen", args_listen, false},
	{"setsockopt", args_sockopt, false},
	{"getsockopt", args_sockopt, false},
	{"shutdown", args_shutdown, false},
	{"fcntl", args_fcntl, false},
	{"dup2", args_dup, false},
	{"dup3", args_dup, false},
	{"wait", args_wait, false},
	{"waitpid", args_wait, false},
	{"wait3", args_wait, false},
	{"wait4", args_wait, false},
	{"waitid", args_wait, false},
	{"getaddrinfo", args_name, true},
	{"gethostbyname", args_name, true},
};

static void put_call_args(struct line *l, const struct event *e, struct jobj *o)
{
	size_t i, n = sizeof(call_args) / sizeof(call_args[0]);

	for (i = 0; i < n && !fn_is(e, call_args[i].fn, NULL); i++)
		;
	if (i < n && call_args[i].whole) {
		call_args[i].put(l, e, o);
		return;
	}
	if (e->call.fd >= 0)
		put(l, "%d", e->call.fd);
	if (i < n)
		call_args[i].put(l, e, o);
	if (e->call.len >= 0)
		put(l, _(", %lld bytes"), (long long)e->call.len);
	if (fn_is(e, "sendto", "sendmsg") && e->call.peer)
		put(l, ", %s", e->call.peer);
	if (jstr(o, "flags"))
		put(l, ", %s", jstr(o, "flags"));
	if (jstr(o, "options"))
		put(l, ", %s", jstr(o, "options"));
}

/* What a call that succeeded returned beyond its number: the peer, the
 * address, the value, the descriptors ready. */
static void put_call_result(struct line *l, const struct event *e, struct jobj *o)
{
	if (fn_is(e, "accept", "accept4") && e->call.peer)
		put(l, " from %s", e->call.peer);
	else if (fn_is(e, "recvfrom", "recvmsg") && e->call.peer)
		put(l, " from %s", e->call.peer);
	else if (fn_is(e, "getsockname", NULL) && e->call.addr)
		put(l, " %s", e->call.addr);
	else if (fn_is(e, "getpeername", NULL) && e->call.peer)
		put(l, " %s", e->call.peer);
	else if (fn_is(e, "getsockopt", NULL) && e->call.has_val && jstr(o, "val_name"))
		put(l, " val=%s", jstr(o, "val_name"));
	else if (fn_is(e, "getsockopt", NULL) && e->call.has_val)
		put(l, " val=%lld", (long long)e->call.val);
	if (fn_is(e, "getaddrinfo", "gethostbyname") && jobj_is_array(o, "addrs"))
		put_addrs(l, o);
	if (jobj_is_array(o, "ready")) {
		put(l, " ready=");
		put_int_list(l, o, "ready");
	}
	if (jobj_is_array(o, "fds") && fn_is(e, "socketpair", NULL)) {
		put(l, " ");
		put_int_list(l, o, "fds");
	}
	if (jstr(o, "msg_flags"))
		put(l, " %s", jstr(o, "msg_flags"));
	if (fn_is(e, "close", "shutdown") && e->call.sock)
		put(l, "  %s", e->call.sock);
	if (fn_is(e, "pthread_create", NULL) && jobj_is_int(o, "thread_no"))
		put(l, _(" (thread no. %lld of the process)"), jint(o, "thread_no"));
	if (jstr(o, "via"))
		put(l, _(" (by %s)"), jstr(o, "via"));
}

static void describe_call(struct line *l, const struct event *e, struct jobj *o)
{
	const char *fn = e->call.fn ? e->call.fn : "?";

	put(l, "%s(", fn);
	put_call_args(l, e, o);
	put(l, ")");
	put_result(l, e);
	if (e->call.ret >= 0)
		put_call_result(l, e, o);
	if (e->call.dur >= EVENT_WAIT_SHOWN_NS)
		put(l, ", after %s %.2f s", event_call_waits(e) ? "waiting" : "blocking",
		    (double)e->call.dur / 1e9);
}

static void describe_state(struct line *l, const struct event *e)
{
	put(l, "%s %s -> %s", e->state.sock ? e->state.sock : "?", tcp_state_name(e->state.from),
	    tcp_state_name(e->state.to));
	if (e->state.to == TCP_ST_TIME_WAIT && e->state.timer_ms >= 0)
		put(l, " (%.1f s left)", (double)e->state.timer_ms / 1000.0);
	if (e->state.via)
		put(l, "  [%s]", e->state.via);
}

/* " on port-b": the interface a packet captured on "any" crossed. */
static void put_dev(struct line *l, struct jobj *o)
{
	if (jstr(o, "dev"))
		put(l, " on %s", jstr(o, "dev"));
}

/* "#5 ICMP 10.77.0.254 > 10.77.0.1 time-exceeded (udp 10.77.0.1:5555 >
 * 10.77.1.1:9190)": an ICMP error and the datagram it is about. */
static void describe_icmp(struct line *l, const struct event *e, struct jobj *o)
{
	struct jobj orig;

	put(l, "#%u ICMP %s > %s %s", e->pkt.frame, e->pkt.from ? e->pkt.from : "?",
	    e->pkt.to ? e->pkt.to : "?", jstr(o, "icmp") ? jstr(o, "icmp") : "?");
	if (jobj_get(o, "orig")) {
		/* Not an object (never written so): jansson found no fields in it. */
		jobj_read_member(&orig, o, "orig");
		put(l, " (%s %s > %s)", jstr(&orig, "proto") ? jstr(&orig, "proto") : "?",
		    jstr(&orig, "from") ? jstr(&orig, "from") : "?",
		    jstr(&orig, "to") ? jstr(&orig, "to") : "?");
		jobj_free(&orig);
	}
	put_dev(l, o);
}

/* The marks of the analysis in words, most telling first. */
static const struct {
	uint16_t bit;
	const char *words;
} analysis_words[] = {
	{TCPA_FAST_RETRANSMISSION, "fast retransmission"},
	{TCPA_SPURIOUS_RETRANSMISSION, "spurious retransmission"},
	{TCPA_RETRANSMISSION, "retransmission"},
	{TCPA_OUT_OF_ORDER, "out of order"},
	{TCPA_DUPLICATE_ACK, "dup ACK"},
	{TCPA_ZERO_WINDOW, "zero window"},
	{TCPA_ZERO_WINDOW_PROBE, "window probe"},
	{TCPA_ZERO_WINDOW_PROBE_ACK, "window probe ACK"},
	{TCPA_WINDOW_FULL, "window full"},
	{TCPA_WINDOW_UPDATE, "window update"},
	{TCPA_LOST_SEGMENT, "previous segment not captured"},
	{TCPA_ACK_LOST_SEGMENT, "ACKed unseen segment"},
	{TCPA_KEEP_ALIVE, "keep-alive"},
	{TCPA_KEEP_ALIVE_ACK, "keep-alive ACK"},
	{TCPA_REUSED_PORTS, "ports reused"},
};

size_t event_analysis_words(const struct event *e, char *out, size_t cap)
{
	struct line l = {out, cap, 0};
	uint16_t marks = e->src == SRC_PKT ? e->pkt.analysis : 0;

	if (cap == 0)
		return 0;
	out[0] = '\0';
	/* A fast or spurious one is a retransmission too: say it once. */
	if (marks & (TCPA_FAST_RETRANSMISSION | TCPA_SPURIOUS_RETRANSMISSION))
		marks &= (uint16_t)~TCPA_RETRANSMISSION;
	for (size_t i = 0; i < sizeof(analysis_words) / sizeof(analysis_words[0]); i++) {
		uint16_t bit = analysis_words[i].bit;
		const char *words = analysis_words[i].words;
		if (!(marks & bit))
			continue;
		if (bit == TCPA_KEEP_ALIVE && e->pkt.window_probe)
			words = "window probe";
		put(&l, "%s%s", l.n ? ", " : "", words);
		if (bit == TCPA_DUPLICATE_ACK && e->pkt.dup_ack_num)
			put(&l, " #%u", e->pkt.dup_ack_num);
	}
	return l.n;
}

static void describe_pkt(struct line *l, const struct event *e, struct jobj *o)
{
	char marks[160], letters[9];

	if (e->pkt.proto == PROTO_ICMP) {
		describe_icmp(l, e, o);
		return;
	}
	put(l, "#%u %s %s > %s", e->pkt.frame, e->pkt.proto == PROTO_UDP ? "UDP" : "TCP",
	    e->pkt.from ? e->pkt.from : "?", e->pkt.to ? e->pkt.to : "?");
	if (e->pkt.proto == PROTO_UDP) {
		put(l, " len=%u", e->pkt.len);
		put_dev(l, o);
		return;
	}
	tcp_flags_letters(e->pkt.flags, letters);
	put(l, " [%s] seq=%u", letters, e->pkt.rseq);
	if (e->pkt.flags & TCPF_ACK)
		put(l, " ack=%u", e->pkt.rack);
	put(l, " win=%u len=%u", e->pkt.win, e->pkt.len);
	if (event_analysis_words(e, marks, sizeof(marks)))
		put(l, " [%s]", marks);
	put_dev(l, o);
}

/* "killed by SIGKILL" or "exit 0" */
static void put_end(struct line *l, const struct event *e, struct jobj *o)
{
	if (e->proc.sig)
		put(l, _("killed by %s%s"), e->proc.sig,
		    jobj_true(o, "core") ? _(", core dumped") : "");
	else
		put(l, "exit %d", e->proc.status);
}

/* exec's argv: " a b c", as printf("%s") prints each (a string that is
 * not one is "(null)", as it always was). */
static void put_arg(void *arg, const struct jscan_member *m)
{
	struct walk *w = arg;
	const char *s = jobj_elem_str(w->o, m);

	put(w->l, " %s", s ? s : "(null)");
	w->i++;
}

static void describe_proc(struct line *l, const struct event *e, struct jobj *o)
{
	const char *ev = e->proc.event ? e->proc.event : "?";
	struct walk w = {l, o, 0};

	if (strcmp(ev, "fork") == 0) {
		put(l, "fork() = %d", e->proc.child);
	} else if (strcmp(ev, "exec") == 0) {
		put(l, "exec");
		jobj_each(o, "argv", put_arg, &w);
		if (w.i == 0)
			put(l, " %s", e->proc.path ? e->proc.path : "?");
	} else if (strcmp(ev, "exit") == 0) {
		put(l, "exit(%d)", e->proc.status);
	} else if (strcmp(ev, "zombie") == 0) {
		put(l, _("zombie: exited, parent %d has not waited for it"), e->proc.ppid);
	} else if (strcmp(ev, "reaped") == 0) {
		put(l, _("%s reaped child %d ("), e->proc.fn ? e->proc.fn : "wait", e->proc.child);
		put_end(l, e, o);
		put(l, ")");
	} else if (strcmp(ev, "blocked") == 0) {
		put(l, _("blocked in %s("), e->proc.fn ? e->proc.fn : "?");
		if (e->proc.fd >= 0)
			put(l, "%d", e->proc.fd);
		put(l, _(") for %.1f s so far"), (double)(e->t - e->proc.since) / 1e9);
	} else if (strcmp(ev, "signal") == 0) {
		put(l, _("%s delivered"), e->proc.sig ? e->proc.sig : "signal");
		if (e->proc.child)
			put(l, _(" (child %d)"), e->proc.child);
	} else if (strcmp(ev, "thread") == 0) {
		put(l, _("thread %d started"), e->tid);
		if (e->proc.creator)
			put(l, _(", made by %d"), e->proc.creator);
		if (e->proc.held_ms >= 0)
			put(l, _(" (held %d ms by socklab, until the next pthread_create())"),
			    e->proc.held_ms);
	} else if (strcmp(ev, "thread_exit") == 0) {
		put(l, _("thread %d ended"), e->tid);
	} else if (strcmp(ev, "handler") == 0) {
		const char *h = e->proc.handler ? e->proc.handler : "?";
		put(l, "%s(%s, %s", e->proc.fn ? e->proc.fn : "sigaction",
		    e->proc.sig ? e->proc.sig : "?", strcmp(h, "function") == 0 ? "handler" : h);
		if (jstr(o, "flags"))
			put(l, ", %s", jstr(o, "flags"));
		put(l, ")");
	} else {
		put(l, "%s", ev);
	}
}

/* A checkpoint that could not be checked: "checked": false (sessions
 * written before it say "skipped": true). */
static bool checkpoint_unchecked(struct jobj *o)
{
	return jobj_false(o, "checked") || jobj_true(o, "skipped");
}

/* Program output, steps, checkpoint results and other notes. */
static void describe_note(struct line *l, const struct event *e, struct jobj *o)
{
	const char *kind = e->note.kind ? e->note.kind : "";
	const char *text = e->note.text ? e->note.text : "";

	if (strcmp(kind, "output") == 0)
		put(l, "%s printed: %s", jstr(o, "role") ? jstr(o, "role") : "it", text);
	else if (strcmp(kind, "checkpoint") == 0)
		put(l, "checkpoint %s %s: %s",
		    checkpoint_unchecked(o) ? "SKIP"
		    : jobj_true(o, "pass")  ? "PASS"
					    : "FAIL",
		    jstr(o, "name") ? jstr(o, "name") : "?", text);
	else if (strcmp(kind, "step") == 0)
		put(l, "step: %s", text);
	else
		put(l, "note: %s", text);
}

/* The line out[0..n) made one a terminal shows as it is (the quick way
 * when it is already; '?' for each byte that is not plain ASCII when
 * there is no memory for the copy). */
static size_t line_shown(char *out, size_t cap, size_t n)
{
	char *copy;

	if (text_is_shown(out, n, 0))
		return n;
	if (!(copy = strndup(out, n))) {
		for (size_t i = 0; i < n; i++)
			if ((unsigned char)out[i] < 0x20 || (unsigned char)out[i] >= 0x7f)
				out[i] = '?';
		return n;
	}
	n = text_show(out, cap, copy, 0);
	free(copy);
	return n;
}

size_t event_describe(const struct event *e, char *out, size_t cap)
{
	struct line l = {out, cap, 0};
	struct jobj o;

	if (cap == 0)
		return 0;
	out[0] = '\0';
	/* A state change is all in struct event: its line is not read again. */
	if (e->src == SRC_STATE)
		jobj_read(&o, "", 0);
	else
		event_fields(e, &o);
	/* "[1201] ", or "[1201 t1205] " for a call of a thread other than the
	 * process's first. */
	if (e->pid && e->tid && e->tid != e->pid && e->src == SRC_CALL)
		put(&l, "[%d t%d] ", e->pid, e->tid);
	else if (e->pid && e->src != SRC_PKT && e->src != SRC_STATE)
		put(&l, "[%d] ", e->pid);
	switch (e->src) {
	case SRC_CALL:
		describe_call(&l, e, &o);
		break;
	case SRC_STATE:
		describe_state(&l, e);
		break;
	case SRC_PKT:
		describe_pkt(&l, e, &o);
		break;
	case SRC_PROC:
		describe_proc(&l, e, &o);
		break;
	case SRC_NOTE:
		describe_note(&l, e, &o);
		break;
	}
	jobj_free(&o);
	return line_shown(out, cap, l.n);
}

void event_time_str(int64_t t_ns, char *out, size_t cap)
{
	char digits[24];
	int64_t us = t_ns / 1000;
	size_t n = 0;

	/* By hand: `socklab show` prints a million of these. */
	if (t_ns < 0 || cap < 28) {
		snprintf(out, cap, "%lld.%06lld", (long long)(t_ns / 1000000000LL),
			 (long long)(t_ns % 1000000000LL / 1000));
		return;
	}
	do {
		digits[n++] = (char)('0' + us % 10);
		us /= 10;
	} while (us > 0 || n < 7);
	for (size_t k = 0; k < n; k++) {
		*out++ = digits[n - 1 - k];
		if (n - 1 - k == 6)
			*out++ = '.';
	}
	*out = '\0';
}
