/*
 * ring.c - the shared-memory event ring (see ring.h for the picture).
 *
 * Slot i starts with seq = i. A producer that finds seq == pos at its claimed
 * position owns the slot; it fills it and publishes seq = pos + 1. The
 * consumer takes the record and frees the slot for the next lap with
 * seq = pos + nslots. A producer that finds seq < pos knows the consumer has
 * not freed that slot yet: the ring is full, and it drops its record.
 */
#include "wire/ring.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "wire/rawio.h"

_Static_assert(sizeof(struct ring_header) == 256, "ring header layout");
_Static_assert(sizeof(struct ring_slot) == RING_SLOT_SIZE, "ring slot layout");

/* A producer that claimed a slot and has not filled it after this long is
 * taken for dead (killed between the two steps); the consumer skips it. */
#define RING_STALL_NS (1000 * 1000 * 1000LL)

int64_t ring_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static size_t ring_map_size(uint32_t nslots)
{
	return sizeof(struct ring_header) + (size_t)nslots * sizeof(struct ring_slot);
}

static int ring_map(struct ring *r, int fd, size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		return -1;
	r->hdr = p;
	r->slots = (struct ring_slot *)((char *)p + sizeof(struct ring_header));
	r->map_size = size;
	r->stall_since_ns = 0;
	atomic_store_explicit(&r->head_seen, 0, memory_order_relaxed);
	return 0;
}

int ring_create(struct ring *r, const char *path, uint32_t nslots, int mode, char *err,
		size_t errlen)
{
	size_t size;
	int fd;

	if (nslots == 0 || (nslots & (nslots - 1)) != 0) {
		snprintf(err, errlen, "ring size %u is not a power of two", nslots);
		return -1;
	}
	size = ring_map_size(nslots);
	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	/* open() applies the umask; traced programs of other users need mode. */
	if (fchmod(fd, mode) < 0 || ftruncate(fd, (off_t)size) < 0 || ring_map(r, fd, size) < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		goto out_unlink;
	}
	raw_close(fd);

	for (uint32_t i = 0; i < nslots; i++)
		atomic_store_explicit(&r->slots[i].seq, i, memory_order_relaxed);
	r->hdr->nslots = nslots;
	r->hdr->slot_size = RING_SLOT_SIZE;
	r->hdr->version = RING_VERSION;
	r->hdr->collector_pid = getpid();
	r->hdr->t0_ns = ring_now_ns();
	/* The magic goes last: a reader that sees it sees a ready ring. */
	atomic_thread_fence(memory_order_release);
	r->hdr->magic = RING_MAGIC;
	return 0;

out_unlink:
	raw_close(fd);
	unlink(path);
	return -1;
}

int ring_attach(struct ring *r, const char *path)
{
	struct ring_header hdr;
	struct stat st;
	int fd = raw_open(path, O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return -1;
	if (raw_fstat(fd, &st) < 0 || (size_t)st.st_size < sizeof(hdr) ||
	    !raw_pread_all(fd, &hdr, sizeof(hdr), 0))
		goto out_close;
	if (hdr.magic != RING_MAGIC || hdr.version != RING_VERSION ||
	    hdr.slot_size != RING_SLOT_SIZE || hdr.nslots == 0 ||
	    (hdr.nslots & (hdr.nslots - 1)) != 0 || (size_t)st.st_size != ring_map_size(hdr.nslots))
		goto out_close;
	if (ring_map(r, fd, (size_t)st.st_size) < 0)
		goto out_close;
	raw_close(fd);
	return 0;

out_close:
	raw_close(fd);
	return -1;
}

void ring_detach(struct ring *r)
{
	if (r->hdr)
		munmap(r->hdr, r->map_size);
	r->hdr = NULL;
	r->slots = NULL;
}

char *ring_claim(struct ring *r, uint64_t *claimed)
{
	struct ring_header *h = r->hdr;
	uint64_t mask = h->nslots - 1;
	uint64_t pos = atomic_load_explicit(&h->tail, memory_order_relaxed);
	struct ring_slot *slot;

	for (;;) {
		slot = &r->slots[pos & mask];
		uint64_t seq = atomic_load_explicit(&slot->seq, memory_order_acquire);
		int64_t diff = (int64_t)(seq - pos);

		if (diff == 0) {
			if (atomic_compare_exchange_weak_explicit(&h->tail, &pos, pos + 1,
								  memory_order_relaxed,
								  memory_order_relaxed))
				break;
		} else if (diff < 0) {
			atomic_fetch_add_explicit(&h->dropped, 1, memory_order_relaxed);
			return NULL;
		} else {
			pos = atomic_load_explicit(&h->tail, memory_order_relaxed);
		}
	}
	*claimed = pos;
	return slot->data;
}

int ring_commit(struct ring *r, uint64_t pos, size_t len)
{
	uint64_t mask = r->hdr->nslots - 1;
	struct ring_slot *slot = &r->slots[pos & mask];
	uint64_t expect = pos;

	slot->len = (uint32_t)(len > RING_RECORD_MAX ? RING_RECORD_MAX : len);
	/* Publish. If the consumer gave up on this slot meanwhile (we were
	 * stopped for longer than RING_STALL_NS), the record is lost. */
	if (!atomic_compare_exchange_strong_explicit(&slot->seq, &expect, pos + 1,
						     memory_order_release, memory_order_relaxed))
		return -1;
	/* The next record goes in the next slot, whose first line the
	 * consumer wrote when it took it: fetch its two first lines (a data
	 * call's record) now, not when the program waits for its next call. */
	slot = &r->slots[(pos + 1) & mask];
	__builtin_prefetch(slot, 1);
	__builtin_prefetch((char *)slot + 64, 1);
	return 0;
}

int ring_put(struct ring *r, const char *rec, size_t len)
{
	uint64_t pos;
	char *out = ring_claim(r, &pos);

	if (!out)
		return -1;
	memcpy(out, rec, len > RING_RECORD_MAX ? RING_RECORD_MAX : len);
	return ring_commit(r, pos, len);
}

/* The slot at head is claimed but not filled: wait for its producer, up to
 * RING_STALL_NS, then skip it so one killed process cannot stop the session. */
static void ring_skip_if_stalled(struct ring *r, struct ring_slot *slot, uint64_t pos,
				 int64_t now_ns)
{
	struct ring_header *h = r->hdr;
	uint64_t expect = pos;

	if (r->stall_since_ns == 0) {
		r->stall_since_ns = now_ns;
		return;
	}
	if (now_ns - r->stall_since_ns < RING_STALL_NS)
		return;
	if (atomic_compare_exchange_strong_explicit(&slot->seq, &expect, pos + h->nslots,
						    memory_order_release, memory_order_relaxed)) {
		atomic_store_explicit(&h->head, pos + 1, memory_order_relaxed);
		atomic_fetch_add_explicit(&h->abandoned, 1, memory_order_relaxed);
	}
	r->stall_since_ns = 0;
}

size_t ring_take(struct ring *r, char *buf, size_t cap, int64_t now_ns)
{
	struct ring_header *h = r->hdr;
	uint64_t pos = atomic_load_explicit(&h->head, memory_order_relaxed);
	struct ring_slot *slot = &r->slots[pos & (h->nslots - 1)];
	uint64_t seq = atomic_load_explicit(&slot->seq, memory_order_acquire);
	size_t len;

	if (seq != pos + 1) {
		/* Empty, unless a producer has claimed this position already. */
		if (seq == pos && atomic_load_explicit(&h->tail, memory_order_relaxed) > pos)
			ring_skip_if_stalled(r, slot, pos, now_ns);
		return 0;
	}
	r->stall_since_ns = 0;
	len = slot->len;
	if (len > cap)
		len = cap;
	if (len > RING_RECORD_MAX)
		len = RING_RECORD_MAX;
	memcpy(buf, slot->data, len);
	atomic_store_explicit(&slot->seq, pos + h->nslots, memory_order_release);
	atomic_store_explicit(&h->head, pos + 1, memory_order_relaxed);
	return len;
}

uint64_t ring_lost(const struct ring *r)
{
	return atomic_load_explicit(&r->hdr->dropped, memory_order_relaxed) +
	       atomic_load_explicit(&r->hdr->abandoned, memory_order_relaxed);
}

/* True when the ring file at path belongs to a collector that is gone. */
static bool ring_is_stale(const char *path)
{
	struct ring_header hdr;
	struct stat st;
	bool stale = false;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);

	if (fd < 0)
		return false;
	if (fstat(fd, &st) == 0 && st.st_uid == geteuid() &&
	    pread(fd, &hdr, sizeof(hdr), 0) == (ssize_t)sizeof(hdr) && hdr.magic == RING_MAGIC &&
	    hdr.collector_pid > 0)
		stale = kill(hdr.collector_pid, 0) < 0 && errno == ESRCH;
	raw_close(fd);
	return stale;
}

void ring_remove_stale(const char *dir)
{
	char path[4096];
	struct dirent *de;
	DIR *d = opendir(dir);

	while (d && (de = readdir(d))) {
		size_t n = strlen(de->d_name);
		if (strncmp(de->d_name, "socklab-", 8) != 0 || n < 5 ||
		    strcmp(de->d_name + n - 5, ".ring") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (ring_is_stale(path))
			unlink(path);
	}
	if (d)
		closedir(d);
}
