/*
 * addr_server ADDRESS PORT [reuseport]
 *
 * A server that greets each client and closes, bound to one address of the
 * host (127.0.0.1, say) or to all of them (ADDRESS "any": INADDR_ANY). For
 * each client it prints the address the client reached -- the accepted
 * socket's own address, from getsockname() -- and the client's, and
 * writes "hello from ADDRESS:PORT".
 *
 * A host has more than one address (윤 ch. 3, "multi-homed"): loopback
 * alone answers to all of 127.0.0.0/8. A server bound to 127.0.0.1 hears
 * nothing sent to 127.0.0.2: that SYN finds no socket, and the kernel
 * answers it with an RST (the client's ECONNREFUSED). INADDR_ANY takes
 * every address of the host.
 *
 * With "reuseport" it sets SO_REUSEPORT before bind(): two live servers
 * may then share the port (both must set it, and be the same user).
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

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr, clnt_addr, here;
	socklen_t clnt_addr_size, here_size;
	char message[128], here_str[INET_ADDRSTRLEN], clnt_str[INET_ADDRSTRLEN];
	int serv_sock, clnt_sock, option = 1;

	if (argc < 3) {
		printf("Usage: %s <address|any> <port> [reuseport]\n", argv[0]);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */

	serv_sock = socket(PF_INET, SOCK_STREAM, 0);
	if (serv_sock == -1)
		error_handling("socket() error");
	if (argc > 3 && strcmp(argv[3], "reuseport") == 0 &&
	    setsockopt(serv_sock, SOL_SOCKET, SO_REUSEPORT, &option, sizeof(option)) == -1)
		error_handling("setsockopt() error");

	memset(&serv_addr, 0, sizeof(serv_addr)); /* sin_zero too */
	serv_addr.sin_family = AF_INET;
	/* The lesson: one address, or any. htonl(INADDR_ANY) is 0.0.0.0. */
	if (strcmp(argv[1], "any") == 0)
		serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	else if (inet_pton(AF_INET, argv[1], &serv_addr.sin_addr) != 1) {
		printf("not an IPv4 address: %s\n", argv[1]);
		exit(1);
	}
	serv_addr.sin_port = htons(atoi(argv[2]));
	/* A second live server on the same address and port fails here with
	 * EADDRINUSE, SO_REUSEADDR or not; SO_REUSEPORT on both lets it in. */
	if (bind(serv_sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1)
		error_handling("bind() error");
	if (listen(serv_sock, 5) == -1)
		error_handling("listen() error");
	printf("listening on %s:%s\n", argv[1], argv[2]);

	for (;;) {
		clnt_addr_size = sizeof(clnt_addr);
		clnt_sock = accept(serv_sock, (struct sockaddr *)&clnt_addr, &clnt_addr_size);
		if (clnt_sock == -1)
			error_handling("accept() error");
		/* Bound to INADDR_ANY, the listening socket has no address of
		 * its own; each connection has the one its client asked for. */
		here_size = sizeof(here);
		if (getsockname(clnt_sock, (struct sockaddr *)&here, &here_size) == -1)
			error_handling("getsockname() error");
		inet_ntop(AF_INET, &here.sin_addr, here_str, sizeof(here_str));
		inet_ntop(AF_INET, &clnt_addr.sin_addr, clnt_str, sizeof(clnt_str));
		printf("accepted %s:%d on %s:%d\n", clnt_str, ntohs(clnt_addr.sin_port), here_str,
		       ntohs(here.sin_port));
		snprintf(message, sizeof(message), "hello from %s:%d\n", here_str,
			 ntohs(here.sin_port));
		if (write(clnt_sock, message, strlen(message)) == -1)
			perror("write() error");
		close(clnt_sock);
	}
	return 0;
}
