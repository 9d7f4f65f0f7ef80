/*
 * cmd_doctor.c - socklab doctor: what this machine allows, and what each
 * missing piece takes away.
 */
#include <getopt.h>
#include <stdio.h>

#include "base/i18n.h"
#include "cli.h"
#include "host/doctor.h"

const struct command cmd_doctor_info = {
	"doctor",
	cmd_doctor,
	N_("says what this machine allows (root, capture, tracefs, namespaces)"),
	N_("usage: socklab doctor\n"
	   "\n"
	   "Tries what socklab uses -- root, the tracer library, packet capture on lo,\n"
	   "a tracefs instance, sock_diag, a network namespace, an nftables loss rule,\n"
	   "the netem qdisc -- undoes each try, and says what works and what a\n"
	   "missing piece takes away.\n"
	   "\n"
	   "Exit status: 0 when everything works, 1 when something is missing\n"
	   "(socklab still runs, with less), 2 for a usage error.\n"),
};

static void print_check(const struct doctor_check *c)
{
	printf("  %-8s %-10s %s\n", c->ok ? "ok" : "MISSING", c->name, c->found);
	if (!c->ok)
		printf("  %-8s %-10s -> %s\n", "", "", c->without);
}

int cmd_doctor(int argc, char **argv)
{
	static const struct option options[] = {
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct doctor_check checks[DOCTOR_MAX_CHECKS];
	size_t n, missing = 0;
	int opt;

	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h')
			return cli_help(&cmd_doctor_info);
		return cli_usage_error(&cmd_doctor_info, _("unknown option"));
	}
	if (optind != argc)
		return cli_usage_error(&cmd_doctor_info, _("doctor takes no arguments"));
	printf(_("socklab doctor: what this machine allows\n\n"));
	n = doctor_run(checks);
	for (size_t i = 0; i < n; i++) {
		print_check(&checks[i]);
		missing += !checks[i].ok;
	}
	if (missing)
		printf(_("\n%zu of %zu missing: socklab still runs, and says in each session what "
			 "it could not record.\n"),
		       missing, n);
	else
		printf(_("\neverything socklab uses works here.\n"));
	return missing ? EXIT_FAILED : EXIT_OK;
}
