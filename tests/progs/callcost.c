/*
 * callcost N: the time of one cheap socket call, N times: recv() with
 * MSG_DONTWAIT on an empty socket (it fails at once with EAGAIN). Traced,
 * the difference is what the tracer adds to each call. Prints ns per call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <time.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	struct timespec t0, t1;
	int sv[2];
	char c;

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (long i = 0; i < n; i++)
		recv(sv[0], &c, 1, MSG_DONTWAIT);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.1f\n", ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / n);
	return 0;
}
