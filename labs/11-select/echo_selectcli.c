/*
 * echo_selectcli IP PORT
 *
 * Lab 1's echo client, corrected. That client waits in fgets() for the
 * keyboard, and reads the socket only after it has sent a line: while its
 * user is silent, a FIN from the server (the server exited, crashed, was
 * killed) sits unread, its socket in CLOSE_WAIT, and the client learns of
 * it only when the user types -- seconds or hours later.
 *
 * This one waits in select() for whichever comes first: a line on the
 * keyboard (descriptor 0) or something on the socket. The socket becomes
 * readable when data arrives and also when the FIN does (read() = 0), so
 * the client notices at once that the server is gone, says so, and closes.
 * (UNP 6.4: str_cli with select.)
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024

static int connect_server(const char *ip, const char *port)
{
	struct sockaddr_in serv_addr;
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1) {
		perror("socket() error");
		return -1;
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(ip);
	serv_addr.sin_port = htons(atoi(port));
	if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("connect() error");
		close(sock);
		return -1;
	}
	return sock;
}

/* One line from the keyboard to the server; 0 at the end of the input. */
static int send_line(int sock)
{
	char message[BUF_SIZE];
	size_t len;

	/* select() said the keyboard has a line: fgets() will not wait. */
	if (fgets(message, BUF_SIZE, stdin) == NULL || strcmp(message, "q\n") == 0)
		return 0;
	len = strlen(message);
	if (write(sock, message, len) != (ssize_t)len) {
		perror("write() error");
		return -1;
	}
	return 1;
}

/* Whatever the server sent; 0 when it closed its end (its FIN). */
static int print_reply(int sock)
{
	char message[BUF_SIZE];
	ssize_t n = read(sock, message, BUF_SIZE - 1);

	if (n <= 0) {
		printf("Server closed the connection\n");
		return 0;
	}
	message[n] = '\0';
	printf("Message from server: %s", message);
	return 1;
}

int main(int argc, char *argv[])
{
	fd_set reads;
	int sock, going = 1;

	if (argc != 3) {
		printf("Usage: %s <IP> <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	sock = connect_server(argv[1], argv[2]);
	if (sock == -1)
		exit(1);

	while (going > 0) {
		/* Rebuilt every time: select() leaves only the ready ones. */
		FD_ZERO(&reads);
		FD_SET(0, &reads);    /* the keyboard */
		FD_SET(sock, &reads); /* the server */
		if (select(sock + 1, &reads, NULL, NULL, NULL) == -1) {
			perror("select() error");
			break;
		}
		if (FD_ISSET(sock, &reads))
			going = print_reply(sock);
		if (going > 0 && FD_ISSET(0, &reads))
			going = send_line(sock);
	}

	/* Our FIN: at the end of the input, or at once when the server's
	 * FIN came first (then our socket leaves CLOSE_WAIT right away). */
	close(sock);
	return 0;
}
