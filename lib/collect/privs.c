/*
 * privs.c - becoming the sudo user again, or giving that user what
 * socklab made as root.
 */
#include "collect/privs.h"

#include <dirent.h>
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/errmsg.h"

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

/* Deep enough for any folder socklab makes: OUT/NAME/session/FILE. */
#define HAND_OVER_DEPTH 8

/*
 * Hands path to uid:gid, and if it is a folder everything in it, down to
 * HAND_OVER_DEPTH. Never follows a symbolic link (lchown, lstat): the link
 * itself changes hands, not what it points to. A file that vanished on the
 * way is no error; path itself must be there.
 */
static int hand_over(const char *path, uid_t uid, gid_t gid, int depth, char *err, size_t errlen)
{
	char sub[4096];
	struct dirent *e;
	struct stat st;
	DIR *d;
	int ret = 0;

	if (lchown(path, uid, gid) < 0) {
		if (depth > 0 && errno == ENOENT)
			return 0;
		return errmsg(err, errlen, "cannot give %s to uid %d: %s", path, (int)uid,
			      strerror(errno));
	}
	if (depth == HAND_OVER_DEPTH || lstat(path, &st) < 0 || !S_ISDIR(st.st_mode))
		return 0;
	if (!(d = opendir(path)))
		return 0;
	while (ret == 0 && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
		ret = hand_over(sub, uid, gid, depth + 1, err, errlen);
	}
	closedir(d);
	return ret;
}

/* The user who ran sudo: 1 with *uid, *gid when socklab is root through
 * sudo (SUDO_UID, SUDO_GID, not root), 0 when not, -1 with err when the
 * variables are not numbers. */
static int sudo_user(uid_t *uid, gid_t *gid, char *err, size_t errlen)
{
	long u = id_from_env("SUDO_UID"), g = id_from_env("SUDO_GID");

	if (geteuid() != 0 || u == -1 || g == -1 || u == 0)
		return 0;
	if (u < 0 || g < 0)
		return errmsg(err, errlen, "SUDO_UID and SUDO_GID must be numbers");
	*uid = (uid_t)u;
	*gid = (gid_t)g;
	return 1;
}

/* Groups first, then the gid, then the uid: after setresuid() there is
 * no permission left to change the others. */
static int become(uid_t uid, gid_t gid, char *err, size_t errlen)
{
	struct passwd *pw = getpwuid(uid);
	int r = pw ? initgroups(pw->pw_name, gid) : setgroups(1, &gid);

	if (r < 0 || setresgid(gid, gid, gid) < 0 || setresuid(uid, uid, uid) < 0)
		return errmsg(err, errlen, "cannot become uid %d gid %d: %s", (int)uid, (int)gid,
			      strerror(errno));
	/* Make sure there is no way back. */
	if (setresuid(0, 0, 0) == 0)
		return errmsg(err, errlen, "still root after dropping privileges");
	return 0;
}

static int hand_over_all(const char *const *paths, uid_t uid, gid_t gid, char *err, size_t errlen)
{
	for (size_t i = 0; paths && paths[i]; i++)
		if (hand_over(paths[i], uid, gid, 0, err, errlen) < 0)
			return -1;
	return 0;
}

int privs_sudo_user(struct privs_user *u, char *err, size_t errlen)
{
	struct passwd *pw;
	int sudo = sudo_user(&u->uid, &u->gid, err, errlen);

	if (sudo <= 0)
		return sudo;
	u->ngroups = PRIVS_GROUPS_MAX;
	pw = getpwuid(u->uid);
	if (!pw || getgrouplist(pw->pw_name, u->gid, u->groups, &u->ngroups) < 0) {
		u->groups[0] = u->gid;
		u->ngroups = 1;
	}
	return 1;
}

int privs_become_in_child(const struct privs_user *u)
{
	if (setgroups((size_t)u->ngroups, u->groups) < 0 || setresgid(u->gid, u->gid, u->gid) < 0 ||
	    setresuid(u->uid, u->uid, u->uid) < 0)
		return errno;
	return setresuid(0, 0, 0) == 0 ? EPERM : 0;
}

int privs_give_to_sudo_user(const char *const *paths, char *err, size_t errlen)
{
	uid_t uid;
	gid_t gid;
	int sudo = sudo_user(&uid, &gid, err, errlen);

	if (sudo <= 0)
		return sudo;
	return hand_over_all(paths, uid, gid, err, errlen);
}

int privs_drop_if_sudo(const char *const *paths, char *err, size_t errlen)
{
	uid_t uid;
	gid_t gid;
	int sudo = sudo_user(&uid, &gid, err, errlen);

	if (sudo <= 0)
		return sudo;
	if (hand_over_all(paths, uid, gid, err, errlen) < 0)
		return -1;
	return become(uid, gid, err, errlen);
}
