/*
 * paths.c - socklab's files, found from /proc/self/exe.
 */
#include "host/paths.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/errmsg.h"

static char prefix[PATH_MAX];

/* PREFIX is the folder above the one socklab's executable is in. */
static const char *socklab_prefix(void)
{
	ssize_t n;
	char *slash;

	if (prefix[0])
		return prefix;
	n = readlink("/proc/self/exe", prefix, sizeof(prefix) - 1);
	if (n <= 0)
		return NULL;
	prefix[n] = '\0';
	for (int i = 0; i < 2; i++) {
		slash = strrchr(prefix, '/');
		if (!slash)
			return NULL;
		*slash = '\0';
	}
	return prefix;
}

static char libdir[PATH_MAX + 16];

void socklab_set_libdir(const char *dir)
{
	snprintf(libdir, sizeof(libdir), "%s", dir);
}

const char *socklab_libdir(void)
{
	const char *p;

	if (libdir[0])
		return libdir;
	if (!(p = socklab_prefix()))
		return NULL;
	snprintf(libdir, sizeof(libdir), "%s/lib/socklab", p);
	return libdir;
}

const char *socklab_sharedir(void)
{
	static char dir[PATH_MAX + 16];
	const char *p = socklab_prefix();

	if (!p)
		return NULL;
	snprintf(dir, sizeof(dir), "%s/share/socklab", p);
	return dir;
}

const char *socklab_localedir(void)
{
	static char dir[PATH_MAX + 16];
	const char *p = socklab_prefix();

	snprintf(dir, sizeof(dir), "%s/share/locale", p ? p : "/usr/local");
	return dir;
}

const char *socklab_preload(char *err, size_t errlen)
{
	static char path[PATH_MAX + 64];
	const char *dir = socklab_libdir();

	if (!dir) {
		errmsg(err, errlen, "cannot tell where socklab is installed (/proc/self/exe)");
		return NULL;
	}
	snprintf(path, sizeof(path), "%s/libsocklab-preload.so", dir);
	if (access(path, R_OK) < 0) {
		errmsg(err, errlen, "the tracer library is missing: %s (run make, or make install)",
		       path);
		return NULL;
	}
	return path;
}
