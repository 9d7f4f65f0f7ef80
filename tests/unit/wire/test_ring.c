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
