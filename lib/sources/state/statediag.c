/*
 * statediag.c - following sockets from one sock_diag dump to the next
 * (see statediag.h).
 *
 * Each followed socket's value in the map packs its last state and the
 * number of the dump that last saw it, so one pass over the map at the end
 * of a dump finds the sockets that are gone. A state of TCP_ST_NONE means
 * "not followed (any more)".
 */
#include "sources/state/statediag.h"

#include <string.h>

#define STATE_BITS 4
#define STATE_MASK ((1L << STATE_BITS) - 1)

static long pack(enum tcp_state st, long dump)
{
	return (dump << STATE_BITS) | (long)st;
}

static enum tcp_state state_of(long v)
{
	return (enum tcp_state)(v & STATE_MASK);
}

static long dump_of(long v)
{
	return v >> STATE_BITS;
}

int statediag_init(struct statediag *d, bool adopt)
{
	memset(d, 0, sizeof(*d));
	d->adopt = adopt;
	d->pool = strpool_new();
	return d->pool ? 0 : -1;
}

void statediag_free(struct statediag *d)
{
	ptrmap_free(&d->last);
	strpool_free(d->pool);
	memset(d, 0, sizeof(*d));
}

void statediag_follow(struct statediag *d, const char *sock, enum tcp_state st)
{
	const char *key = strpool_get(d->pool, sock);
	long v;

	if (!key)
		return;
	if (!ptrmap_get(&d->last, key, &v) || state_of(v) == TCP_ST_NONE)
		d->followed++;
	/* Counts as seen in the dump under way: it was just looked up. */
	ptrmap_put(&d->last, key, pack(st, d->dump));
}

void statediag_begin(struct statediag *d)
{
	d->dump++;
}

void statediag_see(struct statediag *d, const struct sockdiag_entry *e, statediag_fn fn, void *arg)
{
	char name[ENDPOINT_PAIR_MAX];
	const char *key;
	long v;
	bool known;

	endpoint_pair_str(&e->local, &e->peer, name, sizeof(name));
	key = strpool_get(d->pool, name);
	if (!key)
		return;
	known = ptrmap_get(&d->last, key, &v) && state_of(v) != TCP_ST_NONE;
	/* Two sockets of one name (listeners with SO_REUSEPORT): the first
	 * speaks for both, or they would seem to flip every dump. */
	if (known && dump_of(v) == d->dump)
		return;
	if (!known && !d->adopt)
		return;
	if (!known)
		d->followed++;
	if (known && state_of(v) != e->state)
		fn(arg, key, state_of(v), e->state, e->timer_ms);
	else if (!known && d->seeded)
		fn(arg, key, TCP_ST_CLOSED, e->state, e->timer_ms);
	ptrmap_put(&d->last, key, pack(e->state, d->dump));
}

void statediag_end(struct statediag *d, statediag_fn fn, void *arg)
{
	for (size_t i = 0; i < d->last.cap; i++) {
		long v = d->last.vals[i];

		if (!d->last.keys[i] || state_of(v) == TCP_ST_NONE || dump_of(v) == d->dump)
			continue;
		fn(arg, d->last.keys[i], state_of(v), TCP_ST_CLOSED, -1);
		d->last.vals[i] = pack(TCP_ST_NONE, d->dump);
		d->followed--;
	}
	d->seeded = true;
}
