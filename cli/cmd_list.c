/*
 * cmd_list.c - socklab list: the labs, numbered, with one-line titles.
 */
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "cli.h"
#include "lab/lab.h"

const struct command cmd_list_info = {
	"list",
	cmd_list,
	N_("lists the labs, numbered, with one-line titles"),
	N_("usage: socklab list\n"
	   "\n"
	   "Lists the labs. Run one with: socklab run NUMBER (or its name)\n"),
};

int cmd_list(int argc, char **argv)
{
	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0))
		return cli_help(&cmd_list_info);
	if (argc > 1)
		return cli_usage_error(&cmd_list_info, _("takes no arguments"));
	if (!socklab_labs[0]) {
		puts(_("No labs are installed yet."));
		return EXIT_OK;
	}
	for (size_t i = 0; socklab_labs[i]; i++)
		printf("%3d  %-16s %s\n", socklab_labs[i]->number, socklab_labs[i]->name,
		       _(socklab_labs[i]->title));
	puts(_("\nRun one with: socklab run NUMBER   (or: socklab run NAME)"));
	return EXIT_OK;
}
