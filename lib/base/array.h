/*
 * array.h - arrays that grow as events arrive: the columns, the rows, the
 * lists of event indices. One way to grow them, so each place says only
 * what it keeps.
 *
 *   if (array_grow(&l->col, &l->colcap, l->ncol, sizeof(*l->col)) < 0)
 *           return -1;
 *   l->col[l->ncol++] = ...;
 */
#ifndef SOCKLAB_ARRAY_H
#define SOCKLAB_ARRAY_H

#include <stddef.h>

/* Makes room for element n of the array whose pointer is at items (cap
 * elements of size bytes allocated), doubling it as needed. Returns 0, or
 * -1 when out of memory, the array unchanged. */
int array_grow(void *items, size_t *cap, size_t n, size_t size);

/* The same for index i of an array that is filled out of order: new
 * elements are zeroed. */
int array_reach(void *items, size_t *cap, size_t i, size_t size);

#endif
