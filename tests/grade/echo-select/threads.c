/*
 * A concurrent echo server with a thread per client, each given its
 * socket by value: correct, but not what echo-select asks for (one
 * process, one thread).
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static void *serve(void *arg)
{
	int fd = (int)(intptr_t)arg;
	char buf[4096];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) > 0)
		if (write(fd, buf, n) != n)
			break;
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET};
	int one = 1, lsock;
	pthread_t t;

	if (argc != 2)
		return 2;
	lsock = socket(AF_INET, SOCK_STREAM, 0);
	addr.sin_port = htons(atoi(argv[1]));
	setsockopt(lsock, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lsock, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(lsock, 128) < 0) {
		perror("bind/listen");
		return 1;
	}
	for (;;) {
		int c = accept(lsock, NULL, NULL);
		if (c < 0)
			continue;
		if (pthread_create(&t, NULL, serve, (void *)(intptr_t)c) != 0) {
			close(c);
			continue;
		}
		pthread_detach(t);
	}
}
