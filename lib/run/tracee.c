/*
 * tracee.c - fork, set up, exec; and tell the parent if exec failed.
 *
 * socklab has threads (the collector), and after fork() in a threaded
 * process the child may only make async-signal-safe calls until it execs.
 * So everything that allocates -- the environment, the program's path -- is
 * made in the parent first. If exec fails, the child writes its errno into a
 * close-on-exec pipe; if exec works, the pipe just closes.
 */
#include "run/tracee.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/close_range.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/errmsg.h"
#include "wire/progcheck.h"

extern char **environ;

static bool env_is(const char *entry, const char *name)
{
	size_t n = strlen(name);

	return strncmp(entry, name, n) == 0 && entry[n] == '=';
}

/* The value of name in env, or NULL. */
static const char *env_get(char *const *env, const char *name)
{
	for (size_t i = 0; env[i]; i++)
		if (env_is(env[i], name))
			return env[i] + strlen(name) + 1;
	return NULL;
}

char **tracee_env(char *const *base, const char *preload, const char *ring)
{
	char *const *from = base ? base : environ;
	const char *old_preload = env_get(from, "LD_PRELOAD");
	size_t n = 0, count = 0;
	char **env;

	while (from[count])
		count++;
	env = calloc(count + 3, sizeof(*env));
	if (!env)
		return NULL;
	for (size_t i = 0; i < count; i++)
		if (!env_is(from[i], "LD_PRELOAD") && !env_is(from[i], "SOCKLAB_RING"))
			env[n++] = strdup(from[i]);
	if (asprintf(&env[n++], "LD_PRELOAD=%s%s%s", preload,
		     old_preload && *old_preload ? ":" : "", old_preload ? old_preload : "") < 0 ||
	    asprintf(&env[n++], "SOCKLAB_RING=%s", ring) < 0) {
		env[n - 1] = NULL;
		tracee_env_free(env);
		return NULL;
	}
	env[n] = NULL;
	return env;
}

void tracee_env_free(char **env)
{
	for (size_t i = 0; env && env[i]; i++)
		free(env[i]);
	free(env);
}

static int move_fd(int from, int to)
{
	if (from < 0 || from == to)
		return 0;
	return dup2(from, to) < 0 ? -1 : 0;
}

/* In the child: only async-signal-safe calls from here to exec. The
 * program starts with the three standard descriptors, as from a shell:
 * nothing socklab holds (session files, capture handles) may leak into it. */
static void child(const struct tracee_options *o, const char *path, char **env, int report)
{
	int err = 0;

	if (move_fd(o->stdin_fd, 0) < 0 || move_fd(o->stdout_fd, 1) < 0 ||
	    move_fd(o->stderr_fd, 2) < 0 || (o->cwd && chdir(o->cwd) < 0))
		err = errno;
	if (!err && o->in_child)
		err = o->in_child(o->in_child_arg);
	if (!err && close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0 && errno != ENOSYS)
		err = errno;
	if (!err) {
		execve(path, o->argv, env);
		err = errno;
	}
	if (write(report, &err, sizeof(err)) < 0)
		_exit(127);
	_exit(127);
}

pid_t tracee_start(const struct tracee_options *o, char *err, size_t errlen)
{
	char path[4096];
	char **env;
	int pipefd[2], child_err = 0;
	pid_t pid;
	ssize_t n;

	if (prog_check(o->argv[0], err, errlen) < 0 || !prog_find(o->argv[0], path, sizeof(path)))
		return -1;
	env = tracee_env(o->env, o->preload, o->ring);
	if (!env || pipe2(pipefd, O_CLOEXEC) < 0) {
		errmsg(err, errlen, "cannot start %s: %s", path, strerror(errno));
		tracee_env_free(env);
		return -1;
	}
	pid = fork();
	if (pid == 0)
		child(o, path, env, pipefd[1]);
	close(pipefd[1]);
	tracee_env_free(env);
	if (pid < 0) {
		errmsg(err, errlen, "cannot start %s: fork: %s", path, strerror(errno));
		close(pipefd[0]);
		return -1;
	}
	do
		n = read(pipefd[0], &child_err, sizeof(child_err));
	while (n < 0 && errno == EINTR);
	close(pipefd[0]);
	if (n == sizeof(child_err)) {
		waitpid(pid, NULL, 0);
		return errmsg(err, errlen, "cannot run %s: %s", path, strerror(child_err));
	}
	return pid;
}
