/*
 * Lab 20 (protocol): what socklab runs, and the checkpoints it proves.
 *
 * 001's file service over a protocol of its own (proto.h): a header of a
 * code and a size, then a body of that size; the receiver cuts each
 * message out of the stream (끊어낸다). The server serves one client at
 * a time. Naive: an honest client is served; then a liar says its body is
 * 4294967040 bytes and sends 4, and the server, believing it, waits in
 * recv() for the rest -- for ever: the next honest client connects (the
 * kernel queues it), asks, and waits too. The scenario moves on only when
 * /proc shows each of them blocked in recv(). --fix: the server checks
 * the header first; the liar, and a client that sends a server's code,
 * get CMD_ERROR and are closed; the next client is served.
 *
 * --peek: the client sends 3 bytes of its first header, and the rest only
 * once the server's MSG_PEEK has seen them twice and waits (MSG_WAITALL).
 * --leftover: two requests in one send(), one segment; a reader that
 * reads all it can cuts out the first and keeps the second.
 * --hash: two files, each after its SHA-256; the second damaged on the
 * way, which the client's check catches.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "base/jobj.h"
#include "lab/lab.h"
#include "lab/labkit.h"
#include "session/evbytes.h"

#define HERE "127.0.0.1"
#define HINT N_("lab 20 (protocol)")
#define LIE  "4294967040"

/* A step a checkpoint finds by its text (lab_step_time). */
#define STEP_STUCK N_("the server waits in recv() for the liar's body")

/* ---- the scenarios ---------------------------------------------------------- */

static pid_t server_start(struct scenario *s, const struct lab_run *r, char *port, char *mode)
{
	pid_t pid = scenario_start(s, "server", ARGV("file_server", port, mode), NULL);

	return pid < 0 || scenario_wait_listen(s, r->port, 5000) < 0 ? -1 : pid;
}

/* Starts a program that runs and ends, and waits for its end. */
static int one(struct scenario *s, const char *role, char *const argv[])
{
	pid_t pid = scenario_start(s, role, argv, NULL);

	return pid < 0 ? -1 : scenario_wait(s, pid, 5000);
}

static int stop(struct scenario *s, pid_t pid)
{
	scenario_kill(s, pid, SIGTERM);
	return scenario_wait(s, pid, 5000);
}

static int naive(struct scenario *s, pid_t server, char *port)
{
	pid_t liar, next;

	scenario_step(s, _("the liar sends CMD_GET_FILE with size %s, and 4 bytes"), LIE);
	liar = scenario_start(s, "liar", ARGV("liar", HERE, port, "size"), NULL);
	if (liar < 0 || scenario_wait_output(s, server, "reading a body of " LIE, 5000) < 0 ||
	    scenario_wait_blocked(s, server, "recv", 1, 5000) < 0)
		return -1;
	scenario_step(s, _(STEP_STUCK));
	scenario_step(s, _("client 2 connects and asks for the list"));
	next = scenario_start(s, "client 2", ARGV("file_client", HERE, port), NULL);
	if (next < 0 || scenario_wait_blocked(s, next, "recv", 1, 5000) < 0)
		return -1;
	scenario_step(s, _("client 2 waits in recv() too: nobody reads its request"));
	/* The server first: once the liar is gone, its recv() would return. */
	if (stop(s, server) < 0 || stop(s, next) < 0)
		return -1;
	return stop(s, liar);
}

static int fixed(struct scenario *s, pid_t server, char *port)
{
	scenario_step(s, _("the liar sends CMD_GET_FILE with size %s, and 4 bytes"), LIE);
	if (one(s, "liar", ARGV("liar", HERE, port, "size")) < 0)
		return -1;
	scenario_step(s, _("another liar sends code 200, a code only the server sends"));
	if (one(s, "liar 2", ARGV("liar", HERE, port, "code")) < 0)
		return -1;
	scenario_step(s, _("client 2 connects and asks for the list"));
	if (one(s, "client 2", ARGV("file_client", HERE, port)) < 0)
		return -1;
	return stop(s, server);
}

static int peek(struct scenario *s, pid_t server, char *port)
{
	pid_t client;

	scenario_step(s, _("the client sends 3 bytes of its 8-byte header"));
	client = scenario_start_typing(s, NULL, "client", ARGV("file_client", HERE, port, "peek"));
	if (client < 0 || scenario_wait_output(s, server, "peek again", 5000) < 0 ||
	    scenario_wait_blocked(s, server, "recv", 1, 5000) < 0)
		return -1;
	scenario_step(s,
		      _("the server peeked twice and waits (MSG_WAITALL); the other 5 bytes go"));
	if (scenario_type(s, client, "go\n") < 0 || scenario_wait(s, client, 5000) < 0)
		return -1;
	return stop(s, server);
}

static int protocol_run(struct scenario *s, const struct lab_run *r)
{
	char port[16];
	char *mode = r->fix ? "fix" : NULL;
	pid_t server;

	snprintf(port, sizeof(port), "%d", r->port);
	if (lab_option(r, "peek"))
		mode = "peek";
	else if (lab_option(r, "leftover"))
		mode = "leftover";
	else if (lab_option(r, "hash"))
		mode = "hash";
	if (r->fix)
		scenario_step(s, _("start the file server on port %s, checking every header"),
			      port);
	else
		scenario_step(s, _("start the file server on port %s"), port);
	if ((server = server_start(s, r, port, mode)) < 0)
		return -1;
	if (lab_option(r, "peek"))
		return peek(s, server, port);
	scenario_step(s, _("a client asks for the list, then for a file"));
	if (one(s, "client", ARGV("file_client", HERE, port, mode && !r->fix ? mode : NULL)) < 0)
		return -1;
	if (lab_option(r, "leftover") || lab_option(r, "hash"))
		return stop(s, server);
	return r->fix ? fixed(s, server, port) : naive(s, server, port);
}

/* ---- what the calls and the packets say ------------------------------------ */

/* role's calls of fn that returned more than 0, the nth from 1, or NULL. */
static const struct event *data_call(const struct check_ctx *c, const char *role, const char *fn,
				     int nth)
{
	struct ev_filter f = {.src = "call", .fn = fn, .pid = check_pid(c, role)};

	if (f.pid < 0)
		return NULL;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->call.ret > 0 && --nth == 0)
			return e;
	return NULL;
}

/* True when call e was given the flag ("MSG_PEEK"). */
static bool has_flag(const struct event *e, const char *flag)
{
	struct jobj o;
	const char *flags;
	bool has;

	event_fields(e, &o);
	flags = jobj_str(&o, "flags");
	has = flags && strstr(flags, flag);
	jobj_free(&o);
	return has;
}

/* The first data segment sent to (!from) or from the server's port whose
 * payload starts with the n bytes of want, or NULL. */
static const struct event *segment(const struct check_ctx *c, bool from, const uint8_t *want,
				   size_t n)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	uint8_t b[DATA_BYTES_MAX];

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if ((endpoint_port(from ? e->pkt.from : e->pkt.to) == c->facts->port) &&
		    event_bytes(e, b, sizeof(b)) >= n && memcmp(b, want, n) == 0)
			return e;
	return NULL;
}

/* ---- every run: the protocol works ------------------------------------------ */

/* A role ("client", "liar 2"), which names a program in the session, as
 * the reader's language names it in a sentence. */
static const char *named(const char *role)
{
	static const char *const roles[][2] = {
		{"client", N_("client")},
		{"client 2", N_("client 2")},
		{"liar", N_("liar")},
		{"liar 2", N_("liar 2")},
	};

	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcmp(role, roles[i][0]) == 0)
			return _(roles[i][1]);
	return role;
}

static void served(const struct check_ctx *c, struct check_result *r, const char *role)
{
	bool list = check_output_evidence(c, r, role, "list: 0 notes.txt", 1);
	bool file = check_output_evidence(c, r, role, "file 0: 3000 bytes", 1);

	if (list && file)
		check_pass(r, _("%s got the list of files, then file 0, 3000 bytes"), named(role));
	else if (list)
		check_fail(r, _("%s did not get file 0"), named(role));
	else
		check_fail(r, _("%s did not get the list"), named(role));
}

static void client_served(const struct check_ctx *c, struct check_result *r)
{
	served(c, r, "client");
}

static void header_on_wire(const struct check_ctx *c, struct check_result *r)
{
	/* CMD_GET_LIST (100 = 0x64) and size 0, big-endian: 001's "64". */
	static const uint8_t get_list[8] = {0, 0, 0, 0x64, 0, 0, 0, 0};
	const struct event *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	e = segment(c, false, get_list, sizeof(get_list));
	check_evidence(r, e);
	if (!e)
		check_fail(r, _("no segment to the server began with 00 00 00 64 00 00 00 00"));
	else
		check_pass(r,
			   _("on the wire, the request's header: 00 00 00 64 (code 100, "
			     "CMD_GET_LIST) 00 00 00 00 (size 0), in %u bytes"),
			   e->pkt.len);
}

/* ---- the naive run ------------------------------------------------------------ */

static void trusts_length(const struct check_ctx *c, struct check_result *r)
{
	const struct event *sent = data_call(c, "liar", "send", 1);

	check_evidence(r, sent);
	check_output_evidence(c, r, "server", "request: code 101, size " LIE, 1);
	if (!sent || sent->call.ret != 12)
		check_fail(r, _("the liar did not send a header and 4 bytes"));
	else if (!check_output_evidence(c, r, "server", "reading a body of " LIE " bytes", 1))
		check_fail(r, _("the server did not set out to read %s bytes"), LIE);
	else
		check_pass(r,
			   _("the liar sent 12 bytes, a header saying %s and 4 more; the server "
			     "set "
			     "out to read %s bytes"),
			   LIE, LIE);
}

static void stuck(const struct check_ctx *c, struct check_result *r)
{
	int64_t t = lab_step_time(c, STEP_STUCK);
	pid_t pid = check_pid(c, "server");
	const char *lie = strstr(check_output(c, "server"), "reading a body of " LIE);
	const struct event *sent = data_call(c, "liar", "send", 1);

	/* The last bytes the server took: the liar's 4. */
	check_evidence(r, sent ? ev_last(c->s, &(struct ev_filter){.src = "call",
								   .fn = "recv",
								   .pid = pid,
								   .after = sent->t})
			       : NULL);
	check_evidence(r, ev_last(c->s,
				  &(struct ev_filter){.src = "proc", .fn = "blocked", .pid = pid}));
	check_output_evidence(c, r, "liar", "sent: code 101", 1);
	if (t >= c->t_end || !lie)
		check_fail(r, _("the server was never seen blocked in recv() after the lie"));
	else if (strstr(lie, "client done") || check_printed(c, "liar", "the server answered"))
		check_fail(r, _("the server was done with the liar, or answered it"));
	else
		check_pass(r,
			   _("the server waited in recv() for the %s bytes that never come, and "
			     "never left it: the liar got no answer"),
			   LIE);
}

static void starved(const struct check_ctx *c, struct check_result *r)
{
	pid_t pid = check_pid(c, "client 2");
	const struct event *conn =
		pid < 0 ? NULL
			: ev_first(c->s,
				   &(struct ev_filter){.src = "call", .fn = "connect", .pid = pid});
	const struct event *req = data_call(c, "client 2", "send", 1);
	struct ev_filter fa = {.src = "call", .fn = "accept", .pid = check_pid(c, "server")};
	size_t accepts = fa.pid < 0 ? 0 : ev_count(c->s, &fa);

	check_evidence(r, conn);
	check_evidence(r, req);
	if (!conn || conn->call.ret != 0)
		check_fail(r, _("client 2 did not connect"));
	else if (!req)
		check_fail(r, _("client 2 did not send its request"));
	else if (check_printed(c, "client 2", "list:"))
		check_fail(r, _("client 2 was served"));
	else if (accepts != 2)
		check_fail(r, _("the server accepted %zu connections, not 2"), accepts);
	else
		check_pass(r,
			   _("client 2 connected (the kernel queued it) and asked, but the server "
			     "never accepted it: one lie stopped the service for everyone"));
}

/* ---- --fix -------------------------------------------------------------------- */

static void refused(const struct check_ctx *c, struct check_result *r, const char *role,
		    const char *said, const char *why)
{
	char want[96];

	snprintf(want, sizeof(want), "the server answered CMD_ERROR %s", said);
	check_output_evidence(c, r, "server", why, 1);
	if (!check_output_evidence(c, r, role, want, 1))
		check_fail(r, _("%s was not answered with CMD_ERROR %s"), named(role), said);
	else if (!check_output_evidence(c, r, role, "the server closed the connection", 1))
		check_fail(r, _("the server did not close %s's connection"), named(role));
	else
		check_pass(r, _("%s got CMD_ERROR %s, and the server closed its connection"),
			   named(role), said);
}

static void refuses_length(const struct check_ctx *c, struct check_result *r)
{
	refused(c, r, "liar", "1: too long", "refused: size over 4096");
}

static void refuses_code(const struct check_ctx *c, struct check_result *r)
{
	refused(c, r, "liar 2", "2: not a request", "refused: not a request");
}

static void next_served(const struct check_ctx *c, struct check_result *r)
{
	served(c, r, "client 2");
}

static void error_on_wire(const struct check_ctx *c, struct check_result *r)
{
	/* CMD_ERROR (50 = 0x32), then the size, then error 1. */
	static const uint8_t error[4] = {0, 0, 0, 0x32};
	const struct event *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	e = segment(c, true, error, sizeof(error));
	check_evidence(r, e);
	if (!e)
		check_fail(r, _("no segment from the server began with 00 00 00 32 (CMD_ERROR)"));
	else
		check_pass(r,
			   _("on the wire, the server's answer begins 00 00 00 32: CMD_ERROR, 50"));
}

/* ---- --peek -------------------------------------------------------------------- */

static void peek_partial(const struct check_ctx *c, struct check_result *r)
{
	const struct event *p1 = data_call(c, "server", "recv", 1);
	const struct event *p2 = data_call(c, "server", "recv", 2);
	uint8_t a[8], b[8];

	check_evidence(r, p1);
	check_evidence(r, p2);
	if (!p1 || !p2 || !has_flag(p1, "MSG_PEEK") || !has_flag(p2, "MSG_PEEK"))
		check_fail(r, _("the server's first two recv()s were not MSG_PEEK"));
	else if (p1->call.ret != 3 || p2->call.ret != 3)
		check_fail(r, _("the peeks returned %lld and %lld bytes, not 3 and 3"),
			   (long long)p1->call.ret, (long long)p2->call.ret);
	else if (event_bytes(p1, a, 8) != 3 || event_bytes(p2, b, 8) != 3 || memcmp(a, b, 3) != 0)
		check_fail(r, _("the two peeks did not return the same bytes"));
	else
		check_pass(r, _("recv(MSG_PEEK) returned 3 of the 8 bytes asked, twice, the same "
				"3 bytes: a peek looks and leaves them"));
}

static void peek_waitall(const struct check_ctx *c, struct check_result *r)
{
	const struct event *p = data_call(c, "server", "recv", 3);
	const struct event *take = data_call(c, "server", "recv", 4);
	uint8_t a[8], b[8];

	check_evidence(r, p);
	check_evidence(r, take);
	if (!p || !has_flag(p, "MSG_PEEK") || !has_flag(p, "MSG_WAITALL") || p->call.ret != 8)
		check_fail(r, _("the third recv() was not MSG_PEEK|MSG_WAITALL returning 8"));
	else if (!take || has_flag(take, "MSG_PEEK") || take->call.ret != 8)
		check_fail(r, _("the server did not then take the 8 bytes with a plain recv()"));
	else if (event_bytes(p, a, 8) != 8 || event_bytes(take, b, 8) != 8 || memcmp(a, b, 8) != 0)
		check_fail(r, _("the bytes taken were not the bytes peeked"));
	else
		check_pass(r,
			   _("MSG_PEEK|MSG_WAITALL waited for all 8 bytes and left them; the plain "
			     "recv() after it took the same 8"));
}

static void header_split(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	const struct event *three = NULL, *five = NULL;

	if (!check_source_ran(c, "pkt", r))
		return;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (endpoint_port(e->pkt.to) != c->facts->port || e->pkt.len == 0)
			continue;
		if (!three && e->pkt.len == 3)
			three = e;
		else if (three && !five)
			five = e;
	}
	check_evidence(r, three);
	check_evidence(r, five);
	if (!three || !five || five->pkt.len != 5)
		check_fail(r, _("the header did not cross as 3 bytes, then 5"));
	else
		check_pass(r,
			   _("on the wire, the header crossed in two segments: 3 bytes, then 5"));
}

/* ---- --leftover ---------------------------------------------------------------- */

static void two_in_one_segment(const struct check_ctx *c, struct check_result *r)
{
	static const uint8_t two[20] = {0, 0,	 0, 0x64, 0, 0, 0, 0, 0, 0,
					0, 0x65, 0, 0,	  0, 4, 0, 0, 0, 0};
	const struct event *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	e = segment(c, false, two, sizeof(two));
	check_evidence(r, e);
	if (!e || e->pkt.len != 20)
		check_fail(r, _("no segment of 20 bytes carried both requests"));
	else
		check_pass(r,
			   _("one segment of 20 bytes carried both requests: CMD_GET_LIST (8) and "
			     "CMD_GET_FILE with its index (12)"));
}

static void kept(const struct check_ctx *c, struct check_result *r)
{
	const struct event *one = data_call(c, "server", "recv", 1);
	const struct event *more = data_call(c, "server", "recv", 2);
	struct ev_filter fs = {.src = "call", .fn = "send", .pid = check_pid(c, "server")};
	const struct event *file = fs.pid < 0 ? NULL : ev_nth(c->s, &fs, 2);

	check_evidence(r, one);
	check_evidence(r, file);
	check_output_evidence(c, r, "server", "12 bytes left over", 1);
	if (!one || one->call.ret != 20)
		check_fail(r,
			   _("the server's first recv() did not return both requests (20 bytes)"));
	else if (!file || (more && more->t < file->t))
		check_fail(r, _("the server recv()d again before it answered the second request"));
	else if (!check_printed(c, "server", "12 bytes left over: kept"))
		check_fail(r, _("the server did not keep the 12 bytes after the first request"));
	else
		check_pass(r,
			   _("one recv() returned 20 bytes, two requests; the server answered the "
			     "first, kept the other 12 bytes, and answered them with no recv()"));
}

/* ---- --hash -------------------------------------------------------------------- */

static void hash_ok(const struct check_ctx *c, struct check_result *r)
{
	if (check_output_evidence(c, r, "client", "file 0: 3000 bytes, sha256 ", 1) &&
	    check_printed(c, "client", ": ok\nfile 1"))
		check_pass(r, _("file 0's SHA-256, computed by the client, is the one the server "
				"sent before it"));
	else
		check_fail(r, _("the client did not find file 0's SHA-256 right"));
}

static void hash_catches(const struct check_ctx *c, struct check_result *r)
{
	check_output_evidence(c, r, "server", "one bit of byte 1000 changed", 1);
	if (check_output_evidence(c, r, "client", "MISMATCH", 1) &&
	    check_printed(c, "client", "file 1: 3000 bytes, sha256 "))
		check_pass(r,
			   _("one bit changed in file 1, and the client's SHA-256 of it no longer "
			     "matched: it discarded the file"));
	else
		check_fail(r, _("the client did not catch file 1's damage"));
}

/* ---- the lists ------------------------------------------------------------------ */

static const struct check naive_checks[] = {
	{"served", N_("an honest client is served: the list, then a file"), HINT, client_served},
	{"header-on-wire", N_("the request's 8-byte header on the wire: 00 00 00 64 00 00 00 00"),
	 HINT, header_on_wire},
	{"trusts-length", N_("the server believes the liar's size of 4294967040"), HINT,
	 trusts_length},
	{"stuck", N_("the server waits in recv() for bytes that never come"), HINT, stuck},
	{"starved", N_("the next client is never served"), HINT, starved},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"served", N_("an honest client is served: the list, then a file"), HINT, client_served},
	{"refuses-length", N_("a size over 4096: CMD_ERROR, and closed"), HINT, refuses_length},
	{"refuses-code", N_("a code that is not a request: CMD_ERROR, and closed"), HINT,
	 refuses_code},
	{"error-on-wire", N_("the CMD_ERROR header on the wire: 00 00 00 32"), HINT, error_on_wire},
	{"next-served", N_("the next client is served"), HINT, next_served},
	{NULL},
};

static const struct check peek_checks[] = {
	{"peek-partial", N_("MSG_PEEK returns the 3 bytes there, twice: it takes nothing"), HINT,
	 peek_partial},
	{"peek-waitall", N_("MSG_PEEK|MSG_WAITALL waits for 8; the plain recv() takes them"), HINT,
	 peek_waitall},
	{"header-split", N_("the header crossed as 3 bytes, then 5"), HINT, header_split},
	{"served", N_("the client is served"), HINT, client_served},
	{NULL},
};

static const struct check leftover_checks[] = {
	{"one-segment", N_("two requests in one segment of 20 bytes"), HINT, two_in_one_segment},
	{"kept", N_("one recv() returns both; the rest is kept for the next"), HINT, kept},
	{"served", N_("the client is served"), HINT, client_served},
	{NULL},
};

static const struct check hash_checks[] = {
	{"hash-ok", N_("file 0's SHA-256 matches"), HINT, hash_ok},
	{"hash-catches", N_("file 1, damaged, fails its SHA-256"), HINT, hash_catches},
	{NULL},
};

static const struct lab_option protocol_options[] = {
	{"peek", N_("MSG_PEEK looks at a header that is not all there, without taking it"),
	 peek_checks},
	{"leftover", N_("two requests in one recv(): the reader keeps the rest for the next"),
	 leftover_checks},
	{"hash", N_("a file with its SHA-256, which the receiver checks"), hash_checks},
	{NULL},
};

static const struct lab_option_fix protocol_option_fixes[] = {
	{"peek", NULL, N_("it shows MSG_PEEK, which has nothing to fix")},
	{"leftover", NULL, N_("its reader is the careful one already")},
	{"hash", NULL, N_("its check is the fix: it catches the damage")},
	{NULL},
};

const struct lab lab_20 = {
	.number = 20,
	.name = "protocol",
	.title = N_("a protocol of request codes and lengths: a liar, MSG_PEEK, the rest, a hash"),
	.dir = "20-protocol",
	.fix = N_("the server checks each header's code and size, answers CMD_ERROR and closes"),
	.options = protocol_options,
	.option_fixes = protocol_option_fixes,
	.run = protocol_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};
