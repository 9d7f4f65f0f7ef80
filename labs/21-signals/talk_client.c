/*
 * talk_client IP PORT
 *
 * A client that sends what its user typed (its standard input, until
 * Ctrl-D), then reads what the server says until the connection ends,
 * and says how it ended:
 *
 *   read() = 0                 the server closed: a FIN came. It cannot
 *                              tell a server that said goodbye and closed
 *                              from one that died: only the goodbye line,
 *                              if one came, tells.
 *   read() = -1 ECONNRESET     an RST came: the connection was thrown
 *                              away, and whatever was on its way is lost.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024

static int connect_to(const char *ip, const char *port)
{
	struct sockaddr_in serv_adr;
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = inet_addr(ip);
	serv_adr.sin_port = htons(atoi(port));
	if (connect(sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1) {
		perror("connect() error");
		exit(1);
	}
	return sock;
}

/* Sends each line the user types. Returns 0, or -1 when write() failed. */
static int send_input(int sock)
{
	char line[BUF_SIZE];

	while (fgets(line, sizeof(line), stdin) != NULL) {
		if (write(sock, line, strlen(line)) == -1) {
			perror("write() error");
			return -1;
		}
		printf("sent: %s", line);
	}
	return 0;
}

/* Prints what the server says until the connection ends. Returns 0 when
 * it closed (a FIN), 1 when it was reset (an RST) or read() failed. */
static int read_until_end(int sock)
{
	char buf[BUF_SIZE];
	ssize_t n;

	while ((n = read(sock, buf, sizeof(buf) - 1)) > 0) {
		buf[n] = '\0';
		printf("from server: %s", buf);
	}
	if (n == 0) {
		printf("read() returned 0: the server closed the connection\n");
		return 0;
	}
	if (errno == ECONNRESET)
		printf("read() returned -1 ECONNRESET: the connection was reset\n");
	else
		perror("read() error");
	return 1;
}

int main(int argc, char *argv[])
{
	int sock, ret;

	if (argc < 3) {
		printf("Usage: %s <IP> <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	sock = connect_to(argv[1], argv[2]);
	printf("connected\n");
	if (send_input(sock) == -1) {
		close(sock);
		return 1;
	}
	ret = read_until_end(sock);
	close(sock);
	return ret;
}
