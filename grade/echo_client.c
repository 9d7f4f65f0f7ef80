/*
 * echo-client: a TCP echo client, `prog IP PORT`, lines on its stdin.
 *
 * The run, in one session, twice:
 *   1. "echo server" (socklab's, plain) echoes as it reads; "client" gets
 *      the lines on stdin, then end of input;
 *   2. "echo server (pieces)" sends each echo back 4 bytes at a time,
 *      15 ms apart; "client (pieces)" gets the same lines.
 * Each time the client must print back exactly the lines it sent, then
 * close the connection and exit by itself.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include "assignment.h"

/* Lines of several lengths, an empty one, spaces and a tab. */
#define INPUT                                                                                      \
	"hello\n"                                                                                  \
	"socklab\n"                                                                                \
	"a line longer than the pieces the server sends its echo back in\n"                        \
	"\n"                                                                                       \
	"tab\tand  two  spaces\n"                                                                  \
	"12345678901234567890\n"                                                                   \
	"the last line\n"

#define CLIENT_MS 8000 /* for the client to finish, beyond what the server takes */

struct client_part {
	const char *mode;   /* the server's: "plain", "pieces" */
	const char *server; /* roles */
	const char *client;
};

static const struct client_part parts[] = {
	{"plain", "echo server", "client"},
	{"pieces", "echo server (pieces)", "client (pieces)"},
};

static int client_part_run(struct grade_run *g, const struct client_part *part, int port)
{
	char port_str[16];
	pid_t server, client;

	snprintf(port_str, sizeof(port_str), "%d", port);
	server = grade_start_driver(g, part->server,
				    ARGV("tcp_server", (char *)part->mode, port_str), NULL);
	if (server < 0 || grade_wait_listen(g, server, port, 0) < 0)
		return -1;
	client = grade_start_program(g, part->client, port, INPUT);
	if (client < 0)
		return -1;
	if (grade_wait(g, client, CLIENT_MS) < 0 && grade_stop(g, client) < 0)
		return -1;
	/* The server ends once the client's side is closed. */
	return grade_wait(g, server, 2000) < 0 && grade_stop(g, server) < 0 ? -1 : 0;
}

static int echo_client_run(struct grade_run *g)
{
	scenario_step(g->s, "the client sends its lines to socklab's echo server");
	if (client_part_run(g, &parts[0], g->port) < 0)
		return -1;
	scenario_step(g->s, "again, with a server that sends each echo back in 4-byte pieces, "
			    "15 ms apart");
	/* --port N: the client connects to N, whatever it is given. */
	return client_part_run(g, &parts[1], g->port_fixed ? g->port_fixed : scenario_free_port());
}

/* ---- echo-lines --------------------------------------------------------- */

#define COMPARED                                                                                   \
	"compared: everything the client printed (stdout and stderr), line by line, with the "     \
	"lines it was given"

/* The line of out that holds line (of len wl) from *from on, moving *from
 * past it; NULL when none does. */
static const char *line_holding(const char **from, const char *line, size_t wl)
{
	const char *o = *from;

	while (*o) {
		size_t ol = strcspn(o, "\n");
		if (ol >= wl && (wl == 0 || memmem(o, ol, line, wl))) {
			*from = o + ol + (o[ol] == '\n');
			return o;
		}
		o += ol + (o[ol] == '\n');
	}
	return NULL;
}

/* True when every line of INPUT is in out, in order, each inside a line:
 * called when out is not INPUT exactly, so the echoes came with extra text
 * (a prompt, "Message from server: ", a banner line). Says the first echo
 * with text around it, or that there are extra lines. */
static bool echoes_with_extra(const char *out, char *what, size_t cap)
{
	const char *want = INPUT, *from = out, *held;
	bool said = false;

	snprintf(what, cap, "every line came back, with lines of extra text between them");
	while (*want) {
		size_t wl = strcspn(want, "\n"), hl;
		if (!(held = line_holding(&from, want, wl)))
			return false;
		hl = strcspn(held, "\n");
		if (!said && hl != wl) {
			snprintf(what, cap, "expected \"%.*s\", printed \"%.*s\"", (int)wl, want,
				 (int)(hl < 160 ? hl : 160), held);
			said = true;
		}
		want += wl + 1;
	}
	return true;
}

/* The first line where out differs from INPUT, into what; 0 if none.
 * *extra: every echo is there, with extra text around it. */
static int first_difference(const char *out, char *what, size_t cap, bool *extra)
{
	const char *want = INPUT, *o = out;
	int line = 1;

	*extra = false;
	while (*want) {
		size_t wl = strcspn(want, "\n"), ol = strcspn(o, "\n");
		if (wl != ol || strncmp(want, o, wl) != 0 || (*o == '\0' && *want))
			break;
		want += wl + 1;
		o += ol + (o[ol] == '\n');
		line++;
	}
	if (!*want && !*o)
		return 0;
	if ((*extra = echoes_with_extra(out, what, cap)))
		return line;
	if (*want) {
		size_t wl = strcspn(want, "\n"), ol = strcspn(o, "\n");
		snprintf(what, cap, "line %d: expected \"%.*s\", printed %s%.*s%s", line, (int)wl,
			 want, *o ? "\"" : "nothing", (int)(ol < 160 ? ol : 160), o,
			 *o ? "\"" : "");
	} else {
		snprintf(what, cap,
			 "after the last line it printed \"%.*s\", which it was not given",
			 (int)(strcspn(o, "\n") < 160 ? strcspn(o, "\n") : 160), o);
	}
	return line;
}

static bool is_read(const struct event *e)
{
	return strncmp(e->call.fn, "recv", 4) == 0 || strncmp(e->call.fn, "read", 4) == 0;
}

static bool is_write(const struct event *e)
{
	return strncmp(e->call.fn, "send", 4) == 0 || strncmp(e->call.fn, "write", 5) == 0;
}

/* The client's first recv()/read() that returned less than asked. */
static const struct event *short_read(const struct check_ctx *c, pid_t pid)
{
	struct ev_filter f = {.src = "call", .pid = pid, .err = "ok"};
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e)))
		if (is_read(e) && e->call.sock && e->call.ret > 0 && e->call.ret < e->call.len)
			return e;
	return NULL;
}

/* "[1207] received 135 bytes of echo, in 34 calls, for the 135 bytes of its
 * input" */
static void evidence_received(const struct check_ctx *c, struct check_result *r, pid_t pid)
{
	struct ev_filter f = {.src = "call", .pid = pid, .err = "ok"};
	const struct event *e = NULL;
	long long bytes = 0;
	int calls = 0;

	while ((e = ev_next(c->s, &f, e)))
		if (is_read(e) && e->call.sock && e->call.ret > 0) {
			bytes += e->call.ret;
			calls++;
		}
	check_evidence_text(r,
			    "[%d] received %lld bytes of echo, in %d calls, for the %zu bytes of "
			    "its input",
			    (int)pid, bytes, calls, strlen(INPUT));
}

/* The sends the client made after it had sent all its input: the
 * end-of-input loop of a client that does not check fgets()'s return
 * sends its last buffer again and again. Returns how many; *first is the
 * first of them. */
static int sends_after_input(const struct check_ctx *c, pid_t pid, const struct event **first)
{
	struct ev_filter f = {.src = "call", .pid = pid, .err = "ok"};
	const struct event *e = NULL;
	long long sent = 0;
	int extra = 0;

	*first = NULL;
	while ((e = ev_next(c->s, &f, e))) {
		if (!is_write(e) || !e->call.sock || e->call.ret <= 0)
			continue;
		if (sent >= (long long)strlen(INPUT) && extra++ == 0)
			*first = e;
		sent += e->call.ret;
	}
	return extra;
}

static void echo_lines(const struct check_ctx *c, struct check_result *r)
{
	const struct grade_run *g = grade_run_of(c);
	char what[2][CHECK_LINE_MAX];
	bool extra[2] = {false, false};
	int bad = -1;
	pid_t pid;

	for (int i = 0; i < 2; i++) {
		const struct run_proc *p = run_facts_proc(c->facts, parts[i].client);
		/* A part that did not run is not needed once one has failed. */
		if (bad >= 0 && !grade_connected(c, parts[i].client))
			break;
		if (!need_connected(c, r, parts[i].client))
			return;
		if (first_difference(p->out ? p->out : "", what[i], sizeof(what[i]), &extra[i]) &&
		    bad < 0)
			bad = i;
	}
	if (bad < 0) {
		check_pass(r, "every line came back as sent, also when the echo came in 4-byte "
			      "pieces");
		return;
	}
	pid = check_pid(c, parts[bad].client);
	check_evidence_text(r, "%s: %s", parts[bad].client, what[bad]);
	check_evidence_text(r, COMPARED);
	evidence_received(c, r, pid);
	check_evidence(r, short_read(c, pid));
	check_output_evidence(c, r, parts[bad].client, NULL, 3);
	if (extra[bad])
		check_fail(r,
			   "each echo came back, but the client printed extra text around them (a "
			   "prompt, a label such as \"Message from server: \", a banner): print "
			   "back "
			   "exactly the lines, and nothing else on its output, or the echo cannot "
			   "be told from the rest");
	else if (run_trouble(c))
		check_fail(r, "the client did not print back what it sent: %s", run_trouble(c));
	else if (grade_was_stopped(g, pid))
		check_fail(r, "the client never ended, and socklab had to stop it: what it printed "
			      "may still have been in its stdout buffer, lost when it was stopped. "
			      "See the check closes");
	else if (bad == 1)
		check_fail(r,
			   "with the echo coming back in small pieces, the client did not print "
			   "back what it sent. One recv() is not one line: it returns what has "
			   "arrived so far. Read until the whole line (up to its newline) is in, "
			   "then print it");
	else
		check_fail(r, "the client did not print back exactly the lines it sent");
}

/* ---- closes --------------------------------------------------------------- */

/* The client's connect() and its close() of that socket, if any. */
static void evidence_closing(const struct check_ctx *c, struct check_result *r, pid_t pid)
{
	const struct event *conn =
		ev_first(c->s, &(struct ev_filter){.src = "call", .fn = "connect", .pid = pid});

	if (conn && conn->call.sock)
		check_evidence(r, ev_first(c->s, &(struct ev_filter){.src = "call",
								     .fn = "close",
								     .pid = pid,
								     .sock = conn->call.sock}));
	check_end_evidence(c, r, pid);
}

/* The end-of-input loop, named: fgets() returned NULL, unchecked, and the
 * last line (still in the buffer) went out again and again. */
static bool fail_if_looped(const struct check_ctx *c, struct check_result *r, const char *role)
{
	const struct event *first;
	int again = sends_after_input(c, check_pid(c, role), &first);

	if (again == 0)
		return false;
	check_evidence(r, first);
	check_output_evidence(c, r, role, NULL, 2);
	check_fail(r,
		   "after its input ended, the %s sent its last line %d more time%s: check "
		   "fgets()'s return -- NULL means end of input (or an error): then close() the "
		   "socket and exit, instead of sending the buffer again",
		   role, again, again == 1 ? "" : "s");
	return true;
}

static void closes(const struct check_ctx *c, struct check_result *r)
{
	const struct grade_run *g = grade_run_of(c);

	for (int i = 0; i < 2; i++) {
		const struct run_proc *p = run_facts_proc(c->facts, parts[i].client);
		char how[64];

		if (!need_connected(c, r, parts[i].client) || fail_if_looped(c, r, parts[i].client))
			return;
		if (grade_was_stopped(g, p->pid) && run_trouble(c)) {
			check_fail(r, "the %s was stopped: %s", parts[i].client, run_trouble(c));
			return;
		}
		if (grade_was_stopped(g, p->pid)) {
			check_evidence(r, ev_last(c->s, &(struct ev_filter){.src = "call",
									    .pid = p->pid}));
			check_evidence_text(r,
					    "[%d] its input had ended, yet it ran on for %d s; "
					    "socklab stopped it",
					    (int)p->pid, CLIENT_MS / 1000);
			check_fail(r,
				   "the %s did not end at the end of its input. When fgets() (or "
				   "read() on stdin) says end of input, close() the socket and "
				   "exit; "
				   "do not wait for the server to close first",
				   parts[i].client);
			return;
		}
		grade_describe_status(p->status, how, sizeof(how));
		if (WIFSIGNALED(p->status)) {
			check_end_evidence(c, r, p->pid);
			check_fail(r, "the %s %s", parts[i].client, how);
			return;
		}
	}
	evidence_closing(c, r, check_pid(c, parts[1].client));
	check_pass(r, "at the end of its input the client closed the connection and exited");
}

static const struct check echo_client_checks[] = {
	{"echo-lines", "prints back exactly what it sent, also when echoes come in pieces",
	 "lab 6 (fragmentation): socklab run 6", echo_lines},
	{"closes", "closes the connection at the end of its input, and exits",
	 "lab 1 (handshake): socklab run 1", closes},
	{NULL},
};

const struct assignment assignment_echo_client = {
	.name = "echo-client",
	.title = "a TCP echo client: lines on stdin, each sent and printed back",
	.usage = "prog IP PORT",
	.args = "{ip} {port}",
	.prog_hint = "client",
	.run = echo_client_run,
	.checks = echo_client_checks,
};
