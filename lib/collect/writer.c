/*
 * writer.c - the session folder as the collector writes it: events.jsonl
 * line by line, session.json whole, and the re-sort at stop when late
 * events were written out of order.
 */
#include "collect/collector_int.h"
#include "session/sessionfile.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/array.h"
#include "base/errmsg.h"
#include "base/jscan.h"
#include "wire/endpoint.h"
#include "wire/ring.h"

/*
 * events.jsonl goes to the file in writes that end on a multiple of
 * OUT_ALIGN bytes: ext4 (Linux 6) keeps a file in large folios and zeroes
 * the part of one that a write leaves uncovered, so a busy session written
 * in unaligned pieces costs the kernel twice the bytes. What is left after
 * the last boundary waits for more lines, OUT_ALL_NS at most: a reader of
 * the file is never far behind.
 */
#define OUT_ALIGN  (64 * 1024)
#define OUT_BUFFER (4 * OUT_ALIGN)
#define OUT_ALL_NS (100 * 1000 * 1000LL)

/* Writes the n bytes at p; returns how many the file took (fewer: a full
 * disk, whose lines are dropped rather than stop the session). */
static size_t write_all(int fd, const char *p, size_t n)
{
	size_t done = 0;

	while (done < n) {
		ssize_t w = write(fd, p + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	return done;
}

/* Writes the first n bytes of the buffer, and keeps the rest. */
static void out_write(struct output *o, size_t n)
{
	o->written += write_all(o->fd, o->buf, n);
	memmove(o->buf, o->buf + n, o->len - n);
	o->len -= n;
}

void col_flush_output(struct collector *c, bool all)
{
	struct output *o = &c->out;
	int64_t now = collector_now(c);
	uint64_t boundary = (o->written + o->len) / OUT_ALIGN * OUT_ALIGN;
	size_t n = o->len;

	if (o->fd < 0 || o->len == 0)
		return;
	if (!all && now - o->last_all < OUT_ALL_NS)
		n = boundary > o->written ? (size_t)(boundary - o->written) : 0;
	if (n == o->len)
		o->last_all = now;
	if (n > 0)
		out_write(o, n);
}

void col_close_output(struct collector *c)
{
	col_flush_output(c, true);
	if (c->out.fd >= 0)
		close(c->out.fd);
	free(c->out.buf);
	c->out.fd = -1;
	c->out.buf = NULL;
}

/* Adds the n bytes at p to the buffer, making room first: what ends on a
 * boundary, else all of it; more than the buffer holds goes straight to
 * the file. */
static void out_add(struct collector *c, const char *p, size_t n)
{
	struct output *o = &c->out;

	if (o->len + n > OUT_BUFFER)
		col_flush_output(c, false);
	if (o->len + n > OUT_BUFFER)
		col_flush_output(c, true);
	if (n > OUT_BUFFER) {
		o->written += write_all(o->fd, p, n);
		return;
	}
	memcpy(o->buf + o->len, p, n);
	o->len += n;
}

static void write_line(struct collector *c, const char *line, size_t len, int64_t t)
{
	if (t < c->last_written)
		c->late = true;
	else
		c->last_written = t;
	if (c->out.buf) {
		out_add(c, line, len);
		out_add(c, "\n", 1);
	}
	c->written++;
	if (c->on_event)
		c->on_event(c->on_event_arg, line, len);
}

void col_write_event(struct collector *c, json_t *ev, int64_t t)
{
	char *line = json_dumps(ev, JSON_COMPACT | JSON_PRESERVE_ORDER);

	if (!line)
		return;
	write_line(c, line, strlen(line), t);
	free(line);
}

/* Writes ,"conn":N} at out (without the comma when it is the first
 * member); returns its length. By hand: it ends most lines the collector
 * writes. */
static size_t conn_member(char *out, bool comma, long conn)
{
	static const char key[] = "\"conn\":";
	char digits[24];
	size_t n = 0, k = 0;

	if (comma)
		out[n++] = ',';
	memcpy(out + n, key, sizeof(key) - 1);
	n += sizeof(key) - 1;
	do {
		digits[k++] = (char)('0' + conn % 10);
		conn /= 10;
	} while (conn > 0);
	while (k > 0)
		out[n++] = digits[--k];
	out[n++] = '}';
	return n;
}

/* A call record as it came, with ,"conn":N before its closing brace. */
void col_write_record(struct collector *c, const struct pending *p)
{
	char line[RING_RECORD_MAX + 32];
	const char *brace = memrchr(p->text, '}', p->len);
	long conn = p->sock ? col_conn_of_sock(c, p->sock) : 0;
	size_t n = brace ? (size_t)(brace - p->text) : 0;

	if (p->sock && conn <= 0)
		conn = col_udp_flow_of_call(c, p->sock, p->text, p->len);

	if (!brace || conn <= 0) {
		write_line(c, p->text, p->len, p->t);
		return;
	}
	memcpy(line, p->text, n);
	n += conn_member(line + n, n > 1, conn);
	write_line(c, line, n, p->t);
}

void col_write_meta(struct collector *c)
{
	session_meta_write(c->dir, c->meta);
}

json_t *col_meta_new(const struct collector_options *o, int64_t t0_realtime)
{
	char started[64];
	time_t secs = (time_t)(t0_realtime / 1000000000LL);
	struct tm tm;
	struct utsname u;
	json_t *cmd = json_array();

	localtime_r(&secs, &tm);
	strftime(started, sizeof(started), "%Y-%m-%dT%H:%M:%S%z", &tm);
	for (size_t i = 0; o->command && o->command[i]; i++)
		json_array_append_new(cmd, json_string(o->command[i]));
	uname(&u);
	return json_pack("{si ss sI so ss s{s{sb}} s{sI sI}}", "socklab", 1, "started", started,
			 "t0_realtime_ns", (json_int_t)t0_realtime, "command", cmd, "kernel",
			 u.release, "sources", "call", "ok", 1, "lost", "call", (json_int_t)0,
			 "bad", (json_int_t)0);
}

int col_open_output(struct collector *c, char *err, size_t errlen)
{
	char path[4096];

	if (mkdir(c->dir, 0755) < 0 && errno != EEXIST)
		return errmsg(err, errlen, "cannot make the session folder %s: %s", c->dir,
			      strerror(errno));
	session_file(path, sizeof(path), c->dir, SESSION_EVENTS);
	c->out.fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (c->out.fd < 0)
		return errmsg(err, errlen, "cannot write %s: %s", path, strerror(errno));
	c->out.buf = malloc(OUT_BUFFER);
	if (!c->out.buf)
		return errmsg(err, errlen, "cannot write %s: out of memory", path);
	return 0;
}

/* Late arrivals were written out of order: sort the file by "t" (stably,
 * so frames and ties keep their order). */
struct line_ref {
	int64_t t;
	size_t index;
	char *text;
};

static int line_ref_cmp(const void *a, const void *b)
{
	const struct line_ref *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

void col_resort_file(struct collector *c)
{
	char path[4096];
	struct line_ref *refs = NULL;
	size_t n = 0, cap = 0, len = 0;
	char *line = NULL;
	FILE *f;

	session_file(path, sizeof(path), c->dir, SESSION_EVENTS);
	f = fopen(path, "re");
	if (!f)
		return;
	while (getline(&line, &len, f) > 0) {
		if (array_grow(&refs, &cap, n, sizeof(*refs)) < 0)
			break;
		json_t *ev = json_loads(line, 0, NULL);
		refs[n] = (struct line_ref){json_integer_value(json_object_get(ev, "t")), n, line};
		json_decref(ev);
		n++;
		line = NULL;
		len = 0;
	}
	fclose(f);
	free(line);
	if (refs) {
		qsort(refs, n, sizeof(*refs), line_ref_cmp);
		f = fopen(path, "we");
		for (size_t i = 0; f && i < n; i++)
			fputs(refs[i].text, f);
		if (f)
			fclose(f);
	}
	for (size_t i = 0; refs && i < n; i++)
		free(refs[i].text);
	free(refs);
}
