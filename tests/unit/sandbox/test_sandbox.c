/*
 * test_sandbox.c - the grader's sandbox: its own user and network, a fork
 * bomb held at the process limit, a memory hog killed and counted, and
 * nothing left once it is killed and destroyed.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>

#include "sandbox/sandbox.h"
#include "sandbox/seccomp.h"
#include "tests/unit/testutil.h"

static const struct sandbox_limits limits = {
	.cpu_s = 10,
	.as_mb = 512,
	.mem_mb = 128,
	.nproc = 16,
	.nofile = 64,
	.fsize_mb = 4,
};

/* Like socklab's workers, the test reaps what the sandbox orphans: zombies
 * of the sandbox's user would count against its process limit. */
static void reap_all(void)
{
	for (int i = 0; i < 100; i++) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		usleep(10000);
	}
}

static void make(struct sandbox *sb)
{
	char err[512];

	need_root("a sandbox has a user and a network namespace of its own");
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	cr_assert_eq(sandbox_create(sb, &limits, err, sizeof(err)), 0, "%s", err);
	cr_assert(sb->isolated);
	cr_assert_eq(sandbox_filter_start(sb, err, sizeof(err)), 0, "%s", err);
}

static void destroy(struct sandbox *sb)
{
	char err[1024] = "";

	sandbox_filter_stop(sb);
	cr_assert_eq(sandbox_destroy(sb, err, sizeof(err)), 0, "%s", err);
}

/* Runs sh -c script in the sandbox; returns what it printed (static). */
static const char *run(struct sandbox *sb, const char *script)
{
	static char out[4096];
	char *argv[] = {"/bin/sh", "-c", (char *)script, NULL};
	char *envp[] = {"PATH=/usr/sbin:/usr/bin:/sbin:/bin", NULL};
	int fds[2], status;
	ssize_t n, len = 0;
	pid_t pid;

	cr_assert_eq(pipe2(fds, O_CLOEXEC), 0);
	pid = sandbox_spawn(sb, argv, envp, "/", fds[1]);
	cr_assert_gt(pid, 0);
	close(fds[1]);
	while ((n = read(fds[0], out + len, sizeof(out) - 1 - (size_t)len)) > 0)
		len += n;
	out[len] = '\0';
	close(fds[0]);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	return out;
}

Test(sandbox, runs_the_program_as_a_user_of_its_own)
{
	struct sandbox sb;
	char want[32];

	make(&sb);
	snprintf(want, sizeof(want), "%u\n", (unsigned)sb.uid);
	cr_assert_str_eq(run(&sb, "id -u"), want);
	cr_assert_neq(sb.uid, 0);
	destroy(&sb);
}

Test(sandbox, gives_a_network_of_loopback_only)
{
	struct sandbox sb;
	const char *out;

	make(&sb);
	/* /proc/net/dev: two header lines, then one line per interface. */
	out = run(&sb, "tail -n +3 /proc/net/dev | cut -d: -f1 | tr -d ' '");
	cr_assert_str_eq(out, "lo\n", "interfaces: %s", out);
	out = run(&sb, "cat /sys/class/net/lo/operstate; grep -c . /proc/net/tcp");
	cr_assert_str_eq(out, "unknown\n1\n", "loopback up, no socket: %s", out);
	destroy(&sb);
}

/* Its own view of the files: its folder (written to), the system's files
 * read-only, a private /tmp, no other user's process in /proc, no other
 * folder of the machine; and what it left in its /tmp is gone after. */
Test(sandbox, sees_only_its_folder_the_system_read_only_and_its_own_processes)
{
	struct sandbox sb;
	char *dir = temp_dir(), script[8192], marker[300];
	const char *out;

	make(&sb);
	cr_assert(sb.fs_private, "no mount namespace: %s", sb.missing);
	cr_assert_eq(chown(dir, sb.uid, sb.gid), 0);
	sandbox_set_view(&sb, dir, NULL, NULL);
	snprintf(marker, sizeof(marker), "/tmp/socklab-test-sandbox-%u", (unsigned)sb.uid);
	snprintf(script, sizeof(script),
		 "echo mine > %s/file && cat %s/file; pwd; "
		 "touch /etc/x 2>/dev/null || echo etc-read-only; "
		 "touch %s && echo tmp-writable; "
		 "ls /proc | grep -c '^[0-9]'; "
		 "ls %s 2>/dev/null || echo no-%s; ls /",
		 dir, dir, marker, "/root", "root");
	out = run(&sb, script);
	cr_assert(strstr(out, "mine\n"), "%s", out);
	cr_assert(strstr(out, dir), "it starts in its folder: %s", out);
	cr_assert(strstr(out, "etc-read-only\n"), "%s", out);
	cr_assert(strstr(out, "tmp-writable\n"), "%s", out);
	/* sh, and its ls and grep: its own processes only. */
	cr_assert(strstr(out, "\n3\n") || strstr(out, "\n2\n"), "processes seen: %s", out);
	cr_assert(strstr(out, "no-root\n"), "%s", out);
	cr_assert_neq(access(marker, F_OK), 0, "its /tmp is not the machine's");
	snprintf(marker, sizeof(marker), "%s", sb.fs_root);
	destroy(&sb);
	cr_assert_neq(access(marker, F_OK), 0, "the folder its view was mounted on is left");
	rm_rf(dir);
}

Test(sandbox, holds_a_fork_bomb_at_its_process_limit_and_kills_it_all)
{
	struct sandbox sb;
	/* bash retries a fork that fails, so the bomb keeps pushing. */
	char *argv[] = {"/bin/bash", "-c", "while :; do sleep 5 & done 2>/dev/null", NULL};
	char *envp[] = {"PATH=/usr/bin:/bin", NULL};
	int live = 0, devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);
	pid_t pid;

	make(&sb);
	pid = sandbox_spawn(&sb, argv, envp, "/", devnull);
	cr_assert_gt(pid, 0);
	for (int i = 0; i < 300 && live < limits.nproc; i++) {
		usleep(10000);
		live = sandbox_count(&sb);
	}
	cr_assert_eq(live, limits.nproc, "the bomb grew to the limit, and no further");
	usleep(200000);
	cr_assert_leq(sandbox_count(&sb), limits.nproc);
	cr_assert_eq(sandbox_kill(&sb, 3000), 0, "every process of the bomb is gone");
	cr_assert_eq(sandbox_count(&sb), 0);
	reap_all();
	destroy(&sb);
	close(devnull);
}

Test(sandbox, counts_a_process_the_memory_limit_killed)
{
	struct sandbox sb;
	/* tail -c keeps the last 200 MB of its input in memory: more than
	 * the sandbox's 128 MiB, less than the 512 MiB of address space. */
	const char *hog = "head -c 200000000 /dev/zero | tail -c 200000000 >/dev/null; "
			  "echo tail ended $?";
	const char *out;

	make(&sb);
	if (sandbox_oom_kills(&sb) < 0) {
		destroy(&sb);
		skip_because("this machine gives the sandbox no memory cgroup");
	}
	cr_assert_eq(sandbox_oom_kills(&sb), 0, "nothing killed yet");
	out = run(&sb, hog);
	/* The shell may say "Killed" first. */
	cr_assert(strstr(out, "tail ended 137\n"), "tail was killed (128 + SIGKILL): %s", out);
	cr_assert_eq(sandbox_oom_kills(&sb), 1, "the cgroup counted the kill");
	destroy(&sb);
	reap_all();
}

/* The pid that holds a flock() on the file at path, by /proc/locks
 * ("1: FLOCK  ADVISORY  WRITE 9149 fe:00:1064991 0 EOF"), or 0. */
static pid_t flock_holder(const char *path)
{
	char line[256];
	struct stat st;
	pid_t holder = 0;
	FILE *f;

	if (stat(path, &st) != 0 || !(f = fopen("/proc/locks", "re")))
		return 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned maj, min;
		unsigned long ino;
		int pid;

		if (sscanf(line, "%*d: FLOCK %*s %*s %d %x:%x:%lu", &pid, &maj, &min, &ino) == 4 &&
		    ino == st.st_ino && makedev(maj, min) == st.st_dev)
			holder = pid;
	}
	fclose(f);
	return holder;
}

/* Takes the lock that reserves uid (lib/sandbox/sandbox.c), as the next
 * grader would, and returns its fd; -1 while this process still holds it.
 * Other tests run beside this one and take a free user at once: one that
 * did is waited for (up to 60 s). Held, the lock keeps them from making
 * that user's cgroups while the test looks for what is left. */
static int take_user(uid_t uid)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "/run/socklab/grade-uid-%u.lock",
		 (unsigned)(uid - 2100000000u));
	if ((fd = open(path, O_RDWR | O_CLOEXEC)) < 0)
		return -1;
	for (int i = 0; i < 600; i++) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (flock_holder(path) == getpid())
			break;
		usleep(100000);
	}
	close(fd);
	return -1;
}

Test(sandbox, destroy_removes_its_cgroups_and_frees_its_user)
{
	struct sandbox sb, again;
	char dirs[SANDBOX_CGROUPS][256];
	int ncg, lock;

	make(&sb);
	ncg = sb.ncg;
	memcpy(dirs, sb.cg, sizeof(dirs));
	run(&sb, "sleep 30 >/dev/null 2>&1 & exit 0");
	cr_assert_eq(sandbox_count(&sb), 1, "the orphaned sleep runs on");
	destroy(&sb);
	reap_all();
	lock = take_user(sb.uid);
	cr_assert_geq(lock, 0, "the user is free again");
	for (int i = 0; i < ncg; i++)
		cr_assert_neq(access(dirs[i], F_OK), 0, "%s is left", dirs[i]);
	close(lock);
	make(&again);
	cr_assert_eq(sandbox_count(&again), 0, "a new sandbox runs nothing");
	destroy(&again);
}

/* A process in its cgroups that is not (or not yet) its user's, as a child
 * is between joining them and setuid(): killing by user misses it, the
 * cgroups do not, and they are removed once it is gone. */
Test(sandbox, destroy_ends_what_is_in_its_cgroups_whoever_it_runs_as)
{
	struct sandbox sb;
	char dirs[SANDBOX_CGROUPS][256];
	int ncg, status, ready[2];
	pid_t pid;

	make(&sb);
	cr_assert_gt(sb.ncg, 0, "this machine gives the sandbox a cgroup");
	ncg = sb.ncg;
	memcpy(dirs, sb.cg, sizeof(dirs));
	cr_assert_eq(pipe2(ready, O_CLOEXEC), 0);
	pid = fork();
	if (pid == 0) {
		for (int i = 0; i < sb.ncg; i++) {
			int fd = open(sb.cg_procs[i], O_WRONLY | O_CLOEXEC);
			if (fd < 0 || write(fd, "0", 1) != 1)
				_exit(1);
			close(fd);
		}
		if (write(ready[1], "j", 1) != 1)
			_exit(1);
		pause();
		_exit(0);
	}
	close(ready[1]);
	cr_assert_eq(read(ready[0], (char[1]){0}, 1), 1, "the child joined the cgroups");
	close(ready[0]);
	cr_assert_eq(sandbox_count(&sb), 0, "it is root's, not the sandbox user's");
	destroy(&sb);
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "status %#x", status);
	for (int i = 0; i < ncg; i++)
		cr_assert_neq(access(dirs[i], F_OK), 0, "%s is left", dirs[i]);
}

/* A cgroup that cannot go (here: a cgroup made inside it) is said, which
 * and why; the rest of the sandbox is let go all the same. */
Test(sandbox, a_cgroup_that_stays_is_named_with_why, .timeout = 30)
{
	struct sandbox sb;
	char outer[256], inner[300], err[1024] = "";
	uid_t uid;
	int lock;

	make(&sb);
	cr_assert_gt(sb.ncg, 0, "this machine gives the sandbox a cgroup");
	uid = sb.uid;
	snprintf(outer, sizeof(outer), "%s", sb.cg[0]);
	snprintf(inner, sizeof(inner), "%s/inner", outer);
	cr_assert_eq(mkdir(inner, 0755), 0, "%s: %s", inner, strerror(errno));
	cr_assert_eq(sandbox_destroy(&sb, err, sizeof(err)), -1, "destroy says a cgroup is left");
	cr_assert(strstr(err, outer) && strstr(err, strerror(EBUSY)), "%s", err);
	lock = take_user(uid);
	cr_assert_geq(lock, 0, "the user is free again");
	cr_assert_eq(rmdir(inner), 0, "%s: %s", inner, strerror(errno));
	cr_assert_eq(rmdir(outer), 0, "the cgroup it named was left: %s", strerror(errno));
	close(lock);
}

/* Its programs run in a session of their own, so with no controlling
 * terminal: the session's id is the program's pid, not the test's, and
 * its /dev has no tty. */
Test(sandbox, runs_in_a_session_of_its_own_without_a_terminal)
{
	struct sandbox sb;
	char want[64];
	const char *out;

	make(&sb);
	out = run(&sb, "echo $$; cut -d' ' -f6,7 /proc/self/stat; test -e /dev/tty || echo no-tty");
	snprintf(want, sizeof(want), "%.20s", out);
	want[strcspn(want, "\n")] = '\0';
	cr_assert_neq(atoi(want), 0, "%s", out);
	snprintf(want + strlen(want), sizeof(want) - strlen(want), "\n%d 0\nno-tty\n", atoi(want));
	cr_assert_str_eq(strchr(out, '\n') + 1, strchr(want, '\n') + 1,
			 "session, terminal, /dev/tty: %s", out);
	destroy(&sb);
}

/* A new user namespace (util-linux's unshare -U) is denied with EPERM,
 * each time, and the filter's thread records who tried it, and how. */
Test(sandbox, denies_a_new_user_namespace_and_records_the_try)
{
	struct sandbox_denial d[4];
	struct sandbox sb;
	int dropped, n;
	const char *out;

	make(&sb);
	out = run(&sb, "unshare -U true 2>&1; echo rc=$?; unshare -U true 2>&1; echo rc=$?");
	cr_assert(strstr(out, "Operation not permitted") && strstr(out, "rc=1\n") &&
			  !strstr(out, "rc=0"),
		  "%s", out);
	n = sandbox_take_denials(&sb, d, 4, &dropped);
	cr_assert_eq(n, 2, "two denials recorded (two processes), not %d", n);
	for (int i = 0; i < n; i++) {
		cr_assert_str_eq(d[i].syscall, "unshare");
		cr_assert_str_eq(d[i].call, "unshare(CLONE_NEWUSER)");
		cr_assert_str_eq(d[i].comm, "unshare");
	}
	cr_assert_eq(sandbox_take_denials(&sb, d, 4, &dropped), 0, "taken once");
	destroy(&sb);
}

/* Without sandbox_filter_start() nothing starts: no program runs
 * unfiltered because a caller forgot. */
Test(sandbox, starts_nothing_without_its_filter)
{
	struct sandbox sb;
	char *argv[] = {"/bin/true", NULL}, *envp[] = {NULL};
	int devnull = open("/dev/null", O_WRONLY | O_CLOEXEC);

	make(&sb);
	sandbox_filter_stop(&sb);
	cr_assert_eq(sandbox_spawn(&sb, argv, envp, "/", devnull), -1);
	cr_assert_eq(errno, ENOSYS, "%s", strerror(errno));
	close(devnull);
	destroy(&sb);
}

/* A program names itself (its file's name, prctl PR_SET_NAME): the name
 * recorded with its denial holds no control character for a report or a
 * terminal to obey. */
Test(sandbox, a_denial_names_its_process_without_control_characters)
{
	struct sandbox_denial d[2];
	struct sandbox sb;
	int dropped;

	make(&sb);
	run(&sb, "n=$(printf 'x\\033[2Jy'); ln -s \"$(command -v unshare)\" \"/tmp/$n\"; "
		 "\"/tmp/$n\" -U true 2>/dev/null");
	cr_assert_eq(sandbox_take_denials(&sb, d, 2, &dropped), 1);
	cr_assert_str_eq(d[0].comm, "x?[2Jy");
	destroy(&sb);
}

/* In a child of its own (sandbox_workdir() gives the caller a mount
 * namespace, and a test runner may have threads): the work folder is a
 * tmpfs of lim.disk_mb, its user's; writing past it fails with ENOSPC,
 * and sandbox_workdir_full() says so. Exit status 0 when all holds. */
static int bounded_workdir_child(const char *dir)
{
	struct sandbox_limits lim = limits;
	struct sandbox sb;
	char err[512], buf[65536] = {0};
	struct stat st;
	int fd, out, why = 0;

	lim.disk_mb = 2;
	if (sandbox_create(&sb, &lim, err, sizeof(err)) < 0 ||
	    (fd = sandbox_workdir(&sb, dir, err, sizeof(err))) < 0)
		return 1;
	if (fstat(fd, &st) < 0 || st.st_uid != sb.uid || sandbox_workdir_full(&sb, fd))
		return 2;
	out = openat(fd, "big", O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	for (int i = 0; out >= 0 && i < 64 && !why; i++)
		if (write(out, buf, sizeof(buf)) < 0)
			why = errno;
	if (why != ENOSPC || !sandbox_workdir_full(&sb, fd))
		return 3;
	close(out);
	close(fd);
	sandbox_destroy(&sb, err, sizeof(err));
	return 0;
}

Test(sandbox, its_work_folder_is_bounded_and_leaves_nothing)
{
	char *dir = temp_dir(), work[4200];
	int status;
	pid_t pid;

	need_root("the work folder is a tmpfs the sandbox mounts");
	snprintf(work, sizeof(work), "%s/work", dir);
	pid = fork();
	if (pid == 0)
		_exit(bounded_workdir_child(work));
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0,
		  "step %d failed (1 make, 2 owner or full, 3 not ENOSPC)", WEXITSTATUS(status));
	/* The tmpfs was the child's namespace's: here the folder is empty. */
	cr_assert_eq(rmdir(work), 0, "%s: %s", work, strerror(errno));
	rm_rf(dir);
}

/* Its cgroup holds it to one core, where the machine has a cpu
 * controller (this one has: v2 cpu.max or v1 cpu.cfs_quota_us). */
Test(sandbox, holds_its_processes_to_one_core)
{
	struct sandbox sb;

	make(&sb);
	cr_assert(sb.cg_cpu, "no cpu limit: %s", sb.missing);
	cr_assert(sb.complete, "%s", sb.missing);
	destroy(&sb);
}

/* Not root: no sandbox can be made, and sandbox_create() says so --
 * unless unisolated, when it is made of the limits alone and says what
 * is missing. */
Test(sandbox, fails_closed_without_root_unless_unisolated)
{
	int status;
	pid_t pid;

	need_root("to become an unprivileged user");
	pid = fork();
	if (pid == 0) {
		struct sandbox_limits lim = limits;
		struct sandbox sb;
		char err[512] = "";

		if (setgid(65534) < 0 || setuid(65534) < 0)
			_exit(1);
		if (sandbox_create(&sb, &lim, err, sizeof(err)) != -1 || !strstr(err, "not root"))
			_exit(2);
		lim.unisolated = true;
		if (sandbox_create(&sb, &lim, err, sizeof(err)) != 0 || sb.complete ||
		    sb.isolated || !strstr(sb.missing, "not root"))
			_exit(3);
		_exit(0);
	}
	cr_assert_eq(waitpid(pid, &status, 0), pid);
	cr_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0, "step %d failed",
		  WEXITSTATUS(status));
}
