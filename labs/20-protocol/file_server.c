/*
 * file_server PORT [fix|peek|leftover|hash]
 *
 * 001's file service with a protocol (proto.h): a client asks for the
 * list of files (CMD_GET_LIST) or for one of them (CMD_GET_FILE), each
 * request a header -- a code and a size -- then a body of that size. The
 * server serves one client at a time, in an event loop on its requests,
 * as 001's does: recv() the header, switch on the code.
 *
 * Naive (the default), it believes the size. A client that says its body
 * is 4294967040 bytes and sends 4 gets a server that waits for the rest:
 * blocked in recv(), it serves nobody else -- a lie of 4 bytes in a
 * header stops the service. "클라이언트 중엔 악의 가진 사람": the peer's
 * word is input, and input is checked.
 *
 * With "fix", each header is checked before the body is read: a code that
 * is not a request, or a size over MAX_BODY, is answered with CMD_ERROR
 * and the connection is closed.
 *
 * With "peek", the header is looked at with MSG_PEEK before it is taken:
 * recv() then returns what is there and leaves it there.
 *
 * With "leftover", it reads with large recv()s into a buffer of its own,
 * cuts each message out of it, and keeps what is left of the buffer for
 * the next message (000: "그 200바이트 ... 자기가 관리를 해야되요").
 *
 * With "hash", each file is sent with its SHA-256 (libcrypto) before its
 * bytes; the second file is damaged after its hash was made, as a bad disk
 * or a wrong copy would, so the client's check has something to catch.
 */
#include <arpa/inet.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "proto.h"

#define NFILES	  2
#define FILE_SIZE 3000
#define BUF_SIZE  8192

static const char *names[NFILES] = {"notes.txt", "data.bin"};
static char files[NFILES][FILE_SIZE];
static int mode_fix, mode_peek, mode_leftover, mode_hash;

static void error_handling(const char *message)
{
	perror(message);
	exit(1);
}

/* Receives exactly n bytes. Returns n, 0 if the peer closed first, or -1. */
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

/* Sends a header and its body in one send() (001: "두 헤더를 한 메모리에
 * 묶어서 전송!"). Returns 0, or -1. */
static int send_message(int sock, uint32_t code, const void *body, uint32_t size)
{
	static char out[HEADER_SIZE + 32 + BUF_SIZE];
	struct proto_header hdr = {htonl(code), htonl(size)};

	if (size > sizeof(out) - HEADER_SIZE)
		return -1;
	memcpy(out, &hdr, HEADER_SIZE);
	memcpy(out + HEADER_SIZE, body, size);
	return send(sock, out, HEADER_SIZE + size, 0) == (ssize_t)(HEADER_SIZE + size) ? 0 : -1;
}

static int send_error(int sock, uint32_t err, const char *text)
{
	char body[128];
	uint32_t net_err = htonl(err);

	memcpy(body, &net_err, 4);
	snprintf(body + 4, sizeof(body) - 4, "%s", text);
	return send_message(sock, CMD_ERROR, body, 4 + strlen(body + 4));
}

static int send_list(int sock)
{
	char body[256];
	int len = 0;

	for (int i = 0; i < NFILES; i++)
		len += snprintf(body + len, sizeof(body) - len, "%d %s\n", i, names[i]);
	printf("sent the list of %d files\n", NFILES);
	return send_message(sock, CMD_SND_FILELIST, body, len);
}

/* CMD_BEGIN_FILE: the file, after its SHA-256 with "hash". */
static int send_file(int sock, uint32_t index)
{
	char body[32 + FILE_SIZE];
	unsigned int dlen = 0;
	int off = 0;

	if (index >= NFILES)
		return send_error(sock, ERR_BAD_INDEX, "no such file");
	if (mode_hash) {
		if (!EVP_Digest(files[index], FILE_SIZE, (unsigned char *)body, &dlen, EVP_sha256(),
				NULL))
			return -1;
		off = 32;
	}
	memcpy(body + off, files[index], FILE_SIZE);
	if (mode_hash && index == 1) {
		body[off + 1000] ^= 0x01; /* damaged after the hash was made */
		printf("file 1: one bit of byte 1000 changed after its hash was made\n");
	}
	printf("sent file %u (%s): %d bytes%s\n", index, names[index], FILE_SIZE,
	       mode_hash ? " after its SHA-256" : "");
	return send_message(sock, CMD_BEGIN_FILE, body, off + FILE_SIZE);
}

/* Reads a body of size bytes, as the header says, keeping what fits in
 * body (cap bytes) and reading the rest into skip, to throw it away. */
static int read_body(int sock, char *body, size_t cap, uint32_t size)
{
	static char skip[BUF_SIZE];
	uint32_t got = 0;

	printf("reading a body of %u bytes\n", size);
	/* Naive, size is believed: the loop waits until every byte of it has
	 * come -- 4294967040 of them, if the header says so. */
	while (got < size) {
		char *to = got < cap ? body + got : skip;
		size_t room = got < cap ? cap - got : sizeof(skip);
		size_t want = size - got < room ? size - got : room;
		ssize_t r = recv(sock, to, want, 0);
		if (r <= 0)
			return -1;
		got += r;
	}
	return 0;
}

/* --fix: the header is input. Returns 0, or the error to answer. */
static uint32_t check_header(uint32_t code, uint32_t size)
{
	if (code != CMD_GET_LIST && code != CMD_GET_FILE)
		return ERR_BAD_CODE;
	if (size > MAX_BODY)
		return ERR_TOO_LONG;
	return 0;
}

/* One request, its header read. Returns 0 to go on, -1 to close. */
static int handle(int sock, uint32_t code, const char *body, uint32_t size)
{
	uint32_t index;

	switch (code) {
	case CMD_GET_LIST:
		return send_list(sock);
	case CMD_GET_FILE:
		if (size < 4)
			return send_error(sock, ERR_BAD_INDEX, "no index");
		memcpy(&index, body, 4);
		return send_file(sock, ntohl(index));
	default:
		printf("code %u is no request: ignored\n", code);
		return 0;
	}
}

/* MSG_PEEK: recv() copies what is in the socket's buffer and leaves it
 * there. With MSG_WAITALL it waits until all 8 bytes are in. */
static int peek_header(int sock)
{
	struct proto_header hdr;
	ssize_t n = recv(sock, &hdr, HEADER_SIZE, MSG_PEEK);

	if (n <= 0)
		return -1;
	printf("peek: %zd of %d header bytes are in, and stay in the buffer\n", n, HEADER_SIZE);
	if (n == HEADER_SIZE)
		return 0;
	n = recv(sock, &hdr, HEADER_SIZE, MSG_PEEK);
	if (n <= 0)
		return -1;
	printf("peek again: the same %zd bytes\n", n);
	n = recv(sock, &hdr, HEADER_SIZE, MSG_PEEK | MSG_WAITALL);
	if (n != HEADER_SIZE)
		return -1;
	printf("peek with MSG_WAITALL: all %zd bytes: code %u, size %u\n", n, ntohl(hdr.code),
	       ntohl(hdr.size));
	return 0;
}

/* The event loop of 001: a header, then what its code says. */
static void serve(int sock)
{
	static char body[MAX_BODY];
	struct proto_header hdr;
	uint32_t code, size, err;

	for (;;) {
		if (mode_peek && peek_header(sock) < 0)
			return;
		if (recv_n(sock, &hdr, HEADER_SIZE) != HEADER_SIZE)
			return;
		code = ntohl(hdr.code);
		size = ntohl(hdr.size);
		printf("request: code %u, size %u\n", code, size);
		if (mode_fix && (err = check_header(code, size)) != 0) {
			/* The lesson: refuse, say why, and close. */
			if (send_error(sock, err,
				       err == ERR_BAD_CODE ? "not a request" : "too long") == -1)
				perror("send() error");
			printf("refused: %s; closing the connection\n",
			       err == ERR_BAD_CODE ? "not a request" : "size over 4096");
			return;
		}
		if (read_body(sock, body, sizeof(body), size) < 0 ||
		    handle(sock, code, body, size) < 0)
			return;
	}
}

/* "leftover": large recv()s into inbuf; each whole message is cut out of
 * it (끊어낸다), and the bytes after it stay for the next one. */
static void serve_buffered(int sock)
{
	static char inbuf[BUF_SIZE];
	size_t have = 0, len;
	struct proto_header hdr;
	uint32_t code, size;
	ssize_t r;

	for (;;) {
		while (have >= HEADER_SIZE) { /* every whole message in the buffer */
			memcpy(&hdr, inbuf, HEADER_SIZE);
			code = ntohl(hdr.code);
			size = ntohl(hdr.size);
			if (check_header(code, size) != 0) { /* it must fit in inbuf */
				printf("bad header; closing the connection\n");
				return;
			}
			len = HEADER_SIZE + size;
			if (have < len)
				break;
			printf("message: code %u, size %u, cut from %zu bytes in the buffer\n",
			       code, size, have);
			if (handle(sock, code, inbuf + HEADER_SIZE, size) < 0)
				return;
			/* The lesson: what follows this message is the next one's. */
			memmove(inbuf, inbuf + len, have - len);
			have -= len;
			if (have > 0)
				printf("%zu bytes left over: kept for the next message\n", have);
		}
		r = recv(sock, inbuf + have, sizeof(inbuf) - have, 0);
		if (r <= 0)
			return;
		have += r;
		printf("recv() returned %zd bytes\n", r);
	}
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr, clnt_addr;
	socklen_t clnt_addr_size;
	int serv_sock, clnt_sock, option = 1;
	const char *mode = argc > 2 ? argv[2] : "";

	if (argc < 2) {
		printf("Usage: %s <port> [fix|peek|leftover|hash]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	mode_fix = strcmp(mode, "fix") == 0;
	mode_peek = strcmp(mode, "peek") == 0;
	mode_leftover = strcmp(mode, "leftover") == 0;
	mode_hash = strcmp(mode, "hash") == 0;
	for (int i = 0; i < NFILES; i++)
		for (int j = 0; j < FILE_SIZE; j++)
			files[i][j] = i == 0 ? "socket programming\n"[j % 19] : (char)(j * 7 + 3);

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1)
		error_handling("socket() error");
	if (setsockopt(serv_sock, SOL_SOCKET, SO_REUSEADDR, &option, sizeof(option)) == -1)
		error_handling("setsockopt() error");
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(argv[1]));
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1)
		error_handling("bind() error");
	if (listen(serv_sock, 5) == -1)
		error_handling("listen() error");
	printf("listening on port %s\n", argv[1]);

	for (;;) { /* one client at a time: a stuck one stops them all */
		clnt_addr_size = sizeof(clnt_addr);
		clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &clnt_addr_size);
		if (clnt_sock == -1)
			error_handling("accept() error");
		printf("client %s:%d connected\n", inet_ntoa(clnt_addr.sin_addr),
		       ntohs(clnt_addr.sin_port));
		if (mode_leftover)
			serve_buffered(clnt_sock);
		else
			serve(clnt_sock);
		close(clnt_sock);
		printf("client done\n");
	}
	return 0;
}
