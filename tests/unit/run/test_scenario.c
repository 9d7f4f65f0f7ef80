/*
 * test_scenario.c - a scenario's programs do not outlive socklab, even
 * when socklab is killed and cannot end them itself.
 */
#include <limits.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include "host/paths.h"
#include "run/scenario.h"
#include "tests/unit/testutil.h"

/* The tracer this build made: build/lib/socklab, from the test's own
 * path, build/tests/unit/run/test_scenario. */
static void use_this_builds_tracer(void)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 32);

	cr_assert_gt(n, 0);
	exe[n] = '\0';
	for (int i = 0; i < 4; i++) {
		slash = strrchr(exe, '/');
		cr_assert_not_null(slash, "%s", exe);
		*slash = '\0';
	}
	strcat(exe, "/lib/socklab");
	socklab_set_libdir(exe);
}

/* socklab, standing in: starts a program that would sleep ten minutes,
 * tells its pid, and waits to be killed. */
static void stand_in(const char *dir, int tell)
{
	static const struct source *const no_sources[] = {NULL};
	struct scenario_options o = {.dir = dir, .sources = no_sources};
	char err[512];
	struct scenario *s = scenario_begin(&o, err, sizeof(err));
	pid_t sleeper;

	if (!s)
		_exit(2);
	sleeper = scenario_start(s, "sleeper", ARGV("/bin/sleep", "600"), NULL);
	if (sleeper <= 0 || write(tell, &sleeper, sizeof(sleeper)) != sizeof(sleeper))
		_exit(3);
	for (;;)
		pause();
}

Test(scenario, a_program_dies_with_socklab_even_when_socklab_is_killed)
{
	char *dir = temp_dir(), sdir[4200];
	int tell[2], status = 0;
	pid_t socklab, sleeper = 0, got = 0;

	use_this_builds_tracer();
	snprintf(sdir, sizeof(sdir), "%s/s", dir);
	/* The program, orphaned, comes to this process: it can wait for it. */
	cr_assert_eq(prctl(PR_SET_CHILD_SUBREAPER, 1), 0);
	cr_assert_eq(pipe(tell), 0);
	socklab = fork();
	cr_assert_geq(socklab, 0);
	if (socklab == 0)
		stand_in(sdir, tell[1]);
	close(tell[1]);
	cr_assert_eq(read(tell[0], &sleeper, sizeof(sleeper)), (ssize_t)sizeof(sleeper),
		     "the stand-in started no program");
	close(tell[0]);

	kill(socklab, SIGKILL);
	cr_assert_eq(waitpid(socklab, NULL, 0), socklab);
	for (int i = 0; i < 500 && got == 0; i++) {
		got = waitpid(sleeper, &status, WNOHANG);
		if (got == 0)
			usleep(10 * 1000);
	}
	if (got == 0)
		kill(sleeper, SIGKILL);
	cr_assert_eq(got, sleeper, "the program still runs 5 s after socklab was killed");
	cr_assert(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
		  "it ended, but not killed (status %#x)", status);
	rm_rf(dir);
}
