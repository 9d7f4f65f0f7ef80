/*
 * nagle_server PORT
 *
 * Answers nagle_client's requests, one client, then exits. A request is a
 * 4-byte length (network byte order), then that many bytes of text; the
 * reply is the same request sent back, in one write().
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 256

/* Reads exactly n bytes (TCP may hand them over in pieces). Returns 0, or
 * -1 at the end of the connection. */
static int read_n(int sock, char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(sock, buf + got, n - got);
		if (r <= 0)
			return -1;
		got += r;
	}
	return 0;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr, clnt_addr;
	socklen_t clnt_addr_size;
	char buf[BUF_SIZE];
	uint32_t len;
	int serv_sock, clnt_sock, requests = 0;

	if (argc != 2) {
		printf("Usage: %s <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(argv[1]));
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("bind() error");
		exit(1);
	}
	if (listen(serv_sock, 5) == -1) {
		perror("listen() error");
		exit(1);
	}
	clnt_addr_size = sizeof(clnt_addr);
	clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &clnt_addr_size);
	if (clnt_sock == -1) {
		perror("accept() error");
		exit(1);
	}

	/* The header, then the body: nothing to answer until both are here,
	 * so the kernel has nothing to carry the ACK of the header with, and
	 * delays it (up to 40 ms), hoping for a reply to piggyback on. */
	while (read_n(clnt_sock, buf, 4) == 0) {
		memcpy(&len, buf, 4);
		len = ntohl(len);
		if (len > BUF_SIZE - 4 || read_n(clnt_sock, buf + 4, len) == -1)
			break;
		if (write(clnt_sock, buf, 4 + len) != (ssize_t)(4 + len))
			break;
		requests++;
	}
	printf("served %d requests\n", requests);
	close(clnt_sock);
	close(serv_sock);
	return 0;
}
