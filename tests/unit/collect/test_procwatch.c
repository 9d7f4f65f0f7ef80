/*
 * test_procwatch.c - zombies and vanished processes seen through /proc,
 * and finding a process's descendants.
 */
#include <signal.h>
#include <sys/wait.h>

#include "collect/procwatch.h"
#include "tests/unit/testutil.h"

struct seen {
	pid_t zombie, vanished;
};

static void record(void *arg, pid_t pid, pid_t ppid, enum proc_change what)
{
	struct seen *s = arg;

	cr_assert_eq(ppid, getpid(), "the parent is reported");
	if (what == PROC_BECAME_ZOMBIE)
		s->zombie = pid;
	else
		s->vanished = pid;
}

/* Scans until fn has reported what we wait for, up to 5 s. */
static void scan_until(struct procwatch *w, struct seen *s, pid_t *field, pid_t pid)
{
	for (int i = 0; i < 500 && *field != pid; i++) {
		procwatch_scan(w, record, s);
		usleep(10000);
	}
	cr_assert_eq(*field, pid);
}

Test(procwatch, sees_a_child_become_a_zombie_then_vanish_when_reaped)
{
	struct procwatch *w = procwatch_new();
	struct seen s = {0};
	pid_t child = fork();

	if (child == 0)
		_exit(0);
	procwatch_add(w, child);
	scan_until(w, &s, &s.zombie, child);
	cr_assert_eq(s.vanished, 0, "a zombie is still in /proc");
	cr_assert_eq(waitpid(child, NULL, 0), child);
	scan_until(w, &s, &s.vanished, child);
	cr_assert_not(procwatch_has(w, child), "a vanished process is forgotten");
	procwatch_free(w);
}

Test(procwatch, reads_state_and_parent_from_proc_stat)
{
	char state;
	pid_t ppid;

	cr_assert_eq(proc_stat(getpid(), &state, &ppid), 0);
	cr_assert_eq(ppid, getppid());
	cr_assert(state == 'R' || state == 'S', "state %c", state);
	cr_assert_eq(proc_stat(0x7ffffff0, &state, &ppid), -1);
}

Test(procwatch, finds_children_and_grandchildren)
{
	int ready[2];
	pid_t child, found[16];
	size_t n;
	char c;

	cr_assert_eq(pipe(ready), 0);
	child = fork();
	if (child == 0) {
		if (fork() == 0) {
			if (write(ready[1], "g", 1) < 0)
				_exit(1);
			pause();
		}
		pause();
	}
	cr_assert_eq(read(ready[0], &c, 1), 1, "the grandchild runs");
	n = proc_descendants(getpid(), found, 16);
	cr_assert_eq(n, 2, "a child and a grandchild");
	cr_assert(found[0] == child || found[1] == child);
	for (size_t i = 0; i < n; i++)
		kill(found[i], SIGKILL);
	waitpid(child, NULL, 0);
}

/* The collector forgets a pid from inside the callback; the scan must
 * survive that. */
static struct procwatch *forgetful;

static void forget_all(void *arg, pid_t pid, pid_t ppid, enum proc_change what)
{
	static bool added;

	(void)arg;
	(void)ppid;
	(void)what;
	procwatch_forget(forgetful, pid);
	procwatch_forget(forgetful, 0x7ffffff1);
	if (!added)
		procwatch_add(forgetful, 0x7ffffff3);
	added = true;
}

Test(procwatch, survives_a_callback_that_changes_what_is_watched)
{
	forgetful = procwatch_new();
	procwatch_add(forgetful, 0x7ffffff0);
	procwatch_add(forgetful, 0x7ffffff1);
	procwatch_add(forgetful, 0x7ffffff2);
	for (int i = 0; i < 3; i++)
		procwatch_scan(forgetful, forget_all, NULL);
	cr_assert_not(procwatch_has(forgetful, 0x7ffffff0));
	cr_assert_not(procwatch_has(forgetful, 0x7ffffff2));
	cr_assert_not(procwatch_has(forgetful, 0x7ffffff3),
		      "added during a scan, gone by the next");
	procwatch_free(forgetful);
}
