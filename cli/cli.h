/*
 * cli.h - the socklab command's subcommands.
 *
 * Each subcommand is a function cmd_NAME(argc, argv) that returns the exit
 * status (docs/DESIGN.md, "The command"): 0 success, 1 a checkpoint or a
 * check failed, 2 a usage or environment error -- always with a message
 * that says what to do.
 */
#ifndef SOCKLAB_CLI_H
#define SOCKLAB_CLI_H

#include <signal.h>
#include <stdbool.h>

enum exit_status { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary; /* one line for `socklab --help` */
	const char *usage;   /* the full text of `socklab NAME --help` */
};

int cmd_list(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_trace(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_watch(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_grade(int argc, char **argv);
int cmd_view(int argc, char **argv);
int cmd_plot(int argc, char **argv);

extern const struct command cmd_list_info, cmd_run_info, cmd_trace_info, cmd_show_info,
	cmd_watch_info, cmd_doctor_info, cmd_grade_info, cmd_view_info, cmd_plot_info;

/* "socklab: ..." on stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints what a running scenario says (scenario_options.on_say). */
void cli_say(void *arg, const char *role, const char *text, size_t len);
/* Prints c's usage to stdout (for --help) and returns EXIT_OK. */
int cli_help(const struct command *c);
/* Says how to get help after a usage error, and returns EXIT_USAGE. */
int cli_usage_error(const struct command *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Ctrl-C, SIGTERM and SIGHUP each add 1 to *count: a command stops when it
 * sees it non-zero (trace escalates on the second). restart: a call they
 * interrupt resumes (SA_RESTART), for commands whose waits poll *count;
 * without, a waitpid() in progress returns EINTR at once. (watch, with a
 * collector's threads running, blocks these signals in every thread and
 * sigwait()s for them on its main thread instead.)
 */
void cli_catch_interrupts(volatile sig_atomic_t *count, bool restart);

/* The interface of --iface IF, checked: -1 to go on (*iface is set), or
 * EXIT_USAGE when there is no such interface here (said). */
int cli_take_iface(const struct command *c, const char *name, const char **iface);
/* The connection number of --conn N, checked: -1 to go on (*conn is set),
 * or EXIT_USAGE (said). */
int cli_take_conn(const struct command *c, const char *arg, int *conn);

/* A new session folder here, named after prog and the time:
 * "socklab-echo_server-20261121-101500" (-2, -3... if taken). Free it. */
char *cli_session_dir(const char *prog);
/* True when dir holds a session already: it is never written over. */
bool cli_holds_session(const char *dir);

#endif
