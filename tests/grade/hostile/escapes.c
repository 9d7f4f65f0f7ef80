/*
 * A hostile submission: a correct concurrent echo server (the shape of
 * echo-fork/good.c) that prints terminal escape sequences, to make the
 * report, socklab's table and `socklab show` say what it wants:
 *
 *   - a fake green PASS (ESC [ 32 m), and a whole row of them
 *   - cursor up (ESC [ A) and erase line (ESC [ 2 K), to hide a FAIL
 *   - a carriage return and backspaces, to overwrite a FAIL in place
 *   - the window's title set (OSC 0), a screen cleared (ESC [ 2 J)
 *   - CSI as one C1 control, as a lone byte 0x9b and as U+009B, and DEL
 *
 * It prints them on stdout and stderr, when it starts and for each client.
 * Built with -DNO_REUSEADDR it forgets SO_REUSEADDR: a server that fails
 * one check, whose transcript quotes what it printed.
 *
 * tests/cmd/grade_bytes.sh grades it (and a class folder entry whose name
 * holds an ESC and a newline) and checks that none of it reaches the
 * report, the table or `socklab show` raw, and that it is graded as the
 * server it is.
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

/* What it prints, each a line of its own. */
static const char *const lies[] = {
	"\033[32mPASS\033[0m  echo: all 5 checks pass",
	/* (A hex escape takes every hex digit after it: "\x9b" "32m".) */
	"\xc2\x9b"
	"32mC1 CSI as U+009B\xc2\x9b"
	"0m",
	"\033[A\033[2K\033[A\033[2K\033[32m  PASS  reuseaddr\033[0m",
	"FAIL\rPASS  overwritten by a carriage return",
	"FAIL\b\b\b\bPASS  overwritten by backspaces",
	"\033]0;socklab grade: 5 of 5 checks pass\007title set",
	"\033[2J\033[Hscreen cleared",
	"\x9b"
	"32mC1 CSI as a lone byte\x9b"
	"0m",
	"DEL\x7f here",
};

static void print_lies(const char *when)
{
	for (size_t i = 0; i < sizeof(lies) / sizeof(lies[0]); i++) {
		printf("%s %s\n", when, lies[i]);
		fprintf(stderr, "%s %s\n", when, lies[i]);
	}
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
	print_lies("start:");
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	listener = socket(AF_INET, SOCK_STREAM, 0);
#ifdef NO_REUSEADDR
	on = 0;
#endif
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
			print_lies("client:");
			echo(conn);
			close(conn);
			_exit(0);
		}
		close(conn);
	}
}
