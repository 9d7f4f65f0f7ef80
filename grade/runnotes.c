/*
 * runnotes.c - what went wrong with the student's program as a whole, as
 * problems of the run beside the checks: a process that crashed (and the
 * call it was in), one the cgroup's memory limit killed, a client that
 * connected elsewhere than it was told. grade.c asks for them after the
 * checks (check_session()).
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/errmsg.h"
#include "base/text.h"
#include "grade.h"
#include "kview.h"

/* ---- crashes --------------------------------------------------------------- */

/* Why a signal ended a process, for a student; NULL when it is not a fault
 * of the program (socklab's own SIGKILL at the end, say). */
static const char *fault_of(const char *sig)
{
	static const char *const faults[][2] = {
		{"SIGSEGV", "a bad memory access"},
		{"SIGBUS", "a bad memory access"},
		{"SIGFPE", "an arithmetic error, such as a division by zero"},
		{"SIGILL", "an illegal instruction"},
		{"SIGABRT", "abort(): a failed assert(), or a damaged heap"},
		{"SIGPIPE", "it wrote to a connection whose other end had closed; ignore SIGPIPE "
			    "or send with MSG_NOSIGNAL, and handle the EPIPE error"},
		{"SIGXCPU", "it used up its CPU time limit"},
		{"SIGXFSZ", "it wrote a file bigger than the sandbox allows"},
		{"SIGSYS", "a forbidden system call"},
	};

	for (size_t i = 0; sig && i < sizeof(faults) / sizeof(faults[0]); i++)
		if (strcmp(sig, faults[i][0]) == 0)
			return faults[i][1];
	return NULL;
}

const char *grade_student_role(const struct grade_run *g, const struct check_ctx *c, pid_t pid,
			       pid_t *root)
{
	for (int i = 0; i < g->nstudents; i++)
		if (check_in_tree(c, pid, g->students[i])) {
			*root = g->students[i];
			return scenario_proc(g->s, g->students[i])->role;
		}
	return NULL;
}

/* Crashes of one kind: the same signal, in the same program (or in its
 * children). */
struct crash {
	const struct proc_info *first;
	pid_t root;
	int times;
};

/* The call pid made last, as `socklab show` words it without the pid
 * ("read(4, 4096 bytes) = 38"), into out; "" when it made none. It tells
 * the student where in the program to look. */
static void last_call(const struct check_ctx *c, pid_t pid, char *out, size_t cap)
{
	const struct event *e = ev_last(c->s, &(struct ev_filter){.src = "call", .pid = pid});
	char what[CHECK_LINE_MAX];
	const char *call = what;

	out[0] = '\0';
	if (!e)
		return;
	event_describe(e, what, sizeof(what));
	if (what[0] == '[' && strstr(what, "] "))
		call = strstr(what, "] ") + 2;
	snprintf(out, cap, "; its last call was %.200s", call);
}

static void say_crash(struct grade_run *g, const struct check_ctx *c, const struct crash *k)
{
	const struct proc_info *p = k->first;
	const char *role = scenario_proc(g->s, k->root)->role;
	double t = (double)(p->t_exit != T_NEVER ? p->t_exit : p->t_reaped) / 1e9;
	char last[256], others[64] = "";

	last_call(c, p->pid, last, sizeof(last));
	if (k->times > 1)
		snprintf(others, sizeof(others), " (and %d more after it, the same way)",
			 k->times - 1);
	if (p->pid == k->root)
		grade_problem(g, "the %s [%d] crashed at %.2f s: killed by %s (%s)%s", role,
			      (int)p->pid, t, p->sig, fault_of(p->sig), last);
	else
		grade_problem(g,
			      "a child of the %s, [%d], crashed at %.2f s%s: killed by %s (%s)%s",
			      role, (int)p->pid, t, others, p->sig, fault_of(p->sig), last);
}

/* ---- memory --------------------------------------------------------------- */

/* The student's process the memory limit killed first: of those that ended
 * by SIGKILL after socklab's last look before it saw the kill, and that
 * socklab did not stop itself, the first to end. NULL if none is seen. */
static const struct proc_info *oom_victim(const struct grade_run *g, const struct check_ctx *c,
					  pid_t *root)
{
	const struct proc_info *victim = NULL;
	int64_t victim_end = 0;

	for (size_t i = 0; i < c->procs.n; i++) {
		const struct proc_info *p = &c->procs.p[i];
		int64_t end = p->t_exit != T_NEVER ? p->t_exit : p->t_reaped;
		pid_t r;

		if (!p->sig || strcmp(p->sig, "SIGKILL") != 0 || end == T_NEVER ||
		    end < g->t_before_oom || grade_was_stopped(g, p->pid) ||
		    !grade_student_role(g, c, p->pid, &r) || (victim && end >= victim_end))
			continue;
		victim = p;
		victim_end = end;
		*root = r;
	}
	return victim;
}

/*
 * A process killed for the sandbox's memory limit (cgroup memory.max) ends
 * by SIGKILL like one socklab stopped: say which it was, and why. The limit
 * holds for all the student's processes together; the kernel kills the
 * biggest.
 */
void grade_note_oom_kills(struct grade_run *g, const struct check_ctx *c)
{
	const struct proc_info *p;
	const char *role;
	char last[256], others[64] = "";
	pid_t root = 0;
	double t;

	if (g->oom_kills <= 0)
		return;
	if (!(p = oom_victim(g, c, &root))) {
		grade_problem(g,
			      "a process of the run was killed: it used more than %d MiB of "
			      "memory (the limit of the sandbox, for all its processes together)",
			      g->sb->lim.mem_mb);
		return;
	}
	role = scenario_proc(g->s, root)->role;
	t = (double)(p->t_exit != T_NEVER ? p->t_exit : p->t_reaped) / 1e9;
	last_call(c, p->pid, last, sizeof(last));
	if (g->oom_kills > 1)
		snprintf(others, sizeof(others), " (and %d more after it)", g->oom_kills - 1);
	if (p->pid == root)
		grade_problem(g,
			      "the %s [%d] was killed at %.2f s: it used more than %d MiB of "
			      "memory (the limit of the sandbox)%s",
			      role, (int)p->pid, t, g->sb->lim.mem_mb, last);
	else
		grade_problem(g,
			      "a child of the %s, [%d], was killed at %.2f s%s: it used more "
			      "than %d MiB of memory (the limit of the sandbox, for all the %s's "
			      "processes together)%s",
			      role, (int)p->pid, t, others, g->sb->lim.mem_mb, role, last);
}

/* The crashes of the student's processes, as problems of the run. */
void grade_note_crashes(struct grade_run *g, const struct check_ctx *c)
{
	struct crash kinds[GRADE_PROBLEMS];
	int n = 0;

	for (size_t i = 0; i < c->procs.n; i++) {
		const struct proc_info *p = &c->procs.p[i];
		pid_t root;
		int k;

		if (!fault_of(p->sig) || !grade_student_role(g, c, p->pid, &root))
			continue;
		for (k = 0; k < n; k++)
			if (strcmp(kinds[k].first->sig, p->sig) == 0 && kinds[k].root == root &&
			    (kinds[k].first->pid == root) == (p->pid == root))
				break;
		if (k < n)
			kinds[k].times++;
		else if (n < GRADE_PROBLEMS)
			kinds[n++] = (struct crash){p, root, 1};
	}
	for (int k = 0; k < n; k++)
		say_crash(g, c, &kinds[k]);
}

/* ---- ports ------------------------------------------------------------------ */

/* A connect() of pid's (or its children's) to a port, NULL for none;
 * other: one to any port but that. */
static const struct event *connect_to(const struct check_ctx *c, pid_t pid, int port, bool other)
{
	struct ev_filter f = {.src = "call", .fn = "connect"};
	const struct event *e = NULL;

	while ((e = ev_next(c->s, &f, e))) {
		int to = e->call.peer ? endpoint_port(e->call.peer) : 0;
		if (check_in_tree(c, e->pid, pid) && to > 0 && (other ? to != port : to == port))
			return e;
	}
	return NULL;
}

/* A client that connects elsewhere than it was told: names the address it
 * tried, and how to grade it there. */
void grade_note_client_ports(struct grade_run *g, const struct check_ctx *c)
{
	for (int i = 0; i < g->nstudents; i++) {
		const struct event *e;

		if (connect_to(c, g->students[i], g->given[i], false) ||
		    !(e = connect_to(c, g->students[i], g->given[i], true)))
			continue;
		grade_note(g,
			   "the %s connects to %s, not to the port it was given (%d): it ignores "
			   "its argument. Grade it with --port %d, and socklab's server listens "
			   "there",
			   scenario_proc(g->s, g->students[i])->role, e->call.peer, g->given[i],
			   endpoint_port(e->call.peer));
		return;
	}
}
