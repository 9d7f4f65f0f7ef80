/*
 * sources.h - the sources inside socklab that every session runs beside
 * the call tracer: packet capture ("pkt"), kernel TCP states ("state").
 * Each is a struct source (collector.h) defined in its own file; this list
 * is the one place that names them all.
 */
#ifndef SOCKLAB_SOURCES_H
#define SOCKLAB_SOURCES_H

#include "collector.h"

/* NULL-terminated, in the order they start. */
extern const struct source *const session_sources[];

#endif
