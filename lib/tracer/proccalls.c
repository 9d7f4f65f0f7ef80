/*
 * proccalls.c - the life of a process: fork, exec, exit, and the parent's
 * wait that reaps it.
 *
 * A process's story in a session is: "fork" (written by the parent), "exec"
 * (written by the new image itself, from init.c, so it proves the program is
 * traced), "exit" (written by the process as it leaves), then "reaped"
 * (written by whoever waited for it). Between "exit" and "reaped" the process
 * is a zombie; the collector watches /proc for that.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tracer/tracer.h"
#include "wire/progcheck.h"

/* ---- fork ------------------------------------------------------------ */

static pid_t trace_fork(void)
{
	int64_t t_in = now_ns();
	pid_t ret = real_fork();
	int err = errno;
	struct rec r;

	/* The child's ids were reset by the fork handler in init.c; the
	 * parent's record below tells the story for both. */
	if (ret == 0)
		return 0;
	if (ret < 0) {
		rec_call(&r, "fork", -1, ret, err, t_in, ACTS_AT_ENTRY);
	} else {
		rec_begin(&r, "proc", t_in);
		rec_str(&r, "event", "fork");
		rec_int(&r, "child", ret);
	}
	rec_emit(&r);
	errno = err;
	return ret;
}

EXPORT pid_t fork(void)
{
	NEED_REAL(fork);
	if (!tracer_on)
		return real_fork();
	return trace_fork();
}

/* ---- exit ------------------------------------------------------------ */

static bool exit_reported;

void tracer_forget_exit(void)
{
	exit_reported = false;
}

/* Writes the "exit" record once per process, whichever way it leaves:
 * exit(), _exit(), or a return from main(). */
static void report_exit(int status)
{
	struct rec r;

	if (!tracer_on || exit_reported)
		return;
	exit_reported = true;
	rec_begin(&r, "proc", now_ns());
	rec_str(&r, "event", "exit");
	rec_int(&r, "status", status & 0xff);
	rec_emit(&r);
}

EXPORT void exit(int status)
{
	NEED_REAL(exit);
	report_exit(status);
	real_exit(status);
	__builtin_unreachable();
}

EXPORT void _exit(int status)
{
	NEED_REAL(_exit);
	report_exit(status);
	real__exit(status);
	__builtin_unreachable();
}

EXPORT void _Exit(int status)
{
	NEED_REAL(_Exit);
	report_exit(status);
	real__Exit(status);
	__builtin_unreachable();
}

/*
 * A return from main() reaches exit() inside the C library, not through
 * our exit(). So the tracer stands in front of __libc_start_main, which
 * every dynamically linked program's start-up code calls, and hands it a
 * main() that reports the status main() returned.
 */
static main_fn program_main;

static int traced_main(int argc, char **argv, char **envp)
{
	int status = program_main(argc, argv, envp);

	report_exit(status);
	return status;
}

EXPORT int __libc_start_main(main_fn main, int argc, char **argv, void (*init)(void),
			     void (*fini)(void), void (*rtld_fini)(void), void *stack_end)
{
	NEED_REAL(__libc_start_main);
	program_main = main;
	return real___libc_start_main(traced_main, argc, argv, init, fini, rtld_fini, stack_end);
}

/* ---- exec ------------------------------------------------------------ */

/* "LD_PRELOAD=..." and "SOCKLAB_RING=..." as this process got them. */
static char preload_var[PATH_MAX + 16];
static char ring_var[PATH_MAX + 16];

void tracer_keep_env(const char *preload, const char *ring)
{
	size_t n;

	n = (size_t)snprintf(preload_var, sizeof(preload_var), "LD_PRELOAD=%s", preload);
	if (n >= sizeof(preload_var))
		preload_var[0] = '\0';
	n = (size_t)snprintf(ring_var, sizeof(ring_var), "SOCKLAB_RING=%s", ring);
	if (n >= sizeof(ring_var))
		ring_var[0] = '\0';
}

static bool env_has(char *const envp[], const char *entry)
{
	for (size_t i = 0; envp && envp[i]; i++)
		if (strcmp(envp[i], entry) == 0)
			return true;
	return false;
}

static bool env_is(const char *entry, const char *name)
{
	size_t n = strlen(name);

	return strncmp(entry, name, n) == 0 && entry[n] == '=';
}

static size_t env_count(char *const envp[])
{
	size_t n = 0;

	while (envp && envp[n])
		n++;
	return n;
}

/*
 * A program may exec with an environment of its own making (execle, or
 * after clearenv()). The new image is traced only if LD_PRELOAD and
 * SOCKLAB_RING are in it, so put them back: into out, which has room for
 * env_count(envp) + 3 pointers. Returns the environment to exec with.
 */
static char *const *env_for_exec(char *const envp[], char **out)
{
	size_t n = 0;

	if (preload_var[0] == '\0' || ring_var[0] == '\0' ||
	    (env_has(envp, preload_var) && env_has(envp, ring_var)))
		return envp;
	for (size_t i = 0; envp && envp[i]; i++)
		if (!env_is(envp[i], "LD_PRELOAD") && !env_is(envp[i], "SOCKLAB_RING"))
			out[n++] = envp[i];
	out[n++] = preload_var;
	out[n++] = ring_var;
	out[n] = NULL;
	return out;
}

/* Before an exec: a note if the new program will escape the tracer. */
static void note_if_untraceable(const char *file)
{
	char path[PATH_MAX];
	const char *why;
	char text[PATH_MAX + 200];
	struct rec r;

	if (!prog_find(file, path, sizeof(path)) || !(why = prog_untraceable(path)))
		return;
	snprintf(text, sizeof(text), "%s cannot be traced: %s", path, why);
	rec_begin(&r, "note", now_ns());
	rec_str(&r, "kind", "untraceable");
	rec_str(&r, "path", path);
	rec_str(&r, "text", text);
	rec_emit(&r);
}

/* Only a failed exec returns; its record says why. */
static void rec_exec_failed(const char *fn, const char *file, int err, int64_t t_in)
{
	struct rec r;

	rec_call(&r, fn, -1, -1, err, t_in, ACTS_AT_ENTRY);
	rec_str(&r, "path", file);
	rec_emit(&r);
}

enum exec_kind { EXEC_PATH, EXEC_SEARCH, EXEC_FD };

static int trace_exec(const char *fn, enum exec_kind kind, const char *file, int fd,
		      char *const argv[], char *const envp[])
{
	int64_t t_in = now_ns();
	char *fixed[env_count(envp) + 3];
	char *const *env = env_for_exec(envp, fixed);
	int ret, err;

	if (kind != EXEC_FD)
		note_if_untraceable(file);
	if (kind == EXEC_FD)
		ret = real_fexecve(fd, argv, env);
	else if (kind == EXEC_SEARCH)
		ret = real_execvpe(file, argv, env);
	else
		ret = real_execve(file, argv, env);
	err = errno;
	rec_exec_failed(fn, kind == EXEC_FD ? "" : file, err, t_in);
	errno = err;
	return ret;
}

/* An environment larger than this is passed on as it is, rather than
 * copied on the stack. */
#define ENV_FIX_MAX 8192

static int exec_or_trace(const char *fn, enum exec_kind kind, const char *file, int fd,
			 char *const argv[], char *const envp[])
{
	if (!tracer_on || env_count(envp) > ENV_FIX_MAX) {
		if (kind == EXEC_FD)
			return real_fexecve(fd, argv, envp);
		return kind == EXEC_SEARCH ? real_execvpe(file, argv, envp)
					   : real_execve(file, argv, envp);
	}
	return trace_exec(fn, kind, file, fd, argv, envp);
}

EXPORT int execve(const char *path, char *const argv[], char *const envp[])
{
	NEED_REAL(execve);
	return exec_or_trace("execve", EXEC_PATH, path, -1, argv, envp);
}

EXPORT int execv(const char *path, char *const argv[])
{
	NEED_REAL(execve);
	return exec_or_trace("execv", EXEC_PATH, path, -1, argv, environ);
}

EXPORT int execvpe(const char *file, char *const argv[], char *const envp[])
{
	NEED_REAL(execvpe);
	return exec_or_trace("execvpe", EXEC_SEARCH, file, -1, argv, envp);
}

EXPORT int execvp(const char *file, char *const argv[])
{
	NEED_REAL(execvpe);
	return exec_or_trace("execvp", EXEC_SEARCH, file, -1, argv, environ);
}

EXPORT int fexecve(int fd, char *const argv[], char *const envp[])
{
	NEED_REAL(fexecve);
	return exec_or_trace("fexecve", EXEC_FD, NULL, fd, argv, envp);
}

/* The execl family takes its arguments as a list ending in NULL (execle
 * then takes envp). Gather them into an array argv on the stack: count
 * first, then copy, with the NULL that ends the list as argv's last entry.
 * Like the C library, take the first argument (argv[0]) to be there. */
#define EXECL_ARGS(first, ap, argv, envp_out)                                                      \
	size_t argc;                                                                               \
	va_start(ap, first);                                                                       \
	for (argc = 1; va_arg(ap, char *); argc++)                                                 \
		;                                                                                  \
	va_end(ap);                                                                                \
	char *argv[argc + 1];                                                                      \
	argv[0] = (char *)(first);                                                                 \
	va_start(ap, first);                                                                       \
	for (size_t i = 1; i <= argc; i++)                                                         \
		argv[i] = va_arg(ap, char *);                                                      \
	envp_out;                                                                                  \
	va_end(ap)

EXPORT int execl(const char *path, const char *arg, ...)
{
	va_list ap;

	EXECL_ARGS(arg, ap, argv, (void)0);
	NEED_REAL(execve);
	return exec_or_trace("execl", EXEC_PATH, path, -1, argv, environ);
}

EXPORT int execlp(const char *file, const char *arg, ...)
{
	va_list ap;

	EXECL_ARGS(arg, ap, argv, (void)0);
	NEED_REAL(execvpe);
	return exec_or_trace("execlp", EXEC_SEARCH, file, -1, argv, environ);
}

EXPORT int execle(const char *path, const char *arg, ...)
{
	va_list ap;
	char **envp;

	EXECL_ARGS(arg, ap, argv, envp = va_arg(ap, char **));
	NEED_REAL(execve);
	return exec_or_trace("execle", EXEC_PATH, path, -1, argv, envp);
}
