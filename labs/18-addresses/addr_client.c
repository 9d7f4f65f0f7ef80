/*
 * addr_client ADDRESS PORT
 *
 * The echo client's start (윤 ch. 4), with getsockname() around connect():
 * the client never calls bind(), yet its socket has an address and a port
 * once it is connected. Before connect(), getsockname() says 0.0.0.0:0;
 * after, the kernel has picked the host's address toward ADDRESS and a free
 * port ("커넥트에서 자동으로 바인드를 해준다"). Then it prints what the
 * server says, or connect()'s error.
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

/* Prints the socket's own address, after when. */
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
	struct sockaddr_in serv_addr;
	char message[128];
	ssize_t str_len;
	int sock;

	if (argc != 3) {
		printf("Usage: %s <address> <port>\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	sock = socket(PF_INET, SOCK_STREAM, 0);
	if (sock == -1)
		error_handling("socket() error");
	show_name(sock, "before connect()");

	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(argv[1]);
	serv_addr.sin_port = htons(atoi(argv[2]));
	if (connect(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1)
		error_handling("connect() error"); /* nobody listens there: ECONNREFUSED */
	show_name(sock, "after connect()");

	str_len = read(sock, message, sizeof(message) - 1);
	if (str_len == -1)
		error_handling("read() error");
	message[str_len] = '\0';
	printf("Message from server: %s", message);
	close(sock);
	return 0;
}
