/*
 * live.c - the rendezvous of a live session (see live.h).
 *
 * watch.json is written to a temporary name and renamed, so a reader sees
 * the whole file or none. A reader trusts it only if the pid runs and is a
 * socklab, and the ring it names is a socklab ring: a watch killed with
 * SIGKILL leaves the file behind, and its pid may be someone else's by now.
 */
#include "collect/live.h"

#include <errno.h>
#include <jansson.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/errmsg.h"
#include "wire/ring.h"

#define LIVE_FILE "watch.json"

static int fail(char *err, size_t errlen, const char *what, const char *path)
{
	return errmsg(err, errlen, "%s %s: %s", what, path, strerror(errno));
}

/* A folder of this user's alone: no one else may write, or read, in it. */
static int check_private(const char *dir, char *err, size_t errlen)
{
	struct stat st;

	if (lstat(dir, &st) < 0)
		return fail(err, errlen, "cannot use", dir);
	if (!S_ISDIR(st.st_mode) || st.st_uid != getuid() || (st.st_mode & 077)) {
		errmsg(err, errlen,
		       "%s is not a private folder of yours (mode %o, owner %d): remove it and "
		       "try again",
		       dir, (unsigned)(st.st_mode & 07777), (int)st.st_uid);
		return -1;
	}
	return 0;
}

int live_dir(char *out, size_t cap, char *err, size_t errlen)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int n;

	if (xdg && xdg[0] == '/' && access(xdg, W_OK) == 0)
		n = snprintf(out, cap, "%s/socklab", xdg);
	else
		n = snprintf(out, cap, "/tmp/socklab-%d", (int)getuid());
	if (n < 0 || (size_t)n >= cap)
		return errmsg(err, errlen, "the path of the live-session folder is too long");
	if (mkdir(out, 0700) < 0 && errno != EEXIST)
		return fail(err, errlen, "cannot make", out);
	return check_private(out, err, errlen);
}

static int live_file(char *path, size_t cap, char *err, size_t errlen)
{
	char dir[PATH_MAX - 16];

	if (live_dir(dir, sizeof(dir), err, errlen) < 0)
		return -1;
	snprintf(path, cap, "%s/" LIVE_FILE, dir);
	return 0;
}

int live_announce(const struct live_session *ls, char *err, size_t errlen)
{
	char path[PATH_MAX], tmp[PATH_MAX + 8];
	json_t *o;
	int ret;

	if (live_file(path, sizeof(path), err, errlen) < 0)
		return -1;
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	o = json_pack("{si ss ss}", "pid", (int)ls->pid, "ring", ls->ring, "dir", ls->dir);
	ret = o ? json_dump_file(o, tmp, JSON_COMPACT) : -1;
	json_decref(o);
	if (ret < 0 || rename(tmp, path) < 0) {
		unlink(tmp);
		return fail(err, errlen, "cannot write", path);
	}
	return 0;
}

/* True when pid runs and is a socklab (not a process that got its pid). */
static bool is_socklab(pid_t pid)
{
	char path[64], comm[32] = "";
	FILE *f;

	if (pid <= 0 || (kill(pid, 0) < 0 && errno == ESRCH))
		return false;
	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return false;
	if (!fgets(comm, sizeof(comm), f))
		comm[0] = '\0';
	fclose(f);
	return strncmp(comm, "socklab", 7) == 0;
}

/* The ring at path, made by the collector in process pid. */
static bool is_ring_of(const char *path, pid_t pid)
{
	struct ring r;
	bool ours;

	if (ring_attach(&r, path) < 0)
		return false;
	ours = r.hdr->collector_pid == pid;
	ring_detach(&r);
	return ours;
}

/* Reads watch.json; false when it is not a whole, sensible file. */
static bool read_announcement(const char *path, struct live_session *ls)
{
	json_t *o = json_load_file(path, 0, NULL);
	const char *ring = json_string_value(json_object_get(o, "ring"));
	const char *dir = json_string_value(json_object_get(o, "dir"));
	json_t *pid = json_object_get(o, "pid");
	bool ok = ring && dir && json_is_integer(pid) && strlen(ring) < sizeof(ls->ring) &&
		  strlen(dir) < sizeof(ls->dir);

	if (ok) {
		ls->pid = (pid_t)json_integer_value(pid);
		snprintf(ls->ring, sizeof(ls->ring), "%s", ring);
		snprintf(ls->dir, sizeof(ls->dir), "%s", dir);
	}
	json_decref(o);
	return ok;
}

int live_find(struct live_session *ls, char *err, size_t errlen)
{
	char path[PATH_MAX];

	if (live_file(path, sizeof(path), err, errlen) < 0)
		return -1;
	if (access(path, F_OK) < 0)
		return 0;
	if (read_announcement(path, ls) && is_socklab(ls->pid) && is_ring_of(ls->ring, ls->pid))
		return 1;
	/* Left by a watch that died without taking it back. */
	unlink(path);
	return 0;
}

void live_withdraw(void)
{
	struct live_session ls;
	char path[PATH_MAX], err[256];

	if (live_file(path, sizeof(path), err, sizeof(err)) == 0 && read_announcement(path, &ls) &&
	    ls.pid == getpid())
		unlink(path);
}
