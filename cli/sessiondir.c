/*
 * sessiondir.c - session folders, shared by the subcommands that record
 * (trace, watch).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "session/sessionfile.h"

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

	session_file(path, sizeof(path), dir, SESSION_EVENTS);
	return access(path, F_OK) == 0;
}
