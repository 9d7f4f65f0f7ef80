/*
 * fuzz_record: the collector's check of a record from the ring (jscan).
 * Any program can write the ring, so any bytes may arrive. Besides not
 * crashing, jscan must agree with jansson, which reads the sessions the
 * collector writes: what one accepts as a JSON object, so must the other
 * (for inputs nested no deeper than jscan's limit).
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/jscan.h"

static void count(void *arg, const struct jscan_member *m)
{
	int64_t v;

	(void)jscan_int(m, &v);
	(*(int *)arg)++;
}

/* Brackets anywhere: an upper bound on the nesting. */
static size_t brackets(const uint8_t *data, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < size; i++)
		n += data[i] == '[' || data[i] == '{';
	return n;
}

static bool has_nul(const uint8_t *data, size_t size)
{
	return memchr(data, 0, size) != NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int members = 0;
	int ours = jscan_object((const char *)data, size, count, &members);
	json_t *theirs = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
	int jansson_ok = theirs && json_is_object(theirs);

	/* What the collector writes, socklab must read back: always. */
	if (ours == 0 && !jansson_ok)
		abort();
	/* And jscan refuses nothing well-formed, within its depth limit;
	 * jansson treats a NUL byte as the end of the text, jscan as a fault. */
	if (jansson_ok && ours != 0 && brackets(data, size) <= 30 && !has_nul(data, size))
		abort();
	json_decref(theirs);
	return 0;
}
