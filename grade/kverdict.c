/*
 * kverdict.c - the kernel's facts the checks judge from (see kview.h):
 * zombies, connections kept, listening sockets.
 */
#include <stdio.h>

#include "kview.h"

int kview_zombies(const struct check_ctx *c, struct check_result *r, pid_t parent, int64_t t,
		  int64_t settle, int *children)
{
	const struct kview *k = kview_of(c);
	int zombies = 0;

	if (!k)
		return -1;
	*children = 0;
	for (size_t i = 0; i < k->n; i++) {
		const struct kproc *p = &k->p[i];
		if (p->ppid != parent || p->pid == parent || p->t_seen >= t)
			continue;
		(*children)++;
		if (!kproc_zombie_at(p, t, settle))
			continue;
		if (zombies++ < CHECK_EVIDENCE_MAX - 1)
			check_evidence_text(r,
					    "[%d] zombie for %.1f s, never reaped by the server "
					    "(the "
					    "kernel: state Z in /proc)",
					    (int)p->pid, (double)(t - p->t_zombie) / 1e9);
	}
	return zombies;
}

int kview_kept(const struct check_ctx *c, struct check_result *r, pid_t root, int mark,
	       pid_t *holder)
{
	const struct kview *k = kview_of(c);
	const struct kmark *m = k && mark >= 0 && mark < GRADE_MARKS ? &k->at[mark] : NULL;
	int kept = 0;

	if (!m || !m->taken || !m->diag)
		return -1;
	for (int i = 0; i < m->nclose_wait && i < KVIEW_SOCKS; i++) {
		const struct ksock *s = &m->close_wait[i];
		const struct kproc *p = kview_proc(k, s->pid);
		if (!p || p->root != root)
			continue;
		if (kept++ == 0) {
			if (holder)
				*holder = s->pid;
			check_evidence_text(r,
					    "[%d] held fd %d (%s) in CLOSE_WAIT when every client "
					    "had left (the kernel: sock_diag, /proc/%d/fd)",
					    (int)s->pid, s->fd, s->name, (int)s->pid);
		}
	}
	/* Beyond those kept: all of the run's (one sandbox, one port). */
	return kept + (m->nclose_wait > KVIEW_SOCKS ? m->nclose_wait - KVIEW_SOCKS : 0);
}

int kview_mark_of(const struct check_ctx *c, int64_t t)
{
	const struct grade_run *g = grade_run_of(c);

	for (int i = 0; g && i < GRADE_MARKS; i++)
		if (g->marks[i] >= 0 && g->marks[i] == t)
			return i;
	return -1;
}

/*
 * Whether child closed the listening socket after the kernel last saw it
 * hold it: a child that a busy machine had not yet run past its close()
 * was slow, not wrong. A close the trace claims before that look is not
 * believed: the kernel saw the socket held after it.
 */
static bool closed_after_last_look(const struct check_ctx *c, const struct kproc *p,
				   const struct event *listen)
{
	const struct event *closed;

	if (!listen)
		return false;
	closed = ev_first(c->s, &(struct ev_filter){.src = "call",
						    .fn = "close",
						    .err = "ok",
						    .pid = p->pid,
						    .sock = listen->call.sock});
	return closed && closed->t >= p->t_listener;
}

int kview_listeners(const struct check_ctx *c, struct check_result *r, pid_t root)
{
	const struct kview *k = kview_of(c);
	const struct event *listen = ev_first(c->s, &(struct ev_filter){.src = "call",
									.fn = "listen",
									.err = "ok",
									.pid = root});
	int kept = 0;

	for (size_t i = 0; k && i < k->n; i++) {
		const struct kproc *p = &k->p[i];
		if (p->root != root || p->pid == root || p->listener_looks < 2 ||
		    closed_after_last_look(c, p, listen))
			continue;
		if (kept++ == 0)
			check_evidence_text(r,
					    "[%d] held the listening socket of port %d while it "
					    "served (the kernel: /proc/%d/fd)",
					    (int)p->pid, c->facts ? c->facts->port : 0,
					    (int)p->pid);
	}
	return kept;
}

int kview_listens(const struct check_ctx *c, pid_t root, int mark)
{
	const struct kview *k = kview_of(c);
	const struct kmark *m = k && mark >= 0 && mark < GRADE_MARKS ? &k->at[mark] : NULL;
	int n = 0;

	if (!m || !m->taken || !m->diag)
		return -1;
	for (int i = 0; i < m->nlisten && i < KVIEW_SOCKS; i++) {
		const struct kproc *p = kview_proc(k, m->listen[i].pid);
		n += p && p->root == root;
	}
	return n;
}
