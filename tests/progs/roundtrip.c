/*
 * roundtrip ROUNDS: a loopback TCP ping-pong between two processes, 32-byte
 * messages with TCP_NODELAY. Prints the time the ROUNDS round trips took,
 * in nanoseconds (the set-up is not counted). For `make bench`.
 */
#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MSG 32

static void exactly(int fd, char *buf, int in)
{
	size_t done = 0;

	while (done < MSG) {
		ssize_t n = in ? recv(fd, buf + done, MSG - done, 0)
			       : send(fd, buf + done, MSG - done, 0);
		if (n <= 0)
			exit(1);
		done += (size_t)n;
	}
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 20000, one = 1, ls, fd;
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	struct timespec t0, t1;
	char buf[MSG] = {0};

	ls = socket(AF_INET, SOCK_STREAM, 0);
	if (bind(ls, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(ls, 1) < 0 ||
	    getsockname(ls, (struct sockaddr *)&a, &len) < 0)
		return 1;
	if (fork() == 0) {
		fd = socket(AF_INET, SOCK_STREAM, 0);
		if (connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0)
			return 1;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		for (int i = 0; i < rounds; i++) {
			exactly(fd, buf, 1);
			exactly(fd, buf, 0);
		}
		return 0;
	}
	fd = accept(ls, NULL, NULL);
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (int i = 0; i < rounds; i++) {
		exactly(fd, buf, 0);
		exactly(fd, buf, 1);
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	wait(NULL);
	printf("%lld\n",
	       (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec));
	return 0;
}
