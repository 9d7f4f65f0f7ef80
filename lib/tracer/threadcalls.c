/*
 * threadcalls.c - threads: pthread_create(), each thread's start and end.
 *
 * A thread's story in a session: the creator's "pthread_create" call, then
 * "thread" (a proc record written by the new thread itself as it starts:
 * its own tid, and its creator's), then "thread_exit" as its start routine
 * returns or it calls pthread_exit(). To write "thread" from inside the new
 * thread, pthread_create() starts a small trampoline that writes it and
 * then calls the program's own start routine with its own argument.
 *
 * The trampoline's two words (the routine and its argument) cannot wait
 * on the creator's stack, and the tracer never allocates: they wait in one
 * of a few fixed slots until the new thread has copied them. With every
 * slot taken, the thread starts as the program asked, unannounced: its
 * calls still carry its tid.
 *
 * Holding a thread (RING_ASK_HOLD_THREADS, asked by a lab's scenario):
 * the new thread waits before its start routine until its process calls
 * pthread_create() once more, or until socklab stops asking, or
 * HOLD_MAX_NS. A scheduler may run threads in that order any time; socklab
 * makes it happen every time, so that a lab about the race of
 * `pthread_create(..., &clnt_sock)` shows it for certain: by the time the
 * first thread reads clnt_sock, the server has accepted the next client
 * into it. The program sees nothing but a thread that starts late.
 */
#include <errno.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "tracer/tracer.h"

#define START_SLOTS 64
#define HOLD_MAX_NS (10 * 1000000000LL)
#define HOLD_NAP_NS (1000000L)

struct start_slot {
	_Atomic int taken;
	void *(*start)(void *);
	void *arg;
	int creator; /* the tid that called pthread_create() */
	long no;     /* the process's count of threads made, this one's */
};

static struct start_slot slots[START_SLOTS];
static _Atomic long threads_made;

static bool hold_asked(void)
{
	return atomic_load_explicit(&tracer_ring.hdr->asks, memory_order_relaxed) &
	       RING_ASK_HOLD_THREADS;
}

/* Waits as the header comment says (thread no was made last); returns how
 * long, in ns, or -1 when nobody asked. */
static int64_t hold_if_asked(long no)
{
	int64_t t0 = now_ns();
	struct timespec nap = {0, HOLD_NAP_NS};

	if (!hold_asked())
		return -1;
	while (hold_asked() && atomic_load_explicit(&threads_made, memory_order_acquire) == no &&
	       now_ns() - t0 < HOLD_MAX_NS)
		syscall(SYS_nanosleep, &nap, NULL);
	return now_ns() - t0;
}

static void report_thread(const struct start_slot *s, int64_t held_ns)
{
	struct rec r;

	rec_begin(&r, "proc", now_ns());
	rec_str(&r, "event", "thread");
	rec_int(&r, "creator", s->creator);
	rec_int(&r, "thread_no", s->no);
	if (held_ns >= 0)
		rec_int(&r, "held_ms", held_ns / 1000000);
	rec_emit(&r);
}

static void report_thread_exit(void)
{
	struct rec r;

	rec_begin(&r, "proc", now_ns());
	rec_str(&r, "event", "thread_exit");
	rec_emit(&r);
}

/* The new thread's first code: copy the slot out and free it, say it
 * started, run the program's routine, say it ended. */
static void *thread_start(void *arg)
{
	struct start_slot *slot = arg, s;
	int err = errno; /* a new thread's: the routine must find it as it was */
	void *ret;

	s.start = slot->start;
	s.arg = slot->arg;
	s.creator = slot->creator;
	s.no = slot->no;
	atomic_store_explicit(&slot->taken, 0, memory_order_release);
	report_thread(&s, hold_if_asked(s.no));
	errno = err;
	ret = s.start(s.arg);
	report_thread_exit();
	return ret;
}

static struct start_slot *slot_take(void)
{
	for (int i = 0; i < START_SLOTS; i++) {
		int free_ = 0;
		if (atomic_compare_exchange_strong_explicit(&slots[i].taken, &free_, 1,
							    memory_order_acquire,
							    memory_order_relaxed))
			return &slots[i];
	}
	return NULL;
}

/* ret is what pthread_create() returns: 0, or an error number. The record
 * says -1 and names that error in "errno", as for the other calls. */
static int trace_pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*start)(void *),
				void *arg)
{
	int64_t t_in = now_ns();
	struct start_slot *slot = slot_take();
	long no = atomic_fetch_add_explicit(&threads_made, 1, memory_order_acq_rel) + 1;
	int ret;
	struct rec r;

	if (slot) {
		slot->start = start;
		slot->arg = arg;
		slot->creator = tracer_tid();
		slot->no = no;
		ret = real_pthread_create(t, attr, thread_start, slot);
		if (ret != 0)
			atomic_store_explicit(&slot->taken, 0, memory_order_release);
	} else {
		ret = real_pthread_create(t, attr, start, arg);
	}
	rec_call(&r, "pthread_create", -1, ret ? -1 : 0, ret, t_in, ACTS_AT_ENTRY);
	if (ret == 0 && slot)
		rec_int(&r, "thread_no", no);
	rec_emit(&r);
	return ret;
}

EXPORT int pthread_create(pthread_t *t, const pthread_attr_t *attr, void *(*start)(void *),
			  void *arg)
{
	int err = errno, ret;

	NEED_REAL(pthread_create);
	if (!tracer_on)
		return real_pthread_create(t, attr, start, arg);
	ret = trace_pthread_create(t, attr, start, arg);
	errno = err;
	return ret;
}

EXPORT void pthread_exit(void *ret)
{
	NEED_REAL(pthread_exit);
	if (tracer_on)
		report_thread_exit();
	real_pthread_exit(ret);
	__builtin_unreachable();
}
