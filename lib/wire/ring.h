/*
 * ring.h - the shared-memory ring that carries events from traced programs
 * to the collector.
 *
 * The collector creates a small file (in /dev/shm) and maps it; every traced
 * process maps the same file, then closes its descriptor. So the tracer holds
 * no descriptor a program could see, close or dup2() over, and a forked child
 * keeps writing to the same ring because MAP_SHARED mappings are inherited.
 *
 * Many producers (processes, threads, signal handlers), one consumer. A
 * producer never waits: when the ring is full it drops the record and counts
 * it. Records are text (one JSON object each) of at most RING_RECORD_MAX
 * bytes. The algorithm is Dmitry Vyukov's bounded queue: each slot carries a
 * sequence number that says whose turn it is.
 *
 * Trust. Any program that runs with the ring's name may write every byte
 * of the file (it is 0666 for the grader's sandbox user), and socklab's
 * consumer runs as root. So the consumer believes nothing it reads there:
 * its geometry (slots, their size, the map's size) and its head are its
 * own copies, in its own memory, from when it made the ring; a slot's index
 * is always masked; a slot's seq is only compared, its len bounded; a
 * record is handed on only when it is whole and in bounds, and the caller
 * checks its contents. Producers learn that the ring is full from the
 * slots' seq alone: there is no shared head for anyone to rewrite. What a
 * hostile producer can still do is spoil its own session's records.
 */
#ifndef SOCKLAB_RING_H
#define SOCKLAB_RING_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define RING_MAGIC	   0x534b4c52u /* "SKLR" */
#define RING_VERSION	   2
#define RING_SLOT_SIZE	   512
#define RING_RECORD_MAX	   (RING_SLOT_SIZE - 16)
#define RING_DEFAULT_SLOTS 16384 /* 8 MiB: about 0.1 s of a flood */

/* RING_ASK_TCPINFO: report TCP states read with TCP_INFO (the state source
 * has no tracefs; see lib/tracer/tcpinfo.c). */
#define RING_ASK_TCPINFO 0x1u
/* RING_ASK_HOLD_THREADS: hold each new thread until its process makes the
 * next one (a lab's scenario; see lib/tracer/threadcalls.c). */
#define RING_ASK_HOLD_THREADS 0x2u

struct ring_slot {
	_Atomic uint64_t seq; /* pos: free for a producer; pos+1: holds a record */
	uint32_t len;
	uint32_t pad;
	char data[RING_RECORD_MAX];
};

/*
 * The header of the file. Producers read it once, when they map the ring;
 * the consumer never reads back what it wrote there (see "Trust" above).
 * Fields that different parties write live on separate cache lines so
 * producers and the consumer do not slow each other down.
 */
struct ring_header {
	/* Set once by the collector before anyone else maps the file. */
	uint32_t magic;
	uint32_t version;
	uint32_t nslots; /* a power of two */
	uint32_t slot_size;
	int64_t t0_ns; /* CLOCK_MONOTONIC at the start of the session */
	int32_t collector_pid;
	/* What socklab asks of every tracer on this ring (RING_ASK_* bits);
	 * set by the collector's sources, read by the tracers at each call. */
	_Atomic uint32_t asks;
	char _pad0[64 - 32];

	/* Written by producers; to the consumer, hints only. */
	_Atomic uint64_t tail; /* next position to claim */
	char _pad1[56];
	_Atomic uint64_t dropped; /* records refused because the ring was full */
	char _pad2[56];
	char _unused[64]; /* version 1 kept the consumer's head here */
};

/* One party's view of a ring. Everything but hdr's and slots' memory is
 * private: copied from the header at ring_attach(), or set by
 * ring_create(), and never read from the file again. */
struct ring {
	struct ring_header *hdr;
	struct ring_slot *slots;
	size_t map_size;
	uint32_t nslots;
	uint64_t mask; /* nslots - 1 */
	int64_t t0_ns;
	/* Consumer only. */
	uint64_t head;		/* next position to take */
	uint64_t abandoned;	/* claimed slots skipped after a producer died */
	uint64_t invalid;	/* slots skipped because they held no valid record */
	int64_t stall_since_ns; /* when the slot at head was first seen not ready */
	int guard;		/* its entry in the SIGBUS guard (ring.c), or -1 */
};

/* Creates the ring file at path (mode as for open(2)) and maps it. Returns 0,
 * or -1 with a message in err. */
int ring_create(struct ring *r, const char *path, uint32_t nslots, int mode, char *err,
		size_t errlen);

/* Maps an existing ring. Uses only raw system calls, so the preloaded tracer
 * may call it before the C library has finished starting. Returns 0 or -1. */
int ring_attach(struct ring *r, const char *path);

/* Consumer: guards r against a file cut short under it (see ring_broken).
 * ring_create() does this itself; a consumer that attached calls it.
 * Returns 0, or -1 when the guard could not be set. */
int ring_guard(struct ring *r);

void ring_detach(struct ring *r);

/* Producer: appends one record. Returns 0, or -1 when the ring was full and
 * the record was dropped (and counted). Lock-free and async-signal-safe. */
int ring_put(struct ring *r, const char *rec, size_t len);

/* The same in two steps, for a record written in place: ring_claim() takes
 * the next slot and returns where its record goes (RING_RECORD_MAX bytes),
 * or NULL when the ring is full (the drop counted); ring_commit() then
 * publishes the len bytes written there (0, or -1 when the consumer gave
 * the slot up meanwhile). Between the two, write and nothing else: the
 * consumer waits for a claimed slot (RING_STALL_NS at most). */
char *ring_claim(struct ring *r, uint64_t *pos);
int ring_commit(struct ring *r, uint64_t pos, size_t len);

/* Producer: true when a record put now would be dropped (a hint: the
 * consumer may free a slot a moment later). The slot at tail says so: its
 * seq is still the last lap's until the consumer frees it. */
static inline bool ring_full(struct ring *r)
{
	uint64_t tail = atomic_load_explicit(&r->hdr->tail, memory_order_relaxed);
	uint64_t seq = atomic_load_explicit(&r->slots[tail & r->mask].seq, memory_order_relaxed);

	return (int64_t)(seq - tail) < 0;
}

/* Producer: counts a record dropped without trying ring_put. */
static inline void ring_count_drop(struct ring *r)
{
	atomic_fetch_add_explicit(&r->hdr->dropped, 1, memory_order_relaxed);
}

/* Consumer: takes the next record into buf (cap bytes, at least
 * RING_RECORD_MAX). Returns its length; 0 when there is none yet; -1 when
 * the slot at head held no valid record (a length out of bounds, or a seq
 * no producer following the protocol writes): the slot was skipped and
 * counted in r->invalid, and the caller may take the next. Each call looks
 * at one slot, so a caller that bounds its calls bounds its work. now_ns is
 * the caller's clock, used to give up on a slot whose producer died between
 * claiming and filling it. */
long ring_take(struct ring *r, char *buf, size_t cap, int64_t now_ns);

/* Consumer: how many records producers say they have claimed and the
 * consumer has not taken yet (a hint, from the shared tail: 0 when the
 * ring says nonsense). */
uint64_t ring_backlog(const struct ring *r);

/* Consumer: true when the ring's file was cut short under its mapping
 * (a program truncated it): the consumer's memory was replaced by empty
 * pages where the fault happened, and the ring gives nothing more. */
bool ring_broken(const struct ring *r);

/* Removes the rings in dir (socklab-*.ring) whose collector process is
 * gone: a socklab that was killed cannot remove its own. Rings of other
 * users are left alone. */
void ring_remove_stale(const char *dir);

/* CLOCK_MONOTONIC in nanoseconds: the clock of every event's t. */
int64_t ring_now_ns(void);

/* How many records were dropped or abandoned so far (dropped is the
 * producers' count, as they wrote it). */
uint64_t ring_lost(const struct ring *r);

#endif
