/*
 * cli.c - what every subcommand shares: its messages and its help.
 *
 * Apart from main.c so that the unit tests, which link every subcommand
 * but not main(), have these too.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("socklab: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int cli_help(const struct command *c)
{
	fputs(c->usage, stdout);
	return EXIT_OK;
}

int cli_usage_error(const struct command *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "socklab %s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see: socklab %s --help)\n", c->name);
	return EXIT_USAGE;
}

/* "socklab-echo_server-20261121-101500" in the current folder; -2, -3...
 * if that exists. */
char *cli_session_dir(const char *prog)
{
	const char *base = strrchr(prog, '/') ? strrchr(prog, '/') + 1 : prog;
	char stamp[32], *dir = NULL;
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	for (int i = 1; i < 100; i++) {
		free(dir);
		if ((i == 1 ? asprintf(&dir, "socklab-%s-%s", base, stamp)
			    : asprintf(&dir, "socklab-%s-%s-%d", base, stamp, i)) < 0)
			return NULL;
		if (access(dir, F_OK) < 0)
			return dir;
	}
	return dir;
}

/* A folder that already holds a session is never written over. */
bool cli_holds_session(const char *dir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/events.jsonl", dir);
	return access(path, F_OK) == 0;
}
