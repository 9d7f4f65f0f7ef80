/*
 * file_server PORT FILE [close|shutdown|protocol]
 *
 * Serves one client: sends it FILE, ends its own side of the connection,
 * then reads the client's reply ("Thank you") and prints it. The program
 * of 윤성우, chapter 7 (file_server.c).
 *
 *   close     (the default: naive) close() after the last byte. The FIN
 *             tells the client "end of file" -- but close() ends both
 *             streams: the socket can no longer read, and the client's
 *             reply, which comes after, is answered with an RST.
 *   shutdown  shutdown(SHUT_WR) after the last byte (Half-close): the FIN
 *             as before, and the input stream stays open. read() returns
 *             the reply, then 0 when the client closes.
 *   protocol  as shutdown, with a header before the bytes (the file
 *             protocol of the course notes): the file's name in 64 bytes,
 *             NUL-padded, then its size in 4 bytes, network byte order.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE    1024
#define NAME_SIZE   64
#define HEADER_SIZE (NAME_SIZE + 4)

/* Writes all len bytes, however many write() calls it takes. Returns 0,
 * or -1 on an error. */
static int write_all(int sock, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(sock, buf, len);
		if (n == -1)
			return -1;
		buf += n;
		len -= n;
	}
	return 0;
}

/* The header: the name (without its folders), then the size. Built byte
 * by byte, so that both sides agree on its layout whatever their compiler
 * (a struct may hold padding, in an order of its own). */
static int send_header(int sock, const char *path, long size)
{
	char header[HEADER_SIZE] = {0};
	const char *name = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	uint32_t net_size = htonl((uint32_t)size);

	strncpy(header, name, NAME_SIZE - 1);
	memcpy(header + NAME_SIZE, &net_size, 4);
	return write_all(sock, header, HEADER_SIZE);
}

/* Sends the file's bytes, as read from fp. Returns how many, or -1. */
static long send_file(int sock, FILE *fp)
{
	char buf[BUF_SIZE];
	size_t read_cnt;
	long sent = 0;

	while ((read_cnt = fread(buf, 1, BUF_SIZE, fp)) > 0) {
		if (write_all(sock, buf, read_cnt) == -1)
			return -1;
		sent += read_cnt;
	}
	return sent;
}

/* After the half-close: whatever the client sends, until it closes. */
static void read_reply(int sock)
{
	char buf[BUF_SIZE];
	ssize_t n;

	while ((n = read(sock, buf, BUF_SIZE)) > 0)
		printf("Message from client: %.*s", (int)n, buf);
	if (n == 0)
		printf("the client closed its end: read() returned 0\n");
	else
		perror("read() error");
}

static int listen_on(const char *port)
{
	struct sockaddr_in serv_adr;
	int serv_sd = socket(PF_INET, SOCK_STREAM, 0);

	if (serv_sd == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_adr.sin_port = htons(atoi(port));
	if (bind(serv_sd, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1 ||
	    listen(serv_sd, 5) == -1) {
		perror("bind() or listen() error");
		exit(1);
	}
	return serv_sd;
}

/* After the last byte: close() (naive), or a half-close and the reply.
 * Closes clnt_sd. Returns 0, or -1 on an error. */
static int finish(int clnt_sd, const char *mode, long sent)
{
	if (strcmp(mode, "close") == 0) {
		/* Both streams end here: the FIN goes out, and nothing the
		 * client sends from now on will ever be read. */
		close(clnt_sd);
		printf("sent %ld bytes, then close()\n", sent);
		return 0;
	}
	/* Only the output stream ends: the FIN (EOF for the client), and the
	 * socket still receives. */
	if (shutdown(clnt_sd, SHUT_WR) == -1) {
		perror("shutdown() error");
		close(clnt_sd);
		return -1;
	}
	printf("sent %ld bytes, then shutdown(SHUT_WR)\n", sent);
	read_reply(clnt_sd);
	close(clnt_sd);
	return 0;
}

int main(int argc, char *argv[])
{
	const char *mode = argc > 3 ? argv[3] : "close";
	struct sockaddr_in clnt_adr;
	socklen_t clnt_adr_sz = sizeof(clnt_adr);
	int serv_sd, clnt_sd, ret = 1;
	long size, sent;
	FILE *fp;

	if (argc < 3) {
		printf("Usage: %s <port> <file> [close|shutdown|protocol]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	fp = fopen(argv[2], "rb");
	if (fp == NULL || fseek(fp, 0, SEEK_END) == -1 || (size = ftell(fp)) == -1) {
		perror(argv[2]);
		exit(1);
	}
	rewind(fp);

	serv_sd = listen_on(argv[1]);
	clnt_sd = accept(serv_sd, (struct sockaddr *)&clnt_adr, &clnt_adr_sz);
	if (clnt_sd == -1) {
		perror("accept() error");
		goto out_close;
	}
	if ((strcmp(mode, "protocol") == 0 && send_header(clnt_sd, argv[2], size) == -1) ||
	    (sent = send_file(clnt_sd, fp)) == -1) {
		perror("write() error");
		close(clnt_sd);
		goto out_close;
	}
	ret = finish(clnt_sd, mode, sent) == 0 ? 0 : 1;
out_close:
	fclose(fp);
	close(serv_sd);
	return ret;
}
