/*
 * evidence.c - the questions every check asks of a run (see evidence.h).
 */
#include "check/evidence.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

pid_t check_pid(const struct check_ctx *c, const char *role)
{
	const struct run_proc *p = run_facts_proc(c->facts, role);

	return p ? p->pid : -1;
}

const char *check_output(const struct check_ctx *c, const char *role)
{
	const struct run_proc *p = run_facts_proc(c->facts, role);

	return p && p->out ? p->out : "";
}

bool check_printed(const struct check_ctx *c, const char *role, const char *text)
{
	return strstr(check_output(c, role), text) != NULL;
}

int check_output_evidence(const struct check_ctx *c, struct check_result *r, const char *role,
			  const char *text, int max)
{
	struct ev_filter f = {.src = "note", .fn = "output", .pid = check_pid(c, role)};
	const struct event *e = NULL;
	int found = 0;

	while ((e = ev_next(c->s, &f, e)))
		if (!text || (e->note.text && strstr(e->note.text, text)))
			if (found++ < max)
				check_evidence(r, e);
	return found;
}

const struct event *check_end(const struct check_ctx *c, pid_t pid)
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
	return end;
}

void check_end_evidence(const struct check_ctx *c, struct check_result *r, pid_t pid)
{
	check_evidence(r, check_end(c, pid));
}

const struct event *check_connection(const struct check_ctx *c, const char *role, char *mine,
				     char *theirs, size_t cap)
{
	const struct event *e = ev_first(c->s, &(struct ev_filter){.src = "call",
								   .fn = "connect",
								   .err = "ok",
								   .pid = check_pid(c, role)});

	if (!e || !e->call.sock || !endpoint_pair_reversed(e->call.sock, theirs, cap))
		return NULL;
	snprintf(mine, cap, "%s", e->call.sock);
	return e;
}

bool check_connected(const struct check_ctx *c, struct check_result *r, const char *role,
		     char *mine, char *theirs, size_t cap)
{
	if (check_connection(c, role, mine, theirs, cap))
		return true;
	check_fail(r, "the %s never connected: no connection to follow", role);
	return false;
}

const struct event *check_pkt(const struct check_ctx *c, int port, bool from_port,
			      const char *flags, bool data, int64_t t)
{
	struct ev_filter f = {.src = "pkt", .port = port, .flags = flags, .after = t};

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (endpoint_port(from_port ? e->pkt.from : e->pkt.to) == port &&
		    (!data || e->pkt.len))
			return e;
	return NULL;
}

bool check_in_tree(const struct check_ctx *c, pid_t pid, pid_t root)
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

bool check_source_ran(const struct check_ctx *c, const char *source, struct check_result *r)
{
	json_t *src = json_object_get(json_object_get(c->s->meta, "sources"), source);
	const char *why = json_string_value(json_object_get(src, "why"));

	if (json_is_true(json_object_get(src, "ok")))
		return true;
	if (why)
		check_skip(r, "%s", why);
	else
		check_skip(r, "this session has no %s events: this socklab does not record them",
			   source);
	return false;
}

bool check_states_exact(const struct check_ctx *c)
{
	struct ev_filter f = {.src = "state"};

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->state.via && strcmp(e->state.via, "tracefs") == 0)
			return true;
	return false;
}

const struct event *check_state_to(const struct check_ctx *c, const char *sock, const char *to)
{
	return ev_first(c->s, &(struct ev_filter){.src = "state", .sock = sock, .to = to});
}

const struct event *check_state_before(const struct check_ctx *c, const char *sock, int64_t t)
{
	struct ev_filter f = {.src = "state", .sock = sock};
	const struct event *e = NULL, *last = NULL;

	while ((e = ev_next(c->s, &f, e)) && e->t < t)
		last = e;
	return last;
}

int64_t check_step_time(const struct check_ctx *c, const char *text)
{
	struct ev_filter f = {.src = "note", .fn = "step"};

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->note.text && strstr(e->note.text, text))
			return e->t;
	return c->t_end;
}

double check_ms_between(int64_t from_ns, int64_t to_ns)
{
	return (double)(to_ns - from_ns) / 1e6;
}
