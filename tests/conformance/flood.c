/*
 * flood THREADS CALLS: each thread makes CALLS getsockname() calls as fast
 * as it can -- far faster than any collector can record them. The tracer
 * must drop what does not fit, count every drop, and never slow the
 * program down to wait. Prints the total number of calls made.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static int calls;

static void *hammer(void *arg)
{
	struct sockaddr_storage ss;
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	(void)arg;
	for (int i = 0; i < calls; i++) {
		socklen_t len = sizeof(ss);
		getsockname(fd, (struct sockaddr *)&ss, &len);
	}
	close(fd);
	return NULL;
}

int main(int argc, char **argv)
{
	int threads = argc > 1 ? atoi(argv[1]) : 4;
	pthread_t t[64];

	calls = argc > 2 ? atoi(argv[2]) : 100000;
	if (threads < 1 || threads > 64)
		return 2;
	for (int i = 0; i < threads; i++)
		pthread_create(&t[i], NULL, hammer, NULL);
	for (int i = 0; i < threads; i++)
		pthread_join(t[i], NULL);
	printf("%d\n", threads * calls);
	return 0;
}
