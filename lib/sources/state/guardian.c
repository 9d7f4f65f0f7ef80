/*
 * guardian.c - the process that cleans up after a socklab that died
 * (see guardian.h).
 *
 * The guardian is forked from a process that may already have threads, so
 * from fork() on it uses only async-signal-safe calls: system calls, no
 * malloc(), no stdio. What it must undo is kept in static arrays.
 *
 * The pipe carries one line per order, at most PIPE_BUF bytes, so each
 * write() arrives whole:
 *   R PATH    rmdir PATH if socklab dies
 *   U PATH    unmount PATH and rmdir it if socklab dies
 *   D         socklab cleaned up: undo nothing
 * Orders are undone last first.
 */
#include "sources/state/guardian.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/errmsg.h"

#define MAX_ORDERS 8
/* How long the guardian waits for a dying socklab's descriptors in a
 * tracefs instance to close (rmdir says EBUSY until then). */
#define RMDIR_TRIES    100
#define RMDIR_PAUSE_NS (20 * 1000 * 1000L)

/* ---- inside the guardian: async-signal-safe only ------------------------ */

struct order {
	char kind; /* 'R' or 'U' */
	char path[PATH_MAX];
};

static struct order orders[MAX_ORDERS];
static int norders;
static char inbox[PIPE_BUF * 2];
static size_t inbox_n;

static void undo(const struct order *o)
{
	if (o->kind == 'U')
		umount2(o->path, MNT_DETACH);
	for (int i = 0; i < RMDIR_TRIES; i++) {
		if (rmdir(o->path) == 0 || errno != EBUSY)
			return;
		sleep_ns(RMDIR_PAUSE_NS);
	}
}

/* Takes the complete lines from the inbox. Returns 1 on "D". */
static int take_orders(void)
{
	char *nl;

	while ((nl = memchr(inbox, '\n', inbox_n)) != NULL) {
		size_t len = (size_t)(nl - inbox);

		if (len == 1 && inbox[0] == 'D')
			return 1;
		if (len > 2 && len - 2 < PATH_MAX && (inbox[0] == 'R' || inbox[0] == 'U') &&
		    inbox[1] == ' ' && norders < MAX_ORDERS) {
			orders[norders].kind = inbox[0];
			memcpy(orders[norders].path, inbox + 2, len - 2);
			orders[norders].path[len - 2] = '\0';
			norders++;
		}
		inbox_n -= len + 1;
		memmove(inbox, nl + 1, inbox_n);
	}
	return 0;
}

static void guardian_main(int rfd)
{
	ssize_t n;
	int null;

	struct sigaction ignore = {.sa_handler = SIG_IGN};
	sigset_t none;

	setsid();
	sigaction(SIGINT, &ignore, NULL);
	sigaction(SIGHUP, &ignore, NULL);
	sigaction(SIGQUIT, &ignore, NULL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	/* Nothing of socklab's stays open here: above all not the pipe's
	 * writing end, or the guardian would never see end-of-file. */
	if (rfd != 3)
		dup2(rfd, 3);
	close_range(4, ~0U, 0);
	null = open("/dev/null", O_RDWR);
	dup2(null, 0);
	dup2(null, 1);
	dup2(null, 2);
	if (null > 2)
		close(null);
	for (;;) {
		n = read(3, inbox + inbox_n, sizeof(inbox) - inbox_n);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		inbox_n += (size_t)n;
		if (take_orders())
			_exit(0);
		if (inbox_n == sizeof(inbox))
			inbox_n = 0; /* a line longer than any order: drop it */
	}
	for (int i = norders; i-- > 0;)
		undo(&orders[i]);
	_exit(0);
}

/* ---- inside socklab ------------------------------------------------------ */

int guardian_start(struct guardian *g, char *err, size_t errlen)
{
	int p[2], status;
	pid_t mid;

	g->fd = -1;
	if (pipe2(p, O_CLOEXEC) < 0)
		return errmsg(err, errlen, "cannot start the clean-up guardian: pipe: %s",
			      strerror(errno));
	mid = fork();
	if (mid == 0) {
		/* The middle process exits at once, so the guardian is init's. */
		if (fork() == 0)
			guardian_main(p[0]);
		_exit(0);
	}
	close(p[0]);
	if (mid < 0) {
		errmsg(err, errlen, "cannot start the clean-up guardian: fork: %s",
		       strerror(errno));
		close(p[1]);
		return -1;
	}
	while (waitpid(mid, &status, 0) < 0 && errno == EINTR)
		;
	g->fd = p[1];
	return 0;
}

static int guardian_tell(struct guardian *g, char kind, const char *path)
{
	char line[PIPE_BUF];
	int n;

	if (g->fd < 0)
		return -1;
	n = snprintf(line, sizeof(line), "%c %s\n", kind, path);
	if (n < 0 || (size_t)n >= sizeof(line) || strchr(path, '\n'))
		return -1;
	return write(g->fd, line, (size_t)n) == n ? 0 : -1;
}

int guardian_undo_rmdir(struct guardian *g, const char *path)
{
	return guardian_tell(g, 'R', path);
}

int guardian_undo_mount(struct guardian *g, const char *path)
{
	return guardian_tell(g, 'U', path);
}

void guardian_release(struct guardian *g)
{
	if (g->fd < 0)
		return;
	if (write(g->fd, "D\n", 2) < 0) {
		/* The guardian is gone already; nothing is left to tell it. */
	}
	close(g->fd);
	g->fd = -1;
}
