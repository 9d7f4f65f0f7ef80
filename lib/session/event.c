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
 * (the keys of session/evfields.h's rows), then the fields are filled by
 * walking the rows of the event's source. Strings are
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
#include "session/evfields.h"

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

/* The keys struct event reads: the five every event has, then each key of
 * session/evfields.h's rows, once (rows of two sources may share a key:
 * "sock", "from"). Made once, with the hash table below. */
enum { K_T, K_SRC, K_PID, K_TID, K_CONN, K_FIXED };
#define KEYS_MAX 64 /* struct line's has is a uint64_t */
#define ROWS_MAX 128

static const char *key_names[KEYS_MAX] = {"t", "src", "pid", "tid", "conn"};
static int nkeys = K_FIXED;
static uint8_t row_key[ROWS_MAX]; /* the key of row i of evfields_all() */

/* Keys by a hash of their length and ends, made once: a lookup is one
 * hash and one comparison, for each of the fifteen or so keys of a line. */
#define KEY_SLOTS 256
static uint8_t key_table[KEY_SLOTS]; /* a key + 1; 0: empty */
static uint8_t key_len[KEYS_MAX];
static pthread_once_t key_table_once = PTHREAD_ONCE_INIT;

static unsigned key_hash(const char *key, size_t len)
{
	return (unsigned)(len * 37 + (unsigned char)key[0] * 11 + (unsigned char)key[len - 1]) %
	       KEY_SLOTS;
}

/* The key named name, added when it is new. */
static int key_add(const char *name)
{
	for (int k = 0; k < nkeys; k++)
		if (strcmp(key_names[k], name) == 0)
			return k;
	if (nkeys == KEYS_MAX)
		abort(); /* more keys than struct line holds: raise KEYS_MAX */
	key_names[nkeys] = name;
	return nkeys++;
}

static void key_table_make(void)
{
	size_t n;
	const struct evfield *f = evfields_all(&n);

	if (n > ROWS_MAX)
		abort(); /* more rows than row_key holds: raise ROWS_MAX */
	for (size_t i = 0; i < n; i++)
		row_key[i] = (uint8_t)key_add(f[i].key);
	for (int k = 0; k < nkeys; k++) {
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
	struct jscan_member m[KEYS_MAX];
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

static const struct jscan_member *member(const struct line *l, int k, enum jscan_type type)
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
static const char *get_cstr(struct line *l, int k)
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

static const char *get_str(struct line *l, int k)
{
	const struct jscan_member *m = member(l, k, JS_STRING);

	return m ? intern_member(l, m) : NULL;
}

static int64_t get_int(const struct line *l, int k, int64_t dflt)
{
	const struct jscan_member *m = member(l, k, JS_NUMBER);
	int64_t v;

	return m && jscan_int(m, &v) ? v : dflt;
}

static bool has_int(const struct line *l, int k)
{
	int64_t v;

	return member(l, k, JS_NUMBER) && jscan_int(&l->m[k], &v);
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

static uint16_t get_analysis(struct line *l, int k)
{
	const struct jscan_member *m = member(l, k, JS_ARRAY);
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

static const char *get_orig_from(struct line *l, int k)
{
	const struct jscan_member *m = member(l, k, JS_OBJECT);
	struct orig o = {l, NULL};

	if (m)
		jscan_object_trusted(m->val, m->val_len, find_orig_from, &o);
	return o.from;
}

static uint8_t get_proto(struct line *l, int k)
{
	const char *proto = get_cstr(l, k);

	return !proto			    ? PROTO_NONE
	       : strcmp(proto, "tcp") == 0  ? PROTO_TCP
	       : strcmp(proto, "udp") == 0  ? PROTO_UDP
	       : strcmp(proto, "icmp") == 0 ? PROTO_ICMP
					    : PROTO_NONE;
}

static bool is_sigpipe(struct line *l, int k)
{
	const char *sig = get_cstr(l, k);

	return sig && strcmp(sig, "SIGPIPE") == 0;
}

/* Field f of e from the line's member k, as session/evfields.h says (and
 * as event_jansson.c reads it): absent or of the wrong type gives the
 * usual value. */
static void fill_field(struct event *e, struct line *l, const struct evfield *f, int k)
{
	bool icmp = e->src == SRC_PKT && e->pkt.proto == PROTO_ICMP;

	switch (f->read) {
	case EVF_STR:
		evfield_set_str(e, f, get_str(l, k));
		return;
	case EVF_ORIG_FROM:
		if (icmp)
			evfield_set_str(e, f, get_orig_from(l, k));
		return;
	case EVF_ICMP_INT:
		if (icmp)
			evfield_set(e, f, get_int(l, k, f->usual));
		return;
	case EVF_INT:
	case EVF_SINCE:
		evfield_set(e, f, get_int(l, k, evfield_usual(e, f)));
		return;
	case EVF_HAS_INT:
		evfield_set(e, f, has_int(l, k));
		return;
	case EVF_TRUE:
		evfield_set(e, f, member(l, k, JS_TRUE) != NULL);
		return;
	case EVF_SIGPIPE:
		evfield_set(e, f, is_sigpipe(l, k));
		return;
	case EVF_STATE:
		evfield_set(e, f, tcp_state_parse(get_cstr(l, k)));
		return;
	case EVF_FLAGS:
		evfield_set(e, f, tcp_flags_parse(get_cstr(l, k)));
		return;
	case EVF_PROTO:
		evfield_set(e, f, get_proto(l, k));
		return;
	case EVF_ANALYSIS:
		evfield_set(e, f, get_analysis(l, k));
		return;
	}
}

/* Fills e from a line jscan vouched for; false when it is not an event
 * (no time, no known source): jansson then says why. */
static bool fill(struct event *e, struct line *l)
{
	const char *src = get_cstr(l, K_SRC);
	int64_t t = get_int(l, K_T, -1);
	int kind = src ? event_src_parse(src) : -1;
	const struct evfield *f, *all;
	size_t n, nall;

	if (t < 0 || kind < 0) /* -1: no "t", or not an integer */
		return false;
	memset(e, 0, sizeof(*e));
	e->t = t;
	e->src = (uint8_t)kind;
	e->pid = (int32_t)get_int(l, K_PID, 0);
	e->tid = (int32_t)get_int(l, K_TID, e->pid);
	e->conn = (int32_t)get_int(l, K_CONN, -1);
	f = evfields_of(e->src, &n);
	all = evfields_all(&nall);
	for (size_t i = 0; i < n; i++)
		fill_field(e, l, &f[i], row_key[&f[i] - all]);
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
