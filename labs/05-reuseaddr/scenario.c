/*
 * Lab 5 (reuseaddr): what socklab runs, and the checkpoints it proves.
 *
 * The server serves one client, closes first, and exits: its end of the
 * connection waits in TIME_WAIT. socklab restarts it at once on the same
 * port. Naive: neither run sets SO_REUSEADDR, and the restart's bind()
 * fails with EADDRINUSE. --fix: both set it; the restart binds and serves
 * a second client. --new-only: only the restart sets it -- on Linux that
 * is not enough.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"

/* Does run (0: the first, 1: the restart) set SO_REUSEADDR? */
static bool sets_reuseaddr(const struct lab_run *r, int run)
{
	return r->fix || (run == 1 && lab_option(r, "new-only"));
}

static bool restart_binds(const struct lab_run *r)
{
	return r->fix;
}

static int first_server(struct scenario *s, const struct lab_run *r, char *port)
{
	pid_t server, client;

	scenario_step(s,
		      sets_reuseaddr(r, 0) ? _("start the server on port %s (SO_REUSEADDR)")
					   : _("start the server on port %s"),
		      port);
	server = scenario_start(s, "server",
				ARGV("reuseadr_eserver", port,
				     sets_reuseaddr(r, 0) ? "reuseaddr" : NULL),
				NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, _("a client types a line; the server echoes it, closes first, and exits"));
	if ((client = lab_echo_client(s, "client", r->port, "hello\n")) < 0 ||
	    scenario_wait(s, server, 5000) < 0)
		return -1;
	scenario_step(s, _("the client closes too: the server's old socket waits in TIME_WAIT"));
	scenario_type_end(s, client);
	if (scenario_wait(s, client, 5000) < 0)
		return -1;
	scenario_sleep(s, 300);
	return 0;
}

static int reuseaddr_run(struct scenario *s, const struct lab_run *r)
{
	char port[16];
	pid_t server, client;

	snprintf(port, sizeof(port), "%d", r->port);
	if (first_server(s, r, port) < 0)
		return -1;
	scenario_step(s, sets_reuseaddr(r, 1)
				 ? _("restart the server at once, on the same port (SO_REUSEADDR)")
				 : _("restart the server at once, on the same port"));
	server = scenario_start(s, "server (restart)",
				ARGV("reuseadr_eserver", port,
				     sets_reuseaddr(r, 1) ? "reuseaddr" : NULL),
				NULL);
	if (server < 0)
		return -1;
	if (!restart_binds(r))
		return scenario_wait(s, server, 5000);
	if (scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, _("a second client is served by the restarted server"));
	if ((client = lab_echo_client(s, "client 2", r->port, "hello again\n")) < 0 ||
	    scenario_wait(s, server, 5000) < 0)
		return -1;
	scenario_type_end(s, client);
	if (scenario_wait(s, client, 5000) < 0)
		return -1;
	scenario_sleep(s, 200);
	return 0;
}

/* ---- checkpoints --------------------------------------------------------- */

static const struct event *role_bind(const struct check_ctx *c, const char *role)
{
	return ev_first(c->s, &(struct ev_filter){.src = "call",
						  .fn = "bind",
						  .pid = check_pid(c, role)});
}

/* The server's end of the first connection: the client's connect(),
 * reversed. */
static bool old_server_sock(const struct check_ctx *c, char *out, size_t cap)
{
	const struct event *e = ev_first(c->s, &(struct ev_filter){.src = "call",
								   .fn = "connect",
								   .err = "ok",
								   .pid = check_pid(c, "client")});

	return e && endpoint_pair_reversed(e->call.sock, out, cap);
}

static void server_closes_first(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "call", .fn = "close", .err = "ok", .port = c->facts->port};
	const struct event *e = ev_first(c->s, &f);

	while (e && e->call.sock && !endpoint_pair_has_peer(e->call.sock))
		e = ev_next(c->s, &f, e);
	if (!e) {
		check_fail(r, _("nobody closed the connection"));
		return;
	}
	check_evidence(r, e);
	if (e->pid == check_pid(c, "server"))
		check_pass(r, _("the server closed the connection first"));
	else
		check_fail(r, _("the client closed first: the TIME_WAIT is on the client's side"));
}

static void time_wait_at_restart(const struct check_ctx *c, struct check_result *r)
{
	const struct event *bind2 = role_bind(c, "server (restart)"), *tw, *gone;
	char sock[128];

	if (!check_source_ran(c, "state", r))
		return;
	if (!old_server_sock(c, sock, sizeof(sock))) {
		check_fail(r, _("the first client never connected"));
		return;
	}
	tw = check_state_to(c, sock, "TIME_WAIT");
	if (!tw || !bind2 || tw->t > bind2->t) {
		check_fail(r, _("the old socket %s was not in TIME_WAIT when the server restarted"),
			   sock);
		return;
	}
	check_evidence(r, tw);
	check_evidence(r, bind2);
	gone = ev_next(c->s, &(struct ev_filter){.src = "state", .sock = sock}, tw);
	if (gone && gone->t < bind2->t)
		check_fail(r, _("the old socket left TIME_WAIT before the restart"));
	else if (tw->state.timer_ms <= 0)
		check_fail(r, _("the old socket was in TIME_WAIT, but with no countdown known"));
	else
		check_pass(r,
			   _("the old server socket was in TIME_WAIT (%.1f s left of 60) when the "
			     "server restarted"),
			   (tw->state.timer_ms - check_ms_between(tw->t, bind2->t)) / 1000.0);
}

static void restart_bind(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = role_bind(c, "server (restart)");

	if (!e) {
		check_fail(r, _("the restarted server never called bind()"));
		return;
	}
	check_evidence(r, e);
	check_output_evidence(c, r, "server (restart)", "bind", 1);
	if (restart_binds(lab_run_of(c)) && e->call.ret == 0)
		check_pass(r, _("the restarted server's bind() succeeded, TIME_WAIT or not"));
	else if (!restart_binds(lab_run_of(c)) && e->call.err &&
		 strcmp(e->call.err, "EADDRINUSE") == 0)
		check_pass(r, _("the restarted server's bind() failed with EADDRINUSE: the port is "
				"still held by the connection in TIME_WAIT"));
	else
		check_fail(r, _("the restarted server's bind() returned %lld (%s)"),
			   (long long)e->call.ret, e->call.err ? e->call.err : "no error");
}

/* Each run set SO_REUSEADDR before its bind(), or did not, as expected. */
static void reuseaddr_calls(const struct check_ctx *c, struct check_result *r)
{
	static const char *const roles[] = {"server", "server (restart)"};
	bool ok = true;

	for (int i = 0; i < 2; i++) {
		struct ev_filter f = {.src = "call",
				      .fn = "setsockopt",
				      .err = "ok",
				      .pid = check_pid(c, roles[i])};
		const struct event *set = ev_first(c->s, &f), *bind = role_bind(c, roles[i]);
		bool before = set && bind && set->t < bind->t && set->call.opt &&
			      strcmp(set->call.opt, "SO_REUSEADDR") == 0;

		check_evidence(r, set);
		if (before != sets_reuseaddr(lab_run_of(c), i)) {
			check_fail(r,
				   before ? _("the %s set SO_REUSEADDR before bind()")
					  : _("the %s did not set SO_REUSEADDR before bind()"),
				   roles[i]);
			ok = false;
		}
	}
	if (ok && sets_reuseaddr(lab_run_of(c), 0))
		check_pass(r, _("both the first server and the restarted one set SO_REUSEADDR "
				"before bind()"));
	else if (ok)
		check_pass(r, _("only the restarted server set SO_REUSEADDR; the socket in "
				"TIME_WAIT came from one that did not"));
}

static void second_client_served(const struct check_ctx *c, struct check_result *r)
{
	if (check_output_evidence(c, r, "client 2", "Message from server: hello again", 1))
		check_pass(r, _("the restarted server served a new client at once"));
	else
		check_fail(r, _("the second client got no echo"));
}

static const struct check naive_checks[] = {
	{"closes-first", N_("the server closes the connection first"), .fn = server_closes_first},
	{"time-wait", N_("its old socket is in TIME_WAIT when it restarts"),
	 .fn = time_wait_at_restart},
	{"eaddrinuse", N_("the restart's bind() fails with EADDRINUSE"), .fn = restart_bind},
	{NULL},
};

static const struct check new_only_checks[] = {
	{"closes-first", N_("the server closes the connection first"), .fn = server_closes_first},
	{"new-only", N_("only the restarted server sets SO_REUSEADDR"), .fn = reuseaddr_calls},
	{"time-wait", N_("its old socket is in TIME_WAIT when it restarts"),
	 .fn = time_wait_at_restart},
	{"eaddrinuse", N_("the restart's bind() still fails with EADDRINUSE"), .fn = restart_bind},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"reuseaddr", N_("both servers set SO_REUSEADDR before bind()"), .fn = reuseaddr_calls},
	{"time-wait", N_("the old socket is in TIME_WAIT when the server restarts"),
	 .fn = time_wait_at_restart},
	{"binds", N_("the restart's bind() succeeds"), .fn = restart_bind},
	{"serves", N_("the restarted server serves a new client"), .fn = second_client_served},
	{NULL},
};

static const struct lab_option reuseaddr_options[] = {
	{"new-only", N_("only the restarted server sets SO_REUSEADDR"), new_only_checks},
	{NULL},
};

const struct lab lab_5 = {
	.number = 5,
	.name = "reuseaddr",
	.title = N_("restarting a server: TIME_WAIT, EADDRINUSE and SO_REUSEADDR"),
	.dir = "05-reuseaddr",
	.fix = N_("the server sets SO_REUSEADDR before bind()"),
	.options = reuseaddr_options,
	.run = reuseaddr_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};
