/*
 * kview_trust.c - where the trace and the kernel disagree (see kview.h).
 *
 * The trace is a witness of which call did something; the kernel is the
 * judge. Each kind of disagreement is one problem of the run, with its
 * first case and how many more:
 *
 *   reaped     the trace says a child was reaped; the kernel saw it a
 *              zombie after that
 *   close      the trace says a descriptor was closed (or its socket's
 *              state moved on); the kernel saw the socket in CLOSE_WAIT,
 *              held by that descriptor, at a mark
 *   calls      the trace says setsockopt(SO_REUSEADDR), bind() = 0 or
 *              listen() = 0; the witness saw no such call return so
 *   forks      the kernel saw processes made that the trace has no fork()
 *              of (a raw system call, a static program), or io_uring
 */
#include <stdio.h>
#include <string.h>

#include "kview.h"

#define SLACK_NS (300 * 1000000LL) /* the trace's time and /proc's looks */

static double secs(int64_t t)
{
	return (double)t / 1e9;
}

static bool is_student(const struct kview *k, pid_t pid)
{
	return kview_proc(k, pid) != NULL;
}

/* ---- reaped ---------------------------------------------------------------- */

/* The child the trace says e reaped: a proc "reaped" event of a wait
 * call (not socklab's own waitpid(), nor /proc's "gone"), or a wait
 * call that returned a pid; 0 for none. */
static pid_t claims_reaped(const struct event *e)
{
	if (e->src == SRC_PROC && e->proc.event && strcmp(e->proc.event, "reaped") == 0)
		return e->proc.fn && strcmp(e->proc.fn, "socklab") != 0 ? e->proc.child : 0;
	if (e->src == SRC_CALL && strncmp(e->call.fn, "wait", 4) == 0 && e->call.ret > 0)
		return (pid_t)e->call.ret;
	return 0;
}

static void reaped(struct grade_run *g, const struct check_ctx *c, const struct kview *k)
{
	const struct event *first = NULL;
	const struct kproc *fp = NULL;
	int n = 0;

	for (size_t i = 0; i < c->s->n; i++) {
		const struct event *e = &c->s->ev[i];
		const struct kproc *p = kview_proc(k, claims_reaped(e));
		int64_t until;

		if (!p || p->t_zombie < 0 || !is_student(k, e->pid))
			continue;
		until = p->t_gone >= 0 ? p->t_gone : c->t_end;
		if (until <= e->t + SLACK_NS)
			continue;
		if (n++ == 0)
			first = e, fp = p;
	}
	if (!n)
		return;
	grade_problem(g,
		      "the trace says child %d was reaped at %.2f s; the kernel saw it a zombie "
		      "%s %.2f s%s",
		      (int)fp->pid, secs(first->t), fp->t_gone >= 0 ? "until" : "to the end,",
		      secs(fp->t_gone >= 0 ? fp->t_gone : c->t_end),
		      n > 1 ? " (so for more children the trace says were reaped)" : "");
}

/* ---- close ----------------------------------------------------------------- */

/* The trace's close() of fd by pid, before t, on the socket name. */
static const struct event *traced_close(const struct check_ctx *c, const struct ksock *s, int64_t t)
{
	struct ev_filter f = {.src = "call", .fn = "close", .pid = s->pid, .err = "ok"};
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e)) && e->t < t)
		if (e->call.fd == s->fd && e->call.sock && strcmp(e->call.sock, s->name) == 0)
			return e;
	return NULL;
}

/* A state the trace gives the socket, before t, that comes after
 * CLOSE_WAIT (it was closed). */
static const struct event *traced_closed_state(const struct check_ctx *c, const struct ksock *s,
					       int64_t t)
{
	struct ev_filter f = {.src = "state", .sock = NULL};
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e)) && e->t < t)
		if (e->state.sock && strcmp(e->state.sock, s->name) == 0 &&
		    (e->state.to == TCP_ST_LAST_ACK || e->state.to == TCP_ST_CLOSED))
			return e;
	return NULL;
}

static void closes(struct grade_run *g, const struct check_ctx *c, const struct kview *k)
{
	const struct event *first = NULL, *state = NULL;
	const struct ksock *fs = NULL;
	const struct kmark *fm = NULL;
	int n = 0;

	for (int i = 0; i < GRADE_MARKS; i++) {
		const struct kmark *m = &k->at[i];
		for (int s = 0; m->taken && m->diag && s < m->nclose_wait && s < KVIEW_SOCKS; s++) {
			const struct ksock *ks = &m->close_wait[s];
			const struct event *e = traced_close(c, ks, m->t);
			const struct event *st = traced_closed_state(c, ks, m->t);
			if (!e && !st)
				continue;
			if (n++ == 0)
				first = e, state = st, fs = ks, fm = m;
		}
	}
	if (!n)
		return;
	if (first)
		grade_problem(g,
			      "the trace says [%d] close(%d) at %.2f s; the kernel saw %s: %s was "
			      "in CLOSE_WAIT at %.2f s, held by [%d] fd %d%s",
			      (int)first->pid, first->call.fd, secs(first->t),
			      kview_closed(k, fs->pid, fs->fd, first->t - SLACK_NS) == 0
				      ? "no close"
				      : "it still open",
			      fs->name, secs(fm->t), (int)fs->pid, fs->fd,
			      n > 1 ? " (so for more connections)" : "");
	else
		grade_problem(g,
			      "the trace says %s went to %s at %.2f s; the kernel saw it in "
			      "CLOSE_WAIT at %.2f s, held by [%d] fd %d%s",
			      fs->name, tcp_state_name(state->state.to), secs(state->t),
			      secs(fm->t), (int)fs->pid, fs->fd,
			      n > 1 ? " (so for more connections)" : "");
}

/* ---- calls ------------------------------------------------------------------ */

/* The witness saw tgid's call (enter: level/optname in arg; exit: ret
 * 0) near t. */
static bool witnessed(const struct kview *k, pid_t tgid, const char *call, int64_t t)
{
	for (size_t i = 0; i < k->w.n; i++) {
		const struct witline *l = &k->w.ev[i];
		if (kview_tgid(k, l->tid) != tgid || strcmp(l->call, call) != 0 ||
		    l->t_ns > t + SLACK_NS)
			continue;
		if (strcmp(call, "setsockopt") == 0
			    ? l->kind == WIT_ENTER && l->arg[1] == 1 /* SOL_SOCKET */ &&
				      l->arg[2] == 2 /* SO_REUSEADDR */
			    : l->kind == WIT_EXIT && l->ret == 0)
			return true;
	}
	return false;
}

/* What the witness saw tgid's last call fn return before t (plus slack):
 * "failed with EADDRINUSE", or "no such call". */
static const char *witnessed_end(const struct kview *k, pid_t tgid, const char *fn, int64_t t,
				 char *buf, size_t cap)
{
	const struct witline *last = NULL;

	for (size_t i = 0; i < k->w.n; i++) {
		const struct witline *l = &k->w.ev[i];
		if (l->kind == WIT_EXIT && l->t_ns <= t + SLACK_NS && strcmp(l->call, fn) == 0 &&
		    kview_tgid(k, l->tid) == tgid)
			last = l;
	}
	if (!last || last->ret >= 0 || last->ret < -4095)
		return "no such call";
	snprintf(buf, cap, "%s() fail with %s", fn,
		 strerrorname_np((int)-last->ret) ? strerrorname_np((int)-last->ret) : "an error");
	return buf;
}

/* The first traced call fn of a student process that the witness did not
 * see; *n counts them. */
static const struct event *unwitnessed(const struct check_ctx *c, const struct kview *k,
				       const char *fn, int *n)
{
	struct ev_filter f = {.src = "call", .fn = fn, .err = "ok"};
	const struct event *e = NULL, *first = NULL;

	*n = 0;
	while ((e = ev_next(c->s, &f, e))) {
		bool reuse = strcmp(fn, "setsockopt") == 0;
		if (!is_student(k, e->pid) ||
		    (reuse && !(e->call.opt && strcmp(e->call.opt, "SO_REUSEADDR") == 0)) ||
		    witnessed(k, e->pid, fn, e->t))
			continue;
		if ((*n)++ == 0)
			first = e;
	}
	return first;
}

static void calls(struct grade_run *g, const struct check_ctx *c, const struct kview *k)
{
	static const char *const fns[][2] = {
		{"setsockopt", "setsockopt(SO_REUSEADDR)"},
		{"bind", "bind() = 0"},
		{"listen", "listen() = 0"},
	};

	if (!k->witness || k->w.lost)
		return;
	for (size_t i = 0; i < 3; i++) {
		char end[96];
		int n;
		const struct event *e = unwitnessed(c, k, fns[i][0], &n);
		if (e)
			grade_problem(g, "the trace says [%d] %s at %.2f s; the kernel saw %s%s",
				      (int)e->pid, fns[i][1], secs(e->t),
				      witnessed_end(k, e->pid, fns[i][0], e->t, end, sizeof(end)),
				      n > 1 ? " (nor others the trace has)" : "");
	}
}

/* ---- forks -------------------------------------------------------------------- */

/* The trace has a fork() by root or a process it made. */
static bool traced_any_fork(const struct check_ctx *c, pid_t root)
{
	struct ev_filter f = {.src = "proc", .fn = "fork"};
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e)))
		if (check_in_tree(c, e->pid, root))
			return true;
	return false;
}

/* Processes made past the tracer: by the fork system call (libc's fork()
 * makes clone), or where the trace has no fork() at all (a static
 * program). A clone the trace lacks among many it has is a record lost
 * (a fork bomb's children are killed mid-call), not a raw call. */
static void forks(struct grade_run *g, const struct check_ctx *c)
{
	for (int i = 0; i < g->nstudents; i++) {
		const struct run_proc *p = scenario_proc(g->s, g->students[i]);
		const char *role = p ? p->role : "program";
		struct kmade m;

		kview_made(c, g->students[i], &m);
		if (m.uring)
			grade_problem(g,
				      "the %s set up io_uring: its calls go past the tracer, so "
				      "the "
				      "trace does not have them",
				      role);
		if (!m.untraced ||
		    (strcmp(m.how, "fork") != 0 && traced_any_fork(c, g->students[i])))
			continue;
		if (m.how[0])
			grade_problem(g,
				      "the %s made %d process%s with a raw %s system call the "
				      "tracer does not see",
				      role, m.untraced, m.untraced == 1 ? "" : "es", m.how);
		else
			grade_problem(g,
				      "the kernel saw %d process%s of the %s that the trace has no "
				      "fork() of (a raw system call, or a static program)",
				      m.untraced, m.untraced == 1 ? "" : "es", role);
	}
}

void kview_disagreements(struct grade_run *g, const struct check_ctx *c)
{
	const struct kview *k = g->kv;

	if (!k)
		return;
	reaped(g, c, k);
	closes(g, c, k);
	calls(g, c, k);
	forks(g, c);
}
