/*
 * addr6_server PORT [v6only]
 *
 * An IPv6 server (16-byte addresses, 윤 ch. 3) bound to in6addr_any, "::".
 * By default on Linux such a socket is dual-stack: it also takes IPv4
 * clients, whose addresses it sees mapped into IPv6 as ::ffff:a.b.c.d
 * (127.0.0.1 is ::ffff:127.0.0.1). On the wire they are still IPv4.
 *
 * With "v6only" it sets IPV6_V6ONLY to 1 before bind(): IPv6 only, and an
 * IPv4 client is refused. Either way it sets the option explicitly, since
 * the default comes from /proc/sys/net/ipv6/bindv6only.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
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

int main(int argc, char *argv[])
{
	struct sockaddr_in6 serv_addr, clnt_addr;
	socklen_t clnt_addr_size;
	char clnt_str[INET6_ADDRSTRLEN], message[128];
	int serv_sock, clnt_sock, v6only, option = 1;

	if (argc < 2) {
		printf("Usage: %s <port> [v6only]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	v6only = argc > 2 && strcmp(argv[2], "v6only") == 0;

	serv_sock = socket(PF_INET6, SOCK_STREAM, 0);
	if (serv_sock == -1)
		error_handling("socket() error");
	/* The lesson: 0, one socket for both families; 1, IPv6 alone. */
	if (setsockopt(serv_sock, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, sizeof(v6only)) == -1)
		error_handling("setsockopt(IPV6_V6ONLY) error");
	if (setsockopt(serv_sock, SOL_SOCKET, SO_REUSEADDR, &option, sizeof(option)) == -1)
		error_handling("setsockopt(SO_REUSEADDR) error");
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin6_family = AF_INET6;
	serv_addr.sin6_addr = in6addr_any;
	serv_addr.sin6_port = htons(atoi(argv[1]));
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1)
		error_handling("bind() error");
	if (listen(serv_sock, 5) == -1)
		error_handling("listen() error");
	printf("listening on [::]:%s, IPV6_V6ONLY %d\n", argv[1], v6only);

	for (;;) {
		clnt_addr_size = sizeof(clnt_addr);
		clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &clnt_addr_size);
		if (clnt_sock == -1)
			error_handling("accept() error");
		inet_ntop(AF_INET6, &clnt_addr.sin6_addr, clnt_str, sizeof(clnt_str));
		printf("accepted [%s]:%d\n", clnt_str, ntohs(clnt_addr.sin6_port));
		snprintf(message, sizeof(message), "hello, [%s]\n", clnt_str);
		if (write(clnt_sock, message, strlen(message)) == -1)
			perror("write() error");
		close(clnt_sock);
	}
	return 0;
}
