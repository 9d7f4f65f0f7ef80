/*
 * Lab 8 (half-close): what socklab runs, and the checkpoints it proves.
 *
 * Two hosts, as in lab 6: the file server in namespace b, the client in a,
 * on a link slow enough (500 kbit/s) that the file takes most of a second
 * to cross. The scenario writes file.txt (FILE_SIZE bytes of text) into the
 * session folder; the server sends it, the client stores it as
 * received.txt, and its user answers "Thank you" a moment after the file
 * is in.
 *
 *   naive       the server close()s after the last byte: the FIN is the
 *               client's end of file, and the reply that comes after it is
 *               answered with an RST, never read
 *   --fix       the file protocol of the course notes: a header with the
 *               name and the size, the bytes, shutdown(SHUT_WR); the server
 *               waits in FIN_WAIT_2, reads the reply, then read() = 0
 *   --one-read  the server half-closes, but the client takes a read()
 *               shorter than its buffer for the end of the file: it
 *               stores a short file, and closes on bytes it never read
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/i18n.h"
#include "lab/lab.h"
#include "lab/labkit.h"
#include "labnet/labnet.h"

#define FILE_NAME  "file.txt"
#define FILE_LINES 600 /* of LINE_LEN bytes: 48000 bytes, fits the peer's window */
#define LINE_LEN   80
#define FILE_SIZE  (FILE_LINES * LINE_LEN)
#define REPLY	   "Thank you\n"
#define USER_MS	   300 /* the user reads "Received file data", then answers */

/* The modes of file_server.c and file_client.c for a run. */
static void modes(const struct lab_run *r, char **server, char **client)
{
	bool one_read = lab_option(r, "one-read");

	*server = r->fix ? "protocol" : one_read ? "shutdown" : "close";
	*client = r->fix ? "protocol" : one_read ? "one-read" : "eof";
}

/* The file the client stores into: made now, writable by anyone, for under
 * sudo the client runs as the user while the session's folder is still
 * root's (it is handed to the user at the end). Returns 0, or -1. */
static int make_received(const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);

	if (fd < 0)
		return -1;
	if (fchmod(fd, 0666) < 0) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* Writes the file the server sends: numbered lines of text, so that a
 * short copy shows where it was cut. Returns 0, or -1. */
static int write_file(const char *path)
{
	FILE *fp = fopen(path, "w");

	if (!fp)
		return -1;
	for (int i = 1; i <= FILE_LINES; i++)
		fprintf(fp, "%04d %-*.*s\n", i, LINE_LEN - 6, LINE_LEN - 6,
			"socklab lab 8: the file the server sends, line by line; the client "
			"stores it");
	return fclose(fp) == 0 ? 0 : -1;
}

static int half_close_run(struct scenario *s, const struct lab_run *r)
{
	const struct labnet *net = r->net;
	const char *dir = collector_dir(scenario_collector(s));
	char port[16], sent[4096], received[4096], *smode, *cmode;
	pid_t server, client;

	modes(r, &smode, &cmode);
	snprintf(port, sizeof(port), "%d", r->port);
	snprintf(sent, sizeof(sent), "%s/%s", dir, FILE_NAME);
	snprintf(received, sizeof(received), "%s/received.txt", dir);
	if (write_file(sent) < 0 || make_received(received) < 0)
		return scenario_fail(s, _("cannot write in %s: %s"), dir, strerror(errno));
	scenario_step(s, _("two hosts: namespace %s (%s) and %s (%s), a link of %d kbit/s"),
		      net->ns[LABNET_A], net->addr[LABNET_A], net->ns[LABNET_B],
		      net->addr[LABNET_B], net->rate_kbit);
	scenario_step(s, _("the file server listens on %s:%s; it sends %s (%d bytes), then %s"),
		      net->addr[LABNET_B], port, FILE_NAME, FILE_SIZE,
		      strcmp(smode, "close") == 0 ? "close()" : "shutdown(SHUT_WR)");
	server = scenario_start_in(s, net->ns[LABNET_B], "server",
				   ARGV("file_server", port, sent, smode), NULL);
	if (server < 0 || scenario_wait_listen(s, r->port, 5000) < 0)
		return -1;
	scenario_step(s, r->fix ? _("the client connects and stores the file in received.txt "
				    "(header first: name and size)")
				: _("the client connects and stores the file in received.txt"));
	client = scenario_start_typing(s, net->ns[LABNET_A], "client",
				       ARGV("file_client", (char *)net->addr[LABNET_B], port,
					    received, cmode));
	if (client < 0 || scenario_wait_output(s, client, "Received file data", 10000) < 0 ||
	    scenario_wait_output(s, server, "sent ", 10000) < 0)
		return -1;
	scenario_sleep(s, USER_MS);
	scenario_step(s, _("the client's user answers: Thank you"));
	if (scenario_type(s, client, REPLY) < 0)
		return -1;
	scenario_type_end(s, client);
	if (scenario_wait(s, client, 5000) < 0 || scenario_wait(s, server, 5000) < 0)
		return -1;
	/* The last segments (the RST, or the last ACK) before the end. */
	scenario_sleep(s, 300);
	return 0;
}

/* ---- what the run did ------------------------------------------------ */

/* The number after prefix in role's output ("sent 48000 bytes"), or -1. */
static long printed_number(const struct check_ctx *c, const char *role, const char *prefix)
{
	const char *at = strstr(check_output(c, role), prefix);

	return at ? strtol(at + strlen(prefix), NULL, 10) : -1;
}

/* The first call fn of role on sock (at or after t) with a result
 * matching want: > 0 bytes (1), 0 (0), or an error (-1). */
static const struct event *call_on(const struct check_ctx *c, const char *role, const char *fn,
				   const char *sock, int64_t t, int want)
{
	struct ev_filter f = {.src = "call",
			      .fn = fn,
			      .pid = check_pid(c, role),
			      .sock = sock,
			      .after = t};

	for (const struct event *e = ev_first(c->s, &f); e; e = ev_next(c->s, &f, e))
		if ((want > 0 && e->call.ret > 0) || (want == 0 && e->call.ret == 0) ||
		    (want < 0 && e->call.ret < 0))
			return e;
	return NULL;
}

/* ---- naive: close() --------------------------------------------------- */

static void eof_after_file(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	long sent = printed_number(c, "server", "sent "), got;
	const struct event *eof;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	got = printed_number(c, "client", "Received file data: ");
	eof = call_on(c, "client", "read", client, 0, 0);
	check_evidence(r, check_pkt(c, c->facts->port, true, "F", false, 0));
	check_evidence(r, eof);
	check_output_evidence(c, r, "client", "Received file data", 1);
	if (!eof)
		check_fail(r, _("the client's read() never returned 0: no end of file"));
	else if (got != sent)
		check_fail(r, _("the client stored %ld bytes; the server sent %ld"), got, sent);
	else
		check_pass(r,
			   _("read() returned 0 after all %ld bytes: the server's FIN is the "
			     "client's end of file"),
			   got);
}

static void reply_sent(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *w;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	w = call_on(c, "client", "write", client, 0, 1);
	check_evidence(r, w);
	if (!w)
		check_fail(r, _("the client's write() of its reply did not succeed"));
	else
		check_pass(r,
			   _("write() returned %lld: the reply left, and the client could not "
			     "know that nobody would read it"),
			   (long long)w->call.ret);
}

static void rst_on_reply(const struct check_ctx *c, struct check_result *r)
{
	int port = c->facts->port;
	const struct event *fin, *data, *rst;

	if (!check_source_ran(c, "pkt", r))
		return;
	fin = check_pkt(c, port, true, "F", false, 0);
	data = fin ? check_pkt(c, port, false, NULL, true, fin->t) : NULL;
	rst = data ? check_pkt(c, port, true, "R", false, data->t) : NULL;
	check_evidence(r, ev_first(c->s, &(struct ev_filter){.src = "call",
							     .fn = "close",
							     .pid = check_pid(c, "server"),
							     .port = port}));
	check_evidence(r, fin);
	check_evidence(r, data);
	check_evidence(r, rst);
	if (!fin)
		check_fail(r, _("the server sent no FIN"));
	else if (!data)
		check_fail(r,
			   _("no data from the client after the server's FIN: no reply crossed"));
	else if (!rst)
		check_fail(r, _("no RST from the server answered the client's reply"));
	else
		check_pass(r,
			   _("the reply (len=%u) reached a socket closed for reading: the server's "
			     "kernel answered it with an RST, %.1f ms later"),
			   data->pkt.len, check_ms_between(data->t, rst->t));
}

static void reply_lost(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *closed, *w;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	closed = ev_first(c->s, &(struct ev_filter){.src = "call",
						    .fn = "close",
						    .pid = check_pid(c, "server"),
						    .sock = server});
	w = call_on(c, "client", "write", client, 0, 1);
	check_evidence(r, closed);
	check_evidence(r, w);
	check_end_evidence(c, r, check_pid(c, "server"));
	if (check_printed(c, "server", "Message from client"))
		check_fail(r, _("the server printed the reply: it was read"));
	else if (!closed || !w || closed->t > w->t)
		check_fail(r, _("the server had not closed before the reply was written"));
	else
		check_pass(r,
			   _("the server had closed %.0f ms before the reply was written, and "
			     "never read it"),
			   check_ms_between(closed->t, w->t));
}

/* ---- --fix: a header, the bytes, shutdown(SHUT_WR) --------------------- */

static void half_closed(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *sd, *fin, *eof;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	sd = ev_first(c->s, &(struct ev_filter){.src = "call",
						.fn = "shutdown",
						.err = "ok",
						.pid = check_pid(c, "server"),
						.sock = server});
	eof = call_on(c, "client", "read", client, 0, 0);
	fin = sd ? check_pkt(c, c->facts->port, true, "F", false, sd->t) : NULL;
	check_evidence(r, sd);
	check_evidence(r, fin);
	check_evidence(r, eof);
	if (!sd || !sd->call.how || strcmp(sd->call.how, "SHUT_WR") != 0)
		check_fail(r, _("the server never called shutdown(SHUT_WR)"));
	else if (!eof || eof->t < sd->t)
		check_fail(r, _("the client's read() did not return 0 after the shutdown()"));
	else
		check_pass(r, _("shutdown(SHUT_WR) sent the FIN: the client's read() returned 0, "
				"its end of file"));
}

static void fin_wait_2(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *fw2, *data, *next;

	if (!check_source_ran(c, "state", r) || !check_source_ran(c, "pkt", r) ||
	    !check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	fw2 = check_state_to(c, server, "FIN_WAIT_2");
	data = fw2 ? check_pkt(c, c->facts->port, false, NULL, true, fw2->t) : NULL;
	next = fw2 ? ev_first(c->s, &(struct ev_filter){.src = "state",
							.sock = server,
							.after = fw2->t + 1})
		   : NULL;
	check_evidence(r, fw2);
	check_evidence(r, data);
	check_evidence(r, next);
	if (!fw2)
		check_fail(r, _("the server's socket %s was never seen in FIN_WAIT_2"), server);
	else if (!data)
		check_fail(r, _("no data from the client came after FIN_WAIT_2"));
	else if (next && next->t < data->t)
		check_fail(r, _("the server's socket left FIN_WAIT_2 before the reply came"));
	else
		check_pass(r,
			   _("the server's socket sat in FIN_WAIT_2 for %.0f ms, half-closed, and "
			     "still received the reply (len=%u)"),
			   check_ms_between(fw2->t, data->t), data->pkt.len);
}

static void reply_read(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *got, *eof;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	got = call_on(c, "server", "read", server, 0, 1);
	eof = got ? call_on(c, "server", "read", server, got->t, 0) : NULL;
	check_evidence(r, got);
	check_evidence(r, eof);
	check_output_evidence(c, r, "server", "Message from client", 1);
	if (!got || !check_printed(c, "server", "Message from client: Thank you"))
		check_fail(r, _("the server never read the client's reply"));
	else if (!eof)
		check_fail(r, _("the server's read() never returned 0 after the reply"));
	else
		check_pass(r,
			   _("the server's read() returned the reply (%lld bytes), then 0 when "
			     "the client closed"),
			   (long long)got->call.ret);
}

static void no_rst(const struct check_ctx *c, struct check_result *r)
{
	const struct event *rst;

	if (!check_source_ran(c, "pkt", r))
		return;
	rst = ev_first(c->s,
		       &(struct ev_filter){.src = "pkt", .port = c->facts->port, .flags = "R"});
	check_evidence(r, rst);
	if (rst)
		check_fail(r, _("an RST crossed the connection"));
	else
		check_pass(r, _("no RST: both sides closed with a FIN, every byte read"));
}

static void size_matches(const struct check_ctx *c, struct check_result *r)
{
	long sent = printed_number(c, "server", "sent ");
	long said = printed_number(c, "client", "header: file " FILE_NAME ", ");
	long got = printed_number(c, "client", "Received file data: ");

	check_output_evidence(c, r, "server", "sent ", 1);
	check_output_evidence(c, r, "client", "header", 1);
	check_output_evidence(c, r, "client", "Received file data", 1);
	if (said != FILE_SIZE)
		check_fail(r, _("the header said %ld bytes; the file has %d"), said, FILE_SIZE);
	else if (got != said || sent != said)
		check_fail(r,
			   _("the header said %ld bytes, the server sent %ld, the client stored "
			     "%ld"),
			   said, sent, got);
	else
		check_pass(r,
			   _("the header said %ld bytes, and the client stored exactly that many"),
			   said);
}

/* ---- --one-read: a short read taken for the end ------------------------- */

static void short_read(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *rd, *next;

	if (!check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	rd = call_on(c, "client", "read", client, 0, 1);
	next = rd ? ev_first(c->s, &(struct ev_filter){.src = "call",
						       .pid = rd->pid,
						       .sock = client,
						       .after = rd->t + 1})
		  : NULL;
	check_evidence(r, rd);
	check_evidence(r, next);
	if (!rd)
		check_fail(r, _("the client read nothing"));
	else if (rd->call.ret >= rd->call.len || rd->call.ret >= FILE_SIZE)
		check_fail(r,
			   _("the client's read() returned %lld bytes: all it asked, or the whole "
			     "file"),
			   (long long)rd->call.ret);
	else if (!next || strcmp(next->call.fn, "read") == 0)
		check_fail(r, _("the client went on reading after its short read()"));
	else
		check_pass(r,
			   _("read() returned %lld of the %d bytes, what had arrived by then; the "
			     "client took it for the end of the file"),
			   (long long)rd->call.ret, FILE_SIZE);
}

static void short_file(const struct check_ctx *c, struct check_result *r)
{
	long sent = printed_number(c, "server", "sent ");
	long got = printed_number(c, "client", "Received file data: ");

	check_output_evidence(c, r, "server", "sent ", 1);
	check_output_evidence(c, r, "client", "Received file data", 1);
	if (got < 0 || sent < 0)
		check_fail(r, _("the run did not say how many bytes were sent and stored"));
	else if (got >= sent)
		check_fail(r, _("the client stored all %ld bytes"), got);
	else
		check_pass(r, _("the client stored %ld of the %ld bytes: received.txt is short"),
			   got, sent);
}

static void reset_on_unread(const struct check_ctx *c, struct check_result *r)
{
	char client[128], server[128];
	const struct event *rst, *err;

	if (!check_source_ran(c, "pkt", r) ||
	    !check_connected(c, r, "client", client, server, sizeof(client)))
		return;
	rst = check_pkt(c, c->facts->port, false, "R", false, 0);
	err = call_on(c, "server", "read", server, 0, -1);
	check_evidence(r, ev_first(c->s, &(struct ev_filter){.src = "call",
							     .fn = "close",
							     .pid = check_pid(c, "client"),
							     .sock = client}));
	check_evidence(r, rst);
	check_evidence(r, err);
	if (!rst)
		check_fail(r, _("no RST came from the client"));
	else if (!err || !err->call.err || strcmp(err->call.err, "ECONNRESET") != 0)
		check_fail(r, _("the server's read() did not fail with ECONNRESET"));
	else
		check_pass(r,
			   _("the client closed with bytes of the file unread: its kernel sent an "
			     "RST, and the server's read() failed with ECONNRESET"));
}

static const struct check naive_checks[] = {
	{"eof", N_("the client reads the file to EOF: the server's FIN ends it"),
	 .fn = eof_after_file},
	{"reply-sent", N_("the client's write() of its reply succeeds"), .fn = reply_sent},
	{"rst-on-reply", N_("the server's kernel answers the reply with an RST"),
	 .fn = rst_on_reply},
	{"reply-lost", N_("the server never reads the reply"), .fn = reply_lost},
	{NULL},
};

static const struct check fixed_checks[] = {
	{"half-close", N_("shutdown(SHUT_WR) sends the FIN: the client's read() returns 0"),
	 .fn = half_closed},
	{"fin-wait-2", N_("the server's socket waits in FIN_WAIT_2 and still receives"),
	 .fn = fin_wait_2},
	{"reply-read", N_("the server reads the reply, then 0"), .fn = reply_read},
	{"no-rst", N_("no RST crosses the connection"), .fn = no_rst},
	{"size-matches", N_("the client stores exactly the size the header says"),
	 .fn = size_matches},
	{NULL},
};

static const struct check one_read_checks[] = {
	{"short-read", N_("the client takes a short read() for the end of the file"),
	 .fn = short_read},
	{"short-file", N_("the stored file is shorter than the one sent"), .fn = short_file},
	{"reset", N_("closing on unread bytes sends an RST: the server's read() fails"),
	 .fn = reset_on_unread},
	{NULL},
};

static const struct lab_option half_close_options[] = {
	{"one-read", N_("the client takes a short read() for the end of the file"),
	 one_read_checks},
	{NULL},
};

const struct lab lab_8 = {
	.number = 8,
	.name = "half-close",
	.title = N_("close() or shutdown(): the FIN, and the reply that comes after it"),
	.dir = "08-half-close",
	.fix = N_("a header with the file's name and size, then shutdown(SHUT_WR), and the reply "
		  "read"),
	.needs_root = true,
	.net = {.shape = LABNET_PAIR, .mtu = 1500, .rate_kbit = 500},
	.net_capture = LABNET_B, /* the server's host: its sockets' states, TIME_WAIT included */
	.options = half_close_options,
	.run = half_close_run,
	.checks = naive_checks,
	.fix_checks = fixed_checks,
};
