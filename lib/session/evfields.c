/*
 * evfields.c - the table of event fields (see evfields.h), and reading and
 * writing a field of struct event by its row.
 */
#include "session/evfields.h"

#include <stdbool.h>
#include <string.h>

#include "base/strpool.h"

/* The type of member, as enum evf_type (a new C type is a compile error). */
#define EVT_OF(member)                                                                             \
	_Generic(((struct event *)0)->member,                                                      \
		const char *: EVT_STR,                                                             \
		int64_t: EVT_I64,                                                                  \
		int32_t: EVT_I32,                                                                  \
		uint32_t: EVT_U32,                                                                 \
		uint16_t: EVT_U16,                                                                 \
		uint8_t: EVT_U8,                                                                   \
		bool: EVT_BOOL)

#define ROW(src, member, read, key, usual)                                                         \
	{src, offsetof(struct event, member), EVT_OF(member), read, usual, key},

static const struct evfield fields[] = {EVENT_FIELDS(ROW)};

/* How many rows each source has. */
#define IS_CALL(src, member, read, key, usual)	+((src) == SRC_CALL)
#define IS_STATE(src, member, read, key, usual) +((src) == SRC_STATE)
#define IS_PKT(src, member, read, key, usual)	+((src) == SRC_PKT)
#define IS_PROC(src, member, read, key, usual)	+((src) == SRC_PROC)
#define IS_NOTE(src, member, read, key, usual)	+((src) == SRC_NOTE)

enum {
	N_CALL = 0 EVENT_FIELDS(IS_CALL),
	N_STATE = 0 EVENT_FIELDS(IS_STATE),
	N_PKT = 0 EVENT_FIELDS(IS_PKT),
	N_PROC = 0 EVENT_FIELDS(IS_PROC),
	N_NOTE = 0 EVENT_FIELDS(IS_NOTE),
};

_Static_assert(N_CALL + N_STATE + N_PKT + N_PROC + N_NOTE == sizeof(fields) / sizeof(fields[0]),
	       "every row of EVENT_FIELDS has a known source");
_Static_assert(N_CALL < 64 && N_STATE < 64 && N_PKT < 64 && N_PROC < 64 && N_NOTE < 64,
	       "evstore's bitmask of present fields holds 64");

/* The sources' rows follow each other in the order of enum event_src. */
static const struct {
	uint8_t start, n;
} range[SRC_COUNT] = {
	[SRC_CALL] = {0, N_CALL},
	[SRC_STATE] = {N_CALL, N_STATE},
	[SRC_PKT] = {N_CALL + N_STATE, N_PKT},
	[SRC_PROC] = {N_CALL + N_STATE + N_PKT, N_PROC},
	[SRC_NOTE] = {N_CALL + N_STATE + N_PKT + N_PROC, N_NOTE},
};

const struct evfield *evfields_of(int src, size_t *n)
{
	if (src < 0 || src >= SRC_COUNT) {
		*n = 0;
		return NULL;
	}
	*n = range[src].n;
	return &fields[range[src].start];
}

const struct evfield *evfields_all(size_t *n)
{
	*n = sizeof(fields) / sizeof(fields[0]);
	return fields;
}

int64_t evfield_get(const struct event *e, const struct evfield *f)
{
	const char *p = (const char *)e + f->off;
	const char *s;
	int64_t i64;
	int32_t i32;
	uint32_t u32;
	uint16_t u16;

	switch (f->type) {
	case EVT_STR:
		memcpy(&s, p, sizeof(s));
		return strpool_id(s);
	case EVT_I64:
		memcpy(&i64, p, sizeof(i64));
		return i64;
	case EVT_I32:
		memcpy(&i32, p, sizeof(i32));
		return i32;
	case EVT_U32:
		memcpy(&u32, p, sizeof(u32));
		return u32;
	case EVT_U16:
		memcpy(&u16, p, sizeof(u16));
		return u16;
	default: /* EVT_U8, EVT_BOOL */
		return *(const uint8_t *)p;
	}
}

void evfield_set(struct event *e, const struct evfield *f, int64_t v)
{
	char *p = (char *)e + f->off;
	int32_t i32 = (int32_t)v;
	uint32_t u32 = (uint32_t)v;
	uint16_t u16 = (uint16_t)v;

	switch (f->type) {
	case EVT_STR:
		break; /* evfield_set_str */
	case EVT_I64:
		memcpy(p, &v, sizeof(v));
		break;
	case EVT_I32:
		memcpy(p, &i32, sizeof(i32));
		break;
	case EVT_U32:
		memcpy(p, &u32, sizeof(u32));
		break;
	case EVT_U16:
		memcpy(p, &u16, sizeof(u16));
		break;
	case EVT_BOOL:
		*(bool *)p = v != 0;
		break;
	default: /* EVT_U8 */
		*(uint8_t *)p = (uint8_t)v;
	}
}

void evfield_set_str(struct event *e, const struct evfield *f, const char *s)
{
	memcpy((char *)e + f->off, &s, sizeof(s));
}

int64_t evfield_usual(const struct event *e, const struct evfield *f)
{
	return f->read == EVF_SINCE ? e->t + f->usual : f->usual;
}
