/*
 * batch.c - workers, their sandboxes, their deadlines, and the clean-up
 * after each.
 *
 * One loop in socklab: start workers while fewer than N run; reap what
 * ended (a worker, or an orphan of the student's handed to socklab); stop
 * a worker past its deadline, first with SIGTERM (it ends its run and
 * reports), then SIGKILL; finish each ended worker (empty its sandbox,
 * remove it and the work folder); report finished jobs in order.
 */
#include "batch.h"

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/errmsg.h"

#define KILL_GRACE_MS 5000 /* after SIGTERM, before SIGKILL */

struct batch {
	struct batch_job *jobs;
	int n, next, running, reported;
	const struct batch_options *o;
	char root[64]; /* the work folders' parent */
	bool stopping;
};

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path) < 0 && errno != ENOENT ? -1 : 0;
}

static void remove_tree(const char *dir)
{
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* In the worker: what belongs to the other jobs is not its own. */
static void drop_others(struct batch *b, struct batch_job *mine)
{
	for (int i = 0; i < b->n; i++) {
		struct batch_job *j = &b->jobs[i];
		if (j == mine || !j->started || j->done)
			continue;
		if (j->sb.netns_fd >= 0)
			close(j->sb.netns_fd);
		if (j->sb.uid_lock >= 0)
			close(j->sb.uid_lock);
	}
}

/* A sandbox that could not be removed takes nothing from the grade, but
 * it is the machine's: the instructor hears of it. */
static void destroy_sandbox(struct batch_job *j)
{
	char err[1024];

	if (sandbox_destroy(&j->sb, err, sizeof(err)) < 0)
		fprintf(stderr,
			"socklab grade: after %s: %s; remove it with rmdir once no process is left "
			"in it\n",
			j->outdir, err);
}

static void start_job(struct batch *b, struct batch_job *j)
{
	char err[512];
	pid_t pid;

	if (mkdir(j->outdir, 0755) < 0 && errno != EEXIST) {
		snprintf(j->why, sizeof(j->why), "cannot make %.300s: %s", j->outdir,
			 strerror(errno));
		j->done = true;
		return;
	}
	if (sandbox_create(&j->sb, &b->o->limits, err, sizeof(err)) < 0) {
		snprintf(j->why, sizeof(j->why), "socklab could not make a sandbox: %.400s", err);
		j->done = true;
		return;
	}
	j->started = true;
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_CHILD_SUBREAPER, 1);
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		signal(SIGINT, SIG_IGN); /* socklab decides when a worker stops */
		drop_others(b, j);
		exit(b->o->worker(b->o->arg, j));
	}
	if (pid < 0) {
		snprintf(j->why, sizeof(j->why), "cannot start a worker: %s", strerror(errno));
		destroy_sandbox(j);
		j->done = true;
		return;
	}
	j->worker = pid;
	j->deadline_ms = mono_ms() + (long long)b->o->deadline_s * 1000;
	b->running++;
}

/* Reaps whatever ended: a worker's status goes to its job. */
static void reap(struct batch *b)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		for (int i = 0; i < b->n; i++)
			if (b->jobs[i].started && b->jobs[i].worker == pid) {
				b->jobs[i].status = status;
				b->jobs[i].worker = 0;
			}
}

/* A worker that ended: nothing of its run may be left behind. */
static void finish_job(struct batch *b, struct batch_job *j)
{
	sandbox_kill(&j->sb, 3000);
	reap(b);
	destroy_sandbox(j);
	reap(b);
	remove_tree(j->workdir);
	if (!j->why[0] && WIFSIGNALED(j->status))
		snprintf(j->why, sizeof(j->why), "socklab's worker was killed by signal %d",
			 WTERMSIG(j->status));
	j->done = true;
	b->running--;
}

/* SIGTERM at the deadline (or Ctrl-C): the worker ends its run and
 * reports what it saw. SIGKILL if it has not ended after a grace. */
static void enforce(struct batch *b, struct batch_job *j, long long now)
{
	if (!j->stopped && (b->stopping || now >= j->deadline_ms)) {
		if (!b->stopping)
			snprintf(j->why, sizeof(j->why),
				 "grading took longer than %d s and was "
				 "stopped",
				 b->o->deadline_s);
		kill(j->worker, SIGTERM);
		j->stopped = true;
		j->deadline_ms = now + KILL_GRACE_MS;
	} else if (j->stopped && now >= j->deadline_ms) {
		kill(j->worker, SIGKILL);
	}
}

static void step(struct batch *b)
{
	long long now = mono_ms();

	if (b->o->stop && *b->o->stop && !b->stopping) {
		b->stopping = true;
		for (; b->next < b->n; b->next++) {
			snprintf(b->jobs[b->next].why, sizeof(b->jobs[0].why),
				 "not graded: socklab was interrupted");
			b->jobs[b->next].done = true;
		}
	}
	while (!b->stopping && b->running < b->o->jobs && b->next < b->n)
		start_job(b, &b->jobs[b->next++]);
	reap(b);
	for (int i = 0; i < b->n; i++) {
		struct batch_job *j = &b->jobs[i];
		if (!j->started || j->done)
			continue;
		if (j->worker == 0)
			finish_job(b, j);
		else
			enforce(b, j, now);
	}
	while (b->reported < b->n && b->jobs[b->reported].done)
		b->o->on_done(b->o->arg, &b->jobs[b->reported++]);
}

int batch_run(const struct submission *subs, int n, const struct batch_options *o, char *err,
	      size_t errlen)
{
	struct batch b = {.n = n, .o = o};

	snprintf(b.root, sizeof(b.root), "/tmp/socklab-grade.XXXXXX");
	if (!(b.jobs = calloc((size_t)n, sizeof(*b.jobs))) || !mkdtemp(b.root) ||
	    chmod(b.root, 0711) < 0) {
		errmsg(err, errlen, "cannot make a work folder in /tmp: %s", strerror(errno));
		free(b.jobs);
		return -1;
	}
	for (int i = 0; i < n; i++) {
		b.jobs[i].sub = &subs[i];
		b.jobs[i].sb.netns_fd = b.jobs[i].sb.uid_lock = -1;
		snprintf(b.jobs[i].outdir, sizeof(b.jobs[i].outdir), "%s/%s", o->outdir,
			 subs[i].name);
		/* Numbered: a build never meets a space or a letter of a
		 * student's name in its paths. */
		snprintf(b.jobs[i].workdir, sizeof(b.jobs[i].workdir), "%s/%04d", b.root, i + 1);
	}
	/* Orphans of the students' programs come to us, to be reaped. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	while (b.reported < n) {
		step(&b);
		if (b.reported < n)
			sleep_ms(20);
	}
	remove_tree(b.root);
	free(b.jobs);
	return 0;
}
