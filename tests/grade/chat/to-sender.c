/*
 * Fault: every line goes back to its sender too (the course notes' first
 * chat server does this). Otherwise correct. and
 * closed when recv() returns 0 or -1, and SIGPIPE ignored.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX 256

static int clients[MAX], n;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void to_others(int from, const char *buf, ssize_t len)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < n; i++)
		if (from >= 0) /* forgot: clients[i] != from */
			send(clients[i], buf, len, 0);
	pthread_mutex_unlock(&lock);
}

static void drop(int fd)
{
	pthread_mutex_lock(&lock);
	for (int i = 0; i < n; i++)
		if (clients[i] == fd)
			clients[i] = clients[--n];
	pthread_mutex_unlock(&lock);
	close(fd);
}

static void *serve(void *arg)
{
	int fd = (int)(intptr_t)arg;
	char buf[1024];
	ssize_t len;

	while ((len = recv(fd, buf, sizeof(buf), 0)) > 0)
		to_others(fd, buf, len);
	drop(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET};
	int one = 1, lsock;
	pthread_t t;

	if (argc != 2)
		return 2;
	signal(SIGPIPE, SIG_IGN);
	lsock = socket(AF_INET, SOCK_STREAM, 0);
	addr.sin_port = htons(atoi(argv[1]));
	setsockopt(lsock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lsock, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(lsock, 64) < 0) {
		perror("bind/listen");
		return 1;
	}
	for (;;) {
		int c = accept(lsock, NULL, NULL);
		if (c < 0)
			continue;
		pthread_mutex_lock(&lock);
		if (n < MAX)
			clients[n++] = c;
		pthread_mutex_unlock(&lock);
		if (pthread_create(&t, NULL, serve, (void *)(intptr_t)c) != 0) {
			drop(c);
			continue;
		}
		pthread_detach(t);
	}
}
