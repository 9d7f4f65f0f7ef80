/*
 * Fault: listens, and never calls accept(). The kernel still completes
 * each client's handshake into the backlog, so the clients connect -- but
 * nothing is served: echo fails, and the checks that need a client served
 * (concurrent), a child forked (reaps-children) or a connection accepted
 * (closes-fds, reuseaddr) are not checked.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	int listener, on = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(listener, 16) < 0) {
		perror("bind");
		return 1;
	}
	for (;;)
		pause();
}
