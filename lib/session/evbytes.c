/*
 * evbytes.c - an event's bytes, read from its line (see evbytes.h).
 */
#include "session/evbytes.h"

#include <stdio.h>
#include <string.h>

#include "base/jobj.h"

size_t event_bytes(const struct event *e, uint8_t *out, size_t cap)
{
	const char *data;
	struct jobj o;
	int n = 0;

	if (!e->json || (e->src != SRC_PKT && e->src != SRC_CALL) ||
	    !memmem(e->json, e->json_len, "\"data\"", 6))
		return 0;
	event_fields(e, &o);
	data = jobj_str(&o, "data");
	if (data)
		n = hex_decode(data, strlen(data), out, cap);
	jobj_free(&o);
	return n > 0 ? (size_t)n : 0;
}

int64_t event_bytes_total(const struct event *e)
{
	if (e->src == SRC_PKT)
		return e->pkt.len;
	if (e->src == SRC_CALL)
		return e->call.ret > 0 ? e->call.ret : 0;
	return 0;
}

void bytes_dump_row(const uint8_t *p, size_t n, size_t off, char *out, size_t cap)
{
	char hex[BYTES_PER_ROW * 3 + 2] = "", text[BYTES_PER_ROW + 1] = "";
	size_t h = 0;

	for (size_t i = 0; i < BYTES_PER_ROW; i++) {
		size_t at = off + i;
		if (i == BYTES_PER_ROW / 2)
			hex[h++] = ' ';
		if (at < n)
			snprintf(hex + h, sizeof(hex) - h, "%02x ", p[at]);
		else
			snprintf(hex + h, sizeof(hex) - h, "   ");
		h += 3;
		text[i] = at >= n ? '\0' : p[at] >= 0x20 && p[at] < 0x7f ? (char)p[at] : '.';
	}
	text[BYTES_PER_ROW] = '\0';
	snprintf(out, cap, "%04zx  %s %s", off, hex, text);
}
