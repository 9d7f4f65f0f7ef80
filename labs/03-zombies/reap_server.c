/*
 * reap_server PORT [none|once|loop]
 *
 * A fork-per-client echo server, as in lab 2, that shows what becomes of
 * its children when they exit. A child that has exited stays a zombie
 * (an entry in the process table holding its exit status) until its parent
 * waits for it. How this server waits:
 *
 *   none  it never does: every child that exits stays a zombie.
 *   once  a SIGCHLD handler calls waitpid() once per signal, as many
 *         textbooks do. Signals do not queue: when several children exit
 *         before the handler runs, it runs once, and reaps only one.
 *   loop  (default) the handler calls waitpid(-1, ..., WNOHANG) until no
 *         exited child is left: one signal, however many children.
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

/* The textbook's handler: one waitpid() per SIGCHLD. */
static void reap_once(int sig)
{
	int status;

	(void)sig;
	waitpid(-1, &status, WNOHANG);
}

/* The fix: reap every child that has exited; WNOHANG returns 0 (rather
 * than block) once the children left are all still running. */
static void reap_loop(int sig)
{
	int status;

	(void)sig;
	while (waitpid(-1, &status, WNOHANG) > 0)
		;
}

static int install_handler(const char *mode)
{
	struct sigaction act;

	if (strcmp(mode, "none") == 0)
		return 0;
	memset(&act, 0, sizeof(act));
	act.sa_handler = strcmp(mode, "once") == 0 ? reap_once : reap_loop;
	sigemptyset(&act.sa_mask);
	act.sa_flags = 0;
	return sigaction(SIGCHLD, &act, NULL);
}

/* The child's work: echo until the client closes, then exit. */
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
	const char *mode;
	int serv_sock, clnt_sock;
	pid_t pid;

	if (argc < 2) {
		printf("Usage: %s <port> [none|once|loop]\n", argv[0]);
		exit(1);
	}
	mode = argc > 2 ? argv[2] : "loop";
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	if (install_handler(mode) == -1) {
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
			continue; /* EINTR: the handler ran while we waited */
		pid = fork();
		if (pid == -1) {
			perror("fork() error");
			close(clnt_sock);
			continue;
		}
		if (pid == 0) {
			close(serv_sock);
			echo(clnt_sock);
			close(clnt_sock);
			/* Exiting is not the end: until the parent waits, this
			 * process stays a zombie. */
			return 0;
		}
		printf("child %d serves a new client\n", (int)pid);
		close(clnt_sock);
	}
	close(serv_sock);
	return 0;
}
