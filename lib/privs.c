/*
 * privs.c - becoming the sudo user again.
 */
#include "privs.h"

#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A decimal id from the environment: -1 when absent, -2 when not a number. */
static long id_from_env(const char *name)
{
	const char *s = getenv(name);
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || *end || v < 0 || v > 0x7fffffffL)
		return -2;
	return v;
}

/* Hands path, and the entries of it if it is a folder, to uid:gid. */
static int hand_over(const char *path, uid_t uid, gid_t gid, char *err, size_t errlen)
{
	DIR *d;
	struct dirent *e;
	char sub[4096];

	if (lchown(path, uid, gid) < 0) {
		snprintf(err, errlen, "cannot give %s to uid %d: %s", path, (int)uid, strerror(errno));
		return -1;
	}
	d = opendir(path);
	if (!d)
		return 0; /* a file */
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		if (lchown(sub, uid, gid) < 0 && errno != ENOENT) {
			snprintf(err, errlen, "cannot give %s to uid %d: %s", sub, (int)uid,
				 strerror(errno));
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

/* Groups first, then the gid, then the uid: after setresuid() there is
 * no permission left to change the others. */
static int become(uid_t uid, gid_t gid, char *err, size_t errlen)
{
	struct passwd *pw = getpwuid(uid);
	int r = pw ? initgroups(pw->pw_name, gid) : setgroups(1, &gid);

	if (r < 0 || setresgid(gid, gid, gid) < 0 || setresuid(uid, uid, uid) < 0) {
		snprintf(err, errlen, "cannot become uid %d gid %d: %s", (int)uid, (int)gid,
			 strerror(errno));
		return -1;
	}
	/* Make sure there is no way back. */
	if (setresuid(0, 0, 0) == 0) {
		snprintf(err, errlen, "still root after dropping privileges");
		return -1;
	}
	return 0;
}

int privs_drop_if_sudo(const char *const *paths, char *err, size_t errlen)
{
	long uid = id_from_env("SUDO_UID"), gid = id_from_env("SUDO_GID");

	if (geteuid() != 0 || uid == -1 || gid == -1 || uid == 0)
		return 0;
	if (uid < 0 || gid < 0) {
		snprintf(err, errlen, "SUDO_UID and SUDO_GID must be numbers");
		return -1;
	}
	for (size_t i = 0; paths && paths[i]; i++)
		if (hand_over(paths[i], (uid_t)uid, (gid_t)gid, err, errlen) < 0)
			return -1;
	return become((uid_t)uid, (gid_t)gid, err, errlen);
}
