/*
 * messages.c - how every subcommand talks to the user: errors on stderr
 * prefixed "socklab: ", help on stdout.
 */
#include <net/if.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/i18n.h"
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
	fputs(_(c->usage), stdout);
	return EXIT_OK;
}

int cli_usage_error(const struct command *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "socklab %s: ", c->name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, _("\n(see: socklab %s --help)\n"), c->name);
	return EXIT_USAGE;
}

int cli_take_iface(const struct command *c, const char *name, const char **iface)
{
	if (if_nametoindex(name) == 0)
		return cli_usage_error(c,
				       _("--iface %s: there is no such network interface here "
					 "(ip link lists them)"),
				       name);
	*iface = name;
	return -1;
}

int cli_take_conn(const struct command *c, const char *arg, int *conn)
{
	char *end;
	long n = strtol(arg, &end, 10);

	if (*arg == '\0' || *end || n < 0 || n > 1 << 24)
		return cli_usage_error(c, _("--conn takes a connection number, not '%s'"), arg);
	*conn = (int)n;
	return -1;
}

/* A scenario's on_say: a step as a line of its own, a program's line
 * indented under its role, on stderr (stdout is the report's). */
void cli_say(void *arg, const char *role, const char *text, size_t len)
{
	(void)arg;
	if (role)
		fprintf(stderr, "  [%s] %.*s\n", role, (int)len, text);
	else
		fprintf(stderr, "%.*s\n", (int)len, text);
}
