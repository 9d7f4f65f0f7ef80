/*
 * test_feed.c - lines of a live session cross from the collector's thread
 * to the viewer's whole and in order, however the two interleave.
 */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "viewer/feed.h"

#define LINES 20000

static void *producer(void *arg)
{
	char line[64];

	for (int i = 0; i < LINES; i++) {
		int n = snprintf(line, sizeof(line), "{\"t\":%d}", i);
		viewer_feed_line(arg, line, (size_t)n);
	}
	viewer_feed_end(arg, "producer %s", "done");
	return NULL;
}

/* Counts the lines in b, checking each is the next one expected. */
static void check_lines(const struct feed_batch *b, int *next)
{
	for (const char *p = b->buf, *end = b->buf + b->len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		int t = -1;
		cr_assert_not_null(nl, "a line cut short");
		cr_assert_eq(sscanf(p, "{\"t\":%d}", &t), 1);
		cr_assert_eq(t, *next, "line %d came as %d", *next, t);
		(*next)++;
		p = nl + 1;
	}
}

Test(feed, lines_arrive_whole_and_in_order_from_another_thread)
{
	struct viewer_feed *f = viewer_feed_new();
	struct feed_batch b = {0};
	pthread_t thread;
	int next = 0;

	cr_assert_not_null(f);
	viewer_feed_clock(f, 42);
	cr_assert_eq(pthread_create(&thread, NULL, producer, f), 0);
	while (!b.ended || b.len > 0) {
		feed_take(f, &b);
		check_lines(&b, &next);
	}
	pthread_join(thread, NULL);
	feed_take(f, &b);
	check_lines(&b, &next);
	cr_assert_eq(next, LINES);
	cr_assert_str_eq(b.why, "producer done");
	cr_assert_eq(b.t0, 42);
	free(b.buf);
	viewer_feed_free(f);
}
