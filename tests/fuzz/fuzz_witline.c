/*
 * fuzz_witline.c - the syscall witness reads tracefs lines whose task
 * names the student's program chose: for any bytes, the parser reads
 * within the line, and what it accepts is whole (a call's name is a
 * name, a task id is a task id).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sources/sys/witline.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *line = malloc(size + 1);
	struct witline w;

	if (!line)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	switch (witline_parse(line, &w)) {
	case WIT_ENTER:
	case WIT_EXIT:
		if (w.tid <= 0 || !w.call[0] || strlen(w.call) >= sizeof(w.call) ||
		    w.nargs > WITLINE_ARGS)
			abort();
		break;
	case WIT_NEWTASK:
		if (w.tid <= 0 || w.child <= 0)
			abort();
		break;
	case WIT_LOST:
		if (w.lost < 0)
			abort();
		break;
	case WIT_BAD:
		break;
	}
	free(line);
	return 0;
}
