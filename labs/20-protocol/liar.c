/*
 * liar IP PORT [size|code]
 *
 * A client that lies in its header (proto.h). "size" (the default): a
 * CMD_GET_FILE whose header says its body is 4294967040 bytes (0xffffff00)
 * -- and sends 4. "code": a header with code 200, CMD_SND_FILELIST, which
 * only a server sends. Then it waits for whatever the server answers,
 * and prints it: a server that believes the size answers nothing, ever.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "proto.h"

#define LIE 0xffffff00u /* 4294967040: nearly 4 GiB */

static void error_handling(const char *message)
{
	perror(message);
	exit(1);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	struct proto_header hdr;
	char msg[HEADER_SIZE + 4], body[256];
	uint32_t index = htonl(0), err;
	size_t len = HEADER_SIZE;
	ssize_t n;
	int sock;

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [size|code]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	sock = socket(PF_INET, SOCK_STREAM, 0);
	if (sock == -1)
		error_handling("socket() error");
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(argv[1]);
	serv_addr.sin_port = htons(atoi(argv[2]));
	if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1)
		error_handling("connect() error");

	if (argc > 3 && strcmp(argv[3], "code") == 0) {
		hdr.code = htonl(CMD_SND_FILELIST); /* the server's code, not ours */
		hdr.size = htonl(0);
	} else {
		hdr.code = htonl(CMD_GET_FILE);
		hdr.size = htonl(LIE); /* the lie: 4 bytes follow, not 4294967040 */
		memcpy(msg + HEADER_SIZE, &index, 4);
		len += 4;
	}
	memcpy(msg, &hdr, HEADER_SIZE);
	if (send(sock, msg, len, 0) != (ssize_t)len)
		error_handling("send() error");
	printf("sent: code %u, size %u, then %zu bytes\n", ntohl(hdr.code), ntohl(hdr.size),
	       len - HEADER_SIZE);

	/* What does the server say? A CMD_ERROR, or nothing at all. */
	n = recv(sock, &hdr, HEADER_SIZE, MSG_WAITALL);
	if (n == HEADER_SIZE && ntohl(hdr.code) == CMD_ERROR && ntohl(hdr.size) >= 4 &&
	    ntohl(hdr.size) < sizeof(body) &&
	    recv(sock, body, ntohl(hdr.size), MSG_WAITALL) == (ssize_t)ntohl(hdr.size)) {
		memcpy(&err, body, 4);
		body[ntohl(hdr.size)] = '\0';
		printf("the server answered CMD_ERROR %u: %s\n", ntohl(err), body + 4);
	} else if (n > 0)
		printf("the server answered %zd bytes, not an error\n", n);
	n = recv(sock, body, sizeof(body), 0);
	if (n == 0)
		puts("the server closed the connection");
	else if (n == -1)
		perror("the server closed the connection with a reset, recv()"); /* its unread input
										  */
	close(sock);
	return 0;
}
