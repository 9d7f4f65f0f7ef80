/*
 * sources.c - the list of in-process sources a session starts.
 */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "base/errmsg.h"
#include "sources/pkt/capture.h"
#include "sources/sources.h"
#include "sources/state/statesrc.h"

const struct source *const session_sources[] = {
	&capture_source,
	&state_source,
	NULL,
};

static const struct source *source_named(const char *name, size_t len)
{
	for (size_t i = 0; session_sources[i]; i++)
		if (strlen(session_sources[i]->name) == len &&
		    strncmp(session_sources[i]->name, name, len) == 0)
			return session_sources[i];
	return NULL;
}

int sources_pick(const char *list, const struct source **out, char *err, size_t errlen)
{
	bool calls = false;
	size_t n = 0;

	for (const char *p = list; *p;) {
		size_t len = strcspn(p, ",");
		const struct source *s = source_named(p, len);

		if (len == 4 && strncmp(p, "call", 4) == 0)
			calls = true;
		else if (s && n < SOURCES_MAX)
			out[n++] = s;
		else
			return errmsg(err, errlen, "no source named '%.*s' (call, pkt, state)",
				      (int)len, p);
		p += len + (p[len] == ',');
	}
	out[n] = NULL;
	if (!calls)
		return errmsg(err, errlen,
			      "the sources must include call: the tracer is always on");
	return 0;
}
