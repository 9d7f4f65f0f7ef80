/*
 * echo_thrserv PORT [by-value | close-listener]
 *
 * Lab 2's echo server with a thread per client instead of a process (the
 * course's homework: "스레드로 바꿔서"). The main thread accepts; each
 * client gets a thread that echoes until the client closes.
 *
 * A thread needs to know its client's socket. The textbook passes
 * &clnt_sock, the address of main()'s variable -- and the thread reads it
 * whenever it first runs. If main() has accepted the next client by then,
 * clnt_sock holds the next client's socket: two threads serve one client,
 * and the other is never served. With "by-value" the number itself is
 * passed, copied into the thread's argument at pthread_create(), and no
 * later accept() can change it.
 *
 * With "close-listener" each thread first closes the listening socket, as
 * lab 2's children did. A child closes its own copy; a thread shares its
 * process's one table of descriptors, and closes the process's only one.
 */
#define _GNU_SOURCE /* gettid() */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024

static int serv_sock; /* every thread sees it: one process, one table */
static int by_value, close_listener;

static void *handle_clnt(void *arg)
{
	/* The mistake this lab is about, and its fix. */
	int clnt_sock = by_value ? (int)(intptr_t)arg : *((int *)arg);
	char msg[BUF_SIZE];
	ssize_t str_len;

	printf("thread %d serves socket %d\n", gettid(), clnt_sock);
	if (close_listener) {
		close(serv_sock);
		printf("thread %d closed the listening socket %d\n", gettid(), serv_sock);
	}
	while ((str_len = read(clnt_sock, msg, sizeof(msg))) > 0)
		if (write(clnt_sock, msg, str_len) != str_len)
			break;
	close(clnt_sock);
	printf("thread %d: socket %d closed\n", gettid(), clnt_sock);
	return NULL;
}

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
	if (listen(sock, 5) == -1) {
		perror("listen() error");
		goto out_close;
	}
	return sock;
out_close:
	close(sock);
	return -1;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in clnt_addr;
	socklen_t addr_size;
	int clnt_sock, clients = 0;
	pthread_t t_id;

	if (argc < 2) {
		printf("Usage: %s <port> [by-value|close-listener]\n", argv[0]);
		exit(1);
	}
	close_listener = argc > 2 && strcmp(argv[2], "close-listener") == 0;
	by_value = close_listener || (argc > 2 && strcmp(argv[2], "by-value") == 0);
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	serv_sock = make_listener(argv[1]);
	if (serv_sock == -1)
		exit(1);

	for (;;) {
		addr_size = sizeof(clnt_addr);
		clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &addr_size);
		if (clnt_sock == -1) {
			perror("accept() error");
			break;
		}
		printf("client %d connected: socket %d\n", ++clients, clnt_sock);
		if (pthread_create(&t_id, NULL, handle_clnt,
				   by_value ? (void *)(intptr_t)clnt_sock : (void *)&clnt_sock) !=
		    0) {
			fprintf(stderr, "pthread_create() error\n");
			close(clnt_sock);
			continue;
		}
		/* Nobody joins it: its resources go when it ends. */
		pthread_detach(t_id);
	}
	/* No more clients; those being served are served to the end. */
	pthread_exit(NULL);
}
