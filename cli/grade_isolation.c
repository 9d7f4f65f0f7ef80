/*
 * grade_isolation.c - how `socklab grade` keeps the submissions from the
 * machine, decided once before anything runs and said once: on stderr at
 * the start, at the head of each report.txt, as "isolation" in result.json
 * ("sandbox", or "container" with --unisolated).
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "grade_cli.h"
#include "grade_export.h"

/*
 * Before anything is made or run: a sandbox can be made here (one is made
 * and let go of), or --unisolated says the machine itself is the cage.
 * Says which, once, on stderr. Returns 0, or -1 when socklab may not
 * grade (said).
 */
int grade_check_isolation(const struct sandbox_limits *lim)
{
	struct sandbox sb;
	char err[1024], ignored[1024];

	if (sandbox_create(&sb, lim, err, sizeof(err)) < 0) {
		cli_error("cannot grade in a sandbox: %s.\n"
			  "Run socklab grade as root (sudo), on a machine that allows network "
			  "and mount namespaces and cgroups; or, if this machine is itself a "
			  "throwaway container (Gradescope's, a CI runner's) or your own, pass "
			  "--unisolated: the programs may then do here whatever its user may",
			  err);
		return -1;
	}
	if (sb.complete)
		fprintf(stderr, "socklab grade: isolation: sandbox%s%s\n",
			sb.missing[0] ? "; " : "", sb.missing);
	else
		fprintf(stderr,
			"socklab grade: isolation: container (--unisolated); not isolated: %s\n",
			sb.missing);
	sandbox_destroy(&sb, ignored, sizeof(ignored));
	return 0;
}

/* Once, at the head of report.txt (the terminal heard it at the start):
 * how the submission was kept from the machine. */
void grade_print_isolation(FILE *out, json_t *res)
{
	const char *missing = grade_jstr(json_object_get(res, "sandbox"), "missing");

	if (strcmp(grade_jstr(res, "isolation"), "sandbox") == 0)
		fprintf(out, "  isolation: sandbox%s%s\n", *missing ? "; " : "", missing);
	else
		fprintf(out, "  isolation: container (--unisolated); not isolated: %s\n",
			*missing ? missing : "unknown");
}
