/*
 * shut_server PORT: serves one client and exits. It reads until the client
 * has shut down its side (read returns 0), waits a moment in CLOSE_WAIT --
 * the state a server sits in until it calls close() -- and closes. Its
 * accepted socket walks the right side of the state diagram: ESTABLISHED,
 * CLOSE_WAIT, LAST_ACK, CLOSED.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	struct timespec moment = {0, 100 * 1000 * 1000};
	int listener, conn, on = 1;
	char buf[256];
	ssize_t n;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(listener, 5) < 0) {
		perror("shut_server");
		return 1;
	}
	conn = accept(listener, NULL, NULL);
	if (conn < 0) {
		perror("accept");
		return 1;
	}
	while ((n = read(conn, buf, sizeof(buf))) > 0)
		if (write(conn, buf, (size_t)n) != n)
			break;
	/* read() returned 0: the client's FIN. We are in CLOSE_WAIT now. */
	nanosleep(&moment, NULL);
	close(conn);
	close(listener);
	return 0;
}
