/*
 * reuseadr_eserver PORT [reuseaddr]
 *
 * An echo server that closes first: it serves one client, echoes one
 * message, closes the connection before the client does, and exits. Its
 * end of the connection stays behind in TIME_WAIT for 60 seconds, still
 * bound to PORT. Start it again at once and bind() fails with EADDRINUSE
 * ("Address already in use") -- unless both the old server and the new one
 * set SO_REUSEADDR before bind(): run both with "reuseaddr".
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
	int serv_sock, clnt_sock, option;
	ssize_t str_len;

	if (argc < 2) {
		printf("Usage: %s <port> [reuseaddr]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}
	/* SO_REUSEADDR must be set before bind(): it lets bind() take a port
	 * that a TIME_WAIT connection still holds. On Linux, only when the
	 * socket that left the TIME_WAIT behind had set it as well. */
	if (argc > 2 && strcmp(argv[2], "reuseaddr") == 0) {
		option = 1;
		if (setsockopt(serv_sock, SOL_SOCKET, SO_REUSEADDR, &option, sizeof(option)) ==
		    -1) {
			perror("setsockopt() error");
			exit(1);
		}
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
	printf("listening on port %s\n", argv[1]);

	clnt_addr_size = sizeof(clnt_addr);
	clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &clnt_addr_size);
	if (clnt_sock == -1) {
		perror("accept() error");
		exit(1);
	}
	str_len = read(clnt_sock, message, BUF_SIZE);
	if (str_len > 0 && write(clnt_sock, message, str_len) != str_len)
		perror("write() error");

	/* The server closes first: its end goes FIN_WAIT_1, FIN_WAIT_2, and
	 * once the client closes too, TIME_WAIT. */
	close(clnt_sock);
	close(serv_sock);
	puts("closed first; exiting");
	return 0;
}
