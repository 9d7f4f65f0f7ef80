/*
 * cmd_view.c - socklab view DIR: a recorded session in the viewer.
 */
#include <getopt.h>
#include <stdio.h>

#include "base/i18n.h"
#include "cli.h"
#include "viewer/viewer.h"

const struct command cmd_view_info = {
	"view",
	cmd_view,
	N_("replays a recorded session in the terminal viewer"),
	N_("usage: socklab view DIR [--ascii]\n"
	   "\n"
	   "Replays the session recorded in DIR: the ladder diagram (one column per\n"
	   "endpoint, time running down, one arrow per segment), beside it the\n"
	   "sockets, the processes and the events, all as of the event you are on.\n"
	   "\n"
	   "  q           quit                 ?          every key\n"
	   "  Space       play / pause         Left Right one event back / forward\n"
	   "  n p         next / previous packet or state change\n"
	   "  Home End    the first / last event\n"
	   "  Tab         next pane            /          filter (pid, :port, call)\n"
	   "  Enter       focus the ladder on a connection (in the sockets pane)\n"
	   "  g           the connection's time-sequence graph (g again: back)\n"
	   "\n"
	   "  --ascii     draw lines with ASCII, not UTF-8 (also: SOCKLAB_ASCII=1)\n"
	   "  --help      this text\n"
	   "\n"
	   "NO_COLOR=1 turns colours off. For the same picture as text: socklab show DIR\n"),
};

int cmd_view(int argc, char **argv)
{
	static const struct option options[] = {
		{"ascii", no_argument, NULL, 'a'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct viewer_options vo = {0};
	char err[512];
	int opt;

	while ((opt = getopt_long(argc, argv, "+ah", options, NULL)) != -1) {
		switch (opt) {
		case 'a':
			vo.ascii = true;
			break;
		case 'h':
			return cli_help(&cmd_view_info);
		default:
			return cli_usage_error(&cmd_view_info, _("unknown option"));
		}
	}
	if (optind != argc - 1)
		return cli_usage_error(&cmd_view_info, _("give one session folder"));
	if (viewer_run_replay(argv[optind], &vo, err, sizeof(err)) < 0) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}
