/*
 * labkit.h - what the labs' scenarios share: lab 1's client, started as a
 * user would type into it (a lab reuses it rather than keep a copy).
 *
 * What their checkpoints share with the grader's checks (which pid played
 * which role, what it printed, whether a source ran) is check/evidence.h;
 * who still holds a connection is check/fdhold.h.
 */
#ifndef SOCKLAB_LABKIT_H
#define SOCKLAB_LABKIT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "check/check.h"
#include "check/evidence.h"
#include "check/fdhold.h"
#include "run/scenario.h"

/*
 * Starts lab 1's echo_client as role, connected to 127.0.0.1:port, types
 * line into it and waits for the echo. The client stays connected (its
 * input open) until scenario_type_end(). Returns its pid, or -1.
 */
pid_t lab_echo_client(struct scenario *s, const char *role, int port, const char *line);

/* The same client, connected but not typing yet. Returns its pid, or -1. */
pid_t lab_echo_client_start(struct scenario *s, const char *role, int port);

#endif
