/*
 * ringtrust.c - what the grader takes from the session's ring, and what it
 * says about the rest.
 *
 * The ring is the students' too: their programs write it, and so may a
 * program that writes it by hand. So in a grade the collector takes from it
 * only the tracer's own kinds of record, as witnesses of calls (calls_only,
 * lib/collect/collector.h), and only from the run's processes -- those the
 * kernel says are its: run by the sandbox's user, in its cgroup, or below
 * the grader itself (its drivers, and orphans it adopted as subreaper).
 * What it ignored is a problem of the run, named in the report.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "grade.h"

/* The real or effective uid of pid, from /proc/PID/status; -1 if it is
 * gone. */
static int pid_uids(pid_t pid, uid_t *real, uid_t *eff)
{
	char path[64], line[256];
	unsigned long r, e;
	int found = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	if (!(f = fopen(path, "re")))
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Uid: %lu %lu", &r, &e) == 2) {
			*real = (uid_t)r;
			*eff = (uid_t)e;
			found = 0;
			break;
		}
	fclose(f);
	return found;
}

/* True when pid is listed in the cgroup.procs file at path. */
static bool in_procs(const char *path, pid_t pid)
{
	char line[32];
	bool found = false;
	FILE *f = fopen(path, "re");

	while (f && !found && fgets(line, sizeof(line), f))
		found = atoi(line) == (int)pid;
	if (f)
		fclose(f);
	return found;
}

/* The parent of pid from /proc/PID/stat, or -1. */
static pid_t parent_of(pid_t pid)
{
	char path[64], buf[512], *paren;
	int ppid = -1;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (!(f = fopen(path, "re")))
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* The name, in parentheses, may hold anything: the fields follow the
	 * last ')'. */
	paren = strrchr(buf, ')');
	if (!paren || sscanf(paren + 1, " %*c %d", &ppid) != 1)
		return -1;
	return (pid_t)ppid;
}

/* True when pid descends from ancestor (a few generations at most). */
static bool descends_from(pid_t pid, pid_t ancestor)
{
	for (int depth = 0; depth < 32 && pid > 1; depth++) {
		pid = parent_of(pid);
		if (pid == ancestor)
			return true;
	}
	return false;
}

bool grade_pid_is_runs(void *arg, pid_t pid)
{
	const struct grade_intake *gi = arg;
	const struct sandbox *sb = gi->sb;
	uid_t real, eff;

	/* A process already gone (exited and reaped) cannot be asked. On a busy
	 * machine a short-lived child's records are read after it is gone, and
	 * before its parent's fork record that vouches for it: they are taken.
	 * Only the sandbox's processes reach the ring, and what a record of a
	 * pid no process has says is a witness of calls, never a verdict. */
	if (kill(pid, 0) < 0 && errno == ESRCH)
		return true;
	if (pid_uids(pid, &real, &eff) == 0 && (real == sb->uid || eff == sb->uid))
		return true;
	for (int i = 0; i < sb->ncg; i++)
		if (sb->cg_procs[i][0] && in_procs(sb->cg_procs[i], pid))
			return true;
	return descends_from(pid, gi->grader);
}

void grade_intake_init(struct grade_intake *gi, const struct sandbox *sb)
{
	memset(gi, 0, sizeof(*gi));
	gi->sb = sb;
	gi->grader = getpid();
	gi->in.calls_only = true;
	/* Without a user of its own, the sandbox's processes are not told
	 * apart by the kernel: any pid, but still only calls. */
	if (sb->isolated) {
		gi->in.pid_ok = grade_pid_is_runs;
		gi->in.arg = gi;
	}
}

void grade_ring_problems(struct grade_run *g, const struct collector_summary *sum)
{
	uint64_t n = sum->ignored_records + sum->invalid_slots;

	if (sum->ring_broken)
		grade_problem(g, "a program cut socklab's ring short (truncated its file): the "
				 "trace of calls ends there");
	if (n > 0)
		grade_problem(g,
			      "the ring held %llu record%s socklab's tracer does not write (or "
			      "from processes that are not the sandbox's): ignored",
			      (unsigned long long)n, n == 1 ? "" : "s");
}
