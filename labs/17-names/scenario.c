/*
 * Lab 17 (names): what socklab runs, and the checkpoints it proves.
 *
 * Four hosts on a switch: the client on a, the service on b (later on
 * c), and a name server on d, which every other host's resolv.conf
 * names. The zone (zone.txt in the session folder) says echo.lab is
 * 10.77.0.2. The client looks the name up -- a question to d:53 and its
 * answer, before its SYN -- and connects to b. Then the service moves:
 * the server on b stops, one starts on c, and the record changes to
 * 10.77.0.3. Naive, the client kept the address it found at the start
 * and is refused by b; with --fix it asks again and reaches c. Last, a
 * client asks for a name nobody has: EAI_NONAME (HOST_NOT_FOUND with
 * --gethostbyname, which uses 윤 chapter 8's function).
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jobj.h"
#include "lab/lab.h"
#include "lab/labkit.h"

#define NAME	 "echo.lab"
#define UNKNOWN	 "nosuch.lab"
#define DNS_PORT 53
#define HOST_B	 "10.77.0.2"
#define HOST_C	 "10.77.0.3"

/* Writes the zone: NAME at addr. Through a new file and rename(), so the
 * name server never reads half a file. */
static int write_zone(struct scenario *s, const char *path, const char *addr)
{
	char tmp[4200];
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.new", path);
	if (!(f = fopen(tmp, "w")))
		return -1;
	fprintf(f, "%s %s\n", NAME, addr);
	if (fclose(f) != 0 || rename(tmp, path) < 0)
		return -1;
	scenario_step(s, _("the zone says: %s %s"), NAME, addr);
	return 0;
}

/* The server of the service on host (an index of the lab network). */
static pid_t start_server(struct scenario *s, const struct lab_run *r, int host, const char *port)
{
	char role[16], name[2] = {(char)('a' + host), '\0'};
	pid_t pid;

	snprintf(role, sizeof(role), "server %s", name);
	pid = scenario_start_in(s, r->net->ns[host], role, ARGV("where_server", (char *)port, name),
				NULL);
	return pid < 0 || scenario_wait_listen(s, r->port, 5000) < 0 ? -1 : pid;
}

/* The client types Enter: one more connection, whose greeting (or
 * refusal) it prints. */
static int visit(struct scenario *s, pid_t client, const char *expect)
{
	return scenario_type(s, client, "\n") < 0 ? -1
						  : scenario_wait_output(s, client, expect, 10000);
}

static int names_run(struct scenario *s, const struct lab_run *r)
{
	const struct labnet *net = r->net;
	bool gethost = lab_option(r, "gethostbyname");
	char port[16], zone[4096];
	pid_t ns, server_b, server_c, client, other;

	snprintf(port, sizeof(port), "%d", r->port);
	snprintf(zone, sizeof(zone), "%s/zone.txt", collector_dir(scenario_collector(s)));
	scenario_step(s,
		      _("four hosts on a switch: the client on a, the service on b, a name "
			"server on d (%s), named in every host's /etc/resolv.conf"),
		      net->addr[LABNET_D]);
	if (write_zone(s, zone, HOST_B) < 0)
		return -1;
	ns = scenario_start_in(s, net->ns[LABNET_D], "name server", ARGV("name_server", zone),
			       NULL);
	if (ns < 0 || scenario_wait_udp(s, DNS_PORT, 5000) < 0 ||
	    (server_b = start_server(s, r, LABNET_B, port)) < 0)
		return -1;
	scenario_step(s, _("the client looks %s up with %s, then connects"), NAME,
		      gethost ? "gethostbyname()" : "getaddrinfo()");
	client = scenario_start_typing(s, net->ns[LABNET_A], "client",
				       ARGV("name_client", NAME, port, r->fix ? "again" : "once",
					    gethost ? "gethostbyname" : NULL));
	if (client < 0 || visit(s, client, "hello from host b") < 0)
		return -1;
	scenario_step(s, _("the service moves to host c: the server on b stops, one starts on c, "
			   "and the record changes"));
	scenario_kill(s, server_b, SIGTERM);
	if (scenario_wait(s, server_b, 5000) < 0 ||
	    (server_c = start_server(s, r, LABNET_C, port)) < 0 || write_zone(s, zone, HOST_C) < 0)
		return -1;
	scenario_step(s, r->fix ? _("the client connects again, and asks the name server first")
				: _("the client connects again, to the address it found at the "
				    "start"));
	if (visit(s, client, r->fix ? "hello from host c" : "connect() error") < 0)
		return -1;
	scenario_type_end(s, client);
	if (scenario_wait(s, client, 5000) < 0)
		return -1;
	scenario_step(s, _("another client asks for %s, which no zone has"), UNKNOWN);
	other = scenario_start_in(s, net->ns[LABNET_A], "client 2",
				  ARGV("name_client", UNKNOWN, port, "once",
				       gethost ? "gethostbyname" : NULL),
				  NULL);
	if (other < 0 || scenario_wait(s, other, 10000) < 0)
		return -1;
	scenario_kill(s, server_c, SIGTERM);
	scenario_kill(s, ns, SIGTERM);
	scenario_sleep(s, 200);
	return 0;
}

/* ---- the client's lookups and connections ---------------------------------- */

static bool uses_gethostbyname(const struct check_ctx *c)
{
	return lab_option(lab_run_of(c), "gethostbyname");
}

static const char *name_fn(const struct check_ctx *c)
{
	return uses_gethostbyname(c) ? "gethostbyname" : "getaddrinfo";
}

/* role's nth (from 1) lookup of a name, or NULL. */
static const struct event *lookup(const struct check_ctx *c, const char *role, int nth)
{
	return ev_nth(c->s,
		      &(struct ev_filter){.src = "call",
					  .fn = name_fn(c),
					  .pid = check_pid(c, role)},
		      nth);
}

struct addr_search {
	struct jobj *o;
	const char *addr;
	bool found;
};

static void match_addr(void *arg, const struct jscan_member *m)
{
	struct addr_search *w = arg;
	const char *a = jobj_elem_str(w->o, m);

	w->found |= a && strcmp(a, w->addr) == 0;
}

/* True when the lookup e gave addr among its addresses. */
static bool gave(const struct event *e, const char *addr)
{
	struct jobj o;
	struct addr_search w = {&o, addr, false};

	event_fields(e, &o);
	jobj_each(&o, "addrs", match_addr, &w);
	jobj_free(&o);
	return w.found;
}

/* The client's nth connect(), or NULL. */
static const struct event *client_connect(const struct check_ctx *c, int nth)
{
	return ev_nth(c->s,
		      &(struct ev_filter){.src = "call",
					  .fn = "connect",
					  .pid = check_pid(c, "client")},
		      nth);
}

/* True when e went to host (an address, any port). */
static bool went_to(const struct event *e, const char *host)
{
	return e && e->call.peer && strncmp(e->call.peer, host, strlen(host)) == 0 &&
	       e->call.peer[strlen(host)] == ':';
}

static void looks_up(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = lookup(c, "client", 1);

	if (!e) {
		check_fail(r, _("the client never called %s()"), name_fn(c));
		return;
	}
	check_evidence(r, e);
	if (e->call.ret != 0)
		check_fail(r, _("%s(\"%s\") failed with %s"), name_fn(c), NAME,
			   e->call.err ? e->call.err : _("an error"));
	else if (!gave(e, HOST_B))
		check_fail(r, _("%s(\"%s\") did not give %s"), name_fn(c), NAME, HOST_B);
	else
		check_pass(r, _("%s(\"%s\") gave %s: the record the name server has"), name_fn(c),
			   NAME, HOST_B);
}

/* The first UDP datagram to (to_server) or from the name server's port
 * before time t, or NULL. */
static const struct event *dns_before(const struct check_ctx *c, bool to_server, int64_t t)
{
	struct ev_filter f = {.src = "pkt", .port = DNS_PORT};

	for (const struct event *e = ev_first(c->s, &f); e && e->t < t; e = ev_next(c->s, &f, e))
		if (e->pkt.proto == PROTO_UDP &&
		    endpoint_port(to_server ? e->pkt.to : e->pkt.from) == DNS_PORT)
			return e;
	return NULL;
}

static void query_first(const struct check_ctx *c, struct check_result *r)
{
	const struct event *syn, *query, *answer;

	if (!check_source_ran(c, "pkt", r))
		return;
	syn = ev_first(c->s,
		       &(struct ev_filter){.src = "pkt", .port = c->facts->port, .flags = "S"});
	query = dns_before(c, true, syn ? syn->t : INT64_MAX);
	answer = query ? dns_before(c, false, syn ? syn->t : INT64_MAX) : NULL;
	check_evidence(r, query);
	check_evidence(r, answer);
	check_evidence(r, syn);
	if (!syn)
		check_fail(r, _("the client sent no SYN"));
	else if (!query)
		check_fail(r, _("no question to port %d came before the client's SYN"), DNS_PORT);
	else if (!answer || answer->t < query->t)
		check_fail(r, _("no answer from port %d came before the client's SYN"), DNS_PORT);
	else
		check_pass(r, _("the question to %s and its answer came %.1f ms before the SYN"),
			   query->pkt.to, check_ms_between(answer->t, syn->t));
}

static void connects(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = client_connect(c, 1);

	check_evidence(r, e);
	check_output_evidence(c, r, "client", "hello from host b", 1);
	if (!e || e->call.ret != 0 || !went_to(e, HOST_B))
		check_fail(r, _("the client's first connect() did not reach %s"), HOST_B);
	else if (!check_printed(c, "client", "hello from host b"))
		check_fail(r, _("the client did not get host b's greeting"));
	else
		check_pass(r,
			   _("the client connected to %s, the address it was given, and host b "
			     "greeted it"),
			   HOST_B);
}

static void stale(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e = client_connect(c, 2);
	const struct event *again = lookup(c, "client", 2);

	check_evidence(r, e);
	if (!e) {
		check_fail(r, _("the client never connected a second time"));
		return;
	}
	if (again)
		check_fail(r, _("the client looked the name up again: it was meant to keep the old "
				"address"));
	else if (!went_to(e, HOST_B) || !e->call.err || strcmp(e->call.err, "ECONNREFUSED") != 0)
		check_fail(r, _("the second connect() did not go to %s and fail with ECONNREFUSED"),
			   HOST_B);
	else
		check_pass(r,
			   _("no new lookup: the second connect() went to the old address, %s, "
			     "where nothing listens any more (ECONNREFUSED)"),
			   HOST_B);
}

static void moved(const struct check_ctx *c, struct check_result *r)
{
	const struct event *again = lookup(c, "client", 2), *e = client_connect(c, 2);

	check_evidence(r, again);
	check_evidence(r, e);
	check_output_evidence(c, r, "client", "hello from host c", 1);
	if (!again || again->call.ret != 0 || !gave(again, HOST_C))
		check_fail(r, _("the client's second lookup did not give %s"), HOST_C);
	else if (!e || e->call.ret != 0 || !went_to(e, HOST_C))
		check_fail(r, _("the client's second connect() did not reach %s"), HOST_C);
	else if (!check_printed(c, "client", "hello from host c"))
		check_fail(r, _("the client did not get host c's greeting"));
	else
		check_pass(r, _("the same program asked again, got %s and reached host c"), HOST_C);
}

static void unknown(const struct check_ctx *c, struct check_result *r)
{
	const char *want = uses_gethostbyname(c) ? "HOST_NOT_FOUND" : "EAI_NONAME";
	const struct event *e = lookup(c, "client 2", 1);

	check_evidence(r, e);
	check_output_evidence(c, r, "name server", UNKNOWN, 1);
	if (!e)
		check_fail(r, _("nobody looked %s up"), UNKNOWN);
	else if (!e->call.err || strcmp(e->call.err, want) != 0)
		check_fail(r, _("%s(\"%s\") did not fail with %s"), name_fn(c), UNKNOWN, want);
	else
		check_pass(r, _("%s(\"%s\") failed with %s: the name server said no such name"),
			   name_fn(c), UNKNOWN, want);
}

static const struct check naive_checks[] = {
	{"lookup", N_("the client's lookup of echo.lab gives 10.77.0.2"), .fn = looks_up},
	{"query-first", N_("the question to port 53 and its answer come before the SYN"),
	 .fn = query_first},
	{"connects", N_("the client reaches the server at that address"), .fn = connects},
	{"stale", N_("after the move, the address found at the start is refused"), .fn = stale},
	{"unknown", N_("a name nobody has fails by name (EAI_NONAME, HOST_NOT_FOUND)"),
	 .fn = unknown},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"lookup", N_("the client's lookup of echo.lab gives 10.77.0.2"), .fn = looks_up},
	{"query-first", N_("the question to port 53 and its answer come before the SYN"),
	 .fn = query_first},
	{"connects", N_("the client reaches the server at that address"), .fn = connects},
	{"moved", N_("after the move, the same program asks again and reaches the new address"),
	 .fn = moved},
	{"unknown", N_("a name nobody has fails by name (EAI_NONAME, HOST_NOT_FOUND)"),
	 .fn = unknown},
	{NULL},
};

static const struct lab_option names_options[] = {
	{"gethostbyname", N_("gethostbyname() (윤 chapter 8), not getaddrinfo()"), NULL},
	{NULL},
};

const struct lab lab_17 = {
	.number = 17,
	.name = "names",
	.title = N_("names and addresses: a name server, getaddrinfo, a record that changes"),
	.dir = "17-names",
	.fix = N_("look the name up again before each connection"),
	.options = names_options,
	.needs_root = true,
	.net = {.shape = LABNET_BRIDGE, .hosts = 4, .mtu = 1500, .name_server = true},
	.run = names_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};
