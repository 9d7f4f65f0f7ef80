/*
 * sources.c - the list of in-process sources a session starts.
 */
#include <stddef.h>

#include "sources.h"

#include "capture.h"

const struct source *const session_sources[] = {
	&capture_source,
	NULL,
};
