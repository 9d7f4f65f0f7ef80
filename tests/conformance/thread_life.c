/*
 * thread_life: two threads, one that returns from its start routine and
 * one that calls pthread_exit(), each with a socket call, their results
 * joined. The tracer announces each thread (its tid, who made it) and its
 * end, and changes nothing the program sees: the arguments and the
 * values returned come through as they were.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/socket.h>
#include <unistd.h>

static void *returns(void *arg)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	close(fd);
	return (void *)((intptr_t)arg * 2);
}

static void *exits(void *arg)
{
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	close(fd);
	pthread_exit((void *)((intptr_t)arg + 1));
}

int main(void)
{
	pthread_t a, b;
	void *ra, *rb;

	setvbuf(stdout, NULL, _IONBF, 0);
	if (pthread_create(&a, NULL, returns, (void *)21) != 0 ||
	    pthread_create(&b, NULL, exits, (void *)41) != 0)
		return 1;
	if (pthread_join(a, &ra) != 0 || pthread_join(b, &rb) != 0)
		return 1;
	printf("returned %ld and %ld\n", (long)(intptr_t)ra, (long)(intptr_t)rb);
	return 0;
}
