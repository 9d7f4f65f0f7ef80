/*
 * many_clients N IP PORT
 *
 * A class of N echo clients in one program: all N connect, and stay
 * connected; then each sends one line, and all wait for their echoes
 * together; then all close. It prints how many were echoed exactly, and
 * exits 0 when all were.
 *
 * One program rather than N, so that a hundred clients do not need a
 * hundred processes; it waits on its sockets with poll(), select()'s
 * sibling without FD_SETSIZE.
 */
#include <arpa/inet.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 1000
#define ECHO_MAX    64
#define TIMEOUT_MS  20000 /* generous: the machine may be loaded */

struct client {
	int sock;
	char line[ECHO_MAX];
	size_t len, got;
	char echo[ECHO_MAX];
};

static struct client clients[MAX_CLIENTS];
static struct pollfd fds[MAX_CLIENTS];

static int connect_all(int n, const struct sockaddr_in *addr)
{
	for (int i = 0; i < n; i++) {
		clients[i].sock = socket(PF_INET, SOCK_STREAM, 0);
		if (clients[i].sock == -1) {
			perror("socket() error");
			return -1;
		}
		if (connect(clients[i].sock, (const struct sockaddr *)addr, sizeof(*addr)) == -1) {
			perror("connect() error");
			return -1;
		}
	}
	printf("%d clients connected\n", n);
	return 0;
}

static int send_all(int n)
{
	for (int i = 0; i < n; i++) {
		struct client *c = &clients[i];
		c->len = (size_t)snprintf(c->line, ECHO_MAX, "hello from client %d\n", i + 1);
		if (write(c->sock, c->line, c->len) != (ssize_t)c->len) {
			perror("write() error");
			return -1;
		}
	}
	return 0;
}

/* Reads what has come back to client i; false when its server closed. */
static int read_echo(struct client *c)
{
	ssize_t r = read(c->sock, c->echo + c->got, c->len - c->got);

	if (r <= 0)
		return 0;
	c->got += (size_t)r;
	return 1;
}

/* Waits until every client has its whole echo back, or the time runs
 * out. Returns how many got exactly what they sent. */
static int await_echoes(int n)
{
	int waiting = n, exact = 0;

	for (int i = 0; i < n; i++)
		fds[i] = (struct pollfd){.fd = clients[i].sock, .events = POLLIN};
	while (waiting > 0 && poll(fds, (nfds_t)n, TIMEOUT_MS) > 0) {
		for (int i = 0; i < n; i++) {
			if (!fds[i].revents)
				continue;
			if (!read_echo(&clients[i]) || clients[i].got == clients[i].len) {
				fds[i].fd = -1; /* done with this one: poll() skips it */
				waiting--;
			}
		}
	}
	for (int i = 0; i < n; i++)
		exact += clients[i].got == clients[i].len &&
			 memcmp(clients[i].line, clients[i].echo, clients[i].len) == 0;
	return exact;
}

int main(int argc, char *argv[])
{
	struct sockaddr_in serv_addr;
	int n, exact;

	if (argc != 4 || (n = atoi(argv[1])) < 1 || n > MAX_CLIENTS) {
		printf("Usage: %s <clients, 1 to %d> <IP> <port>\n", argv[0], MAX_CLIENTS);
		exit(1);
	}
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = inet_addr(argv[2]);
	serv_addr.sin_port = htons(atoi(argv[3]));

	if (connect_all(n, &serv_addr) == -1 || send_all(n) == -1)
		exit(1);
	exact = await_echoes(n);
	printf("%d of %d clients echoed exactly\n", exact, n);
	for (int i = 0; i < n; i++)
		close(clients[i].sock);
	return exact == n ? 0 : 1;
}
