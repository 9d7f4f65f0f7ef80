/*
 * A correct concurrent echo server (the shape of echo-fork/good.c) that
 * prints, when it starts and for each client, lines that are not UTF-8:
 * Korean in CP949 (what a program saved by a Korean Windows editor
 * prints), bytes that are no encoding at all, a NUL in a line; and a line
 * of Korean in UTF-8, which must stay as it is.
 *
 * tests/cmd/grade_bytes.sh grades it: the worker must not die, result.json
 * must be valid JSON, and each line must be in the session, transcoded or
 * escaped, none lost.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void print_bytes(const char *when)
{
	/* "서버를 시작합니다" in CP949 */
	static const char cp949[] =
		"\xbc\xad\xb9\xf6\xb8\xa6 \xbd\xc3\xc0\xdb\xc7\xd5\xb4\xcf\xb4\xd9";
	static const char nul[] = "NUL: before\0after\n";

	printf("%s CP949: %s\n", when, cp949);
	printf("%s UTF-8: 안녕하세요\n", when);
	printf("%s broken: \xff\xfe and a lone \x80 end\n", when);
	fflush(stdout);
	fprintf(stderr, "%s stderr CP949: %s\n", when, cp949);
	fwrite(nul, 1, sizeof(nul) - 1, stdout);
	fflush(stdout);
}

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

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	struct sigaction sa = {.sa_handler = reap, .sa_flags = SA_RESTART};
	int listener, on = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	print_bytes("start:");
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
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
			print_bytes("client:");
			echo(conn);
			close(conn);
			_exit(0);
		}
		close(conn);
	}
}
