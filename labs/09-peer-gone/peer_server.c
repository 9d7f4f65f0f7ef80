/*
 * peer_server PORT [close|linger0|hang|unread]
 *
 * An echo server for one client, that goes away -- in one of the ways a
 * peer can go (Stevens, UNP 5.12-5.16, 7.5):
 *
 *   close    (the default) echoes one line, then close(): a FIN, the
 *            4-way close begins. The client does not notice yet.
 *   linger0  the same, with SO_LINGER {on, 0 s} set first: close() then
 *            throws the connection away with an RST instead of a FIN, and
 *            the server's socket needs no TIME_WAIT.
 *   hang     reads one line and works on it forever; socklab kills it
 *            (SIGKILL). The kernel closes what a dead process held: a FIN.
 *   unread   busy with something else, it never reads what the client
 *            sends, and gives up on the client after 2 s: close() with
 *            unread input sends an RST, not a FIN.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024

/* Reads up to and with the first '\n' (or what came before the peer
 * closed). Returns its length, 0 at the end, -1 on an error. */
static ssize_t read_line(int sock, char *buf, size_t cap)
{
	size_t len = 0;

	while (len + 1 < cap) {
		ssize_t n = read(sock, buf + len, cap - 1 - len);
		if (n <= 0)
			return n < 0 ? -1 : (ssize_t)len;
		len += n;
		if (memchr(buf, '\n', len))
			break;
	}
	buf[len] = '\0';
	return len;
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

/* SO_LINGER {1, 0}: close() resets the connection at once. */
static int linger_zero(int sock)
{
	struct linger lg = {.l_onoff = 1, .l_linger = 0};

	return setsockopt(sock, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
}

int main(int argc, char *argv[])
{
	const char *mode = argc > 2 ? argv[2] : "close";
	char line[BUF_SIZE];
	ssize_t len;
	int serv_sock, clnt_sock;

	if (argc < 2) {
		printf("Usage: %s <port> [close|linger0|hang|unread]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	serv_sock = listen_on(argv[1]);
	clnt_sock = accept(serv_sock, NULL, NULL);
	if (clnt_sock == -1) {
		perror("accept() error");
		exit(1);
	}

	if (strcmp(mode, "unread") == 0) {
		printf("accepted a client; busy with something else\n");
		sleep(2); /* what the client sends waits, unread, in the socket */
		close(clnt_sock);
		printf("gave up on the client: close() with its bytes unread\n");
		return 0;
	}
	if ((len = read_line(clnt_sock, line, sizeof(line))) <= 0) {
		perror("read() error");
		return 1;
	}
	if (strcmp(mode, "hang") == 0) {
		printf("working on: %s", line);
		for (;;)
			pause(); /* forever, until killed */
	}
	if (write(clnt_sock, line, len) == -1) {
		perror("write() error");
		return 1;
	}
	if (strcmp(mode, "linger0") == 0 && linger_zero(clnt_sock) == -1) {
		perror("setsockopt() error");
		return 1;
	}
	close(clnt_sock);
	printf("echoed one line, then close()\n");
	close(serv_sock);
	return 0;
}
