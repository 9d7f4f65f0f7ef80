/*
 * echo_client IP PORT
 *
 * A TCP echo client: connects, then for each line it reads from the
 * keyboard sends the line and prints what comes back. At the end of input
 * (Ctrl-D, or "q") it closes the connection.
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
	struct sockaddr_in serv_addr;
	char message[BUF_SIZE];
	ssize_t str_len, recv_len;
	int sock;

	if (argc != 3) {
		printf("Usage: %s <IP> <port>\n", argv[0]);
		exit(1);
	}

	/* Each line out at once, even into a pipe (as socklab reads it). */
	setvbuf(stdout, NULL, _IOLBF, 0);

	sock = socket(PF_INET, SOCK_STREAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}

	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(argv[1]);
	serv_addr.sin_port = htons(atoi(argv[2]));

	/* connect(): sends SYN, waits for SYN+ACK, answers ACK. When it
	 * returns 0 the 3-way handshake is done: ESTABLISHED. */
	if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("connect() error");
		exit(1);
	}

	while (fgets(message, BUF_SIZE, stdin) != NULL) {
		if (strcmp(message, "q\n") == 0)
			break;
		str_len = write(sock, message, strlen(message));
		if (str_len == -1)
			break;

		/* TCP has no message boundaries: read until we have as many
		 * bytes back as we sent. */
		recv_len = 0;
		while (recv_len < str_len) {
			ssize_t n = read(sock, &message[recv_len], BUF_SIZE - 1 - recv_len);
			if (n <= 0) {
				printf("Server closed the connection\n");
				close(sock);
				return 0;
			}
			recv_len += n;
		}
		message[recv_len] = 0;
		printf("Message from server: %s", message);
	}

	/* close(): our FIN. The client closes first here, so it is the client
	 * that waits in TIME_WAIT. */
	close(sock);
	return 0;
}
