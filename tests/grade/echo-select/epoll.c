/*
 * A correct echo server in one process with epoll: the listening socket
 * and each client go into the instance once; epoll_wait() returns only the
 * ready ones; a client that leaves is closed, which takes it out.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

static int watch(int ep, int fd)
{
	struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd};

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET};
	struct epoll_event ready[64];
	int one = 1, lsock, ep, n;
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
	if ((ep = epoll_create1(0)) < 0 || watch(ep, lsock) < 0) {
		perror("epoll");
		return 1;
	}
	for (;;) {
		if ((n = epoll_wait(ep, ready, 64, -1)) < 0) {
			perror("epoll_wait");
			return 1;
		}
		for (int i = 0; i < n; i++) {
			int fd = ready[i].data.fd;
			ssize_t len;
			if (fd == lsock) {
				int c = accept(lsock, NULL, NULL);
				if (c >= 0 && watch(ep, c) < 0)
					close(c);
				continue;
			}
			len = read(fd, buf, sizeof(buf));
			if (len <= 0)
				close(fd);
			else if (write(fd, buf, len) != len)
				perror("write");
		}
	}
}
