/*
 * fuzz_ring: the ring's consumer against a hostile producer. Any program
 * that can open the ring may write every byte of it -- the header's
 * geometry, the tail, each slot's seq and len -- while socklab, as root,
 * reads it. So the input is written over the whole shared mapping (header
 * and slots), a frame at a time, and between two frames the consumer
 * polls as the collector does (a bounded number of ring_take calls, the
 * clock moving on so stalled slots are given up), and an honest producer
 * puts a record (the tracer, which must neither crash nor spin).
 *
 * The consumer must never crash (ASan, UBSan), never hang, and never hand
 * on a record out of bounds; its own view of the ring (geometry, head)
 * must not move but by its own steps. Every record it hands on is then
 * read as the collector reads it (jscan, or the binary data-call record),
 * which must not crash either.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/jscan.h"
#include "wire/ring.h"
#include "wire/ringrec.h"

#define NSLOTS 16
/* ring_take calls per poll, as col_take_ring's budget, smaller. */
#define POLL_TAKES 64
#define FRAMES_MAX 32

static struct ring r;
static int64_t clock_ns;
static const char honest[] = "{\"t\":1,\"src\":\"call\",\"pid\":1}";

static void on_member(void *arg, const struct jscan_member *m)
{
	int64_t v;

	(void)arg;
	(void)jscan_int(m, &v);
}

/* What the collector does with a record it was handed. */
static void read_record(const char *rec, size_t len)
{
	char line[RING_RECORD_MAX + 512], sock[RINGREC_TEXT_MAX + 1];

	if (rec[0] == RINGREC_IO)
		(void)ringrec_io_json(rec, len, line, sizeof(line), sock, sizeof(sock));
	else
		(void)jscan_object(rec, len, on_member, NULL);
}

/* The consumer's view, which nothing in the mapping may change. */
static void check_view(const struct ring *before)
{
	if (r.nslots != before->nslots || r.mask != before->mask ||
	    r.map_size != before->map_size || r.hdr != before->hdr || r.slots != before->slots ||
	    r.t0_ns != before->t0_ns)
		abort();
}

static void poll_once(void)
{
	char buf[RING_RECORD_MAX];
	struct ring before = r;

	for (int i = 0; i < POLL_TAKES; i++) {
		uint64_t head = r.head;
		long n = ring_take(&r, buf, sizeof(buf), clock_ns);

		check_view(&before);
		/* One slot per call: head moves by one at most. */
		if (r.head != head && r.head != head + 1)
			abort();
		if (n == 0)
			break;
		if (n < 0)
			continue;
		if (n > RING_RECORD_MAX || r.head != head + 1)
			abort();
		read_record(buf, (size_t)n);
	}
	/* Past the stall limit: the next poll may give up on a slot. */
	clock_ns += 600 * 1000 * 1000LL;
}

/* A fresh ring for each input: slots and header as ring_create left them. */
static void ring_reset(void)
{
	static bool made;
	char path[64], err[256];

	if (!made) {
		snprintf(path, sizeof(path), "/dev/shm/socklab-fuzz-%d.ring", (int)getpid());
		unlink(path);
		if (ring_create(&r, path, NSLOTS, 0600, err, sizeof(err)) < 0) {
			fprintf(stderr, "fuzz_ring: %s\n", err);
			abort();
		}
		unlink(path);
		made = true;
	}
	memset(r.slots, 0, (size_t)NSLOTS * sizeof(struct ring_slot));
	for (uint32_t i = 0; i < NSLOTS; i++)
		atomic_store(&r.slots[i].seq, i);
	atomic_store(&r.hdr->tail, 0);
	atomic_store(&r.hdr->dropped, 0);
	r.hdr->nslots = NSLOTS;
	r.head = 0;
	r.abandoned = r.invalid = 0;
	r.stall_since_ns = 0;
	clock_ns = 1000 * 1000 * 1000LL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t map;
	int frames = 0;

	ring_reset();
	map = r.map_size;
	/* Frame by frame: the input over the mapping, then an honest put and
	 * a poll. A short last frame overwrites the start only. */
	for (size_t off = 0; off < size && frames < FRAMES_MAX; off += map, frames++) {
		size_t n = size - off < map ? size - off : map;

		memcpy(r.hdr, data + off, n);
		(void)ring_put(&r, honest, sizeof(honest) - 1);
		(void)ring_full(&r);
		poll_once();
	}
	/* And a few polls more, as the collector's last drain does. */
	for (int i = 0; i < 4; i++)
		poll_once();
	return 0;
}
