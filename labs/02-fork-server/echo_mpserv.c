/*
 * echo_mpserv PORT [keep-fds]
 *
 * A multiprocess echo server: the parent accepts connections and forks one
 * child per client; the child echoes until its client closes, then exits.
 * Several clients are served at once, each by its own process.
 *
 * After fork() both processes hold both sockets: the listening one and the
 * connected one. Each must close the one it does not use. With "keep-fds"
 * neither does -- the mistake this lab is about: the parent's copy of each
 * connected socket keeps the connection open after the child has closed
 * its own, so the server never sends its FIN and the socket stays in
 * CLOSE_WAIT.
 */
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define BUF_SIZE 1024

/* Reaps every child that has ended (lab 3 is about this handler). */
static void read_childproc(int sig)
{
	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static int install_reaper(void)
{
	struct sigaction act;

	memset(&act, 0, sizeof(act));
	act.sa_handler = read_childproc;
	sigemptyset(&act.sa_mask);
	act.sa_flags = 0;
	return sigaction(SIGCHLD, &act, NULL);
}

/* The child's work: echo until the client closes (read() returns 0). */
static void echo(int clnt_sock)
{
	char buf[BUF_SIZE];
	ssize_t str_len;

	while ((str_len = read(clnt_sock, buf, BUF_SIZE)) > 0)
		if (write(clnt_sock, buf, str_len) != str_len)
			break;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr, clnt_addr;
	socklen_t addr_size;
	int serv_sock, clnt_sock, keep_fds;
	pid_t pid;

	if (argc < 2) {
		printf("Usage: %s <port> [keep-fds]\n", argv[0]);
		exit(1);
	}
	keep_fds = argc > 2 && strcmp(argv[2], "keep-fds") == 0;
	/* Each line out at once, even into a pipe: a child forked with
	 * unwritten output in its buffer would print it a second time. */
	setvbuf(stdout, NULL, _IOLBF, 0);

	if (install_reaper() == -1) {
		perror("sigaction() error");
		exit(1);
	}

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(argv[1]));
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("bind() error");
		exit(1);
	}
	if (listen(serv_sock, 5) == -1) {
		perror("listen() error");
		exit(1);
	}

	for (;;) {
		addr_size = sizeof(clnt_addr);
		clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &addr_size);
		if (clnt_sock == -1)
			continue; /* EINTR: SIGCHLD arrived while we waited */
		printf("new client connected: socket %d\n", clnt_sock);

		pid = fork();
		if (pid == -1) {
			perror("fork() error");
			close(clnt_sock);
			continue;
		}
		if (pid == 0) {
			/* The child serves this client; it never accepts. */
			if (!keep_fds)
				close(serv_sock);
			echo(clnt_sock);
			close(clnt_sock);
			puts("client disconnected...");
			return 0;
		}
		/* The parent goes back to accept(). The child has its own copy
		 * of clnt_sock: a socket is closed (FIN sent) only when every
		 * descriptor for it is closed, in every process. */
		if (!keep_fds)
			close(clnt_sock);
	}
	close(serv_sock);
	return 0;
}
