/*
 * echo_selectserv PORT [no-copy]
 *
 * An echo server that serves many clients in one process, with no fork and
 * no thread: select() waits on all its sockets at once -- the listening
 * socket and every connected client -- and says which are ready to read.
 * A ready listening socket means a connection is waiting: accept() it and
 * add it to the set. A ready client means data (or its FIN, read() = 0).
 *
 * select() overwrites the set it is given with the ready descriptors. So
 * the server keeps its own set of everything it watches (reads), and hands
 * select() a fresh copy each time (cpy_reads). With "no-copy" it hands over
 * its own set -- the classic mistake this lab is about: after each call the
 * set holds only what was ready, and every other client drops out of it,
 * never to be read again.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024

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

int main(int argc, char *argv[])
{
	struct sockaddr_in clnt_addr;
	socklen_t addr_size;
	fd_set reads, cpy_reads;
	int serv_sock, clnt_sock, fd_max, fd_num, no_copy, clients = 0;
	char buf[BUF_SIZE];
	ssize_t str_len;

	if (argc < 2) {
		printf("Usage: %s <port> [no-copy]\n", argv[0]);
		exit(1);
	}
	no_copy = argc > 2 && strcmp(argv[2], "no-copy") == 0;
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	serv_sock = make_listener(argv[1]);
	if (serv_sock == -1)
		exit(1);

	/* The set of everything we watch: at first, the listening socket. */
	FD_ZERO(&reads);
	FD_SET(serv_sock, &reads);
	fd_max = serv_sock;

	for (;;) {
		/* select() writes the ready descriptors into the set it is
		 * given: give it a copy, and keep reads whole. */
		cpy_reads = reads;
		fd_num = select(fd_max + 1, no_copy ? &reads : &cpy_reads, NULL, NULL, NULL);
		if (fd_num == -1) {
			perror("select() error");
			break;
		}
		if (no_copy)
			cpy_reads = reads; /* the mistake: reads is now only the ready ones */

		for (int i = 0; i < fd_max + 1; i++) {
			if (!FD_ISSET(i, &cpy_reads))
				continue;
			if (i == serv_sock) {
				/* The listening socket is readable: a connection
				 * waits in the queue, accept() will not block. */
				addr_size = sizeof(clnt_addr);
				clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr,
						   &addr_size);
				if (clnt_sock == -1) {
					perror("accept() error");
					continue;
				}
				FD_SET(clnt_sock, &reads);
				if (fd_max < clnt_sock)
					fd_max = clnt_sock;
				printf("client %d connected: socket %d\n", ++clients, clnt_sock);
				continue;
			}
			/* A client is readable: data, or its FIN. */
			str_len = read(i, buf, BUF_SIZE);
			if (str_len <= 0) {
				/* Take it out of the set before closing it: select()
				 * on a closed descriptor fails with EBADF. */
				FD_CLR(i, &reads);
				close(i);
				printf("closed client: socket %d\n", i);
			} else if (write(i, buf, str_len) != str_len) {
				perror("write() error");
			}
		}
	}
	close(serv_sock);
	return 0;
}
