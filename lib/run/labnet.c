/*
 * labnet.c - building and removing a lab's two namespaces and their link,
 * with ip(8) and tc(8).
 */
#include "run/labnet.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/errmsg.h"

#define NS_PREFIX "socklab-lab"
#define MAX_ARGS  24

extern char **environ;

/*
 * Runs a command (argv[0] looked up in PATH, with /usr/sbin and /sbin
 * added), its output in out (NUL-terminated). Returns its exit status, or
 * -1 if it could not run.
 */
static int run_cmd(char *const argv[], char *out, size_t cap)
{
	posix_spawn_file_actions_t fa;
	char path[256];
	int pipefd[2], status = -1;
	size_t got = 0;
	pid_t pid;
	ssize_t n;

	out[0] = '\0';
	if (pipe2(pipefd, O_CLOEXEC) < 0)
		return -1;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 1);
	posix_spawn_file_actions_adddup2(&fa, pipefd[1], 2);
	snprintf(path, sizeof(path), "/usr/sbin/%s", argv[0]);
	if (access(path, X_OK) != 0)
		snprintf(path, sizeof(path), "/sbin/%s", argv[0]);
	if (access(path, X_OK) != 0)
		snprintf(path, sizeof(path), "%s", argv[0]);
	if (posix_spawnp(&pid, path, &fa, NULL, argv, environ) != 0)
		pid = -1;
	posix_spawn_file_actions_destroy(&fa);
	close(pipefd[1]);
	while (pid > 0 && (n = read(pipefd[0], out + got, cap - 1 - got)) > 0 && got + n < cap - 1)
		got += (size_t)n;
	out[got] = '\0';
	close(pipefd[0]);
	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Runs a command given as words; on failure says which and why in err. */
static int cmd(char *err, size_t errlen, const char *first, ...)
{
	char *argv[MAX_ARGS], out[512];
	va_list ap;
	int n = 0;

	argv[n++] = (char *)first;
	va_start(ap, first);
	while (n < MAX_ARGS - 1 && (argv[n] = va_arg(ap, char *)))
		n++;
	va_end(ap);
	argv[n] = NULL;
	if (run_cmd(argv, out, sizeof(out)) == 0)
		return 0;
	out[strcspn(out, "\n")] = '\0';
	return errmsg(err, errlen, "%s %s %s ... failed: %s", argv[0], argv[1],
		      n > 2 ? argv[2] : "", out[0] ? out : "could not run it");
}

/* Slows each end of the link to n->rate_kbit with a tbf qdisc. */
static bool set_rate(struct labnet *n)
{
	char rate[32], err[256];
	bool ok = true;

	snprintf(rate, sizeof(rate), "%dkbit", n->rate_kbit);
	for (int i = 0; i < 2; i++)
		ok = ok && cmd(err, sizeof(err), "tc", "-n", n->ns[i], "qdisc", "add", "dev",
			       n->dev[i], "root", "tbf", "rate", rate, "burst", "4kb", "latency",
			       "1s", (char *)NULL) == 0;
	return ok;
}

static int build(struct labnet *n, char *err, size_t errlen)
{
	char mtu[16], cidr[2][24];

	snprintf(mtu, sizeof(mtu), "%d", n->mtu);
	for (int i = 0; i < 2; i++)
		if (cmd(err, errlen, "ip", "netns", "add", n->ns[i], (char *)NULL) < 0)
			return -1;
	if (cmd(err, errlen, "ip", "link", "add", n->dev[0], "netns", n->ns[0], "type", "veth",
		"peer", "name", n->dev[1], "netns", n->ns[1], (char *)NULL) < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		snprintf(cidr[i], sizeof(cidr[i]), "%s/24", n->addr[i]);
		if (cmd(err, errlen, "ip", "-n", n->ns[i], "addr", "add", cidr[i], "dev", n->dev[i],
			(char *)NULL) < 0 ||
		    cmd(err, errlen, "ip", "-n", n->ns[i], "link", "set", n->dev[i], "mtu", mtu,
			"gso_max_segs", "1", "up", (char *)NULL) < 0 ||
		    cmd(err, errlen, "ip", "-n", n->ns[i], "link", "set", "lo", "up",
			(char *)NULL) < 0)
			return -1;
	}
	return 0;
}

int labnet_up(struct labnet *n, int lab, int mtu, int rate_kbit, char *err, size_t errlen)
{
	static const char side[2] = {'a', 'b'};

	memset(n, 0, sizeof(*n));
	n->mtu = mtu;
	n->rate_kbit = rate_kbit;
	for (int i = 0; i < 2; i++) {
		snprintf(n->ns[i], sizeof(n->ns[i]), NS_PREFIX "%d-%d-%c", lab, (int)getpid(),
			 side[i]);
		snprintf(n->dev[i], sizeof(n->dev[i]), "veth-%c", side[i]);
		snprintf(n->addr[i], sizeof(n->addr[i]), "10.77.0.%d", i + 1);
	}
	n->up = true;
	if (build(n, err, errlen) < 0) {
		labnet_down(n);
		return -1;
	}
	n->rate_ok = rate_kbit <= 0 || set_rate(n);
	return 0;
}

void labnet_down(struct labnet *n)
{
	char err[256];

	if (!n->up)
		return;
	/* Each may not exist (a build that failed half way): not an error. */
	for (int i = 0; i < 2; i++)
		cmd(err, sizeof(err), "ip", "netns", "delete", n->ns[i], (char *)NULL);
	n->up = false;
}

/* The pid in a name this file made ("socklab-lab6-1234-a"), or 0. */
static pid_t owner_of(const char *name)
{
	int lab, pid;
	char side;

	if (sscanf(name, NS_PREFIX "%d-%d-%c", &lab, &pid, &side) != 3)
		return 0;
	return (pid_t)pid;
}

void labnet_sweep(void)
{
	DIR *d = opendir("/run/netns");
	struct dirent *de;
	char err[256];

	while (d && (de = readdir(d))) {
		pid_t owner = owner_of(de->d_name);
		if (owner > 0 && owner != getpid() && kill(owner, 0) < 0 && errno == ESRCH)
			cmd(err, sizeof(err), "ip", "netns", "delete", de->d_name, (char *)NULL);
	}
	if (d)
		closedir(d);
}
