/*
 * cmd_plot.c - socklab plot DIR [--conn N] [--reverse] -o FILE.svg: the
 * time-sequence graph of a connection, as an SVG picture for a report
 * (lib/graph/svg.c). The viewer's `g` shows the same graph in the terminal.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/i18n.h"
#include "cli.h"
#include "graph/svg.h"
#include "graph/tseq.h"
#include "session/session.h"

const struct command cmd_plot_info = {
	"plot",
	cmd_plot,
	N_("draws a connection's time-sequence graph as an SVG picture"),
	N_("usage: socklab plot DIR [--conn N] [--reverse] -o FILE.svg\n"
	   "\n"
	   "Draws the time-sequence graph of a connection of the session in DIR, as\n"
	   "Stevens and tcptrace draw it: time across, sequence numbers up; each data\n"
	   "segment a vertical stroke (red: a retransmission, orange: out of order,\n"
	   "violet: a window probe), the receiver's ACKs as a green line of steps\n"
	   "under them (a dot: a duplicate ACK), the right edge of its window in blue\n"
	   "above (a dot: a zero window). A stall is a flat stretch. Open the file in\n"
	   "a browser, or put it in a report.\n"
	   "\n"
	   "  --conn N     connection N (the \"conn\" of its events); by default the\n"
	   "               one that carried the most data\n"
	   "  --reverse    the other direction (by default the one with more data)\n"
	   "  -o FILE      where to write the SVG\n"
	   "  --help       this text\n"),
};

struct plot_args {
	const char *dir, *out;
	int conn;
	bool reverse;
};

/* Returns -1 to go on, or the exit status to return at once. */
static int parse_args(int argc, char **argv, struct plot_args *a)
{
	static const struct option options[] = {
		{"conn", required_argument, NULL, 'c'},
		{"reverse", no_argument, NULL, 'r'},
		{"output", required_argument, NULL, 'o'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "c:ro:h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			if (cli_take_conn(&cmd_plot_info, optarg, &a->conn) >= 0)
				return EXIT_USAGE;
			break;
		case 'r':
			a->reverse = true;
			break;
		case 'o':
			a->out = optarg;
			break;
		case 'h':
			return cli_help(&cmd_plot_info);
		default:
			return cli_usage_error(&cmd_plot_info, _("unknown option"));
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(&cmd_plot_info, _("give one session folder"));
	if (!a->out)
		return cli_usage_error(&cmd_plot_info,
				       _("say where to write the SVG: -o FILE.svg"));
	a->dir = argv[optind];
	return -1;
}

/* The TCP connection that carried the most payload, or -1. */
static int busiest_conn(const struct session *s)
{
	int best = -1;
	uint64_t most = 0, *bytes = NULL;
	size_t n = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct event *e = &s->ev[i];
		if (e->src != SRC_PKT || e->pkt.proto != PROTO_TCP || e->conn < 0)
			continue;
		if ((size_t)e->conn >= n) {
			uint64_t *more = realloc(bytes, ((size_t)e->conn + 1) * sizeof(*bytes));
			if (!more)
				break;
			memset(more + n, 0, ((size_t)e->conn + 1 - n) * sizeof(*more));
			bytes = more;
			n = (size_t)e->conn + 1;
		}
		bytes[e->conn] += e->pkt.len + 1;
		if (bytes[e->conn] > most) {
			most = bytes[e->conn];
			best = e->conn;
		}
	}
	free(bytes);
	return best;
}

/* Writes the graph of a->conn to a->out. Returns an exit status. */
static int write_plot(const struct session *s, const struct plot_args *a)
{
	uint32_t *idx = malloc((s->n ? s->n : 1) * sizeof(*idx));
	struct tseq g = {0};
	char title[256];
	FILE *out;
	int ret = EXIT_OK;

	for (size_t i = 0; idx && i < s->n; i++)
		idx[i] = (uint32_t)i;
	if (!idx || tseq_build(&g, s, idx, s->n, a->conn, INT64_MAX, a->reverse) < 0) {
		cli_error(_("out of memory"));
		ret = EXIT_USAGE;
	} else if (!g.from) {
		cli_error(_("%s has no TCP packets on connection %d (socklab show %s lists them)"),
			  a->dir, a->conn, a->dir);
		ret = EXIT_USAGE;
	} else if (!(out = fopen(a->out, "w"))) {
		cli_error(_("cannot write %s: %s"), a->out, strerror(errno));
		ret = EXIT_USAGE;
	} else {
		snprintf(title, sizeof(title),
			 "connection %d: %s > %s, %llu bytes sent (resent included)", a->conn,
			 g.from, g.to, (unsigned long long)g.bytes[0]);
		if (graph_svg(&g, title, out) < 0 || fclose(out) != 0) {
			cli_error(_("cannot write %s: %s"), a->out, strerror(errno));
			ret = EXIT_USAGE;
		}
	}
	tseq_free(&g);
	free(idx);
	return ret;
}

int cmd_plot(int argc, char **argv)
{
	struct plot_args a = {.conn = -1};
	int ret = parse_args(argc, argv, &a);
	struct session s;
	char err[512];

	if (ret >= 0)
		return ret;
	if (session_open(&s, a.dir, err, sizeof(err)) < 0) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	if (a.conn < 0)
		a.conn = busiest_conn(&s);
	if (a.conn < 0) {
		cli_error(_("%s has no TCP connection to plot (its packets were not captured?)"),
			  a.dir);
		ret = EXIT_USAGE;
	} else {
		ret = write_plot(&s, &a);
	}
	session_close(&s);
	return ret;
}
