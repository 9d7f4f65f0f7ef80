/*
 * evidence.c - what the checks of every assignment share: finding the
 * run's programs in the session, and quoting them.
 */
#include <stdio.h>
#include <string.h>

#include "assignment.h"

const struct grade_run *grade_run_of(const struct check_ctx *c)
{
	return c->facts ? c->facts->extra : NULL;
}

pid_t role_pid(const struct check_ctx *c, const char *role)
{
	const struct run_proc *p = run_facts_proc(c->facts, role);

	return p ? p->pid : 0;
}

const char *run_trouble(const struct check_ctx *c)
{
	const struct grade_run *g = grade_run_of(c);

	return g && g->nproblems ? g->problems[0] : NULL;
}

static void fail_not_checked(const struct check_ctx *c, struct check_result *r)
{
	const char *trouble = run_trouble(c);

	check_fail(r, "not checked: %s", trouble ? trouble : "the run stopped before this part");
}

bool fail_if_not_run(const struct check_ctx *c, struct check_result *r, const char *role)
{
	if (role_pid(c, role))
		return false;
	fail_not_checked(c, r);
	return true;
}

bool fail_if_not_reached(const struct check_ctx *c, struct check_result *r, int mark)
{
	const struct grade_run *g = grade_run_of(c);

	if (g && g->marks[mark] >= 0)
		return false;
	fail_not_checked(c, r);
	return true;
}

void evidence_output(const struct check_ctx *c, struct check_result *r, const char *role,
		     const char *text, int max)
{
	struct ev_filter f = {.src = "note", .fn = "output", .pid = role_pid(c, role)};
	const struct event *e = NULL;

	if (!f.pid)
		return;
	while (max > 0 && (e = ev_next(c->s, &f, e)))
		if (!text || (e->note.text && strstr(e->note.text, text))) {
			check_evidence(r, e);
			max--;
		}
}

void evidence_end(const struct check_ctx *c, struct check_result *r, pid_t pid)
{
	const struct event *end = NULL;

	for (size_t i = 0; i < c->s->n; i++) {
		const struct event *e = &c->s->ev[i];
		if (e->src != SRC_PROC || !e->proc.event)
			continue;
		if ((strcmp(e->proc.event, "reaped") == 0 && e->proc.child == pid) ||
		    (strcmp(e->proc.event, "exit") == 0 && e->pid == pid && !end))
			end = e;
	}
	check_evidence(r, end);
}

bool role_printed(const struct check_ctx *c, const char *role, const char *text)
{
	const struct run_proc *p = run_facts_proc(c->facts, role);

	return p && p->out && strstr(p->out, text);
}

bool in_tree_of(const struct check_ctx *c, pid_t pid, pid_t root)
{
	for (int depth = 0; pid > 0 && depth < 64; depth++) {
		const struct proc_info *p;

		if (pid == root)
			return true;
		if (!(p = proctable_find(&c->procs, pid)))
			return false;
		pid = p->ppid;
	}
	return false;
}
