/*
 * fuzz_session.c - libFuzzer target: the session reader on one line of
 * events.jsonl.
 *
 * Besides not crashing, the reader must agree with the one socklab had
 * before it, jansson's (event_parse_jansson): the same lines accepted, the
 * same refused with the same words, and every field the same. The event
 * must come back whole from the compact store (evstore), and read the same
 * from a session kept compact as from one kept decoded; and it is
 * described as `socklab show` prints it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "session/event.h"
#include "session/evstore.h"
#include "session/session.h"

static void compare_readers(const uint8_t *data, size_t size)
{
	struct strpool *pool = strpool_new();
	struct event fast, slow;
	char fast_err[256] = "", slow_err[256] = "";
	int f, j;

	if (!pool)
		return;
	memset(&fast, 0, sizeof(fast));
	memset(&slow, 0, sizeof(slow));
	f = event_parse(&fast, (const char *)data, size, pool, fast_err, sizeof(fast_err));
	j = event_parse_jansson(&slow, (const char *)data, size, pool, slow_err, sizeof(slow_err));
	if (f != j || strcmp(fast_err, slow_err) != 0)
		abort();
	if (f == 0 && memcmp(&fast, &slow, sizeof(fast)) != 0)
		abort();
	strpool_free(pool);
}

/* The same line kept decoded, and kept compact, read back. */
static void compare_keeping(const uint8_t *data, size_t size)
{
	struct session full, compact;
	struct event buf, a, b;
	char text[512], again[512], when[32];

	if (session_init(&full) < 0)
		return;
	if (session_init(&compact) < 0) {
		session_close(&full);
		return;
	}
	session_compact(&compact);
	if (session_append_line(&full, (const char *)data, size) == 0) {
		if (session_append_line(&compact, (const char *)data, size) != 0)
			abort();
		a = full.ev[0];
		b = *session_event(&compact, 0, &buf);
		if (a.json_len != b.json_len || memcmp(a.json, b.json, a.json_len) != 0)
			abort();
		/* Strings are compared by their text: two pools. */
		event_describe(&a, text, sizeof(text));
		event_describe(&b, again, sizeof(again));
		if (strcmp(text, again) != 0)
			abort();
		event_time_str(a.t, when, sizeof(when));
	}
	session_close(&full);
	session_close(&compact);
}

/* The event through the compact store, in a block of others. */
static void round_trip(const uint8_t *data, size_t size)
{
	struct strpool *pool = strpool_new();
	struct evstore st = {0};
	struct event e, back;
	char err[256];
	uint64_t text;

	if (!pool)
		return;
	memset(&e, 0, sizeof(e));
	if (event_parse(&e, (const char *)data, size, pool, err, sizeof(err)) == 0) {
		e.json_len = (uint32_t)size;
		for (int k = 0; k < 3; k++) {
			e.line = (uint32_t)(k == 1 ? 1000 : k + 1);
			if (evstore_put(&st, &e, (uint64_t)k * 7) < 0)
				abort();
		}
		for (int k = 0; k < 3; k++) {
			evstore_get(&st, pool, (size_t)k, &back, &text);
			e.line = (uint32_t)(k == 1 ? 1000 : k + 1);
			if (text != (uint64_t)k * 7 || memcmp(&e, &back, sizeof(e)) != 0)
				abort();
		}
	}
	evstore_free(&st);
	strpool_free(pool);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	compare_readers(data, size);
	compare_keeping(data, size);
	round_trip(data, size);
	return 0;
}
