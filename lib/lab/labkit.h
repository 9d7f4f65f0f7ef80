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

/* ---- checkpoints that labs share --------------------------------------- */

/*
 * Clients "client 1" .. "client n" (lab 1's echo_client) each typed
 * "hello from client I": passes when every one got its line back.
 */
void lab_check_all_served(const struct check_ctx *c, struct check_result *r, int n);
/* True when role ("client 1") got "hello from client 1" back. */
bool lab_client_served(const struct check_ctx *c, int i);

/*
 * Passes when the server ("server") accepted role's connection but no
 * process ever read its socket, and role got no echo: a starved client.
 */
void lab_check_starved(const struct check_ctx *c, struct check_result *r, const char *role);

/* The server's accept() of role's connection (found by the client's
 * connect()), or NULL; sock (ENDPOINT_PAIR_MAX) gets the server's side. */
const struct event *lab_accept_of(const struct check_ctx *c, const char *role, char *sock);

/* When the step step began (check_step_time: its text holds step), in a
 * session recorded in English or in the reader's language: step is the
 * English msgid the scenario printed through _(). The run's end when
 * there is no such step. */
int64_t lab_step_time(const struct check_ctx *c, const char *step);

#endif
