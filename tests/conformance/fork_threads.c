/*
 * fork_threads: three threads talk over socketpairs while one of them
 * forks; the child (a copy of a threaded process) uses sockets too. The
 * tracer must give the child its own pid and keep every thread's calls.
 * Only async-signal-safe calls in the child, as POSIX requires.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#define ROUNDS 200

static pid_t child;

static int round_trips(void)
{
	int sv[2], done = 0;
	char buf[8];

	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0)
		return -1;
	for (int i = 0; i < ROUNDS; i++) {
		if (send(sv[0], "ping", 4, 0) == 4 && recv(sv[1], buf, sizeof(buf), 0) == 4)
			done++;
	}
	close(sv[0]);
	close(sv[1]);
	return done;
}

static void *worker(void *arg)
{
	long id = (long)arg;
	int done = round_trips();

	if (id == 1) {
		child = fork();
		if (child == 0) {
			int ok = round_trips() == ROUNDS;
			const char *msg = ok ? "child: round trips ok\n" : "child: FAILED\n";
			if (write(1, msg, strlen(msg)) < 0)
				_exit(2);
			_exit(ok ? 0 : 1);
		}
	}
	return (void *)(long)done;
}

int main(void)
{
	pthread_t t[3];
	void *done[3];
	int status;

	setvbuf(stdout, NULL, _IONBF, 0);
	for (long i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, worker, (void *)i);
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], &done[i]);
	waitpid(child, &status, 0);
	for (int i = 0; i < 3; i++)
		printf("thread %d: %ld round trips\n", i, (long)done[i]);
	printf("child exit status: %d\n", WEXITSTATUS(status));
	return 0;
}
