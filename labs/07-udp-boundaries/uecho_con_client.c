/*
 * uecho_con_client IP PORT [unconnected]
 *
 * A UDP echo client on a connected UDP socket: connect() sends nothing,
 * it only fixes the peer, so write() and read() work as on TCP. It also
 * lets the kernel report errors from that peer: sent to a port where
 * nothing listens, the datagram is answered by an ICMP "port unreachable"
 * (which quotes it), the kernel matches that to the connected socket, and
 * the next call on the socket fails with ECONNREFUSED.
 *
 * With "unconnected" it uses sendto() and recvfrom() without connect():
 * such a socket may send to anyone, so the kernel cannot know which of its
 * sends the error belongs to, and says nothing (unless the socket asks for
 * every error with IP_RECVERR): recvfrom() just waits (here for 1 s,
 * SO_RCVTIMEO).
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define BUF_SIZE 30

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_adr;
	struct timeval one_second = {1, 0};
	char message[BUF_SIZE];
	ssize_t str_len;
	int sock, connected;

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [unconnected]\n", argv[0]);
		exit(1);
	}
	connected = !(argc > 3 && strcmp(argv[3], "unconnected") == 0);
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	sock = socket(PF_INET, SOCK_DGRAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	if (setsockopt(sock, SOL_SOCKET, SO_RCVTIMEO, &one_second, sizeof(one_second)) == -1) {
		perror("setsockopt() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = inet_addr(argv[1]);
	serv_adr.sin_port = htons(atoi(argv[2]));
	if (connected && connect(sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1) {
		perror("connect() error");
		exit(1);
	}

	while (fgets(message, BUF_SIZE, stdin) != NULL) {
		if (connected)
			str_len = write(sock, message, strlen(message));
		else
			str_len = sendto(sock, message, strlen(message), 0,
					 (struct sockaddr *)&serv_adr, sizeof(serv_adr));
		if (str_len == -1) {
			perror(connected ? "write() error" : "sendto() error");
			exit(1);
		}
		if (connected)
			str_len = read(sock, message, BUF_SIZE - 1);
		else
			str_len = recvfrom(sock, message, BUF_SIZE - 1, 0, NULL, NULL);
		if (str_len == -1) {
			/* ECONNREFUSED: the ICMP error, reported on a connected
			 * socket. EAGAIN: nothing came within SO_RCVTIMEO. */
			perror(connected ? "read() error" : "recvfrom() error");
			exit(1);
		}
		message[str_len] = 0;
		printf("Message from server: %s", message);
	}
	close(sock);
	return 0;
}
