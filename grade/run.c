/*
 * run.c - starting and watching programs for an assignment's scenario.
 *
 * Every wait here is a loop of short waits, and between two of them the
 * student's program is looked at: has it filled the sandbox with processes
 * (a fork bomb), has it written more output than socklab keeps (a flood)?
 * Either ends the part of the run that waits, with a problem noted for the
 * report, instead of letting it burn the machine until a timeout.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "assignment.h"
#include "grade.h"
#include "kview.h"
#include "sandbox/ports.h"

#define SLICE_MS 100
/* Far more processes than any run of an assignment needs. */
#define GRADE_MAX_STARTED 1000
#define MAX_ARGS	  32

/* Adds a sentence to lines (n of max), once, and into the session as a
 * step ("problem: ...") while it is still being recorded. */
static void keep_line(struct grade_run *g, char (*lines)[GRADE_LINE], int *n, int max,
		      const char *kind, const char *fmt, va_list ap)
{
	char text[GRADE_LINE];

	vsnprintf(text, sizeof(text), fmt, ap);
	for (int i = 0; i < *n; i++)
		if (strcmp(lines[i], text) == 0)
			return;
	if (*n == max)
		return;
	memcpy(lines[(*n)++], text, sizeof(text));
	if (scenario_collector(g->s))
		scenario_note(g->s, "step", "%s: %s", kind, text);
}

void grade_problem(struct grade_run *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	keep_line(g, g->problems, &g->nproblems, GRADE_PROBLEMS, "problem", fmt, ap);
	va_end(ap);
}

void grade_note(struct grade_run *g, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	keep_line(g, g->notes, &g->nnotes, GRADE_NOTES, "note", fmt, ap);
	va_end(ap);
}

void grade_mark(struct grade_run *g, int i)
{
	if (i < 0 || i >= GRADE_MARKS)
		return;
	kview_mark(g, i);
	g->marks[i] = collector_now(scenario_collector(g->s));
}

/* Which of words (n of them) starts at at, within left bytes; n for none. */
static size_t template_word(const char *at, size_t left, const char *const words[], size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (strlen(words[k]) <= left && strncmp(at, words[k], strlen(words[k])) == 0)
			return k;
	return n;
}

/* One argument of the template with {ip}, {port} and {file} replaced
 * (cut at 4 KiB: no path a program takes is longer). */
static char *expand_arg(const struct grade_run *g, const char *word, size_t len, int port)
{
	static const char *const words[] = {"{port}", "{ip}", "{file}"};
	char out[4096], num[16];
	const char *values[] = {num, g->ip, g->file ? g->file : ""};
	size_t n = 0, k;

	snprintf(num, sizeof(num), "%d", port);
	for (size_t i = 0; i < len && n + 1 < sizeof(out);) {
		k = template_word(word + i, len - i, words, 3);
		if (k == 3) {
			out[n++] = word[i++];
			continue;
		}
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s", values[k]);
		n = n < sizeof(out) ? n : sizeof(out) - 1;
		i += strlen(words[k]);
	}
	out[n] = '\0';
	return strdup(out);
}

/* argv for the student's program: the path, then the template's words. */
static int program_argv(const struct grade_run *g, int port, char *argv[MAX_ARGS + 2])
{
	const char *p = g->args;
	int n = 0;

	argv[n++] = (char *)g->program;
	while (*p && n <= MAX_ARGS) {
		size_t len;

		p += strspn(p, " \t");
		len = strcspn(p, " \t");
		if (len && !(argv[n++] = expand_arg(g, p, len, port)))
			return -1;
		p += len;
	}
	argv[n] = NULL;
	return n;
}

pid_t grade_start_program(struct grade_run *g, const char *role, int port, const char *input)
{
	char *argv[MAX_ARGS + 2];
	int n = program_argv(g, port ? port : g->port, argv);
	pid_t pid = -1;

	if (n > 0) {
		scenario_set_in_child(g->s, sandbox_enter, g->sb);
		pid = scenario_start_in(g->s, NULL, role, argv, input);
		scenario_set_in_child(g->s, NULL, NULL);
	}
	for (int i = 1; i < n; i++)
		free(argv[i]);
	if (pid < 0) {
		grade_problem(g, "the %s could not start: %s", role, scenario_error(g->s));
	} else if (g->nstudents < GRADE_STUDENT_PROCS) {
		g->given[g->nstudents] = port ? port : g->port;
		g->students[g->nstudents++] = pid;
	}
	return pid;
}

/* A driver, in the network namespace, or (sandboxed) in the sandbox. */
static pid_t start_driver(struct grade_run *g, const char *role, char *const argv[],
			  const char *input, bool sandboxed)
{
	const char *netns = g->sb->netns[0] && !sandboxed ? g->sb->netns : NULL;
	char path[4096], *args[MAX_ARGS + 2];
	pid_t pid;
	int i;

	snprintf(path, sizeof(path), "%s/%s", g->drivers, argv[0]);
	args[0] = path;
	for (i = 1; argv[i] && i <= MAX_ARGS; i++)
		args[i] = argv[i];
	args[i] = NULL;
	if (sandboxed)
		scenario_set_in_child(g->s, sandbox_enter, g->sb);
	pid = scenario_start_in(g->s, netns, role, args, input);
	if (sandboxed)
		scenario_set_in_child(g->s, NULL, NULL);
	if (pid < 0)
		grade_problem(g, "socklab's %s could not start: %s", role, scenario_error(g->s));
	return pid;
}

pid_t grade_start_driver(struct grade_run *g, const char *role, char *const argv[],
			 const char *input)
{
	return start_driver(g, role, argv, input, false);
}

pid_t grade_start_driver_in_sandbox(struct grade_run *g, const char *role, char *const argv[],
				    const char *input)
{
	return start_driver(g, role, argv, input, true);
}

/* "exited with status 1", "was killed by SIGSEGV" */
void grade_describe_status(int status, char *out, size_t cap)
{
	if (WIFSIGNALED(status))
		snprintf(out, cap, "was killed by SIG%s", sigabbrev_np(WTERMSIG(status)) ?: "?");
	else
		snprintf(out, cap, "exited with status %d", WEXITSTATUS(status));
}

void grade_watch_memory(struct grade_run *g)
{
	int kills = sandbox_oom_kills(g->sb);

	if (kills > g->oom_kills) {
		if (g->oom_kills == 0)
			g->t_before_oom = g->t_looked;
		g->oom_kills = kills;
	}
	g->t_looked = collector_now(scenario_collector(g->s));
}

/* The role of the student's program started last ("server"): the one
 * that runs now, as far as socklab can tell. */
static const char *current_role(const struct grade_run *g)
{
	struct run_proc *p =
		g->nstudents ? scenario_proc(g->s, g->students[g->nstudents - 1]) : NULL;

	return p ? p->role : "program";
}

/* Looks at the student's programs between two waits. Returns -1 when the
 * run must stop: a fork bomb, or a flood of output (both stopped here). */
static int watch(struct grade_run *g)
{
	int live = sandbox_count(g->sb);

	grade_watch_memory(g);
	kview_watch(g);
	if (live >= g->sb->lim.nproc) {
		grade_problem(g,
			      "the %s started processes without end (a fork bomb): they reached "
			      "the limit of %d processes at once, and socklab stopped them. Look "
			      "for a fork() that children run too, or a loop around fork() that "
			      "never ends",
			      current_role(g), g->sb->lim.nproc);
		sandbox_kill(g->sb, 2000);
		return -1;
	}
	if (sandbox_seen(g->sb) > GRADE_MAX_STARTED) {
		grade_problem(g,
			      "the %s started more than %d processes, one after another, "
			      "without end: socklab stopped it",
			      current_role(g), GRADE_MAX_STARTED);
		sandbox_kill(g->sb, 2000);
		return -1;
	}
	for (int i = 0; i < g->nstudents; i++) {
		bool overflow = false;

		scenario_output_has(g->s, g->students[i], "", &overflow);
		if (overflow && !grade_was_stopped(g, g->students[i])) {
			grade_problem(g,
				      "the %s printed more than %d MiB (a flood of output), and "
				      "socklab stopped it",
				      scenario_proc(g->s, g->students[i])->role,
				      SCENARIO_OUTPUT_MAX >> 20);
			grade_stop(g, g->students[i]);
			return -1;
		}
	}
	return 0;
}

/* How a program of the run ended, for a problem: "was killed by SIGSEGV",
 * or, when the sandbox's memory limit killed it, that. */
static void describe_end(struct grade_run *g, int status, char *out, size_t cap)
{
	grade_watch_memory(g);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL && g->oom_kills > 0)
		snprintf(out, cap,
			 "was killed for using more than %d MiB of memory (the limit "
			 "of the sandbox)",
			 g->sb->lim.mem_mb);
	else
		grade_describe_status(status, out, cap);
}

/* Whether pid (a program of the run) has ended; its status in *status. */
static bool ended(struct grade_run *g, pid_t pid, int *status)
{
	struct run_proc *p = scenario_proc(g->s, pid);

	if (p && p->ended && status)
		*status = p->status;
	return p && p->ended;
}

/*
 * pid listens (or, udp, is bound) on another port than port: a program
 * that ignores its argument (UNP's SERV_PORT 9877, a student's #define
 * PORT 9190). When port is the run's, the run goes on there, and says so.
 * Returns the port it listens on, or 0.
 */
static int listens_elsewhere(struct grade_run *g, pid_t pid, int port, bool udp)
{
	int own = proc_listen_port(pid, udp);

	if (own <= 0 || own == port)
		return 0;
	if (port == g->port) {
		g->port = own;
		snprintf(g->port_str, sizeof(g->port_str), "%d", own);
		scenario_facts(g->s)->port = own;
		grade_note(g,
			   "the %s listens on %d, not on the port it was given: it ignores its "
			   "argument (it was given %d; graded on %d)",
			   scenario_proc(g->s, pid)->role, own, port, own);
	}
	return own;
}

int grade_wait_listen(struct grade_run *g, pid_t pid, int port, int flags)
{
	struct run_proc *p = scenario_proc(g->s, pid);
	bool udp = flags & GRADE_UDP, quiet = flags & GRADE_QUIET;
	const char *listens = udp ? "bound" : "listened on";
	char how[128];
	int status;

	for (int waited = 0; waited < GRADE_LISTEN_MS; waited += SLICE_MS) {
		int ret = udp ? scenario_wait_udp(g->s, port, SLICE_MS)
			      : scenario_wait_listen(g->s, port, SLICE_MS);
		if (ret == 0 || listens_elsewhere(g, pid, port, udp))
			return 0;
		if (ended(g, pid, &status)) {
			describe_end(g, status, how, sizeof(how));
			if (!quiet)
				grade_problem(g, "the %s %s before it %s port %d", p->role, how,
					      listens, port);
			return -1;
		}
		if (watch(g) < 0)
			return -1;
	}
	if (!quiet)
		grade_problem(g, "the %s had not %s port %d (nor any other) after %d s",
			      p ? p->role : "program", listens, port, GRADE_LISTEN_MS / 1000);
	return -1;
}

int grade_wait(struct grade_run *g, pid_t pid, int timeout_ms)
{
	for (int waited = 0; waited < timeout_ms; waited += SLICE_MS) {
		if (scenario_wait(g->s, pid, SLICE_MS) == 0)
			return 0;
		if (watch(g) < 0)
			return -1;
	}
	return -1;
}

int grade_wait_output(struct grade_run *g, pid_t pid, const char *text, int timeout_ms)
{
	for (int waited = 0; waited < timeout_ms; waited += 20) {
		if (scenario_output_has(g->s, pid, text, NULL))
			return 0;
		if (ended(g, pid, NULL) || (waited % SLICE_MS == 0 && watch(g) < 0))
			return -1;
		scenario_sleep(g->s, 20);
	}
	return -1;
}

int grade_sleep(struct grade_run *g, int ms)
{
	for (int slept = 0; slept < ms; slept += SLICE_MS) {
		scenario_sleep(g->s, ms - slept < SLICE_MS ? ms - slept : SLICE_MS);
		if (watch(g) < 0)
			return -1;
	}
	return 0;
}

int grade_stop(struct grade_run *g, pid_t pid)
{
	if (g->nstopped < GRADE_STUDENT_PROCS)
		g->stopped[g->nstopped++] = pid;
	scenario_kill(g->s, -pid, SIGKILL);
	scenario_kill(g->s, pid, SIGKILL);
	return scenario_wait(g->s, pid, 2000);
}

bool grade_was_stopped(const struct grade_run *g, pid_t pid)
{
	for (int i = 0; g && i < g->nstopped; i++)
		if (g->stopped[i] == pid)
			return true;
	return false;
}
