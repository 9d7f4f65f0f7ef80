/*
 * event.c - reading an event from its JSON line, and naming it in words.
 *
 * JSON is read with jansson. A line must be an object with an integer "t"
 * and a known "src"; every other field is optional, and a field of the
 * wrong type counts as absent, so one odd field never costs a whole event.
 */
#include "event.h"
#include "errmsg.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *const src_names[SRC_COUNT] = {"call", "state", "pkt", "proc", "note"};

const char *event_src_name(enum event_src src)
{
	return src < SRC_COUNT ? src_names[src] : "?";
}

int event_src_parse(const char *name)
{
	for (int i = 0; i < SRC_COUNT; i++)
		if (strcmp(name, src_names[i]) == 0)
			return i;
	return -1;
}

/* Bit i of the flags byte is letters[i]: FIN is bit 0, and so on. */
static const char flag_letters[] = "FSRPAUEC";
static const char *const flag_words[] = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR"};

void tcp_flags_letters(uint8_t flags, char out[9])
{
	int n = 0;

	for (int i = 0; i < 8; i++)
		if (flags & (1u << i))
			out[n++] = flag_letters[i];
	out[n] = '\0';
}

uint8_t tcp_flags_parse(const char *letters)
{
	uint8_t flags = 0;

	for (const char *c = letters; c && *c; c++) {
		const char *at = strchr(flag_letters, *c);
		if (at && *c)
			flags |= (uint8_t)(1u << (at - flag_letters));
	}
	return flags;
}

/* Words in the order a textbook writes them: "SYN,ACK", "FIN,ACK". */
void tcp_flags_words(uint8_t flags, char *out, size_t cap)
{
	static const uint8_t order[] = {TCPF_SYN, TCPF_FIN, TCPF_RST, TCPF_PSH, TCPF_ACK,
					TCPF_URG, TCPF_ECE, TCPF_CWR};
	size_t n = 0;

	out[0] = '\0';
	for (size_t i = 0; i < sizeof(order); i++) {
		if (!(flags & order[i]))
			continue;
		int bit = __builtin_ctz(order[i]);
		int w = snprintf(out + n, cap - n, "%s%s", n ? "," : "", flag_words[bit]);
		if (w < 0 || (size_t)w >= cap - n)
			break;
		n += (size_t)w;
	}
}

/* ---- parsing --------------------------------------------------------- */

static const char *jstr(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A field that is a name when it has one ("AF_INET") and a number when
 * not (12345), as text. */
static const char *jname(json_t *o, const char *key, char *buf, size_t cap)
{
	json_t *v = json_object_get(o, key);

	if (json_is_string(v))
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, cap, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return "?";
}

/* Field readers: absent or of the wrong type gives the default. */
static const char *get_str(json_t *o, const char *key, struct strpool *pool)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? strpool_intern(pool, json_string_value(v), json_string_length(v))
				 : NULL;
}

static int64_t get_int(json_t *o, const char *key, int64_t dflt)
{
	json_t *v = json_object_get(o, key);

	return json_is_integer(v) ? (int64_t)json_integer_value(v) : dflt;
}

static bool has_int(json_t *o, const char *key)
{
	return json_is_integer(json_object_get(o, key));
}

static void parse_call(struct event *e, json_t *o, struct strpool *pool)
{
	e->call.fn = get_str(o, "fn", pool);
	e->call.err = get_str(o, "errno", pool);
	e->call.sock = get_str(o, "sock", pool);
	e->call.addr = get_str(o, "addr", pool);
	e->call.peer = get_str(o, "peer", pool);
	e->call.how = get_str(o, "how", pool);
	e->call.level = get_str(o, "level", pool);
	e->call.opt = get_str(o, "opt", pool);
	e->call.proto = get_str(o, "proto", pool);
	e->call.ret = get_int(o, "ret", 0);
	e->call.len = get_int(o, "len", -1);
	e->call.has_val = has_int(o, "val");
	e->call.val = get_int(o, "val", 0);
	e->call.dur = get_int(o, "dur", 0);
	e->call.fd = (int32_t)get_int(o, "fd", -1);
}

static void parse_state(struct event *e, json_t *o, struct strpool *pool)
{
	json_t *from = json_object_get(o, "from"), *to = json_object_get(o, "to");

	e->state.sock = get_str(o, "sock", pool);
	e->state.via = get_str(o, "via", pool);
	e->state.timer_ms = get_int(o, "timer_ms", -1);
	e->state.from = tcp_state_parse(json_string_value(from));
	e->state.to = tcp_state_parse(json_string_value(to));
}

static void parse_pkt(struct event *e, json_t *o, struct strpool *pool)
{
	const char *proto = json_string_value(json_object_get(o, "proto"));

	e->pkt.from = get_str(o, "from", pool);
	e->pkt.to = get_str(o, "to", pool);
	e->pkt.frame = (uint32_t)get_int(o, "frame", 0);
	e->pkt.seq = (uint32_t)get_int(o, "seq", 0);
	e->pkt.ack = (uint32_t)get_int(o, "ack", 0);
	e->pkt.rseq = (uint32_t)get_int(o, "rseq", 0);
	e->pkt.rack = (uint32_t)get_int(o, "rack", 0);
	e->pkt.len = (uint32_t)get_int(o, "len", 0);
	e->pkt.win = (uint32_t)get_int(o, "win", 0);
	e->pkt.proto = !proto                     ? PROTO_NONE
		       : strcmp(proto, "tcp") == 0 ? PROTO_TCP
		       : strcmp(proto, "udp") == 0 ? PROTO_UDP
						   : PROTO_NONE;
	e->pkt.flags = tcp_flags_parse(json_string_value(json_object_get(o, "flags")));
}

static void parse_proc(struct event *e, json_t *o, struct strpool *pool)
{
	e->proc.event = get_str(o, "event", pool);
	e->proc.sig = get_str(o, "sig", pool);
	e->proc.fn = get_str(o, "fn", pool);
	e->proc.path = get_str(o, "path", pool);
	e->proc.handler = get_str(o, "handler", pool);
	e->proc.ppid = (int32_t)get_int(o, "ppid", 0);
	e->proc.child = (int32_t)get_int(o, "child", 0);
	e->proc.status = (int32_t)get_int(o, "status", -1);
}

static void parse_note(struct event *e, json_t *o, struct strpool *pool)
{
	e->note.kind = get_str(o, "kind", pool);
	e->note.text = get_str(o, "text", pool);
}

static void parse_fields(struct event *e, json_t *o, struct strpool *pool)
{
	e->pid = (int32_t)get_int(o, "pid", 0);
	e->tid = (int32_t)get_int(o, "tid", e->pid);
	e->conn = (int32_t)get_int(o, "conn", -1);
	switch (e->src) {
	case SRC_CALL:
		parse_call(e, o, pool);
		break;
	case SRC_STATE:
		parse_state(e, o, pool);
		break;
	case SRC_PKT:
		parse_pkt(e, o, pool);
		break;
	case SRC_PROC:
		parse_proc(e, o, pool);
		break;
	case SRC_NOTE:
		parse_note(e, o, pool);
		break;
	}
}

int event_parse(struct event *e, const char *line, size_t len, struct strpool *pool, char *err,
		size_t errlen)
{
	json_error_t jerr;
	json_t *o = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
	json_t *t;
	int src, ret = -1;

	if (!o)
		return errmsg(err, errlen, "not JSON: %s (column %d)", jerr.text, jerr.column);
	if (!json_is_object(o)) {
		errmsg(err, errlen, "not a JSON object");
		goto out_free;
	}
	t = json_object_get(o, "t");
	if (!json_is_integer(t) || json_integer_value(t) < 0) {
		errmsg(err, errlen, "no time: \"t\" must be an integer >= 0 (nanoseconds)");
		goto out_free;
	}
	src = json_is_string(json_object_get(o, "src")) ? event_src_parse(jstr(o, "src")) : -1;
	if (src < 0) {
		errmsg(err, errlen, "\"src\" must be one of call, state, pkt, proc, note");
		goto out_free;
	}
	memset(e, 0, sizeof(*e));
	e->t = (int64_t)json_integer_value(t);
	e->src = (uint8_t)src;
	parse_fields(e, o, pool);
	ret = 0;
out_free:
	json_decref(o);
	return ret;
}

/* ---- describing ------------------------------------------------------ */

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

/* [1,2,3] from a JSON array of integers. */
static void put_int_list(struct line *l, json_t *a)
{
	size_t i;
	json_t *v;

	put(l, "[");
	json_array_foreach(a, i, v) put(l, "%s%lld", i ? "," : "", (long long)json_integer_value(v));
	put(l, "]");
}

static void put_result(struct line *l, const struct event *e)
{
	put(l, " = %lld", (long long)e->call.ret);
	if (e->call.err)
		put(l, " %s", e->call.err);
}

static bool fn_is(const struct event *e, const char *a, const char *b)
{
	const char *fn = e->call.fn ? e->call.fn : "";

	return strcmp(fn, a) == 0 || (b && strcmp(fn, b) == 0);
}

/*
 * The arguments of a call, as the student wrote them, as far as we know:
 * each call's own shape from a small table, then what many share (bytes,
 * the address sent to, flags, wait options).
 */
typedef void (*args_fn)(struct line *l, const struct event *e, json_t *o);

static long long jint(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

static void args_socket(struct line *l, const struct event *e, json_t *o)
{
	char b1[24], b2[24];

	(void)e;
	put(l, "%s, %s", jname(o, "domain", b1, sizeof(b1)), jname(o, "type", b2, sizeof(b2)));
}

static void args_select(struct line *l, const struct event *e, json_t *o)
{
	(void)e;
	put(l, "%lld", jint(o, "nfds"));
	if (json_is_array(json_object_get(o, "rfds"))) {
		put(l, ", rfds=");
		put_int_list(l, json_object_get(o, "rfds"));
	}
}

static void args_poll(struct line *l, const struct event *e, json_t *o)
{
	(void)e;
	put(l, "fds=");
	put_int_list(l, json_object_get(o, "fds"));
}

static void args_bind(struct line *l, const struct event *e, json_t *o)
{
	(void)o;
	if (e->call.addr)
		put(l, ", %s", e->call.addr);
}

static void args_connect(struct line *l, const struct event *e, json_t *o)
{
	(void)o;
	if (e->call.peer)
		put(l, ", %s", e->call.peer);
}

static void args_listen(struct line *l, const struct event *e, json_t *o)
{
	(void)e;
	put(l, ", %lld", jint(o, "backlog"));
}

static void args_sockopt(struct line *l, const struct event *e, json_t *o)
{
	char b1[24], b2[24];

	put(l, ", %s, %s", jname(o, "level", b1, sizeof(b1)), jname(o, "opt", b2, sizeof(b2)));
	if (fn_is(e, "setsockopt", NULL) && e->call.has_val)
		put(l, ", %lld", (long long)e->call.val);
}

static void args_shutdown(struct line *l, const struct event *e, json_t *o)
{
	(void)o;
	put(l, ", %s", e->call.how ? e->call.how : "?");
}

static void args_fcntl(struct line *l, const struct event *e, json_t *o)
{
	const char *cmd = jstr(o, "cmd");

	(void)e;
	if (!cmd)
		return;
	put(l, ", %s", cmd);
	if (strcmp(cmd, "F_SETFL") == 0)
		put(l, ", %s", jstr(o, "val") ? jstr(o, "val") : "0");
}

static void args_dup(struct line *l, const struct event *e, json_t *o)
{
	(void)e;
	put(l, ", %lld", jint(o, "newfd"));
}

static void args_wait(struct line *l, const struct event *e, json_t *o)
{
	(void)e;
	put(l, "%lld", jint(o, "which"));
}

/* whole: the call has a shape of its own, with no descriptor first and
 * nothing of the shared tail. */
static const struct {
	const char *fn;
	args_fn put;
	bool whole;
} call_args[] = {
	{"socket", args_socket, true},	   {"socketpair", args_socket, true},
	{"select", args_select, true},	   {"pselect", args_select, true},
	{"poll", args_poll, true},	   {"ppoll", args_poll, true},
	{"bind", args_bind, false},	   {"connect", args_connect, false},
	{"listen", args_listen, false},	   {"setsockopt", args_sockopt, false},
	{"getsockopt", args_sockopt, false}, {"shutdown", args_shutdown, false},
	{"fcntl", args_fcntl, false},	   {"dup2", args_dup, false},
	{"dup3", args_dup, false},	   {"wait", args_wait, false},
	{"waitpid", args_wait, false},	   {"wait3", args_wait, false},
	{"wait4", args_wait, false},	   {"waitid", args_wait, false},
};

static void put_call_args(struct line *l, const struct event *e, json_t *o)
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
		put(l, ", %lld bytes", (long long)e->call.len);
	if (fn_is(e, "sendto", "sendmsg") && e->call.peer)
		put(l, ", %s", e->call.peer);
	if (jstr(o, "flags"))
		put(l, ", %s", jstr(o, "flags"));
	if (jstr(o, "options"))
		put(l, ", %s", jstr(o, "options"));
}

static void describe_call(struct line *l, const struct event *e, json_t *o)
{
	const char *fn = e->call.fn ? e->call.fn : "?";

	put(l, "%s(", fn);
	put_call_args(l, e, o);
	put(l, ")");
	put_result(l, e);
	if (e->call.ret < 0)
		return;
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
	if (json_is_array(json_object_get(o, "ready"))) {
		put(l, " ready=");
		put_int_list(l, json_object_get(o, "ready"));
	}
	if (json_is_array(json_object_get(o, "fds")) && fn_is(e, "socketpair", NULL)) {
		put(l, " ");
		put_int_list(l, json_object_get(o, "fds"));
	}
	if (jstr(o, "msg_flags"))
		put(l, " %s", jstr(o, "msg_flags"));
	if (fn_is(e, "close", "shutdown") && e->call.sock)
		put(l, "  %s", e->call.sock);
	if (jstr(o, "via"))
		put(l, " (by %s)", jstr(o, "via"));
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

static void describe_pkt(struct line *l, const struct event *e)
{
	char letters[9];

	put(l, "#%u %s %s > %s", e->pkt.frame, e->pkt.proto == PROTO_UDP ? "UDP" : "TCP",
	    e->pkt.from ? e->pkt.from : "?", e->pkt.to ? e->pkt.to : "?");
	if (e->pkt.proto == PROTO_UDP) {
		put(l, " len=%u", e->pkt.len);
		return;
	}
	tcp_flags_letters(e->pkt.flags, letters);
	put(l, " [%s] seq=%u", letters, e->pkt.rseq);
	if (e->pkt.flags & TCPF_ACK)
		put(l, " ack=%u", e->pkt.rack);
	put(l, " win=%u len=%u", e->pkt.win, e->pkt.len);
}

/* "killed by SIGKILL" or "exit 0" */
static void put_end(struct line *l, const struct event *e, json_t *o)
{
	if (e->proc.sig)
		put(l, "killed by %s%s", e->proc.sig,
		    json_is_true(json_object_get(o, "core")) ? ", core dumped" : "");
	else
		put(l, "exit %d", e->proc.status);
}

static void describe_proc(struct line *l, const struct event *e, json_t *o)
{
	const char *ev = e->proc.event ? e->proc.event : "?";
	json_t *argv = json_object_get(o, "argv");
	size_t i;
	json_t *v;

	if (strcmp(ev, "fork") == 0) {
		put(l, "fork() = %d", e->proc.child);
	} else if (strcmp(ev, "exec") == 0) {
		put(l, "exec");
		if (json_is_array(argv) && json_array_size(argv) > 0)
			json_array_foreach(argv, i, v) put(l, " %s", json_string_value(v));
		else
			put(l, " %s", e->proc.path ? e->proc.path : "?");
	} else if (strcmp(ev, "exit") == 0) {
		put(l, "exit(%d)", e->proc.status);
	} else if (strcmp(ev, "zombie") == 0) {
		put(l, "zombie: exited, parent %d has not waited for it", e->proc.ppid);
	} else if (strcmp(ev, "reaped") == 0) {
		put(l, "%s reaped child %d (", e->proc.fn ? e->proc.fn : "wait", e->proc.child);
		put_end(l, e, o);
		put(l, ")");
	} else if (strcmp(ev, "signal") == 0) {
		put(l, "%s delivered", e->proc.sig ? e->proc.sig : "signal");
		if (e->proc.child)
			put(l, " (child %d)", e->proc.child);
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

/* Program output, steps, checkpoint results and other notes. */
static void describe_note(struct line *l, const struct event *e, json_t *o)
{
	const char *kind = e->note.kind ? e->note.kind : "";
	const char *text = e->note.text ? e->note.text : "";

	if (strcmp(kind, "output") == 0)
		put(l, "%s printed: %s", jstr(o, "role") ? jstr(o, "role") : "it", text);
	else if (strcmp(kind, "checkpoint") == 0)
		put(l, "checkpoint %s %s: %s",
		    json_is_true(json_object_get(o, "skipped")) ? "SKIP"
		    : json_is_true(json_object_get(o, "pass")) ? "PASS"
							       : "FAIL",
		    jstr(o, "name") ? jstr(o, "name") : "?", text);
	else if (strcmp(kind, "step") == 0)
		put(l, "step: %s", text);
	else
		put(l, "note: %s", text);
}

size_t event_describe(const struct event *e, char *out, size_t cap)
{
	struct line l = {out, cap, 0};
	json_t *o = e->raw ? json_loads(e->raw, 0, NULL) : NULL;

	out[0] = '\0';
	if (cap == 0)
		return 0;
	if (e->pid && e->src != SRC_PKT && e->src != SRC_STATE)
		put(&l, "[%d] ", e->pid);
	switch (e->src) {
	case SRC_CALL:
		describe_call(&l, e, o);
		break;
	case SRC_STATE:
		describe_state(&l, e);
		break;
	case SRC_PKT:
		describe_pkt(&l, e);
		break;
	case SRC_PROC:
		describe_proc(&l, e, o);
		break;
	case SRC_NOTE:
		describe_note(&l, e, o);
		break;
	}
	json_decref(o);
	return l.n;
}

void event_time_str(int64_t t_ns, char *out, size_t cap)
{
	snprintf(out, cap, "%lld.%06lld", (long long)(t_ns / 1000000000LL),
		 (long long)(t_ns % 1000000000LL / 1000));
}
