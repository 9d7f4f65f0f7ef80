/*
 * file_client - the grader's client for a file server (the file-transfer
 * assignment), and the maker of the files it serves.
 *
 *   file_client write DIR
 *       writes the three files the server is given: DIR/small.txt (a short
 *       text), DIR/binary.bin (1 MiB of every byte value, zeros and
 *       newlines included) and DIR/empty.txt (nothing)
 *   file_client get KIND IP PORT REPLY
 *       connects, receives until the server's FIN (EOF), and checks that
 *       the bytes are exactly KIND's file (small, binary, empty); then
 *       sends REPLY, half-closes its own side, and waits for the server
 *       to close
 *
 * It prints one line per finding, in words the grader's report quotes,
 * and exits 0 when the file came exactly, 1 when not.
 *
 * The file's end is the server's FIN: the client reads until recv()
 * returns 0. A server that never half-closes leaves it waiting: after
 * TIMEOUT_S without a byte it says so and gives up.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#define BINARY_SIZE (1024 * 1024)
#define MAX_SIZE    (2 * BINARY_SIZE) /* more than any file: a server that sends too much */
#define TIMEOUT_S   5

static const char small_text[] = "socklab file-transfer: a small text file.\n"
				 "The server sends it, half-closes, and reads the client's reply.\n"
				 "If this arrives whole, the first part worked.\n";

/* KIND's bytes into buf (at least MAX_SIZE). Returns the size, or -1. */
static long file_bytes(const char *kind, char *buf)
{
	uint32_t x = 2463534242u;

	if (strcmp(kind, "small") == 0) {
		memcpy(buf, small_text, sizeof(small_text) - 1);
		return sizeof(small_text) - 1;
	}
	if (strcmp(kind, "empty") == 0)
		return 0;
	if (strcmp(kind, "binary") != 0)
		return -1;
	for (long i = 0; i < BINARY_SIZE; i++) {
		x ^= x << 13; /* xorshift32: every byte value, in no order */
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (char)(x >> 24);
	}
	return BINARY_SIZE;
}

/*
 * The folder is the student's (this runs in the sandbox, as its user):
 * every name in it may be a link its Makefile made. Nothing is opened by
 * a name that may lead elsewhere: the folder is opened with O_NOFOLLOW,
 * each file in it with openat() and O_NOFOLLOW, and its mode set on the
 * descriptor.
 */
static int write_one(int dir_fd, const char *dir, const char *name, const char *kind, char *buf)
{
	long size = file_bytes(kind, buf), done = 0;
	int fd = openat(dir_fd, name, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);

	while (fd >= 0 && done < size) {
		ssize_t n = write(fd, buf + done, (size_t)(size - done));
		if (n <= 0)
			break;
		done += n;
	}
	if (fd < 0 || done < size || fchmod(fd, 0644) < 0 || close(fd) != 0) {
		fprintf(stdout, "cannot write %s/%s: %s\n", dir, name, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	return 0;
}

static int write_files(const char *dir, char *buf)
{
	int fd;

	if (mkdir(dir, 0755) < 0 && errno != EEXIST) {
		perror(dir);
		return 1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		printf("cannot open %s: %s\n", dir, strerror(errno));
		return 1;
	}
	if (write_one(fd, dir, "small.txt", "small", buf) < 0 ||
	    write_one(fd, dir, "binary.bin", "binary", buf) < 0 ||
	    write_one(fd, dir, "empty.txt", "empty", buf) < 0) {
		close(fd);
		return 1;
	}
	close(fd);
	printf("wrote small.txt, binary.bin and empty.txt\n");
	return 0;
}

static int connect_server(const char *ip, const char *port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)atoi(port))};
	struct timeval tv = {.tv_sec = TIMEOUT_S};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || inet_pton(AF_INET, ip, &a.sin_addr) != 1 ||
	    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0 ||
	    connect(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		printf("cannot connect: %s\n", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	printf("connected\n");
	return fd;
}

/* Receives until EOF (returns 0), a time-out (1) or an error (-1). */
static int receive(int fd, char *buf, long *got)
{
	*got = 0;
	for (;;) {
		ssize_t n = recv(fd, buf + *got, (size_t)(MAX_SIZE - *got), 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			return 0;
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 1 : -1;
		*got += n;
		if (*got == MAX_SIZE)
			return 0;
	}
}

/* Says how the bytes compare with the file. Returns 0 when they are it. */
static int judge(const char *kind, const char *want, long size, const char *got, long n, int how)
{
	long k = 0;

	while (k < n && k < size && want[k] == got[k])
		k++;
	if (how == 1)
		printf("%s: %ld of %ld bytes came, then nothing more for %d s: no FIN came (the "
		       "server did not half-close)\n",
		       kind, n, size, TIMEOUT_S);
	else if (how < 0)
		printf("%s: %ld of %ld bytes came, then recv() failed: %s\n", kind, n, size,
		       strerror(errno));
	else if (n == size && k == n)
		printf("%s: %ld of %ld bytes came, exactly, then the server's FIN\n", kind, n,
		       size);
	else if (k < n && k < size)
		printf("%s: %ld of %ld bytes came; byte %ld differs\n", kind, n, size, k);
	else
		printf("%s: %ld of %ld bytes came, then the server's FIN\n", kind, n, size);
	return how == 0 && n == size && k == n ? 0 : 1;
}

/* The reply, a half-close of our own, then the server's end. */
static void reply(int fd, const char *text)
{
	char c;
	ssize_t n;

	if (send(fd, text, strlen(text), MSG_NOSIGNAL) < 0) {
		printf("the reply could not be sent: %s\n", strerror(errno));
		return;
	}
	printf("replied: %s", text);
	shutdown(fd, SHUT_WR);
	while ((n = recv(fd, &c, 1, 0)) > 0)
		;
	if (n == 0)
		printf("the server closed the connection\n");
	else if (errno == EAGAIN || errno == EWOULDBLOCK)
		printf("the server did not close the connection within %d s\n", TIMEOUT_S);
	else
		printf("the connection ended with an error: %s\n", strerror(errno));
}

static int get(const char *kind, const char *ip, const char *port, const char *text, char *want,
	       char *got)
{
	long size = file_bytes(kind, want), n;
	int fd, how, ret;

	if (size < 0) {
		fprintf(stderr, "file_client: no file kind %s\n", kind);
		return 2;
	}
	if ((fd = connect_server(ip, port)) < 0)
		return 1;
	how = receive(fd, got, &n);
	ret = judge(kind, want, size, got, n, how);
	if (how == 0)
		reply(fd, text);
	close(fd);
	return ret;
}

int main(int argc, char **argv)
{
	char *want = malloc(MAX_SIZE), *got = malloc(MAX_SIZE);
	int ret = 2;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (!want || !got)
		perror("file_client");
	else if (argc == 3 && strcmp(argv[1], "write") == 0)
		ret = write_files(argv[2], want);
	else if (argc == 6 && strcmp(argv[1], "get") == 0)
		ret = get(argv[2], argv[3], argv[4], argv[5], want, got);
	else
		fprintf(stderr,
			"usage: file_client write DIR | file_client get KIND IP PORT REPLY\n");
	free(want);
	free(got);
	return ret;
}
