/*
 * interrupt.c - how a command learns that it must stop: Ctrl-C (SIGINT),
 * SIGTERM or SIGHUP. The one setup for every command that polls a flag
 * (trace, run, grade); see cli.h.
 */
#include <signal.h>
#include <stddef.h>
#include <string.h>

#include "cli.h"

static volatile sig_atomic_t *interrupts;

static void on_interrupt(int sig)
{
	(void)sig;
	(*interrupts)++;
}

void cli_catch_interrupts(volatile sig_atomic_t *count, bool restart)
{
	static const int endings[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;

	interrupts = count;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sa.sa_flags = restart ? SA_RESTART : 0;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++)
		sigaction(endings[i], &sa, NULL);
}
