/*
 * check.h - assertions over a session: a lab's checkpoints and a grading
 * rubric's checks are the same thing.
 *
 * A check is a function that looks at a recorded session and says pass or
 * fail, with one sentence and the evidence: the events that prove it, as
 * `socklab show` prints them, so a student can find them in the viewer.
 *
 *   static void bind_fails(const struct check_ctx *c, struct check_result *r)
 *   {
 *           const struct event *e = ev_first(c->s, &(struct ev_filter){
 *                   .src = "call", .fn = "bind", .err = "EADDRINUSE"});
 *           if (!e) {
 *                   check_fail(r, "every bind() succeeded");
 *                   return;
 *           }
 *           check_evidence(r, e);
 *           check_pass(r, "the second bind() failed with EADDRINUSE");
 *   }
 */
#ifndef SOCKLAB_CHECK_H
#define SOCKLAB_CHECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "check/facts.h"
#include "session/event.h"
#include "session/proctable.h"
#include "session/session.h"
#include "session/socktable.h"
#include "wire/endpoint.h"

#define CHECK_EVIDENCE_MAX 8
#define CHECK_LINE_MAX	   400
#define CHECK_HINT_MAX	   80

/*
 * Three outcomes: PASS, FAIL, and not checked -- what the check needs to
 * judge did not happen here (a source did not run, a client never
 * connected): not a pass, and not counted as a failure. A lab calls that
 * SKIP, the grader NOT CHECKED; it is one outcome, set by check_skip(),
 * held in skipped, and written `"checked": false` in JSON and notes.
 */
struct check_result {
	bool pass;
	bool decided;		      /* check_pass, check_fail or check_skip was called */
	bool skipped;		      /* not checked: the summary says why */
	char summary[CHECK_LINE_MAX]; /* one sentence: what was found */
	int nevidence;
	char evidence[CHECK_EVIDENCE_MAX][CHECK_LINE_MAX];
	int64_t t_evidence; /* the time of the latest event given as evidence; -1 */
	/* Where this is taught: the check's hint, or else its context's
	 * (check_ctx.hint); "" for none. Set by check_run(). */
	char hint[CHECK_HINT_MAX];
};

/* What a check may look at: the session, its processes and sockets, and
 * the facts the scenario knows (which pid is the server, the port...). */
struct check_ctx {
	const struct session *s;
	struct proctable procs;
	struct socktable socks;
	const struct run_facts *facts; /* may be NULL */
	int64_t t_end;		       /* the time of the last event */
	/* The hint of a check that has none: where its whole list is taught
	 * (a lab's checkpoints: the lab, lab_hint()); NULL for none. */
	const char *hint;
};

struct check {
	const char *name;  /* stable: reports, scripts and spreadsheets use it */
	const char *title; /* what it proves, in a line */
	/* Where this is taught: "lab 3 (zombies)"; NULL: where the list of
	 * checks it is in is taught (check_ctx.hint: a checkpoint of a lab
	 * leaves it NULL, its lab is the hint). */
	const char *hint;
	void (*fn)(const struct check_ctx *c, struct check_result *r);
};

int check_ctx_init(struct check_ctx *c, const struct session *s, const struct run_facts *facts);
void check_ctx_free(struct check_ctx *c);

/* Runs one check; a check that decides nothing fails, and says so. Its
 * result's hint is k's, or c's when k has none. */
void check_run(const struct check *k, const struct check_ctx *c, struct check_result *r);

/* Ending a check: pass or fail, with one sentence. The last call counts. */
void check_pass(struct check_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void check_fail(struct check_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Neither pass nor fail: what the check needs to judge did not happen or
 * was not recorded here ("packets were not captured: socklab needs root",
 * "the client never connected"). */
void check_skip(struct check_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The outcome in a word: "PASS", "FAIL", or unchecked ("SKIP" for a lab,
 * "NOT CHECKED" for the grader) when r was not checked. */
const char *check_verdict(const struct check_result *r, const char *unchecked);

/* Evidence: an event as `socklab show` prints it, or a line of text. */
void check_evidence(struct check_result *r, const struct event *e);
void check_evidence_text(struct check_result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Finding events. Every field left zero (or NULL) matches anything.
 *   src    "call", "state", "pkt", "proc", "note"
 *   fn     a call's function ("bind"); a proc event ("zombie"); a note's kind
 *   err    a call's errno name ("EADDRINUSE"); "ok" for a call that succeeded
 *   pid    the process
 *   sock   a call's or state's socket ("LOCAL>PEER")
 *   port   a call's socket, a state's socket or a packet has this port at
 *          either end
 *   to     a state event's new state ("TIME_WAIT")
 *   flags  a packet has all these TCP flags ("F", "SA")
 *   analysis  a packet has all these marks of the TCP analysis
 *          (enum tcp_analysis: TCPA_RETRANSMISSION | ...)
 *   after  t >= after (ns)
 */
struct ev_filter {
	const char *src;
	const char *fn;
	const char *err;
	pid_t pid;
	const char *sock;
	int port;
	const char *to;
	const char *flags;
	uint16_t analysis;
	int64_t after;
};

bool ev_matches(const struct event *e, const struct ev_filter *f);
/* The first match, the next one after prev, the last one; NULL for none. */
const struct event *ev_first(const struct session *s, const struct ev_filter *f);
const struct event *ev_next(const struct session *s, const struct ev_filter *f,
			    const struct event *prev);
const struct event *ev_last(const struct session *s, const struct ev_filter *f);
size_t ev_count(const struct session *s, const struct ev_filter *f);
/* The nth match (from 1: ev_nth(s, f, 2) is the second), or NULL. */
const struct event *ev_nth(const struct session *s, const struct ev_filter *f, int n);

#endif
