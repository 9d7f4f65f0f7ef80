/*
 * Lab 23 (http): what socklab runs, and the checkpoints it proves.
 *
 * Two hosts on a veth link (lib/labnet: real Ethernet frames): the server
 * runs in "b", the client in "a". The server sends its response header in
 * one write(), then waits for a line from the scenario before it sends
 * the body, in four write()s of 1000 bytes: the header is on the wire
 * and the body is not, every run. Naive: the client sends an HTTP/1.0
 * GET and takes one read() for the page; the scenario lets the body go
 * only once that client has printed what it read, so its read() returned
 * the header alone; the body then reaches a closed socket, and the
 * client's kernel answers it with RST. --fix: the client reads the header
 * to "\r\n\r\n" and the body to the server's close (HTTP/1.0), then makes
 * two HTTP/1.1 requests on one connection, each body read to its
 * Content-Length (keep-alive).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"
#include "labnet/labnet.h"

#define BODY	  4000 /* what the server sends after the header: 4 writes of 1000 */
#define RESPONSES 3    /* the fixed client's: one HTTP/1.0, two HTTP/1.1 */

/* Lets the body of response n go: waits for the server to have sent its
 * header, then types the line the server waits for. */
static int release_body(struct scenario *s, pid_t server, int n)
{
	char text[64];

	snprintf(text, sizeof(text), "response %d: header sent", n);
	if (scenario_wait_output(s, server, text, 10000) < 0)
		return -1;
	scenario_step(s, _("the server's page is ready: it sends the body of response %d"), n);
	return scenario_type(s, server, "go\n");
}

static int http_run(struct scenario *s, const struct lab_run *r)
{
	const struct labnet *net = r->net;
	char *ip = (char *)net->addr[LABNET_B];
	char port[16];
	pid_t server, client;

	snprintf(port, sizeof(port), "%d", r->port);
	scenario_step(s, _("two hosts: namespace %s (%s) and %s (%s), on one Ethernet link"),
		      net->ns[LABNET_A], net->addr[LABNET_A], net->ns[LABNET_B], ip);
	scenario_step(s,
		      _("the HTTP server listens on %s:%s; it sends each header at once, "
			"each body when the scenario says"),
		      ip, port);
	server = scenario_start_typing(s, net->ns[LABNET_B], "server", ARGV("http_server", port));
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	if (!r->fix) {
		scenario_step(s, _("the client sends GET /page HTTP/1.0 and read()s once"));
		client = scenario_start_in(s, net->ns[LABNET_A], "client",
					   ARGV("http_client", ip, port), NULL);
		if (client < 0 ||
		    scenario_wait_output(s, server, "response 1: header sent", 10000) < 0 ||
		    scenario_wait(s, client, 10000) < 0)
			return -1;
		scenario_step(s, _("the client has printed its page and closed"));
		if (release_body(s, server, 1) < 0 ||
		    scenario_wait_output(s, server, "response 1: body", 10000) < 0)
			return -1;
	} else {
		scenario_step(s, _("the client GETs /page with HTTP/1.0, then twice with HTTP/1.1 "
				   "on one connection, reading each response by its rules"));
		client = scenario_start_in(s, net->ns[LABNET_A], "client",
					   ARGV("http_client", ip, port, "fixed"), NULL);
		if (client < 0)
			return -1;
		for (int n = 1; n <= RESPONSES; n++)
			if (release_body(s, server, n) < 0)
				return -1;
		/* The server's last line comes after its last write(): the
		 * client may have its page, and have ended, before it. */
		if (scenario_wait(s, client, 10000) < 0 ||
		    scenario_wait_output(s, server, "response 3: body sent", 10000) < 0)
			return -1;
	}
	scenario_kill(s, server, SIGTERM);
	if (scenario_wait(s, server, 5000) < 0)
		return -1;
	scenario_sleep(s, 200); /* the last packets reach the capture */
	return 0;
}

/* ---- checkpoints --------------------------------------------------------- */

/* The bytes the server wrote (write() calls that succeeded). */
static long long server_wrote(const struct check_ctx *c)
{
	struct ev_filter f = {.src = "call", .fn = "write", .pid = check_pid(c, "server")};
	long long n = 0;

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		n += e->call.ret > 0 ? e->call.ret : 0;
	return n;
}

/* The client's read()s of its socket, ret > 0 (ret >= 0 with eof). */
static int client_reads(const struct check_ctx *c, const struct event **out, int max, bool eof)
{
	struct ev_filter f = {.src = "call", .fn = "read", .pid = check_pid(c, "client")};
	int n = 0;

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if (e->call.sock && (e->call.ret > 0 || (eof && e->call.ret == 0)) && n < max)
			out[n++] = e;
	return n;
}

static void one_read(const struct check_ctx *c, struct check_result *r)
{
	const struct event *reads[8];
	int n = client_reads(c, reads, 8, false);
	long long sent = server_wrote(c);

	if (n != 1) {
		check_fail(r, _("the client made %d read()s that returned bytes, not one"), n);
		return;
	}
	check_evidence(r, reads[0]);
	if (reads[0]->call.ret < sent)
		check_pass(r,
			   _("the client's one read() returned %lld bytes: the server sent %lld "
			     "(header and body)"),
			   (long long)reads[0]->call.ret, sent);
	else
		check_fail(r, _("the one read() returned all %lld bytes"), sent);
}

static void came_after(const struct check_ctx *c, struct check_result *r)
{
	const struct event *reads[1];
	struct ev_filter f = {.src = "call", .fn = "write", .pid = check_pid(c, "server")};
	long long late = 0;
	int shown = 0;

	if (client_reads(c, reads, 1, false) != 1) {
		check_fail(r, _("the client's read() returned nothing"));
		return;
	}
	f.after = reads[0]->t;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (e->call.ret <= 0)
			continue;
		if (shown++ < 2)
			check_evidence(r, e);
		late += e->call.ret;
	}
	if (late > 0)
		check_pass(r,
			   _("%lld bytes of the body were written after the client's read() "
			     "had returned"),
			   late);
	else
		check_fail(r, _("the server wrote nothing after the client's read()"));
}

static void cut_page(const struct check_ctx *c, struct check_result *r)
{
	check_output_evidence(c, r, "client", "read() returned", 1);
	if (!check_printed(c, "client", "HTTP/1.0 200 OK"))
		check_fail(r, _("the client printed no response header"));
	else if (check_printed(c, "client", "piece 1 line 01"))
		check_fail(r, _("the client printed the body"));
	else
		check_pass(r,
			   _("the client printed the header as the page, and no line of the body"));
}

/* The server's data segments to the client: their count; the first's
 * length in *first. */
static int response_segments(const struct check_ctx *c, struct check_result *r, unsigned *first,
			     long long *bytes)
{
	struct ev_filter f = {.src = "pkt", .port = c->facts->port};
	int n = 0;

	*first = 0;
	*bytes = 0;
	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e)) {
		if (endpoint_port(e->pkt.from) != c->facts->port || e->pkt.len == 0)
			continue;
		if (n == 0)
			*first = e->pkt.len;
		if (n++ < 2)
			check_evidence(r, e);
		*bytes += e->pkt.len;
	}
	return n;
}

static void segments(const struct check_ctx *c, struct check_result *r)
{
	const struct event *reads[1];
	long long bytes;
	unsigned first;
	int n;

	if (!check_source_ran(c, "pkt", r))
		return;
	n = response_segments(c, r, &first, &bytes);
	if (client_reads(c, reads, 1, false) != 1)
		check_fail(r, _("the client's read() returned nothing"));
	else if (n >= 2 && first == reads[0]->call.ret)
		check_pass(r,
			   _("the response crossed the link in %d segments: the first, "
			     "%u bytes, is what read() returned"),
			   n, first);
	else
		check_fail(r, _("%d data segments from the server, the first %u bytes"), n, first);
}

static void reset(const struct check_ctx *c, struct check_result *r)
{
	const struct event *e;

	if (!check_source_ran(c, "pkt", r))
		return;
	e = check_pkt(c, c->facts->port, false, "R", false, 0);
	if (e) {
		check_evidence(r, e);
		check_pass(r,
			   _("the body reached a closed socket: the client's host answered RST"));
	} else
		check_fail(r, _("no RST from the client's host"));
}

/* "response N: header H bytes, body B bytes (how)" of the client, and
 * the server's "response N: header sent (H bytes)" and "body sent (B
 * bytes": passes when the client took each response whole. */
static void whole(const struct check_ctx *c, struct check_result *r)
{
	const char *how[RESPONSES] = {"to the close", "Content-Length", "Content-Length"};

	check_output_evidence(c, r, "client", "response", RESPONSES);
	for (int n = 1; n <= RESPONSES; n++) {
		const char *line = strstr(check_output(c, "client"), "response ");
		const char *sline = check_output(c, "server");
		char want[128];
		int hs = -1;

		for (; line && atoi(line + 9) != n; line = strstr(line + 1, "response "))
			;
		snprintf(want, sizeof(want), "response %d: header sent (", n);
		sline = strstr(sline, want);
		if (sline)
			hs = atoi(sline + strlen(want));
		snprintf(want, sizeof(want), "response %d: header %d bytes, body %d bytes (%s)", n,
			 hs, BODY, how[n - 1]);
		if (line == NULL || strncmp(line, want, strlen(want)) != 0) {
			check_fail(r, _("response %d: the client did not print \"%s\""), n, want);
			return;
		}
	}
	check_pass(r,
		   _("the client took all %d responses whole: each header to its empty line, "
		     "each body of %d bytes"),
		   RESPONSES, BODY);
}

static void to_the_close(const struct check_ctx *c, struct check_result *r)
{
	const struct event *reads[64];
	int n = client_reads(c, reads, 64, true), eof = -1;

	for (int i = 0; i < n && eof < 0; i++)
		if (reads[i]->call.ret == 0)
			eof = i;
	if (eof < 1) {
		check_fail(r, _("no read() of the client returned 0 after bytes"));
		return;
	}
	check_evidence(r, reads[0]);
	check_evidence(r, reads[eof]);
	check_pass(r,
		   _("HTTP/1.0: %d read()s took the first response; the last returned 0, the "
		     "server's close: the page had ended"),
		   eof + 1);
}

static void keep_alive(const struct check_ctx *c, struct check_result *r)
{
	struct ev_filter fc = {.src = "call", .fn = "connect", .pid = check_pid(c, "client")};
	struct ev_filter fa = {.src = "call", .fn = "accept", .pid = check_pid(c, "server")};
	int connects = 0, accepts = 0;

	for (const struct event *e = ev_first(c->s, &fc); e; e = ev_next(c->s, &fc, e))
		connects += e->call.ret == 0;
	for (const struct event *e = ev_first(c->s, &fa); e; e = ev_next(c->s, &fa, e))
		if (e->call.ret >= 0 && accepts++ < 2)
			check_evidence(r, e);
	check_output_evidence(c, r, "server", "response 3", 1);
	if (connects == 2 && accepts == 2 && check_printed(c, "server", "response 3: body sent"))
		check_pass(r, _("three responses on two connections: the two HTTP/1.1 requests "
				"shared one (keep-alive)"));
	else
		check_fail(r, _("%d connect()s and %d accept()s for %d responses"), connects,
			   accepts, RESPONSES);
}

static void fixed_segments(const struct check_ctx *c, struct check_result *r)
{
	long long bytes;
	unsigned first;
	int n;

	if (!check_source_ran(c, "pkt", r))
		return;
	n = response_segments(c, r, &first, &bytes);
	if (n >= 2 * RESPONSES && bytes == server_wrote(c))
		check_pass(r, _("the %lld bytes the server wrote crossed the link in %d segments"),
			   bytes, n);
	else
		check_fail(r, _("%d data segments carrying %lld bytes; the server wrote %lld"), n,
			   bytes, server_wrote(c));
}

static const struct check naive_checks[] = {
	{"one-read", N_("one read() returns less than the response"), .fn = one_read},
	{"after", N_("the body is written after that read() returned"), .fn = came_after},
	{"cut-page", N_("the client prints the header as the page"), .fn = cut_page},
	{"segments", N_("the first segment of the response is what read() returned"),
	 .fn = segments},
	{"rst", N_("the body reaches a closed socket: RST"), .fn = reset},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"whole", N_("every response is read whole: header to \\r\\n\\r\\n, then the body"),
	 .fn = whole},
	{"to-close", N_("HTTP/1.0: the body ends at the server's close (read() returns 0)"),
	 .fn = to_the_close},
	{"keep-alive", N_("HTTP/1.1: two responses on one connection, ended by Content-Length"),
	 .fn = keep_alive},
	{"segments", N_("every byte the server wrote crossed the link"), .fn = fixed_segments},
	{NULL},
};

const struct lab lab_23 = {
	.number = 23,
	.name = "http",
	.title = N_("A raw HTTP GET: one read() is not the page"),
	.dir = "23-http",
	.fix = N_("the header read to \\r\\n\\r\\n, the body to the close (1.0) or Content-Length "
		  "(1.1)"),
	.needs_root = true,
	.net = {.shape = LABNET_PAIR, .mtu = 1500},
	.run = http_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};
