/*
 * evstore.c - events kept compact (see evstore.h).
 *
 * A record, all numbers as varints (7 bits a byte; a signed one zigzagged,
 * so -1 is one byte):
 *
 *   head     src in bits 0-2, and which of the rest follow (HAS_*)
 *   t        minus its block's t0
 *   text     minus its block's text0; then json_len
 *   pid      if HAS_PID (not 0); tid if HAS_TID (not pid);
 *   conn     if HAS_CONN (not -1); line if HAS_LINE (not the next in its
 *            block)
 *   present  one bit per field of the source's table below that differs
 *            from its usual value; then those fields, each as its
 *            difference from the usual value (a string: its pool number)
 *
 * The tables name every field of struct event's union, so nothing is
 * lost: evstore_get(evstore_put(e)) is e, which the fuzz target checks.
 */
#include "session/evstore.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/varint.h"

enum {
	HAS_PID = 1 << 3,
	HAS_TID = 1 << 4,
	HAS_CONN = 1 << 5,
	HAS_LINE = 1 << 6,
};

/* ---- the fields of each source ------------------------------------------- */

enum fkind { FK_STR, FK_I64, FK_I32, FK_U32, FK_U16, FK_U8, FK_BOOL, FK_SINCE };

struct field {
	uint16_t off; /* in struct event */
	uint8_t kind;
	int8_t usual; /* its value in most events: 0 or -1 */
};

#define F(member, kind, usual)                                                                     \
	{                                                                                          \
		offsetof(struct event, member), kind, usual                                        \
	}

/* Most often present first: the present bits of a usual event fit in a
 * byte. */
static const struct field call_fields[] = {
	F(call.fn, FK_STR, 0),	     F(call.sock, FK_STR, 0), F(call.proto, FK_STR, 0),
	F(call.ret, FK_I64, 0),	     F(call.fd, FK_I32, -1),  F(call.len, FK_I64, -1),
	F(call.err, FK_STR, 0),	     F(call.dur, FK_I64, 0),  F(call.peer, FK_STR, 0),
	F(call.addr, FK_STR, 0),     F(call.how, FK_STR, 0),  F(call.level, FK_STR, 0),
	F(call.opt, FK_STR, 0),	     F(call.val, FK_I64, 0),  F(call.has_val, FK_BOOL, 0),
	F(call.sigpipe, FK_BOOL, 0),
};

static const struct field state_fields[] = {
	F(state.sock, FK_STR, 0), F(state.from, FK_U8, 0),	 F(state.to, FK_U8, 0),
	F(state.via, FK_STR, 0),  F(state.timer_ms, FK_I64, -1),
};

static const struct field pkt_fields[] = {
	F(pkt.from, FK_STR, 0),		 F(pkt.to, FK_STR, 0),
	F(pkt.frame, FK_U32, 0),	 F(pkt.flags, FK_U8, 0),
	F(pkt.rseq, FK_U32, 0),		 F(pkt.rack, FK_U32, 0),
	F(pkt.len, FK_U32, 0),		 F(pkt.win, FK_U32, 0),
	F(pkt.proto, FK_U8, 0),		 F(pkt.seq, FK_U32, 0),
	F(pkt.ack, FK_U32, 0),		 F(pkt.analysis, FK_U16, 0),
	F(pkt.dup_ack_num, FK_U32, 0),	 F(pkt.dup_ack_frame, FK_U32, 0),
	F(pkt.window_probe, FK_BOOL, 0), F(pkt.about, FK_STR, 0),
	F(pkt.icmp_type, FK_U8, 0),	 F(pkt.icmp_code, FK_U8, 0),
};

static const struct field proc_fields[] = {
	F(proc.event, FK_STR, 0),   F(proc.child, FK_I32, 0),	F(proc.status, FK_I32, -1),
	F(proc.ppid, FK_I32, 0),    F(proc.path, FK_STR, 0),	F(proc.sig, FK_STR, 0),
	F(proc.fn, FK_STR, 0),	    F(proc.fd, FK_I32, -1),	F(proc.since, FK_SINCE, 0),
	F(proc.handler, FK_STR, 0), F(proc.creator, FK_I32, 0), F(proc.held_ms, FK_I32, -1),
};

static const struct field note_fields[] = {
	F(note.kind, FK_STR, 0),
	F(note.text, FK_STR, 0),
};

#define N(a) (sizeof(a) / sizeof(a[0]))

static const struct {
	const struct field *f;
	size_t n;
} fields_of[SRC_COUNT] = {
	[SRC_CALL] = {call_fields, N(call_fields)}, [SRC_STATE] = {state_fields, N(state_fields)},
	[SRC_PKT] = {pkt_fields, N(pkt_fields)},    [SRC_PROC] = {proc_fields, N(proc_fields)},
	[SRC_NOTE] = {note_fields, N(note_fields)},
};

/* A field's value as a number: a string's pool number, a time since t. */
static int64_t field_get(const struct event *e, const struct field *f)
{
	const char *p = (const char *)e + f->off;
	const char *s;
	int64_t i64;
	int32_t i32;
	uint32_t u32;
	uint16_t u16;

	switch (f->kind) {
	case FK_STR:
		memcpy(&s, p, sizeof(s));
		return strpool_id(s);
	case FK_I64:
		memcpy(&i64, p, sizeof(i64));
		return i64;
	case FK_SINCE:
		memcpy(&i64, p, sizeof(i64));
		return i64 - e->t;
	case FK_I32:
		memcpy(&i32, p, sizeof(i32));
		return i32;
	case FK_U32:
		memcpy(&u32, p, sizeof(u32));
		return u32;
	case FK_U16:
		memcpy(&u16, p, sizeof(u16));
		return u16;
	default: /* FK_U8, FK_BOOL */
		return *(const uint8_t *)p;
	}
}

static void field_set(struct event *e, const struct field *f, int64_t v, const struct strpool *pool)
{
	char *p = (char *)e + f->off;
	const char *s;
	int32_t i32 = (int32_t)v;
	uint32_t u32 = (uint32_t)v;
	uint16_t u16 = (uint16_t)v;

	switch (f->kind) {
	case FK_STR:
		s = strpool_str(pool, (uint32_t)v);
		memcpy(p, &s, sizeof(s));
		break;
	case FK_SINCE:
		v += e->t;
		/* fall through */
	case FK_I64:
		memcpy(p, &v, sizeof(v));
		break;
	case FK_I32:
		memcpy(p, &i32, sizeof(i32));
		break;
	case FK_U32:
		memcpy(p, &u32, sizeof(u32));
		break;
	case FK_U16:
		memcpy(p, &u16, sizeof(u16));
		break;
	case FK_BOOL:
		*(bool *)p = v != 0;
		break;
	default: /* FK_U8 */
		*(uint8_t *)p = (uint8_t)v;
	}
}

/* ---- records ------------------------------------------------------------------ */

/* Room for the longest record: a head, eight numbers, the present bits
 * and every field. */
#define RECORD_MAX (1 + VARINT_MAX * 8 + VARINT_MAX + VARINT_MAX * 20)

static uint8_t *put_fields(uint8_t *p, const struct event *e)
{
	const struct field *f = fields_of[e->src].f;
	size_t n = fields_of[e->src].n;
	int64_t v[32];
	uint64_t present = 0;

	for (size_t k = 0; k < n; k++) {
		v[k] = field_get(e, &f[k]) - f[k].usual;
		if (v[k] != 0)
			present |= 1ULL << k;
	}
	p = varint_put(p, present);
	for (size_t k = 0; k < n; k++)
		if (present >> k & 1)
			p = varint_put(p, f[k].kind == FK_STR ? (uint64_t)v[k] : zigzag(v[k]));
	return p;
}

/* Opens block b at event i. */
static int block_open(struct evstore *st, const struct event *e, uint64_t text)
{
	if (array_grow(&st->block, &st->block_cap, st->nblock, sizeof(*st->block)) < 0)
		return -1;
	st->block[st->nblock++] =
		(struct evblock){.base = st->used, .t0 = e->t, .text0 = text, .line0 = e->line};
	return 0;
}

int evstore_put(struct evstore *st, const struct event *e, uint64_t text)
{
	const struct evblock *b;
	uint8_t *p, head = e->src;

	if (st->n % EVSTORE_BLOCK == 0 && block_open(st, e, text) < 0)
		return -1;
	if (array_grow(&st->at, &st->at_cap, st->n, sizeof(*st->at)) < 0 ||
	    array_grow(&st->bytes, &st->cap, st->used + RECORD_MAX, 1) < 0)
		return -1;
	b = &st->block[st->nblock - 1];
	head |= (e->pid ? HAS_PID : 0) | (e->tid != e->pid ? HAS_TID : 0) |
		(e->conn != -1 ? HAS_CONN : 0) |
		(e->line != b->line0 + st->n % EVSTORE_BLOCK ? HAS_LINE : 0);
	p = st->bytes + st->used;
	*p++ = head;
	p = varint_put(p, zigzag(e->t - b->t0));
	p = varint_put(p, zigzag((int64_t)(text - b->text0)));
	p = varint_put(p, e->json_len);
	if (head & HAS_PID)
		p = varint_put(p, zigzag(e->pid));
	if (head & HAS_TID)
		p = varint_put(p, zigzag(e->tid));
	if (head & HAS_CONN)
		p = varint_put(p, zigzag(e->conn));
	if (head & HAS_LINE)
		p = varint_put(p, e->line);
	p = put_fields(p, e);
	/* A block's records stay within 16 bits: 64 of RECORD_MAX bytes. */
	st->at[st->n++] = (uint16_t)(st->used - b->base);
	st->used = (size_t)(p - st->bytes);
	return 0;
}

static void get_fields(const uint8_t *p, struct event *e, const struct strpool *pool)
{
	const struct field *f = fields_of[e->src].f;
	size_t n = fields_of[e->src].n;
	uint64_t present = varint_get(&p);

	for (size_t k = 0; k < n; k++) {
		int64_t v = 0;
		if (present >> k & 1) {
			uint64_t u = varint_get(&p);
			v = f[k].kind == FK_STR ? (int64_t)u : unzigzag(u);
		}
		if (v || f[k].usual || f[k].kind == FK_SINCE)
			field_set(e, &f[k], v + f[k].usual, pool);
	}
}

void evstore_get(const struct evstore *st, const struct strpool *pool, size_t i, struct event *e,
		 uint64_t *text)
{
	const struct evblock *b = &st->block[i / EVSTORE_BLOCK];
	const uint8_t *p = st->bytes + b->base + st->at[i];
	uint8_t head = *p++;

	memset(e, 0, sizeof(*e));
	e->src = head & 7;
	e->t = b->t0 + unzigzag(varint_get(&p));
	*text = b->text0 + (uint64_t)unzigzag(varint_get(&p));
	e->json_len = (uint32_t)varint_get(&p);
	e->pid = head & HAS_PID ? (int32_t)unzigzag(varint_get(&p)) : 0;
	e->tid = head & HAS_TID ? (int32_t)unzigzag(varint_get(&p)) : e->pid;
	e->conn = head & HAS_CONN ? (int32_t)unzigzag(varint_get(&p)) : -1;
	e->line = head & HAS_LINE ? (uint32_t)varint_get(&p)
				  : b->line0 + (uint32_t)(i % EVSTORE_BLOCK);
	if (e->src < SRC_COUNT)
		get_fields(p, e, pool);
}

void evstore_free(struct evstore *st)
{
	free(st->bytes);
	free(st->at);
	free(st->block);
	memset(st, 0, sizeof(*st));
}
