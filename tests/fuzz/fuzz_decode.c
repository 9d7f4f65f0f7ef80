/*
 * fuzz_decode.c - libFuzzer target: the packet path from raw bytes to a
 * pkt event (decode_packet, then the framer's fragments, relative
 * sequence numbers and TCP analysis, whose state runs on from input to
 * input, a tenth of a millisecond apart). Input: one byte choosing the link
 * type, one byte of bytes "lost" past the capture (wire length > captured
 * length), then the packet.
 */
#include <pcap/dlt.h>
#include <stddef.h>
#include <stdint.h>

#include "sources/pkt/decode.h"
#include "sources/pkt/pktevent.h"

static const int link_types[] = {
	DLT_EN10MB, DLT_LINUX_SLL, DLT_LINUX_SLL2, DLT_RAW, DLT_IPV4, DLT_IPV6, DLT_NULL, DLT_LOOP,
};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct pkt_framer *framer;
	static unsigned runs;
	struct decoded_pkt d;
	char name[80];
	json_t *ev;

	if (size < 2)
		return 0;
	/* A fresh framer now and then: its tables grow with every new address
	 * pair, which a fuzzer makes millions of. */
	if (runs++ % 4096 == 0) {
		pkt_framer_free(framer);
		framer = pkt_framer_new();
	}
	int dlt = link_types[data[0] % (sizeof(link_types) / sizeof(link_types[0]))];
	size_t wirelen = size - 2 + data[1];
	if (decode_packet(dlt, data + 2, size - 2, wirelen, &d) != DECODE_OK)
		return 0;
	decode_endpoint_str(&d, true, name, sizeof(name));
	pkt_framer_recall_ports(framer, &d);
	ev = pkt_framer_event(framer, (int64_t)runs * 100000, &d);
	json_decref(ev);
	return 0;
}
