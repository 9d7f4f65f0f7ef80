/*
 * init.c - the tracer's start in every process image it is loaded into.
 *
 * The dynamic loader runs tracer_init() before main(). If the environment
 * names a session ring (SOCKLAB_RING), the tracer maps it, learns which
 * inherited descriptors are sockets, and writes the "exec" record that opens
 * this image's story. Without a ring the library stays out of the way: every
 * function goes straight to the C library.
 */
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tracer/tracer.h"

/* In the child of a fork: a new pid, a single thread with a new tid, and
 * an exit still to report. */
static void tracer_atfork_child(void)
{
	tracer_forget_ids();
	tracer_forget_exit();
}

/* At most this many arguments go into the "exec" record. */
#define ARGV_MAX 32

static void report_exec(int argc, char **argv)
{
	char exe[PATH_MAX];
	long n = syscall(SYS_readlinkat, AT_FDCWD, "/proc/self/exe", exe, sizeof(exe) - 1);
	struct rec r;

	exe[n > 0 ? n : 0] = '\0';
	rec_begin(&r, "proc", now_ns());
	rec_str(&r, "event", "exec");
	rec_int(&r, "ppid", getppid());
	rec_str(&r, "path", exe);
	if (argv && argc > 0)
		rec_strs(&r, "argv", argv, argc < ARGV_MAX ? argc : ARGV_MAX);
	rec_emit(&r);
}

/* glibc passes main()'s arguments to constructors as well. */
__attribute__((constructor)) static void tracer_init(int argc, char **argv, char **envp)
{
	const char *ring = getenv("SOCKLAB_RING");
	const char *preload = getenv("LD_PRELOAD");

	(void)envp;
	real_resolve();
	if (!ring || !*ring || ring_attach(&tracer_ring, ring) < 0)
		return;
	tracer_keep_env(preload ? preload : "", ring);
	pthread_atfork(NULL, NULL, tracer_atfork_child);
	fdtab_scan();
	tracer_on = true;
	report_exec(argc, argv);
}
