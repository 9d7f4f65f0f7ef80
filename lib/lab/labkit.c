/*
 * labkit.c - what the labs share.
 */
#include "lab/labkit.h"

#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "host/paths.h"
#include "run/scenario.h"

/* The path of another lab's program ("01-handshake", "echo_client"). */
static char *lab_program(char *buf, size_t cap, const char *dir, const char *name)
{
	snprintf(buf, cap, "%s/labs/%s/%s", socklab_libdir(), dir, name);
	return buf;
}

pid_t lab_echo_client_start(struct scenario *s, const char *role, int port)
{
	char path[4096], port_str[16];

	lab_program(path, sizeof(path), "01-handshake", "echo_client");
	snprintf(port_str, sizeof(port_str), "%d", port);
	return scenario_start_typing(s, NULL, role, ARGV(path, "127.0.0.1", port_str));
}

pid_t lab_echo_client(struct scenario *s, const char *role, int port, const char *line)
{
	pid_t client = lab_echo_client_start(s, role, port);

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

/* ---- checkpoints that labs share --------------------------------------- */

bool lab_client_served(const struct check_ctx *c, int i)
{
	char role[24], echo[64];

	snprintf(role, sizeof(role), "client %d", i);
	snprintf(echo, sizeof(echo), "Message from server: hello from client %d", i);
	return check_printed(c, role, echo);
}

void lab_check_all_served(const struct check_ctx *c, struct check_result *r, int n)
{
	int served = 0;

	for (int i = 1; i <= n; i++) {
		char role[24];
		snprintf(role, sizeof(role), "client %d", i);
		check_output_evidence(c, r, role, "Message from server", 1);
		served += lab_client_served(c, i);
	}
	if (served == n)
		check_pass(r, _("all %d clients got their lines back"), n);
	else
		check_fail(r, _("%d of %d clients got their lines back"), served, n);
}

const struct event *lab_accept_of(const struct check_ctx *c, const char *role, char *sock)
{
	const struct event *conn = ev_first(c->s, &(struct ev_filter){.src = "call",
								      .fn = "connect",
								      .err = "ok",
								      .pid = check_pid(c, role)});

	if (!conn || !endpoint_pair_reversed(conn->call.sock, sock, ENDPOINT_PAIR_MAX))
		return NULL;
	return ev_first(c->s, &(struct ev_filter){.src = "call", .fn = "accept", .sock = sock});
}

void lab_check_starved(const struct check_ctx *c, struct check_result *r, const char *role)
{
	char sock[ENDPOINT_PAIR_MAX];
	const struct event *acc = lab_accept_of(c, role, sock);
	size_t reads =
		acc ? ev_count(c->s, &(struct ev_filter){.src = "call", .fn = "read", .sock = sock})
		    : 0;

	check_evidence(r, acc);
	check_output_evidence(c, r, role, NULL, 2);
	if (!acc)
		check_fail(r, _("the server never accepted %s's connection"), role);
	else if (reads > 0 || check_printed(c, role, "Message from server: hello"))
		check_fail(r, _("the server read %s's socket: nobody starved"), role);
	else
		check_pass(r,
			   _("%s typed a line, and nobody in the server ever read its socket %lld: "
			     "the line waits in the receive queue, no echo ever comes"),
			   role, (long long)acc->call.ret);
}

int64_t lab_step_time(const struct check_ctx *c, const char *step)
{
	int64_t t = check_step_time(c, step);

	if (t == c->t_end && strcmp(_(step), step) != 0)
		t = check_step_time(c, _(step));
	return t;
}
