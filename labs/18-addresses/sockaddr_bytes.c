/*
 * sockaddr_bytes PORT
 *
 * What bind() is given: a pointer to 16 bytes and their length. It prints
 * the 16 bytes of a struct sockaddr_in for 127.0.0.1:PORT (family, port in
 * network byte order, the address, sin_zero), then calls bind() three
 * times, each on a new socket:
 *
 *   1. with sizeof(&serv_addr) -- the size of a pointer, 8 -- for the
 *      length: the kernel will not read past 8 bytes, and says EINVAL;
 *   2. with sin_family AF_INET6 on an AF_INET socket: EAFNOSUPPORT;
 *   3. as it should be: 0.
 *
 * bind() takes a struct sockaddr *, the "generic address" (004): the cast
 * changes nothing in the bytes; the family field says how to read them.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void error_handling(const char *message)
{
	perror(message);
	exit(1);
}

static void show_bytes(const char *what, const void *p, size_t len)
{
	const unsigned char *b = p;

	printf("%s:", what);
	for (size_t i = 0; i < len; i++)
		printf(" %02x", b[i]);
	printf("\n");
}

/* bind() on a new socket with these bytes and this length; prints what
 * happened. */
static void try_bind(const char *what, const struct sockaddr_in *addr, socklen_t len)
{
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1)
		error_handling("socket() error");
	show_bytes("bytes", addr, sizeof(*addr));
	if (bind(sock, (const struct sockaddr *)addr, len) == -1)
		printf("%s: bind(len %u) error: %m\n", what, (unsigned)len);
	else
		printf("%s: bind(len %u) = 0\n", what, (unsigned)len);
	close(sock);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr, wrong_family;

	if (argc != 2) {
		printf("Usage: %s <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	memset(&serv_addr, 0, sizeof(serv_addr)); /* "0으로 깔아놔야 된다": sin_zero */
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr("127.0.0.1");
	serv_addr.sin_port = htons(atoi(argv[1]));
	printf("sizeof(struct sockaddr_in) = %zu, sizeof(&serv_addr) = %zu\n", sizeof(serv_addr),
	       sizeof(&serv_addr));

	/* A classic slip: the size of the pointer, not of the structure. */
	try_bind("wrong length", &serv_addr, sizeof(&serv_addr));

	wrong_family = serv_addr;
	wrong_family.sin_family = AF_INET6;
	try_bind("wrong family", &wrong_family, sizeof(wrong_family));

	try_bind("right", &serv_addr, sizeof(serv_addr));
	return 0;
}
