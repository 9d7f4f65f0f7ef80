/*
 * ptrmap.h - a map from pointers (interned strings, usually) to integers.
 *
 * Interned strings are equal exactly when their pointers are, so a map on
 * pointers is a map on names: endpoints to "seen", connections to numbers.
 */
#ifndef SOCKLAB_PTRMAP_H
#define SOCKLAB_PTRMAP_H

#include <stdbool.h>
#include <stddef.h>

struct ptrmap {
	const void **keys; /* NULL: empty slot */
	long *vals;
	size_t count, cap;
};

/* Sets key to val. Returns 0, or -1 when out of memory. key must not be
 * NULL. */
int ptrmap_put(struct ptrmap *m, const void *key, long val);
/* The value of key, or false when it has none (a NULL key has none). */
bool ptrmap_get(const struct ptrmap *m, const void *key, long *val);
void ptrmap_free(struct ptrmap *m);

#endif
