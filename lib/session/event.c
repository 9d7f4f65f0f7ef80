/*
 * event.c - reading an event from its JSON line (describe.c names it in
 * words; wire/tcp.c has the TCP vocabulary).
 *
 * A line must be an object with an integer "t" and a known "src"; every
 * other field is optional, and a field of the wrong type counts as absent,
 * so one odd field never costs a whole event.
 *
 * A session may hold millions of lines, so a line is read in one pass of
 * jscan (base/jscan.h), which checks it and lists its members without
 * allocating: each member the event needs is kept in a slot by its key
 * (enum key), then the fields are filled from the slots. Strings are
 * interned straight from the line, or decoded first when they hold an
 * escape. jscan vouches for a line only when jansson, which read sessions
 * before, would read it the same way (no key twice, no escaped key); any
 * other line -- malformed, or merely unusual -- is given to jansson
 * (event_jansson.c), which decides, and says why it refuses. So this
 * reader accepts and refuses exactly what jansson did, and
 * tests/fuzz/fuzz_session.c holds it to that.
 */
#include "session/event.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/jobj.h"
#include "base/jscan.h"

static const char *const src_names[SRC_COUNT] = {"call", "state", "pkt", "proc", "note"};

static bool fn_in(const struct event *e, const char *const names[])
{
	if (e->src != SRC_CALL || !e->call.fn)
		return false;
	for (; *names; names++)
		if (strcmp(e->call.fn, *names) == 0)
			return true;
	return false;
}

bool event_call_reads(const struct event *e)
{
	static const char *const in[] = {"recv", "recvfrom", "recvmsg", "read", "readv", NULL};

	return fn_in(e, in);
}

bool event_call_sends(const struct event *e)
{
	static const char *const out[] = {"send", "sendto", "sendmsg", "write", "writev", NULL};

	return fn_in(e, out);
}

bool event_call_waits(const struct event *e)
{
	static const char *const waits[] = {"accept", "accept4", "select",     "pselect",
					    "poll",   "ppoll",	 "epoll_wait", "epoll_pwait",
					    "wait",   "waitpid", "wait3",      "wait4",
					    "waitid", NULL};

	return event_call_reads(e) || fn_in(e, waits);
}

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

void event_fields(const struct event *e, struct jobj *o)
{
	jobj_read(o, e->json ? e->json : "", e->json ? e->json_len : 0);
}

/* ---- reading a line ---------------------------------------------------- */

/* The keys struct event reads. */
enum key {
	K_T,
	K_SRC,
	K_PID,
	K_TID,
	K_CONN,
	K_FN,
	K_ERRNO,
	K_SOCK,
	K_ADDR,
	K_PEER,
	K_HOW,
	K_LEVEL,
	K_OPT,
	K_PROTO,
	K_RET,
	K_LEN,
	K_VAL,
	K_DUR,
	K_FD,
	K_SIG,
	K_VIA,
	K_TIMER_MS,
	K_FROM,
	K_TO,
	K_FRAME,
	K_SEQ,
	K_ACK,
	K_RSEQ,
	K_RACK,
	K_WIN,
	K_ANALYSIS,
	K_DUP_NUM,
	K_DUP_FRAME,
	K_WINDOW_PROBE,
	K_FLAGS,
	K_ORIG,
	K_TYPE,
	K_CODE,
	K_EVENT,
	K_PATH,
	K_HANDLER,
	K_PPID,
	K_CHILD,
	K_STATUS,
	K_CREATOR,
	K_HELD_MS,
	K_SINCE,
	K_KIND,
	K_TEXT,
	K_COUNT
};

static const char *const key_names[K_COUNT] = {
	[K_T] = "t",
	[K_SRC] = "src",
	[K_PID] = "pid",
	[K_TID] = "tid",
	[K_CONN] = "conn",
	[K_FN] = "fn",
	[K_ERRNO] = "errno",
	[K_SOCK] = "sock",
	[K_ADDR] = "addr",
	[K_PEER] = "peer",
	[K_HOW] = "how",
	[K_LEVEL] = "level",
	[K_OPT] = "opt",
	[K_PROTO] = "proto",
	[K_RET] = "ret",
	[K_LEN] = "len",
	[K_VAL] = "val",
	[K_DUR] = "dur",
	[K_FD] = "fd",
	[K_SIG] = "sig",
	[K_VIA] = "via",
	[K_TIMER_MS] = "timer_ms",
	[K_FROM] = "from",
	[K_TO] = "to",
	[K_FRAME] = "frame",
	[K_SEQ] = "seq",
	[K_ACK] = "ack",
	[K_RSEQ] = "rseq",
	[K_RACK] = "rack",
	[K_WIN] = "win",
	[K_ANALYSIS] = "analysis",
	[K_DUP_NUM] = "duplicate_ack_num",
	[K_DUP_FRAME] = "duplicate_ack_frame",
	[K_WINDOW_PROBE] = "window_probe",
	[K_FLAGS] = "flags",
	[K_ORIG] = "orig",
	[K_TYPE] = "type",
	[K_CODE] = "code",
	[K_EVENT] = "event",
	[K_PATH] = "path",
	[K_HANDLER] = "handler",
	[K_PPID] = "ppid",
	[K_CHILD] = "child",
	[K_STATUS] = "status",
	[K_CREATOR] = "creator",
	[K_HELD_MS] = "held_ms",
	[K_SINCE] = "since",
	[K_KIND] = "kind",
	[K_TEXT] = "text",
};

/* Keys by a hash of their length and ends, made once: a lookup is one
 * hash and one comparison, for each of the fifteen or so keys of a line. */
#define KEY_SLOTS 256
static uint8_t key_table[KEY_SLOTS]; /* enum key + 1; 0: empty */
static uint8_t key_len[K_COUNT];
static pthread_once_t key_table_once = PTHREAD_ONCE_INIT;

static unsigned key_hash(const char *key, size_t len)
{
	return (unsigned)(len * 37 + (unsigned char)key[0] * 11 + (unsigned char)key[len - 1]) %
	       KEY_SLOTS;
}

static void key_table_make(void)
{
	for (int k = 0; k < K_COUNT; k++) {
		unsigned h = key_hash(key_names[k], strlen(key_names[k]));
		key_len[k] = (uint8_t)strlen(key_names[k]);
		while (key_table[h])
			h = (h + 1) % KEY_SLOTS;
		key_table[h] = (uint8_t)(k + 1);
	}
}

/* memcmp() == 0 for a few bytes, without the call. */
static bool same_bytes(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return false;
	return true;
}

/* The key named by the len bytes at key, or -1 for one struct event does
 * not read. */
static int key_find(const char *key, size_t len)
{
	if (len == 0)
		return -1;
	for (unsigned h = key_hash(key, len); key_table[h]; h = (h + 1) % KEY_SLOTS) {
		int k = key_table[h] - 1;
		if (key_len[k] == len && same_bytes(key_names[k], key, len))
			return k;
	}
	return -1;
}

/* The members of one line, by key, and room to decode its strings: all
 * of them decoded together never take more bytes than the line. */
struct line {
	struct jscan_member m[K_COUNT];
	uint64_t has; /* bit k: the line has key k */
	struct strpool *pool;
	char *scratch;
	size_t used;
};

static void keep_member(void *arg, const struct jscan_member *m)
{
	struct line *l = arg;
	int k = key_find(m->key, m->key_len);

	if (k >= 0) {
		l->m[k] = *m;
		l->has |= 1ULL << k;
	}
}

static const struct jscan_member *member(const struct line *l, enum key k, enum jscan_type type)
{
	return (l->has >> k & 1) && l->m[k].type == type ? &l->m[k] : NULL;
}

/* A string member decoded, NUL-terminated, in the line's scratch. */
static const char *decoded(struct line *l, const struct jscan_member *m)
{
	char *out = l->scratch + l->used;

	l->used += jscan_string(m, out) + 1;
	return out;
}

/* Field readers, as jansson's in event_jansson.c: absent or of the wrong
 * type gives the default. */
static const char *get_cstr(struct line *l, enum key k)
{
	const struct jscan_member *m = member(l, k, JS_STRING);

	return m ? decoded(l, m) : NULL;
}

static const char *intern_member(struct line *l, const struct jscan_member *m)
{
	if (!m->escaped)
		return strpool_intern(l->pool, m->val, m->val_len);
	return strpool_get(l->pool, decoded(l, m));
}

static const char *get_str(struct line *l, enum key k)
{
	const struct jscan_member *m = member(l, k, JS_STRING);

	return m ? intern_member(l, m) : NULL;
}

static int64_t get_int(const struct line *l, enum key k, int64_t dflt)
{
	const struct jscan_member *m = member(l, k, JS_NUMBER);
	int64_t v;

	return m && jscan_int(m, &v) ? v : dflt;
}

static bool has_int(const struct line *l, enum key k)
{
	int64_t v;

	return member(l, k, JS_NUMBER) && jscan_int(&l->m[k], &v);
}

static void fill_call(struct event *e, struct line *l)
{
	const char *sig = get_cstr(l, K_SIG);

	e->call.fn = get_str(l, K_FN);
	e->call.err = get_str(l, K_ERRNO);
	e->call.sock = get_str(l, K_SOCK);
	e->call.addr = get_str(l, K_ADDR);
	e->call.peer = get_str(l, K_PEER);
	e->call.how = get_str(l, K_HOW);
	e->call.level = get_str(l, K_LEVEL);
	e->call.opt = get_str(l, K_OPT);
	e->call.proto = get_str(l, K_PROTO);
	e->call.ret = get_int(l, K_RET, 0);
	e->call.len = get_int(l, K_LEN, -1);
	e->call.has_val = has_int(l, K_VAL);
	e->call.val = get_int(l, K_VAL, 0);
	e->call.dur = get_int(l, K_DUR, 0);
	e->call.fd = (int32_t)get_int(l, K_FD, -1);
	e->call.sigpipe = sig && strcmp(sig, "SIGPIPE") == 0;
}

static void fill_state(struct event *e, struct line *l)
{
	e->state.sock = get_str(l, K_SOCK);
	e->state.via = get_str(l, K_VIA);
	e->state.timer_ms = get_int(l, K_TIMER_MS, -1);
	e->state.from = tcp_state_parse(get_cstr(l, K_FROM));
	e->state.to = tcp_state_parse(get_cstr(l, K_TO));
}

/* "analysis": ["retransmission", ...] as bits; unknown names are left
 * out (a later socklab may know more). */
struct analysis {
	struct line *l;
	uint16_t bits;
};

static void add_analysis(void *arg, const struct jscan_member *m)
{
	struct analysis *a = arg;

	if (m->type == JS_STRING)
		a->bits |= tcp_analysis_parse(decoded(a->l, m));
}

static uint16_t get_analysis(struct line *l)
{
	const struct jscan_member *m = member(l, K_ANALYSIS, JS_ARRAY);
	struct analysis a = {l, 0};

	if (m)
		jscan_array(m->val, m->val_len, add_analysis, &a);
	return a.bits;
}

/* ICMP: "orig", the datagram it is about: its "from". */
struct orig {
	struct line *l;
	const char *from;
};

static void find_orig_from(void *arg, const struct jscan_member *m)
{
	struct orig *o = arg;

	if (JSCAN_IS(m, "from") && m->type == JS_STRING)
		o->from = intern_member(o->l, m);
}

static const char *get_orig_from(struct line *l)
{
	const struct jscan_member *m = member(l, K_ORIG, JS_OBJECT);
	struct orig o = {l, NULL};

	if (m)
		jscan_object_trusted(m->val, m->val_len, find_orig_from, &o);
	return o.from;
}

static uint8_t get_proto(struct line *l)
{
	const char *proto = get_cstr(l, K_PROTO);

	return !proto			    ? PROTO_NONE
	       : strcmp(proto, "tcp") == 0  ? PROTO_TCP
	       : strcmp(proto, "udp") == 0  ? PROTO_UDP
	       : strcmp(proto, "icmp") == 0 ? PROTO_ICMP
					    : PROTO_NONE;
}

static void fill_pkt(struct event *e, struct line *l)
{
	e->pkt.from = get_str(l, K_FROM);
	e->pkt.to = get_str(l, K_TO);
	e->pkt.frame = (uint32_t)get_int(l, K_FRAME, 0);
	e->pkt.seq = (uint32_t)get_int(l, K_SEQ, 0);
	e->pkt.ack = (uint32_t)get_int(l, K_ACK, 0);
	e->pkt.rseq = (uint32_t)get_int(l, K_RSEQ, 0);
	e->pkt.rack = (uint32_t)get_int(l, K_RACK, 0);
	e->pkt.len = (uint32_t)get_int(l, K_LEN, 0);
	e->pkt.win = (uint32_t)get_int(l, K_WIN, 0);
	e->pkt.analysis = get_analysis(l);
	e->pkt.dup_ack_num = (uint32_t)get_int(l, K_DUP_NUM, 0);
	e->pkt.dup_ack_frame = (uint32_t)get_int(l, K_DUP_FRAME, 0);
	e->pkt.window_probe = member(l, K_WINDOW_PROBE, JS_TRUE) != NULL;
	e->pkt.proto = get_proto(l);
	if (e->pkt.proto == PROTO_ICMP) {
		e->pkt.about = get_orig_from(l);
		e->pkt.icmp_type = (uint8_t)get_int(l, K_TYPE, 0);
		e->pkt.icmp_code = (uint8_t)get_int(l, K_CODE, 0);
	}
	e->pkt.flags = tcp_flags_parse(get_cstr(l, K_FLAGS));
}

static void fill_proc(struct event *e, struct line *l)
{
	e->proc.event = get_str(l, K_EVENT);
	e->proc.sig = get_str(l, K_SIG);
	e->proc.fn = get_str(l, K_FN);
	e->proc.path = get_str(l, K_PATH);
	e->proc.handler = get_str(l, K_HANDLER);
	e->proc.ppid = (int32_t)get_int(l, K_PPID, 0);
	e->proc.child = (int32_t)get_int(l, K_CHILD, 0);
	e->proc.status = (int32_t)get_int(l, K_STATUS, -1);
	e->proc.creator = (int32_t)get_int(l, K_CREATOR, 0);
	e->proc.held_ms = (int32_t)get_int(l, K_HELD_MS, -1);
	e->proc.fd = (int32_t)get_int(l, K_FD, -1);
	e->proc.since = get_int(l, K_SINCE, e->t);
}

static void fill_note(struct event *e, struct line *l)
{
	e->note.kind = get_str(l, K_KIND);
	e->note.text = get_str(l, K_TEXT);
}

/* Fills e from a line jscan vouched for; false when it is not an event
 * (no time, no known source): jansson then says why. */
static bool fill(struct event *e, struct line *l)
{
	const char *src = get_cstr(l, K_SRC);
	int64_t t = get_int(l, K_T, -1);
	int kind = src ? event_src_parse(src) : -1;

	if (t < 0 || kind < 0) /* -1: no "t", or not an integer */
		return false;
	memset(e, 0, sizeof(*e));
	e->t = t;
	e->src = (uint8_t)kind;
	e->pid = (int32_t)get_int(l, K_PID, 0);
	e->tid = (int32_t)get_int(l, K_TID, e->pid);
	e->conn = (int32_t)get_int(l, K_CONN, -1);
	switch (e->src) {
	case SRC_CALL:
		fill_call(e, l);
		break;
	case SRC_STATE:
		fill_state(e, l);
		break;
	case SRC_PKT:
		fill_pkt(e, l);
		break;
	case SRC_PROC:
		fill_proc(e, l);
		break;
	case SRC_NOTE:
		fill_note(e, l);
		break;
	}
	return true;
}

int event_parse(struct event *e, const char *line, size_t len, struct strpool *pool, char *err,
		size_t errlen)
{
	char stack[4096];
	struct line l = {.pool = pool, .scratch = stack};
	bool ok;

	pthread_once(&key_table_once, key_table_make);
	if (len >= sizeof(stack) && !(l.scratch = malloc(len + 1)))
		return event_parse_jansson(e, line, len, pool, err, errlen);
	ok = jscan_object_unique(line, len, keep_member, &l) == 0 && fill(e, &l);
	if (l.scratch != stack)
		free(l.scratch);
	return ok ? 0 : event_parse_jansson(e, line, len, pool, err, errlen);
}

struct ints {
	int *out, max, n;
};

static void add_int(void *arg, const struct jscan_member *m)
{
	struct ints *a = arg;
	int64_t v;

	if (a->n < a->max && m->type == JS_NUMBER && jscan_int(m, &v))
		a->out[a->n++] = (int)v;
}

int event_ints(const struct event *e, const char *key, int *out, int max)
{
	struct jobj o;
	struct ints a = {out, max, 0};

	event_fields(e, &o);
	if (!jobj_is_array(&o, key))
		a.n = -1;
	else
		jobj_each(&o, key, add_int, &a);
	jobj_free(&o);
	return a.n;
}
