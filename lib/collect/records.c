/*
 * records.c - what comes in: records from the ring (JSON ones checked by
 * jscan and kept as text, binary data-call records written as JSON) and the
 * events sources pushed into the inbox, each handed to col_arrive().
 */
#include "collect/collector_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/jscan.h"
#include "base/ptrmap.h"
#include "base/strpool.h"
#include "collect/privs.h"
#include "collect/procwatch.h"
#include "wire/endpoint.h"
#include "wire/ring.h"
#include "wire/ringrec.h"
#include "wire/tcp.h"

/* What the collector needs of a record before it writes it. */
struct record_fields {
	int64_t t;
	bool has_t, is_call, has_src, plain_sock, bad;
	unsigned seen; /* FIELD_* bits: each key of these once */
	int64_t pid;
	const struct jscan_member *sock;
	struct jscan_member sock_m, src, event, kind, fn;
};

enum {
	FIELD_T = 1,
	FIELD_SRC = 2,
	FIELD_PID = 4,
	FIELD_SOCK = 8,
	FIELD_EVENT = 16,
	FIELD_KIND = 32,
	FIELD_FN = 64
};

/* True (and the record bad) when the key of bit was seen before: a record
 * with two "src" would say one thing to this scan and another to jansson. */
static bool twice(struct record_fields *f, unsigned bit)
{
	if (f->seen & bit)
		f->bad = true;
	f->seen |= bit;
	return f->bad;
}

static void record_field(void *arg, const struct jscan_member *m)
{
	struct record_fields *f = arg;

	/* The tracer's keys are plain words: "\u0073rc" is jansson's "src",
	 * and no tracer writes it. */
	if (m->key_escaped) {
		f->bad = true;
		return;
	}
	/* Most keys are none of these: their length says so at once. */
	if (m->key_len > 5)
		return;
	if (m->key_len == 2) {
		if (JSCAN_IS(m, "fn") && m->type == JS_STRING && !twice(f, FIELD_FN))
			f->fn = *m;
		return;
	}
	if (JSCAN_IS(m, "t")) {
		if (!twice(f, FIELD_T))
			f->has_t = jscan_int(m, &f->t) && f->t >= 0;
	} else if (JSCAN_IS(m, "src") && m->type == JS_STRING) {
		if (twice(f, FIELD_SRC))
			return;
		f->has_src = true;
		f->src = *m;
		f->is_call = m->val_len == 4 && memcmp(m->val, "call", 4) == 0;
	} else if (JSCAN_IS(m, "pid")) {
		if (!twice(f, FIELD_PID))
			jscan_int(m, &f->pid);
	} else if (JSCAN_IS(m, "sock") && m->type == JS_STRING) {
		if (twice(f, FIELD_SOCK))
			return;
		f->sock_m = *m;
		f->sock = &f->sock_m;
		f->plain_sock = !m->escaped && m->val_len < ENDPOINT_STR_MAX * 2;
	} else if (JSCAN_IS(m, "event") && m->type == JS_STRING) {
		if (!twice(f, FIELD_EVENT))
			f->event = *m;
	} else if (JSCAN_IS(m, "kind") && m->type == JS_STRING) {
		if (!twice(f, FIELD_KIND))
			f->kind = *m;
	}
}

/* ---- what the ring may tell ---------------------------------------------- */

/* A record's t may be this far past the collector's clock (the tracer
 * reads the same clock; this is room for nothing but a slow collector). */
#define RECORD_FUTURE_NS (2 * 1000 * 1000 * 1000LL)

static bool member_is(const struct jscan_member *m, const char *s)
{
	size_t n = strlen(s);

	return m->val && !m->escaped && m->val_len == n && memcmp(m->val, s, n) == 0;
}

static bool member_in(const struct jscan_member *m, const char *const *set)
{
	for (; *set; set++)
		if (member_is(m, *set))
			return true;
	return false;
}

/* The process events the tracer writes (lib/tracer: init.c, proccalls.c,
 * sigcalls.c, threadcalls.c). A traced wait's "reaped" is the tracer's
 * too (and `socklab trace`'s, for its own waits, in a watch it joined). */
static const char *const tracer_proc_events[] = {"exec",    "fork",   "exit",	     "signal",
						 "handler", "thread", "thread_exit", NULL};

/* The wait functions whose reapings the tracer writes (sigcalls.c). */
static const char *const wait_fns[] = {"wait", "waitpid", "wait3", "wait4", "waitid", NULL};

/* What kind of record f is, for the intake: refused (and counted), taken,
 * taken as a call, or set aside: the tracer's own, but not the ring's to
 * tell in a grade (not counted: an honest program writes them). */
enum intake_kind { KIND_REFUSED, KIND_TAKEN, KIND_WAIT_CALL, KIND_SET_ASIDE };

/* The tracer's own note and TCP_INFO state (proccalls.c, tcpinfo.c); a
 * state only while socklab asks tracers for them. */
static bool tracers_note_or_state(const struct collector *c, const struct record_fields *f)
{
	if (member_is(&f->src, "note"))
		return member_is(&f->kind, "untraceable");
	return member_is(&f->src, "state") &&
	       (atomic_load_explicit(&c->ring.hdr->asks, memory_order_relaxed) & RING_ASK_TCPINFO);
}

static enum intake_kind record_kind(const struct collector *c, const struct record_fields *f)
{
	bool grading = c->intake.calls_only;

	if (f->is_call)
		return KIND_TAKEN;
	if (member_is(&f->src, "proc")) {
		if (member_in(&f->event, tracer_proc_events))
			return KIND_TAKEN;
		if (member_is(&f->event, "reaped") && !grading)
			return KIND_TAKEN;
		if (member_is(&f->event, "reaped"))
			return member_in(&f->fn, wait_fns) ? KIND_WAIT_CALL : KIND_REFUSED;
		return !grading && member_is(&f->event, "watch") ? KIND_TAKEN : KIND_REFUSED;
	}
	/* In a grade, socklab's own sources tell those. */
	if (grading)
		return tracers_note_or_state(c, f) ? KIND_SET_ASIDE : KIND_REFUSED;
	if (member_is(&f->src, "note"))
		return member_is(&f->kind, "untraceable") ? KIND_TAKEN : KIND_REFUSED;
	return member_is(&f->src, "state") ? KIND_TAKEN : KIND_REFUSED;
}

/* True when pid may speak in this session: any, unless the intake asks; the
 * answer for a pid is kept, so /proc is read once per process. */
static bool pid_taken(struct collector *c, pid_t pid)
{
	long known = 0;

	if (!c->intake.pid_ok)
		return true;
	if (pid <= 0 || pid == c->self)
		return false;
	if (ptrmap_get(&c->speakers, (void *)(intptr_t)pid, &known) && known > 0)
		return true;
	/* Unknown, or refused before: socklab may have started it since. */
	col_take_vouched(c);
	known = 0;
	if (ptrmap_get(&c->speakers, (void *)(intptr_t)pid, &known) && known > 0)
		return true;
	if (known < 0)
		return false;
	known = c->intake.pid_ok(c->intake.arg, pid) ? 1 : -1;
	ptrmap_put(&c->speakers, (void *)(intptr_t)pid, known);
	return known > 0;
}

/* A fork the session believes: its child speaks too, even if it is gone
 * before its first record is read. */
static void trust_child(struct collector *c, json_t *ev)
{
	json_int_t child = json_integer_value(json_object_get(ev, "child"));

	if (c->intake.pid_ok && child > 0 && child < INT32_MAX)
		ptrmap_put(&c->speakers, (void *)(intptr_t)child, 1);
}

/* The time and pid of a record are the session's. Refused ones counted. */
static bool record_taken(struct collector *c, int64_t t, int64_t pid)
{
	if (t < 0 || t > collector_now(c) + RECORD_FUTURE_NS || pid < 0 || pid > INT32_MAX ||
	    !pid_taken(c, (pid_t)pid)) {
		c->ignored_records++;
		return false;
	}
	return true;
}

/* ---- a traced wait's word, in a grade -------------------------------- */

/* A claim packed in a long: the waiting pid, its wait function's index,
 * and how the child ended (an exit status, or a signal's number). */
#define CLAIM_EXITED	   (1L << 16)
#define CLAIM_SIGNALED	   (1L << 17)
#define CLAIM_FN_SHIFT	   20
#define CLAIM_FN_MASK	   0xfL
#define CLAIM_REAPER_SHIFT 32

static int signal_number(const char *name)
{
	for (int sig = 1; sig < 65 && name && strncmp(name, "SIG", 3) == 0; sig++)
		if (sigabbrev_np(sig) && strcmp(sigabbrev_np(sig), name + 3) == 0)
			return sig;
	return 0;
}

/* Keeps what a traced wait says of the child it reaped: which function,
 * and how the child ended. /proc has the reaping; this only names it. */
static void keep_wait_claim(struct collector *c, json_t *ev)
{
	json_int_t reaper = json_integer_value(json_object_get(ev, "pid"));
	json_int_t child = json_integer_value(json_object_get(ev, "child"));
	const char *fn = json_string_value(json_object_get(ev, "fn"));
	json_t *status = json_object_get(ev, "status");
	int sig = signal_number(json_string_value(json_object_get(ev, "sig")));
	long claim = 0;
	int i = 0;

	while (wait_fns[i] && (!fn || strcmp(fn, wait_fns[i]) != 0))
		i++;
	if (!wait_fns[i] || child <= 0 || child > INT32_MAX || reaper <= 0 || reaper > INT32_MAX)
		return;
	claim = (long)reaper << CLAIM_REAPER_SHIFT | (long)i << CLAIM_FN_SHIFT;
	if (json_is_integer(status))
		claim |= CLAIM_EXITED | (json_integer_value(status) & 0xff);
	else if (sig > 0)
		claim |= CLAIM_SIGNALED | sig;
	ptrmap_put(&c->wait_claims, (void *)(intptr_t)child, claim);
}

void col_name_reaping(struct collector *c, json_t *reaped, pid_t child)
{
	long claim;

	if (!ptrmap_get(&c->wait_claims, (void *)(intptr_t)child, &claim) || claim == 0)
		return;
	/* /proc had not seen its parent yet: the wait's process it is. */
	if (json_integer_value(json_object_get(reaped, "pid")) <= 0)
		json_object_set_new(reaped, "pid", json_integer(claim >> CLAIM_REAPER_SHIFT));
	json_object_set_new(reaped, "fn",
			    json_string(wait_fns[(claim >> CLAIM_FN_SHIFT) & CLAIM_FN_MASK]));
	if (claim & CLAIM_EXITED)
		json_object_set_new(reaped, "status", json_integer(claim & 0xff));
	else if (claim & CLAIM_SIGNALED)
		json_object_set_new(reaped, "sig",
				    json_sprintf("SIG%s", sigabbrev_np(claim & 0xff)));
	ptrmap_put(&c->wait_claims, (void *)(intptr_t)child, 0);
}

/* In a grade, a traced wait that reaped is kept as what it was, a call
 * (src "call", ret the child): who reaped whom, and when, is /proc's to
 * say; the wait's word names the reaping (col_name_reaping). */
static void as_wait_call(struct collector *c, json_t *ev)
{
	keep_wait_claim(c, ev);
	json_object_set_new(ev, "src", json_string("call"));
	json_object_set(ev, "ret", json_object_get(ev, "child"));
	json_object_set_new(ev, "errno", json_null());
	json_object_del(ev, "event");
}

/* A call record: kept as text. What it teaches is learned now. sock is
 * its socket's name (sock_len bytes, none when 0). */
static void take_call(struct collector *c, const char *rec, size_t len, int64_t t, pid_t pid,
		      const char *sock, size_t sock_len)
{
	struct pending p = {.t = t, .len = (uint32_t)len};
	char name[ENDPOINT_STR_MAX * 2];

	if (waiting_keep_text(&c->waiting, &p, rec, len) < 0) {
		c->bad_records++;
		return;
	}
	if (sock_len && sock_len < sizeof(name)) {
		p.sock = strpool_intern(c->pool, sock, sock_len);
		/* A socket's address is learned once: most calls name a socket
		 * already known. */
		if (p.sock && !ptrmap_get(&c->learned, p.sock, NULL)) {
			ptrmap_put(&c->learned, p.sock, 1);
			col_learn_sock(c, p.sock);
		}
	}
	col_learn_pid(c, pid);
	blocked_saw_call(c->blocked, pid, t);
	col_arrive(c, &p);
}

/* A data call's binary record (lib/wire/ringrec.h), written as JSON. */
static void take_io(struct collector *c, const char *rec, size_t len)
{
	const struct ringrec_io *r = (const struct ringrec_io *)rec;
	char line[RING_RECORD_MAX + 512], sock[RINGREC_TEXT_MAX + 1];
	int n = ringrec_io_json(rec, len, line, sizeof(line), sock, sizeof(sock));

	if (n < 0) {
		c->bad_records++;
		return;
	}
	if (!record_taken(c, r->t, r->pid))
		return;
	take_call(c, line, (size_t)n, r->t, r->pid, sock, strlen(sock));
}

/* One record from a traced program: checked in full first (any program
 * can write the ring), then its kind, time and pid. Calls, by far the
 * most, go the fast way; the rest through jansson. */
static void take_record(struct collector *c, const char *rec, size_t len)
{
	struct record_fields f = {0};
	struct pending p = {0};
	enum intake_kind kind;

	if (len > 0 && rec[0] == RINGREC_IO) {
		take_io(c, rec, len);
		return;
	}
	if (jscan_object(rec, len, record_field, &f) < 0 || f.bad || !f.has_t || !f.has_src) {
		c->bad_records++;
		return;
	}
	kind = record_kind(c, &f);
	if (kind == KIND_REFUSED || kind == KIND_SET_ASIDE) {
		c->ignored_records += kind == KIND_REFUSED;
		return;
	}
	if (!record_taken(c, f.t, f.pid))
		return;
	if (f.is_call && (!f.sock || f.plain_sock)) {
		take_call(c, rec, len, f.t, (pid_t)f.pid, f.sock ? f.sock->val : NULL,
			  f.sock ? f.sock->val_len : 0);
		return;
	}
	p.ev = json_loadb(rec, len, JSON_REJECT_DUPLICATES, NULL);
	if (!p.ev) {
		c->bad_records++;
		return;
	}
	if (kind == KIND_WAIT_CALL)
		as_wait_call(c, p.ev);
	else if (member_is(&f.event, "fork"))
		trust_child(c, p.ev);
	p.t = f.t;
	col_arrive(c, &p);
}

/* Records taken per look at the ring: a producer that fills it as fast as
 * it is read (or a ring whose seq numbers lie) cannot keep the collector
 * from its other work. */
#define RING_TAKE_BUDGET 4096

bool col_take_ring(struct collector *c)
{
	char rec[RING_RECORD_MAX];
	int64_t now = ring_now_ns();
	long len;
	bool any = false;

	for (int n = 0; n < RING_TAKE_BUDGET; n++) {
		len = ring_take(&c->ring, rec, sizeof(rec), now);
		if (len == 0)
			break;
		if (len > 0)
			take_record(c, rec, (size_t)len);
		any = true;
	}
	return any;
}

void col_take_vouched(struct collector *c)
{
	pthread_mutex_lock(&c->lock);
	for (size_t i = 0; i < c->vouched_n; i++)
		ptrmap_put(&c->speakers, (void *)(intptr_t)c->vouched[i], 1);
	c->vouched_n = 0;
	pthread_mutex_unlock(&c->lock);
}

bool col_take_inbox(struct collector *c)
{
	struct pending *batch;
	size_t n;

	pthread_mutex_lock(&c->lock);
	batch = c->inbox;
	n = c->inbox_n;
	c->inbox = NULL;
	c->inbox_n = c->inbox_cap = 0;
	pthread_mutex_unlock(&c->lock);
	for (size_t i = 0; i < n; i++)
		col_arrive(c, &batch[i]);
	free(batch);
	return n > 0;
}
