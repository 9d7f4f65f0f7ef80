/*
 * testutil.h - what the unit tests share: temporary folders, and skips
 * that become failures in CI.
 */
#ifndef SOCKLAB_TESTUTIL_H
#define SOCKLAB_TESTUTIL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Skips the test with a reason, or fails it where skips are not allowed
 * (SOCKLAB_NO_SKIP=1, as in CI). */
#define skip_because(why)                                                                          \
	do {                                                                                       \
		const char *no_skip = getenv("SOCKLAB_NO_SKIP");                                   \
		if (no_skip && strcmp(no_skip, "1") == 0)                                          \
			cr_assert_fail("cannot run here, and skips are failures: %s", why);        \
		cr_skip_test("%s", why);                                                           \
	} while (0)

#define need_root(what)                                                                            \
	do {                                                                                       \
		if (geteuid() != 0)                                                                \
			skip_because("needs root: " what);                                         \
	} while (0)

/* A fresh temporary folder; the caller removes it with rm_rf(). */
static inline char *temp_dir(void)
{
	char *dir = strdup("/tmp/socklab-unit.XXXXXX");

	cr_assert(dir && mkdtemp(dir), "mkdtemp");
	return dir;
}

static inline void rm_rf(const char *dir)
{
	char cmd[4200];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

/* Writes text to dir/name. */
static inline void write_file(const char *dir, const char *name, const char *text)
{
	char path[4200];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	cr_assert(f, "fopen %s", path);
	fputs(text, f);
	fclose(f);
}

#endif
