/*
 * labkit.c - what the labs share.
 */
#include "lab/labkit.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "host/paths.h"
#include "run/scenario.h"

/* The path of another lab's program ("01-handshake", "echo_client"). */
static char *lab_program(char *buf, size_t cap, const char *dir, const char *name)
{
	snprintf(buf, cap, "%s/labs/%s/%s", socklab_libdir(), dir, name);
	return buf;
}

pid_t lab_echo_client(struct scenario *s, const char *role, int port, const char *line)
{
	char path[4096], port_str[16];
	pid_t client;

	lab_program(path, sizeof(path), "01-handshake", "echo_client");
	snprintf(port_str, sizeof(port_str), "%d", port);
	client = scenario_start_typing(s, NULL, role, ARGV(path, "127.0.0.1", port_str));
	if (client < 0)
		return -1;
	/* The user takes a moment before typing. It also lets socklab see the
	 * new connection when, without root, it samples states every 20 ms. */
	scenario_sleep(s, 100);
	if (scenario_type(s, client, line) < 0 ||
	    scenario_wait_output(s, client, "Message from server", 5000) < 0)
		return -1;
	return client;
}

int64_t lab_step_time(const struct check_ctx *c, const char *text)
{
	struct ev_filter f = {.src = "note", .fn = "step"};

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->note.text && strstr(e->note.text, text))
			return e->t;
	return c->t_end;
}

pid_t lab_pid(const struct check_ctx *c, const char *role)
{
	const struct run_proc *p = run_facts_proc(c->facts, role);

	return p ? p->pid : -1;
}

const char *lab_output(const struct check_ctx *c, const char *role)
{
	const struct run_proc *p = run_facts_proc(c->facts, role);

	return p && p->out ? p->out : "";
}

int lab_output_evidence(const struct check_ctx *c, struct check_result *r, const char *role,
			const char *text, int max)
{
	const char *line = lab_output(c, role);
	int found = 0;

	while (*line) {
		size_t len = strcspn(line, "\n");
		const char *hit = strstr(line, text);

		if (hit && hit < line + len && found++ < max)
			check_evidence_text(r, "%s printed: %.*s", role, (int)len, line);
		line += len + (line[len] == '\n');
	}
	return found;
}

bool lab_source_ran(const struct check_ctx *c, const char *source, struct check_result *r)
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

bool lab_states_exact(const struct check_ctx *c)
{
	struct ev_filter f = {.src = "state"};

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->state.via && strcmp(e->state.via, "tracefs") == 0)
			return true;
	return false;
}

const struct event *lab_state_to(const struct check_ctx *c, const char *sock, const char *to)
{
	return ev_first(c->s, &(struct ev_filter){.src = "state", .sock = sock, .to = to});
}

double ms_between(int64_t from_ns, int64_t to_ns)
{
	return (double)(to_ns - from_ns) / 1e6;
}
