/*
 * pty_run CMD [ARG...]: runs CMD on a terminal of its own, as a shell in
 * a terminal window would -- a new pseudo-terminal is its controlling
 * terminal and its stdin, stdout and stderr -- and types nothing into it:
 * whatever CMD reads from its terminal, someone else put there (TIOCSTI).
 * What CMD writes to the terminal is copied to pty_run's stdout. Exits
 * with CMD's status (128 + the signal that killed it).
 */
#define _GNU_SOURCE /* posix_openpt, ptsname */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void child(const char *slave, char **argv)
{
	int fd;

	if (setsid() < 0 || (fd = open(slave, O_RDWR)) < 0 || ioctl(fd, TIOCSCTTY, 0) < 0 ||
	    dup2(fd, 0) < 0 || dup2(fd, 1) < 0 || dup2(fd, 2) < 0) {
		perror("pty_run: the terminal");
		_exit(126);
	}
	if (fd > 2)
		close(fd);
	execvp(argv[0], argv);
	perror("pty_run: exec");
	_exit(127);
}

/* Copies the terminal's output until no one has it open any more, or
 * until CMD has ended and nothing more comes. Returns CMD's status. */
static int copy_output(int master, pid_t pid)
{
	int status = 0;
	bool ended = false;
	char buf[4096];
	ssize_t n;

	for (;;) {
		struct pollfd p = {.fd = master, .events = POLLIN};
		int ready = poll(&p, 1, 100);

		if (ready < 0 && errno == EINTR)
			continue;
		if (ready == 0) {
			if (ended)
				return status;
			ended = waitpid(pid, &status, WNOHANG) == pid;
			continue;
		}
		n = read(master, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0 || write(1, buf, (size_t)n) < 0) /* EIO: every holder is gone */
			break;
	}
	if (!ended && waitpid(pid, &status, 0) != pid)
		return 126 << 8;
	return status;
}

int main(int argc, char **argv)
{
	int master, status;
	const char *slave;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: pty_run CMD [ARG...]\n");
		return 2;
	}
	master = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    !(slave = ptsname(master))) {
		perror("pty_run: a pseudo-terminal");
		return 126;
	}
	pid = fork();
	if (pid == 0)
		child(slave, argv + 1);
	if (pid < 0) {
		perror("pty_run: fork");
		return 126;
	}
	status = copy_output(master, pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
