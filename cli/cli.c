/*
 * cli.c - what every subcommand shares: its messages and its help.
 *
 * Apart from main.c so that the unit tests, which link every subcommand
 * but not main(), have these too.
 */
#include <stdarg.h>
#include <stdio.h>

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
