/*
 * session.c - loading a session folder.
 */
#include "session/session.h"
#include "session/sessionfile.h"

#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/array.h"
#include "base/errmsg.h"

/* Raw lines are kept in chunks that never move, like the string pool. */
#define CHUNK_SIZE (1 << 20)

struct text_chunk {
	struct text_chunk *next;
	size_t used, size;
	char data[];
};

static char *text_copy(struct session *s, const char *line, size_t len)
{
	struct text_chunk *c = s->text;
	char *at;

	if (!c || c->size - c->used < len + 1) {
		size_t size = len + 1 > CHUNK_SIZE ? len + 1 : CHUNK_SIZE;
		c = malloc(sizeof(*c) + size);
		if (!c)
			return NULL;
		c->next = s->text;
		c->used = 0;
		c->size = size;
		s->text = c;
	}
	at = c->data + c->used;
	memcpy(at, line, len);
	at[len] = '\0';
	c->used += len + 1;
	return at;
}

int session_init(struct session *s)
{
	memset(s, 0, sizeof(*s));
	s->pool = strpool_new();
	return s->pool ? 0 : -1;
}

int session_append_line(struct session *s, const char *line, size_t len)
{
	char why[200];
	struct event e;

	s->lines++;
	if (array_grow(&s->ev, &s->cap, s->n, sizeof(*s->ev)) < 0)
		return -1;
	if (event_parse(&e, line, len, s->pool, why, sizeof(why)) < 0) {
		if (s->bad_lines++ == 0)
			snprintf(s->first_bad, sizeof(s->first_bad), "line %zu: %s", s->lines, why);
		return -1;
	}
	e.line = (uint32_t)s->lines;
	e.raw = text_copy(s, line, len);
	if (!e.raw)
		return -1;
	s->ev[s->n++] = e;
	return 0;
}

/* Reads up to max_lines lines of events.jsonl. A last line without its
 * newline is a session cut off while writing; it is parsed like any other. */
static int load_events(struct session *s, size_t max_lines)
{
	FILE *f = s->file;
	char *line = NULL;
	size_t cap = 0;
	ssize_t len = 0;

	for (size_t n = 0; n < max_lines; n++) {
		if ((len = getline(&line, &cap, f)) <= 0)
			break;
		s->file_done += len;
		if (line[len - 1] == '\n')
			len--;
		if (len == 0) {
			s->lines++;
			continue;
		}
		session_append_line(s, line, (size_t)len);
	}
	free(line);
	if (ferror(f))
		return -1;
	if (!feof(f))
		return 1;
	fclose(f);
	s->file = NULL;
	return 0;
}

static void load_meta(struct session *s)
{
	char path[4096];

	session_file(path, sizeof(path), s->dir, SESSION_META);
	s->meta = json_load_file(path, 0, NULL);
}

int session_begin(struct session *s, const char *dir, char *err, size_t errlen)
{
	char path[4096];
	struct stat st;
	FILE *f;

	if (stat(dir, &st) < 0)
		return errmsg(err, errlen, "%s: no such session folder (%s)", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return errmsg(err, errlen, "%s is a file, not a session folder", dir);
	session_file(path, sizeof(path), dir, SESSION_EVENTS);
	f = fopen(path, "re");
	if (!f)
		return errmsg(err, errlen,
			      "%s is not a socklab session: it has no events.jsonl (%s)", dir,
			      strerror(errno));
	if (session_init(s) < 0)
		goto out_nomem;
	s->file = f;
	if (fstat(fileno(f), &st) == 0)
		s->file_size = st.st_size;
	s->dir = strdup(dir);
	if (!s->dir)
		goto out_nomem;
	load_meta(s);
	return 0;

out_nomem:
	errmsg(err, errlen, "%s: cannot read events.jsonl: %s", dir, strerror(errno));
	if (!s->file)
		fclose(f);
	session_close(s);
	return -1;
}

int session_load(struct session *s, size_t max_lines, char *err, size_t errlen)
{
	int more;

	if (!s->file)
		return 0;
	more = load_events(s, max_lines);
	if (more < 0)
		errmsg(err, errlen, "%s: cannot read events.jsonl: %s", s->dir, strerror(errno));
	return more;
}

int session_open(struct session *s, const char *dir, char *err, size_t errlen)
{
	if (session_begin(s, dir, err, errlen) < 0)
		return -1;
	if (session_load(s, SIZE_MAX, err, errlen) < 0) {
		session_close(s);
		return -1;
	}
	return 0;
}

void session_close(struct session *s)
{
	if (s->file)
		fclose(s->file);
	for (struct text_chunk *c = s->text, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	strpool_free(s->pool);
	json_decref(s->meta);
	free(s->ev);
	free(s->dir);
	memset(s, 0, sizeof(*s));
}

static json_t *meta_get(const struct session *s, const char *path)
{
	char key[128];
	json_t *v = s->meta;

	while (v && *path) {
		size_t n = strcspn(path, ".");
		if (n >= sizeof(key))
			return NULL;
		memcpy(key, path, n);
		key[n] = '\0';
		v = json_object_get(v, key);
		path += n + (path[n] == '.');
	}
	return v;
}

long long session_meta_int(const struct session *s, const char *path, long long dflt)
{
	json_t *v = meta_get(s, path);

	return json_is_integer(v) ? (long long)json_integer_value(v) : dflt;
}

const char *session_meta_str(const struct session *s, const char *path)
{
	return json_string_value(meta_get(s, path));
}
