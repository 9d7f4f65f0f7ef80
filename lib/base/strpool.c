/*
 * strpool.c - interned strings: a hash set over a chain of arenas.
 *
 * The set is open-addressed (linear probing) and doubles when half full.
 * Strings live in arenas of at least ARENA_SIZE bytes that are never moved
 * or freed before the pool, which is what makes the pointers stable.
 *
 * Each string is numbered in the order it came (1, 2, ...): the number is
 * kept before the string (struct head), and byid[number] points back to
 * it, so a compact event can keep a string as a small number (strpool_id,
 * strpool_str). Its length is kept there too, so a lookup compares
 * lengths before bytes.
 */
#include "base/strpool.h"

#include "base/array.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_SIZE (64 * 1024)

/* What is kept before each string. */
struct head {
	uint32_t id;
	uint32_t len;
};

static struct head head_of(const char *s)
{
	struct head h;

	memcpy(&h, s - sizeof(h), sizeof(h));
	return h;
}

struct arena {
	struct arena *next;
	size_t used, size;
	char data[];
};

struct strpool {
	const char **slots; /* NULL: empty */
	size_t nslots, count;
	struct arena *arena;
	size_t bytes;
	const char **byid; /* byid[id]: the string numbered id; byid[0] is NULL */
	size_t byid_cap;
};

/* FNV-1a, eight bytes at a time (a session interns millions of strings),
 * then mixed so that the low bits, which pick the slot, depend on every
 * byte. */
static uint64_t hash(const char *s, size_t len)
{
	uint64_t h = 1469598103934665603ULL, w;
	size_t i = 0;

	for (; i + sizeof(w) <= len; i += sizeof(w)) {
		memcpy(&w, s + i, sizeof(w));
		h = (h ^ w) * 1099511628211ULL;
	}
	for (; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 32);
}

struct strpool *strpool_new(void)
{
	struct strpool *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->nslots = 1024;
	p->slots = calloc(p->nslots, sizeof(*p->slots));
	if (!p->slots) {
		free(p);
		return NULL;
	}
	return p;
}

void strpool_free(struct strpool *p)
{
	if (!p)
		return;
	for (struct arena *a = p->arena, *next; a; a = next) {
		next = a->next;
		free(a);
	}
	free(p->slots);
	free(p->byid);
	free(p);
}

static char *arena_alloc(struct strpool *p, size_t n)
{
	struct arena *a = p->arena;

	if (!a || a->size - a->used < n) {
		size_t size = n > ARENA_SIZE ? n : ARENA_SIZE;
		a = malloc(sizeof(*a) + size);
		if (!a)
			return NULL;
		a->next = p->arena;
		a->used = 0;
		a->size = size;
		p->arena = a;
		p->bytes += sizeof(*a) + size;
	}
	a->used += n;
	return a->data + a->used - n;
}

/* The slot where s is, or where it would go. */
static size_t find_slot(const struct strpool *p, const char *s, size_t len)
{
	size_t mask = p->nslots - 1;
	size_t i = hash(s, len) & mask;

	while (p->slots[i] && (head_of(p->slots[i]).len != len || memcmp(p->slots[i], s, len) != 0))
		i = (i + 1) & mask;
	return i;
}

static int grow(struct strpool *p)
{
	const char **old = p->slots;
	size_t n = p->nslots;

	p->slots = calloc(n * 2, sizeof(*p->slots));
	if (!p->slots) {
		p->slots = old;
		return -1;
	}
	p->nslots = n * 2;
	for (size_t i = 0; i < n; i++)
		if (old[i])
			p->slots[find_slot(p, old[i], head_of(old[i]).len)] = old[i];
	free(old);
	p->bytes += n * sizeof(*p->slots);
	return 0;
}

const char *strpool_intern(struct strpool *p, const char *s, size_t len)
{
	size_t i = find_slot(p, s, len);
	struct head h;
	char *copy;

	if (p->slots[i])
		return p->slots[i];
	if (p->count + 1 > p->nslots / 2) {
		if (grow(p) < 0)
			return NULL;
		i = find_slot(p, s, len);
	}
	if (array_reach(&p->byid, &p->byid_cap, p->count + 1, sizeof(*p->byid)) < 0)
		return NULL;
	/* Its head first, aligned, then the string. */
	copy = arena_alloc(p, (sizeof(struct head) + len + 1 + 3) & ~(size_t)3);
	if (!copy)
		return NULL;
	h = (struct head){.id = (uint32_t)++p->count, .len = (uint32_t)len};
	memcpy(copy, &h, sizeof(h));
	copy += sizeof(h);
	memcpy(copy, s, len);
	copy[len] = '\0';
	p->slots[i] = copy;
	p->byid[h.id] = copy;
	return copy;
}

uint32_t strpool_id(const char *s)
{
	return s ? head_of(s).id : 0;
}

const char *strpool_str(const struct strpool *p, uint32_t id)
{
	return id && id <= p->count ? p->byid[id] : NULL;
}

size_t strpool_bytes(const struct strpool *p)
{
	return p->bytes;
}

const char *strpool_get(struct strpool *p, const char *s)
{
	return s ? strpool_intern(p, s, strlen(s)) : NULL;
}

const char *strpool_find(const struct strpool *p, const char *s)
{
	return s ? p->slots[find_slot(p, s, strlen(s))] : NULL;
}
