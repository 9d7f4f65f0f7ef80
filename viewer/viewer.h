/*
 * viewer.h - the terminal viewer: one screen, the same keys, three ways in.
 *
 *   socklab view DIR        viewer_run_replay(DIR, ...)
 *   socklab trace --view    a feed filled by the collector, viewer_run_live()
 *   socklab watch, run      the same as trace
 *
 * A live session hands its lines to the viewer through a feed, from any
 * thread: give viewer_feed_line as the collector's on_event, with the feed
 * as its argument, then run the viewer on the main thread until the student
 * quits:
 *
 *   struct viewer_feed *feed = viewer_feed_new();
 *   co.on_event = viewer_feed_line;
 *   co.on_event_arg = feed;
 *   c = collector_start(&co, err, sizeof(err));
 *   viewer_feed_clock(feed, collector_t0(c));
 *   ... start the programs, and a thread that waits for them and then
 *       calls viewer_feed_end(feed, "echo_server exited with status 0") ...
 *   viewer_run_live(feed, &(struct viewer_options){.title = "trace ./echo_server"},
 *                   err, sizeof(err));
 *   ... stop what still runs, collector_stop(), viewer_feed_free(feed)
 *
 * The viewer returns when the student quits (q, or Ctrl-C). While it runs,
 * it owns the terminal: the programs' output must go elsewhere.
 */
#ifndef SOCKLAB_VIEWER_H
#define SOCKLAB_VIEWER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct viewer_options {
	const char *title; /* for the top line: "trace ./echo_server"; may be NULL */
	bool ascii;	   /* ASCII line drawing, whatever the locale */
	/*
	 * A lab panel: the lab's title and its checkpoints' names, pending
	 * until a "checkpoint" note of the same name says pass or fail
	 * (docs/DESIGN.md). "step" notes are listed as they come. Without a
	 * title or checkpoints, the panel appears when the session has such
	 * notes.
	 */
	const char *lab_title;
	const char *const *checkpoints;
	size_t ncheckpoints;
};

/* Replays the session recorded in dir. Returns 0, or -1 with a sentence
 * in err (no such session, no terminal). */
int viewer_run_replay(const char *dir, const struct viewer_options *o, char *err, size_t errlen);

struct viewer_feed;

struct viewer_feed *viewer_feed_new(void);
void viewer_feed_free(struct viewer_feed *f);
/* One event's JSON line (no newline needed); any thread. The collector's
 * on_event has this shape: pass the feed as on_event_arg. */
void viewer_feed_line(void *feed, const char *line, size_t len);
/* The session's clock: CLOCK_MONOTONIC ns at t = 0 (collector_t0), so a
 * live viewer can count TIME_WAIT down between events. */
void viewer_feed_clock(struct viewer_feed *f, int64_t t0_monotonic);
/* The session has ended, and why, for the top line; any thread. */
void viewer_feed_end(struct viewer_feed *f, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Shows a live session as its lines arrive. Returns 0, or -1 with err. */
int viewer_run_live(struct viewer_feed *f, const struct viewer_options *o, char *err,
		    size_t errlen);

#endif
