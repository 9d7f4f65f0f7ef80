/*
 * sender IP PORT BYTES
 *
 * Sends BYTES bytes to the receiver in one send() (the receiver expects
 * that many), waits for its answer, and closes. Prints how long that
 * took: from the send() to the answer, the time the bytes needed to
 * cross -- losses included. The program sees no loss: its kernel finds
 * out, and sends again.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	char answer[64], *data;
	long bytes;
	double start;
	ssize_t n;
	int sock;

	if (argc < 4) {
		printf("Usage: %s <IP> <port> <bytes>\n", argv[0]);
		exit(1);
	}
	bytes = atol(argv[3]);
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	data = malloc(bytes);
	if (data == NULL) {
		perror("malloc() error");
		exit(1);
	}
	for (long i = 0; i < bytes; i++)
		data[i] = "0123456789abcdefghijklmnopqrstuvwxyz\n"[i % 37];

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

	start = now_ms();
	if (send(sock, data, bytes, 0) != bytes) {
		perror("send() error");
		exit(1);
	}
	n = read(sock, answer, sizeof(answer) - 1);
	if (n <= 0) {
		perror("read() error");
		exit(1);
	}
	answer[n] = '\0';
	printf("sent %ld bytes; the receiver answered after %.1f ms: %s", bytes, now_ms() - start,
	       answer);
	close(sock);
	free(data);
	return 0;
}
