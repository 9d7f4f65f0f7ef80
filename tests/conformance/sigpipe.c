/*
 * sigpipe: writing to a connection that is gone. The tracer makes such
 * sends with MSG_NOSIGNAL and raises SIGPIPE itself after recording them;
 * the program must see exactly what the kernel gives it: -1 EPIPE, and
 * SIGPIPE delivered to a handler (once, si_code SI_USER, from itself),
 * ignored, left pending when blocked, never sent when it asked for
 * MSG_NOSIGNAL -- and by default, the process killed.
 */
#define _GNU_SOURCE /* strerrorname_np */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t handled, code_user, from_self;

static void on_pipe(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	handled++;
	code_user = si->si_code == SI_USER;
	from_self = si->si_pid == getpid();
}

/* A connected socket whose peer has closed and then reset it: the first
 * write after the peer's close draws the RST, and the socket is then
 * gone for writing. Returns the socket, or exits. */
static int broken_socket(void)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof(a);
	struct timespec rst_time = {0, 200 * 1000 * 1000};
	int l = socket(AF_INET, SOCK_STREAM, 0), c = socket(AF_INET, SOCK_STREAM, 0), s;

	if (l < 0 || c < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(l, 1) < 0 ||
	    getsockname(l, (struct sockaddr *)&a, &len) < 0 ||
	    connect(c, (struct sockaddr *)&a, sizeof(a)) < 0 || (s = accept(l, NULL, NULL)) < 0) {
		perror("broken_socket");
		exit(1);
	}
	close(s);
	close(l);
	nanosleep(&rst_time, NULL); /* the FIN arrives */
	if (write(c, "x", 1) != 1) {
		perror("first write");
		exit(1);
	}
	nanosleep(&rst_time, NULL); /* the RST that write drew arrives */
	return c;
}

static const char *result(ssize_t ret)
{
	return ret < 0 ? strerrorname_np(errno) : "no error";
}

static void with_handler(void)
{
	struct sigaction sa = {.sa_sigaction = on_pipe, .sa_flags = SA_SIGINFO};
	struct iovec iov = {.iov_base = "y", .iov_len = 1};
	ssize_t ret;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, NULL);
	ret = write(broken_socket(), "y", 1);
	printf("handler, write: %zd %s; handled %d, SI_USER %d, from itself %d\n", ret, result(ret),
	       (int)handled, (int)code_user, (int)from_self);
	ret = send(broken_socket(), "y", 1, 0);
	printf("handler, send: %zd %s; handled %d\n", ret, result(ret), (int)handled);
	ret = writev(broken_socket(), &iov, 1);
	printf("handler, writev: %zd %s; handled %d\n", ret, result(ret), (int)handled);
	ret = send(broken_socket(), "y", 1, MSG_NOSIGNAL);
	printf("handler, send MSG_NOSIGNAL: %zd %s; handled %d\n", ret, result(ret), (int)handled);
}

static void ignored_and_blocked(void)
{
	sigset_t block, pending;
	ssize_t ret;

	signal(SIGPIPE, SIG_IGN);
	ret = write(broken_socket(), "y", 1);
	printf("ignored, write: %zd %s\n", ret, result(ret));
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&block);
	sigaddset(&block, SIGPIPE);
	sigprocmask(SIG_BLOCK, &block, NULL);
	ret = write(broken_socket(), "y", 1);
	sigpending(&pending);
	printf("blocked, write: %zd %s; pending %d\n", ret, result(ret),
	       sigismember(&pending, SIGPIPE));
	signal(SIGPIPE, SIG_IGN); /* drop it before unblocking */
	sigprocmask(SIG_UNBLOCK, &block, NULL);
	signal(SIGPIPE, SIG_DFL);
}

/* By default, SIGPIPE ends the process: in a child, whose end we report. */
static void by_default(void)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		write(broken_socket(), "y", 1);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	printf("default: killed by SIGPIPE %d\n",
	       WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	with_handler();
	ignored_and_blocked();
	by_default();
	return 0;
}
