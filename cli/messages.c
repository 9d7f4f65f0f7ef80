/*
 * messages.c - how every subcommand talks to the user: errors on stderr
 * prefixed "socklab: ", help on stdout.
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
