/*
 * echo_epollserv PORT
 *
 * echo_selectserv again, with epoll (Linux's own; 윤 17): one process, no
 * thread, many clients. Where select() is handed the whole set at every
 * call and hands it back for the program to search, epoll keeps the set in
 * the kernel -- descriptors go in once, with epoll_ctl() -- and
 * epoll_wait() returns only the ready ones. Nothing to rebuild, nothing to
 * search, and no FD_SETSIZE: select() cannot watch a descriptor of 1024 or
 * more on Linux.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE   1024
#define EPOLL_SIZE 50

static int make_listener(const char *port)
{
	struct sockaddr_in serv_addr;
	int serv_sock = socket(PF_INET, SOCK_STREAM, 0);

	if (serv_sock == -1) {
		perror("socket() error");
		return -1;
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(port));
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("bind() error");
		goto out_close;
	}
	if (listen(serv_sock, 5) == -1) {
		perror("listen() error");
		goto out_close;
	}
	return serv_sock;
out_close:
	close(serv_sock);
	return -1;
}

/* Puts fd into the epoll instance, to be told when it is readable. */
static int watch(int epfd, int fd)
{
	struct epoll_event event;

	event.events = EPOLLIN;
	event.data.fd = fd; /* what epoll_wait() will hand back */
	if (epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &event) == -1) {
		perror("epoll_ctl() error");
		return -1;
	}
	return 0;
}

static void accept_client(int epfd, int serv_sock, int *clients)
{
	struct sockaddr_in clnt_addr;
	socklen_t addr_size = sizeof(clnt_addr);
	int clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &addr_size);

	if (clnt_sock == -1) {
		perror("accept() error");
		return;
	}
	if (watch(epfd, clnt_sock) == -1) {
		close(clnt_sock);
		return;
	}
	printf("client %d connected: socket %d\n", ++*clients, clnt_sock);
}

static void echo(int epfd, int fd)
{
	char buf[BUF_SIZE];
	ssize_t str_len = read(fd, buf, BUF_SIZE);

	if (str_len <= 0) {
		/* Out of the instance, then closed (closing it would also take
		 * it out, once no other descriptor names the socket). */
		epoll_ctl(epfd, EPOLL_CTL_DEL, fd, NULL);
		close(fd);
		printf("closed client: socket %d\n", fd);
	} else if (write(fd, buf, str_len) != str_len) {
		perror("write() error");
	}
}

int main(int argc, char *argv[])
{
	struct epoll_event ep_events[EPOLL_SIZE];
	int serv_sock, epfd, event_cnt, clients = 0;

	if (argc != 2) {
		printf("Usage: %s <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	serv_sock = make_listener(argv[1]);
	if (serv_sock == -1)
		exit(1);
	epfd = epoll_create(EPOLL_SIZE); /* the size is only a hint, since Linux 2.6.8 */
	if (epfd == -1 || watch(epfd, serv_sock) == -1) {
		perror("epoll_create() error");
		exit(1);
	}

	for (;;) {
		/* Only the ready descriptors come back, each with its data. */
		event_cnt = epoll_wait(epfd, ep_events, EPOLL_SIZE, -1);
		if (event_cnt == -1) {
			perror("epoll_wait() error");
			break;
		}
		for (int i = 0; i < event_cnt; i++) {
			if (ep_events[i].data.fd == serv_sock)
				accept_client(epfd, serv_sock, &clients);
			else
				echo(epfd, ep_events[i].data.fd);
		}
	}
	close(serv_sock);
	close(epfd);
	return 0;
}
