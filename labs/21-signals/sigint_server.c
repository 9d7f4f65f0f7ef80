/*
 * sigint_server PORT [none|fix]
 *
 * A server of two clients, served in turns: it reads a line from client
 * 1, echoes it, then a line from client 2, and so on. What this lab is
 * about is how it ends: by Ctrl-C, the signal SIGINT (윤성우 ch. 10).
 *
 *   none  (the default) no handler: SIGINT's default action ends the
 *         process where it is. The kernel closes what it held: a FIN
 *         for a client whose socket was empty, an RST for a client whose
 *         line was still unread. Neither client is told why.
 *   fix   a SIGINT handler, installed with sigaction(), notes that Ctrl-C
 *         came; the read() it interrupted returns -1 EINTR, and the
 *         server then says goodbye to each client, closes each with
 *         shutdown() -- a FIN --, reads what the client still sends until
 *         the client closes too, and exits with status 0.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024
#define CLIENTS	 2

static const char goodbye[] = "server: shutting down, goodbye\n";

/* Set by the handler, read by the main loop. A handler may call only
 * async-signal-safe functions, and the main loop may be anywhere when it
 * runs: so it does one thing, note that Ctrl-C came. */
static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* No SA_RESTART: the read() the signal interrupts returns -1 EINTR, so
 * that the main loop sees the flag at once. */
static int install_handler(void)
{
	struct sigaction act;

	memset(&act, 0, sizeof(act));
	act.sa_handler = on_sigint;
	sigemptyset(&act.sa_mask);
	act.sa_flags = 0;
	return sigaction(SIGINT, &act, NULL);
}

static int listen_on(const char *port)
{
	struct sockaddr_in serv_adr;
	int serv_sock = socket(PF_INET, SOCK_STREAM, 0);

	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_adr.sin_port = htons(atoi(port));
	if (bind(serv_sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1 ||
	    listen(serv_sock, 5) == -1) {
		perror("bind() or listen() error");
		exit(1);
	}
	return serv_sock;
}

/* The orderly end of one client: the goodbye, then shutdown(SHUT_WR) --
 * the FIN: "nothing more from me" --, then read until the client closes
 * too. What it sent meanwhile is read and dropped: a socket closed with
 * bytes unread would send an RST, not a FIN. */
static void close_client(int clnt_sock)
{
	char buf[BUF_SIZE];
	ssize_t n;

	if (write(clnt_sock, goodbye, sizeof(goodbye) - 1) == -1)
		perror("write() error");
	if (shutdown(clnt_sock, SHUT_WR) == -1)
		perror("shutdown() error");
	while ((n = read(clnt_sock, buf, sizeof(buf))) > 0)
		;
	if (n == -1)
		perror("read() error");
	close(clnt_sock);
}

/* Serves the clients in turns, a line each. Returns when a client has
 * gone, a call failed, or Ctrl-C came (interrupted). */
static void serve(int clnt_sock[])
{
	char buf[BUF_SIZE];
	ssize_t n;

	for (;;) {
		for (int i = 0; i < CLIENTS; i++) {
			n = read(clnt_sock[i], buf, sizeof(buf));
			if (n == -1 && errno == EINTR && interrupted) {
				printf("Ctrl-C: read() returned -1 EINTR; closing every client\n");
				return;
			}
			if (n <= 0) {
				printf("client %d: read() returned %zd\n", i + 1, n);
				return;
			}
			if (write(clnt_sock[i], buf, n) == -1) {
				perror("write() error");
				return;
			}
		}
	}
}

int main(int argc, char *argv[])
{
	int serv_sock, clnt_sock[CLIENTS];
	bool fix;

	if (argc < 2) {
		printf("Usage: %s <port> [none|fix]\n", argv[0]);
		exit(1);
	}
	fix = argc > 2 && strcmp(argv[2], "fix") == 0;
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	if (fix && install_handler() == -1) {
		perror("sigaction() error");
		exit(1);
	}
	serv_sock = listen_on(argv[1]);
	for (int i = 0; i < CLIENTS; i++) {
		clnt_sock[i] = accept(serv_sock, NULL, NULL);
		if (clnt_sock[i] == -1) {
			perror("accept() error");
			exit(1);
		}
		printf("client %d connected\n", i + 1);
	}

	/* Without the handler, Ctrl-C ends the process in here, inside a
	 * read(): nothing after this line runs. */
	serve(clnt_sock);

	for (int i = 0; i < CLIENTS; i++)
		close_client(clnt_sock[i]);
	close(serv_sock);
	printf("closed %d clients with a FIN each; exit(0)\n", CLIENTS);
	return 0;
}
