/*
 * file_client IP PORT OUTFILE [eof|one-read|protocol]
 *
 * Receives a file from file_server into OUTFILE, then sends the server
 * the reply its user types (a line, "Thank you"), and closes. The program
 * of 윤성우, chapter 7 (file_client.c).
 *
 *   eof       (the default) reads until read() returns 0: the server's FIN
 *             (EOF) marks the end of the file
 *   one-read  takes a read() that returns less than its buffer for the
 *             last piece of the file, as if a short read meant "the end".
 *             But read() returns what has arrived so far: the rest of the
 *             file may still be on its way.
 *   protocol  reads the header (the name in 64 bytes, the size in 4), then
 *             exactly that many bytes, then checks that read() returns 0
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE    65536
#define NAME_SIZE   64
#define HEADER_SIZE (NAME_SIZE + 4)

static char buf[BUF_SIZE];

/* Reads exactly n bytes, in as many read()s as it takes. Returns n, or
 * fewer if the connection ended first, or -1 on an error. */
static ssize_t read_n(int sock, char *p, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = read(sock, p + got, n - got);
		if (r <= 0)
			return r == 0 ? (ssize_t)got : -1;
		got += r;
	}
	return got;
}

/* Until EOF: the server's FIN is the end of the file. */
static long receive_to_eof(int sock, FILE *fp)
{
	ssize_t read_cnt;
	long total = 0;

	while ((read_cnt = read(sock, buf, BUF_SIZE)) > 0) {
		fwrite(buf, 1, read_cnt, fp);
		total += read_cnt;
	}
	if (read_cnt == -1)
		perror("read() error");
	return read_cnt == 0 ? total : -1;
}

/* Wrong: a read() shorter than the buffer is taken for the last piece. */
static long receive_until_short_read(int sock, FILE *fp)
{
	ssize_t read_cnt;
	long total = 0;

	while ((read_cnt = read(sock, buf, BUF_SIZE)) > 0) {
		fwrite(buf, 1, read_cnt, fp);
		total += read_cnt;
		if (read_cnt < BUF_SIZE)
			break; /* "the last piece": not so */
	}
	if (read_cnt == -1)
		perror("read() error");
	return read_cnt == -1 ? -1 : total;
}

/* The header says how many bytes make the file: read exactly those, then
 * the EOF that must follow them. */
static long receive_with_header(int sock, FILE *fp)
{
	char header[HEADER_SIZE];
	uint32_t size;
	long total = 0;

	if (read_n(sock, header, HEADER_SIZE) != HEADER_SIZE) {
		printf("no whole header came\n");
		return -1;
	}
	memcpy(&size, header + NAME_SIZE, 4);
	size = ntohl(size);
	header[NAME_SIZE - 1] = '\0';
	printf("header: file %s, %u bytes\n", header, size);
	while (total < (long)size) {
		size_t want = size - total < BUF_SIZE ? size - total : BUF_SIZE;
		if (read_n(sock, buf, want) != (ssize_t)want) {
			printf("the file was cut short: %ld of %u bytes\n", total, size);
			return -1;
		}
		fwrite(buf, 1, want, fp);
		total += want;
	}
	if (read(sock, buf, 1) != 0) {
		printf("more bytes than the header said\n");
		return -1;
	}
	return total;
}

int main(int argc, char *argv[])
{
	const char *mode = argc > 4 ? argv[4] : "eof";
	struct sockaddr_in serv_adr;
	char reply[256];
	long total;
	FILE *fp;
	int sd;

	if (argc < 4) {
		printf("Usage: %s <IP> <port> <file> [eof|one-read|protocol]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	fp = fopen(argv[3], "wb");
	if (fp == NULL) {
		perror(argv[3]);
		exit(1);
	}
	sd = socket(PF_INET, SOCK_STREAM, 0);
	if (sd == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = inet_addr(argv[1]);
	serv_adr.sin_port = htons(atoi(argv[2]));
	if (connect(sd, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1) {
		perror("connect() error");
		exit(1);
	}

	if (strcmp(mode, "protocol") == 0)
		total = receive_with_header(sd, fp);
	else if (strcmp(mode, "one-read") == 0)
		total = receive_until_short_read(sd, fp);
	else
		total = receive_to_eof(sd, fp);
	fclose(fp);
	if (total == -1) {
		close(sd);
		return 1;
	}
	printf("Received file data: %ld bytes\n", total);

	/* The reply: a line the user types. */
	if (fgets(reply, sizeof(reply), stdin) != NULL && write(sd, reply, strlen(reply)) == -1)
		perror("write() error");
	close(sd);
	return 0;
}
