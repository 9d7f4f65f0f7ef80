/*
 * test_scenario.c - a scenario's programs do not outlive socklab, even
 * when socklab is killed and cannot end them itself; waiting for a
 * program's threads to end waits for their last calls.
 */
#include <limits.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "host/paths.h"
#include "run/scenario.h"
#include "tests/unit/testutil.h"

/* rel in this build's tree (from the test's own path,
 * build/tests/unit/run/test_scenario), into path. */
static void in_this_build(const char *rel, char *path, size_t size)
{
	char exe[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);

	cr_assert_gt(n, 0);
	exe[n] = '\0';
	for (int i = 0; i < 4; i++) {
		slash = strrchr(exe, '/');
		cr_assert_not_null(slash, "%s", exe);
		*slash = '\0';
	}
	cr_assert_lt((size_t)snprintf(path, size, "%s/%s", exe, rel), size);
}

/* The tracer this build made: build/lib/socklab. */
static void use_this_builds_tracer(void)
{
	char libdir[PATH_MAX];

	in_this_build("lib/socklab", libdir, sizeof(libdir));
	socklab_set_libdir(libdir);
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

/* The session's events.jsonl, whole. */
static char *events_of(const char *sdir)
{
	char path[4300], *text = malloc(1 << 20);
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "%s/events.jsonl", sdir);
	f = fopen(path, "r");
	cr_assert_not_null(f, "no %s", path);
	n = fread(text, 1, (1 << 20) - 1, f);
	text[n] = '\0';
	fclose(f);
	return text;
}

Test(scenario, waiting_for_a_thread_to_end_waits_for_its_last_call)
{
	static const struct source *const no_sources[] = {NULL};
	char *dir = temp_dir(), sdir[4200], prog[PATH_MAX], err[512], *events;
	struct scenario_options o = {.dir = sdir, .sources = no_sources};
	struct scenario *s;
	pid_t pid;

	use_this_builds_tracer();
	in_this_build("tests/progs/thread_ends_late", prog, sizeof(prog));
	snprintf(sdir, sizeof(sdir), "%s/s", dir);
	s = scenario_begin(&o, err, sizeof(err));
	cr_assert_not_null(s, "%s", err);
	pid = scenario_start_typing(s, NULL, "prog", ARGV(prog));
	cr_assert_gt(pid, 0);
	cr_assert_gt(scenario_wait_blocked(s, pid, "read", 1, 5000), 0);
	cr_assert_eq(scenario_wait_threads(s, pid, 2, 5000), 0);
	/* Two threads now: waiting for three can only time out. */
	cr_assert_eq(scenario_wait_threads(s, pid, 3, 100), -1);

	scenario_type_end(s, pid);
	cr_assert_eq(scenario_wait_threads(s, pid, 1, 5000), 0);
	/* Stopped at once: what the thread did is in the session only if it
	 * was done when the wait returned. */
	scenario_kill(s, pid, SIGKILL);
	cr_assert_eq(scenario_wait(s, pid, 5000), 0);
	scenario_end(s, 0, NULL);
	scenario_free(s);
	events = events_of(sdir);
	cr_assert_not_null(strstr(events, "\"fn\":\"socket\""),
			   "the thread's socket() is not in the session:\n%s", events);
	free(events);
	rm_rf(dir);
}

/* Binds a socket of type to port on every address; true when it could. */
static bool binds(int type, int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
	bool ok = fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0;

	if (fd >= 0)
		close(fd);
	return ok;
}

/* Lab 7 binds its UDP receiver on the run's port, and sends to another
 * free one where nothing may listen: a free port is free for both. */
Test(scenario, a_free_port_is_free_for_tcp_and_for_udp)
{
	for (int i = 0; i < 20; i++) {
		int port = scenario_free_port();

		cr_assert_gt(port, 0);
		cr_assert(binds(SOCK_STREAM, port), "TCP port %d is taken", port);
		cr_assert(binds(SOCK_DGRAM, port), "UDP port %d is taken", port);
	}
}
