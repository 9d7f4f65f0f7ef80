/*
 * frame_layers.c - a frame of capture.pcap, split into its headers (see
 * frame_layers.h). The file is classic pcap as socklab writes it; the
 * headers are read by their own length fields (IP's IHL, TCP's data
 * offset), as Wireshark's packet details pane does.
 */
#include <stdio.h>
#include <string.h>

#include "frame_layers.h"

#define LINKTYPE_ETHERNET 1
#define LINKTYPE_SLL	  113 /* Linux "cooked" capture (the "any" device) */
#define LINKTYPE_SLL2	  276

static uint32_t get32(const uint8_t *p, int swap)
{
	return swap ? (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]
		    : (uint32_t)p[3] << 24 | p[2] << 16 | p[1] << 8 | p[0];
}

static unsigned get16be(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Reads frame's first FRAME_KEPT bytes into out; *len gets its captured
 * length and *link the file's link type. Returns 0, or -1. */
static int read_frame(FILE *f, uint32_t frame, struct frame_layers *out, size_t *len,
		      uint32_t *link)
{
	uint8_t gh[24], rh[16];
	uint32_t magic;
	int swap;

	if (fread(gh, 1, sizeof(gh), f) != sizeof(gh))
		return -1;
	magic = get32(gh, 0);
	if (magic == 0xa1b2c3d4 || magic == 0xa1b23c4d)
		swap = 0;
	else if (magic == 0xd4c3b2a1 || magic == 0x4d3cb2a1)
		swap = 1;
	else
		return -1; /* not classic pcap (pcapng, say) */
	*link = get32(gh + 20, swap);
	for (uint32_t n = 1; fread(rh, 1, sizeof(rh), f) == sizeof(rh); n++) {
		size_t incl = get32(rh + 8, swap);
		if (n == frame) {
			out->kept = incl < FRAME_KEPT ? incl : FRAME_KEPT;
			*len = incl;
			return fread(out->bytes, 1, out->kept, f) == out->kept ? 0 : -1;
		}
		if (fseek(f, (long)incl, SEEK_CUR) != 0)
			return -1;
	}
	return -1;
}

static void add_part(struct frame_layers *fl, const char *name, size_t off, size_t len)
{
	fl->part[fl->nparts++] = (struct frame_part){name, off, len};
}

/* Splits the frame, len bytes, of link type link. Returns 0, or -1. */
static int split(struct frame_layers *fl, size_t len, uint32_t link)
{
	const uint8_t *b = fl->bytes;
	size_t off, ip_len;
	unsigned type, proto;

	if (link == LINKTYPE_ETHERNET && fl->kept >= 14) {
		add_part(fl, "Ethernet header", 0, 14);
		type = get16be(b + 12);
		off = 14;
	} else if (link == LINKTYPE_SLL && fl->kept >= 16) {
		add_part(fl, "Linux cooked header", 0, 16);
		type = get16be(b + 14);
		off = 16;
	} else if (link == LINKTYPE_SLL2 && fl->kept >= 20) {
		add_part(fl, "Linux cooked header", 0, 20);
		type = get16be(b);
		off = 20;
	} else
		return -1;
	if (type == 0x0800 && fl->kept >= off + 20) {
		ip_len = (b[off] & 0x0f) * 4u;
		proto = b[off + 9];
	} else if (type == 0x86dd && fl->kept >= off + 40) {
		ip_len = 40; /* extension headers are not split out */
		proto = b[off + 6];
	} else
		return -1;
	add_part(fl, type == 0x0800 ? "IP header" : "IPv6 header", off, ip_len);
	off += ip_len;
	if (proto == 6 && fl->kept >= off + 20)
		add_part(fl, "TCP header", off, (b[off + 12] >> 4) * 4u);
	else if (proto == 17 && fl->kept >= off + 8)
		add_part(fl, "UDP header", off, 8);
	else
		return -1;
	off += fl->part[fl->nparts - 1].len;
	if (off > len || off > fl->kept)
		return -1; /* headers longer than the frame, or than we keep */
	add_part(fl, "payload", off, len - off);
	return 0;
}

int frame_layers_read(const char *dir, uint32_t frame, struct frame_layers *out)
{
	char path[4096];
	uint32_t link = 0;
	size_t len = 0;
	FILE *f;
	int ret;

	memset(out, 0, sizeof(*out));
	if (dir == NULL || frame == 0)
		return -1;
	snprintf(path, sizeof(path), "%s/capture.pcap", dir);
	f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	ret = read_frame(f, frame, out, &len, &link);
	fclose(f);
	return ret == 0 ? split(out, len, link) : -1;
}
