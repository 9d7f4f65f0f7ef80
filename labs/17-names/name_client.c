/*
 * name_client NAME PORT [once | again] [gethostbyname]
 *
 * A client that finds its server by name, as 윤 chapter 8 asks: NAME is
 * turned into an address by the resolver (getaddrinfo(), or with
 * "gethostbyname" the older gethostbyname()), which asks the name server
 * of /etc/resolv.conf. Then, for each line its user types (Enter), it
 * connects, prints the server's greeting and closes.
 *
 * Naive ("once", the default), it looks the name up once, at the start,
 * and keeps the address for every connection after. With "again" it
 * looks the name up before
 * each connection: when the server moves and its record changes, the
 * same program follows it.
 */
#include <arpa/inet.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 256

static int use_gethostbyname;

/* The address of name, into addr (port given). 0, or -1 (said why). */
static int resolve(const char *name, const char *port, struct sockaddr_in *addr)
{
	struct addrinfo hints, *res;
	struct hostent *host;
	int err;

	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	addr->sin_port = htons(atoi(port));
	if (use_gethostbyname) {
		host = gethostbyname(name);
		if (!host) {
			printf("gethostbyname(%s) error: %s\n", name, hstrerror(h_errno));
			return -1;
		}
		memcpy(&addr->sin_addr, host->h_addr_list[0], sizeof(addr->sin_addr));
	} else {
		/* IPv4 only: the lab's network has no IPv6, and one question
		 * (type A) reads better on the ladder than two. */
		memset(&hints, 0, sizeof(hints));
		hints.ai_family = AF_INET;
		hints.ai_socktype = SOCK_STREAM;
		err = getaddrinfo(name, port, &hints, &res);
		if (err != 0) {
			printf("getaddrinfo(%s) error: %s\n", name, gai_strerror(err));
			return -1;
		}
		memcpy(addr, res->ai_addr, sizeof(*addr));
		freeaddrinfo(res);
	}
	printf("%s is %s\n", name, inet_ntoa(addr->sin_addr));
	return 0;
}

/* One connection: connect, print the greeting, close. */
static void visit(const struct sockaddr_in *addr)
{
	char message[BUF_SIZE];
	ssize_t n;
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	if (connect(sock, (const struct sockaddr *)addr, sizeof(*addr)) == -1) {
		perror("connect() error");
		close(sock);
		return;
	}
	n = read(sock, message, sizeof(message) - 1);
	if (n > 0) {
		message[n] = '\0';
		printf("server says: %s", message);
	}
	close(sock);
}

int main(int argc, char *argv[])
{
	struct sockaddr_in addr;
	char line[BUF_SIZE];
	int again = 0;

	if (argc < 3) {
		printf("Usage: %s <name> <port> [once|again] [gethostbyname]\n", argv[0]);
		exit(1);
	}
	for (int i = 3; i < argc; i++) {
		again |= strcmp(argv[i], "again") == 0;
		use_gethostbyname |= strcmp(argv[i], "gethostbyname") == 0;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* Naive: the address found at the start, kept however old it gets. */
	if (!again && resolve(argv[1], argv[2], &addr) < 0)
		exit(1);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		if (again && resolve(argv[1], argv[2], &addr) < 0)
			continue;
		visit(&addr);
	}
	return 0;
}
