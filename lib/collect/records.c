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
	bool has_t, is_call, has_src, plain_sock;
	int64_t pid;
	const struct jscan_member *sock;
	struct jscan_member sock_m;
};

static void record_field(void *arg, const struct jscan_member *m)
{
	struct record_fields *f = arg;

	/* Most keys are none of these: their length says so at once. */
	if (m->key_len > 4 || m->key_len == 2)
		return;
	if (JSCAN_IS(m, "t")) {
		f->has_t = jscan_int(m, &f->t) && f->t >= 0;
	} else if (JSCAN_IS(m, "src") && m->type == JS_STRING) {
		f->has_src = true;
		f->is_call = m->val_len == 4 && memcmp(m->val, "call", 4) == 0;
	} else if (JSCAN_IS(m, "pid")) {
		jscan_int(m, &f->pid);
	} else if (JSCAN_IS(m, "sock") && m->type == JS_STRING) {
		f->sock_m = *m;
		f->sock = &f->sock_m;
		f->plain_sock = !m->escaped && m->val_len < ENDPOINT_STR_MAX * 2;
	}
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
	take_call(c, line, (size_t)n, r->t, r->pid, sock, strlen(sock));
}

/* One record from a traced program: checked in full first (any program
 * can write the ring). Calls, by far the most, go the fast way; the rest
 * through jansson. */
static void take_record(struct collector *c, const char *rec, size_t len)
{
	struct record_fields f = {0};
	struct pending p = {0};

	if (len > 0 && rec[0] == RINGREC_IO) {
		take_io(c, rec, len);
		return;
	}
	if (jscan_object(rec, len, record_field, &f) < 0 || !f.has_t || !f.has_src) {
		c->bad_records++;
		return;
	}
	if (f.is_call && (!f.sock || f.plain_sock)) {
		take_call(c, rec, len, f.t, (pid_t)f.pid, f.sock ? f.sock->val : NULL,
			  f.sock ? f.sock->val_len : 0);
		return;
	}
	p.ev = json_loadb(rec, len, 0, NULL);
	if (!p.ev) {
		c->bad_records++;
		return;
	}
	p.t = f.t;
	col_arrive(c, &p);
}

bool col_take_ring(struct collector *c)
{
	char rec[RING_RECORD_MAX];
	int64_t now = ring_now_ns();
	size_t len;
	bool any = false;

	while ((len = ring_take(&c->ring, rec, sizeof(rec), now)) > 0) {
		take_record(c, rec, len);
		any = true;
	}
	return any;
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
