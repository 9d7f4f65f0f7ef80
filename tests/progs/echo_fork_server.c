/*
 * echo_fork_server PORT [CLIENTS]: the textbook's fork-per-client echo
 * server, with a SIGCHLD handler that reaps with waitpid(WNOHANG). Serves
 * CLIENTS clients (default: forever), then waits for its children and
 * exits, so a test knows when the session is complete.
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

static void reap(int sig)
{
	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static void echo(int conn)
{
	char buf[1024];
	ssize_t n;

	while ((n = read(conn, buf, sizeof(buf))) > 0)
		if (write(conn, buf, (size_t)n) != n)
			break;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	struct sigaction sa = {.sa_handler = reap, .sa_flags = SA_RESTART};
	int clients = argc > 2 ? atoi(argv[2]) : -1;
	int listener, on = 1;

	if (argc < 2) {
		fprintf(stderr, "usage: %s PORT [CLIENTS]\n", argv[0]);
		return 2;
	}
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(listener, 5) < 0) {
		perror("echo_fork_server");
		return 1;
	}
	for (int served = 0; clients < 0 || served < clients; served++) {
		int conn = accept(listener, NULL, NULL);
		if (conn < 0) {
			if (errno == EINTR)
				continue;
			perror("accept");
			return 1;
		}
		pid_t pid = fork();
		if (pid == 0) {
			close(listener);
			echo(conn);
			close(conn);
			exit(0);
		}
		close(conn);
	}
	close(listener);
	while (wait(NULL) > 0 || errno == EINTR)
		;
	return 0;
}
