/*
 * fuzz_frame.c - the viewer's split of a captured frame into its layers'
 * headers (viewer/frame_layers.c), over any bytes: the first byte picks
 * the link type, the next two the frame's length as the capture said it,
 * the rest are the captured bytes. Every part must lie inside the bytes
 * kept, in order, and the payload must end at the frame's length.
 */
#include <assert.h>
#include <pcap/pcap.h>
#include <stdint.h>
#include <string.h>

#include "viewer/frame_layers.h"

static const uint32_t links[] = {DLT_EN10MB, DLT_LINUX_SLL, 276, DLT_RAW};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct frame_layers fl = {0};
	size_t len, end = 0;

	if (size < 3)
		return 0;
	len = (size_t)data[1] << 8 | data[2];
	fl.kept = size - 3 < FRAME_KEPT ? size - 3 : FRAME_KEPT;
	if (len < fl.kept)
		len = fl.kept;
	memcpy(fl.bytes, data + 3, fl.kept);
	if (frame_layers_split(&fl, len, links[data[0] % 4]) != 0)
		return 0;
	for (int i = 0; i < fl.nparts; i++) {
		const struct frame_part *p = &fl.part[i];
		assert(p->off == end);
		if (i < fl.nparts - 1)
			assert(p->off + p->len <= fl.kept);
		end = p->off + p->len;
	}
	assert(end == len);
	return 0;
}
