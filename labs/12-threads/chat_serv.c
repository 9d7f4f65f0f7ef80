/*
 * chat_serv PORT [nolock]
 *
 * A chat server (윤 18): a thread per client, and every line a client
 * sends goes to all the other clients. The clients are in one list,
 * clnt_socks[0 .. clnt_cnt), shared by every thread: the main thread adds
 * each new client, a client's thread walks the list to send, and takes
 * its client out when it leaves.
 *
 * Threads that share data must take turns with it: a thread in the middle
 * of taking a client out (shifting the rest down, clnt_cnt--) must not be
 * seen half way by a thread walking the list. A mutex makes each of these
 * a critical section (임계 영역): one thread at a time. With "nolock" the
 * mutex is left out -- the mistake this lab is about. It may run right for
 * days, and fail once in a while, where no test looks: so this program is
 * built with ThreadSanitizer (cc -fsanitize=thread), which watches every
 * access to shared memory and reports two threads that touched the same
 * data without a lock between them.
 */
#include <arpa/inet.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF_SIZE 1024
#define MAX_CLNT 256

static int clnt_cnt;
static int clnt_socks[MAX_CLNT];
static pthread_mutex_t mutx = PTHREAD_MUTEX_INITIALIZER;
static int use_lock = 1;

/* The critical section's door: with "nolock" there is none. */
static void lock(void)
{
	if (use_lock)
		pthread_mutex_lock(&mutx);
}

static void unlock(void)
{
	if (use_lock)
		pthread_mutex_unlock(&mutx);
}

/* Sends msg to every client but its sender. */
static void send_msg(const char *msg, ssize_t len, int from)
{
	lock();
	for (int i = 0; i < clnt_cnt; i++)
		if (clnt_socks[i] != from && write(clnt_socks[i], msg, len) != len)
			perror("write() error");
	unlock();
}

/* Adds a client; returns how many there are now, or -1 when full. */
static int add_client(int sock)
{
	int n = -1;

	lock();
	if (clnt_cnt < MAX_CLNT) {
		clnt_socks[clnt_cnt++] = sock;
		n = clnt_cnt;
	}
	unlock();
	return n;
}

/* Takes a client out, the rest shifted down; returns how many are left. */
static int remove_client(int sock)
{
	int n;

	lock();
	for (int i = 0; i < clnt_cnt; i++) {
		if (clnt_socks[i] == sock) {
			for (; i < clnt_cnt - 1; i++)
				clnt_socks[i] = clnt_socks[i + 1];
			clnt_cnt--;
			break;
		}
	}
	n = clnt_cnt;
	unlock();
	return n;
}

static void *handle_clnt(void *arg)
{
	int clnt_sock = (int)(intptr_t)arg; /* by value: lab 12's first lesson */
	char msg[BUF_SIZE];
	ssize_t str_len;

	while ((str_len = recv(clnt_sock, msg, sizeof(msg), 0)) > 0)
		send_msg(msg, str_len, clnt_sock);
	printf("client left: socket %d, clients: %d\n", clnt_sock, remove_client(clnt_sock));
	close(clnt_sock);
	return NULL;
}

static int make_listener(const char *port)
{
	struct sockaddr_in serv_addr;
	int sock = socket(PF_INET, SOCK_STREAM, 0);

	if (sock == -1) {
		perror("socket() error");
		return -1;
	}
	memset(&serv_addr, 0, sizeof(serv_addr));
	serv_addr.sin_family = AF_INET;
	serv_addr.sin_addr.s_addr = htonl(INADDR_ANY);
	serv_addr.sin_port = htons(atoi(port));
	if (bind(sock, (struct sockaddr *)&serv_addr, sizeof(serv_addr)) == -1) {
		perror("bind() error");
		goto out_close;
	}
	if (listen(sock, 5) == -1) {
		perror("listen() error");
		goto out_close;
	}
	return sock;
out_close:
	close(sock);
	return -1;
}

int main(int argc, char *argv[])
{
	int serv_sock, clnt_sock, n;
	pthread_t t_id;

	if (argc < 2) {
		printf("Usage: %s <port> [nolock]\n", argv[0]);
		exit(1);
	}
	use_lock = !(argc > 2 && strcmp(argv[2], "nolock") == 0);
	setvbuf(stdout, NULL, _IOLBF, 0); /* each line out at once, even into a pipe */
	/* A client that vanishes must not take the server with it: a write()
	 * to it then fails with EPIPE instead of killing us (lab 10). */
	signal(SIGPIPE, SIG_IGN);
	serv_sock = make_listener(argv[1]);
	if (serv_sock == -1)
		exit(1);

	for (;;) {
		clnt_sock = accept(serv_sock, NULL, NULL);
		if (clnt_sock == -1) {
			perror("accept() error");
			break;
		}
		if ((n = add_client(clnt_sock)) == -1) {
			close(clnt_sock);
			continue;
		}
		printf("client connected: socket %d, clients: %d\n", clnt_sock, n);
		if (pthread_create(&t_id, NULL, handle_clnt, (void *)(intptr_t)clnt_sock) != 0) {
			fprintf(stderr, "pthread_create() error\n");
			remove_client(clnt_sock);
			close(clnt_sock);
			continue;
		}
		pthread_detach(t_id);
	}
	close(serv_sock);
	return 0;
}
