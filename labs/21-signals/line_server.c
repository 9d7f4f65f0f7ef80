/*
 * line_server PORT [reply]
 *
 * A server of one client: it prints each line the client sends, until
 * the client closes. With "reply" it answers each line with one line of
 * its own standard input: whatever its operator types, when the operator
 * types it -- a slow server, for the --alarm run.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024

static int listen_on(const char *port)
{
	struct sockaddr_in serv_adr;
	int serv_sock = socket(PF_INET, SOCK_STREAM, 0);

	if (serv_sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_adr.sin_port = htons(atoi(port));
	if (bind(serv_sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1 ||
	    listen(serv_sock, 5) == -1) {
		perror("bind() or listen() error");
		exit(1);
	}
	return serv_sock;
}

/* Reads up to and with the first '\n' (or what came before the client
 * closed). Returns its length, 0 at the end, -1 on an error. */
static ssize_t read_line(int sock, char *buf, size_t cap)
{
	size_t len = 0;

	while (len + 1 < cap) {
		ssize_t n = read(sock, buf + len, 1);
		if (n <= 0)
			return n < 0 ? -1 : (ssize_t)len;
		if (buf[len++] == '\n')
			break;
	}
	buf[len] = '\0';
	return len;
}

int main(int argc, char *argv[])
{
	char line[BUF_SIZE];
	int serv_sock, clnt_sock, reply;
	ssize_t len;

	if (argc < 2) {
		printf("Usage: %s <port> [reply]\n", argv[0]);
		exit(1);
	}
	reply = argc > 2 && strcmp(argv[2], "reply") == 0;
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	serv_sock = listen_on(argv[1]);
	clnt_sock = accept(serv_sock, NULL, NULL);
	if (clnt_sock == -1) {
		perror("accept() error");
		exit(1);
	}
	printf("accepted one connection\n");

	while ((len = read_line(clnt_sock, line, sizeof(line))) > 0) {
		printf("received: %s", line);
		if (!reply)
			continue;
		if (fgets(line, sizeof(line), stdin) == NULL)
			break;
		if (write(clnt_sock, line, strlen(line)) == -1) {
			perror("write() error");
			break;
		}
	}
	if (len == -1)
		perror("read() error");
	printf("the client closed; closing\n");
	close(clnt_sock);
	close(serv_sock);
	return 0;
}
