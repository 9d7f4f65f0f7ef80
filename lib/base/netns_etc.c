/*
 * netns_etc.c - /etc/netns/NAME over /etc, as ip-netns(8) does (see
 * netns_etc.h).
 */
#include "base/netns_etc.h"

#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>

void etc_overlay_find(const char *netns, struct etc_overlay *o)
{
	const char *name = strrchr(netns, '/');
	char dir[280];
	struct dirent *de;
	DIR *d;

	o->n = 0;
	if (!name || strncmp(netns, "/run/netns/", 11) != 0)
		return;
	snprintf(dir, sizeof(dir), "/etc/netns/%s", name + 1);
	if (!(d = opendir(dir)))
		return;
	while ((de = readdir(d)) && o->n < ETC_FILES_MAX) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(o->from[o->n], sizeof(o->from[0]), "%s/%s", dir, de->d_name);
		snprintf(o->to[o->n], sizeof(o->to[0]), "/etc/%s", de->d_name);
		o->n++;
	}
	closedir(d);
}

/* A mount namespace of its own, slave to the machine's (nothing it mounts
 * goes back), where the overlay's files are bound over /etc's. */
int etc_overlay_apply(const struct etc_overlay *o)
{
	if (o->n == 0)
		return 0;
	if (unshare(CLONE_NEWNS) < 0 || mount("", "/", NULL, MS_SLAVE | MS_REC, NULL) < 0)
		return errno;
	for (int i = 0; i < o->n; i++)
		if (mount(o->from[i], o->to[i], NULL, MS_BIND, NULL) < 0)
			return errno;
	return 0;
}
