/*
 * Lab 1 (handshake): what socklab runs, and the checkpoints it proves.
 *
 * The iterative echo server starts; one client connects, sends two lines,
 * reads their echoes, and closes. With --server-closes-first, the server
 * closes right after the first echo instead.
 */
#include <stdio.h>
#include <string.h>

#include "lab.h"

#define INPUT "hello\nsocklab\n"

static int handshake_run(struct scenario *s, const struct lab_run *r)
{
	bool server_first = lab_option(r, "server-closes-first");
	char port[16];
	pid_t server, client;

	snprintf(port, sizeof(port), "%d", r->port);
	scenario_step(s, "start the echo server on port %s", port);
	server = scenario_start(s, "server", ARGV("echo_server", port, "1",
						    server_first ? "close-first" : "wait"),
				NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, "a client connects, sends two lines, and closes");
	client = scenario_start(s, "client", ARGV("echo_client", "127.0.0.1", port), INPUT);
	if (client < 0 || scenario_wait(s, client, 10000) < 0 || scenario_wait(s, server, 10000) < 0)
		return -1;
	/* Let the last ACKs and state changes arrive before the session ends. */
	scenario_sleep(s, 300);
	return 0;
}

static pid_t role_pid(const struct check_ctx *c, const char *role)
{
	const struct run_proc *p = run_facts_proc(c->facts, role);

	return p ? p->pid : -1;
}

static void client_connects(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = ev_first(c->s, &(struct ev_filter){
		.src = "call", .fn = "connect", .pid = role_pid(c, "client")});

	if (!e) {
		check_fail(r, "the client never called connect()");
		return;
	}
	check_evidence(r, e);
	if (e->call.ret != 0)
		check_fail(r, "connect() failed with %s", e->call.err ? e->call.err : "an error");
	else
		check_pass(r, "connect() returned 0: the 3-way handshake completed");
}

static void server_accepts(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = ev_first(c->s, &(struct ev_filter){
		.src = "call", .fn = "accept", .err = "ok", .pid = role_pid(c, "server")});

	if (!e) {
		check_fail(r, "the server's accept() never returned a connection");
		return;
	}
	check_evidence(r, e);
	check_pass(r, "accept() returned socket %lld for the client", (long long)e->call.ret);
}

static void client_gets_echo(const struct check_ctx *c, struct check_result *r)
{
	const struct run_proc *p = run_facts_proc(c->facts, "client");
	bool first = p && p->out && strstr(p->out, "Message from server: hello\n");
	bool second = p && p->out && strstr(p->out, "Message from server: socklab\n");
	bool server_first = lab_option(lab_run_of(c), "server-closes-first");

	if (!p || !p->out) {
		check_fail(r, "the client printed nothing");
		return;
	}
	for (const char *line = p->out; *line && r->nevidence < CHECK_EVIDENCE_MAX;) {
		size_t len = strcspn(line, "\n");
		check_evidence_text(r, "the client printed: %.*s", (int)len, line);
		line += len + (line[len] == '\n');
	}
	if (first && (second || server_first))
		check_pass(r, "each line came back as it was sent");
	else
		check_fail(r, "a line did not come back as it was sent");
}

/* The first close() of the connection's two sockets, by role. */
static void closes_first(const struct check_ctx *c, struct check_result *r)
{
	bool server_first = lab_option(lab_run_of(c), "server-closes-first");
	const char *want = server_first ? "server" : "client";
	const struct event *e = ev_first(c->s, &(struct ev_filter){
		.src = "call", .fn = "close", .err = "ok", .port = c->facts->port});
	const char *who;

	/* The server's first close() might be its listening socket's: skip it. */
	while (e && e->call.sock && strstr(e->call.sock, ">*"))
		e = ev_next(c->s, &(struct ev_filter){.src = "call", .fn = "close", .err = "ok",
						      .port = c->facts->port},
			    e);
	if (!e) {
		check_fail(r, "nobody closed the connection");
		return;
	}
	check_evidence(r, e);
	who = e->pid == role_pid(c, "server") ? "server" : "client";
	if (strcmp(who, want) == 0)
		check_pass(r, "the %s closed first: its FIN went first", who);
	else
		check_fail(r, "the %s closed first, not the %s", who, want);
}

static const struct check handshake_checks[] = {
	{"connects", "the client's connect() completes the 3-way handshake",
	 "lab 1 (handshake)", client_connects},
	{"accepts", "the server's accept() returns the new connection", "lab 1 (handshake)",
	 server_accepts},
	{"echoes", "each line the client sends comes back", "lab 1 (handshake)",
	 client_gets_echo},
	{"closes-first", "the side expected to close first does (client; or server with "
			 "--server-closes-first)",
	 "lab 1 (handshake)", closes_first},
	{NULL},
};

static const struct lab_option handshake_options[] = {
	{"server-closes-first", "the server closes right after its first echo"},
	{NULL},
};

const struct lab lab_1 = {
	.number = 1,
	.name = "handshake",
	.title = "the 3-way handshake, data and ACKs, the 4-way close",
	.dir = "01-handshake",
	.no_fix = "it shows how TCP opens and closes; nothing in it is a mistake",
	.options = handshake_options,
	.run = handshake_run,
	.checks = handshake_checks,
};
