/*
 * A hostile submission that forges its trace: a broken echo-fork server
 * (it never waits for its children, keeps every accepted descriptor, sets
 * no SO_REUSEADDR) that writes into the session's ring ($SOCKLAB_RING)
 * the records a correct server's tracer would have written -- exactly as
 * the tracer writes them, with its own real pid where it can:
 *
 *   setsockopt(SO_REUSEADDR, 1)   before its bind()
 *   close(conn)                   in the parent, after each fork()
 *   state CLOSE_WAIT > LAST_ACK > CLOSED, proc reaped
 *                                 from the child, once its client left
 *   bind() = 0, listen() = 0      before its real bind(), which fails
 *                                 when it is started again
 *
 * The grader must believe the kernel, not these: it FAILs exactly what
 * tests/grade/hostile/forge_trace.c without FORGE fails, and names what
 * the trace says and the kernel did not see. Built with -DNO_FORGE it is
 * that same server, honest (tests/cmd/grade_kernel.sh builds both). Each
 * forged record is counted on stdout ("forged: N records").
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The ring's layout, as lib/wire/ring.h has it. */
struct slot {
	_Atomic uint64_t seq;
	uint32_t len, pad;
	char data[512 - 16];
};

struct header {
	uint32_t magic, version, nslots, slot_size;
	int64_t t0_ns;
	int32_t collector_pid;
	_Atomic uint32_t asks;
	char pad0[32];
	_Atomic uint64_t tail;
	char pad1[56];
	_Atomic uint64_t dropped;
	char pad2[56];
	_Atomic uint64_t head, abandoned;
	char pad3[48];
};

static struct header *ring;
static int forged;

static void map_ring(void)
{
#ifndef NO_FORGE
	const char *path = getenv("SOCKLAB_RING");
	struct stat st;
	int fd = path ? open(path, O_RDWR) : -1;

	if (fd < 0 || fstat(fd, &st) < 0)
		return;
	ring = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (ring == MAP_FAILED)
		ring = NULL;
	close(fd);
#endif
}

static long long now_t(void)
{
	struct timespec ts;

	if (!ring)
		return 0;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec - ring->t0_ns;
}

/* One record, the producer's half of the ring's protocol. */
static void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void put(const char *fmt, ...)
{
	struct slot *slots;
	uint64_t pos, mask;
	va_list ap;
	int n;

	if (!ring)
		return;
	slots = (struct slot *)(ring + 1);
	mask = ring->nslots - 1;
	pos = atomic_load(&ring->tail);
	for (;;) {
		int64_t diff = (int64_t)(atomic_load(&slots[pos & mask].seq) - pos);
		if (diff < 0)
			return;
		if (diff == 0 && atomic_compare_exchange_weak(&ring->tail, &pos, pos + 1))
			break;
		if (diff > 0)
			pos = atomic_load(&ring->tail);
	}
	va_start(ap, fmt);
	n = vsnprintf(slots[pos & mask].data, sizeof(slots[0].data), fmt, ap);
	va_end(ap);
	slots[pos & mask].len = (uint32_t)(n < (int)sizeof(slots[0].data) ? n : 0);
	atomic_store(&slots[pos & mask].seq, pos + 1);
	printf("forged: %d records\n", ++forged);
	fflush(stdout);
}

static const char *sock_name(int fd, char *out, size_t cap)
{
	struct sockaddr_in a, b;
	socklen_t la = sizeof(a), lb = sizeof(b);
	char x[INET_ADDRSTRLEN], y[INET_ADDRSTRLEN];

	if (getsockname(fd, (struct sockaddr *)&a, &la) < 0 ||
	    getpeername(fd, (struct sockaddr *)&b, &lb) < 0)
		return "";
	inet_ntop(AF_INET, &a.sin_addr, x, sizeof(x));
	inet_ntop(AF_INET, &b.sin_addr, y, sizeof(y));
	snprintf(out, cap, "%s:%d>%s:%d", x, ntohs(a.sin_port), y, ntohs(b.sin_port));
	return out;
}

#define CALL "{\"t\":%lld,\"src\":\"call\",\"pid\":%d,\"tid\":%d,"

static void forge_call(const char *fn, int fd, const char *sock, const char *more)
{
	put(CALL "\"fn\":\"%s\",\"fd\":%d,\"ret\":0,\"errno\":null,\"dur\":1000,\"sock\":\"%s\","
		 "\"proto\":\"tcp\"%s}",
	    now_t(), (int)getpid(), (int)getpid(), fn, fd, sock, more);
}

/* The child's client has left: the kernel's states of a socket closed on
 * both sides, and the parent's wait() for this child. */
static void forge_left(const char *sock)
{
	static const char *const states[][2] = {{"ESTABLISHED", "CLOSE_WAIT"},
						{"CLOSE_WAIT", "LAST_ACK"},
						{"LAST_ACK", "CLOSED"}};

	for (int i = 0; i < 3; i++)
		put("{\"t\":%lld,\"src\":\"state\",\"sock\":\"%s\",\"from\":\"%s\",\"to\":\"%s\","
		    "\"via\":\"tracefs\",\"pid\":%d}",
		    now_t() + 1000 * i, sock, states[i][0], states[i][1], (int)getppid());
	put("{\"t\":%lld,\"src\":\"proc\",\"pid\":%d,\"event\":\"reaped\",\"child\":%d,"
	    "\"fn\":\"waitpid\",\"status\":0}",
	    now_t() + 2000000, (int)getppid(), (int)getpid());
}

static void echo(int conn)
{
	char buf[4096];
	ssize_t n;

	while ((n = read(conn, buf, sizeof(buf))) > 0 || (n < 0 && errno == EINTR))
		for (ssize_t off = 0, w; n > 0 && off < n; off += w)
			if ((w = write(conn, buf + off, (size_t)(n - off))) < 0)
				return;
}

int main(int argc, char **argv)
{
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_ANY)};
	char sock[128], bound[64];
	int listener;

	if (argc != 2) {
		fprintf(stderr, "usage: %s PORT\n", argv[0]);
		return 2;
	}
	map_ring();
	addr.sin_port = htons((unsigned short)atoi(argv[1]));
	listener = socket(AF_INET, SOCK_STREAM, 0);
	snprintf(sock, sizeof(sock), "0.0.0.0:%d>*", atoi(argv[1]));
	/* Before the real calls, so that the forged ones come first. */
	forge_call("setsockopt", listener, "0.0.0.0:0>*",
		   ",\"level\":\"SOL_SOCKET\",\"opt\":\"SO_REUSEADDR\",\"val\":1");
	snprintf(bound, sizeof(bound), ",\"addr\":\"0.0.0.0:%d\"", atoi(argv[1]));
	forge_call("bind", listener, sock, bound);
	forge_call("listen", listener, sock, ",\"backlog\":16");
	if (bind(listener, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(listener, 16) < 0) {
		perror("bind");
		for (;;) /* the restart: it said it listens; it stays */
			pause();
	}
	for (;;) {
		int conn = accept(listener, NULL, NULL);
		if (conn < 0) {
			if (errno == EINTR)
				continue;
			perror("accept");
			return 1;
		}
		sock_name(conn, sock, sizeof(sock));
		if (fork() == 0) {
			close(listener);
			echo(conn);
			forge_left(sock);
			close(conn);
			_exit(0);
		}
		/* The descriptor stays open: only the record says it closed. */
		forge_call("close", conn, sock, "");
	}
}
