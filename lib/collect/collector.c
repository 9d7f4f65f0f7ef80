/*
 * collector.c - one thread that turns records from everywhere into one
 * ordered session.
 *
 * The thread loops: take every record from the ring, take every event
 * pushed by a source, look at /proc now and then, and write out the events
 * older than REORDER_NS. Events wait in time order (ties by arrival:
 * waiting.c). What an event teaches the session -- a socket's address, a new
 * process, a reaped child -- is learned when it arrives, so a packet sent
 * before its connect() returned is still known to belong.
 *
 *   col_arrive():  parse, learn endpoints and processes, put in waiting
 *   flush():   in time order: ask the source, number connections, write
 *
 * The files of lib/collect/ that make the collector:
 *   collector.c  the thread's loop, /proc, the API, start and stop
 *   waiting.c    the events waiting to be written, in time order
 *   records.c    records from the ring (JSON checked by jscan, binary data
 *                calls) and events pushed by sources, into waiting
 *   conntrack.c  what the session learns (its endpoints, its processes) and
 *                connection numbers: conn, UDP flows, each socket's states
 *   writer.c     the session folder: events.jsonl, session.json, the re-sort
 * and what /proc says, every PROC_SCAN_NS: procwatch.c (zombies, reaping
 * no traced call saw) and blocked.c (a call waited in, not returned yet).
 */
#include "collect/collector_int.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/array.h"
#include "base/clock.h"
#include "base/errmsg.h"
#include "base/jscan.h"
#include "base/ptrmap.h"
#include "base/strpool.h"
#include "base/text.h"
#include "collect/privs.h"
#include "collect/procwatch.h"
#include "wire/endpoint.h"
#include "wire/ring.h"

/* ---- arriving and leaving --------------------------------------------- */

static void pending_free(struct collector *c, struct pending *p)
{
	json_decref(p->ev);
	waiting_drop_text(&c->waiting, p);
}

void col_arrive(struct collector *c, struct pending *p)
{
	p->seq = c->seq++;
	if (p->ev)
		col_learn(c, p->ev);
	if (waiting_push(&c->waiting, p) < 0) {
		pending_free(c, p);
		c->bad_records++;
	}
}

static void flush_one(struct collector *c, struct pending *p)
{
	if (!p->ev) {
		col_write_record(c, p);
	} else if ((!p->fn || p->fn(c, p->ev, p->blob, p->ctx)) && col_tell_state(c, p->ev)) {
		col_number_connection(c, p->ev);
		col_write_event(c, p->ev, p->t);
	}
	pending_free(c, p);
}

/* Writes every event older than horizon (all of them for INT64_MAX). */
/* Writes the events older than horizon, at most max of them (the
 * collector goes back to the ring between batches: a burst of packets must
 * not leave the ring unread, for traced programs drop what does not fit).
 * Returns true if it stopped at max with more to write. */
static bool flush_until(struct collector *c, int64_t horizon, size_t max)
{
	size_t n = 0;

	while (waiting_count(&c->waiting) > 0 && waiting_first_t(&c->waiting) <= horizon &&
	       n < max) {
		struct pending p = waiting_pop(&c->waiting);
		flush_one(c, &p);
		n++;
	}
	col_flush_output(c, false);
	return n == max;
}

/* ---- /proc ------------------------------------------------------------ */

/* A process vanished without a traced wait: drop this event if a reaping
 * was seen after all (it may arrive a little later than /proc changed). */
static bool keep_if_not_reaped(struct collector *c, json_t *ev, void *blob, void *ctx)
{
	long seen;
	pid_t child = (pid_t)json_integer_value(json_object_get(ev, "child"));

	(void)blob;
	(void)ctx;
	if (ptrmap_get(&c->reaped, (void *)(intptr_t)child, &seen) && seen == REAPED_BY_WAIT)
		return false;
	col_name_reaping(c, ev, child);
	return true;
}

static void on_proc_change(void *arg, pid_t pid, pid_t ppid, enum proc_change what)
{
	struct collector *c = arg;
	struct pending p = {.t = collector_now(c)};
	long seen = 0;

	/* A wait's reaping already learned (socklab's own, or a traced one):
	 * it stays the one that counts, whatever /proc's event teaches. */
	ptrmap_get(&c->reaped, (void *)(intptr_t)pid, &seen);
	if (what == PROC_BECAME_ZOMBIE) {
		p.ev = json_pack("{sI ss si ss si}", "t", (json_int_t)p.t, "src", "proc", "pid",
				 (int)pid, "event", "zombie", "ppid", (int)ppid);
	} else {
		p.ev = json_pack("{sI ss si ss si ss}", "t", (json_int_t)p.t, "src", "proc", "pid",
				 (int)ppid, "event", "reaped", "child", (int)pid, "via", "proc");
		p.fn = keep_if_not_reaped;
	}
	if (!p.ev)
		return;
	col_arrive(c, &p);
	/* Learning its own event put the child in c->reaped: as /proc's, so
	 * that only a wait's reaping stops it at flush. */
	if (what == PROC_VANISHED && seen != REAPED_BY_WAIT)
		ptrmap_put(&c->reaped, (void *)(intptr_t)pid, REAPED_BY_PROC);
	else if (what == PROC_VANISHED)
		ptrmap_put(&c->reaped, (void *)(intptr_t)pid, REAPED_BY_WAIT);
}

/* A process has waited in a call for BLOCKED_SHOWN_NS (see blocked.h). */
static void on_blocked(void *arg, pid_t pid, const char *syscall, int fd, int64_t since)
{
	struct collector *c = arg;
	struct pending p = {.t = collector_now(c)};

	p.ev = json_pack("{sI ss si si ss ss si sI}", "t", (json_int_t)p.t, "src", "proc", "pid",
			 (int)pid, "tid", (int)pid, "event", "blocked", "fn", syscall, "fd", fd,
			 "since", (json_int_t)since);
	if (p.ev)
		col_arrive(c, &p);
}

static void look_blocked(void *arg, pid_t pid)
{
	struct collector *c = arg;

	blocked_look(c->blocked, pid, c->last_scan, on_blocked, c);
}

static void scan_procs(struct collector *c, bool force)
{
	int64_t now = collector_now(c);

	if (!force && now - c->last_scan < PROC_SCAN_NS)
		return;
	c->last_scan = now;
	procwatch_scan(c->procs, on_proc_change, c);
	procwatch_each(c->procs, look_blocked, c);
}

/* ---- the thread ------------------------------------------------------- */

/* At the end: everything still in the ring, waiting out a producer that
 * claimed a slot and was killed before filling it. */
static void drain_ring(struct collector *c)
{
	int64_t start = ring_now_ns();

	while (ring_backlog(&c->ring) > 0 && ring_now_ns() - start < DRAIN_NS) {
		if (!col_take_ring(c))
			sleep_ms(1);
	}
	col_take_ring(c);
}

static void *collector_main(void *arg)
{
	struct collector *c = arg;

	while (!atomic_load(&c->stopping)) {
		bool busy = col_take_ring(c);
		busy |= col_take_inbox(c);
		scan_procs(c, false);
		busy |= flush_until(c, collector_now(c) - REORDER_NS, FLUSH_BATCH);
		if (!busy)
			sleep_ms(1);
	}
	drain_ring(c);
	col_take_inbox(c);
	scan_procs(c, true);
	col_take_inbox(c);
	flush_until(c, INT64_MAX, SIZE_MAX);
	return NULL;
}

/* ---- the API ---------------------------------------------------------- */

/* "SIGKILL" for 9. */
static const char *signal_full_name(int sig)
{
	static _Thread_local char name[32];

	snprintf(name, sizeof(name), "SIG%s", sigabbrev_np(sig));
	return name;
}

int64_t collector_now(const struct collector *c)
{
	return ring_now_ns() - c->t0;
}

int64_t collector_t0(const struct collector *c)
{
	return c->t0;
}

const char *collector_ring_path(const struct collector *c)
{
	return c->ring_path;
}

const char *collector_dir(const struct collector *c)
{
	return c->dir;
}

const int *collector_ports(const struct collector *c, size_t *n)
{
	*n = c->nports;
	return c->ports;
}

const char *collector_capture_iface(const struct collector *c)
{
	return c->capture_iface ? c->capture_iface : "lo";
}

const char *collector_capture_netns(const struct collector *c)
{
	return c->capture_netns;
}

void collector_count_lost(struct collector *c, const char *what, uint64_t n)
{
	json_object_set_new(json_object_get(c->meta, "lost"), what, json_integer((json_int_t)n));
}

void collector_push(struct collector *c, json_t *ev, collector_flush_fn fn, void *blob, void *ctx)
{
	struct pending p = {.ev = ev, .fn = fn, .blob = blob, .ctx = ctx};

	p.t = json_integer_value(json_object_get(ev, "t"));
	pthread_mutex_lock(&c->lock);
	if (array_grow(&c->inbox, &c->inbox_cap, c->inbox_n, sizeof(*c->inbox)) < 0) {
		pthread_mutex_unlock(&c->lock);
		json_decref(ev);
		return;
	}
	c->inbox[c->inbox_n++] = p;
	pthread_mutex_unlock(&c->lock);
}

void collector_vouch(struct collector *c, pid_t pid)
{
	/* Without a pid_ok every pid is taken: nothing to keep. */
	if (!c->intake.pid_ok)
		return;
	pthread_mutex_lock(&c->lock);
	if (array_grow(&c->vouched, &c->vouched_cap, c->vouched_n, sizeof(*c->vouched)) == 0)
		c->vouched[c->vouched_n++] = pid;
	pthread_mutex_unlock(&c->lock);
}

void collector_note(struct collector *c, const char *kind, const char *fmt, ...)
{
	char text[1024], *utf8;
	va_list ap;
	json_t *ev;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	/* It may quote a student's bytes (a program's name): JSON takes UTF-8. */
	utf8 = text_utf8(text, strlen(text));
	ev = json_pack("{sI ss ss ss}", "t", (json_int_t)collector_now(c), "src", "note", "kind",
		       kind, "text", utf8 ? utf8 : "");
	free(utf8);
	if (ev)
		collector_push(c, ev, NULL, NULL, NULL);
}

json_t *collector_reaped_event(int64_t t, pid_t reaper, pid_t child, int status, const char *fn)
{
	json_t *ev = json_pack("{sI ss si ss si ss}", "t", (json_int_t)t, "src", "proc", "pid",
			       (int)reaper, "event", "reaped", "child", (int)child, "fn", fn);

	if (!ev)
		return NULL;
	if (WIFEXITED(status))
		json_object_set_new(ev, "status", json_integer(WEXITSTATUS(status)));
	else if (WIFSIGNALED(status))
		json_object_set_new(ev, "sig",
				    json_string(sigabbrev_np(WTERMSIG(status))
							? signal_full_name(WTERMSIG(status))
							: "SIG?"));
	return ev;
}

void collector_reaped(struct collector *c, pid_t reaper, pid_t child, int status, const char *fn)
{
	json_t *ev = collector_reaped_event(collector_now(c), reaper, child, status, fn);

	if (ev)
		collector_push(c, ev, NULL, NULL, NULL);
}

void collector_ask_tracers(struct collector *c, unsigned asks)
{
	atomic_fetch_or(&c->ring.hdr->asks, asks);
}

void collector_unask_tracers(struct collector *c, unsigned asks)
{
	atomic_fetch_and(&c->ring.hdr->asks, ~asks);
}

void collector_source_status(struct collector *c, const char *name, bool ok, const char *why)
{
	json_t *sources = json_object_get(c->meta, "sources");

	json_object_set_new(sources, name,
			    ok ? json_pack("{sb}", "ok", 1)
			       : json_pack("{sb ss}", "ok", 0, "why", why));
}

/* Where rings live: shared memory, so traced programs map it at memory
 * speed, and gone at reboot. */
#define RING_DIR "/dev/shm"

static unsigned long random_word(void)
{
	unsigned long w = 0;

	if (getrandom(&w, sizeof(w), GRND_NONBLOCK) != sizeof(w))
		w = (unsigned long)ring_now_ns() ^ (unsigned long)getpid();
	return w & 0xffffffffUL;
}

static int open_ring(struct collector *c, const struct collector_options *o, char *err,
		     size_t errlen)
{
	static atomic_int serial;

	if (o->ring_path) {
		snprintf(c->ring_path, sizeof(c->ring_path), "%s", o->ring_path);
		if (ring_attach(&c->ring, c->ring_path) < 0)
			return errmsg(err, errlen, "%s: not a socklab ring", c->ring_path);
		ring_guard(&c->ring);
		return 0;
	}
	/* A socklab that was killed left its ring behind: clear those first. */
	ring_remove_stale(RING_DIR);
	/* The random part keeps a new socklab that got a dead one's pid from
	 * meeting its ring; O_EXCL (in ring_create) catches the rest. */
	for (int tries = 0; tries < 8; tries++) {
		snprintf(c->ring_path, sizeof(c->ring_path), "%s/socklab-%d-%d-%d-%08lx.ring",
			 RING_DIR, (int)getuid(), (int)getpid(), atomic_fetch_add(&serial, 1),
			 random_word());
		if (ring_create(&c->ring, c->ring_path, RING_DEFAULT_SLOTS,
				o->ring_mode ? o->ring_mode : 0600, err, errlen) == 0) {
			c->own_ring = true;
			return 0;
		}
		if (errno != EEXIST)
			return -1;
	}
	return -1;
}

static void start_sources(struct collector *c, const struct source *const *sources)
{
	char why[512];

	for (size_t i = 0; sources && sources[i] && c->nsources < MAX_SOURCES; i++) {
		const struct source *s = sources[i];
		void *state = NULL;

		why[0] = '\0';
		if (s->start(c, &state, why, sizeof(why)) < 0) {
			collector_source_status(c, s->name, false, why);
			collector_note(c, "source", "%s", why);
			continue;
		}
		collector_source_status(c, s->name, true, NULL);
		c->sources[c->nsources] = s;
		c->source_state[c->nsources++] = state;
	}
}

/* Stops the started sources, newest first; when they are finished
 * (the collector's thread has written everything), frees them too. */
static void stop_sources(struct collector *c)
{
	for (size_t i = c->nsources; i-- > 0;)
		c->sources[i]->stop(c, c->source_state[i]);
}

static void finish_sources(struct collector *c)
{
	for (size_t i = c->nsources; i-- > 0;)
		if (c->sources[i]->finish)
			c->sources[i]->finish(c, c->source_state[i]);
	c->nsources = 0;
}

/*
 * The single place where socklab stops being root (under sudo): after
 * every source that needs root has opened what it needs, before any
 * traced program starts. What socklab made as root so far -- the session
 * folder, the ring the programs write to -- is handed to the user.
 */
static int drop_privileges(struct collector *c, char *err, size_t errlen)
{
	const char *mine[] = {c->dir, c->ring_path, NULL};

	return privs_drop_if_sudo(mine, err, errlen);
}

static void collector_free(struct collector *c)
{
	col_close_output(c);
	if (c->ring.hdr)
		ring_detach(&c->ring);
	if (c->own_ring)
		unlink(c->ring_path);
	json_decref(c->meta);
	strpool_free(c->pool);
	ptrmap_free(&c->endpoints);
	ptrmap_free(&c->flows);
	ptrmap_free(&c->conns);
	ptrmap_free(&c->states);
	ptrmap_free(&c->sock_conn);
	ptrmap_free(&c->learned);
	ptrmap_free(&c->reaped);
	ptrmap_free(&c->speakers);
	ptrmap_free(&c->wait_claims);
	procwatch_free(c->procs);
	blocked_free(c->blocked);
	pthread_mutex_destroy(&c->lock);
	waiting_free(&c->waiting);
	free(c->inbox);
	free(c->vouched);
	free(c->ports);
	free(c->capture_iface);
	free(c->capture_netns);
	free(c->dir);
	free(c);
}

struct collector *collector_start(const struct collector_options *o, char *err, size_t errlen)
{
	struct collector *c = calloc(1, sizeof(*c));

	if (!c) {
		errmsg(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	c->out.fd = -1;
	c->self = getpid();
	c->dir = strdup(o->dir);
	c->pool = strpool_new();
	c->procs = procwatch_new();
	c->blocked = blocked_new();
	if (o->intake)
		c->intake = *o->intake;
	c->on_event = o->on_event;
	c->on_event_arg = o->on_event_arg;
	if (o->nports) {
		c->ports = calloc(o->nports, sizeof(int));
		if (c->ports) {
			memcpy(c->ports, o->ports, o->nports * sizeof(int));
			c->nports = o->nports;
		}
	}
	c->capture_iface = o->capture_iface ? strdup(o->capture_iface) : NULL;
	c->capture_netns = o->capture_netns ? strdup(o->capture_netns) : NULL;
	if (!c->dir || !c->pool || !c->procs || !c->blocked) {
		errmsg(err, errlen, "out of memory");
		goto out_free;
	}
	if (col_open_output(c, err, errlen) < 0 || open_ring(c, o, err, errlen) < 0)
		goto out_free;
	/* Every "t" counts from the ring's start: the tracer reads it there. */
	c->t0 = c->ring.t0_ns;
	c->t0_realtime = real_ns() - (ring_now_ns() - c->t0);
	c->meta = col_meta_new(o, c->t0_realtime);
	col_write_meta(c);
	start_sources(c, o->sources);
	if (!o->keep_root && drop_privileges(c, err, errlen) < 0)
		goto out_stop_sources;
	if (pthread_create(&c->thread, NULL, collector_main, c) != 0) {
		errmsg(err, errlen, "cannot start the collector thread");
		goto out_stop_sources;
	}
	return c;

out_stop_sources:
	stop_sources(c);
	finish_sources(c);
out_free:
	collector_free(c);
	return NULL;
}

/* The last event of a session that lost some: how many, and why. */
static void note_lost(struct collector *c, uint64_t lost)
{
	char text[256];
	int64_t now = collector_now(c);
	json_t *ev;

	snprintf(text, sizeof(text),
		 "%llu call events were lost: the traced programs made them faster than socklab "
		 "could record them",
		 (unsigned long long)lost);
	ev = json_pack("{sI ss ss ss sI}", "t", (json_int_t)now, "src", "note", "kind", "lost",
		       "text", text, "lost", (json_int_t)lost);
	if (ev)
		col_write_event(c, ev, now);
	json_decref(ev);
}

void collector_stop(struct collector *c, struct collector_summary *sum)
{
	uint64_t lost;

	stop_sources(c);
	atomic_store(&c->stopping, true);
	pthread_join(c->thread, NULL);
	finish_sources(c);

	lost = ring_lost(&c->ring);
	if (lost + c->bad_records > 0)
		note_lost(c, lost + c->bad_records);
	col_flush_output(c, true);
	if (c->late)
		col_resort_file(c);
	json_object_set_new(json_object_get(c->meta, "lost"), "call",
			    json_integer((json_int_t)lost));
	json_object_set_new(json_object_get(c->meta, "lost"), "bad",
			    json_integer((json_int_t)c->bad_records));
	json_object_set_new(json_object_get(c->meta, "lost"), "ignored",
			    json_integer((json_int_t)(c->ignored_records + c->ring.invalid)));
	if (ring_broken(&c->ring))
		json_object_set_new(c->meta, "ring_broken", json_true());
	json_object_set_new(c->meta, "events", json_integer((json_int_t)c->written));
	col_write_meta(c);
	if (sum) {
		sum->events = c->written;
		sum->lost_calls = lost;
		sum->bad_records = c->bad_records;
		sum->ignored_records = c->ignored_records;
		sum->invalid_slots = c->ring.invalid;
		sum->ring_broken = ring_broken(&c->ring);
	}
	collector_free(c);
}
