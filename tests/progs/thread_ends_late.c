/*
 * thread_ends_late: a thread that does something after its blocked call
 * returned. The second thread reads stdin until it ends; then it naps
 * 300 ms and makes one socket (a call the tracer records) before it ends.
 * The main thread waits for ever. Between the read() returning and the
 * socket() there is a moment when no thread is blocked in read() and the
 * last call is not made yet: what scenario_wait_threads() waits past.
 */
#include <pthread.h>
#include <stdio.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static void *reader(void *arg)
{
	struct timespec nap = {0, 300 * 1000 * 1000};
	char c;
	int fd;

	(void)arg;
	while (read(STDIN_FILENO, &c, 1) > 0)
		;
	nanosleep(&nap, NULL);
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	if (fd >= 0)
		close(fd);
	return NULL;
}

int main(void)
{
	pthread_t t;

	if (pthread_create(&t, NULL, reader, NULL) != 0) {
		fprintf(stderr, "pthread_create() failed\n");
		return 1;
	}
	for (;;)
		pause();
}
