/*
 * echo_server PORT [CLIENTS [close-first | backlog]]
 *
 * An iterative TCP echo server: it serves one client at a time, echoing
 * back whatever the client sends, until the client closes. Then the next.
 * It serves CLIENTS clients (default 5) and exits.
 *
 * With "close-first", the server closes each connection right after its
 * first echo, before the client does: watch which side ends in TIME_WAIT.
 *
 * With "backlog", its listen queue is as short as can be (backlog 1) and
 * it is busy for 2 seconds before its first accept(): watch the clients
 * that find the queue full.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr, clnt_addr;
	socklen_t clnt_addr_size;
	char message[BUF_SIZE];
	int serv_sock, clnt_sock, clients, close_first, backlog;
	ssize_t str_len;

	if (argc < 2) {
		printf("Usage: %s <port> [clients [close-first|backlog]]\n", argv[0]);
		exit(1);
	}
	clients = argc > 2 ? atoi(argv[2]) : 5;
	close_first = argc > 3 && strcmp(argv[3], "close-first") == 0;
	backlog = argc > 3 && strcmp(argv[3], "backlog") == 0 ? 1 : 5;

	/* Each line out at once, even into a pipe (as socklab reads it). */
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* 1. socket(): a TCP socket, not yet with an address. */
	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}

	/* 2. bind(): any local address, the port we were given. */
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(argv[1]));
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("bind() error");
		exit(1);
	}

	/* 3. listen(): the socket turns passive (LISTEN); the kernel completes
	 *    3-way handshakes for us from now on, even before accept(), and
	 *    keeps them in the listen queue (연결 요청 대기 큐), backlog long. */
	if (listen(serv_sock, backlog) == -1) {
		perror("listen() error");
		exit(1);
	}
	if (backlog == 1) {
		printf("busy for 2 seconds before accept()\n");
		sleep(2);
	}

	for (int i = 0; i < clients; i++) {
		/* 4. accept(): takes one finished connection off the queue. */
		clnt_addr_size = sizeof(clnt_addr);
		clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &clnt_addr_size);
		if (clnt_sock == -1) {
			perror("accept() error");
			exit(1);
		}
		printf("Connected client %d\n", i + 1);

		/* 5. Echo until read() returns 0: the client's FIN arrived. */
		while ((str_len = read(clnt_sock, message, BUF_SIZE)) > 0) {
			if (write(clnt_sock, message, str_len) != str_len)
				break;
			if (close_first)
				break;
		}

		/* 6. close(): our FIN. Whoever closes first ends in TIME_WAIT. */
		close(clnt_sock);
	}
	close(serv_sock);
	return 0;
}
