/*
 * test_ring.c - the shared-memory ring: order, drops when full, many
 * producers at once, and a slot abandoned by a producer that died.
 */
#include <pthread.h>
#include <sys/wait.h>

#include "tests/unit/testutil.h"
#include "wire/ring.h"

static struct ring r;
static char path[64];

static void ring_setup(uint32_t nslots)
{
	char err[256];

	snprintf(path, sizeof(path), "/dev/shm/socklab-unit-%d.ring", (int)getpid());
	unlink(path);
	cr_assert_eq(ring_create(&r, path, nslots, 0600, err, sizeof(err)), 0, "%s", err);
}

static void ring_teardown(void)
{
	ring_detach(&r);
	unlink(path);
}

Test(ring, gives_records_back_in_the_order_they_were_put)
{
	char buf[RING_RECORD_MAX];

	ring_setup(8);
	for (int i = 0; i < 5; i++) {
		char rec[16];
		snprintf(rec, sizeof(rec), "rec %d", i);
		cr_assert_eq(ring_put(&r, rec, strlen(rec)), 0);
	}
	for (int i = 0; i < 5; i++) {
		size_t n = ring_take(&r, buf, sizeof(buf), ring_now_ns());
		char want[16];
		snprintf(want, sizeof(want), "rec %d", i);
		cr_assert_eq(n, strlen(want));
		cr_assert(memcmp(buf, want, n) == 0);
	}
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), ring_now_ns()), 0,
		     "an empty ring gives nothing");
	ring_teardown();
}

Test(ring, drops_and_counts_when_full_and_never_blocks)
{
	char buf[RING_RECORD_MAX];

	ring_setup(4);
	for (int i = 0; i < 4; i++)
		cr_assert_eq(ring_put(&r, "x", 1), 0);
	cr_assert_eq(ring_put(&r, "y", 1), -1, "a full ring refuses");
	cr_assert_eq(ring_put(&r, "z", 1), -1);
	cr_assert_eq(ring_lost(&r), 2);
	/* Taking one makes room for one more. */
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), ring_now_ns()), 1);
	cr_assert_eq(ring_put(&r, "w", 1), 0);
	ring_teardown();
}

Test(ring, cuts_a_record_longer_than_a_slot)
{
	char big[RING_RECORD_MAX + 100], buf[RING_RECORD_MAX];

	ring_setup(4);
	memset(big, 'a', sizeof(big));
	cr_assert_eq(ring_put(&r, big, sizeof(big)), 0);
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), ring_now_ns()), RING_RECORD_MAX);
	ring_teardown();
}

#define PRODUCERS    4
#define PER_PRODUCER 20000

static void *produce(void *arg)
{
	long id = (long)arg;

	for (int i = 0; i < PER_PRODUCER; i++) {
		char rec[32];
		int n = snprintf(rec, sizeof(rec), "%ld %d", id, i);
		while (ring_put(&r, rec, (size_t)n) < 0)
			; /* the test wants every record: retry until there is room */
	}
	return NULL;
}

Test(ring, loses_nothing_and_keeps_each_producers_order_with_many_threads)
{
	pthread_t t[PRODUCERS];
	int next[PRODUCERS] = {0};
	char buf[RING_RECORD_MAX];
	int got = 0;

	ring_setup(256);
	for (long i = 0; i < PRODUCERS; i++)
		pthread_create(&t[i], NULL, produce, (void *)i);
	while (got < PRODUCERS * PER_PRODUCER) {
		size_t n = ring_take(&r, buf, sizeof(buf) - 1, ring_now_ns());
		long id;
		int seq;
		if (n == 0)
			continue;
		buf[n] = '\0';
		cr_assert_eq(sscanf(buf, "%ld %d", &id, &seq), 2, "record: %s", buf);
		cr_assert_eq(seq, next[id], "producer %ld: got %d, expected %d", id, seq, next[id]);
		next[id]++;
		got++;
	}
	for (int i = 0; i < PRODUCERS; i++)
		pthread_join(t[i], NULL);
	ring_teardown();
}

Test(ring, skips_a_slot_whose_producer_died_after_claiming_it)
{
	char buf[RING_RECORD_MAX];
	int64_t now = ring_now_ns();

	ring_setup(8);
	/* A producer claims position 0 and dies before filling it. */
	atomic_store(&r.hdr->tail, 1);
	cr_assert_eq(ring_put(&r, "after", 5), 0);
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), now), 0, "waits for the slot at first");
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), now + 2000000000LL), 0,
		     "gives up on it after the stall limit");
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), now + 2000000000LL), 5,
		     "then goes on with the next record");
	cr_assert_eq(ring_lost(&r), 1);
	ring_teardown();
}

Test(ring, refuses_to_attach_to_a_file_that_is_not_a_ring)
{
	struct ring other;
	char *dir = temp_dir();
	char file[4200];

	write_file(dir, "not-a-ring", "hello");
	snprintf(file, sizeof(file), "%s/not-a-ring", dir);
	cr_assert_eq(ring_attach(&other, file), -1);
	cr_assert_eq(ring_attach(&other, "/nonexistent/ring"), -1);
	rm_rf(dir);
}

/* A ring whose collector is gone (killed, crashed) is removed by the next
 * socklab; one whose collector lives is not. */
Test(ring, a_ring_left_by_a_dead_collector_is_removed_and_a_live_one_kept)
{
	char *dir = temp_dir(), dead[4200], live[4200], err[256];
	struct ring a, b;
	pid_t gone = fork();

	if (gone == 0)
		_exit(0);
	cr_assert_eq(waitpid(gone, NULL, 0), gone);
	snprintf(dead, sizeof(dead), "%s/socklab-dead.ring", dir);
	snprintf(live, sizeof(live), "%s/socklab-live.ring", dir);
	cr_assert_eq(ring_create(&a, dead, 4, 0600, err, sizeof(err)), 0, "%s", err);
	cr_assert_eq(ring_create(&b, live, 4, 0600, err, sizeof(err)), 0, "%s", err);
	a.hdr->collector_pid = gone;
	ring_remove_stale(dir);
	cr_assert_neq(access(dead, F_OK), 0, "the dead collector's ring is gone");
	cr_assert_eq(access(live, F_OK), 0, "a live collector's ring stays");
	ring_detach(&a);
	ring_detach(&b);
	rm_rf(dir);
}

/* ---- a producer that lies ------------------------------------------------
 * Anyone who can open the ring can write every byte of it; the consumer
 * (socklab, root) must take nothing from it but records in bounds. */

Test(ring, the_consumer_ignores_a_rewritten_header)
{
	char buf[RING_RECORD_MAX];

	ring_setup(8);
	cr_assert_eq(ring_put(&r, "one", 3), 0);
	r.hdr->nslots = 0xffffffffu;
	r.hdr->slot_size = 7;
	memset(r.hdr->_unused, 0xff, sizeof(r.hdr->_unused));
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), ring_now_ns()), 3);
	cr_assert(memcmp(buf, "one", 3) == 0);
	cr_assert_eq(r.nslots, 8, "its own geometry is the one it made");
	atomic_store(&r.hdr->tail, UINT64_MAX - 3);
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), ring_now_ns()), 0, "nothing is there");
	cr_assert_eq(ring_backlog(&r), 0, "a wild tail is no backlog");
	ring_teardown();
}

Test(ring, a_slot_with_a_length_out_of_bounds_is_skipped_and_counted)
{
	char buf[RING_RECORD_MAX];

	ring_setup(8);
	cr_assert_eq(ring_put(&r, "bad", 3), 0);
	cr_assert_eq(ring_put(&r, "good", 4), 0);
	r.slots[0].len = 0xffffffffu;
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), ring_now_ns()), -1);
	cr_assert_eq(r.invalid, 1);
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), ring_now_ns()), 4, "the next is taken");
	ring_teardown();
}

Test(ring, a_seq_no_producer_writes_is_skipped_after_the_stall_wait)
{
	char buf[RING_RECORD_MAX];
	int64_t now = ring_now_ns();

	ring_setup(8);
	cr_assert_eq(ring_put(&r, "lie", 3), 0);
	cr_assert_eq(ring_put(&r, "next", 4), 0);
	atomic_store(&r.slots[0].seq, 0x123456789abcdefull);
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), now), 0, "not at once");
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), now + 2000000000LL), -1, "then skipped");
	cr_assert_eq(r.invalid, 1);
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), now + 2000000000LL), 4);
	cr_assert(memcmp(buf, "next", 4) == 0);
	ring_teardown();
}

/* Every slot says it holds a record: the consumer takes one per call, each
 * at most RING_RECORD_MAX, and its head moves one at a time. */
Test(ring, slots_forged_full_are_taken_one_at_a_time_in_bounds)
{
	char buf[RING_RECORD_MAX];

	ring_setup(4);
	for (uint64_t i = 0; i < 4; i++) {
		atomic_store(&r.slots[i].seq, i + 1);
		r.slots[i].len = (uint32_t)(i == 2 ? RING_RECORD_MAX + 1 : RING_RECORD_MAX);
	}
	for (int i = 0; i < 4; i++) {
		long n = ring_take(&r, buf, sizeof(buf), ring_now_ns());
		cr_assert(n == RING_RECORD_MAX || (i == 2 && n == -1), "take %d: %ld", i, n);
		cr_assert_eq(r.head, (uint64_t)i + 1);
	}
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), ring_now_ns()), 0);
	ring_teardown();
}

/* The tracer never spins: a tail rewritten to where the slots say another
 * producer has been makes it give up and count a drop. */
Test(ring, a_producer_facing_a_rewritten_tail_gives_up)
{
	ring_setup(8);
	for (uint32_t i = 0; i < 8; i++)
		atomic_store(&r.slots[i].seq, i + 100);
	cr_assert_eq(ring_put(&r, "x", 1), -1);
	cr_assert_eq(atomic_load(&r.hdr->dropped), 1);
	cr_assert_not(ring_full(&r), "the slot at tail looks claimed, not full");
	ring_teardown();
}

/* A program truncates the ring's file: the consumer's next look would raise
 * SIGBUS. It finds an empty, broken ring instead. */
Test(ring, a_ring_cut_short_under_the_consumer_is_broken_not_fatal)
{
	char buf[RING_RECORD_MAX];

	ring_setup(8);
	cr_assert_eq(ring_put(&r, "x", 1), 0);
	cr_assert_eq(truncate(path, 0), 0);
	cr_assert_eq(ring_take(&r, buf, sizeof(buf), ring_now_ns()), 0);
	cr_assert(ring_broken(&r));
	cr_assert_eq(ring_backlog(&r), 0);
	ring_teardown();
}
