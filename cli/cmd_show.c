/*
 * cmd_show.c - socklab show DIR [--json | --flat] [--conn N]: a session as
 * text, for reading, pasting into a lab report, or feeding to a script.
 *
 * The default is the ladder diagram the viewer draws, one event per line:
 * its time, the picture, and the event in words (event_describe), so that
 * `grep 'bind(3, 127.0.0.1:9190) = -1 EADDRINUSE'` finds the line as it
 * always did. --flat leaves the picture out; --json prints the events
 * exactly as recorded.
 *
 * --flat and --json read the session one line at a time (session_next)
 * and keep nothing: a session of any length prints in the same memory.
 * The ladder needs every event before its first line (its columns are
 * the session's endpoints), so it keeps the session, compact
 * (session_compact: about 25 bytes an event).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cli.h"
#include "ladder/ladder.h"
#include "session/proctable.h"
#include "session/session.h"

const struct command cmd_show_info = {
	"show",
	cmd_show,
	N_("prints a recorded session as a ladder diagram, a list of events, or JSON"),
	N_("usage: socklab show DIR [--flat | --json] [--conn N] [--utf8]\n"
	   "\n"
	   "Prints the session recorded in DIR as a ladder diagram: one column per\n"
	   "endpoint, time running down, one line per event, in time order:\n"
	   "\n"
	   "                 127.0.0.1:9190                 127.0.0.1:40112\n"
	   "             pid 1201 echo_server           pid 1202 echo_client\n"
	   "  0.201415        |                               | connect()     [1202] connect(3, "
	   "...\n"
	   "  0.201430        |<-------- SYN seq=0 -----------|               #1 TCP "
	   "127.0.0.1:40112 "
	   "...\n"
	   "\n"
	   "Each line starts with seconds since the session started and ends with the\n"
	   "event in words: [1202] is the process, then the call as you wrote it and\n"
	   "what it returned, with the errno by name. A pause of 10 ms or more is a\n"
	   "line of its own: \"... 40 ms ...\".\n"
	   "\n"
	   "  --flat     one line per event without the picture:\n"
	   "               0.000412 [1201] bind(3, 127.0.0.1:9190) = -1 EADDRINUSE\n"
	   "  --json     the events as JSON lines, exactly as recorded (for scripts)\n"
	   "  --conn N   only connection N (the \"conn\" of its events), as its own ladder\n"
	   "  --utf8     draw the lines with UTF-8 box characters instead of ASCII\n"
	   "  --help     this text\n"),
};

/* A damaged line is skipped, and said so: the rest is still worth reading. */
static void warn_bad_lines(const struct session *s)
{
	if (s->bad_lines == 0)
		return;
	cli_error(s->bad_lines == 1 ? _("%s/events.jsonl: %zu line skipped, not a valid event "
					"(first: %s)")
				    : _("%s/events.jsonl: %zu lines skipped, not valid events "
					"(first: %s)"),
		  s->dir, s->bad_lines, s->first_bad);
}

static void print_flat(struct session *s)
{
	char when[32], what[1024];
	struct event e;

	while (session_next(s, &e) > 0) {
		event_time_str(e.t, when, sizeof(when));
		event_describe(&e, what, sizeof(what));
		fputs(when, stdout);
		putchar(' ');
		fputs(what, stdout);
		putchar('\n');
	}
}

static void print_json(struct session *s)
{
	struct event e;

	while (session_next(s, &e) > 0) {
		fwrite(e.json, 1, e.json_len, stdout);
		putchar('\n');
	}
}

/* ---- the ladder ------------------------------------------------------ */

struct text_ladder {
	struct session *s;
	struct ladder l;
	struct ladder_view v;
	struct proctable procs;
	struct ladder_geom g;
	struct ladder_cell *cells;
	int conn;  /* -1: every event */
	int timew; /* width of the time column */
	bool utf8;
};

static void add_to_view(void *arg, uint32_t i)
{
	struct text_ladder *t = arg;

	ladder_view_add(&t->v, &t->l, i);
}

static int ladder_setup(struct text_ladder *t)
{
	char when[32];
	struct event buf;

	ladder_init(&t->l, t->s);
	for (size_t i = 0; i < t->s->n; i++)
		if (ladder_add(&t->l, session_event(t->s, i, &buf)) < 0)
			return -1;
	proctable_build(&t->procs, t->s);
	ladder_view_init(&t->v, false);
	if (t->conn >= 0)
		ladder_conn_each(&t->l, t->conn, add_to_view, t);
	else
		for (size_t i = 0; i < t->s->n; i++)
			ladder_view_add(&t->v, &t->l, (uint32_t)i);
	ladder_geom(&t->g, t->v.nvis, ladder_text_width(t->v.nvis));
	t->cells = calloc((size_t)t->g.width + 1, sizeof(*t->cells));
	event_time_str(t->s->n ? session_event(t->s, t->s->n - 1, &buf)->t : 0, when, sizeof(when));
	t->timew = (int)strlen(when);
	return t->cells || t->g.width == 0 ? 0 : -1;
}

static void ladder_teardown(struct text_ladder *t)
{
	free(t->cells);
	proctable_free(&t->procs);
	ladder_view_free(&t->v);
	ladder_free(&t->l);
}

/* One line: the time (or blanks), the cells, the words (or none). The
 * words start in the same place on every line: pad by cells, not bytes
 * (a UTF-8 line glyph takes three bytes and one cell). */
static void print_line(const struct text_ladder *t, const char *when, const char *what)
{
	char pic[8192], ascii[2048];
	int cols = (int)ladder_cells_text(t->cells, t->g.width, false, ascii, sizeof(ascii));

	ladder_cells_text(t->cells, t->g.width, t->utf8, pic, sizeof(pic));
	if (!what)
		printf("%*s %s\n", t->timew, when, pic);
	else
		printf("%*s %s%*s  %s\n", t->timew, when, pic, t->g.width - cols, "", what);
}

static void print_heads(struct text_ladder *t, const struct ladder_ctx *c)
{
	for (int line = 0; line < 2 && t->g.n > 0; line++) {
		ladder_render_head(c, line, t->cells);
		print_line(t, "", NULL);
	}
}

/* The words of event i: as event_describe says them, and beside a marked
 * segment the call it keeps blocked, "(send(3) of [1201] blocked 1.2 s)". */
static void describe_line(const struct text_ladder *t, const struct event *e, size_t i, char *out,
			  size_t cap)
{
	struct event buf;
	const struct event *call;
	char blocked[64];
	int64_t waited;
	size_t n = event_describe(e, out, cap), at;

	if (e->src != SRC_PKT || !e->pkt.analysis)
		return;
	at = ladder_blocked_call(&t->l, i, &waited);
	if (at == SIZE_MAX || n >= cap)
		return;
	call = session_event(t->s, at, &buf);
	ladder_blocked_label(call, waited, blocked, sizeof(blocked));
	snprintf(out + n, cap - n, " (%.*s of [%d]%s)", (int)strcspn(blocked, " "), blocked,
		 call->pid, blocked + strcspn(blocked, " "));
}

/* One line per event, in time order; a pause between two lines, whatever
 * they are, is a line of its own. */
static void print_ladder(struct text_ladder *t)
{
	struct ladder_ctx c = {.l = &t->l,
			       .v = &t->v,
			       .procs = &t->procs,
			       .g = &t->g,
			       .hot = SIZE_MAX};
	char when[32], what[1024];
	int64_t last = -1;
	size_t k = 0;

	print_heads(t, &c);
	for (size_t i = 0; i < t->s->n; i++) {
		struct event buf;
		const struct event *e = session_event(t->s, i, &buf);
		bool on = k < t->v.nev && t->v.ev[k] == i;
		if (!on && t->conn >= 0)
			continue;
		if (last >= 0 && e->t - last >= LADDER_GAP_NS) {
			ladder_render_gap(&c, e->t - last, t->cells);
			print_line(t, "", NULL);
		}
		last = e->t;
		if (on)
			ladder_render_row(&c, ladder_view_row_of(&t->v, k++), t->cells);
		else
			ladder_render_blank(&c, t->cells);
		event_time_str(e->t, when, sizeof(when));
		describe_line(t, e, i, what, sizeof(what));
		print_line(t, when, what);
	}
}

static int print_text_ladder(struct session *s, int conn, bool utf8)
{
	struct text_ladder t = {.s = s, .conn = conn, .utf8 = utf8};
	int ret = ladder_setup(&t);

	if (ret == 0 && conn >= 0 && t.v.nev == 0) {
		cli_error("%s has no connection %d on its ladder", s->dir, conn);
		ret = 1;
	} else if (ret == 0) {
		print_ladder(&t);
	} else {
		cli_error("%s", _("out of memory"));
	}
	ladder_teardown(&t);
	return ret;
}

/* ---- the command ----------------------------------------------------- */

enum show_format { SHOW_LADDER, SHOW_FLAT, SHOW_JSON };

struct show_args {
	enum show_format format;
	int conn;
	bool utf8;
	const char *dir;
};

/* Returns -1 to go on, or the exit status to return at once. */
static int parse_args(int argc, char **argv, struct show_args *a)
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},	{"flat", no_argument, NULL, 'f'},
		{"conn", required_argument, NULL, 'c'}, {"utf8", no_argument, NULL, 'u'},
		{"help", no_argument, NULL, 'h'},	{0},
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "+jfc:uh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			a->format = SHOW_JSON;
			break;
		case 'f':
			a->format = SHOW_FLAT;
			break;
		case 'c':
			if (cli_take_conn(&cmd_show_info, optarg, &a->conn) >= 0)
				return EXIT_USAGE;
			break;
		case 'u':
			a->utf8 = true;
			break;
		case 'h':
			return cli_help(&cmd_show_info);
		default:
			return cli_usage_error(&cmd_show_info, "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(&cmd_show_info, "give one session folder");
	a->dir = argv[optind];
	return -1;
}

int cmd_show(int argc, char **argv)
{
	struct show_args a = {.format = SHOW_LADDER, .conn = -1};
	int ret = parse_args(argc, argv, &a);
	struct session s;
	char err[512];

	if (ret >= 0)
		return ret;
	if (session_begin(&s, a.dir, err, sizeof(err)) < 0) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	session_compact(&s);
	if (a.format == SHOW_LADDER && session_load(&s, SIZE_MAX, err, sizeof(err)) < 0) {
		cli_error("%s", err);
		session_close(&s);
		return EXIT_USAGE;
	}
	ret = EXIT_OK;
	if (a.format == SHOW_JSON)
		print_json(&s);
	else if (a.format == SHOW_FLAT)
		print_flat(&s);
	else if (print_text_ladder(&s, a.conn, a.utf8) != 0)
		ret = EXIT_USAGE;
	warn_bad_lines(&s);
	session_close(&s);
	return ret;
}
