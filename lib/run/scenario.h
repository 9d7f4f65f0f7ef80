/*
 * scenario.h - running programs together under the tracer, as one session.
 *
 * A lab's scenario (and a grading assignment) is a short C function that
 * starts programs in order, waits for them, and ends:
 *
 *   scenario_step(s, "start the server on port %d", port);
 *   server = scenario_start(s, "server", ARGV("server", port_str), NULL);
 *   scenario_wait_listen(s, port, 5000);
 *   client = scenario_start(s, "client", ARGV("client", "127.0.0.1", port_str), "hello\n");
 *   scenario_wait(s, client, 5000);
 *
 * Every program runs in a session of its own (no controlling terminal),
 * with stdin from /dev/null or from a pipe socklab owns.
 * Every program is traced into the scenario's session. Its standard output
 * and error are captured: kept for the checks (run_facts, check/facts.h), written into the
 * session as "output" notes, and echoed to the terminal with its role as a
 * prefix unless the scenario is quiet. socklab reaps every process that
 * ends -- its own children and orphans handed to it -- and notes how each
 * ended.
 */
#ifndef SOCKLAB_SCENARIO_H
#define SOCKLAB_SCENARIO_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "check/facts.h"
#include "collect/collector.h"

/* An argv array from a list: ARGV("client", "127.0.0.1", "9190"). */
#define ARGV(...) ((char *const[]){__VA_ARGS__, NULL})

struct scenario_options {
	const char *dir;      /* session folder */
	char *const *command; /* for session.json */
	const char *progdir;  /* a program named without '/' is looked up here */
	/* What the run says as it goes: each step (role NULL), and each line
	 * a program prints (with its role). The library prints nothing: NULL
	 * keeps it all in the session only; cli_say() prints it. */
	void (*on_say)(void *arg, const char *role, const char *text, size_t len);
	void *on_say_arg;
	const struct source *const *sources;			   /* NULL: session_sources */
	void (*on_event)(void *arg, const char *line, size_t len); /* live viewer */
	void *on_event_arg;
	/* Run in each program's child before exec (a sandbox, a network
	 * namespace); async-signal-safe only; returns 0 or an errno. */
	int (*in_child)(void *arg);
	void *in_child_arg;
	/* The environment every program starts with (then socklab's
	 * LD_PRELOAD and SOCKLAB_RING); NULL: socklab's own. The grader gives
	 * a clean one, kept by the caller until scenario_end(). */
	char *const *env;
	/* When *stop becomes non-zero (Ctrl-C), waits give up at once. */
	volatile sig_atomic_t *stop;
	/* Permissions of the session's ring; 0 means 0600. Programs that run
	 * as another user (the grader's sandbox) need 0666. */
	int ring_mode;
	/* Where packets are captured, and whether socklab stays root under
	 * sudo: as in collector_options. */
	const char *capture_iface;
	const char *capture_netns;
	bool keep_root;
	/* What the session's ring may tell: as in collector_options. */
	const struct collector_intake *intake;
};

struct scenario;

struct scenario *scenario_begin(const struct scenario_options *o, char *err, size_t errlen);

/* Starts argv as role. input, if not NULL, is written to its stdin, which
 * is then closed; otherwise stdin is /dev/null. Returns the pid, or -1
 * (the reason is in scenario_error()). */
pid_t scenario_start(struct scenario *s, const char *role, char *const argv[], const char *input);

/* The same, inside the network namespace netns: a name as `ip netns` makes
 * them (/run/netns/NAME) or a path; NULL is socklab's own. */
pid_t scenario_start_in(struct scenario *s, const char *netns, const char *role, char *const argv[],
			const char *input);

/*
 * The same, with a standard input that stays open, as a user at a keyboard
 * (netns as for scenario_start_in): scenario_type() writes to it, and
 * scenario_type_end() closes it, as Ctrl-D would. A client that must stay
 * connected while other things happen is started this way.
 */
pid_t scenario_start_typing(struct scenario *s, const char *netns, const char *role,
			    char *const argv[]);
/* Writes text to pid's stdin. Returns 0, or -1 (it ended, or was not
 * started with scenario_start_typing). */
int scenario_type(struct scenario *s, pid_t pid, const char *text);
void scenario_type_end(struct scenario *s, pid_t pid);

/* Waits until pid has printed text (stdout or stderr). Returns 0, or -1
 * after timeout_ms, or once it ended without printing it. */
int scenario_wait_output(struct scenario *s, pid_t pid, const char *text, int timeout_ms);

/* Changes in_child (see scenario_options) for the programs started from
 * now on: a grader sandboxes the student's program, not its own. */
void scenario_set_in_child(struct scenario *s, int (*in_child)(void *arg), void *arg);

/* Waits until a TCP socket listens on port (or, for udp, a socket is bound
 * to it). Returns 0, or -1 after timeout_ms. */
int scenario_wait_listen(struct scenario *s, int port, int timeout_ms);
int scenario_wait_udp(struct scenario *s, int port, int timeout_ms);

/* Waits for pid to end. Returns 0, or -1 after timeout_ms. */
int scenario_wait(struct scenario *s, pid_t pid, int timeout_ms);

/*
 * Threads, held and watched, for labs about threads (lib/run/threads.c).
 *
 * scenario_hold_threads(s, true): from now on each new thread of a traced
 * program waits, before its start routine runs, until its process calls
 * pthread_create() again -- or until scenario_hold_threads(s, false), or
 * 10 s. A scheduler may run threads in that order any time; a lab makes
 * it happen every time (see lib/tracer/threadcalls.c).
 *
 * scenario_wait_blocked() waits until exactly n threads of pid are blocked
 * inside the system call of call ("accept", "recv", "read", "epoll"), from
 * /proc/PID/task/TID/syscall (lib/collect/blocked.h). Returns the tid of one of them (0 when n is
 * 0), or -1 after timeout_ms (or once pid ended).
 *
 * scenario_wait_threads() waits until pid has exactly n threads (the main
 * one counts). A thread that has left a blocked call is no longer blocked
 * in it, but it may not have recorded the call yet; one that has ended
 * has: wait for this before stopping a program whose last calls the
 * checkpoints read. Returns 0, or -1 after timeout_ms (or once pid ended).
 */
void scenario_hold_threads(struct scenario *s, bool on);
pid_t scenario_wait_blocked(struct scenario *s, pid_t pid, const char *call, int n, int timeout_ms);
int scenario_wait_threads(struct scenario *s, pid_t pid, int n, int timeout_ms);

/* True when pid's output so far holds text; *overflow (if not NULL) says
 * whether it wrote more than SCENARIO_OUTPUT_MAX. */
bool scenario_output_has(struct scenario *s, pid_t pid, const char *text, bool *overflow);

void scenario_kill(struct scenario *s, pid_t pid, int sig);
void scenario_sleep(struct scenario *s, int ms);

/* A note in the session, kind "step": what the scenario does now. */
void scenario_step(struct scenario *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A note of any kind. */
void scenario_note(struct scenario *s, const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The last error, in a sentence. */
const char *scenario_error(const struct scenario *s);
/* A scenario's own reason to stop ("cannot drop packets: ..."): it becomes
 * scenario_error(), and a step note of the session. Returns -1, for
 * `return scenario_fail(s, ...);`. */
int scenario_fail(struct scenario *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct run_facts *scenario_facts(struct scenario *s);
struct collector *scenario_collector(struct scenario *s);
/* The run_proc of pid, or NULL. */
struct run_proc *scenario_proc(struct scenario *s, pid_t pid);

/*
 * Ends the scenario: what still runs gets SIGTERM, then SIGKILL after
 * grace_ms; everything is reaped; the session is written. The facts stay
 * valid until scenario_free().
 */
void scenario_end(struct scenario *s, int grace_ms, struct collector_summary *sum);
void scenario_free(struct scenario *s);

/* A port that is free now for TCP and for UDP alike, on every address
 * (the kernel's pick for TCP, checked for UDP), or -1. */
int scenario_free_port(void);

#endif
