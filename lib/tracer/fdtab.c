/*
 * fdtab.c - which descriptors of this process are sockets, and their
 * addresses.
 *
 * read(), write() and close() are socket calls only when their descriptor is
 * a socket, and every call record names its socket ("LOCAL>PEER"). Asking
 * the kernel on every call would cost a system call each, so the tracer keeps
 * one entry per descriptor, filled when a socket is made (socket, accept,
 * socketpair, dup) or moves (bind, connect, listen) and cleared by close.
 *
 * Threads and signal handlers read and write entries at the same time, and
 * must never wait for each other, so each entry is a sequence lock that
 * nobody blocks on: a writer that finds the entry busy gives up (the entry
 * stays a little stale), and a reader that keeps finding it busy says "not a
 * known socket".
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tracer/tracer.h"
#include "wire/rawio.h"

/* Descriptors from 0 to FDTAB_SIZE-1 are tracked; about 50 bytes each,
 * in zero-filled memory that costs nothing until a page is touched. */
#define FDTAB_SIZE 65536

struct fdslot {
	_Atomic uint32_t seq; /* odd while a writer is inside */
	struct fdinfo info;
};

static struct fdslot fdtab[FDTAB_SIZE];

static struct fdslot *fdslot_of(int fd)
{
	return fd >= 0 && fd < FDTAB_SIZE ? &fdtab[fd] : NULL;
}

static bool fdslot_lock(struct fdslot *s, uint32_t *seq)
{
	*seq = atomic_load_explicit(&s->seq, memory_order_relaxed);
	if (*seq & 1)
		return false;
	return atomic_compare_exchange_strong_explicit(&s->seq, seq, *seq + 1, memory_order_acquire,
						       memory_order_relaxed);
}

static void fdslot_unlock(struct fdslot *s, uint32_t seq)
{
	atomic_store_explicit(&s->seq, seq + 2, memory_order_release);
}

static void fdslot_store(int fd, const struct fdinfo *fi)
{
	struct fdslot *s = fdslot_of(fd);
	uint32_t seq;

	if (!s || !fdslot_lock(s, &seq))
		return;
	s->info = *fi;
	fdslot_unlock(s, seq);
}

bool fdtab_get(int fd, struct fdinfo *out)
{
	struct fdslot *s = fdslot_of(fd);

	if (!s)
		return false;
	for (int tries = 0; tries < 4; tries++) {
		uint32_t before = atomic_load_explicit(&s->seq, memory_order_acquire);
		if (before & 1)
			continue;
		*out = s->info;
		atomic_thread_fence(memory_order_acquire);
		if (atomic_load_explicit(&s->seq, memory_order_relaxed) == before)
			return out->is_socket;
	}
	return false;
}

int fdtab_type(int fd)
{
	struct fdslot *s = fdslot_of(fd);

	if (!s)
		return 0;
	for (int tries = 0; tries < 4; tries++) {
		uint32_t before = atomic_load_explicit(&s->seq, memory_order_acquire);
		int type;
		bool is_socket;

		if (before & 1)
			continue;
		type = s->info.type;
		is_socket = s->info.is_socket;
		atomic_thread_fence(memory_order_acquire);
		if (atomic_load_explicit(&s->seq, memory_order_relaxed) == before)
			return is_socket ? type : 0;
	}
	return 0;
}

bool fdtab_is_socket(int fd)
{
	struct fdinfo fi;

	return fdtab_get(fd, &fi);
}

/* Asks the kernel for fd's addresses; a socket not yet bound or connected
 * has family 0 on that side. */
static void fdinfo_learn(int fd, struct fdinfo *fi)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	memset(&fi->local, 0, sizeof(fi->local));
	memset(&fi->peer, 0, sizeof(fi->peer));
	if (real_getsockname(fd, (struct sockaddr *)&ss, &len) == 0)
		endpoint_from_sockaddr(&fi->local, (struct sockaddr *)&ss, len);
	len = sizeof(ss);
	if (real_getpeername(fd, (struct sockaddr *)&ss, &len) == 0)
		endpoint_from_sockaddr(&fi->peer, (struct sockaddr *)&ss, len);
	endpoint_pair_str(&fi->local, &fi->peer, fi->sock, sizeof(fi->sock));
}

void fdtab_add(int fd, int type)
{
	/* SOCK_NONBLOCK and SOCK_CLOEXEC ride in the high bits of type. */
	struct fdinfo fi = {.is_socket = true, .type = type & 0xf};

	fdinfo_learn(fd, &fi);
	fdslot_store(fd, &fi);
}

void fdtab_refresh(int fd)
{
	struct fdinfo fi;

	if (!fdtab_get(fd, &fi))
		return;
	fdinfo_learn(fd, &fi);
	fdslot_store(fd, &fi);
}

void fdtab_forget(int fd)
{
	struct fdinfo none = {0};

	fdslot_store(fd, &none);
}

void fdtab_copy(int from, int to)
{
	struct fdinfo fi;

	if (fdtab_get(from, &fi))
		fdslot_store(to, &fi);
	else
		fdtab_forget(to);
}

void fdtab_set_tcp_state(int fd, uint8_t st)
{
	struct fdinfo fi;

	if (!fdtab_get(fd, &fi))
		return;
	fi.tcp_state = st;
	fdslot_store(fd, &fi);
}

int fdtab_next_socket(int from, unsigned last)
{
	for (int fd = from < 0 ? 0 : from; fd < FDTAB_SIZE && (unsigned)fd <= last; fd++)
		if (fdtab_is_socket(fd))
			return fd;
	return -1;
}

/* Registers fd if it is a socket. */
static void fdtab_probe(int fd)
{
	struct stat st;
	int type = 0;
	socklen_t len = sizeof(int);

	if (raw_fstat(fd, &st) < 0 || !S_ISSOCK(st.st_mode))
		return;
	real_getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &len);
	fdtab_add(fd, type);
}

/*
 * A new process image starts with whatever descriptors it inherited across
 * exec; some may be sockets (a server that execs a handler for each client).
 * Lists /proc/self/fd with raw system calls: this runs before main().
 */
void fdtab_scan(void)
{
	char buf[4096];
	int dir = raw_open("/proc/self/fd", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	long n;

	if (dir < 0) {
		for (int fd = 0; fd < 256; fd++)
			fdtab_probe(fd);
		return;
	}
	while ((n = syscall(SYS_getdents64, dir, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < n;) {
			struct dirent64 *d = (struct dirent64 *)(buf + off);
			int fd = atoi(d->d_name);

			if (d->d_name[0] >= '0' && d->d_name[0] <= '9' && fd != dir)
				fdtab_probe(fd);
			off += d->d_reclen;
		}
	}
	raw_close(dir);
}
