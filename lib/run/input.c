/*
 * input.c - what a scenario's programs read: input given at once (a
 * feeder thread writes it and closes the pipe) or typed as a user would
 * (scenario_type, scenario_type_end as Ctrl-D).
 */
#include "run/scenario_int.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

/* A write to a pipe whose reader is gone raises SIGPIPE in the writing
 * thread: blocked here, so it is taken back and the write fails (EPIPE)
 * instead of ending socklab. */
static int write_all_nosigpipe(int fd, const char *text, size_t len)
{
	sigset_t pipe_set, old;
	int ret = 0;

	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	while (len > 0) {
		ssize_t n = write(fd, text, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			ret = -1;
			break;
		}
		text += n;
		len -= (size_t)n;
	}
	if (ret < 0 && errno == EPIPE) {
		struct timespec none = {0, 0};
		sigtimedwait(&pipe_set, NULL, &none);
		errno = EPIPE;
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return ret;
}

struct feeder {
	int fd;
	char *data;
	size_t len;
};

static void *feed_main(void *arg)
{
	struct feeder *f = arg;

	write_all_nosigpipe(f->fd, f->data, f->len);
	close(f->fd);
	free(f->data);
	free(f);
	return NULL;
}

/* stdin for a program: a pipe fed with input, or /dev/null. */
int sc_open_input(const char *input)
{
	struct feeder *f;
	pthread_t t;
	int fds[2];

	if (!input)
		return open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	f = malloc(sizeof(*f));
	if (!f || !(f->data = strdup(input)))
		goto out_close;
	f->fd = fds[1];
	f->len = strlen(input);
	if (pthread_create(&t, NULL, feed_main, f) != 0)
		goto out_free;
	pthread_detach(t);
	return fds[0];

out_free:
	free(f->data);
out_close:
	free(f);
	close(fds[0]);
	close(fds[1]);
	return -1;
}

/* A program named without a '/' is one of the scenario's own. */
int scenario_type(struct scenario *s, pid_t pid, const char *text)
{
	struct run_proc *p = scenario_proc(s, pid);

	if (!p || p->in_fd < 0) {
		sc_set_error(s, "pid %d has no open input to type into", (int)pid);
		return -1;
	}
	if (write_all_nosigpipe(p->in_fd, text, strlen(text)) < 0) {
		sc_set_error(s, "%s (pid %d) no longer reads its input: %s", p->role, (int)pid,
			     strerror(errno));
		return -1;
	}
	return 0;
}

void scenario_type_end(struct scenario *s, pid_t pid)
{
	struct run_proc *p = scenario_proc(s, pid);

	if (p && p->in_fd >= 0) {
		close(p->in_fd);
		p->in_fd = -1;
	}
}
