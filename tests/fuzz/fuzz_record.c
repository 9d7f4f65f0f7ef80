/*
 * fuzz_record: the collector's check of a record from the ring (jscan).
 * Any program can write the ring, so any bytes may arrive. Besides not
 * crashing, jscan must agree with jansson, which reads the sessions the
 * collector writes: what one accepts as a JSON object, so must the other
 * (for inputs nested no deeper than jscan's limit).
 *
 * The session reader leans on jscan too: what jscan_object_unique()
 * accepts, jansson must accept with JSON_REJECT_DUPLICATES; each string
 * member jscan_string() decodes must be jansson's value; and reading the
 * accepted text again without checking it (jscan_object_trusted) must
 * find the same members.
 */
#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/jscan.h"

#define MEMBERS_MAX 64

struct members {
	int n;
	struct jscan_member m[MEMBERS_MAX];
};

static void keep(void *arg, const struct jscan_member *m)
{
	struct members *k = arg;
	int64_t v;

	(void)jscan_int(m, &v);
	if (k->n < MEMBERS_MAX)
		k->m[k->n] = *m;
	k->n++;
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

static bool same_member(const struct jscan_member *a, const struct jscan_member *b)
{
	return a->key_len == b->key_len && memcmp(a->key, b->key, a->key_len) == 0 &&
	       a->val == b->val && a->val_len == b->val_len && a->type == b->type &&
	       a->escaped == b->escaped;
}

/* Each string member, decoded, is jansson's value of that key. */
static void check_strings(const struct members *k, json_t *o)
{
	for (int i = 0; i < k->n && i < MEMBERS_MAX; i++) {
		const struct jscan_member *m = &k->m[i];
		char key[256], *val;
		json_t *v;
		size_t len;

		if (m->type != JS_STRING || m->key_escaped || m->key_len >= sizeof(key))
			continue;
		memcpy(key, m->key, m->key_len);
		key[m->key_len] = '\0';
		v = json_object_get(o, key);
		val = malloc(m->val_len + 1);
		if (!val)
			return;
		len = jscan_string(m, val);
		if (!json_is_string(v) || len != json_string_length(v) ||
		    memcmp(val, json_string_value(v), len) != 0)
			abort();
		free(val);
	}
}

static void check_unique(const uint8_t *data, size_t size)
{
	struct members k = {0}, again = {0};
	json_t *o;

	if (jscan_object_unique((const char *)data, size, keep, &k) != 0)
		return;
	o = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, NULL);
	if (!json_is_object(o))
		abort();
	check_strings(&k, o);
	if (jscan_object_trusted((const char *)data, size, keep, &again) != 0 || again.n != k.n)
		abort();
	for (int i = 0; i < k.n && i < MEMBERS_MAX; i++)
		if (!same_member(&k.m[i], &again.m[i]))
			abort();
	json_decref(o);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct members k = {0};
	int ours = jscan_object((const char *)data, size, keep, &k);
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
	check_unique(data, size);
	return 0;
}
