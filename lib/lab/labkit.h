/*
 * labkit.h - what the labs share: lab 1's client, started as a user would
 * type into it (a lab reuses it rather than keep a copy); which pid played
 * which role, what a program printed, when a step was taken, whether a
 * source ran and whether states are exact.
 *
 * A checkpoint about packets or TCP states cannot be decided when that
 * source did not run (packets need root): lab_source_ran() then marks the
 * check skipped, with the reason, instead of failing it.
 */
#ifndef SOCKLAB_LABKIT_H
#define SOCKLAB_LABKIT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "check/check.h"
#include "run/scenario.h"

/*
 * Starts lab 1's echo_client as role, connected to 127.0.0.1:port, types
 * line into it and waits for the echo. The client stays connected (its
 * input open) until scenario_type_end(). Returns its pid, or -1.
 */
pid_t lab_echo_client(struct scenario *s, const char *role, int port, const char *line);

/* The time of the first step note containing text, or the session's end. */
int64_t lab_step_time(const struct check_ctx *c, const char *text);

/* The pid of the program the scenario started as role, or -1. */
pid_t lab_pid(const struct check_ctx *c, const char *role);

/* What role printed (stdout and stderr), or "" when nothing. */
const char *lab_output(const struct check_ctx *c, const char *role);

/* Adds each line of role's output that contains text as evidence (at
 * most max lines). Returns how many lines matched. */
int lab_output_evidence(const struct check_ctx *c, struct check_result *r, const char *role,
			const char *text, int max);

/* True when source ("pkt", "state") recorded this session; otherwise
 * skips r, saying why, and returns false. */
bool lab_source_ran(const struct check_ctx *c, const char *source, struct check_result *r);

/* True when the session's TCP states are exact (followed through tracefs,
 * which needs root), not sampled: only then is a state that lasts
 * microseconds (a CLOSE_WAIT closed at once) sure to be there. */
bool lab_states_exact(const struct check_ctx *c);

/* The first state event of sock entering state to, or NULL. */
const struct event *lab_state_to(const struct check_ctx *c, const char *sock, const char *to);

/* Milliseconds between two event times. */
double ms_between(int64_t from_ns, int64_t to_ns);

#endif
