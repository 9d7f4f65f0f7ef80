/*
 * convert PORT
 *
 * Two ways to turn dotted text into the 4 bytes of an address (윤 ch. 3),
 * and when a UDP socket gets its own address (윤 ch. 6).
 *
 * inet_addr() returns the address, or INADDR_NONE (0xffffffff) when the
 * text is not one. But 255.255.255.255 is an address -- the broadcast
 * address -- and its value is INADDR_NONE too: the caller cannot tell it
 * from an error. inet_pton() returns the answer apart from the address:
 * 1 converted, 0 not an address (-1 an unknown family).
 *
 * Then a UDP socket: getsockname() before its first sendto() says
 * 0.0.0.0:0; sendto() binds it to a free port ("sendto 함수가 처음 호출되는
 * 시점에 ... 자동으로 할당"). It sends one datagram to 127.0.0.1:PORT.
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

static void convert(const char *text)
{
	in_addr_t a = inet_addr(text);
	struct in_addr b;
	int ret = inet_pton(AF_INET, text, &b);

	printf("inet_addr(\"%s\") = 0x%08x%s\n", text, (unsigned)ntohl(a),
	       a == INADDR_NONE ? " == INADDR_NONE" : "");
	printf("inet_pton(\"%s\") = %d%s\n", text, ret, ret == 1 ? "" : " (not an address)");
}

static void show_name(int sock, const char *when)
{
	struct sockaddr_in addr;
	socklen_t len = sizeof(addr);
	char str[INET_ADDRSTRLEN];

	if (getsockname(sock, (struct sockaddr *)&addr, &len) == -1)
		error_handling("getsockname() error");
	inet_ntop(AF_INET, &addr.sin_addr, str, sizeof(str));
	printf("%s: my address is %s:%d\n", when, str, ntohs(addr.sin_port));
}

int main(int argc, char *argv[])
{
	struct sockaddr_in to;
	int sock;

	if (argc != 2) {
		printf("Usage: %s <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	convert("127.0.0.1");
	convert("255.255.255.255"); /* an address, and INADDR_NONE */
	convert("256.1.1.1");	    /* not an address, and INADDR_NONE too */

	sock = socket(PF_INET, SOCK_DGRAM, 0);
	if (sock == -1)
		error_handling("socket() error");
	show_name(sock, "before sendto()");
	memset(&to, 0, sizeof(to));
	to.sin_family = AF_INET;
	if (inet_pton(AF_INET, "127.0.0.1", &to.sin_addr) != 1)
		error_handling("inet_pton() error");
	to.sin_port = htons(atoi(argv[1]));
	if (sendto(sock, "hi", 2, 0, (struct sockaddr *)&to, sizeof(to)) == -1)
		error_handling("sendto() error");
	/* Bound now: a port, but no address -- an unconnected UDP socket
	 * keeps 0.0.0.0 and picks the source address per datagram. */
	show_name(sock, "after sendto()");
	close(sock);
	return 0;
}
