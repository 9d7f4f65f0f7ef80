/*
 * eintr: a blocked accept() is interrupted by a signal. Without SA_RESTART
 * it must fail with EINTR; with SA_RESTART it must go on and accept the
 * connection that comes later. The tracer puts its own handler in front of
 * the program's: it must change neither.
 */
#define _GNU_SOURCE /* strerrorname_np, sighandler_t, closefrom */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	(void)sig;
	alarms++;
}

static int listener(struct sockaddr_in *a)
{
	socklen_t len = sizeof(*a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	a->sin_family = AF_INET;
	a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	a->sin_port = 0;
	bind(fd, (struct sockaddr *)a, sizeof(*a));
	listen(fd, 1);
	getsockname(fd, (struct sockaddr *)a, &len);
	return fd;
}

static void arm(int ms)
{
	struct itimerval it = {.it_value = {.tv_sec = 0, .tv_usec = ms * 1000}};

	setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
	struct sigaction sa = {.sa_handler = on_alarm};
	struct sockaddr_in a;
	int fd = listener(&a), conn;
	pid_t pid;

	setvbuf(stdout, NULL, _IONBF, 0);
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	arm(100);
	conn = accept(fd, NULL, NULL);
	printf("without SA_RESTART: accept = %d, %s, alarms = %d\n", conn,
	       conn < 0 ? strerrorname_np(errno) : "-", (int)alarms);

	sa.sa_flags = SA_RESTART;
	sigaction(SIGALRM, &sa, NULL);
	pid = fork();
	if (pid == 0) {
		int c = socket(AF_INET, SOCK_STREAM, 0);
		usleep(300 * 1000);
		connect(c, (struct sockaddr *)&a, sizeof(a));
		_exit(0);
	}
	arm(100);
	conn = accept(fd, NULL, NULL);
	printf("with SA_RESTART: accept %s, alarms = %d\n", conn >= 0 ? "ok" : "FAILED",
	       (int)alarms);
	waitpid(pid, NULL, 0);
	return 0;
}
