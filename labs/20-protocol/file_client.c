/*
 * file_client IP PORT [peek|leftover|hash]
 *
 * An honest client of file_server (proto.h): it asks for the list of files
 * (CMD_GET_LIST), then for file 0 (CMD_GET_FILE), and prints what came.
 * Each reply is cut out of the stream as it was sent (끊어낸다): exactly 8
 * bytes of header, then exactly its size -- which the client checks too,
 * for the server is a peer as well.
 *
 * "peek": the first header goes in two pieces, 3 bytes, then the other 5
 * once a line is read from the standard input, so the server's MSG_PEEK
 * finds a header that is not all there.
 * "leftover": both requests in one send(): one segment, two messages.
 * "hash": file 0 and file 1, each checked against the SHA-256 that comes
 * before it (libcrypto, EVP_Digest).
 */
#include <arpa/inet.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "proto.h"

#define MAX_REPLY 65536

static void error_handling(const char *message)
{
	perror(message);
	exit(1);
}

static ssize_t recv_n(int sock, void *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t r = recv(sock, (char *)buf + got, n - got, 0);
		if (r <= 0)
			return r;
		got += r;
	}
	return n;
}

/* A request in bytes: the header, then the body, in out. Returns its length. */
static size_t request(char *out, uint32_t code, const void *body, uint32_t size)
{
	struct proto_header hdr = {htonl(code), htonl(size)};

	memcpy(out, &hdr, HEADER_SIZE);
	memcpy(out + HEADER_SIZE, body, size);
	return HEADER_SIZE + size;
}

static size_t get_file(char *out, uint32_t index)
{
	uint32_t net_index = htonl(index);

	return request(out, CMD_GET_FILE, &net_index, 4);
}

/* Reads one reply: its header, then its body into body. Returns the body's
 * size, or -1 (the connection ended, or the size is beyond belief). */
static long read_reply(int sock, uint32_t want, char *body)
{
	struct proto_header hdr;
	uint32_t code, size;

	if (recv_n(sock, &hdr, HEADER_SIZE) != HEADER_SIZE) {
		puts("the server closed the connection");
		return -1;
	}
	code = ntohl(hdr.code);
	size = ntohl(hdr.size);
	if (size > MAX_REPLY) { /* a client distrusts its peer too */
		printf("reply size %u is too long\n", size);
		return -1;
	}
	if (recv_n(sock, body, size) != (ssize_t)size)
		return -1;
	if (code != want) {
		printf("reply code %u, not %u\n", code, want);
		return -1;
	}
	return size;
}

/* Checks a CMD_BEGIN_FILE body: 32 bytes of SHA-256, then the file. */
static void verify(int index, const char *body, long size)
{
	unsigned char digest[EVP_MAX_MD_SIZE];
	unsigned int dlen = 0;
	char hex[65];

	if (size < 32 || !EVP_Digest(body + 32, size - 32, digest, &dlen, EVP_sha256(), NULL)) {
		printf("file %d: cannot check its hash\n", index);
		return;
	}
	for (int i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", digest[i]);
	if (memcmp(digest, body, 32) == 0)
		printf("file %d: %ld bytes, sha256 %s: ok\n", index, size - 32, hex);
	else
		printf("file %d: %ld bytes, sha256 %s: MISMATCH, the file is damaged; "
		       "discarded\n",
		       index, size - 32, hex);
}

int main(int argc, char *argv[])
{
	static char body[MAX_REPLY], out[64];
	struct sockaddr_in serv_addr;
	const char *mode = argc > 3 ? argv[3] : "";
	char line[16];
	size_t len;
	long size;
	int sock;

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [peek|leftover|hash]\n", argv[0]);
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

	len = request(out, CMD_GET_LIST, NULL, 0);
	if (strcmp(mode, "leftover") == 0) /* two requests, one send() */
		len += get_file(out + len, 0);
	if (strcmp(mode, "peek") == 0) {
		/* 3 bytes of the header now, the rest after a line of input. */
		if (send(sock, out, 3, 0) != 3)
			error_handling("send() error");
		puts("sent 3 bytes of the header");
		if (fgets(line, sizeof(line), stdin) == NULL)
			exit(1);
		if (send(sock, out + 3, len - 3, 0) != (ssize_t)(len - 3))
			error_handling("send() error");
		printf("sent the other %zu bytes\n", len - 3);
	} else if (send(sock, out, len, 0) != (ssize_t)len)
		error_handling("send() error");

	if ((size = read_reply(sock, CMD_SND_FILELIST, body)) < 0)
		exit(1);
	printf("list: %.*s", (int)size, body);
	if (strcmp(mode, "leftover") != 0) {
		len = get_file(out, 0);
		if (send(sock, out, len, 0) != (ssize_t)len)
			error_handling("send() error");
	}
	if ((size = read_reply(sock, CMD_BEGIN_FILE, body)) < 0)
		exit(1);
	if (strcmp(mode, "hash") != 0)
		printf("file 0: %ld bytes\n", size);
	else {
		verify(0, body, size);
		len = get_file(out, 1);
		if (send(sock, out, len, 0) != (ssize_t)len)
			error_handling("send() error");
		if ((size = read_reply(sock, CMD_BEGIN_FILE, body)) < 0)
			exit(1);
		verify(1, body, size);
	}
	close(sock);
	return 0;
}
