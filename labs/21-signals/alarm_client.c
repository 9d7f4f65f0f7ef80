/*
 * alarm_client IP PORT [SECONDS]
 *
 * A client that asks the server a question and waits for the answer in
 * recv() -- with an alarm clock: alarm(SECONDS) (default 3) makes the
 * kernel send it SIGALRM when the time is up (윤성우 ch. 10). It waits
 * twice, to show what the signal does to the recv() it interrupts:
 *
 *   1. handler installed without SA_RESTART: the handler runs, and recv()
 *      returns -1 with errno EINTR -- a timeout: "no answer in time".
 *   2. the same handler installed with SA_RESTART: the handler runs, and
 *      the kernel restarts recv(), which goes on waiting; it returns when
 *      the answer comes. The program never sees the interruption.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024

/* The handler says the alarm rang, with write(): printf() is not
 * async-signal-safe. */
static void on_alarm(int sig)
{
	static const char msg[] = "SIGALRM: the alarm rang\n";

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) == -1)
		_exit(1);
}

static int install_handler(int flags)
{
	struct sigaction act;

	memset(&act, 0, sizeof(act));
	act.sa_handler = on_alarm;
	sigemptyset(&act.sa_mask);
	act.sa_flags = flags; /* 0, or SA_RESTART: the lesson */
	return sigaction(SIGALRM, &act, NULL);
}

static int connect_to(const char *ip, const char *port)
{
	struct sockaddr_in serv_adr;
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1) {
		perror("socket() error");
		exit(1);
	}
	memset(&serv_adr, 0, sizeof(serv_adr));
	serv_adr.sin_family = AF_INET;
	serv_adr.sin_addr.s_addr = inet_addr(ip);
	serv_adr.sin_port = htons(atoi(port));
	if (connect(sock, (struct sockaddr *)&serv_adr, sizeof(serv_adr)) == -1) {
		perror("connect() error");
		exit(1);
	}
	return sock;
}

/* Waits for the answer, at most seconds. Returns recv()'s result, errno
 * as recv() left it. */
static ssize_t recv_with_alarm(int sock, char *buf, size_t cap, int seconds)
{
	ssize_t n;
	int err;

	alarm(seconds);
	n = recv(sock, buf, cap - 1, 0);
	err = errno;
	alarm(0); /* the answer came first: the alarm is not needed */
	if (n > 0)
		buf[n] = '\0';
	errno = err;
	return n;
}

int main(int argc, char *argv[])
{
	static const char question[] = "what time is it?\n";
	char buf[BUF_SIZE];
	int sock, seconds;
	ssize_t n;

	if (argc < 3) {
		printf("Usage: %s <IP> <port> [seconds]\n", argv[0]);
		exit(1);
	}
	seconds = argc > 3 ? atoi(argv[3]) : 3;
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	sock = connect_to(argv[1], argv[2]);
	if (write(sock, question, sizeof(question) - 1) == -1) {
		perror("write() error");
		exit(1);
	}

	/* 1. Without SA_RESTART: the alarm interrupts recv(). */
	if (install_handler(0) == -1) {
		perror("sigaction() error");
		exit(1);
	}
	printf("waiting in recv(), alarm in %d s, no SA_RESTART\n", seconds);
	n = recv_with_alarm(sock, buf, sizeof(buf), seconds);
	if (n == -1 && errno == EINTR) {
		printf("recv() returned -1 EINTR: no answer in time\n");
	} else if (n <= 0) {
		perror("recv() error");
		exit(1);
	} else {
		printf("answer before the alarm: %s", buf);
		close(sock);
		return 0;
	}

	/* 2. With SA_RESTART: the kernel starts recv() again after the
	 * handler; the program goes on waiting as if nothing happened. */
	if (install_handler(SA_RESTART) == -1) {
		perror("sigaction() error");
		exit(1);
	}
	printf("waiting in recv() again, alarm in %d s, SA_RESTART\n", seconds);
	n = recv_with_alarm(sock, buf, sizeof(buf), seconds);
	if (n == -1) {
		perror("recv() error");
		exit(1);
	}
	if (n == 0) {
		printf("recv() returned 0: the server closed the connection\n");
		exit(1);
	}
	printf("recv() returned %zd: %s", n, buf);
	close(sock);
	return 0;
}
