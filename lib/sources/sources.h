/*
 * sources.h - the sources inside socklab that every session runs beside
 * the call tracer: packet capture ("pkt"), kernel TCP states ("state").
 * Each is a struct source (collector.h) defined in its own file; this list
 * is the one place that names them all.
 */
#ifndef SOCKLAB_SOURCES_H
#define SOCKLAB_SOURCES_H

#include "collect/collector.h"

/* NULL-terminated, in the order they start. */
extern const struct source *const session_sources[];

#define SOURCES_MAX 8

/*
 * The sources named in list ("call,pkt", "call,state"...) into out (at
 * least SOURCES_MAX + 1 entries, NULL-terminated). "call" -- the tracer --
 * is always on and must be named. Returns 0, or -1 with err naming what is
 * wrong.
 */
int sources_pick(const char *list, const struct source **out, char *err, size_t errlen);

#endif
