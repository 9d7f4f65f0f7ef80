/*
 * tracee.h - starting a program under the tracer.
 *
 * The program gets LD_PRELOAD (the tracer library, ahead of any the
 * environment had already) and SOCKLAB_RING (where to write), added to
 * socklab's environment or to the one given.
 * tracee_start() returns once the program is running, or says why it could
 * not start (no such program, not executable, cannot be traced).
 */
#ifndef SOCKLAB_TRACEE_H
#define SOCKLAB_TRACEE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct tracee_options {
	char *const *argv;		    /* argv[0] is looked up in $PATH */
	const char *preload;		    /* path of libsocklab-preload.so */
	const char *ring;		    /* the session's ring */
	char *const *env;		    /* the environment; NULL: socklab's */
	int stdin_fd, stdout_fd, stderr_fd; /* -1: inherit */
	const char *cwd;		    /* NULL: socklab's */
	/* Run in the child just before exec (the grader's sandbox); must use
	 * only async-signal-safe calls. Returns 0, or an errno value. */
	int (*in_child)(void *arg);
	void *in_child_arg;
};

/* Starts the program; returns its pid, or -1 with a sentence in err. */
pid_t tracee_start(const struct tracee_options *o, char *err, size_t errlen);

/* The environment a traced program gets: base (NULL: environ) without
 * LD_PRELOAD and SOCKLAB_RING, then those two. Free with
 * tracee_env_free(). */
char **tracee_env(char *const *base, const char *preload, const char *ring);
void tracee_env_free(char **env);

#endif
