/*
 * test_procwatch_forget.c - a scan survives a callback that changes the
 * list it walks: the collector's callback forgets the process that
 * vanished (a "reaped" event teaches it so), which used to remove the
 * entry twice and crash socklab.
 */
#include <criterion/criterion.h>
#include <sys/wait.h>
#include <unistd.h>

#include "collect/procwatch.h"

static struct procwatch *watch;
static int vanished;

static void forget_it(void *arg, pid_t pid, pid_t ppid, enum proc_change what)
{
	(void)arg;
	(void)ppid;
	if (what == PROC_VANISHED) {
		vanished++;
		procwatch_forget(watch, pid);
	}
}

static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

Test(procwatch_forget, a_callback_that_forgets_the_vanished_process_is_safe)
{
	pid_t alive = getpid();

	watch = procwatch_new();
	procwatch_add(watch, dead_pid());
	procwatch_add(watch, alive);
	procwatch_add(watch, dead_pid());
	procwatch_scan(watch, forget_it, NULL);
	cr_assert_eq(vanished, 2);
	cr_assert(procwatch_has(watch, alive), "the living process was dropped");
	procwatch_scan(watch, forget_it, NULL);
	cr_assert_eq(vanished, 2, "a vanished process was told twice");
	procwatch_free(watch);
}
