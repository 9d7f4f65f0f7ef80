/*
 * file-transfer: a file server that half-closes, `prog PORT FILE`.
 *
 * For each client the program sends FILE's bytes, half-closes
 * (shutdown(SHUT_WR): its FIN is the client's end of file), reads the
 * client's reply until the client closes, prints it, closes, and serves
 * the next client. The run, in one session:
 *   1. "files": socklab's driver writes the three files into the
 *      submission's folder (small.txt, binary.bin of 1 MiB, empty.txt), in
 *      the sandbox, as its user: the folder is the student's;
 *   2. "server (small)" serves small.txt to "client (small)", then to
 *      "client (again)", a second client after the first has left;
 *   3. "server (binary)" serves binary.bin to "client (binary)";
 *   4. "server (empty)" serves empty.txt to "client (empty)".
 * Each client reads until the server's FIN, checks the bytes, replies
 * "thank you for NAME", half-closes, and waits for the server to close.
 * A mark is set for each client that connected: the checks judge only
 * the connections that were made.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "assignment.h"

#define FILES_DIR "socklab-files"

enum { MARK_SMALL, MARK_AGAIN, MARK_BINARY, MARK_EMPTY };

struct part {
	const char *kind;   /* the driver's name of the file: small, binary, empty */
	const char *file;   /* in FILES_DIR */
	const char *server; /* the role of the server it starts, or NULL: the last one */
	const char *client;
	const char *reply;
	int mark;
};

static const struct part parts[] = {
	{"small", "small.txt", "server (small)", "client (small)", "thank you for small.txt\n",
	 MARK_SMALL},
	{"small", "small.txt", NULL, "client (again)", "thank you again for small.txt\n",
	 MARK_AGAIN},
	{"binary", "binary.bin", "server (binary)", "client (binary)", "thank you for binary.bin\n",
	 MARK_BINARY},
	{"empty", "empty.txt", "server (empty)", "client (empty)", "thank you for empty.txt\n",
	 MARK_EMPTY},
};
#define NPARTS ((int)(sizeof(parts) / sizeof(parts[0])))

/* The parts whose bytes the check "bytes" judges: one per file. */
static const int file_parts[] = {0, 2, 3};

/* ---- the run ---------------------------------------------------------------- */

/* The server that serves part i: its own, or the one before. */
static const char *server_of(int i)
{
	while (i > 0 && !parts[i].server)
		i--;
	return parts[i].server;
}

static int write_files(struct grade_run *g, char *dir, size_t cap)
{
	pid_t files;

	snprintf(dir, cap, "%s/%s", g->workdir ? g->workdir : ".", FILES_DIR);
	scenario_step(g->s, "socklab writes the files the server will send: small.txt, binary.bin "
			    "(1 MiB), empty.txt");
	/* As the sandbox's user, in its view: the folder is the student's, and
	 * so may be every name in it (a link to a root file, say). */
	files = grade_start_driver_in_sandbox(g, "files", ARGV("file_client", "write", dir), NULL);
	return files < 0 ? -1 : grade_wait(g, files, GRADE_DRIVER_MS);
}

/* Ends a server that is still serving (a correct one never stops). */
static int stop_server(struct grade_run *g, pid_t server)
{
	scenario_kill(g->s, -server, SIGTERM);
	return grade_wait(g, server, GRADE_LISTEN_MS);
}

/* One client of part p, against the server already listening. */
static int serve_client(struct grade_run *g, const struct part *p)
{
	pid_t client;

	client = grade_start_driver(g, p->client,
				    ARGV("file_client", "get", (char *)p->kind, g->ip, g->port_str,
					 (char *)p->reply),
				    NULL);
	if (client < 0)
		return -1;
	if (grade_wait_output(g, client, "connected", GRADE_LISTEN_MS) == 0)
		grade_mark(g, p->mark);
	return grade_wait(g, client, GRADE_DRIVER_MS);
}

static int file_transfer_run(struct grade_run *g)
{
	char dir[4096], path[4200];
	pid_t server = -1;

	if (write_files(g, dir, sizeof(dir)) < 0)
		return -1;
	for (int i = 0; i < NPARTS; i++) {
		const struct part *p = &parts[i];

		if (p->server) {
			if (server > 0 && stop_server(g, server) < 0)
				return -1;
			snprintf(path, sizeof(path), "%s/%s", dir, p->file);
			g->file = path;
			scenario_step(g->s, "start the server on port %d, to send %s", g->port,
				      p->file);
			server = grade_start_program(g, p->server, 0, NULL);
			if (server < 0 || grade_wait_listen(g, server, g->port, 0) < 0)
				return -1;
		}
		scenario_step(g->s, "%s: receives %s until the server's FIN, replies, half-closes",
			      p->client, p->file);
		if (serve_client(g, p) < 0)
			return -1;
	}
	g->file = NULL;
	return server > 0 ? stop_server(g, server) : 0;
}

/* ---- what a client saw ---------------------------------------------------- */

/* The driver's findings for a file: "small: 40 of 151 bytes came ...". */
struct seen {
	long got, size;
	bool exact, no_fin, differs, connected, replied;
};

static void client_saw(const struct check_ctx *c, const struct part *p, struct seen *s)
{
	const char *out = check_output(c, p->client), *line;
	char prefix[32];

	memset(s, 0, sizeof(*s));
	s->got = s->size = -1;
	snprintf(prefix, sizeof(prefix), "%s: ", p->kind);
	if ((line = strstr(out, prefix)))
		sscanf(line + strlen(prefix), "%ld of %ld", &s->got, &s->size);
	s->exact = check_printed(c, p->client, "came, exactly");
	s->no_fin = check_printed(c, p->client, "no FIN came");
	s->differs = check_printed(c, p->client, "differs");
	s->connected = check_printed(c, p->client, "connected");
	s->replied = check_printed(c, p->client, "replied: ");
}

static bool is_read(const char *fn)
{
	return fn && (strncmp(fn, "read", 4) == 0 || strncmp(fn, "recv", 4) == 0);
}

/* ---- bytes -------------------------------------------------------------------- */

static void say_bytes_wrong(const struct check_ctx *c, struct check_result *r, const struct part *p,
			    const struct seen *s)
{
	if (!s->connected)
		check_fail(r, "%s could not connect%s%s", p->client, run_trouble(c) ? ": " : "",
			   run_trouble(c) ? run_trouble(c) : "");
	else if (s->no_fin)
		check_fail(r,
			   "%s never reached the end of %s: %ld of its %ld bytes came, and then no "
			   "FIN. The file's end is the server's FIN: after the last byte, "
			   "shutdown(sock, SHUT_WR)",
			   p->kind, p->file, s->got, s->size);
	else if (s->differs)
		check_fail(r,
			   "%s arrived changed. Send the bytes as they were read from the file "
			   "(opened in binary), and only as many as were read",
			   p->file);
	else if (s->got >= 0 && s->got < s->size)
		check_fail(r,
			   "%s arrived short: %ld of %ld bytes. write() may send fewer bytes than "
			   "asked, and one read() of a file may return less than the file: loop "
			   "until every byte is read and sent",
			   p->file, s->got, s->size);
	else
		check_fail(r, "%s did not arrive as it is%s%s", p->file, run_trouble(c) ? ": " : "",
			   run_trouble(c) ? run_trouble(c) : "");
}

static void bytes(const struct check_ctx *c, struct check_result *r)
{
	struct seen s;
	size_t n = sizeof(file_parts) / sizeof(file_parts[0]);

	for (size_t k = 0; k < n; k++)
		if (!need_ran(c, r, parts[file_parts[k]].client) ||
		    !need_connected(c, r, parts[file_parts[k]].client))
			return;
	for (size_t k = 0; k < n; k++) {
		const struct part *p = &parts[file_parts[k]];

		client_saw(c, p, &s);
		if (!s.exact) {
			check_output_evidence(c, r, p->client, NULL, 3);
			say_bytes_wrong(c, r, p, &s);
			return;
		}
	}
	for (size_t k = 0; k < n; k++)
		check_output_evidence(c, r, parts[file_parts[k]].client, "came, exactly", 1);
	check_pass(r, "small.txt, the 1 MiB binary.bin and the empty empty.txt each arrived "
		      "exactly, ended by the server's FIN");
}

/* ---- half-close --------------------------------------------------------------- */

/* What the server did on one connection. */
struct ending {
	const struct event *shut;  /* its shutdown(SHUT_WR) */
	const struct event *close; /* its first close() */
	const struct event *reply; /* its first read of bytes after the shutdown */
	const struct event *rst;   /* an RST on the connection (packets) */
	const struct event *fin;   /* the server's FIN (packets) */
	const struct event *data;  /* the client's reply (packets) */
};

static void server_ending(const struct check_ctx *c, const char *server, int port, struct ending *e)
{
	struct ev_filter f = {.src = "call", .sock = server};
	struct ev_filter pf = {.src = "pkt", .port = port};
	const struct event *x = NULL;

	memset(e, 0, sizeof(*e));
	while ((x = ev_next(c->s, &f, x))) {
		if (!e->shut && strcmp(x->call.fn, "shutdown") == 0 && x->call.ret == 0 &&
		    x->call.how && strcmp(x->call.how, "SHUT_RD") != 0)
			e->shut = x;
		else if (!e->close && strcmp(x->call.fn, "close") == 0)
			e->close = x;
		else if (!e->reply && e->shut && is_read(x->call.fn) && x->call.ret > 0)
			e->reply = x;
	}
	/* The connection's packets: its two ends are the server's socket. */
	for (x = NULL; (x = ev_next(c->s, &pf, x));) {
		bool from_server = endpoint_pair_local_port(server) == endpoint_port(x->pkt.from) &&
				   endpoint_pair_peer_port(server) == endpoint_port(x->pkt.to);
		bool to_server = endpoint_pair_local_port(server) == endpoint_port(x->pkt.to) &&
				 endpoint_pair_peer_port(server) == endpoint_port(x->pkt.from);

		if (!from_server && !to_server)
			continue;
		if (!e->rst && (x->pkt.flags & TCPF_RST))
			e->rst = x;
		if (!e->fin && from_server && (x->pkt.flags & TCPF_FIN))
			e->fin = x;
		if (!e->data && to_server && e->fin && x->pkt.len > 0)
			e->data = x;
	}
}

/* Judges one connection, whose ending it fills; fails r and returns
 * false when it was wrong. */
static bool half_closed(const struct check_ctx *c, struct check_result *r, const struct part *p,
			const char *client, const char *server, struct ending *out)
{
	const struct event *gave_up;
	struct ending e;

	server_ending(c, server, c->facts->port, &e);
	*out = e;
	/* The client's own close() before the server's: it stopped waiting. */
	gave_up = ev_first(c->s, &(struct ev_filter){.src = "call", .fn = "close", .sock = client});
	if (gave_up && e.close && gave_up->t > e.close->t)
		gave_up = NULL;
	if (e.shut && e.reply && !e.rst)
		return true;
	check_evidence(r, e.shut);
	check_evidence(r, e.close);
	check_evidence(r, e.fin);
	check_evidence(r, e.data);
	check_evidence(r, e.rst);
	check_output_evidence(c, r, p->client, NULL, 3);
	if (!e.shut && e.close && e.rst)
		check_fail(r,
			   "the server close()d the connection to %s after the file, instead of "
			   "shutdown(SHUT_WR): close() ends both streams, so the reply came to a "
			   "closed socket, and its kernel answered with an RST. The reply was lost",
			   p->client);
	else if (!e.shut && (gave_up || !e.close))
		check_fail(r,
			   "the server never half-closed the connection to %s: the client read "
			   "until EOF, waiting for a FIN that never came, while the server waited "
			   "for the reply. After the file, shutdown(sock, SHUT_WR)",
			   p->client);
	else if (!e.shut)
		check_fail(r,
			   "the server close()d the connection to %s instead of half-closing it "
			   "with shutdown(SHUT_WR): it could no longer read the reply",
			   p->client);
	else if (!e.reply)
		check_fail(r, "the server half-closed, but never read the reply of %s", p->client);
	else
		check_fail(r,
			   "an RST crossed the connection to %s: the reply was not read whole "
			   "before close()",
			   p->client);
	return false;
}

static void half_close(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	struct ending e, first = {0};
	int judged = 0;

	if (!need_ran(c, r, parts[0].client) || !need_connected(c, r, parts[0].client))
		return;
	for (int i = 0; i < NPARTS; i++) {
		if (!check_connection(c, parts[i].client, client, server, sizeof(client)))
			continue;
		if (!half_closed(c, r, &parts[i], client, server, &e))
			return;
		if (judged++ == 0)
			first = e;
	}
	if (!need(c, r, judged > 0, "no connection of a client was traced"))
		return;
	check_evidence(r, first.shut);
	check_evidence(r, first.fin);
	check_evidence(r, first.data);
	check_evidence(r, first.reply);
	check_pass(r,
		   "on each of the %d connections the server half-closed (shutdown(SHUT_WR)), "
		   "then read the client's reply: no RST",
		   judged);
}

/* ---- reply ---------------------------------------------------------------------- */

/* The server's read of the reply on part p's connection, or NULL. */
static const struct event *reply_read(const struct check_ctx *c, const struct part *p)
{
	char client[128], server[128];
	struct ending e;

	if (!check_connection(c, p->client, client, server, sizeof(client)))
		return NULL;
	server_ending(c, server, c->facts->port, &e);
	return e.reply;
}

static void say_reply_missing(const struct check_ctx *c, struct check_result *r,
			      const struct part *p, const char *want)
{
	const struct event *rd = reply_read(c, p);

	check_evidence(r, rd);
	if (rd)
		check_fail(r,
			   "the server read the reply of %s (%s() = %lld) but did not print "
			   "\"%s\". "
			   "Print what came; if with printf(), fflush(stdout) after it: a server "
			   "that never ends is stopped, and what waits in stdout's buffer is lost",
			   p->client, rd->call.fn, (long long)rd->call.ret, want);
	else
		check_fail(r,
			   "%s replied \"%s\", and the server did not print it. Read the reply "
			   "until read() returns 0 (the client's close), and print what came",
			   p->client, want);
}

static void reply(const struct check_ctx *c, struct check_result *r)
{
	char want[128];
	int replied = 0;
	struct seen s;

	if (!need_ran(c, r, parts[0].client) || !need_connected(c, r, parts[0].client))
		return;
	for (int i = 0; i < NPARTS; i++) {
		const char *server = server_of(i);

		client_saw(c, &parts[i], &s);
		if (!s.replied)
			continue;
		replied++;
		snprintf(want, sizeof(want), "%.*s", (int)strcspn(parts[i].reply, "\n"),
			 parts[i].reply);
		if (check_printed(c, server, want))
			continue;
		check_output_evidence(c, r, parts[i].client, "replied", 1);
		check_output_evidence(c, r, server, NULL, 3);
		say_reply_missing(c, r, &parts[i], want);
		return;
	}
	if (replied == 0)
		check_output_evidence(c, r, parts[0].client, NULL, 3);
	if (!need(c, r, replied > 0,
		  "no client could reply, for no file ever ended (see the check bytes)"))
		return;
	check_output_evidence(c, r, server_of(0), "thank you", 2);
	check_pass(r, "the server printed each of the %d replies as the client sent it", replied);
}

/* ---- next-client ---------------------------------------------------------------- */

static void next_client(const struct check_ctx *c, struct check_result *r)
{
	const struct part *first = &parts[0], *again = &parts[1];
	struct seen s;

	if (!need_ran(c, r, first->client) || !need_connected(c, r, first->client) ||
	    !need_ran(c, r, again->client))
		return;
	client_saw(c, again, &s);
	check_output_evidence(c, r, again->client, NULL, 2);
	if (!s.connected)
		check_fail(r, "the second client could not connect: the server stopped after one "
			      "client. Loop: close the client's socket, then accept() the next");
	else if (s.got != s.size || s.differs)
		check_fail(r, "the second client connected, but got %ld of the %ld bytes of %s",
			   s.got, s.size, again->file);
	else
		check_pass(r, "a second client, connecting after the first had left, got %s too",
			   again->file);
}

static const struct check file_transfer_checks[] = {
	{"bytes", "a small text, 1 MiB of binary and an empty file each arrive exactly",
	 "lab 8 (half-close): socklab run 8", bytes},
	{"half-close", "the server's FIN comes before the reply, and the reply is read: no RST",
	 "lab 8 (half-close): socklab run 8 --fix", half_close},
	{"reply", "the server prints the reply the client sent",
	 "lab 8 (half-close): socklab run 8", reply},
	{"next-client", "a second client is served after the first",
	 "lab 8 (half-close): socklab run 8", next_client},
	{NULL},
};

const struct assignment assignment_file_transfer = {
	.name = "file-transfer",
	.title = "a file server: the file, a half-close, the client's reply, the next client",
	.usage = "prog PORT FILE",
	.args = "{port} {file}",
	.prog_hint = "server",
	.run = file_transfer_run,
	.checks = file_transfer_checks,
};
