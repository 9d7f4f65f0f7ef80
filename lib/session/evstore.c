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
 * The rows of session/evfields.h name every field of struct event's
 * union, so nothing is lost: evstore_get(evstore_put(e)) is e, which the
 * fuzz target checks.
 */
#include "session/evstore.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"
#include "base/varint.h"
#include "session/evfields.h"

enum {
	HAS_PID = 1 << 3,
	HAS_TID = 1 << 4,
	HAS_CONN = 1 << 5,
	HAS_LINE = 1 << 6,
};

/* ---- the fields of each source ------------------------------------------- */

/* The fields are session/evfields.h's rows: each is kept as its difference
 * from its usual value (a string: its pool number), and only when that is
 * not 0. */
static int64_t field_stored(const struct event *e, const struct evfield *f)
{
	return evfield_get(e, f) - evfield_usual(e, f);
}

static void field_restore(struct event *e, const struct evfield *f, int64_t v,
			  const struct strpool *pool)
{
	if (f->type == EVT_STR)
		evfield_set_str(e, f, v ? strpool_str(pool, (uint32_t)v) : NULL);
	else
		evfield_set(e, f, v + evfield_usual(e, f));
}

/* ---- records ------------------------------------------------------------------ */

/* Room for the longest record: a head, eight numbers, the present bits
 * and every field. */
#define RECORD_MAX (1 + VARINT_MAX * 8 + VARINT_MAX + VARINT_MAX * 20)

static uint8_t *put_fields(uint8_t *p, const struct event *e)
{
	size_t n;
	const struct evfield *f = evfields_of(e->src, &n);
	int64_t v[64];
	uint64_t present = 0;

	for (size_t k = 0; k < n; k++) {
		v[k] = field_stored(e, &f[k]);
		if (v[k] != 0)
			present |= 1ULL << k;
	}
	p = varint_put(p, present);
	for (size_t k = 0; k < n; k++)
		if (present >> k & 1)
			p = varint_put(p, f[k].type == EVT_STR ? (uint64_t)v[k] : zigzag(v[k]));
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
	size_t n;
	const struct evfield *f = evfields_of(e->src, &n);
	uint64_t present = varint_get(&p);

	for (size_t k = 0; k < n; k++) {
		int64_t v = 0;
		if (present >> k & 1) {
			uint64_t u = varint_get(&p);
			v = f[k].type == EVT_STR ? (int64_t)u : unzigzag(u);
		}
		field_restore(e, &f[k], v, pool);
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
