/*
 * tcpseq.c - the base of each direction's sequence numbers.
 *
 * A direction is the string "FROM>TO", interned, so the map is keyed by
 * pointer (lib/base/ptrmap.h). Its value is the base, the raw number that
 * counts as 0, with BASE_SET above the 32 bits of a sequence number so
 * that 0 can mean "not seen yet" (a new SYN on the same address pair
 * forgets the other direction that way).
 */
#include "sources/pkt/tcpseq.h"
#include "wire/tcp.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "base/ptrmap.h"
#include "base/strpool.h"

#define BASE_SET (1L << 32)

struct tcpseq_table {
	struct strpool *pool;
	struct ptrmap bases; /* "FROM>TO" -> BASE_SET | base, or 0 */
};

struct tcpseq_table *tcpseq_new(void)
{
	struct tcpseq_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->pool = strpool_new();
	if (!t->pool) {
		free(t);
		return NULL;
	}
	return t;
}

void tcpseq_free(struct tcpseq_table *t)
{
	if (!t)
		return;
	strpool_free(t->pool);
	ptrmap_free(&t->bases);
	free(t);
}

static const char *direction_key(struct tcpseq_table *t, const char *from, const char *to)
{
	char key[160];

	snprintf(key, sizeof(key), "%s>%s", from, to);
	return strpool_get(t->pool, key);
}

static bool base_get(const struct tcpseq_table *t, const char *dir, uint32_t *base)
{
	long v = 0;

	ptrmap_get(&t->bases, dir, &v);
	*base = (uint32_t)v;
	return (v & BASE_SET) != 0;
}

static int base_set(struct tcpseq_table *t, const char *dir, uint32_t base)
{
	return ptrmap_put(&t->bases, dir, BASE_SET | (long)base);
}

/* A SYN fixes its direction's base. A SYN (without ACK) that does not
 * repeat the one seen before opens a new connection on the same pair:
 * the other direction starts over too. */
static int learn_syn(struct tcpseq_table *t, const char *fwd, const char *rev, uint8_t flags,
		     uint32_t seq)
{
	uint32_t base;
	bool known = base_get(t, fwd, &base);

	if (known && base == seq)
		return 0;
	if (!(flags & TCPF_ACK) && ptrmap_put(&t->bases, rev, 0) < 0)
		return -1;
	return base_set(t, fwd, seq);
}

int tcpseq_relative(struct tcpseq_table *t, const char *from, const char *to, uint8_t flags,
		    uint32_t seq, uint32_t ack, uint32_t *rseq, uint32_t *rack)
{
	const char *fwd = direction_key(t, from, to);
	const char *rev = direction_key(t, to, from);
	uint32_t fbase, rbase;

	*rseq = seq;
	*rack = flags & TCPF_ACK ? ack : 0;
	if (!fwd || !rev)
		return -1;
	if (flags & TCPF_SYN) {
		if (learn_syn(t, fwd, rev, flags, seq) < 0)
			return -1;
	} else if (!base_get(t, fwd, &fbase) && base_set(t, fwd, seq - 1) < 0) {
		return -1; /* mid-connection: the first seq seen is 1 */
	}
	if ((flags & TCPF_ACK) && !base_get(t, rev, &rbase) && base_set(t, rev, ack - 1) < 0)
		return -1;
	base_get(t, fwd, &fbase);
	base_get(t, rev, &rbase);
	*rseq = seq - fbase;
	*rack = flags & TCPF_ACK ? ack - rbase : 0;
	return 0;
}
