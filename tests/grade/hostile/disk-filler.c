/*
 * A hostile submission (echo-fork): before it serves as a correct
 * concurrent echo server, it tries to fill the machine's disk -- 1 GiB
 * into its own folder, then 1 GiB into /tmp, in files of 4 MiB (each file
 * is bounded by the sandbox's RLIMIT_FSIZE, the folder must be too) --
 * and prints how far it got and why it stopped:
 *
 *   filler: wrote 60 MiB into its folder, then: No space left on device
 *   filler: wrote 60 MiB into /tmp, then: No space left on device
 *
 * tests/cmd/grade_files.sh checks that it stopped at the bound, on
 * ENOSPC, that the report names the full folder, and that nothing of it
 * is left.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHUNK (4 << 20)
#define TOTAL (1L << 30)

/* Writes TOTAL bytes into dir, CHUNK to a file; says how far it got. */
static void fill(const char *dir, const char *label)
{
	static char buf[1 << 16];
	long written = 0;
	int err = 0;

	memset(buf, 'x', sizeof(buf));
	for (int i = 0; written < TOTAL && !err; i++) {
		char path[4096];
		int fd;

		snprintf(path, sizeof(path), "%s/filler-%d", dir, i);
		if ((fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0) {
			err = errno;
			break;
		}
		for (long in_file = 0; in_file < CHUNK && !err;) {
			ssize_t n = write(fd, buf, sizeof(buf));
			if (n < 0)
				err = errno; /* a short write first, then this */
			else
				in_file += n, written += n;
		}
		close(fd);
	}
	printf("filler: wrote %ld MiB into %s, then: %s\n", written >> 20, label,
	       err ? strerror(err) : "all of it");
	fflush(stdout);
}

static void reap(int sig)
{
	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static void echo(int c)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(c, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(c, buf + off, (size_t)(n - off));
			if (w <= 0)
				_exit(1);
			off += w;
		}
	_exit(0);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	struct sigaction sa = {.sa_handler = reap, .sa_flags = SA_RESTART};
	int s, one = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 1;
	}
	signal(SIGXFSZ, SIG_IGN); /* a file past the limit: EFBIG, not death */
	fill(".", "its folder");
	fill("/tmp", "/tmp");
	sigaction(SIGCHLD, &sa, NULL);
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	s = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(s, 16) < 0) {
		perror("bind");
		return 1;
	}
	for (;;) {
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		if (fork() == 0) {
			close(s);
			echo(c);
		}
		close(c);
	}
}
