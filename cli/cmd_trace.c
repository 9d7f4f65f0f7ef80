/*
 * cmd_trace.c - socklab trace [--record DIR] -- PROG ARGS...
 *
 * Runs any program under the tracer and records a session: the program and
 * every process it starts. socklab makes itself a "child subreaper", so a
 * process whose parent dies is handed to socklab rather than to init: the
 * session can follow it, and socklab can wait for it (and say how it ended).
 * The session ends when the last of them has ended.
 */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "collector.h"
#include "paths.h"
#include "procwatch.h"
#include "progcheck.h"
#include "sources.h"
#include "tracee.h"

const struct command cmd_trace_info = {
	"trace",
	cmd_trace,
	"runs any program under the tracer and records a session",
	"usage: socklab trace [--record DIR] -- PROG [ARGS...]\n"
	"\n"
	"Runs PROG with socklab's tracer and records what it does with sockets:\n"
	"every socket call with its result, every process it forks, every child\n"
	"that exits and who reaped it. PROG is your own program, unmodified; it\n"
	"must be dynamically linked (the default when you compile with cc).\n"
	"\n"
	"  --record DIR  save the session in DIR (default: a new folder here,\n"
	"                named after the program and the time)\n"
	"  --help        this text\n"
	"\n"
	"Then:  socklab show DIR    the session as text\n"
	"\n"
	"examples:\n"
	"  socklab trace -- ./echo_server 9190\n"
	"  socklab trace --record client-run -- ./echo_client 127.0.0.1 9190\n",
};

/* How long after the first Ctrl-C the programs may take to end on their
 * own, before socklab asks again, then insists. */
#define GRACE_MS 2000

static volatile sig_atomic_t interrupted;

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted++;
}

/* SIGINT, SIGTERM and SIGHUP end the session, not socklab: the handler
 * only counts, and interrupts waitpid() (no SA_RESTART). */
static void catch_interrupts(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_interrupt;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

/* "socklab-echo_server-20261121-101500" in the current folder; -2, -3...
 * if that exists. */
static char *default_dir(const char *prog)
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

/* Sends sig to every process below socklab. */
static void signal_descendants(int sig)
{
	pid_t pids[1024];
	size_t n = proc_descendants(getpid(), pids, 1024);

	for (size_t i = 0; i < n; i++)
		kill(pids[i], sig);
}

/* After Ctrl-C: give the programs GRACE_MS to end (they got the same
 * Ctrl-C from the terminal), then SIGTERM, then SIGKILL. */
static void escalate(int64_t *since_ms, int *level)
{
	struct timespec ts;
	int64_t now;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	now = ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	if (*since_ms == 0)
		*since_ms = now;
	if (*level < 1 && (now - *since_ms > GRACE_MS || interrupted > 1)) {
		signal_descendants(SIGTERM);
		*level = 1;
		*since_ms = now;
	} else if (*level == 1 && (now - *since_ms > GRACE_MS || interrupted > 2)) {
		signal_descendants(SIGKILL);
		*level = 2;
	}
}

static void say_who_remains(const char *prog)
{
	pid_t pids[64];
	size_t n = proc_descendants(getpid(), pids, 64);

	if (n == 0)
		return;
	fprintf(stderr, "socklab: %s exited; %zu of its processes still run (", prog, n);
	for (size_t i = 0; i < n && i < 8; i++)
		fprintf(stderr, "%s%d", i ? " " : "", (int)pids[i]);
	fprintf(stderr, "%s): recording until they end (Ctrl-C stops)\n", n > 8 ? " ..." : "");
}

/*
 * Waits for the program and everything it started. Every process socklab
 * reaps (the program, and orphans handed to socklab) becomes a "reaped"
 * event. Returns the program's wait status.
 */
static int wait_all(struct collector *c, pid_t top, const char *prog)
{
	int64_t since = 0;
	int level = 0, top_status = 0;

	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, interrupted ? WNOHANG : 0);

		if (pid > 0) {
			collector_reaped(c, getpid(), pid, status, "socklab");
			if (pid == top) {
				top_status = status;
				say_who_remains(prog);
			}
		} else if (pid < 0 && errno == ECHILD) {
			return top_status;
		} else if (interrupted) {
			escalate(&since, &level);
			if (pid == 0)
				usleep(50 * 1000);
		}
	}
}

static void print_summary(const char *dir, const char *prog, int status,
			  const struct collector_summary *sum)
{
	if (WIFSIGNALED(status))
		fprintf(stderr, "socklab: %s was killed by signal %d (%s)", prog, WTERMSIG(status),
			strsignal(WTERMSIG(status)));
	else
		fprintf(stderr, "socklab: %s exited with status %d", prog, WEXITSTATUS(status));
	fprintf(stderr, "; %llu events recorded", (unsigned long long)sum->events);
	if (sum->lost_calls + sum->bad_records)
		fprintf(stderr, ", %llu lost", (unsigned long long)(sum->lost_calls + sum->bad_records));
	fprintf(stderr, "\nsocklab: session saved in %s\n", dir);
	fprintf(stderr, "         as text:  socklab show %s\n", dir);
}

struct trace_args {
	const char *record;
	char **argv; /* the program and its arguments */
};

/* Returns -1 to go on, or the exit status to return at once. */
static int parse_args(int argc, char **argv, struct trace_args *a)
{
	static const struct option options[] = {
		{"record", required_argument, NULL, 'r'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	int opt;

	/* '+': stop at the first non-option, the program to run. */
	while ((opt = getopt_long(argc, argv, "+r:h", options, NULL)) != -1) {
		switch (opt) {
		case 'r':
			a->record = optarg;
			break;
		case 'h':
			return cli_help(&cmd_trace_info);
		default:
			return cli_usage_error(&cmd_trace_info, "unknown option");
		}
	}
	if (optind >= argc)
		return cli_usage_error(&cmd_trace_info, "give the program to run, after --");
	a->argv = argv + optind;
	return -1;
}

/* A folder that already holds a session is never written over. */
static bool holds_session(const char *dir)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/events.jsonl", dir);
	return access(path, F_OK) == 0;
}

int cmd_trace(int argc, char **argv)
{
	struct trace_args a = {0};
	struct collector_options co = {0};
	struct tracee_options to = {.stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1};
	struct collector_summary sum;
	struct collector *c;
	char err[1024];
	const char *preload;
	char *dir;
	int ret = parse_args(argc, argv, &a);
	pid_t pid;

	if (ret >= 0)
		return ret;
	/* Before anything is made on disk: a typo must not leave a folder. */
	if (prog_check(a.argv[0], err, sizeof(err)) < 0) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	if (!(preload = socklab_preload(err, sizeof(err)))) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	dir = a.record ? strdup(a.record) : default_dir(a.argv[0]);
	if (!dir || holds_session(dir)) {
		cli_error("%s already holds a session; give another folder with --record, or "
			  "delete it first",
			  dir ? dir : "?");
		free(dir);
		return EXIT_USAGE;
	}
	co.dir = dir;
	co.command = a.argv;
	co.sources = session_sources;
	c = collector_start(&co, err, sizeof(err));
	if (!c) {
		cli_error("%s", err);
		free(dir);
		return EXIT_USAGE;
	}
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	catch_interrupts();
	to.argv = a.argv;
	to.preload = preload;
	to.ring = collector_ring_path(c);
	pid = tracee_start(&to, err, sizeof(err));
	if (pid < 0) {
		cli_error("%s", err);
		collector_stop(c, &sum);
		free(dir);
		return EXIT_USAGE;
	}
	ret = wait_all(c, pid, a.argv[0]);
	collector_stop(c, &sum);
	print_summary(dir, a.argv[0], ret, &sum);
	free(dir);
	return EXIT_OK;
}
