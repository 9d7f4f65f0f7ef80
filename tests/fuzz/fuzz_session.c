/*
 * fuzz_session.c - libFuzzer target: the session reader on one line of
 * events.jsonl (event_parse through session_append_line, then the line
 * described as `socklab show` prints it).
 */
#include <stddef.h>
#include <stdint.h>

#include "session/event.h"
#include "session/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct session s;
	char text[512], when[32];

	if (session_init(&s) < 0)
		return 0;
	if (session_append_line(&s, (const char *)data, size) == 0) {
		event_describe(&s.ev[0], text, sizeof(text));
		event_time_str(s.ev[0].t, when, sizeof(when));
	}
	session_close(&s);
	return 0;
}
