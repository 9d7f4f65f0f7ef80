/*
 * batch.h - grading many submissions, N at a time.
 *
 * Each submission is graded by a worker: a process of its own, forked
 * from socklab, with a sandbox made for it before it starts. The worker is
 * a child subreaper, so what the student's programs orphan comes back to
 * it (and is reaped into its session), and a worker never reaps another's
 * processes. When a worker ends -- done, crashed, or stopped at its
 * deadline -- its sandbox is emptied and removed, and its work folder.
 *
 *   worker:  in the child: grades one submission, writes OUT/NAME/result.json
 *   on_done: in socklab, in submission order, once each is finished
 */
#ifndef SOCKLAB_BATCH_H
#define SOCKLAB_BATCH_H

#include <signal.h>

#include "grade.h"

struct batch_job {
	const struct submission *sub;
	char outdir[4096];  /* OUT/NAME: where the worker writes */
	char workdir[4096]; /* a folder to copy and build in, removed at the end */
	struct sandbox sb;
	pid_t worker;
	long long deadline_ms;
	bool started, done, stopped;
	int status;    /* the worker's wait status */
	char why[512]; /* when the worker could not start or did not finish */
};

struct batch_options {
	const char *outdir; /* OUT */
	int jobs;	    /* at once */
	struct sandbox_limits limits;
	int deadline_s;		     /* a worker still running after this is stopped */
	volatile sig_atomic_t *stop; /* set (Ctrl-C): stop the workers, start no more */
	/* Runs in the worker; returns its exit status. */
	int (*worker)(void *arg, struct batch_job *job);
	/* In socklab, in submission order, for each finished job. */
	void (*on_done)(void *arg, struct batch_job *job);
	void *arg;
};

/* Grades the n submissions. Returns 0, or -1 with err when it could not
 * start at all (no temporary folder). */
int batch_run(const struct submission *subs, int n, const struct batch_options *o, char *err,
	      size_t errlen);

#endif
