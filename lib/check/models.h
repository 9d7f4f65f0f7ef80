/*
 * models.h - how a server served many clients at once: by processes (a
 * fork per client), by threads, or alone with select(), poll() or epoll
 * (the three models of 윤 10, 12 and 18; UNP 6 and 26). Lab 11's and lab
 * 12's checkpoints ask it, and so do the grader's echo-select and chat.
 */
#ifndef SOCKLAB_CHECK_MODELS_H
#define SOCKLAB_CHECK_MODELS_H

#include <stddef.h>
#include <sys/types.h>

#include "check/check.h"

struct serve_model {
	int children;		    /* processes it forked (its descendants' forks too) */
	int threads;		    /* the most threads it had at once, its first included */
	int waits;		    /* its select, poll and epoll_wait calls */
	const struct event *fork;   /* its first fork, or NULL */
	const struct event *thread; /* its first thread's start (or call), or NULL */
	const struct event *wait;   /* its first select/poll/epoll_wait, or NULL */
};

/* What pid did. */
void serve_model_of(const struct check_ctx *c, pid_t pid, struct serve_model *m);

/* In words: "processes (a fork per client)", "threads (4 at most)",
 * "select() in one thread", "epoll in 4 threads", "one client at a time". */
const char *serve_model_name(const struct serve_model *m, char *buf, size_t cap);

/* Adds m's evidence (the first fork, thread and wait) to r. */
void serve_model_evidence(const struct serve_model *m, struct check_result *r);

#endif
