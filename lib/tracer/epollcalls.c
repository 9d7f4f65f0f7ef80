/*
 * epollcalls.c - epoll: an instance made (epoll_create), descriptors put
 * into it (epoll_ctl), and the ready ones it hands back (epoll_wait).
 *
 * epoll_wait() does not say which descriptors are ready: it returns each
 * one's epoll_data, which the program chose when it called epoll_ctl() --
 * the descriptor itself (data.fd, the textbook's way) or a pointer to its
 * own record of the client. So the tracer remembers, for each instance,
 * which descriptor each data value was registered for, and turns the ready
 * list back into descriptors: a student then reads "epoll_wait(4) = 1
 * ready=[7]" and finds fd 7's recv() right after it, made by the same
 * thread.
 *
 * The table is shared by every thread of the process and must never make
 * one wait for another, so each entry is claimed with a compare-and-swap
 * and published with a release store; a reader takes only published
 * entries. When it is full, new registrations are not remembered and their
 * descriptors show as -1 in "ready".
 */
#include <errno.h>
#include <stdatomic.h>

#include "tracer/tracer.h"

/* At most this many ready descriptors are listed per call: enough to read. */
#define READY_MAX 16

#define EPTAB_SIZE  8192 /* a power of two */
#define EPTAB_PROBE 64	 /* entries looked at for one key */

enum { SLOT_FREE, SLOT_BUSY, SLOT_USED, SLOT_GONE };

struct epslot {
	_Atomic uint32_t state;
	int32_t epfd, fd;
	uint64_t data;
};

static struct epslot eptab[EPTAB_SIZE];

static size_t ep_hash(int epfd, uint64_t data)
{
	uint64_t h =
		data * 0x9e3779b97f4a7c15ull ^ (uint64_t)(uint32_t)epfd * 0xff51afd7ed558ccdull;

	return (size_t)(h >> 32) & (EPTAB_SIZE - 1);
}

static struct epslot *ep_find(int epfd, uint64_t data)
{
	size_t h = ep_hash(epfd, data);

	for (size_t i = 0; i < EPTAB_PROBE; i++) {
		struct epslot *s = &eptab[(h + i) & (EPTAB_SIZE - 1)];
		uint32_t st = atomic_load_explicit(&s->state, memory_order_acquire);
		if (st == SLOT_FREE)
			return NULL;
		if (st == SLOT_USED && s->epfd == epfd && s->data == data)
			return s;
	}
	return NULL;
}

/* Remembers that data stands for fd in epfd. */
static void ep_remember(int epfd, int fd, uint64_t data)
{
	struct epslot *s = ep_find(epfd, data);
	size_t h = ep_hash(epfd, data);

	if (s) {
		s->fd = fd;
		return;
	}
	for (size_t i = 0; i < EPTAB_PROBE; i++) {
		uint32_t st;
		s = &eptab[(h + i) & (EPTAB_SIZE - 1)];
		st = atomic_load_explicit(&s->state, memory_order_relaxed);
		if ((st != SLOT_FREE && st != SLOT_GONE) ||
		    !atomic_compare_exchange_strong_explicit(&s->state, &st, SLOT_BUSY,
							     memory_order_acquire,
							     memory_order_relaxed))
			continue;
		s->epfd = epfd;
		s->fd = fd;
		s->data = data;
		atomic_store_explicit(&s->state, SLOT_USED, memory_order_release);
		return;
	}
}

/* EPOLL_CTL_DEL names the descriptor, not its data: every entry of fd in
 * epfd goes. Rare enough that looking at the whole table is fine. */
static void ep_forget(int epfd, int fd)
{
	for (size_t i = 0; i < EPTAB_SIZE; i++) {
		struct epslot *s = &eptab[i];
		uint32_t st = SLOT_USED;
		if (atomic_load_explicit(&s->state, memory_order_acquire) != SLOT_USED ||
		    s->epfd != epfd || s->fd != fd)
			continue;
		atomic_compare_exchange_strong_explicit(&s->state, &st, SLOT_GONE,
							memory_order_acq_rel, memory_order_relaxed);
	}
}

static int ep_fd_of(int epfd, uint64_t data)
{
	struct epslot *s = ep_find(epfd, data);

	return s ? s->fd : -1;
}

/* ---- the calls ---------------------------------------------------------- */

static int trace_epoll_create(const char *fn, int size_or_flags)
{
	int64_t t_in = now_ns();
	int ret = fn[12] == '1' ? real_epoll_create1(size_or_flags)
				: real_epoll_create(size_or_flags);
	int err = errno;
	struct rec r;

	rec_call(&r, fn, -1, ret, err, t_in, ACTS_AT_ENTRY);
	rec_emit(&r);
	errno = err;
	return ret;
}

/*
 * The record's fd is the descriptor put in (or taken out), so the call
 * shows on that socket's line; "epfd" is the instance.
 */
static int trace_epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	int64_t t_in = now_ns();
	int ret = real_epoll_ctl(epfd, op, fd, ev);
	int err = errno;
	const char *name = epoll_op_name(op);
	char events[128];
	struct rec r;

	if (ret == 0 && ev && (op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD))
		ep_remember(epfd, fd, ev->data.u64);
	else if (ret == 0 && op == EPOLL_CTL_DEL)
		ep_forget(epfd, fd);
	rec_call(&r, "epoll_ctl", fd, ret, err, t_in, ACTS_AT_ENTRY);
	rec_int(&r, "epfd", epfd);
	if (name)
		rec_str(&r, "op", name);
	else
		rec_int(&r, "op", op);
	if (ev && op != EPOLL_CTL_DEL) {
		epoll_events_str(ev->events, events, sizeof(events));
		rec_str(&r, "events", events);
	}
	rec_emit(&r);
	errno = err;
	return ret;
}

/* The record's fd is the epoll instance; "ready" the descriptors it
 * handed back, in its order. */
static int trace_epoll_wait(int epfd, struct epoll_event *ev, int max, int timeout,
			    const sigset_t *mask, bool p)
{
	int64_t t_in = now_ns();
	int ret = p ? real_epoll_pwait(epfd, ev, max, timeout, mask)
		    : real_epoll_wait(epfd, ev, max, timeout);
	int err = errno;
	int ready[READY_MAX], n = 0;
	struct rec r;

	for (int i = 0; i < ret && n < READY_MAX; i++)
		ready[n++] = ep_fd_of(epfd, ev[i].data.u64);
	rec_call(&r, p ? "epoll_pwait" : "epoll_wait", epfd, ret, err, t_in, ACTS_AT_RETURN);
	rec_int(&r, "maxevents", max);
	rec_int(&r, "timeout_ms", timeout);
	if (ret > 0)
		rec_ints(&r, "ready", ready, n);
	rec_emit(&r);
	errno = err;
	return ret;
}

/* ---- the exported names --------------------------------------------- */

EXPORT int epoll_create(int size)
{
	NEED_REAL(epoll_create);
	if (!tracer_on)
		return real_epoll_create(size);
	return trace_epoll_create("epoll_create", size);
}

EXPORT int epoll_create1(int flags)
{
	NEED_REAL(epoll_create1);
	if (!tracer_on)
		return real_epoll_create1(flags);
	return trace_epoll_create("epoll_create1", flags);
}

EXPORT int epoll_ctl(int epfd, int op, int fd, struct epoll_event *ev)
{
	NEED_REAL(epoll_ctl);
	if (!tracer_on)
		return real_epoll_ctl(epfd, op, fd, ev);
	return trace_epoll_ctl(epfd, op, fd, ev);
}

EXPORT int epoll_wait(int epfd, struct epoll_event *ev, int max, int timeout)
{
	NEED_REAL(epoll_wait);
	if (!tracer_on)
		return real_epoll_wait(epfd, ev, max, timeout);
	return trace_epoll_wait(epfd, ev, max, timeout, NULL, false);
}

EXPORT int epoll_pwait(int epfd, struct epoll_event *ev, int max, int timeout, const sigset_t *mask)
{
	NEED_REAL(epoll_pwait);
	if (!tracer_on)
		return real_epoll_pwait(epfd, ev, max, timeout, mask);
	return trace_epoll_wait(epfd, ev, max, timeout, mask, true);
}
