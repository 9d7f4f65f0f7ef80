/*
 * chat: a multi-client chat server, `prog PORT`: each line a client sends
 * goes to every other connected client, not back to its sender. Any model
 * will do -- threads, processes, select(), poll() or epoll -- and the
 * report says which one it saw.
 *
 * The run, in one session:
 *   1. the server starts and must listen;
 *   2. "3 clients": three join and talk in rounds (grade/drivers/chat_client.c);
 *   3. "30 clients": thirty join and talk;
 *   4. "clients A to E": clients join and leave while others talk, one
 *      of them vanishing with a reset (RST) -- last, since a server that
 *      dies of it serves nobody after;
 *   5. every client has left: 1.5 s later (mark LEFT) no socket of a gone
 *      client may still be open.
 */
#include <stdio.h>
#include <string.h>

#include "assignment.h"
#include "check/models.h"
#include "manyclients.h"

enum { MARK_LEFT };

#define RELAYED	     "every line reached every other client exactly once, in order"
#define NOT_BACK     "no client got its own line back"
#define HINT_CHAT    "lab 12 (threads): socklab run 12 --chat --fix"
#define HINT_SIGPIPE "lab 12 (threads): socklab run 12 --chat --fix (its server ignores SIGPIPE)"

static int chat_run(struct grade_run *g)
{
	pid_t server;

	scenario_step(g->s, "start the server on port %d", g->port);
	server = grade_start_program(g, "server", 0, NULL);
	if (server < 0 || grade_wait_listen(g, server, g->port, 0) < 0)
		return -1;
	scenario_step(g->s, "3 clients join and talk in rounds");
	if (drive_clients(g, server, "3 clients",
			  ARGV("chat_client", "relays", g->ip, g->port_str, "3")) < 0)
		return -1;
	scenario_step(g->s, "30 clients join and talk in rounds");
	if (drive_clients(g, server, "30 clients",
			  ARGV("chat_client", "relays", g->ip, g->port_str, "30")) < 0)
		return -1;
	scenario_step(g->s, "clients join and leave while others talk; D vanishes with a reset");
	if (drive_clients(g, server, "clients A to E",
			  ARGV("chat_client", "joins-leaves", g->ip, g->port_str)) < 0)
		return -1;
	scenario_step(g->s, "every client has left: no socket of theirs should stay open");
	if (grade_sleep(g, 1500) < 0)
		return -1;
	grade_mark(g, MARK_LEFT);
	return grade_sleep(g, 200);
}

/* "the server used threads (4 at most at once)", as evidence. */
static void say_model(const struct check_ctx *c, struct check_result *r)
{
	struct serve_model m;
	char how[96];

	serve_model_of(c, check_pid(c, "server"), &m);
	serve_model_evidence(&m, r);
	check_evidence_text(r, "the server used %s", serve_model_name(&m, how, sizeof(how)));
}

/* A relays driver's verdict that lines went where they should. */
static void relayed(const struct check_ctx *c, struct check_result *r, const char *role)
{
	if (!need_ran(c, r, role) || !need_connected(c, r, role) || !need_accepted(c, r, "server"))
		return;
	say_model(c, r);
	check_output_evidence(c, r, role, NULL, 4);
	if (check_printed(c, role, RELAYED))
		check_pass(r, "%s: " RELAYED, role);
	else if (run_trouble(c))
		check_fail(r, "%s: not every line reached every other client: %s", role,
			   run_trouble(c));
	else
		check_fail(r,
			   "%s: not every line reached every other client exactly once. Keep every "
			   "connected client in one list, and send each line you receive to all of "
			   "them but its sender",
			   role);
}

static void relays(const struct check_ctx *c, struct check_result *r)
{
	relayed(c, r, "3 clients");
}

static void many(const struct check_ctx *c, struct check_result *r)
{
	relayed(c, r, "30 clients");
}

static void not_to_sender(const struct check_ctx *c, struct check_result *r)
{
	const char *who = "3 clients";

	if (!need_ran(c, r, who) || !need_connected(c, r, who) ||
	    !need(c, r, check_printed(c, who, "each got the first line"),
		  "no line reached all three clients"))
		return;
	check_output_evidence(c, r, who, "its own line", 3);
	if (!check_printed(c, who, NOT_BACK))
		check_fail(r, "a client got its own line back: send each line to every client but "
			      "the one that sent it");
	else
		check_pass(r, NOT_BACK);
}

static void joins_leaves(const struct check_ctx *c, struct check_result *r)
{
	const char *who = "clients A to E";

	if (!need_ran(c, r, who) || !need_connected(c, r, who) || !need_accepted(c, r, "server"))
		return;
	check_output_evidence(c, r, who, NULL, 4);
	check_end_evidence(c, r, check_pid(c, "server"));
	if (check_printed(c, who, "the others kept talking") && check_printed(c, who, RELAYED))
		check_pass(r, "clients came and went, one vanished with a reset, and the others "
			      "kept talking");
	else if (run_trouble(c))
		check_fail(r,
			   "once clients came and went, the others could not go on talking: %s. "
			   "A write() to a client that vanished fails with EPIPE -- and kills the "
			   "server with SIGPIPE unless it is ignored (signal(SIGPIPE, SIG_IGN)); "
			   "take a client out when recv() returns 0 or -1",
			   run_trouble(c));
	else
		check_fail(r, "once clients came and went, the others could not go on talking: "
			      "take a client out of the list when recv() returns 0 or -1, and "
			      "keep serving the others");
}

static void closes_fds(const struct check_ctx *c, struct check_result *r)
{
	const struct grade_run *g = grade_run_of(c);

	if (!need_accepted(c, r, "server") ||
	    !need_reached(c, r, MARK_LEFT, "every client had left"))
		return;
	if (closed_when_left(c, r, check_pid(c, "server"), g->marks[MARK_LEFT]))
		check_pass(r, "every connection was closed once its client left");
}

static const struct check chat_checks[] = {
	{"relays", "every line reaches every other client exactly once, in order", HINT_CHAT,
	 relays},
	{"not-to-sender", "no line goes back to its sender", HINT_CHAT, not_to_sender},
	{"joins-leaves", "clients come and go (one with a reset); the others go on talking",
	 HINT_SIGPIPE, joins_leaves},
	{"many", "30 clients talk at once", HINT_CHAT, many},
	{"closes-fds", "no socket of a gone client stays open", HINT_CHAT, closes_fds},
	{NULL},
};

const struct assignment assignment_chat = {
	.name = "chat",
	.title = "a multi-client chat server (threads, processes, select, poll or epoll)",
	.usage = "prog PORT",
	.args = "{port}",
	.prog_hint = "server",
	.run = chat_run,
	.checks = chat_checks,
	.nproc = 128, /* 30 clients, and a process or a thread each */
};
