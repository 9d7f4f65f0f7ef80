/*
 * fdhold.c - the lineage of a connection's descriptors (see fdhold.h).
 *
 * Only the acceptor's descriptors are followed: the one accept() gave and
 * the dup()s of it, then, for each child forked while one of them was
 * open, the copies the child inherited. Children of children are not
 * followed: no lab or assignment forks twice per connection.
 */
#include "check/fdhold.h"

#include <string.h>

#define FDS_MAX		8  /* descriptors followed per connection */
#define CHILDREN_JUDGED 64 /* children of the acceptor looked at */

bool fdhold_let_go(const struct check_ctx *c, pid_t pid, int fd, const char *sock, int64_t from,
		   int64_t until)
{
	struct ev_filter f = {.src = "call",
			      .fn = "close",
			      .pid = pid,
			      .sock = sock,
			      .after = from};
	const struct proc_info *p = proctable_find(&c->procs, pid);
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e)) && e->t <= until)
		if (e->call.fd == fd)
			return true;
	return p && p->t_exit != T_NEVER && p->t_exit <= until;
}

/* The acceptor's descriptors for the connection before t: the accepted
 * one, then each dup() of it. Returns how many. */
static int acceptor_fds(const struct check_ctx *c, const struct event *accept, int64_t t,
			struct fd_held fds[FDS_MAX])
{
	struct ev_filter f = {.src = "call",
			      .pid = accept->pid,
			      .sock = accept->call.sock,
			      .after = accept->t};
	const struct event *e = NULL;
	int n = 0;

	fds[n++] = (struct fd_held){(int)accept->call.ret, accept};
	while (n < FDS_MAX && (e = ev_next(c->s, &f, e)) && e->t < t)
		if (strncmp(e->call.fn, "dup", 3) == 0 && e->call.ret >= 0)
			fds[n++] = (struct fd_held){(int)e->call.ret, e};
	return n;
}

/* Which of fds pid still had at until (each held from from, or from when
 * it was made if later): its index, or -1 when it let go of them all. */
static int first_held(const struct check_ctx *c, pid_t pid, const char *sock,
		      const struct fd_held *fds, int n, int64_t from, int64_t until)
{
	for (int i = 0; i < n; i++) {
		int64_t since = fds[i].made->t > from ? fds[i].made->t : from;
		if (!fdhold_let_go(c, pid, fds[i].fd, sock, since, until))
			return i;
	}
	return -1;
}

/* The descriptors of fds the acceptor still had when it forked: what the
 * child inherited. Returns how many. */
static int inherited_at(const struct check_ctx *c, const struct event *accept,
			const struct event *fork, const struct fd_held *fds, int n,
			struct fd_held out[FDS_MAX])
{
	int m = 0;

	for (int i = 0; i < n; i++)
		if (fds[i].made->t <= fork->t &&
		    !fdhold_let_go(c, accept->pid, fds[i].fd, accept->call.sock, fds[i].made->t,
				   fork->t))
			out[m++] = fds[i];
	return m;
}

bool fdhold_find(const struct check_ctx *c, const struct event *accept, int64_t t,
		 struct fd_holder *h)
{
	struct ev_filter forks = {.src = "proc",
				  .fn = "fork",
				  .pid = accept->pid,
				  .after = accept->t};
	const char *sock = accept->call.sock;
	const struct event *fork = NULL;
	struct fd_held fds[FDS_MAX], inherited[FDS_MAX];
	int n = acceptor_fds(c, accept, t, fds), m, i;

	*h = (struct fd_holder){.pid = -1};
	if ((i = first_held(c, accept->pid, sock, fds, n, accept->t, t)) >= 0)
		*h = (struct fd_holder){.pid = accept->pid, .held = fds[i]};
	for (int judged = 0;
	     judged < CHILDREN_JUDGED && (fork = ev_next(c->s, &forks, fork)) && fork->t < t;) {
		if (fork->proc.child <= 0)
			continue;
		judged++;
		if ((m = inherited_at(c, accept, fork, fds, n, inherited)) == 0)
			break; /* the acceptor had let go: later children hold nothing */
		h->forked = true;
		if (h->pid < 0 &&
		    (i = first_held(c, fork->proc.child, sock, inherited, m, fork->t, t)) >= 0) {
			h->pid = fork->proc.child;
			h->held = inherited[i];
		}
	}
	return h->pid >= 0;
}
