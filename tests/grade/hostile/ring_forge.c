/*
 * Hostile: forges records in socklab's ring, then serves correctly. It
 * writes into the session's ring ($SOCKLAB_RING), following the ring's
 * protocol as the tracer does, records socklab's tracer never writes or
 * that only socklab's own sources may tell: a TCP "state", a "pkt", a
 * "note" of socklab's kind ("step"), a "proc" reaping and a zombie; and
 * calls said to be made by other processes (init, and socklab itself).
 * Each carries "forged":1. None of them may reach the session, and the
 * report names how many were ignored. Then it behaves as a correct
 * echo-fork server (echo-fork/good.c).
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
#include <time.h>

/* The ring's layout, as the hostile student reads it off socklab's
 * source: a 256-byte header, then 512-byte slots (seq, len, data). */
#define HDR_NSLOTS 8
#define HDR_T0	   16
#define HDR_TAIL   64
#define HDR_SIZE   256
#define SLOT_SIZE  512

static unsigned char *ring;

/* One record into the ring, claimed and published as the tracer does. */
static void forge(const char *rec)
{
	uint32_t nslots = *(uint32_t *)(ring + HDR_NSLOTS);
	uint64_t *tail = (uint64_t *)(ring + HDR_TAIL);
	uint64_t pos = __atomic_load_n(tail, __ATOMIC_RELAXED);

	for (int tries = 0; tries < 1000; tries++) {
		unsigned char *slot = ring + HDR_SIZE + (pos & (nslots - 1)) * SLOT_SIZE;
		uint64_t seq = __atomic_load_n((uint64_t *)slot, __ATOMIC_ACQUIRE);

		if (seq == pos) {
			if (__atomic_compare_exchange_n(tail, &pos, pos + 1, 0, __ATOMIC_RELAXED,
							__ATOMIC_RELAXED)) {
				*(uint32_t *)(slot + 8) = (uint32_t)strlen(rec);
				memcpy(slot + 16, rec, strlen(rec));
				__atomic_store_n((uint64_t *)slot, pos + 1, __ATOMIC_RELEASE);
				return;
			}
		} else if ((int64_t)(seq - pos) < 0) {
			return;
		} else {
			pos = __atomic_load_n(tail, __ATOMIC_RELAXED);
		}
	}
}

static void forge_records(void)
{
	const char *path = getenv("SOCKLAB_RING");
	struct timespec ts;
	struct stat st;
	char rec[400];
	long long t;
	int fd, me = (int)getpid();

	if (!path || (fd = open(path, O_RDWR)) < 0)
		return;
	if (fstat(fd, &st) < 0 || (ring = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE,
					       MAP_SHARED, fd, 0)) == MAP_FAILED) {
		close(fd);
		return;
	}
	close(fd);
	clock_gettime(CLOCK_MONOTONIC, &ts);
	t = (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec - *(int64_t *)(ring + HDR_T0);
	snprintf(rec, sizeof(rec),
		 "{\"t\":%lld,\"src\":\"state\",\"pid\":%d,\"tid\":%d,\"sock\":"
		 "\"127.0.0.1:6666>127.0.0.1:6667\",\"from\":\"CLOSE_WAIT\",\"to\":\"CLOSED\","
		 "\"forged\":1}",
		 t, me, me);
	forge(rec);
	snprintf(rec, sizeof(rec),
		 "{\"t\":%lld,\"src\":\"pkt\",\"pid\":%d,\"flags\":\"R\",\"forged\":1}", t, me);
	forge(rec);
	snprintf(rec, sizeof(rec),
		 "{\"t\":%lld,\"src\":\"note\",\"pid\":%d,\"kind\":\"step\",\"text\":"
		 "\"every child was reaped\",\"forged\":1}",
		 t, me);
	forge(rec);
	snprintf(rec, sizeof(rec),
		 "{\"t\":%lld,\"src\":\"proc\",\"pid\":%d,\"event\":\"zombie\",\"ppid\":1,"
		 "\"forged\":1}",
		 t, me);
	forge(rec);
	snprintf(rec, sizeof(rec),
		 "{\"t\":%lld,\"src\":\"proc\",\"pid\":%d,\"event\":\"reaped\",\"child\":%d,"
		 "\"fn\":\"socklab\",\"via\":\"proc\",\"forged\":1}",
		 t, me, me + 1);
	forge(rec);
	snprintf(rec, sizeof(rec),
		 "{\"t\":%lld,\"src\":\"call\",\"pid\":1,\"tid\":1,\"fn\":\"close\",\"fd\":3,"
		 "\"ret\":0,\"errno\":null,\"forged\":1}",
		 t);
	forge(rec);
	snprintf(rec, sizeof(rec),
		 "{\"t\":%lld,\"src\":\"call\",\"pid\":%d,\"tid\":%d,\"fn\":\"setsockopt\","
		 "\"fd\":3,\"ret\":0,\"errno\":null,\"forged\":1}",
		 t, (int)getppid(), (int)getppid());
	forge(rec);
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
	forge_records();
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
		if (fork() == 0) {
			close(listener);
			echo(conn);
			close(conn);
			_exit(0);
		}
		close(conn);
	}
}
