/*
 * feed.h - the viewer's side of a live feed (the public side is in
 * viewer.h).
 */
#ifndef SOCKLAB_FEED_H
#define SOCKLAB_FEED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "viewer.h"

/* What the viewer took at once: lines, and the feed's news. */
struct feed_batch {
	char *buf; /* whole lines, each ending in '\n'; the viewer's to keep */
	size_t len, cap;
	int64_t t0;
	bool ended;
	char why[256];
};

/* Takes every line waiting (swapping b's buffer for the feed's). Returns
 * the bytes taken. */
size_t feed_take(struct viewer_feed *f, struct feed_batch *b);

#endif
