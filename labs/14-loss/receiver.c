/*
 * receiver PORT BYTES [CONNECTIONS]
 *
 * Serves CONNECTIONS senders (1 unless told), one after the other. From
 * each it reads BYTES bytes (the size both sides agreed on), answers how
 * many came, and closes when the sender does. It knows nothing of
 * segments, losses or retransmissions: TCP hands it every byte, in
 * order -- or nothing yet, and read() blocks until the missing byte
 * comes.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	char buf[65536], answer[64];
	int serv_sock, clnt_sock, connections, on = 1;
	long bytes;

	if (argc < 3) {
		printf("Usage: %s <port> <bytes> [connections]\n", argv[0]);
		exit(1);
	}
	bytes = atol(argv[2]);
	connections = argc > 3 ? atoi(argv[3]) : 1;
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}
	setsockopt(serv_sock, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
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
	for (int i = 1; i <= connections; i++) {
		long total = 0;
		ssize_t n;

		clnt_sock = accept(serv_sock, NULL, NULL);
		if (clnt_sock == -1) {
			perror("accept() error");
			exit(1);
		}
		while (total < bytes && (n = read(clnt_sock, buf, sizeof(buf))) > 0)
			total += n;
		printf("connection %d: read %ld bytes\n", i, total);
		snprintf(answer, sizeof(answer), "got %ld bytes\n", total);
		if (write(clnt_sock, answer, strlen(answer)) == -1)
			perror("write() error");
		/* Until the sender closes: read() returns 0. */
		while ((n = read(clnt_sock, buf, sizeof(buf))) > 0)
			;
		close(clnt_sock);
	}
	close(serv_sock);
	return 0;
}
