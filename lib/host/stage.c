/*
 * stage.c - socklab's lib folder copied where others can read it (see
 * stage.h). The copy is made by cp(1) and opened up by chmod(1): a copy of
 * a tree with its modes is what they do, and do well.
 */
#include "host/stage.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/errmsg.h"
#include "host/paths.h"

#define STAGE_ROOT "/run/socklab"

static char staged[PATH_MAX];
static pid_t staged_by;

bool path_readable_by_others(const char *path)
{
	char walk[PATH_MAX];
	struct stat st;

	if (snprintf(walk, sizeof(walk), "%s", path) >= (int)sizeof(walk) || stat(walk, &st) < 0)
		return false;
	if (!(st.st_mode & S_IROTH) || (S_ISDIR(st.st_mode) && !(st.st_mode & S_IXOTH)))
		return false;
	for (char *slash = strrchr(walk, '/'); slash && slash != walk; slash = strrchr(walk, '/')) {
		*slash = '\0';
		if (stat(walk, &st) < 0 || !(st.st_mode & S_IXOTH))
			return false;
	}
	return true;
}

/* Runs argv, waits for it; 0 when it exited 0. */
static int run_tool(char *const argv[])
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static void unstage(void)
{
	char *rm[] = {"rm", "-rf", "--", staged, NULL};

	if (staged[0] && getpid() == staged_by)
		run_tool(rm);
}

int socklab_stage_libdir(char *err, size_t errlen)
{
	const char *lib = socklab_libdir();
	char src[PATH_MAX + 8];

	if (!lib)
		return errmsg(err, errlen,
			      "cannot tell where socklab is installed (/proc/self/exe)");
	if (geteuid() != 0 || path_readable_by_others(lib))
		return 0;
	if (mkdir(STAGE_ROOT, 0755) < 0 && errno != EEXIST)
		return errmsg(err, errlen, "cannot make %s: %s", STAGE_ROOT, strerror(errno));
	snprintf(staged, sizeof(staged), "%s/lib-%d", STAGE_ROOT, (int)getpid());
	snprintf(src, sizeof(src), "%s/.", lib);
	char *rm[] = {"rm", "-rf", "--", staged, NULL};
	char *cp[] = {"cp", "-R", "--", src, staged, NULL};
	char *chmod_argv[] = {"chmod", "-R", "go+rX,go-w", "--", staged, NULL};
	run_tool(rm);
	if (run_tool(cp) < 0 || run_tool(chmod_argv) < 0) {
		run_tool(rm);
		staged[0] = '\0';
		return errmsg(err, errlen, "cannot copy %s to %s for the sandbox's user to read",
			      lib, STAGE_ROOT);
	}
	staged_by = getpid();
	atexit(unstage);
	socklab_set_libdir(staged);
	return 1;
}
