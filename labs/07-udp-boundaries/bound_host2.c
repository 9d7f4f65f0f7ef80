/*
 * bound_host2 IP PORT
 *
 * A UDP sender: three short datagrams, one sendto() each, then a long one
 * that will not fit in bound_host1's buffer. Each sendto() is one
 * datagram on the wire, and one recvfrom() at the other end.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define LONG_SIZE 2000

int main(int argc, char *argv[])
{
	const char *msgs[] = {"Hi!", "I'm another UDP host!", "Nice to meet you"};
	struct sockaddr_in your_adr;
	char long_msg[LONG_SIZE];
	int sock;

	if (argc != 3) {
		printf("Usage: %s <IP> <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	sock = socket(PF_INET, SOCK_DGRAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&your_adr, 0, sizeof(your_adr));
	your_adr.sin_family = AF_INET;
	your_adr.sin_addr.s_addr = inet_addr(argv[1]);
	your_adr.sin_port = htons(atoi(argv[2]));

	/* No connect(): each sendto() names the destination. */
	for (int i = 0; i < 3; i++) {
		if (sendto(sock, msgs[i], strlen(msgs[i]), 0, (struct sockaddr *)&your_adr,
			   sizeof(your_adr)) == -1) {
			perror("sendto() error");
			exit(1);
		}
		printf("sent %zu bytes: %s\n", strlen(msgs[i]), msgs[i]);
	}
	memset(long_msg, 'x', sizeof(long_msg));
	if (sendto(sock, long_msg, sizeof(long_msg), 0, (struct sockaddr *)&your_adr,
		   sizeof(your_adr)) == -1) {
		perror("sendto() error");
		exit(1);
	}
	printf("sent %d bytes: xxxx...\n", LONG_SIZE);
	close(sock);
	return 0;
}
