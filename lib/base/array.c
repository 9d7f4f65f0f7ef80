/*
 * array.c - growing arrays (see array.h). The array's pointer is read and
 * written through memcpy, so one function serves arrays of every type.
 */
#include "base/array.h"

#include <stdlib.h>
#include <string.h>

static int resize(void *items, size_t *cap, size_t want, size_t size)
{
	void *p, *bigger;

	memcpy(&p, items, sizeof(p));
	bigger = realloc(p, want * size);
	if (!bigger)
		return -1;
	memcpy(items, &bigger, sizeof(bigger));
	*cap = want;
	return 0;
}

int array_grow(void *items, size_t *cap, size_t n, size_t size)
{
	size_t want = *cap ? *cap : 16;

	while (want <= n)
		want *= 2;
	return want == *cap ? 0 : resize(items, cap, want, size);
}

int array_reach(void *items, size_t *cap, size_t i, size_t size)
{
	size_t old = *cap;
	char *p;

	if (i < old)
		return 0;
	if (array_grow(items, cap, i, size) < 0)
		return -1;
	memcpy(&p, items, sizeof(p));
	memset(p + old * size, 0, (*cap - old) * size);
	return 0;
}
