/*
 * sender IP PORT [framed]
 *
 * Sends five messages over one TCP connection, one send() each: three
 * short words, a long text of 48000 bytes, and "bye". Then closes.
 *
 * TCP carries bytes, not messages: the receiver cannot tell where one
 * message ends and the next begins -- unless the sender says. With
 * "framed", each message goes out as a frame: its length in 4 bytes
 * (network byte order), then its bytes, both in one buffer, one send().
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define LONG_SIZE 48000

/* Sends one message, framed or not. Returns 0, or -1. */
static int send_message(int sock, const char *msg, size_t len, int framed)
{
	uint32_t net_len = htonl((uint32_t)len);
	char *frame;
	int ret;

	if (!framed)
		return send(sock, msg, len, 0) == (ssize_t)len ? 0 : -1;
	frame = malloc(4 + len);
	if (frame == NULL)
		return -1;
	memcpy(frame, &net_len, 4);
	memcpy(frame + 4, msg, len);
	ret = send(sock, frame, 4 + len, 0) == (ssize_t)(4 + len) ? 0 : -1;
	free(frame);
	return ret;
}

int main(int argc, char *argv[])
{
	const char *words[] = {"Hello", "socket", "programming"};
	struct sockaddr_in serv_addr;
	static char long_msg[LONG_SIZE];
	int sock, framed, count = 0;

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [framed]\n", argv[0]);
		exit(1);
	}
	framed = argc > 3 && strcmp(argv[3], "framed") == 0;
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	for (int i = 0; i < LONG_SIZE; i++)
		long_msg[i] = "0123456789abcdefghijklmnopqrstuvwxyz\n"[i % 37];

	sock = socket(PF_INET, SOCK_STREAM, 0);
	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(argv[1]);
	serv_addr.sin_port = htons(atoi(argv[2]));
	if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("connect() error");
		exit(1);
	}

	for (int i = 0; i < 3; i++) {
		if (send_message(sock, words[i], strlen(words[i]), framed) == -1)
			goto out_error;
		printf("sent message %d: %zu bytes\n", ++count, strlen(words[i]));
	}
	if (send_message(sock, long_msg, LONG_SIZE, framed) == -1)
		goto out_error;
	printf("sent message %d: %d bytes\n", ++count, LONG_SIZE);
	if (send_message(sock, "bye", 3, framed) == -1)
		goto out_error;
	printf("sent message %d: 3 bytes\n", ++count);
	close(sock);
	return 0;

out_error:
	perror("send() error");
	close(sock);
	return 1;
}
