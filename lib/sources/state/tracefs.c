/*
 * tracefs.c - socklab's own tracing instance (see tracefs.h).
 *
 *   tracefs_open():  guardian, stale instances, find or mount tracefs,
 *                    make the instance, set it up, open trace_pipe
 *   tracefs_close(): the same, undone in the opposite order
 */
#include "sources/state/tracefs.h"
#include "base/errmsg.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"

#define MOUNT_PREFIX "/tmp/socklab-tracefs-"

/* Writes value into dir/file, as `echo value > dir/file` would. */
static int write_file(const char *dir, const char *file, const char *value)
{
	char path[PATH_MAX + 128];
	int fd, saved;
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -1;
	n = write(fd, value, strlen(value));
	saved = errno;
	close(fd);
	errno = saved;
	return n == (ssize_t)strlen(value) ? 0 : -1;
}

/* ---- where tracefs is ------------------------------------------------------ */

static bool has_instances(const char *root)
{
	char path[PATH_MAX + 16];
	struct stat st;

	snprintf(path, sizeof(path), "%s/instances", root);
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * The system's tracefs, where it is mounted by convention: its own place,
 * or debugfs's tracing folder. Other tracefs mounts are passed over: they
 * are someone's private ones (another socklab's, a test's) and may be
 * unmounted at any moment; without the system's, socklab mounts its own.
 */
static bool find_mounted(char *root, size_t cap)
{
	static const char *const places[][2] = {
		{"/sys/kernel/tracing", "tracefs"},
		{"/sys/kernel/debug", "debugfs"},
	};
	char dev[256], dir[PATH_MAX], type[64], line[PATH_MAX + 512];
	FILE *f = fopen("/proc/self/mounts", "re");
	bool found = false;

	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%255s %4095s %63s", dev, dir, type) != 3)
			continue;
		for (size_t i = 0; i < 2 && !found; i++) {
			if (strcmp(dir, places[i][0]) != 0 || strcmp(type, places[i][1]) != 0)
				continue;
			int n = snprintf(root, cap, i == 0 ? "%s" : "%s/tracing", dir);
			found = n > 0 && (size_t)n < cap && has_instances(root);
		}
	}
	fclose(f);
	return found;
}

/* Mounts tracefs in a new folder /tmp/socklab-tracefs-PID-XXXXXX, told to
 * the guardian first so that it goes away even if socklab dies here. */
static int mount_private(struct tracefs *tf, char *err, size_t errlen)
{
	snprintf(tf->root, sizeof(tf->root), MOUNT_PREFIX "%d-XXXXXX", (int)getpid());
	if (!mkdtemp(tf->root))
		return errmsg(err, errlen, "cannot make a folder to mount tracefs: %s",
			      strerror(errno));
	if (guardian_undo_mount(&tf->guardian, tf->root) < 0 ||
	    mount("nodev", tf->root, "tracefs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) < 0) {
		int e = errno;
		rmdir(tf->root);
		return errmsg(err, errlen,
			      "kernel states need tracefs, which is not mounted, and socklab "
			      "cannot "
			      "mount it (%s): run socklab as root",
			      strerror(e));
	}
	tf->mounted_here = true;
	return 0;
}

static int remove_stale_instances(const char *root);
static int remove_stale_mounts(void);

/* ---- the instance ------------------------------------------------------------ */

static int make_instance(struct tracefs *tf, char *err, size_t errlen)
{
	static int serial;
	char name[64];
	int n;

	/* socklab-PID; a second instance in the same process, socklab-PID-2. */
	if (serial++ == 0)
		snprintf(name, sizeof(name), TRACEFS_INSTANCE_PREFIX "%d", (int)getpid());
	else
		snprintf(name, sizeof(name), TRACEFS_INSTANCE_PREFIX "%d-%d", (int)getpid(),
			 serial);
	n = snprintf(tf->instance, sizeof(tf->instance), "%s/instances/%s", tf->root, name);
	if (n < 0 || (size_t)n >= sizeof(tf->instance))
		return errmsg(err, errlen, "the tracefs path %s is too long", tf->root);
	if (guardian_undo_rmdir(&tf->guardian, tf->instance) < 0)
		return errmsg(err, errlen, "cannot reach the clean-up guardian");
	if (mkdir(tf->instance, 0700) < 0) {
		int e = errno;
		tf->instance[0] = '\0';
		return errmsg(err, errlen, "cannot make a tracing instance in %s/instances: %s%s",
			      tf->root, strerror(e),
			      e == EACCES || e == EPERM ? " (needs root)" : "");
	}
	return 0;
}

/* The clock, readers woken by any data, then the event. (The buffer keeps
 * its default size: resizing costs more start-up time than it saves.) */
static int setup_instance(struct tracefs *tf, const char *filter, char *err, size_t errlen)
{
	char file[256];

	if (write_file(tf->instance, "trace_clock", "mono") < 0)
		return errmsg(err, errlen, "the kernel's tracefs has no \"mono\" trace clock");
	/* Older kernels have no buffer_percent; they wake readers at once. */
	write_file(tf->instance, "buffer_percent", "0");
	if (filter) {
		snprintf(file, sizeof(file), "events/%s/filter", tf->event);
		write_file(tf->instance, file, filter);
	}
	snprintf(file, sizeof(file), "events/%s/enable", tf->event);
	if (write_file(tf->instance, file, "1") < 0)
		return errmsg(err, errlen, "the kernel has no trace event %s: %s", tf->event,
			      strerror(errno));
	return 0;
}

static int open_pipe(struct tracefs *tf, char *err, size_t errlen)
{
	char path[PATH_MAX + 16];

	snprintf(path, sizeof(path), "%s/trace_pipe", tf->instance);
	tf->pipe_fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (tf->pipe_fd < 0)
		return errmsg(err, errlen, "cannot read %s: %s", path, strerror(errno));
	return 0;
}

int tracefs_open(struct tracefs *tf, const char *event, const char *filter, char *err,
		 size_t errlen)
{
	memset(tf, 0, sizeof(*tf));
	tf->pipe_fd = -1;
	snprintf(tf->event, sizeof(tf->event), "%s", event);
	if (guardian_start(&tf->guardian, err, errlen) < 0)
		return -1;
	remove_stale_mounts();
	if (!find_mounted(tf->root, sizeof(tf->root)) && mount_private(tf, err, errlen) < 0)
		goto out_close;
	/* Instances are the same in every mount of tracefs. */
	remove_stale_instances(tf->root);
	if (make_instance(tf, err, errlen) < 0 || setup_instance(tf, filter, err, errlen) < 0 ||
	    open_pipe(tf, err, errlen) < 0)
		goto out_close;
	return 0;

out_close:
	tracefs_close(tf);
	return -1;
}

/* ---- reading --------------------------------------------------------------- */

static void take_line(struct tracefs *tf, size_t len, tracefs_line_fn fn, void *arg)
{
	tf->partial[len] = '\0';
	fn(arg, tf->partial);
	tf->partial_n -= len + 1;
	memmove(tf->partial, tf->partial + len + 1, tf->partial_n);
}

int tracefs_read_lines(struct tracefs *tf, tracefs_line_fn fn, void *arg)
{
	int lines = 0;

	for (;;) {
		ssize_t n = read(tf->pipe_fd, tf->partial + tf->partial_n,
				 sizeof(tf->partial) - 1 - tf->partial_n);
		char *nl;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN ? lines : -1;
		if (n == 0)
			return lines;
		tf->partial_n += (size_t)n;
		while ((nl = memchr(tf->partial, '\n', tf->partial_n)) != NULL) {
			take_line(tf, (size_t)(nl - tf->partial), fn, arg);
			lines++;
		}
		/* A line longer than any the event prints: not ours, drop it. */
		if (tf->partial_n == sizeof(tf->partial) - 1)
			tf->partial_n = 0;
	}
}

/* ---- undoing --------------------------------------------------------------- */

static void remove_instance(const char *path)
{
	for (int tries = 0; tries < 50; tries++) {
		if (rmdir(path) == 0 || errno != EBUSY)
			return;
		sleep_ms(10);
	}
}

void tracefs_close(struct tracefs *tf)
{
	char file[256];

	if (tf->pipe_fd >= 0)
		close(tf->pipe_fd);
	tf->pipe_fd = -1;
	if (tf->instance[0]) {
		snprintf(file, sizeof(file), "events/%s/enable", tf->event);
		write_file(tf->instance, file, "0");
		remove_instance(tf->instance);
		tf->instance[0] = '\0';
	}
	if (tf->mounted_here) {
		umount2(tf->root, MNT_DETACH);
		rmdir(tf->root);
		tf->mounted_here = false;
	}
	guardian_release(&tf->guardian);
}

/* ---- what a dead socklab left ------------------------------------------------ */

static bool pid_gone(const char *digits)
{
	char *end;
	long pid = strtol(digits, &end, 10);

	if (end == digits || pid <= 0 || (*end != '\0' && *end != '-'))
		return false;
	return kill((pid_t)pid, 0) < 0 && errno == ESRCH;
}

static int remove_stale_instances(const char *root)
{
	char dir[PATH_MAX + 16], path[PATH_MAX + 300];
	struct dirent *d;
	int removed = 0;
	DIR *dp;

	snprintf(dir, sizeof(dir), "%s/instances", root);
	dp = opendir(dir);
	if (!dp)
		return 0;
	while ((d = readdir(dp)) != NULL) {
		const char *name = d->d_name;
		if (strncmp(name, TRACEFS_INSTANCE_PREFIX, strlen(TRACEFS_INSTANCE_PREFIX)) != 0 ||
		    !pid_gone(name + strlen(TRACEFS_INSTANCE_PREFIX)))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (rmdir(path) == 0)
			removed++;
	}
	closedir(dp);
	return removed;
}

/* socklab's own mounts, /tmp/socklab-tracefs-PID-XXXXXX, whose PID is gone. */
static int remove_stale_mounts(void)
{
	char dev[256], dir[PATH_MAX], type[64], line[PATH_MAX + 512];
	FILE *f = fopen("/proc/self/mounts", "re");
	int removed = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%255s %4095s %63s", dev, dir, type) != 3 ||
		    strcmp(type, "tracefs") != 0 ||
		    strncmp(dir, MOUNT_PREFIX, strlen(MOUNT_PREFIX)) != 0 ||
		    !pid_gone(dir + strlen(MOUNT_PREFIX)))
			continue;
		if (umount2(dir, MNT_DETACH) == 0 && rmdir(dir) == 0)
			removed++;
	}
	fclose(f);
	return removed;
}
