/*
 * Hostile: smashes socklab's ring, then serves correctly. It maps the
 * session's ring ($SOCKLAB_RING, writable by the sandbox's user) and
 * rewrites what socklab's reader once believed: the header's nslots and
 * slot_size, the consumer's head (where version 1 kept it) and the tail,
 * and every slot's seq and len, with wild values -- before it listens, and
 * again for each client it accepts, while socklab reads. Before the fix, an
 * out-of-bounds read and write crashed socklab's root worker (SIGSEGV).
 * Then it behaves as a correct echo-fork server (echo-fork/good.c).
 */
#include <arpa/inet.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/stat.h>

/* The ring's layout, as the hostile student reads it off socklab's
 * source: a 256-byte header, then 512-byte slots (seq, len, data). */
#define HDR_NSLOTS    8
#define HDR_SLOT_SIZE 12
#define HDR_TAIL      64
#define HDR_HEAD_V1   192
#define HDR_SIZE      256
#define SLOT_SIZE     512

static void smash_ring(void)
{
	const char *path = getenv("SOCKLAB_RING");
	static unsigned round;
	struct stat st;
	unsigned char *m;
	int fd;

	if (!path || (fd = open(path, O_RDWR)) < 0)
		return;
	if (fstat(fd, &st) < 0 || st.st_size < HDR_SIZE ||
	    (m = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)) ==
		    MAP_FAILED) {
		close(fd);
		return;
	}
	close(fd);
	round++;
	/* A head far past the mapping, and a mask that keeps it there. */
	*(uint32_t *)(m + HDR_NSLOTS) = 0x80000000u;
	*(uint32_t *)(m + HDR_SLOT_SIZE) = 1;
	*(uint64_t *)(m + HDR_HEAD_V1) = 0x12345678ull + round;
	*(uint64_t *)(m + HDR_TAIL) = 0xffffffffffff0000ull - round;
	for (size_t off = HDR_SIZE; off + SLOT_SIZE <= (size_t)st.st_size; off += SLOT_SIZE) {
		*(uint64_t *)(m + off) = (off * 0x9e3779b97f4a7c15ull) ^ round;
		*(uint32_t *)(m + off + 8) = 0xfffffff0u - round;
	}
	munmap(m, (size_t)st.st_size);
}

static void reap(int sig)
{
	int saved = errno;

	(void)sig;
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	errno = saved;
}

static int write_all(int fd, const char *buf, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

static void echo(int conn)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(conn, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && write_all(conn, buf, (size_t)n) < 0)
			break;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	struct sigaction sa = {.sa_handler = reap, .sa_flags = SA_RESTART};
	int listener, on = 1;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	smash_ring();
	sigemptyset(&sa.sa_mask);
	sigaction(SIGCHLD, &sa, NULL);
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	listener = socket(AF_INET, SOCK_STREAM, 0);
	if (listener < 0 || setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(listener, 16) < 0) {
		perror("bind");
		return 1;
	}
	for (;;) {
		int conn = accept(listener, NULL, NULL);
		if (conn < 0) {
			if (errno == EINTR)
				continue;
			perror("accept");
			return 1;
		}
		smash_ring();
		if (fork() == 0) {
			close(listener);
			echo(conn);
			close(conn);
			_exit(0);
		}
		close(conn);
	}
}
