/*
 * main.c - socklab: one command, many subcommands.
 *
 * main() finds the subcommand in a table and hands it the rest of the
 * arguments; everything else lives in cli/cmd_*.c.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "cli.h"
#include "host/paths.h"

static const struct command *const commands[] = {
	&cmd_list_info, &cmd_run_info,	&cmd_watch_info, &cmd_trace_info,  &cmd_show_info,
	&cmd_view_info, &cmd_plot_info, &cmd_grade_info, &cmd_doctor_info,
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *out)
{
	fputs(_("usage: socklab COMMAND [ARGS...]\n"
		"\n"
		"socklab shows what your socket programs do: each call, each TCP state, each\n"
		"packet, each process, on one timeline.\n"
		"\n"
		"commands:\n"),
	      out);
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-8s %s\n", commands[i]->name, _(commands[i]->summary));
	fputs(_("\n'socklab COMMAND --help' tells more about one command.\n"), out);
}

static const struct command *find_command(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (strcmp(commands[i]->name, name) == 0)
			return commands[i];
	return NULL;
}

int main(int argc, char **argv)
{
	const struct command *c;

	i18n_init(socklab_localedir());
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		if (argc > 2 && (c = find_command(argv[2])))
			return cli_help(c);
		usage(stdout);
		return EXIT_OK;
	}
	c = find_command(argv[1]);
	if (!c) {
		cli_error(_("'%s' is not a socklab command (see: socklab --help)"), argv[1]);
		return EXIT_USAGE;
	}
	return c->fn(argc - 1, argv + 1);
}
