/*
 * models.c - how a server served many clients at once (see models.h).
 */
#include "check/models.h"

#include <stdio.h>
#include <string.h>

#include "check/evidence.h"

static bool is_wait(const char *fn)
{
	static const char *const waits[] = {"select", "pselect",    "poll",
					    "ppoll",  "epoll_wait", "epoll_pwait"};

	for (size_t i = 0; fn && i < sizeof(waits) / sizeof(waits[0]); i++)
		if (strcmp(fn, waits[i]) == 0)
			return true;
	return false;
}

void serve_model_of(const struct check_ctx *c, pid_t pid, struct serve_model *m)
{
	*m = (struct serve_model){.threads = pid > 0 ? proctable_threads_max(&c->procs, pid) : 0};
	for (size_t i = 0; pid > 0 && i < c->s->n; i++) {
		const struct event *e = &c->s->ev[i];
		bool mine = e->pid == pid;
		if (e->src == SRC_PROC && e->proc.event && strcmp(e->proc.event, "fork") == 0 &&
		    e->proc.child > 0 && check_in_tree(c, e->pid, pid)) {
			m->children++;
			m->fork = m->fork ? m->fork : e;
			continue;
		}
		if (mine && !m->thread && e->tid != e->pid &&
		    (e->src == SRC_CALL || e->src == SRC_PROC))
			m->thread = e;
		if (mine && e->src == SRC_CALL && is_wait(e->call.fn)) {
			m->waits++;
			m->wait = m->wait ? m->wait : e;
		}
	}
}

const char *serve_model_name(const struct serve_model *m, char *buf, size_t cap)
{
	const char *fn = m->wait ? m->wait->call.fn : "";
	const char *mux = strncmp(fn, "epoll", 5) == 0 ? "epoll"
			  : strstr(fn, "poll")	       ? "poll()"
			  : m->wait		       ? "select()"
						       : NULL;

	if (m->children > 0)
		snprintf(buf, cap, "processes (a fork per client: %d children)", m->children);
	else if (m->threads > 1 && mux)
		snprintf(buf, cap, "%s in %d threads", mux, m->threads);
	else if (m->threads > 1)
		snprintf(buf, cap, "threads (%d at most at once)", m->threads);
	else if (mux)
		snprintf(buf, cap, "%s in one thread", mux);
	else
		snprintf(buf, cap, "one client at a time");
	return buf;
}

void serve_model_evidence(const struct serve_model *m, struct check_result *r)
{
	check_evidence(r, m->fork);
	check_evidence(r, m->thread);
	check_evidence(r, m->wait);
}
