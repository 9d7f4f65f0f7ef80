/*
 * session.c - loading a session folder (see session.h).
 *
 * Where a line's text is: a position in the session's text, which is
 * events.jsonl (positions 0 .. map_len), then the lines added one at a
 * time (map_len + their place in the chunks of struct session_text). An
 * event keeps the position of its line (compact) or a pointer to it
 * (decoded); both stay valid until session_close().
 *
 * Loading walks the mapped file line by line: each line is parsed
 * (event_parse) and the event kept, decoded or compact. Every
 * GIVE_BACK_BYTES, the pages already read are given back to the kernel
 * (madvise MADV_DONTNEED): they stay in the page cache, and come back on
 * their own when an event's json is read again, so the viewer's resident
 * memory is what it keeps, not the file.
 */
#include "session/session.h"
#include "session/sessionfile.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/array.h"
#include "base/errmsg.h"

/* Lines added one at a time go in chunks of this size (or a chunk of
 * their own, several slots long, for a longer line). */
#define CHUNK ((size_t)1 << 20)
/* Read pages are given back in steps of this many bytes, up to a multiple
 * of GIVE_BACK_ALIGN behind the line being read: the page cache keeps a
 * file in folios of up to 2 MiB, and reading one maps all of it again, the
 * part already given back too. */
#define GIVE_BACK_BYTES ((size_t)4 << 20)
#define GIVE_BACK_ALIGN ((size_t)2 << 20)
/* session_next() starts a new pool past this: memory stays bounded. */
#define STREAM_POOL_MAX ((size_t)8 << 20)

/* ---- the text of the lines -------------------------------------------------- */

/* Makes room for need more bytes of text: a new chunk, one slot long, or
 * as many as a long line takes. Returns the position they start at, or
 * -1 out of memory. */
static int64_t text_room(struct session *s, size_t need)
{
	struct session_text *t = &s->text;
	size_t slots = (need + CHUNK - 1) / CHUNK, first = t->nslot;
	char *c;

	if (t->nslot > 0 && CHUNK - t->used >= need) {
		t->used += need;
		return (int64_t)((t->nslot - 1) * CHUNK + t->used - need);
	}
	if (array_grow(&t->slot, &t->slot_cap, t->nslot + slots, sizeof(*t->slot)) < 0 ||
	    array_grow(&t->alloc, &t->alloc_cap, t->nalloc, sizeof(*t->alloc)) < 0 ||
	    !(c = malloc(slots * CHUNK)))
		return -1;
	t->alloc[t->nalloc++] = c;
	for (size_t k = 0; k < slots; k++)
		t->slot[t->nslot++] = c + k * CHUNK;
	t->used = need - (slots - 1) * CHUNK;
	return (int64_t)(first * CHUNK);
}

/* Copies a line added one at a time into the chunks (with a NUL after
 * it); returns its position in the session's text, or -1 out of memory. */
static int64_t text_add(struct session *s, const char *line, size_t len)
{
	int64_t at = text_room(s, len + 1);
	char *c;

	if (at < 0)
		return -1;
	c = s->text.slot[(size_t)at / CHUNK] + (size_t)at % CHUNK;
	memcpy(c, line, len);
	c[len] = '\0';
	return (int64_t)s->map_len + at;
}

static const char *text_at(const struct session *s, uint64_t pos)
{
	if (pos < s->map_len)
		return s->map + pos;
	pos -= s->map_len;
	return s->text.slot[pos / CHUNK] + pos % CHUNK;
}

static void text_free(struct session_text *t)
{
	for (size_t k = 0; k < t->nalloc; k++)
		free(t->alloc[k]);
	free(t->alloc);
	free(t->slot);
}

/* ---- events ------------------------------------------------------------------- */

int session_init(struct session *s)
{
	memset(s, 0, sizeof(*s));
	s->pool = strpool_new();
	return s->pool ? 0 : -1;
}

void session_compact(struct session *s)
{
	s->compact = true;
}

/* Keeps e, whose line is at position pos. */
static int keep(struct session *s, struct event *e, uint64_t pos)
{
	if (s->compact) {
		if (evstore_put(&s->store, e, pos) < 0)
			return -1;
	} else {
		if (array_grow(&s->ev, &s->cap, s->n, sizeof(*s->ev)) < 0)
			return -1;
		e->json = text_at(s, pos);
		s->ev[s->n] = *e;
	}
	s->n++;
	return 0;
}

/* Parses a line into *e (its json: the line, where it is now). Returns 0,
 * or -1 when it is not an event (counted, and the first one said). */
static int parse_line(struct session *s, struct event *e, const char *line, size_t len)
{
	char why[200];

	s->lines++;
	if (event_parse(e, line, len, s->pool, why, sizeof(why)) < 0) {
		if (s->bad_lines++ == 0)
			snprintf(s->first_bad, sizeof(s->first_bad), "line %zu: %s", s->lines, why);
		return -1;
	}
	e->line = (uint32_t)s->lines;
	e->json_len = (uint32_t)len;
	e->json = line;
	return 0;
}

int session_append_line(struct session *s, const char *line, size_t len)
{
	struct event e;
	int64_t pos;

	if (parse_line(s, &e, line, len) < 0)
		return -1;
	pos = text_add(s, line, len);
	return pos < 0 ? -1 : keep(s, &e, (uint64_t)pos);
}

const struct event *session_event(const struct session *s, size_t i, struct event *buf)
{
	uint64_t pos;

	if (!s->compact)
		return &s->ev[i];
	evstore_get(&s->store, s->pool, i, buf, &pos);
	buf->json = text_at(s, pos);
	return buf;
}

/* ---- loading events.jsonl ---------------------------------------------------- */

/* Maps the file open on fd; where it cannot be mapped (a pipe), reads it
 * whole. Returns 0, or -1 with errno set. */
static int map_file(struct session *s, int fd)
{
	struct stat st;
	ssize_t got;
	char *buf;
	size_t cap = 1 << 16;

	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
		s->file_size = st.st_size;
		if (st.st_size == 0)
			return 0;
		s->map = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (s->map != MAP_FAILED) {
			s->map_len = (size_t)st.st_size;
			madvise((void *)s->map, s->map_len, MADV_SEQUENTIAL);
			return 0;
		}
		s->map = NULL;
	}
	buf = NULL;
	for (;;) {
		char *bigger = realloc(buf, cap);
		if (!bigger)
			goto out_free;
		buf = bigger;
		got = read(fd, buf + s->map_len, cap - s->map_len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			goto out_free;
		if (got == 0)
			break;
		s->map_len += (size_t)got;
		if (s->map_len == cap)
			cap *= 2;
	}
	s->map = buf;
	s->map_is_heap = true;
	s->file_size = (long long)s->map_len;
	return 0;
out_free:
	free(buf);
	s->map_len = 0;
	return -1;
}

/* Gives the pages read so far back to the kernel (see the top). */
static void give_back(struct session *s, bool all)
{
	size_t upto = (size_t)s->file_done / GIVE_BACK_ALIGN * GIVE_BACK_ALIGN;

	if (!all)
		upto = upto > GIVE_BACK_ALIGN ? upto - GIVE_BACK_ALIGN : 0;
	else
		upto = s->map_len;
	if (s->map_is_heap || !s->map || (!all && upto - s->map_given_back < GIVE_BACK_BYTES))
		return;
	if (upto > s->map_given_back)
		madvise((void *)(s->map + s->map_given_back), upto - s->map_given_back,
			MADV_DONTNEED);
	s->map_given_back = upto;
}

/* The next line of the file: its text and length without the newline.
 * False at the end. A last line without its newline is a session cut off
 * while writing; it is read like any other. */
static bool next_line(struct session *s, const char **line, size_t *len)
{
	size_t at = (size_t)s->file_done;
	const char *nl;

	if (at >= s->map_len)
		return false;
	*line = s->map + at;
	nl = memchr(*line, '\n', s->map_len - at);
	*len = nl ? (size_t)(nl - *line) : s->map_len - at;
	s->file_done += (long long)(*len + (nl != NULL));
	return true;
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
	int fd;

	if (stat(dir, &st) < 0)
		return errmsg(err, errlen, "%s: no such session folder (%s)", dir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return errmsg(err, errlen, "%s is a file, not a session folder", dir);
	session_file(path, sizeof(path), dir, SESSION_EVENTS);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errmsg(err, errlen,
			      "%s is not a socklab session: it has no events.jsonl (%s)", dir,
			      strerror(errno));
	if (session_init(s) < 0 || map_file(s, fd) < 0 || !(s->dir = strdup(dir)))
		goto out_fail;
	close(fd);
	s->loading = true;
	load_meta(s);
	return 0;

out_fail:
	errmsg(err, errlen, "%s: cannot read events.jsonl: %s", dir, strerror(errno));
	close(fd);
	session_close(s);
	return -1;
}

int session_load(struct session *s, size_t max_lines, char *err, size_t errlen)
{
	const char *line;
	size_t len;
	struct event e;

	for (size_t n = 0; s->loading && n < max_lines; n++) {
		if (!next_line(s, &line, &len)) {
			s->loading = false;
			break;
		}
		if (len == 0) {
			s->lines++;
			continue;
		}
		if (parse_line(s, &e, line, len) == 0 && keep(s, &e, (uint64_t)(line - s->map)) < 0)
			return errmsg(err, errlen, "%s: cannot load events.jsonl: out of memory",
				      s->dir);
	}
	give_back(s, !s->loading);
	return s->loading ? 1 : 0;
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

int session_next(struct session *s, struct event *e)
{
	const char *line;
	size_t len;

	if (strpool_bytes(s->pool) > STREAM_POOL_MAX) {
		struct strpool *fresh = strpool_new();
		if (fresh) {
			strpool_free(s->pool);
			s->pool = fresh;
		}
	}
	while (next_line(s, &line, &len)) {
		give_back(s, false);
		if (len == 0)
			s->lines++;
		else if (parse_line(s, e, line, len) == 0)
			return 1;
	}
	s->loading = false;
	give_back(s, true);
	return 0;
}

void session_close(struct session *s)
{
	if (s->map && s->map_is_heap)
		free((void *)s->map);
	else if (s->map)
		munmap((void *)s->map, s->map_len);
	text_free(&s->text);
	evstore_free(&s->store);
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
