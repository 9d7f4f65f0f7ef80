/*
 * A hostile submission (echo-fork): before it serves as a correct
 * concurrent echo server, it tries to take every core of the machine from
 * the classmates graded beside it -- four children in a busy loop for
 * 1.5 s -- and prints how much CPU time they got:
 *
 *   hog: 4 busy children used 1.49 s of CPU in 1.50 s (0.99 cores)
 *
 * With the sandbox's cpu controller (one core) that is at most about one
 * core, however many the machine has. tests/cmd/grade_files.sh grades it
 * beside a classmate and checks both.
 */
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HOGS 4

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void hog(void)
{
	pid_t kids[HOGS];
	double start = now(), cpu;
	struct rusage ru;

	for (int i = 0; i < HOGS; i++)
		if ((kids[i] = fork()) == 0)
			for (volatile unsigned long x = 0;; x++)
				;
	while (now() - start < 1.5)
		usleep(10000);
	for (int i = 0; i < HOGS; i++)
		if (kids[i] > 0) {
			kill(kids[i], SIGKILL);
			waitpid(kids[i], NULL, 0);
		}
	getrusage(RUSAGE_CHILDREN, &ru);
	cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	      (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	printf("hog: %d busy children used %.2f s of CPU in %.2f s (%.2f cores)\n", HOGS, cpu,
	       now() - start, cpu / (now() - start));
	fflush(stdout);
}

static void reap(int sig)
{
	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}

static void echo(int c)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(c, buf, sizeof(buf))) > 0)
		for (ssize_t off = 0; off < n;) {
			ssize_t w = write(c, buf + off, (size_t)(n - off));
			if (w <= 0)
				_exit(1);
			off += w;
		}
	_exit(0);
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	struct sigaction sa = {.sa_handler = reap, .sa_flags = SA_RESTART};
	int s, one = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 1;
	}
	hog();
	sigaction(SIGCHLD, &sa, NULL);
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	s = socket(AF_INET, SOCK_STREAM, 0);
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(s, (struct sockaddr *)&addr, sizeof(addr)) < 0 || listen(s, 16) < 0) {
		perror("bind");
		return 1;
	}
	for (;;) {
		int c = accept(s, NULL, NULL);
		if (c < 0)
			continue;
		if (fork() == 0) {
			close(s);
			echo(c);
		}
		close(c);
	}
}
