/*
 * sessionfile.c - the session folder's files: their names, session.json
 * written whole, notes appended with the count kept right.
 */
#include "session/sessionfile.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/errmsg.h"

int session_file(char *out, size_t cap, const char *dir, const char *name)
{
	int n = snprintf(out, cap, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= cap ? -1 : 0;
}

int session_meta_write(const char *dir, json_t *meta)
{
	char path[4096], tmp[4200];

	if (session_file(path, sizeof(path), dir, SESSION_META) < 0) {
		errno = ENAMETOOLONG;
		return -1;
	}
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if (json_dump_file(meta, tmp, JSON_INDENT(2) | JSON_PRESERVE_ORDER) < 0)
		return -1;
	return rename(tmp, path);
}

/* Adds n to session.json's "events"; a session without one (written by
 * hand, or by an older socklab) is left as it is. */
static int count_more(const char *dir, size_t n, char *err, size_t errlen)
{
	char path[4096];
	json_error_t jerr;
	json_t *meta, *events;
	int ret = 0;

	session_file(path, sizeof(path), dir, SESSION_META);
	if (!(meta = json_load_file(path, 0, &jerr)))
		return errno == ENOENT ? 0 : errmsg(err, errlen, "%s: %s", path, jerr.text);
	events = json_object_get(meta, "events");
	if (json_is_integer(events)) {
		json_object_set_new(meta, "events",
				    json_integer(json_integer_value(events) + (json_int_t)n));
		if (session_meta_write(dir, meta) < 0)
			ret = errmsg(err, errlen, "%s: cannot rewrite it: %s", path,
				     strerror(errno));
	}
	json_decref(meta);
	return ret;
}

int session_append_notes(const char *dir, char *const lines[], size_t n, char *err, size_t errlen)
{
	char path[4096];
	FILE *f;
	int bad = 0;

	if (n == 0)
		return 0;
	if (session_file(path, sizeof(path), dir, SESSION_EVENTS) < 0)
		return errmsg(err, errlen, "%s: the folder's name is too long", dir);
	if (!(f = fopen(path, "ae")))
		return errmsg(err, errlen, "%s: %s", path, strerror(errno));
	for (size_t i = 0; i < n; i++)
		bad |= fprintf(f, "%s\n", lines[i]) < 0;
	if (fclose(f) != 0 || bad)
		return errmsg(err, errlen, "%s: cannot append to it: %s", path, strerror(errno));
	return count_more(dir, n, err, errlen);
}
