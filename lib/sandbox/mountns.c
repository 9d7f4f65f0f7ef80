/*
 * mountns.c - a sandbox's own view of the files (see mountns.h).
 *
 * Why not bubblewrap, which does this for Flatpak: bwrap runs the program
 * as a child of its own (socklab would start, signal and wait for bwrap,
 * not the student's program, whose pid every check is tied to); its /proc
 * needs a pid namespace, which renumbers the pids the tracer records; and
 * it cannot mount /proc with hidepid or join socklab's cgroup and user. The
 * view is a dozen mount() calls, made here in the child between fork and
 * exec, where the program's pid, user and limits are already right.
 *
 * Every call from mountns_enter() on is async-signal-safe: the child of a
 * threaded socklab may not allocate. Paths are built in buffers on the
 * stack with str* functions (async-signal-safe since POSIX.1-2016).
 */
#include "sandbox/mountns.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/errmsg.h"

/* The empty folder each sandbox mounts its new root on, in its own
 * namespace (so one folder serves them all). */
#define ROOT_DIR  "/run/socklab/root"
#define PATH_MAX_ 4096

static const char *const system_dirs[] = {"/usr",   "/etc",   "/bin",	 "/sbin", "/lib",
					  "/lib64", "/lib32", "/libx32", NULL};
/* No tty: a program of the sandbox has no terminal (sandbox_enter). */
static const char *const devices[] = {"null", "zero", "full", "random", "urandom", NULL};

/* root + path into buf (PATH_MAX_); -1 when it does not fit. */
static int under_root(const char *root, char *buf, const char *path)
{
	size_t r = strlen(root), p = strlen(path);

	if (r + p + 1 > PATH_MAX_)
		return -1;
	memcpy(buf, root, r);
	memcpy(buf + r, path, p + 1);
	return 0;
}

/* mkdir -p, for the folders on path below the new root. */
static int make_dirs(const char *root, char *path)
{
	for (char *p = path + strlen(root) + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) < 0 && errno != EEXIST)
			return errno;
		*p = '/';
	}
	return mkdir(path, 0755) < 0 && errno != EEXIST ? errno : 0;
}

/* Binds from (a folder, or a file when file) at the same path under the
 * new root; read-only unless writable; never setuid, never devices unless
 * dev. */
static int bind_at(const char *root, const char *from, bool file, bool writable, bool dev)
{
	char to[PATH_MAX_];
	unsigned long ro = MS_REMOUNT | MS_BIND | MS_NOSUID | (dev ? 0 : MS_NODEV) |
			   (writable ? 0 : MS_RDONLY);
	int err, fd;

	if (under_root(root, to, from) < 0)
		return ENAMETOOLONG;
	if (file) {
		char *slash = strrchr(to, '/');
		*slash = '\0';
		err = make_dirs(root, to);
		*slash = '/';
		if (err)
			return err;
		if ((fd = open(to, O_WRONLY | O_CREAT | O_CLOEXEC, 0644)) < 0)
			return errno;
		close(fd);
	} else if ((err = make_dirs(root, to))) {
		return err;
	}
	if (mount(from, to, NULL, MS_BIND | MS_REC, NULL) < 0 ||
	    mount(NULL, to, NULL, ro, NULL) < 0)
		return errno;
	return 0;
}

/* The system's folders, read-only; a link (/bin -> usr/bin) as a link. */
static int system_files(const char *root)
{
	for (int i = 0; system_dirs[i]; i++) {
		char to[PATH_MAX_], target[PATH_MAX_];
		struct stat st;
		ssize_t n;
		int err;

		if (lstat(system_dirs[i], &st) < 0)
			continue;
		under_root(root, to, system_dirs[i]);
		if (S_ISLNK(st.st_mode)) {
			if ((n = readlink(system_dirs[i], target, sizeof(target) - 1)) < 0)
				return errno;
			target[n] = '\0';
			if (symlink(target, to) < 0)
				return errno;
		} else if (S_ISDIR(st.st_mode) &&
			   (err = bind_at(root, system_dirs[i], false, false, false))) {
			return err;
		}
	}
	return 0;
}

/* True when path is in one of the system's folders (socklab installed in
 * /usr/local): already there, read-only. */
static bool under_system(const char *path)
{
	for (int i = 0; system_dirs[i]; i++) {
		size_t n = strlen(system_dirs[i]);
		if (strncmp(path, system_dirs[i], n) == 0 && path[n] == '/')
			return true;
	}
	return false;
}

static int tmpfs_at(const char *root, const char *path, const char *options)
{
	char to[PATH_MAX_];
	int err;

	if (under_root(root, to, path) < 0)
		return ENAMETOOLONG;
	if ((err = make_dirs(root, to)))
		return err;
	return mount("tmpfs", to, "tmpfs", MS_NOSUID | MS_NODEV, options) < 0 ? errno : 0;
}

/* /dev: a few devices, the usual links, a /dev/shm of its own. */
static int devices_and_shm(const char *root)
{
	static const char *const links[][2] = {{"/proc/self/fd", "/dev/fd"},
					       {"/proc/self/fd/0", "/dev/stdin"},
					       {"/proc/self/fd/1", "/dev/stdout"},
					       {"/proc/self/fd/2", "/dev/stderr"}};
	char from[64], to[PATH_MAX_];
	int err;

	if ((err = tmpfs_at(root, "/dev", "mode=0755,size=64k")))
		return err;
	for (int i = 0; devices[i]; i++) {
		strcpy(from, "/dev/");
		strcat(from, devices[i]);
		if (access(from, F_OK) == 0 && (err = bind_at(root, from, true, true, true)))
			return err;
	}
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		under_root(root, to, links[i][1]);
		if (symlink(links[i][0], to) < 0)
			return errno;
	}
	return tmpfs_at(root, "/dev/shm", "mode=1777,size=64m");
}

/* A sysfs, read-only, of its own network namespace (/sys/class/net holds
 * its loopback only); where the kernel refuses, no /sys. */
static void private_sys(const char *root)
{
	char to[PATH_MAX_];

	under_root(root, to, "/sys");
	if (make_dirs(root, to) == 0)
		mount("sysfs", to, "sysfs", MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL);
}

/* A procfs of its own, where other users' processes do not exist. */
static int private_proc(const char *root)
{
	char to[PATH_MAX_];
	unsigned long flags = MS_NOSUID | MS_NODEV | MS_NOEXEC;
	int err;

	under_root(root, to, "/proc");
	if ((err = make_dirs(root, to)))
		return err;
	if (mount("proc", to, "proc", flags, "hidepid=invisible") == 0 ||
	    mount("proc", to, "proc", flags, "hidepid=2") == 0)
		return 0;
	return errno;
}

/* The new root replaces the old, which is let go of entirely: no path
 * (nor a cwd left there) leads back to the machine's files. */
static int enter_root(const char *root, const char *cwd)
{
	if (chdir(root) < 0 || syscall(SYS_pivot_root, ".", ".") < 0 ||
	    umount2(".", MNT_DETACH) < 0 || chdir("/") < 0)
		return errno;
	if (mount(NULL, "/", NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) < 0)
		return errno;
	return cwd[0] && chdir(cwd) < 0 ? errno : 0;
}

int mountns_enter(const struct sandbox *sb)
{
	const char *root = sb->fs_root;
	int err;

	if (unshare(CLONE_NEWNS | CLONE_NEWIPC) < 0 ||
	    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
	    mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m") < 0)
		return errno;
	private_sys(root);
	if ((err = system_files(root)) || (err = devices_and_shm(root)) ||
	    (err = private_proc(root)) || (err = tmpfs_at(root, "/tmp", "mode=1777,size=64m")))
		return err;
	if (sb->workdir[0] && (err = bind_at(root, sb->workdir, false, true, false)))
		return err;
	if (sb->libdir[0] && !under_system(sb->libdir) &&
	    (err = bind_at(root, sb->libdir, false, false, false)))
		return err;
	if (sb->ring[0] && (err = bind_at(root, sb->ring, true, true, false)))
		return err;
	return enter_root(root, sb->workdir);
}

int mountns_workdir(const char *dir, int size_mb, uid_t uid, gid_t gid, char *err, size_t errlen)
{
	char options[64];
	int fd;

	snprintf(options, sizeof(options), "mode=0755,size=%dm", size_mb);
	if (unshare(CLONE_NEWNS) < 0 || mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0)
		return errmsg(err, errlen, "no mount namespace for the work folder: %s",
			      strerror(errno));
	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return errmsg(err, errlen, "cannot make %s: %s", dir, strerror(errno));
	if (mount("tmpfs", dir, "tmpfs", MS_NOSUID | MS_NODEV, options) < 0)
		return errmsg(err, errlen, "cannot mount a tmpfs of %d MiB on %s: %s", size_mb, dir,
			      strerror(errno));
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 || fchown(fd, uid, gid) < 0) {
		errmsg(err, errlen, "cannot give %s to the sandbox's user: %s", dir,
		       strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return fd;
}

/* waitpid() that a signal does not interrupt. */
static pid_t wait_for(pid_t pid, int *status)
{
	pid_t got;

	while ((got = waitpid(pid, status, 0)) < 0 && errno == EINTR)
		;
	return got;
}

bool mountns_possible(const char *root, char *err, size_t errlen)
{
	int status = 0;
	pid_t pid;

	if (mkdir("/run/socklab", 0755) < 0 && errno != EEXIST)
		return errmsg(err, errlen, "cannot make /run/socklab: %s", strerror(errno)), false;
	if (mkdir(root, 0755) < 0 && errno != EEXIST)
		return errmsg(err, errlen, "cannot make %s: %s", root, strerror(errno)), false;
	pid = fork();
	if (pid == 0) {
		char proc[PATH_MAX_];
		under_root(root, proc, "/proc");
		if (unshare(CLONE_NEWNS | CLONE_NEWIPC) < 0 ||
		    mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 ||
		    mount("tmpfs", root, "tmpfs", 0, "size=64k") < 0 || mkdir(proc, 0755) < 0 ||
		    (mount("proc", proc, "proc", 0, "hidepid=invisible") < 0 &&
		     mount("proc", proc, "proc", 0, "hidepid=2") < 0))
			_exit(errno & 0xff);
		_exit(0);
	}
	if (pid < 0 || wait_for(pid, &status) != pid || !WIFEXITED(status) || WEXITSTATUS(status)) {
		int why = errno;
		errmsg(err, errlen, "no mount namespace of its own: %s",
		       pid > 0 && WIFEXITED(status) ? strerror(WEXITSTATUS(status))
		       : pid < 0		    ? strerror(why)
						    : "the trial ended by a signal");
		rmdir(root);
		return false;
	}
	return true;
}
