/*
 * Lab 3 (zombies): what socklab runs, and the checkpoints it proves.
 *
 * The fork server starts; five clients (lab 1's echo_client) connect and
 * type a line each: five children. Then socklab pauses the server
 * (SIGSTOP), as a busy server would be busy, while all five clients close
 * and all five children exit; and lets it go on (SIGCONT). The five
 * SIGCHLDs arrived while it could not take them: standard signals do not
 * queue, so one is pending, and the handler runs once.
 *
 *   naive         no handler: all five children stay zombies
 *   --one-wait    one waitpid() per signal: one reaped, four zombies left
 *   --fix         a waitpid(WNOHANG) loop: one signal, all five reaped
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "collect/procwatch.h"
#include "lab/lab.h"
#include "lab/labkit.h"

#define CLIENTS 5

/* The server's argument: how its SIGCHLD handler reaps. */
static char *handler_mode(const struct lab_run *r)
{
	static char mode[8];

	snprintf(mode, sizeof(mode), "%s",
		 r->fix			     ? "loop"
		 : lab_option(r, "one-wait") ? "once"
					     : "none");
	return mode;
}

/* Waits until n children of server are zombies (read from /proc). */
static int wait_zombies(struct scenario *s, pid_t server, int n, int timeout_ms)
{
	for (int waited = 0; waited < timeout_ms; waited += 10) {
		pid_t kids[64];
		size_t k = proc_descendants(server, kids, 64);
		int zombies = 0;

		for (size_t i = 0; i < k; i++) {
			char st;
			pid_t ppid;
			zombies += proc_stat(kids[i], &st, &ppid) == 0 && st == 'Z';
		}
		if (zombies >= n)
			return 0;
		scenario_sleep(s, 10);
	}
	return -1;
}

/* Starts the clients (lab 1's echo_client), each typing a line. */
static int start_clients(struct scenario *s, int port, pid_t *client)
{
	char role[16], line[64];

	for (int i = 0; i < CLIENTS; i++) {
		snprintf(role, sizeof(role), "client %d", i + 1);
		snprintf(line, sizeof(line), "hello from client %d\n", i + 1);
		if ((client[i] = lab_echo_client(s, role, port, line)) < 0)
			return -1;
	}
	return 0;
}

static int zombies_run(struct scenario *s, const struct lab_run *r)
{
	char port[16];
	pid_t server, client[CLIENTS];

	snprintf(port, sizeof(port), "%d", r->port);
	scenario_step(s, _("start the fork server on port %s, SIGCHLD handler: %s"), port,
		      handler_mode(r));
	server = scenario_start(s, "server", ARGV("reap_server", port, handler_mode(r)), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, _("%d clients connect and type a line: %d children serve them"), CLIENTS,
		      CLIENTS);
	if (start_clients(s, r->port, client) < 0)
		return -1;
	scenario_step(s, _("socklab pauses the server (SIGSTOP); all %d clients close at once"),
		      CLIENTS);
	scenario_kill(s, server, SIGSTOP);
	for (int i = 0; i < CLIENTS; i++)
		scenario_type_end(s, client[i]);
	for (int i = 0; i < CLIENTS; i++)
		if (scenario_wait(s, client[i], 5000) < 0)
			return -1;
	if (wait_zombies(s, server, CLIENTS, 5000) < 0) {
		scenario_kill(s, server, SIGCONT);
		return -1;
	}
	/* socklab looks at /proc every 20 ms: let the zombies show first. */
	scenario_sleep(s, 100);
	scenario_step(s, _("all %d children have exited; socklab lets the server go on (SIGCONT)"),
		      CLIENTS);
	scenario_kill(s, server, SIGCONT);
	scenario_sleep(s, 500);
	scenario_step(s, _("socklab stops the server (SIGTERM)"));
	scenario_kill(s, server, SIGTERM);
	if (scenario_wait(s, server, 5000) < 0)
		return -1;
	scenario_sleep(s, 200);
	return 0;
}

/* ---- checkpoints --------------------------------------------------------- */

/* What became of the server's children. */
struct children {
	int n, exited, zombies_at_stop, reaped_by_server;
	const struct event *fork[CLIENTS * 2];
};

static void count_children(const struct check_ctx *c, struct children *k)
{
	pid_t server = check_pid(c, "server");
	int64_t t_stop = lab_step_time(c, N_("socklab stops the server (SIGTERM)"));
	struct ev_filter f = {.src = "proc", .fn = "fork", .pid = server};

	memset(k, 0, sizeof(*k));
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		const struct proc_info *p = proctable_find(&c->procs, e->proc.child);
		if (k->n < CLIENTS * 2)
			k->fork[k->n] = e;
		k->n++;
		if (!p)
			continue;
		k->exited += p->t_exit != T_NEVER && p->t_exit < t_stop;
		k->zombies_at_stop += proc_state_at(p, t_stop) == PROC_ZOMBIE;
		k->reaped_by_server += p->reaper == server && p->t_reaped < t_stop;
	}
}

static void children_exit(const struct check_ctx *c, struct check_result *r)
{
	struct children k;
	struct ev_filter f = {.src = "proc", .fn = "zombie"};

	count_children(c, &k);
	for (const struct event *e = ev_first(c->s, &f); e && r->nevidence < 5;
	     e = ev_next(c->s, &f, e))
		if (e->proc.ppid == check_pid(c, "server"))
			check_evidence(r, e);
	if (k.n == CLIENTS && k.exited == CLIENTS)
		check_pass(r, _("the server forked %d children and all %d exited"), k.n, k.exited);
	else
		check_fail(r, _("the server forked %d children, %d of them exited (expected %d)"),
			   k.n, k.exited, CLIENTS);
}

/* How many SIGCHLDs the server's handler got. */
static size_t sigchld_deliveries(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "proc", .fn = "signal", .pid = check_pid(c, "server")};
	size_t n = 0;

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (!e->proc.sig || strcmp(e->proc.sig, "SIGCHLD") != 0)
			continue;
		n++;
		check_evidence(r, e);
	}
	return n;
}

static void zombies_left(const struct check_ctx *c, struct check_result *r)
{
	bool want_all = !c->facts->fix && !lab_option(lab_run_of(c), "one-wait");
	struct children k;

	count_children(c, &k);
	check_output_evidence(c, r, "server", "child", 0);
	for (int i = 0; i < k.n && i < CLIENTS * 2; i++) {
		const struct proc_info *p = proctable_find(&c->procs, k.fork[i]->proc.child);
		if (p && p->t_zombie != T_NEVER && p->reaper != check_pid(c, "server"))
			check_evidence_text(r,
					    _("child %d: a zombie for %.0f ms, until the server "
					      "ended"),
					    (int)p->pid, proc_zombie_ns(p, c->t_end) / 1e6);
	}
	if (want_all && k.zombies_at_stop == CLIENTS)
		check_pass(r,
			   _("all %d exited children were still zombies when the server was "
			     "stopped: nobody waited for them"),
			   CLIENTS);
	else if (!want_all && k.zombies_at_stop > 0 && k.zombies_at_stop < CLIENTS)
		check_pass(r,
			   _("%d of %d children were still zombies when the server was stopped, "
			     "despite a SIGCHLD handler"),
			   k.zombies_at_stop, CLIENTS);
	else
		check_fail(r, _("%d of %d children were zombies when the server was stopped"),
			   k.zombies_at_stop, CLIENTS);
}

static void no_handler(const struct check_ctx *c, struct check_result *r)
{
	size_t n = sigchld_deliveries(c, r);
	size_t waits = ev_count(c->s, &(struct ev_filter){.src = "proc",
							  .fn = "reaped",
							  .pid = check_pid(c, "server")});

	if (n == 0 && waits == 0)
		check_pass(r, _("no SIGCHLD handler ran and the server never called wait(): "
				"SIGCHLD's default is to do nothing"));
	else
		check_fail(r, _("the server's handler ran %zu times and reaped %zu children"), n,
			   waits);
}

static void signals_merge(const struct check_ctx *c, struct check_result *r)
{
	struct children k;
	size_t n = sigchld_deliveries(c, r);

	count_children(c, &k);
	if (n >= 1 && n < (size_t)k.exited)
		check_pass(r,
			   n == 1 ? _("%d children exited, but the handler ran only %zu time: "
				      "signals do not queue")
				  : _("%d children exited, but the handler ran only %zu times: "
				      "signals do not queue"),
			   k.exited, n);
	else
		check_fail(r, _("%d children exited and the handler ran %zu times"), k.exited, n);
}

static void one_per_signal(const struct check_ctx *c, struct check_result *r)
{
	struct children k;
	size_t n = sigchld_deliveries(c, r);

	count_children(c, &k);
	if (n >= 1 && (size_t)k.reaped_by_server == n)
		check_pass(r,
			   _("the handler reaped one child per run: %d reaped, %d left as zombies"),
			   k.reaped_by_server, k.zombies_at_stop);
	else
		check_fail(r, _("the handler ran %zu times and reaped %d children"), n,
			   k.reaped_by_server);
}

static void all_reaped(const struct check_ctx *c, struct check_result *r)
{
	struct children k;
	struct ev_filter f = {.src = "proc", .fn = "reaped", .pid = check_pid(c, "server")};

	count_children(c, &k);
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		check_evidence(r, e);
	if (k.reaped_by_server == CLIENTS && k.zombies_at_stop == 0)
		check_pass(r,
			   _("the server's own waitpid() reaped all %d children; no zombie was "
			     "left"),
			   CLIENTS);
	else
		check_fail(r,
			   _("the server reaped %d of %d children; %d were zombies when it "
			     "stopped"),
			   k.reaped_by_server, CLIENTS, k.zombies_at_stop);
}

static const struct check naive_checks[] = {
	{"children-exit", N_("each client's child exits when its client closes"),
	 .fn = children_exit},
	{"no-handler", N_("nobody waits: no SIGCHLD handler, no wait()"), .fn = no_handler},
	{"zombies", N_("the exited children stay zombies"), .fn = zombies_left},
	{NULL},
};

static const struct check one_wait_checks[] = {
	{"children-exit", N_("each client's child exits when its client closes"),
	 .fn = children_exit},
	{"signals-merge", N_("five exits, fewer SIGCHLD deliveries"), .fn = signals_merge},
	{"one-per-signal", N_("one waitpid() per signal reaps one child per signal"),
	 .fn = one_per_signal},
	{"zombies", N_("zombies are left despite the handler"), .fn = zombies_left},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"children-exit", N_("each client's child exits when its client closes"),
	 .fn = children_exit},
	{"signals-merge", N_("five exits, fewer SIGCHLD deliveries (still)"), .fn = signals_merge},
	{"all-reaped", N_("the waitpid() loop reaps every child; no zombie is left"),
	 .fn = all_reaped},
	{NULL},
};

static const struct lab_option zombies_options[] = {
	{"one-wait", N_("the textbook's handler: one waitpid() per SIGCHLD"), one_wait_checks},
	{NULL},
};

const struct lab lab_3 = {
	.number = 3,
	.name = "zombies",
	.title = N_("children that exit and nobody waits for: zombies, SIGCHLD, waitpid"),
	.dir = "03-zombies",
	.fix = N_("a SIGCHLD handler that reaps with a waitpid(-1, ..., WNOHANG) loop"),
	.options = zombies_options,
	.run = zombies_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};
