/*
 * bound_host1 PORT
 *
 * A UDP receiver. It waits a moment first -- as a busy program would --
 * so that every datagram bound_host2 sends is already queued when it
 * starts to read. Then each recvfrom() returns exactly one datagram, as it
 * was sent: UDP keeps message boundaries (compare lab 6, where TCP does
 * not). A datagram larger than the buffer is cut to fit, and the rest is
 * lost; with the MSG_TRUNC flag recvfrom() still says how long it was.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define BUF_SIZE 30
#define MESSAGES 4

int main(int argc, char *argv[])
{
	struct sockaddr_in my_adr, your_adr;
	struct timespec busy = {0, 300 * 1000 * 1000}; /* 300 ms */
	socklen_t adr_sz;
	char message[BUF_SIZE];
	ssize_t str_len;
	int sock;

	if (argc != 2) {
		printf("Usage: %s <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	sock = socket(PF_INET, SOCK_DGRAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&my_adr, 0, sizeof(my_adr));
	my_adr.sin_family = AF_INET;
	my_adr.sin_addr.s_addr = htonl(INADDR_ANY);
	my_adr.sin_port = htons(atoi(argv[1]));
	if (bind(sock, (struct sockaddr *)&my_adr, sizeof(my_adr)) == -1) {
		perror("bind() error");
		exit(1);
	}

	nanosleep(&busy, NULL); /* busy: the datagrams queue up meanwhile */

	for (int i = 1; i <= MESSAGES; i++) {
		adr_sz = sizeof(your_adr);
		/* MSG_TRUNC: return the datagram's real length, even when only
		 * BUF_SIZE bytes of it fit in message. */
		str_len = recvfrom(sock, message, BUF_SIZE, MSG_TRUNC, (struct sockaddr *)&your_adr,
				   &adr_sz);
		if (str_len == -1) {
			perror("recvfrom() error");
			exit(1);
		}
		if (str_len > BUF_SIZE)
			printf("Message %d: %zd bytes, cut to %d: the other %zd are lost\n", i,
			       str_len, BUF_SIZE, str_len - BUF_SIZE);
		else
			printf("Message %d: %zd bytes: %.*s\n", i, str_len, (int)str_len, message);
	}
	close(sock);
	return 0;
}
