/*
 * netns.c - naming a network namespace, entering one (see netns.h).
 */
#include "base/netns.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/errmsg.h"

void netns_path(const char *netns, char *out, size_t cap)
{
	if (strchr(netns, '/'))
		snprintf(out, cap, "%s", netns);
	else
		snprintf(out, cap, "/run/netns/%s", netns);
}

int netns_enter(const char *netns, int *back, char *err, size_t errlen)
{
	char path[4096];
	int fd;

	netns_path(netns, path, sizeof(path));
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errmsg(err, errlen, "no network namespace %s (%s)", path, strerror(errno));
	*back = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
	if (*back < 0 || setns(fd, CLONE_NEWNET) < 0) {
		errmsg(err, errlen, "cannot enter network namespace %s: %s%s", netns,
		       strerror(errno), errno == EPERM ? " (socklab needs root)" : "");
		if (*back >= 0)
			close(*back);
		close(fd);
		return -1;
	}
	close(fd);
	return 0;
}

void netns_leave(int back)
{
	setns(back, CLONE_NEWNET);
	close(back);
}
