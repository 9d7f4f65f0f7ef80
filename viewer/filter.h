/*
 * filter.h - which events the viewer shows, from what the student types
 * after '/':
 *
 *   1201        a process, or a port: either matches
 *   pid 1201    a process: its calls, and the packets and states of the
 *               connections it made calls on
 *   tid 1205    a thread: the same, for the calls of that one thread
 *   :9190       a port (also "port 9190"): calls, states and packets at
 *               either end
 *   accept      a call by name ("recv" also matches recvfrom, recvmsg), a
 *               process event (fork, zombie), a TCP state (time_wait), a
 *               flag of a segment (syn, fin, rst), a note's kind
 *
 * An empty filter shows everything.
 */
#ifndef SOCKLAB_FILTER_H
#define SOCKLAB_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "session/event.h"

enum filter_kind { FILTER_NONE, FILTER_NUMBER, FILTER_PID, FILTER_TID, FILTER_PORT, FILTER_WORD };

struct filter {
	enum filter_kind kind;
	long num;
	char word[32];
	char text[64]; /* as typed, for the header */
};

/* Reads text into f. Returns 0, or -1 with a sentence in err. */
int filter_parse(struct filter *f, const char *text, char *err, size_t errlen);

/* Whether e matches on its own (without the connections of a pid). */
bool filter_match(const struct filter *f, const struct event *e);

/* True when the filter also takes the packets and states of connections
 * that a matching process made calls on. */
bool filter_follows_conns(const struct filter *f);

#endif
