/*
 * feed.c - lines of a live session, from the collector's thread to the
 * viewer's.
 *
 * The collector calls viewer_feed_line() for each line it writes; the
 * viewer takes everything waiting at once (feed_take), swapping buffers
 * under the lock, so neither side waits for the other longer than a
 * memcpy. The model is touched only by the viewer's thread.
 */
#include "feed.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"

struct viewer_feed {
	pthread_mutex_t lock;
	char *buf; /* whole lines, each ending in '\n' */
	size_t len, cap;
	int64_t t0;
	bool ended;
	char why[256];
};

struct viewer_feed *viewer_feed_new(void)
{
	struct viewer_feed *f = calloc(1, sizeof(*f));

	if (f)
		pthread_mutex_init(&f->lock, NULL);
	return f;
}

void viewer_feed_free(struct viewer_feed *f)
{
	if (!f)
		return;
	pthread_mutex_destroy(&f->lock);
	free(f->buf);
	free(f);
}

void viewer_feed_line(void *arg, const char *line, size_t len)
{
	struct viewer_feed *f = arg;

	pthread_mutex_lock(&f->lock);
	/* Room for the line and its newline: bytes up to index len + len. */
	if (array_grow(&f->buf, &f->cap, f->len + len, 1) < 0)
		goto out_unlock;
	memcpy(f->buf + f->len, line, len);
	f->buf[f->len + len] = '\n';
	f->len += len + 1;
out_unlock:
	pthread_mutex_unlock(&f->lock);
}

void viewer_feed_clock(struct viewer_feed *f, int64_t t0_monotonic)
{
	pthread_mutex_lock(&f->lock);
	f->t0 = t0_monotonic;
	pthread_mutex_unlock(&f->lock);
}

void viewer_feed_end(struct viewer_feed *f, const char *fmt, ...)
{
	va_list ap;

	pthread_mutex_lock(&f->lock);
	va_start(ap, fmt);
	vsnprintf(f->why, sizeof(f->why), fmt, ap);
	va_end(ap);
	f->ended = true;
	pthread_mutex_unlock(&f->lock);
}

size_t feed_take(struct viewer_feed *f, struct feed_batch *b)
{
	char *buf;
	size_t cap;

	pthread_mutex_lock(&f->lock);
	buf = f->buf;
	cap = f->cap;
	f->buf = b->buf;
	f->cap = b->cap;
	b->buf = buf;
	b->cap = cap;
	b->len = f->len;
	f->len = 0;
	b->t0 = f->t0;
	b->ended = f->ended;
	snprintf(b->why, sizeof(b->why), "%s", f->why);
	pthread_mutex_unlock(&f->lock);
	return b->len;
}
