/*
 * where_server PORT HOST
 *
 * A TCP server that greets each client with where it runs ("hello from
 * host b") and closes: the client can tell which server it reached.
 * Serves until it is stopped.
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
	char message[128];
	int serv_sock, sock, len;

	if (argc != 3) {
		printf("Usage: %s <port> <host>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	len = snprintf(message, sizeof(message), "hello from host %s\n", argv[2]);

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
	for (;;) {
		sock = accept(serv_sock, NULL, NULL);
		if (sock == -1) {
			perror("accept() error");
			exit(1);
		}
		if (write(sock, message, len) != len)
			perror("write() error");
		close(sock);
	}
	return 0;
}
