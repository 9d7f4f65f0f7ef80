/*
 * echo_epollpool PORT
 *
 * An echo server with a fixed pool of four threads on one epoll instance:
 * the Linux way to the idea behind Windows' IOCP (윤 23; the course notes'
 * "궁극은 IOCP"). A thread per client costs a thread -- a stack, a place
 * in the scheduler, a context switch -- for every connection, and most of
 * them only wait. Here four threads serve every client: each waits in
 * epoll_wait() on the same instance and takes one ready descriptor at a
 * time. A thousand clients, still four threads.
 *
 * Two threads must never serve one client at once (they would split its
 * bytes between them, and echo them out of order). EPOLLONESHOT sees to
 * it: once epoll_wait() has handed a descriptor to one thread, the
 * instance stops watching it until that thread re-arms it with
 * EPOLL_CTL_MOD, after it has done its read and its write. The listening
 * socket is one-shot too, so that one thread accepts each connection.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024
#define THREADS	 4 /* the pool: main() and three more */

static int serv_sock, epfd;

static int make_listener(const char *port)
{
	struct sockaddr_in serv_addr;
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1) {
		perror("socket() error");
		return -1;
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(port));
	if (bind(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("bind() error");
		goto out_close;
	}
	if (listen(sock, 128) == -1) { /* 100 clients may knock at once */
		perror("listen() error");
		goto out_close;
	}
	return sock;
out_close:
	close(sock);
	return -1;
}

/* Watches fd for one readable event (op: EPOLL_CTL_ADD the first time,
 * EPOLL_CTL_MOD to re-arm it after each event). */
static int arm(int op, int fd)
{
	struct epoll_event event;

	event.events = EPOLLIN | EPOLLONESHOT;
	event.data.fd = fd;
	if (epoll_ctl(epfd, op, fd, &event) == -1) {
		perror("epoll_ctl() error");
		return -1;
	}
	return 0;
}

static void accept_client(void)
{
	int clnt_sock = accept(serv_sock, NULL, NULL);

	if (clnt_sock != -1 && arm(EPOLL_CTL_ADD, clnt_sock) == -1)
		close(clnt_sock);
	arm(EPOLL_CTL_MOD, serv_sock); /* the next connection, for any thread */
}

static void echo(int fd)
{
	char buf[BUF_SIZE];
	ssize_t str_len = read(fd, buf, BUF_SIZE);

	if (str_len <= 0) {
		close(fd); /* also takes it out of the instance */
		return;
	}
	if (write(fd, buf, str_len) != str_len)
		perror("write() error");
	arm(EPOLL_CTL_MOD, fd); /* done with it: any thread may take it now */
}

/* Every thread of the pool, main() too: one ready descriptor at a time. */
static void *worker(void *arg)
{
	struct epoll_event event;

	(void)arg;
	for (;;) {
		int n = epoll_wait(epfd, &event, 1, -1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			perror("epoll_wait() error");
			break;
		}
		if (event.data.fd == serv_sock)
			accept_client();
		else
			echo(event.data.fd);
	}
	return NULL;
}

int main(int argc, char *argv[])
{
	pthread_t t_id;

	if (argc != 2) {
		printf("Usage: %s <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	serv_sock = make_listener(argv[1]);
	epfd = epoll_create1(0);
	if (serv_sock == -1 || epfd == -1 || arm(EPOLL_CTL_ADD, serv_sock) == -1)
		exit(1);

	/* The pool is made once, before any client: it never grows. */
	for (int i = 1; i < THREADS; i++) {
		if (pthread_create(&t_id, NULL, worker, NULL) != 0) {
			fprintf(stderr, "pthread_create() error\n");
			exit(1);
		}
		pthread_detach(t_id);
	}
	printf("a pool of %d threads serves every client\n", THREADS);
	worker(NULL);
	return 0;
}
