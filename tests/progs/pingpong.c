/*
 * pingpong PORT ROUNDS: a load for the capture benchmark. A server and a
 * client (its child) on 127.0.0.1:PORT with Nagle off; the client sends
 * one byte, the server sends it back, ROUNDS times. Each round is two
 * segments on the wire (the ACKs ride along), so the count is known in
 * advance: 2 * ROUNDS, plus the handshake and the close.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static int nodelay(int fd)
{
	int on = 1;

	return setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
}

/* Echoes every byte until the client closes. */
static int serve(int listener)
{
	int conn = accept(listener, NULL, NULL);
	char c;

	if (conn < 0 || nodelay(conn) < 0) {
		perror("pingpong: accept");
		return 1;
	}
	while (read(conn, &c, 1) == 1)
		if (write(conn, &c, 1) != 1)
			break;
	close(conn);
	return 0;
}

static int play(struct sockaddr_in *addr, long rounds)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	char c = 'x';

	if (fd < 0 || connect(fd, (struct sockaddr *)addr, sizeof(*addr)) < 0 || nodelay(fd) < 0) {
		perror("pingpong: connect");
		return 1;
	}
	for (long i = 0; i < rounds; i++) {
		if (write(fd, &c, 1) != 1 || read(fd, &c, 1) != 1) {
			perror("pingpong: round");
			return 1;
		}
	}
	close(fd);
	return 0;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET,
				   .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int listener, on = 1, status;
	pid_t client;

	if (argc != 3) {
		fprintf(stderr, "usage: %s PORT ROUNDS\n", argv[0]);
		return 2;
	}
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(listener, 1) < 0) {
		perror("pingpong: listen");
		return 1;
	}
	client = fork();
	if (client == 0) {
		close(listener);
		return play(&addr, atol(argv[2]));
	}
	status = serve(listener);
	close(listener);
	if (waitpid(client, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return 1;
	return status;
}
