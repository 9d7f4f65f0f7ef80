/*
 * A correct chat server in one thread: select() on the listening socket
 * and every client; each line to every other client; a client that
 * leaves taken out of the set and closed; SIGPIPE ignored.
 */
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET};
	int one = 1, lsock, fd_max;
	fd_set all, ready;
	char buf[1024];

	if (argc != 2)
		return 2;
	signal(SIGPIPE, SIG_IGN);
	lsock = socket(AF_INET, SOCK_STREAM, 0);
	addr.sin_port = htons(atoi(argv[1]));
	setsockopt(lsock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lsock, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(lsock, 64) < 0) {
		perror("bind/listen");
		return 1;
	}
	FD_ZERO(&all);
	FD_SET(lsock, &all);
	fd_max = lsock;
	for (;;) {
		ready = all;
		if (select(fd_max + 1, &ready, NULL, NULL, NULL) < 0)
			return 1;
		for (int fd = 0; fd <= fd_max; fd++) {
			ssize_t len;
			if (!FD_ISSET(fd, &ready))
				continue;
			if (fd == lsock) {
				int c = accept(lsock, NULL, NULL);
				if (c >= 0) {
					FD_SET(c, &all);
					fd_max = c > fd_max ? c : fd_max;
				}
				continue;
			}
			if ((len = recv(fd, buf, sizeof(buf), 0)) <= 0) {
				FD_CLR(fd, &all);
				close(fd);
				continue;
			}
			for (int to = 0; to <= fd_max; to++)
				if (to != fd && to != lsock && FD_ISSET(to, &all))
					send(to, buf, len, 0);
		}
	}
}
