/*
 * sandbox.c - a network namespace, a user and resource limits for one run
 * of someone else's program (its cgroups are in cgroup.c).
 *
 * The namespace is made by a short-lived thread: unshare(CLONE_NEWNET)
 * moves only the calling thread, which brings loopback up and opens its
 * namespace; the descriptor keeps the namespace alive after the thread is
 * gone. Nothing is mounted, so nothing is left behind if socklab dies.
 *
 * The user id is one of a reserved range, held with flock() on a file in
 * /run/socklab: the lock dies with its holder, so a crashed grader frees
 * its user, and the next one first kills whatever that user still runs.
 */
#include "sandbox/sandbox.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/close_range.h>
#include <linux/keyctl.h>
#include <net/if.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/errmsg.h"
#include "sandbox/cgroup.h"
#include "sandbox/mountns.h"
#include "sandbox/seccomp.h"

/* Far above the ids of real users and of the usual subuid ranges. */
#define UID_BASE  2100000000u
#define UID_SLOTS 256
#define LOCK_DIR  "/run/socklab"
#define MIB	  (1024L * 1024L)

/* Adds a sentence to what the sandbox could not isolate. */
static void add_missing(struct sandbox *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void add_missing(struct sandbox *sb, const char *fmt, ...)
{
	size_t len = strlen(sb->missing);
	va_list ap;

	if (len && len + 2 < sizeof(sb->missing)) {
		strcpy(sb->missing + len, "; ");
		len += 2;
	}
	va_start(ap, fmt);
	vsnprintf(sb->missing + len, sizeof(sb->missing) - len, fmt, ap);
	va_end(ap);
}

/* ---- the network namespace --------------------------------------------- */

struct netns_job {
	int fd;
	int err;
};

/* Brings the loopback interface of the current namespace up. */
static int loopback_up(void)
{
	struct ifreq ifr = {0};
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), ret = -1;

	if (fd < 0)
		return -1;
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "lo");
	if (ioctl(fd, SIOCGIFFLAGS, &ifr) == 0) {
		ifr.ifr_flags |= IFF_UP;
		ret = ioctl(fd, SIOCSIFFLAGS, &ifr);
	}
	close(fd);
	return ret;
}

static void *netns_thread(void *arg)
{
	struct netns_job *job = arg;

	if (unshare(CLONE_NEWNET) < 0 || loopback_up() < 0) {
		job->err = errno;
		return NULL;
	}
	job->fd = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (job->fd < 0)
		job->err = errno;
	return NULL;
}

static int netns_create(struct sandbox *sb, char *err, size_t errlen)
{
	struct netns_job job = {.fd = -1};
	struct stat st;
	pthread_t t;

	if (pthread_create(&t, NULL, netns_thread, &job) != 0)
		return errmsg(err, errlen, "cannot start a thread for the network namespace");
	pthread_join(t, NULL);
	if (job.fd < 0)
		return errmsg(err, errlen, "no network namespace of its own: %s",
			      strerror(job.err));
	sb->netns_fd = job.fd;
	if (fstat(job.fd, &st) == 0)
		sb->netns_ino = (unsigned long)st.st_ino;
	snprintf(sb->netns, sizeof(sb->netns), "/proc/self/fd/%d", job.fd);
	return 0;
}

/* ---- the processes of a user ------------------------------------------- */

/* Calls fn for each process of uid -- not the zombies, unless zombies --
 * and counts them. */
static int for_each_process_of(uid_t uid, bool zombies, void (*fn)(void *arg, pid_t pid), void *arg)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0;

	if (!d)
		return -1;
	while ((de = readdir(d))) {
		char path[300], line[512], *close_paren;
		struct stat st;
		pid_t pid = (pid_t)atoi(de->d_name);
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%s", de->d_name);
		if (pid <= 0 || stat(path, &st) < 0 || st.st_uid != uid)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
		if (!(f = fopen(path, "re")))
			continue;
		close_paren = fgets(line, sizeof(line), f) ? strrchr(line, ')') : NULL;
		fclose(f);
		if (!close_paren || (close_paren[2] == 'Z' && !zombies))
			continue;
		n++;
		if (fn)
			fn(arg, pid);
	}
	closedir(d);
	return n;
}

/* Counts the processes (threads included) of uid now, for RLIMIT_NPROC. */
static long tasks_of(uid_t uid)
{
	long n = 0;
	DIR *d = opendir("/proc");
	struct dirent *de;

	while (d && (de = readdir(d))) {
		char path[300];
		struct stat st;

		snprintf(path, sizeof(path), "/proc/%s/task", de->d_name);
		if (atoi(de->d_name) > 0 && stat(path, &st) == 0 && st.st_uid == uid)
			n += (long)st.st_nlink - 2;
	}
	if (d)
		closedir(d);
	return n;
}

/* ---- the user ------------------------------------------------------------ */

/*
 * True when uid runs nothing: what a grader that died left running is
 * killed first. Its zombies are not ours to reap, and they still count
 * against RLIMIT_NPROC: a user that has some is not free.
 */
static bool user_is_free(uid_t uid)
{
	struct sandbox probe = {.isolated = true, .uid = uid, .gid = uid};

	if (for_each_process_of(uid, true, NULL, NULL) == 0)
		return true;
	sandbox_kill(&probe, 2000);
	free(probe.seen);
	return for_each_process_of(uid, true, NULL, NULL) == 0;
}

static int uid_reserve(struct sandbox *sb, char *err, size_t errlen)
{
	char path[64];

	if (mkdir(LOCK_DIR, 0755) < 0 && errno != EEXIST)
		return errmsg(err, errlen, "cannot make %s: %s", LOCK_DIR, strerror(errno));
	for (unsigned slot = 0; slot < UID_SLOTS; slot++) {
		int fd;

		snprintf(path, sizeof(path), LOCK_DIR "/grade-uid-%u.lock", slot);
		fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0)
			return errmsg(err, errlen, "cannot open %s: %s", path, strerror(errno));
		if (flock(fd, LOCK_EX | LOCK_NB) == 0 && user_is_free(UID_BASE + slot)) {
			sb->uid_lock = fd;
			sb->uid = UID_BASE + slot;
			sb->gid = UID_BASE + slot;
			return 0;
		}
		close(fd);
	}
	return errmsg(err, errlen, "all %d sandbox users are busy (other graders run)", UID_SLOTS);
}

/* ---- making and entering ------------------------------------------------- */

static void not_root(struct sandbox *sb)
{
	sb->uid = getuid();
	sb->gid = getgid();
	/* RLIMIT_NPROC counts all of our processes: leave room for those. */
	sb->nproc_limit = (rlim_t)(tasks_of(sb->uid) + sb->lim.nproc);
	snprintf(sb->missing, sizeof(sb->missing),
		 "socklab is not root, so the programs run as you, on this machine's own "
		 "network (on ports picked free), with no cgroup, seeing all your files and "
		 "processes (and the other submissions'): only the limits of each process "
		 "hold (CPU, memory, files, processes), and a program that leaves its process "
		 "group may outlive the run");
}

/*
 * A part of the sandbox the machine did not give (why in err): said in
 * sb->missing with what it means when lim.unisolated, else an error that
 * names it (the sandbox is let go of). Returns 0 or -1.
 */
static int lacking(struct sandbox *sb, char *err, size_t errlen, const char *means)
{
	char why[600], ignored[256];

	snprintf(why, sizeof(why), "%s", err);
	err[0] = '\0';
	if (sb->lim.unisolated) {
		add_missing(sb, "%s: %s", why, means);
		return 0;
	}
	sandbox_destroy(sb, ignored, sizeof(ignored));
	return errmsg(err, errlen, "%s", why);
}

/* Its network, cgroups and view, each one there or lacking(). */
static int isolate(struct sandbox *sb, char *err, size_t errlen)
{
	bool net, cg, fs;

	net = netns_create(sb, err, errlen) == 0;
	if (!net && lacking(sb, err, errlen, "the programs share this machine's network") < 0)
		return -1;
	cg = cgroups_create(sb);
	if (!cg) {
		errmsg(err, errlen, "no cgroup on this machine (v2, or v1 pids and memory)");
		if (lacking(sb, err, errlen, "memory is limited per process only") < 0)
			return -1;
	} else if (!sb->cg_cpu) {
		add_missing(sb, "no cpu controller in its cgroup: a program may use every core, "
				"and slow the others graded beside it");
	}
	/* The user id's slot is ours: so is its folder for the view. */
	snprintf(sb->fs_root, sizeof(sb->fs_root), LOCK_DIR "/root-%u", (unsigned)sb->uid);
	fs = sb->fs_private = mountns_possible(sb->fs_root, err, errlen);
	if (!fs) {
		sb->fs_root[0] = '\0';
		if (lacking(sb, err, errlen,
			    "the programs see this machine's files (as a user of their own: what "
			    "others may read, such as other submissions' folders) and its "
			    "processes, and share its /tmp, /dev/shm and System V IPC") < 0)
			return -1;
	}
	sb->complete = net && cg && fs;
	return 0;
}

int sandbox_create(struct sandbox *sb, const struct sandbox_limits *lim, char *err, size_t errlen)
{
	memset(sb, 0, sizeof(*sb));
	sb->lim = *lim;
	sb->netns_fd = -1;
	sb->uid_lock = -1;
	err[0] = '\0';
	if (geteuid() != 0) {
		if (!lim->unisolated)
			return errmsg(err, errlen,
				      "socklab is not root: it cannot give the programs a user, a "
				      "network, a view of the files and a cgroup of their own");
		not_root(sb);
		return 0;
	}
	if (uid_reserve(sb, err, errlen) < 0)
		return -1;
	sb->isolated = true;
	sb->nproc_limit = (rlim_t)lim->nproc;
	if (isolate(sb, err, errlen) < 0)
		return -1;
	err[0] = '\0';
	return 0;
}

/* dir as a plain folder of the sandbox's user, opened. */
static int plain_workdir(const struct sandbox *sb, const char *dir, char *err, size_t errlen)
{
	int fd;

	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return errmsg(err, errlen, "cannot make %s: %s", dir, strerror(errno));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0 && sb->isolated && fchown(fd, sb->uid, sb->gid) < 0) {
		close(fd);
		fd = -1;
	}
	if (fd < 0)
		return errmsg(err, errlen, "cannot open %s: %s", dir, strerror(errno));
	return fd;
}

int sandbox_workdir(struct sandbox *sb, const char *dir, char *err, size_t errlen)
{
	int fd;

	sb->disk_bounded = false;
	if (sb->lim.disk_mb <= 0)
		return plain_workdir(sb, dir, err, errlen);
	if (sb->isolated)
		fd = mountns_workdir(dir, sb->lim.disk_mb, sb->uid, sb->gid, err, errlen);
	else
		fd = errmsg(err, errlen, "socklab is not root: no work folder of a fixed size");
	sb->disk_bounded = fd >= 0;
	if (fd >= 0 || !sb->lim.unisolated)
		return fd;
	if (sb->isolated) /* not root: said already, and more */
		add_missing(sb, "%s: a program may fill this machine's disk", err);
	sb->complete = false;
	err[0] = '\0';
	return plain_workdir(sb, dir, err, errlen);
}

bool sandbox_workdir_full(const struct sandbox *sb, int dir_fd)
{
	struct statvfs vfs;

	/* Less than what a write needs: a page, or a few. */
	return sb->disk_bounded && fstatvfs(dir_fd, &vfs) == 0 &&
	       (unsigned long long)vfs.f_bavail * vfs.f_frsize < 64 * 1024;
}

/* Lowers a limit to value; never above the hard limit there is already,
 * which only root could raise. */
static int limit(int resource, rlim_t value)
{
	struct rlimit now, r = {value, value};

	if (resource == RLIMIT_CPU)
		r.rlim_max = value + 1; /* SIGXCPU first, then SIGKILL */
	if (getrlimit(resource, &now) == 0 && now.rlim_max != RLIM_INFINITY) {
		r.rlim_cur = r.rlim_cur < now.rlim_max ? r.rlim_cur : now.rlim_max;
		r.rlim_max = r.rlim_max < now.rlim_max ? r.rlim_max : now.rlim_max;
	}
	return setrlimit(resource, &r) < 0 ? errno : 0;
}

static int set_limits(const struct sandbox *sb)
{
	const struct sandbox_limits *l = &sb->lim;
	int err = limit(RLIMIT_CORE, 0);

	if (!err && l->cpu_s)
		err = limit(RLIMIT_CPU, (rlim_t)l->cpu_s);
	if (!err && l->as_mb)
		err = limit(RLIMIT_AS, (rlim_t)l->as_mb * MIB);
	if (!err && l->nofile)
		err = limit(RLIMIT_NOFILE, (rlim_t)l->nofile);
	if (!err && l->fsize_mb)
		err = limit(RLIMIT_FSIZE, (rlim_t)l->fsize_mb * MIB);
	if (!err && l->nproc)
		err = limit(RLIMIT_NPROC, sb->nproc_limit);
	return err;
}

static int become_user(const struct sandbox *sb)
{
	if (setgroups(0, NULL) < 0 || setgid(sb->gid) < 0 || setuid(sb->uid) < 0)
		return errno;
	/* Set after setuid, which clears it: the program dies with socklab. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		return errno;
	return 0;
}

void sandbox_set_view(struct sandbox *sb, const char *workdir, const char *libdir, const char *ring)
{
	snprintf(sb->workdir, sizeof(sb->workdir), "%s", workdir ? workdir : "");
	snprintf(sb->libdir, sizeof(sb->libdir), "%s", libdir ? libdir : "");
	snprintf(sb->ring, sizeof(sb->ring), "%s", ring ? ring : "");
}

/* A session of its own, so no controlling terminal: /dev/tty opens no
 * terminal, and TIOCSTI (typing into one) needs it to be the caller's. */
static int leave_terminal(void)
{
	if (getsid(0) == getpid())
		return 0; /* made one already (the scenario's child does) */
	return setsid() < 0 ? errno : 0;
}

/*
 * A new, empty session keyring: the one inherited from socklab (an
 * instructor's login session) holds keys its processes possess, whoever
 * they run as. And the sandbox's own user's keyring is emptied of what an
 * earlier submission graded under this uid could have left there (not
 * when it is the user's own: not isolated). Without keys in the kernel,
 * nothing to do.
 */
static int fresh_keyring(const struct sandbox *sb)
{
	if (syscall(SYS_keyctl, KEYCTL_JOIN_SESSION_KEYRING, NULL) < 0)
		return errno == ENOSYS ? 0 : errno;
	if (sb->isolated)
		syscall(SYS_keyctl, KEYCTL_CLEAR, KEY_SPEC_USER_KEYRING);
	return 0;
}

int sandbox_enter(void *arg)
{
	const struct sandbox *sb = arg;
	int err = 0;

	if ((err = leave_terminal()))
		return err;
	if (sb->netns_fd >= 0 && setns(sb->netns_fd, CLONE_NEWNET) < 0)
		return errno;
	if (sb->isolated && (err = cgroups_join(sb)))
		return err;
	if (sb->fs_private && (err = mountns_enter(sb)))
		return err;
	if ((err = set_limits(sb)))
		return err;
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return errno;
	if (sb->isolated && (err = become_user(sb)))
		return err;
	if ((err = fresh_keyring(sb)))
		return err;
	return sandbox_filter_enter(sb);
}

/* In the child of sandbox_spawn: async-signal-safe calls only. What went
 * wrong before exec goes to the parent as an errno, on report. */
static void spawn_child(struct sandbox *sb, char *const argv[], char *const envp[], const char *cwd,
			int out_fd, int null_fd, int report)
{
	int err = 0;

	if (dup2(null_fd, 0) < 0 || dup2(out_fd, 1) < 0 || dup2(out_fd, 2) < 0 || setsid() < 0 ||
	    (cwd && chdir(cwd) < 0))
		err = errno;
	if (!err)
		err = sandbox_enter(sb);
	if (!err && close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) < 0)
		err = errno;
	if (!err) {
		execve(argv[0], argv, envp);
		err = errno;
	}
	if (write(report, &err, sizeof(err)) < 0)
		_exit(127);
	_exit(127);
}

pid_t sandbox_spawn(struct sandbox *sb, char *const argv[], char *const envp[], const char *cwd,
		    int out_fd)
{
	int null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC), report[2], child_err = 0;
	ssize_t n;
	pid_t pid;

	if (null_fd < 0)
		return -1;
	if (pipe2(report, O_CLOEXEC) < 0) {
		close(null_fd);
		return -1;
	}
	pid = fork();
	if (pid == 0)
		spawn_child(sb, argv, envp, cwd, out_fd, null_fd, report[1]);
	close(null_fd);
	close(report[1]);
	/* exec closes the pipe; a failure before it comes as an errno. */
	do
		n = pid > 0 ? read(report[0], &child_err, sizeof(child_err)) : 0;
	while (n < 0 && errno == EINTR);
	close(report[0]);
	if (pid > 0 && n == sizeof(child_err)) {
		waitpid(pid, NULL, 0);
		errno = child_err;
		return -1;
	}
	return pid;
}

void sandbox_env(const struct sandbox *sb, const char *lang, struct sandbox_env *env)
{
	snprintf(env->path, sizeof(env->path), "PATH=/usr/local/bin:/usr/bin:/bin");
	snprintf(env->home, sizeof(env->home), "HOME=%s", sb->workdir[0] ? sb->workdir : "/");
	snprintf(env->lang, sizeof(env->lang), "LANG=%s", lang);
	snprintf(env->term, sizeof(env->term), "TERM=dumb");
	env->envp[0] = env->path;
	env->envp[1] = env->home;
	env->envp[2] = env->lang;
	env->envp[3] = env->term;
	env->envp[4] = NULL;
}

/* ---- ending -------------------------------------------------------------- */

#define PID_LIMIT (1 << 22) /* the kernel's largest pid_max */

static void mark_seen(void *arg, pid_t pid)
{
	struct sandbox *sb = arg;

	if (!sb->seen)
		sb->seen = calloc(PID_LIMIT / 8, 1);
	if (!sb->seen || pid >= PID_LIMIT || (sb->seen[pid / 8] & (1 << (pid % 8))))
		return;
	sb->seen[pid / 8] |= (unsigned char)(1 << (pid % 8));
	sb->nseen++;
}

int sandbox_count(struct sandbox *sb)
{
	return sb->isolated ? for_each_process_of(sb->uid, false, mark_seen, sb) : -1;
}

int sandbox_seen(const struct sandbox *sb)
{
	return sb->nseen;
}

/* kill(-1) from the sandbox's user reaches exactly its processes. */
static void kill_as_user(const struct sandbox *sb)
{
	pid_t pid = fork();

	if (pid == 0) {
		if (setgroups(0, NULL) == 0 && setgid(sb->gid) == 0 && setuid(sb->uid) == 0)
			kill(-1, SIGKILL);
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, NULL, 0);
}

/* Its processes alive: its user's, and whatever else is in its cgroups. */
static int alive(struct sandbox *sb)
{
	int of_user = sandbox_count(sb), in_cgroups = cgroups_signal(sb, 0);

	return of_user > in_cgroups ? of_user : in_cgroups;
}

int sandbox_kill(struct sandbox *sb, int timeout_ms)
{
	int left;

	if (!sb->isolated)
		return 0;
	left = alive(sb);
	for (int waited = 0; left > 0 && waited <= timeout_ms; waited += 10) {
		cgroups_kill(sb);
		cgroups_signal(sb, SIGKILL);
		kill_as_user(sb);
		sleep_ms(10);
		left = alive(sb);
	}
	return left;
}

int sandbox_destroy(struct sandbox *sb, char *err, size_t errlen)
{
	int ret;

	sandbox_kill(sb, 5000);
	ret = cgroups_remove(sb, err, errlen);
	if (sb->netns_fd >= 0)
		close(sb->netns_fd);
	sb->netns_fd = -1;
	sb->netns[0] = '\0';
	/* Its processes are gone, and their namespaces with them: the
	 * folder their views were mounted on is empty again. */
	if (sb->fs_root[0])
		rmdir(sb->fs_root);
	sb->fs_root[0] = '\0';
	if (sb->uid_lock >= 0)
		close(sb->uid_lock);
	sb->uid_lock = -1;
	free(sb->seen);
	sb->seen = NULL;
	return ret;
}

bool sandbox_can_read(const struct sandbox *sb, const char *path)
{
	int status;
	pid_t pid;

	if (!sb->isolated)
		return access(path, R_OK) == 0;
	pid = fork();
	if (pid == 0) {
		if (setgroups(0, NULL) == 0 && setgid(sb->gid) == 0 && setuid(sb->uid) == 0)
			_exit(access(path, R_OK) == 0 ? 0 : 1);
		_exit(2);
	}
	return pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 0;
}
