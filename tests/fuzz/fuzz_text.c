/*
 * fuzz_text.c - a student's bytes made text (base/text.h), for any bytes:
 * text_utf8 gives valid UTF-8 with no NUL (jansson takes it); text_shown
 * gives that with no control character but those kept, no DEL, no C1, and
 * escaping it again changes nothing; text_show into a small buffer stays
 * inside it, NUL-terminated, a prefix of text_shown's.
 */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"

static void check_harmless(const char *s, unsigned keep)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; u[i]; i++) {
		if (u[i] < 0x20 && !(u[i] == '\n' && (keep & TEXT_KEEP_NL)) &&
		    !(u[i] == '\t' && (keep & TEXT_KEEP_TAB)))
			abort();
		if (u[i] == 0x7f || (u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned keep = size ? data[0] % 4 : 0;
	const char *s = (const char *)data;
	char *kept = text_utf8(s, size), *once = text_shown(s, size, keep), *twice, small[17];
	json_t *j;

	if (!kept || !once)
		abort();
	if (!(j = json_string(kept)))
		abort();
	json_decref(j);
	if (!(j = json_string(once)))
		abort();
	json_decref(j);
	check_harmless(once, keep);
	twice = text_shown(once, strlen(once), keep);
	if (!twice || strcmp(once, twice) != 0)
		abort();
	/* text_show reads a string: the bytes up to the first NUL. */
	char *str = strndup(s, size);
	char *whole = text_shown(str, strlen(str), keep);
	size_t n = text_show(small, sizeof(small), str, keep);
	if (n >= sizeof(small) || small[n] != '\0' || strncmp(small, whole, n) != 0)
		abort();
	free(whole);
	free(str);
	free(twice);
	free(once);
	free(kept);
	return 0;
}
