/*
 * clock.h - the clocks and the naps of socklab, one way.
 *
 * Times inside socklab are CLOCK_MONOTONIC (never jumps back); only what a
 * session folder calls "when it was recorded" is CLOCK_REALTIME. Naps are
 * nanosleep(), which is async-signal-safe, so a process between fork()
 * and exec() (the guardian) may nap too. The tracer keeps its own clock
 * (ring_now_ns() in wire/ring.c): it may include nothing outside wire/.
 */
#ifndef SOCKLAB_CLOCK_H
#define SOCKLAB_CLOCK_H

#include <stdint.h>
#include <time.h>

static inline int64_t clock_ns(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline int64_t mono_ns(void)
{
	return clock_ns(CLOCK_MONOTONIC);
}

static inline int64_t mono_ms(void)
{
	return mono_ns() / 1000000;
}

static inline int64_t real_ns(void)
{
	return clock_ns(CLOCK_REALTIME);
}

/* Sleeps ns nanoseconds (less if a signal comes). */
static inline void sleep_ns(int64_t ns)
{
	struct timespec ts = {(time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL)};

	nanosleep(&ts, NULL);
}

static inline void sleep_ms(int ms)
{
	sleep_ns((int64_t)ms * 1000000);
}

#endif
