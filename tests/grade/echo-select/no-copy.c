/*
 * A server that hands select() its own set: after each call the set holds
 * only what was ready, and the others are never watched again.
 *
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET};
	int one = 1, lsock, fd_max;
	fd_set reads, ready;
	char buf[4096];

	if (argc != 2)
		return 2;
	lsock = socket(AF_INET, SOCK_STREAM, 0);
	addr.sin_port = htons(atoi(argv[1]));
	setsockopt(lsock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lsock, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(lsock, 128) < 0) {
		perror("bind/listen");
		return 1;
	}
	FD_ZERO(&reads);
	FD_SET(lsock, &reads);
	fd_max = lsock;
	for (;;) {
		/* forgot the copy: select() writes into reads */
		if (select(fd_max + 1, &reads, NULL, NULL, NULL) < 0) {
			perror("select");
			return 1;
		}
		ready = reads;
		for (int fd = 0; fd <= fd_max; fd++) {
			ssize_t n;
			if (!FD_ISSET(fd, &ready))
				continue;
			if (fd == lsock) {
				int c = accept(lsock, NULL, NULL);
				if (c < 0)
					continue;
				FD_SET(c, &reads);
				fd_max = c > fd_max ? c : fd_max;
				continue;
			}
			n = read(fd, buf, sizeof(buf));
			if (n <= 0) {
				FD_CLR(fd, &reads);
				close(fd);
			} else if (write(fd, buf, n) != n) {
				perror("write");
			}
		}
	}
}
