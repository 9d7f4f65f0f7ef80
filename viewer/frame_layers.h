/*
 * frame_layers.h - one frame of a session's capture.pcap, split into its
 * layers' headers and the payload, for the bytes box (key x): a segment
 * on an Ethernet link is an Ethernet header, an IP header, a TCP header,
 * then the bytes a program wrote.
 */
#ifndef SOCKLAB_FRAME_LAYERS_H
#define SOCKLAB_FRAME_LAYERS_H

#include <stddef.h>
#include <stdint.h>

#define FRAME_LAYERS_MAX 4
#define FRAME_KEPT	 192 /* the frame's first bytes: every header, and some payload */

struct frame_part {
	const char *name; /* N_("Ethernet header") ... N_("payload"): _() shows it */
	size_t off, len;  /* in the frame; the payload's len is all of it */
};

struct frame_layers {
	uint8_t bytes[FRAME_KEPT];
	size_t kept; /* bytes of the frame in bytes[] */
	int nparts;
	struct frame_part part[FRAME_LAYERS_MAX];
};

/* Reads frame number frame (1 for the first) of dir/capture.pcap and
 * splits it. Returns 0, or -1 when there is no such capture or frame, or
 * its link or protocols are not ones it knows (then the box shows the
 * payload alone, as before). */
int frame_layers_read(const char *dir, uint32_t frame, struct frame_layers *out);

/* Splits the frame in fl->bytes (fl->kept of its len captured bytes) of
 * link type link (a DLT_ value). Returns 0, or -1 when a header is not
 * one it knows or does not fit in what was captured. Fuzzed
 * (tests/fuzz/fuzz_frame.c). */
int frame_layers_split(struct frame_layers *fl, size_t len, uint32_t link);

#endif
