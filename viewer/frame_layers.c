/*
 * frame_layers.c - a frame of capture.pcap, split into its headers (see
 * frame_layers.h). libpcap reads the file (a truncated one ends at its
 * last whole frame); the headers are split by their own length fields
 * (IP's IHL, TCP's data offset), as Wireshark's packet details pane does,
 * each checked against the bytes captured.
 */
#include <pcap/pcap.h>
#include <stdio.h>
#include <string.h>

#include "base/i18n.h"
#include "frame_layers.h"

#define LINKTYPE_SLL2 276

static unsigned get16be(const uint8_t *p)
{
	return (unsigned)p[0] << 8 | p[1];
}

/* Reads frame's first FRAME_KEPT bytes into out with libpcap (pcap or
 * pcapng, either byte order); *len gets its captured length and *link the
 * file's link type. Returns 0, or -1. */
static int read_frame(pcap_t *p, uint32_t frame, struct frame_layers *out, size_t *len,
		      uint32_t *link)
{
	struct pcap_pkthdr *h;
	const u_char *data;

	*link = (uint32_t)pcap_datalink(p);
	for (uint32_t n = 1; pcap_next_ex(p, &h, &data) == 1; n++) {
		if (n != frame)
			continue;
		out->kept = h->caplen < FRAME_KEPT ? h->caplen : FRAME_KEPT;
		*len = h->caplen;
		memcpy(out->bytes, data, out->kept);
		return 0;
	}
	return -1;
}

static void add_part(struct frame_layers *fl, const char *name, size_t off, size_t len)
{
	fl->part[fl->nparts++] = (struct frame_part){name, off, len};
}

int frame_layers_split(struct frame_layers *fl, size_t len, uint32_t link)
{
	const uint8_t *b = fl->bytes;
	size_t off, ip_len;
	unsigned type, proto;

	if (link == DLT_EN10MB && fl->kept >= 14) {
		add_part(fl, N_("Ethernet header"), 0, 14);
		type = get16be(b + 12);
		off = 14;
	} else if (link == DLT_LINUX_SLL && fl->kept >= 16) {
		add_part(fl, N_("Linux cooked header"), 0, 16);
		type = get16be(b + 14);
		off = 16;
	} else if (link == LINKTYPE_SLL2 && fl->kept >= 20) {
		add_part(fl, N_("Linux cooked header"), 0, 20);
		type = get16be(b);
		off = 20;
	} else
		return -1;
	if (type == 0x0800 && fl->kept >= off + 20 && (b[off] & 0x0f) >= 5) {
		ip_len = (b[off] & 0x0f) * 4u;
		proto = b[off + 9];
	} else if (type == 0x86dd && fl->kept >= off + 40) {
		ip_len = 40; /* extension headers are not split out */
		proto = b[off + 6];
	} else
		return -1;
	add_part(fl, type == 0x0800 ? N_("IP header") : N_("IPv6 header"), off, ip_len);
	off += ip_len;
	if (proto == 6 && fl->kept >= off + 20 && (b[off + 12] >> 4) >= 5)
		add_part(fl, N_("TCP header"), off, (b[off + 12] >> 4) * 4u);
	else if (proto == 17 && fl->kept >= off + 8)
		add_part(fl, N_("UDP header"), off, 8);
	else
		return -1;
	off += fl->part[fl->nparts - 1].len;
	if (off > len || off > fl->kept)
		return -1; /* headers longer than the frame, or than we keep */
	add_part(fl, N_("payload"), off, len - off);
	return 0;
}

int frame_layers_read(const char *dir, uint32_t frame, struct frame_layers *out)
{
	char path[4096], err[PCAP_ERRBUF_SIZE];
	uint32_t link = 0;
	size_t len = 0;
	pcap_t *p;
	int ret;

	memset(out, 0, sizeof(*out));
	if (dir == NULL || frame == 0)
		return -1;
	snprintf(path, sizeof(path), "%s/capture.pcap", dir);
	p = pcap_open_offline(path, err);
	if (p == NULL)
		return -1; /* none, or truncated before its first frame */
	ret = read_frame(p, frame, out, &len, &link);
	pcap_close(p);
	return ret == 0 ? frame_layers_split(out, len, link) : -1;
}
