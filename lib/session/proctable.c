/*
 * proctable.c - following processes through fork, exec, exit, zombie and
 * reaped events, and their threads through thread and thread_exit events
 * and the tids of their calls.
 */
#include "session/proctable.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"

/* A new entry: pids are reused, so an old entry may have the same pid. */
static struct proc_info *proc_new(struct proctable *pt, pid_t pid, int64_t t)
{
	struct proc_info *p;

	if (array_grow(&pt->p, &pt->cap, pt->n, sizeof(*pt->p)) < 0)
		return NULL;
	/* A pid names its newest process: a reused pid, the new one. */
	if (pid > 0 && ptrmap_put(&pt->newest, (const void *)(uintptr_t)pid, (long)pt->n + 1) < 0)
		return NULL;
	p = &pt->p[pt->n++];
	*p = (struct proc_info){.pid = pid,
				.t_start = t,
				.t_exit = T_NEVER,
				.t_zombie = T_NEVER,
				.t_reaped = T_NEVER,
				.status = -1};
	return p;
}

static struct proc_info *proc_get(struct proctable *pt, pid_t pid, int64_t t)
{
	struct proc_info *p = proctable_find(pt, pid);

	return p || pid <= 0 ? p : proc_new(pt, pid, t);
}

struct proc_info *proctable_find(const struct proctable *pt, pid_t pid)
{
	long at;

	/* A reused pid names its latest process. */
	if (pid <= 0 || !ptrmap_get(&pt->newest, (const void *)(uintptr_t)pid, &at))
		return NULL;
	return &pt->p[at - 1];
}

static const char *basename_of(const char *path)
{
	const char *slash = path ? strrchr(path, '/') : NULL;

	return slash ? slash + 1 : path;
}

/* ---- waits ------------------------------------------------------------ */

static struct proc_wait *wait_new(struct proc_info *p)
{
	if (array_grow(&p->waits, &p->waitcap, p->nwaits, sizeof(*p->waits)) < 0)
		return NULL;
	return &p->waits[p->nwaits++];
}

/* The wait a "blocked" event said was going on for this call, if any. */
static struct proc_wait *open_wait(struct proc_info *p, const struct event *e)
{
	for (size_t i = p->nwaits; i-- > 0;) {
		struct proc_wait *w = &p->waits[i];
		if (w->until == T_NEVER && w->tid == e->tid && w->fd == e->call.fd)
			return w;
	}
	return NULL;
}

/* A call that waited long: from its start to its end, which its time and
 * its duration give (its t is its return when it waits for something to
 * arrive, its entry otherwise). */
static void call_waited(struct proc_info *p, const struct event *e)
{
	struct proc_wait *w = open_wait(p, e);
	int64_t from = event_call_waits(e) ? e->t - e->call.dur : e->t;

	if (!w && e->call.dur < EVENT_WAIT_SHOWN_NS)
		return;
	if (!w && !(w = wait_new(p)))
		return;
	*w = (struct proc_wait){.from = from,
				.until = from + e->call.dur,
				.fn = e->call.fn,
				.fd = e->call.fd,
				.tid = e->tid};
}

static void on_blocked(struct proc_info *p, const struct event *e)
{
	struct proc_wait *w = wait_new(p);

	if (w)
		*w = (struct proc_wait){.from = e->proc.since,
					.until = T_NEVER,
					.fn = e->proc.fn,
					.fd = e->proc.fd,
					.tid = e->tid};
}

/* The end of a process ends its waits. */
static void waits_end(struct proc_info *p, int64_t t)
{
	for (size_t i = 0; i < p->nwaits; i++)
		if (p->waits[i].until == T_NEVER)
			p->waits[i].until = t;
}

static void on_call(struct proctable *pt, const struct event *e)
{
	struct proc_info *p = proc_get(pt, e->pid, e->t);

	if (!p)
		return;
	p->last_fn = e->call.fn;
	p->last_fd = e->call.fd;
	p->last_sigpipe = e->call.sigpipe;
	call_waited(p, e);
}

/* The wait at t of thread tid of p (0: any thread), or NULL. */
static const struct proc_wait *wait_at(const struct proc_info *p, pid_t tid, int64_t t)
{
	for (size_t i = p->nwaits; i-- > 0;) {
		const struct proc_wait *w = &p->waits[i];
		if ((tid == 0 || w->tid == tid) && w->from <= t &&
		    (w->until == T_NEVER || t < w->until))
			return w;
	}
	return NULL;
}

const struct proc_wait *proc_wait_at(const struct proc_info *p, int64_t t)
{
	return wait_at(p, 0, t);
}

const struct proc_wait *proc_thread_wait_at(const struct proc_info *p, pid_t tid, int64_t t)
{
	return wait_at(p, tid, t);
}

/* ---- processes -------------------------------------------------------- */

static void on_reaped(struct proctable *pt, const struct event *e)
{
	struct proc_info *c = proc_get(pt, e->proc.child, e->t);

	if (!c)
		return;
	c->t_reaped = e->t;
	c->reaper = e->pid;
	c->reaped_by = e->proc.fn ? e->proc.fn : "proc";
	if (c->t_exit == T_NEVER)
		c->t_exit = c->t_zombie != T_NEVER ? c->t_zombie : e->t;
	waits_end(c, c->t_exit);
	if (e->proc.status >= 0)
		c->status = e->proc.status;
	if (e->proc.sig)
		c->sig = e->proc.sig;
	if (c->ppid == 0)
		c->ppid = e->pid;
}

static void on_proc(struct proctable *pt, const struct event *e)
{
	const char *what = e->proc.event ? e->proc.event : "";
	struct proc_info *p = proc_get(pt, e->pid, e->t);

	if (strcmp(what, "fork") == 0) {
		/* A new process, even if an old, reaped one had its pid. */
		struct proc_info *c = proctable_find(pt, e->proc.child);
		if (e->proc.child <= 0) /* a fork() that failed */
			return;
		if (!c || c->t_reaped != T_NEVER)
			c = proc_new(pt, e->proc.child, e->t);
		if (c)
			c->ppid = e->pid;
		return;
	}
	if (!p)
		return;
	if (strcmp(what, "exec") == 0) {
		p->name = basename_of(e->proc.path);
		if (e->proc.ppid && !p->ppid)
			p->ppid = e->proc.ppid;
	} else if (strcmp(what, "exit") == 0) {
		p->t_exit = e->t;
		p->status = e->proc.status;
		waits_end(p, e->t);
	} else if (strcmp(what, "zombie") == 0) {
		p->t_zombie = e->t;
		if (p->t_exit == T_NEVER)
			p->t_exit = e->t;
		waits_end(p, p->t_exit);
		if (e->proc.ppid)
			p->ppid = e->proc.ppid;
	} else if (strcmp(what, "reaped") == 0) {
		on_reaped(pt, e);
	} else if (strcmp(what, "signal") == 0) {
		p->nsignals++;
	} else if (strcmp(what, "blocked") == 0) {
		on_blocked(p, e);
	}
}

/* ---- threads ------------------------------------------------------------ */

struct thread_info *proctable_thread(const struct proctable *pt, pid_t tid)
{
	long at;

	if (tid <= 0 || !ptrmap_get(&pt->tid_at, (const void *)(uintptr_t)tid, &at))
		return NULL;
	return &pt->th[at - 1];
}

/* The entry of e's thread, made when new; NULL for a process's first
 * thread, or out of memory. A tid reused by another process is a new
 * thread. */
static struct thread_info *thread_get(struct proctable *pt, const struct event *e)
{
	struct thread_info *t = proctable_thread(pt, e->tid);

	if (e->tid <= 0 || e->tid == e->pid)
		return NULL;
	if (t && t->pid == e->pid && t->t_exit == T_NEVER)
		return t;
	if (array_grow(&pt->th, &pt->thcap, pt->nth, sizeof(*pt->th)) < 0 ||
	    ptrmap_put(&pt->tid_at, (const void *)(uintptr_t)e->tid, (long)pt->nth + 1) < 0)
		return NULL;
	t = &pt->th[pt->nth++];
	*t = (struct thread_info){.pid = e->pid,
				  .tid = e->tid,
				  .t_start = e->t,
				  .t_exit = T_NEVER,
				  .held_ms = -1};
	return t;
}

static void on_thread(struct proctable *pt, const struct event *e)
{
	const char *what = e->src == SRC_PROC && e->proc.event ? e->proc.event : "";
	struct thread_info *t = thread_get(pt, e);

	if (!t)
		return;
	if (e->src == SRC_CALL)
		t->ncalls++;
	else if (strcmp(what, "thread") == 0) {
		t->creator = e->proc.creator;
		t->held_ms = e->proc.held_ms;
	} else if (strcmp(what, "thread_exit") == 0)
		t->t_exit = e->t;
}

int proctable_threads_at(const struct proctable *pt, const struct proc_info *p, int64_t t)
{
	int n;

	if (t < p->t_start || (p->t_exit != T_NEVER && t >= p->t_exit))
		return 0;
	n = 1;
	for (size_t i = 0; i < pt->nth; i++) {
		const struct thread_info *th = &pt->th[i];
		n += th->pid == p->pid && th->t_start >= p->t_start && th->t_start <= t &&
		     (th->t_exit == T_NEVER || th->t_exit > t);
	}
	return n;
}

int proctable_threads_max(const struct proctable *pt, pid_t pid)
{
	const struct proc_info *p = proctable_find(pt, pid);
	int most = 0;

	/* The count changes only when a thread starts. */
	for (size_t i = 0; p && i < pt->nth; i++) {
		int n = pt->th[i].pid == pid ? proctable_threads_at(pt, p, pt->th[i].t_start) : 0;
		most = n > most ? n : most;
	}
	return p && most == 0 ? 1 : most;
}

void proctable_add(struct proctable *pt, const struct event *e)
{
	if (e->src == SRC_PROC)
		on_proc(pt, e);
	else if (e->src == SRC_CALL)
		on_call(pt, e);
	if (e->src == SRC_PROC || e->src == SRC_CALL)
		on_thread(pt, e);
}

void proctable_build(struct proctable *pt, const struct session *s)
{
	struct event buf;

	for (size_t i = 0; i < s->n; i++)
		proctable_add(pt, session_event(s, i, &buf));
}

void proctable_free(struct proctable *pt)
{
	for (size_t i = 0; i < pt->n; i++)
		free(pt->p[i].waits);
	ptrmap_free(&pt->newest);
	ptrmap_free(&pt->tid_at);
	free(pt->th);
	free(pt->p);
	memset(pt, 0, sizeof(*pt));
}

enum proc_state proc_state_at(const struct proc_info *p, int64_t t)
{
	if (p->t_reaped != T_NEVER && t >= p->t_reaped)
		return PROC_REAPED;
	if (p->t_exit != T_NEVER && t >= p->t_exit)
		return PROC_ZOMBIE;
	return PROC_RUNNING;
}

int64_t proc_zombie_ns(const struct proc_info *p, int64_t t_end)
{
	int64_t until;

	if (p->t_exit == T_NEVER)
		return 0;
	until = p->t_reaped != T_NEVER ? p->t_reaped : t_end;
	return until > p->t_exit ? until - p->t_exit : 0;
}
