/*
 * chat_clnt IP PORT NAME [shutdown]
 *
 * A chat client (윤 18) with two threads: the main thread sends what its
 * user types, a receiver thread prints what the others say -- which may
 * come at any moment, so it cannot wait behind fgets().
 *
 * At the end of the input the client must stop its receiver thread, which
 * is blocked in recv(), and wait for it (pthread_join). The course's notes
 * say that closing the socket makes that recv() return 0. Not on Linux:
 * close() takes the descriptor away, but the socket stays open as long as
 * a call is using it -- no FIN is sent, and recv() goes on waiting, so the
 * client waits in pthread_join() for ever. shutdown(SHUT_RDWR) acts on the
 * socket itself: it sends our FIN and ends our reading, and the blocked
 * recv() returns 0 at once. With "shutdown" the client quits that way.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE  1024
#define NAME_SIZE 20

static void *recv_msg(void *arg)
{
	int sock = (int)(intptr_t)arg;
	char msg[BUF_SIZE];
	ssize_t str_len;

	while ((str_len = recv(sock, msg, sizeof(msg) - 1, 0)) > 0) {
		msg[str_len] = '\0';
		fputs(msg, stdout);
	}
	printf("the receiver thread ends: recv() returned %zd\n", str_len);
	return NULL;
}

static int connect_server(const char *ip, const char *port)
{
	struct sockaddr_in serv_addr;
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1) {
		perror("socket() error");
		return -1;
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(ip);
	serv_addr.sin_port = htons(atoi(port));
	if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("connect() error");
		close(sock);
		return -1;
	}
	return sock;
}

int main(int argc, char *argv[])
{
	char name[NAME_SIZE], msg[BUF_SIZE], line[BUF_SIZE + NAME_SIZE + 4];
	int sock, use_shutdown;
	pthread_t rcv_thread;

	if (argc < 4) {
		printf("Usage: %s <IP> <port> <name> [shutdown]\n", argv[0]);
		exit(1);
	}
	snprintf(name, sizeof(name), "%s", argv[3]);
	use_shutdown = argc > 4 && strcmp(argv[4], "shutdown") == 0;
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	sock = connect_server(argv[1], argv[2]);
	if (sock == -1)
		exit(1);
	if (pthread_create(&rcv_thread, NULL, recv_msg, (void *)(intptr_t)sock) != 0) {
		fprintf(stderr, "pthread_create() error\n");
		exit(1);
	}

	while (fgets(msg, sizeof(msg), stdin) != NULL && strcmp(msg, "q\n") != 0) {
		size_t len = (size_t)snprintf(line, sizeof(line), "[%s] %s", name, msg);
		if (write(sock, line, len) != (ssize_t)len) {
			perror("write() error");
			break;
		}
	}

	/* Quitting: the receiver thread must come out of recv(). */
	if (use_shutdown) {
		/* Our FIN, and the end of our reading: recv() returns 0. */
		if (shutdown(sock, SHUT_RDWR) == -1)
			perror("shutdown() error");
	} else if (close(sock) == -1) {
		/* The course's way: the descriptor goes, but the socket stays
		 * open for the recv() still using it, which goes on waiting. */
		perror("close() error");
	}
	printf("waiting for the receiver thread\n");
	if (pthread_join(rcv_thread, NULL) != 0)
		fprintf(stderr, "pthread_join() error\n");
	if (use_shutdown && close(sock) == -1)
		perror("close() error");
	printf("bye\n");
	return 0;
}
