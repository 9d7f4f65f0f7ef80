/*
 * sources.c - the list of in-process sources a session starts.
 */
#include <stddef.h>

#include "sources.h"
#include "statesrc.h"

const struct source *const session_sources[] = {
	&state_source,
	NULL,
};
