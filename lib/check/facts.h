/*
 * facts.h - what a check knows of the run behind a session: which program
 * played which role, how it ended, what it printed. The scenario
 * (lib/run/) fills it as it runs programs; checks only read it, so the
 * check room does not depend on the run room.
 */
#ifndef SOCKLAB_FACTS_H
#define SOCKLAB_FACTS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#define SCENARIO_MAX_PROCS  64
#define SCENARIO_OUTPUT_MAX (1 << 20) /* bytes kept per program */

/* One program a scenario started. */
struct run_proc {
	char role[32]; /* "server", "client 2" */
	pid_t pid;
	int status; /* as waitpid() gives it; valid when ended */
	bool ended;
	bool killed; /* socklab had to kill it at the end */
	char *out;   /* its stdout and stderr, as written (NUL-terminated) */
	size_t out_len;
	bool out_overflow; /* it wrote more than SCENARIO_OUTPUT_MAX */
	int out_fd;	   /* socklab's end of its output pipe; -1 when closed */
	int in_fd;	   /* its stdin, kept open by scenario_start_typing; or -1 */
};

/* What the scenario knows, for the checks. */
struct run_facts {
	struct run_proc procs[SCENARIO_MAX_PROCS];
	int nprocs;
	bool fix;    /* a lab run with --fix */
	int port;    /* the main port of the run */
	void *extra; /* a lab's or an assignment's own facts */
};

/* The program that had role, or NULL. */
const struct run_proc *run_facts_proc(const struct run_facts *f, const char *role);

#endif
