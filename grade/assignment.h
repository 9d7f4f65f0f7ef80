/*
 * assignment.h - what an assignment is, and the helpers its scenario and
 * checks use.
 *
 * An assignment is a lab turned around: the program under test is the
 * student's, and socklab's own clients and servers (the drivers, in
 * grade/drivers/) play the other side. Both run traced into one session,
 * so a check can quote either side: the driver's "1 MiB message: 65536 of
 * 1048576 bytes came back" and the server's recv() that took the first
 * 64 KiB for the whole message.
 *
 * The student's program runs in the run's sandbox (lib/sandbox/sandbox.h): its own
 * user, network namespace, cgroup and limits. The drivers run in the same
 * network namespace, as socklab's user, out of the student's reach -- and
 * touch no file: one that writes into the student's folder (the files a
 * file server is given) runs in the sandbox, as its user, in its view
 * (grade_start_driver_in_sandbox), where a link the student made there
 * leads to nothing of root's.
 *
 *   static int echo_run(struct grade_run *g)
 *   {
 *           pid_t server = grade_start_program(g, "server", NULL);
 *           if (server < 0 || grade_wait_listen(g, server, g->port, false) < 0)
 *                   return -1;
 *           grade_start_driver(g, "echo client", ARGV("tcp_client", "echo", g->ip,
 *                              g->port_str), NULL);
 *           ...
 *   }
 */
#ifndef SOCKLAB_ASSIGNMENT_H
#define SOCKLAB_ASSIGNMENT_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "check/check.h"
#include "check/evidence.h"
#include "check/fdhold.h"
#include "run/scenario.h"
#include "sandbox/sandbox.h"

#define GRADE_PROBLEMS	    8
#define GRADE_NOTES	    4
#define GRADE_MARKS	    4
#define GRADE_LINE	    400
#define GRADE_STUDENT_PROCS 8

/* How long socklab waits, in ms: generous, for a loaded machine. */
#define GRADE_LISTEN_MS 10000 /* for the program to listen */
#define GRADE_DRIVER_MS 30000 /* for a driver to finish its part */

/* One run of an assignment against one program. */
struct grade_run {
	struct scenario *s;
	struct sandbox *sb;
	const char *program; /* the student's program, a path */
	const char *args;    /* its arguments: "{port}", "-p {port}" */
	const char *drivers; /* the folder of the grader's own programs */
	const char *workdir; /* the submission's folder: the program may read it */
	const char *file;    /* what "{file}" in args stands for (file-transfer); or NULL */
	char ip[16];	     /* the address the program serves on: "127.0.0.1" */
	int port;	     /* the port the program is graded on: a free one, --port,
			      * or the one it listens on when it ignores ours */
	char port_str[16];
	int port_fixed; /* --port N: the program takes no port; 0 */
	/* What went wrong with the program as a whole, in sentences for the
	 * student ("it crashed: killed by SIGSEGV"), shown above the checks. */
	char problems[GRADE_PROBLEMS][GRADE_LINE];
	int nproblems;
	/* Facts about how the program was run, for the report (grade_note). */
	char notes[GRADE_NOTES][GRADE_LINE];
	int nnotes;
	/* Times (session ns) an assignment marks for its checks: "the clients
	 * have all left". -1 when not reached. */
	int64_t marks[GRADE_MARKS];
	/* The student's programs started so far (watched for floods). */
	pid_t students[GRADE_STUDENT_PROCS];
	int given[GRADE_STUDENT_PROCS]; /* ... the port each was given */
	int nstudents;
	/* Programs socklab had to stop because they did not end in time. */
	pid_t stopped[GRADE_STUDENT_PROCS];
	int nstopped;
	/* Processes the kernel killed for the sandbox's memory limit, as
	 * counted so far; such a process ends by SIGKILL, which alone would not
	 * tell the student why. t_before_oom: socklab's last look before it
	 * saw the first (the victim ended after it). */
	int oom_kills;
	int64_t t_looked, t_before_oom;
	/* What the kernel saw, for the verdicts (kview.h); NULL if it could
	 * not be had. */
	struct kview *kv;
};

struct kview;

struct assignment {
	const char *name;      /* "echo-fork": what `socklab grade` takes; stable */
	const char *title;     /* one line */
	const char *usage;     /* how the program is called: "prog PORT" */
	const char *args;      /* its arguments by default: "{port}" */
	const char *prog_hint; /* a word in the program's name, when a Makefile
				* builds several ("server") */
	/* Runs the scenario. Returns 0, or -1 when it had to stop early (the
	 * reason is in the problems, or scenario_error()). */
	int (*run)(struct grade_run *g);
	const struct check *checks; /* ends with {NULL}; names are stable */
	/* Processes and threads at once in the sandbox, when the assignment
	 * needs more than its limit (a fork or a thread for each of 100
	 * clients connected at once); 0: the sandbox's own. */
	int nproc;
};

/* Every assignment, ending with NULL; and one by name, or NULL. */
extern const struct assignment *const grade_assignments[];
const struct assignment *assignment_find(const char *name);

/* ---- for an assignment's scenario ----------------------------------- */

/* Starts the student's program with the run's arguments ({ip}, {port},
 * {file} replaced; port 0 means g->port), in the sandbox, as role. input
 * as for scenario_start. Returns the pid, or -1 (a problem is noted). */
pid_t grade_start_program(struct grade_run *g, const char *role, int port, const char *input);

/* The same, in the sandbox: as its user, in its cgroup and view of the
 * files, with its limits. For a driver that writes into the work folder. */
pid_t grade_start_driver_in_sandbox(struct grade_run *g, const char *role, char *const argv[],
				    const char *input);

/* Starts one of the grader's programs (argv[0] names it in g->drivers) in
 * the run's network namespace. Returns the pid, or -1 (noted). */
pid_t grade_start_driver(struct grade_run *g, const char *role, char *const argv[],
			 const char *input);

/*
 * Waits up to GRADE_LISTEN_MS for the program pid to listen on port,
 * watching it meanwhile: a program that ends, forks without end or floods
 * its output stops the wait, with a problem noted. Returns 0 when it
 * listens. A program that listens on another port than g->port, ignoring
 * its argument, is graded there: g->port becomes its port, and a note
 * says so. flags: GRADE_UDP waits for a UDP socket bound to port;
 * GRADE_QUIET notes no problem when the program ends or never listens (a
 * check will say it).
 */
enum { GRADE_UDP = 1, GRADE_QUIET = 2 };
int grade_wait_listen(struct grade_run *g, pid_t pid, int port, int flags);

/* Waits up to timeout_ms for pid to end, watching the student's program as
 * above. Returns 0 when it ended, -1 when not (or the run must stop). */
int grade_wait(struct grade_run *g, pid_t pid, int timeout_ms);

/* Waits up to timeout_ms until pid has printed text. Returns 0 or -1. */
int grade_wait_output(struct grade_run *g, pid_t pid, const char *text, int timeout_ms);

/* Stops pid (and its process group) because it did not end in time, and
 * remembers it (grade_was_stopped). Returns 0 once it has ended. */
int grade_stop(struct grade_run *g, pid_t pid);
bool grade_was_stopped(const struct grade_run *g, pid_t pid);

/* Looks whether the sandbox's memory limit has killed a process since the
 * last look (g->oom_kills). The waits above do it between two slices; the
 * run does it once more at its end. */
void grade_watch_memory(struct grade_run *g);

/* Lets ms pass, watching the student's program. Returns -1 if the run must
 * stop. */
int grade_sleep(struct grade_run *g, int ms);

/* "exited with status 1", "was killed by SIGSEGV" from a waitpid status. */
void grade_describe_status(int status, char *out, size_t cap);

/* Marks now as time number i, for the checks (g->marks[i]). */
void grade_mark(struct grade_run *g, int i);

/* Notes a problem with the program as a whole (kept once). */
void grade_problem(struct grade_run *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Notes a fact about how the program was run, not a fault ("listens on
 * 9877, not on the port it was given: it ignores its argument"). */
void grade_note(struct grade_run *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- for an assignment's checks --------------------------------------- */

/* The run behind a check (facts->extra). */
const struct grade_run *grade_run_of(const struct check_ctx *c);

/* The student's program a process belongs to, as its role ("the
 * server"), its first process in *root; NULL when pid is none of theirs. */
const char *grade_student_role(const struct grade_run *g, const struct check_ctx *c, pid_t pid,
			       pid_t *root);
/* The run's problems beside the checks (runnotes.c): processes killed for
 * the memory limit, crashes and the call each died in, clients that
 * connected elsewhere than they were told. */
void grade_note_oom_kills(struct grade_run *g, const struct check_ctx *c);
void grade_note_crashes(struct grade_run *g, const struct check_ctx *c);
void grade_note_client_ports(struct grade_run *g, const struct check_ctx *c);

/* The run's first problem ("the server crashed ..."), or NULL. A check that
 * fails gives it as the reason rather than guess another. */
const char *run_trouble(const struct check_ctx *c);

/*
 * Preconditions: what must have happened for a check to judge -- a
 * connection made, a client served, a child forked. A check states them
 * first, by asking them; the first that is unmet makes it NOT CHECKED
 * (check_skip), saying what did not happen and why, and returns false --
 * so no check passes, or fails, on something that never happened:
 *
 *   if (!need_ran(c, r, "echo client") || !need_connected(c, r, "echo client"))
 *           return;
 */

/* role's program started. */
bool need_ran(const struct check_ctx *c, struct check_result *r, const char *role);

/* The scenario reached mark (g->marks[mark]); what says it in words ("every
 * client had left"). */
bool need_reached(const struct check_ctx *c, struct check_result *r, int mark, const char *what);

/* role (or a process it started) made a connection: a connect() that
 * succeeded. When not, names the address it tried and how that ended. */
bool need_connected(const struct check_ctx *c, struct check_result *r, const char *role);

/* role's program (or its children) accepted a connection. */
bool need_accepted(const struct check_ctx *c, struct check_result *r, const char *role);

/* Any other precondition: met, or not checked with the sentence. */
bool need(const struct check_ctx *c, struct check_result *r, bool met, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Assignments written before the preconditions: NOT CHECKED (returning
 * true) when role never ran, or the run never reached mark. New checks
 * ask need_ran() and need_reached(), which say what did not happen. */
bool fail_if_not_run(const struct check_ctx *c, struct check_result *r, const char *role);
bool fail_if_not_reached(const struct check_ctx *c, struct check_result *r, int mark);

/* role's first successful connect(), or NULL. */
const struct event *grade_connected(const struct check_ctx *c, const char *role);

/* echo-fork's echo check (grade/echo_fork.c), which echo-select shares:
 * the "echo client" driver's 200 small messages and 1 MiB came back. */
void echo_exact(const struct check_ctx *c, struct check_result *r);

#endif
