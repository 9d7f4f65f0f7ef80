/*
 * evidence.h - what every checkpoint and every grading check asks of a
 * run, answered once: which pid played a role, what it printed, how it
 * ended, whether a source ran, when a step was taken.
 *
 * Labs (labs/NN-name/scenario.c) and the grader (grade/) both check
 * sessions made by a scenario; they share these helpers, with one prefix
 * and one answer for "none": a role that never ran has pid -1, never 0,
 * because an ev_filter's pid 0 matches every process and -1 none.
 *
 *   pid_t server = check_pid(c, "server");
 *   if (server < 0) ...
 *   check_output_evidence(c, r, "client", "Message from server", 4);
 */
#ifndef SOCKLAB_CHECK_EVIDENCE_H
#define SOCKLAB_CHECK_EVIDENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "check/check.h"

/* The pid of the program the run started as role, or -1. */
pid_t check_pid(const struct check_ctx *c, const char *role);

/* What role printed (stdout and stderr, as written), or "" when nothing. */
const char *check_output(const struct check_ctx *c, const char *role);

/* True when role printed text. */
bool check_printed(const struct check_ctx *c, const char *role, const char *text);

/* Counts the lines role printed that hold text (NULL: every line), from
 * the session's "output" notes, and adds the first max of them as
 * evidence. Returns the count. */
int check_output_evidence(const struct check_ctx *c, struct check_result *r, const char *role,
			  const char *text, int max);

/* How pid ended: its reaping, else its exit; NULL while it had not. */
const struct event *check_end(const struct check_ctx *c, pid_t pid);
/* Adds how pid ended (check_end), if it did. */
void check_end_evidence(const struct check_ctx *c, struct check_result *r, pid_t pid);

/* The connection role made with connect(): its own socket ("LOCAL>PEER")
 * into mine, the other end's into theirs (cap bytes each). Returns the
 * connect() event, or NULL when role never connected. */
const struct event *check_connection(const struct check_ctx *c, const char *role, char *mine,
				     char *theirs, size_t cap);
/* The same, failing r ("the client never connected") when there is none. */
bool check_connected(const struct check_ctx *c, struct check_result *r, const char *role,
		     char *mine, char *theirs, size_t cap);

/* The first packet at or after t sent from port (sent to it when
 * !from_port) that has all of flags (NULL: any) and, when data, carries
 * bytes; or NULL. */
const struct event *check_pkt(const struct check_ctx *c, int port, bool from_port,
			      const char *flags, bool data, int64_t t);

/* True when pid is root or one of root's descendants. */
bool check_in_tree(const struct check_ctx *c, pid_t pid, pid_t root);

/* True when source ("pkt", "state") recorded this session; otherwise
 * skips r, saying why, and returns false. A checkpoint about packets or
 * states cannot be decided without them (packets need root). */
bool check_source_ran(const struct check_ctx *c, const char *source, struct check_result *r);

/* True when the session's TCP states are exact (followed through tracefs,
 * which needs root), not sampled: only then is a state that lasts
 * microseconds (a CLOSE_WAIT closed at once) sure to be there. */
bool check_states_exact(const struct check_ctx *c);

/* The first state event of sock entering state to, or NULL. */
const struct event *check_state_to(const struct check_ctx *c, const char *sock, const char *to);
/* The last state change of sock before t, or NULL when the session has
 * none (no state source, or none yet). */
const struct event *check_state_before(const struct check_ctx *c, const char *sock, int64_t t);

/* The time of the first step note holding text, or the session's end. */
int64_t check_step_time(const struct check_ctx *c, const char *text);

/* Milliseconds between two event times. */
double check_ms_between(int64_t from_ns, int64_t to_ns);

#endif
