/*
 * statesrc.h - the "state" source: kernel TCP states of the session's
 * sockets.
 *
 * Where it can, exact from tracefs (the event sock:inet_sock_set_state,
 * root only), with TIME_WAIT and its countdown from sock_diag; without
 * tracefs, from sock_diag dumps compared every few milliseconds, and from
 * TCP_INFO read inside the traced programs (the tracers are asked to, see
 * RING_ASK_TCPINFO). Events carry "via": "tracefs", "diag" or "tcpinfo".
 */
#ifndef SOCKLAB_STATESRC_H
#define SOCKLAB_STATESRC_H

#include "collect/collector.h"

extern const struct source state_source;

/* Keeps a state event only when its socket belongs to the session. A
 * collector_flush_fn, for the collector's thread. */
bool statesrc_keep(struct collector *c, json_t *ev, void *blob, void *ctx);

#endif
