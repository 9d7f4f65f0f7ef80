/*
 * sources.c - the list of in-process sources a session starts.
 */
#include <stddef.h>

#include "capture.h"
#include "sources.h"
#include "statesrc.h"

const struct source *const session_sources[] = {
	&capture_source,
	&state_source,
	NULL,
};
