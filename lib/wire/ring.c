/*
 * ring.c - the shared-memory event ring (see ring.h for the picture).
 *
 * Slot i starts with seq = i. A producer that finds seq == pos at its claimed
 * position owns the slot; it fills it and publishes seq = pos + 1. The
 * consumer takes the record and frees the slot for the next lap with
 * seq = pos + nslots. A producer that finds seq < pos knows the consumer has
 * not freed that slot yet: the ring is full, and it drops its record.
 *
 * Every party keeps the geometry it mapped (nslots, mask, map_size) in its
 * own struct ring, and the consumer its head: a program that rewrites the
 * header changes nothing anyone reads back. At head, a slot following the
 * protocol has seq == pos (not filled yet) or pos + 1 (a record); anything
 * else is skipped, after the same wait as a producer that died.
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
/* A producer gives up (and counts a drop) after this many tries at the
 * tail: other producers win each race only by moving the tail on, so only
 * a tail that someone rewrote keeps it trying. */
#define RING_CLAIM_TRIES 1024

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

/* Maps fd (size bytes, nslots slots, as the caller knows them: not as the
 * file says) and sets up r's private view. */
static int ring_map(struct ring *r, int fd, size_t size, uint32_t nslots, int64_t t0_ns)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);

	if (p == MAP_FAILED)
		return -1;
	memset(r, 0, sizeof(*r));
	r->hdr = p;
	r->slots = (struct ring_slot *)((char *)p + sizeof(struct ring_header));
	r->map_size = size;
	r->nslots = nslots;
	r->mask = (uint64_t)nslots - 1;
	r->t0_ns = t0_ns;
	r->guard = -1;
	return 0;
}

/* ---- the SIGBUS guard --------------------------------------------------
 * A program that may write the file may also truncate it; the consumer's
 * next look at a page past the new end would then raise SIGBUS and end
 * socklab. The guard catches that fault at a guarded ring's address, maps
 * empty private pages over the whole ring and marks it broken; the access
 * is then made again, to the empty pages. A fault anywhere else goes to
 * the action there was before. */

#define RING_GUARDS 16

static struct {
	_Atomic uintptr_t lo;
	_Atomic size_t len;
	atomic_bool broken;
} guards[RING_GUARDS];
static struct sigaction bus_before;
static atomic_int bus_installed;

static void on_sigbus(int sig, siginfo_t *si, void *ctx)
{
	uintptr_t at = (uintptr_t)si->si_addr;

	(void)sig;
	(void)ctx;
	for (int i = 0; i < RING_GUARDS; i++) {
		uintptr_t lo = atomic_load(&guards[i].lo);
		size_t len = atomic_load(&guards[i].len);

		if (lo && at >= lo && at - lo < len) {
			mmap((void *)lo, len, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
			atomic_store(&guards[i].broken, true);
			return;
		}
	}
	sigaction(SIGBUS, &bus_before, NULL);
}

int ring_guard(struct ring *r)
{
	struct sigaction sa = {.sa_sigaction = on_sigbus, .sa_flags = SA_SIGINFO | SA_RESTART};

	if (atomic_exchange(&bus_installed, 1) == 0) {
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGBUS, &sa, &bus_before) < 0) {
			atomic_store(&bus_installed, 0);
			return -1;
		}
	}
	for (int i = 0; i < RING_GUARDS; i++) {
		uintptr_t none = 0;

		atomic_store(&guards[i].len, 0);
		if (atomic_compare_exchange_strong(&guards[i].lo, &none, (uintptr_t)r->hdr)) {
			atomic_store(&guards[i].broken, false);
			atomic_store(&guards[i].len, r->map_size);
			r->guard = i;
			return 0;
		}
	}
	return -1;
}

bool ring_broken(const struct ring *r)
{
	return r->guard >= 0 && atomic_load(&guards[r->guard].broken);
}

static void ring_unguard(struct ring *r)
{
	if (r->guard < 0)
		return;
	atomic_store(&guards[r->guard].len, 0);
	atomic_store(&guards[r->guard].lo, 0);
	r->guard = -1;
}

/* ---- making, mapping ----------------------------------------------------- */

int ring_create(struct ring *r, const char *path, uint32_t nslots, int mode, char *err,
		size_t errlen)
{
	size_t size;
	int64_t t0;
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
	t0 = ring_now_ns();
	/* open() applies the umask; traced programs of other users need mode. */
	if (fchmod(fd, mode) < 0 || ftruncate(fd, (off_t)size) < 0 ||
	    ring_map(r, fd, size, nslots, t0) < 0) {
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
	r->hdr->t0_ns = t0;
	/* The magic goes last: a reader that sees it sees a ready ring. */
	atomic_thread_fence(memory_order_release);
	r->hdr->magic = RING_MAGIC;
	ring_guard(r);
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
	if (ring_map(r, fd, (size_t)st.st_size, hdr.nslots, hdr.t0_ns) < 0)
		goto out_close;
	raw_close(fd);
	return 0;

out_close:
	raw_close(fd);
	return -1;
}

void ring_detach(struct ring *r)
{
	ring_unguard(r);
	if (r->hdr)
		munmap(r->hdr, r->map_size);
	r->hdr = NULL;
	r->slots = NULL;
}

char *ring_claim(struct ring *r, uint64_t *claimed)
{
	struct ring_header *h = r->hdr;
	uint64_t pos = atomic_load_explicit(&h->tail, memory_order_relaxed);
	struct ring_slot *slot;

	for (int tries = 0; tries < RING_CLAIM_TRIES; tries++) {
		slot = &r->slots[pos & r->mask];
		uint64_t seq = atomic_load_explicit(&slot->seq, memory_order_acquire);
		int64_t diff = (int64_t)(seq - pos);

		if (diff == 0) {
			if (atomic_compare_exchange_weak_explicit(&h->tail, &pos, pos + 1,
								  memory_order_relaxed,
								  memory_order_relaxed)) {
				*claimed = pos;
				return slot->data;
			}
		} else if (diff < 0) {
			break;
		} else {
			/* Another producer took pos, so the tail has moved on;
			 * a tail that has not was rewritten: give up. */
			uint64_t now = atomic_load_explicit(&h->tail, memory_order_relaxed);
			if (now == pos)
				break;
			pos = now;
		}
	}
	atomic_fetch_add_explicit(&h->dropped, 1, memory_order_relaxed);
	return NULL;
}

int ring_commit(struct ring *r, uint64_t pos, size_t len)
{
	struct ring_slot *slot = &r->slots[pos & r->mask];
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
	slot = &r->slots[(pos + 1) & r->mask];
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

/* Frees the slot at head for the next lap and moves head on. */
static void ring_advance(struct ring *r, struct ring_slot *slot)
{
	atomic_store_explicit(&slot->seq, r->head + r->nslots, memory_order_release);
	r->head++;
	r->stall_since_ns = 0;
}

/* The slot at head is not ready: claimed and not filled yet, or holding a
 * seq no producer writes. Wait, up to RING_STALL_NS, then skip it, so that
 * one killed process -- or one that scribbled over the slot -- cannot stop
 * the session. Returns true when it was skipped. */
static bool ring_skip_if_stalled(struct ring *r, struct ring_slot *slot, uint64_t seq,
				 int64_t now_ns)
{
	uint64_t pos = r->head;

	if (r->stall_since_ns == 0) {
		r->stall_since_ns = now_ns;
		return false;
	}
	if (now_ns - r->stall_since_ns < RING_STALL_NS)
		return false;
	/* The slot's owner, if it wakes now, finds it taken from it
	 * (ring_commit's exchange fails): its record is lost, not torn. */
	if (atomic_compare_exchange_strong_explicit(&slot->seq, &seq, pos + r->nslots,
						    memory_order_release, memory_order_relaxed)) {
		r->head++;
		r->stall_since_ns = 0;
		return true;
	}
	return false;
}

long ring_take(struct ring *r, char *buf, size_t cap, int64_t now_ns)
{
	uint64_t pos = r->head;
	struct ring_slot *slot = &r->slots[pos & r->mask];
	uint64_t seq;
	uint32_t len;

	if (ring_broken(r))
		return 0;
	seq = atomic_load_explicit(&slot->seq, memory_order_acquire);
	if (seq == pos) {
		/* Empty, unless a producer has claimed this position already. */
		if (atomic_load_explicit(&r->hdr->tail, memory_order_relaxed) > pos &&
		    ring_skip_if_stalled(r, slot, seq, now_ns))
			r->abandoned++;
		return 0;
	}
	if (seq != pos + 1) {
		if (!ring_skip_if_stalled(r, slot, seq, now_ns))
			return 0;
		r->invalid++;
		return -1;
	}
	/* Read once: the producer may write the slot again while we copy. */
	len = atomic_load_explicit((_Atomic uint32_t *)&slot->len, memory_order_relaxed);
	if (len == 0 || len > RING_RECORD_MAX || len > cap) {
		ring_advance(r, slot);
		r->invalid++;
		return -1;
	}
	memcpy(buf, slot->data, len);
	ring_advance(r, slot);
	return (long)len;
}

uint64_t ring_backlog(const struct ring *r)
{
	uint64_t tail = atomic_load_explicit(&r->hdr->tail, memory_order_relaxed);

	if (ring_broken(r) || tail < r->head || tail - r->head > r->nslots)
		return 0;
	return tail - r->head;
}

uint64_t ring_lost(const struct ring *r)
{
	uint64_t dropped =
		ring_broken(r) ? 0 : atomic_load_explicit(&r->hdr->dropped, memory_order_relaxed);

	return dropped + r->abandoned;
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
