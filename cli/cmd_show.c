/*
 * cmd_show.c - socklab show DIR [--json]: a session as text, for reading,
 * pasting into a lab report, or feeding to a script.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "session.h"

const struct command cmd_show_info = {
	"show",
	cmd_show,
	"prints a recorded session: one line per event, or JSON",
	"usage: socklab show DIR [--json]\n"
	"\n"
	"Prints the session recorded in DIR, one event per line, in time order:\n"
	"  0.000412 [1201] bind(3, 127.0.0.1:9190) = -1 EADDRINUSE\n"
	"  0.000530 #1 TCP 127.0.0.1:40112 > 127.0.0.1:9190 [S] seq=0 win=65495 len=0\n"
	"The first column is seconds since the session started; [1201] is the process.\n"
	"\n"
	"  --json   print the events as JSON lines, exactly as recorded (for scripts)\n"
	"  --help   this text\n",
};

/* A damaged line is skipped, and said so: the rest is still worth reading. */
static void warn_bad_lines(const struct session *s)
{
	if (s->bad_lines == 0)
		return;
	cli_error("%s/events.jsonl: %zu line%s skipped, not valid events (first: %s)", s->dir,
		  s->bad_lines, s->bad_lines == 1 ? "" : "s", s->first_bad);
}

static void print_text(const struct session *s)
{
	char when[32], what[1024];

	for (size_t i = 0; i < s->n; i++) {
		event_time_str(s->ev[i].t, when, sizeof(when));
		event_describe(&s->ev[i], what, sizeof(what));
		printf("%s %s\n", when, what);
	}
}

static void print_json(const struct session *s)
{
	for (size_t i = 0; i < s->n; i++)
		puts(s->ev[i].raw);
}

int cmd_show(int argc, char **argv)
{
	static const struct option options[] = {
		{"json", no_argument, NULL, 'j'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	bool json = false;
	struct session s;
	char err[512];
	int opt;

	while ((opt = getopt_long(argc, argv, "+jh", options, NULL)) != -1) {
		switch (opt) {
		case 'j':
			json = true;
			break;
		case 'h':
			return cli_help(&cmd_show_info);
		default:
			return cli_usage_error(&cmd_show_info, "unknown option");
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(&cmd_show_info, "give one session folder");
	if (session_open(&s, argv[optind], err, sizeof(err)) < 0) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	if (json)
		print_json(&s);
	else
		print_text(&s);
	warn_bad_lines(&s);
	session_close(&s);
	return EXIT_OK;
}
