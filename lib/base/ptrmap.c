/*
 * ptrmap.c - open addressing with linear probing; doubles at half full.
 * There is no removal: sessions only ever learn more.
 */
#include "base/ptrmap.h"

#include <stdint.h>
#include <stdlib.h>

static size_t slot_of(const struct ptrmap *m, const void *key)
{
	/* Pointers are aligned; mix the bits so neighbours spread out. */
	uint64_t h = (uint64_t)(uintptr_t)key * 0x9e3779b97f4a7c15ULL;
	size_t i = (size_t)(h >> 20) & (m->cap - 1);

	while (m->keys[i] && m->keys[i] != key)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int ptrmap_grow(struct ptrmap *m)
{
	struct ptrmap bigger = {0};

	bigger.cap = m->cap ? m->cap * 2 : 64;
	bigger.keys = calloc(bigger.cap, sizeof(*bigger.keys));
	bigger.vals = calloc(bigger.cap, sizeof(*bigger.vals));
	if (!bigger.keys || !bigger.vals) {
		free(bigger.keys);
		free(bigger.vals);
		return -1;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (m->keys[i]) {
			size_t j = slot_of(&bigger, m->keys[i]);
			bigger.keys[j] = m->keys[i];
			bigger.vals[j] = m->vals[i];
			bigger.count++;
		}
	}
	ptrmap_free(m);
	*m = bigger;
	return 0;
}

int ptrmap_put(struct ptrmap *m, const void *key, long val)
{
	size_t i;

	if ((m->count + 1) * 2 > m->cap && ptrmap_grow(m) < 0)
		return -1;
	i = slot_of(m, key);
	if (!m->keys[i]) {
		m->keys[i] = key;
		m->count++;
	}
	m->vals[i] = val;
	return 0;
}

bool ptrmap_get(const struct ptrmap *m, const void *key, long *val)
{
	size_t i;

	if (m->cap == 0 || !key)
		return false;
	i = slot_of(m, key);
	if (!m->keys[i])
		return false;
	if (val)
		*val = m->vals[i];
	return true;
}

void ptrmap_free(struct ptrmap *m)
{
	free(m->keys);
	free(m->vals);
	m->keys = NULL;
	m->vals = NULL;
	m->count = m->cap = 0;
}
