/*
 * decode.c - link, network and transport headers of one captured packet.
 *
 * The packet is peeled one layer at a time. A struct layer is a window on
 * the bytes of one header and what follows it: how many of them were
 * captured, and how many were on the wire. Each decoder first asks
 * layer_need() for the bytes its fixed header takes (which reports a
 * truncation naming the header), then reads fields with u8_at(), be16_at()
 * and be32_at(), which check the captured length once more and read 0
 * past it: no read can leave the buffer, whatever the bytes say.
 *
 * Lengths written in headers (IPv4's total length, IPv6's payload length,
 * TCP's data offset, UDP's length) are checked against each other and
 * against the wire length before they are believed: a contradiction is
 * "malformed". The captured length only limits what can be read.
 */
#include "sources/pkt/decode.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pcap/dlt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

struct layer {
	const uint8_t *p;
	size_t caplen;	/* bytes from p that were captured */
	size_t wirelen; /* bytes from p that were on the wire (>= caplen) */
};

/* ---- accessors: every read of packet bytes goes through these ---------- */

static uint8_t u8_at(const struct layer *l, size_t off)
{
	return off < l->caplen ? l->p[off] : 0;
}

static uint16_t be16_at(const struct layer *l, size_t off)
{
	return (uint16_t)(u8_at(l, off) << 8 | u8_at(l, off + 1));
}

static uint32_t be32_at(const struct layer *l, size_t off)
{
	return (uint32_t)be16_at(l, off) << 16 | be16_at(l, off + 2);
}

/* Copies n bytes at off to out; zeroes where nothing was captured. */
static void bytes_at(const struct layer *l, size_t off, uint8_t *out, size_t n)
{
	for (size_t i = 0; i < n; i++)
		out[i] = u8_at(l, off + i);
}

/* Keeps the first of the n payload bytes at off: those that were captured,
 * DATA_BYTES_MAX at most. */
static void keep_data(struct decoded_pkt *d, const struct layer *l, size_t off, size_t n)
{
	size_t have = off < l->caplen ? l->caplen - off : 0;

	if (n > have)
		n = have;
	if (n > DATA_BYTES_MAX)
		n = DATA_BYTES_MAX;
	bytes_at(l, off, d->data, n);
	d->ndata = (uint8_t)n;
}

/* ---- verdicts ------------------------------------------------------------ */

static enum decode_status verdict(struct decoded_pkt *d, enum decode_status st, const char *fmt,
				  ...) __attribute__((format(printf, 3, 4)));

static enum decode_status verdict(struct decoded_pkt *d, enum decode_status st, const char *fmt,
				  ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(d->why, sizeof(d->why), fmt, ap);
	va_end(ap);
	d->status = st;
	return st;
}

/* True when n bytes of the header called what were captured; otherwise
 * the packet is truncated there. */
static bool layer_need(struct decoded_pkt *d, const struct layer *l, size_t n, const char *what)
{
	if (n <= l->caplen)
		return true;
	verdict(d, DECODE_TRUNCATED, "%s: %zu bytes needed, %zu captured", what, n, l->caplen);
	return false;
}

/* The layer that starts n bytes into l (n <= l->caplen). */
static struct layer layer_after(const struct layer *l, size_t n)
{
	struct layer next = {l->p + n, l->caplen - n, l->wirelen - n};

	return next;
}

/* ---- transport ------------------------------------------------------------ */

#define TCP_MIN_HDR	 20
#define UDP_HDR		 8
#define IPV4_MIN_HDR	 20
#define IPV4_MF		 0x2000
#define IPV4_OFFSET_MASK 0x1fff

#define TCPOPT_EOL     0
#define TCPOPT_NOP     1
#define TCPOPT_WSCALE  3
#define TCPOLEN_WSCALE 3
#define TCP_MAX_WSCALE 14

/*
 * The window scale option among the options of a TCP header of hdrlen
 * bytes, or -1. A shift over 14 counts as 14 (RFC 7323, 2.3). An option
 * whose length runs past the header, or is under 2, ends the reading:
 * what follows cannot be trusted, as Wireshark judges it too.
 */
static int8_t tcp_wscale(const struct layer *l, size_t hdrlen)
{
	size_t off = TCP_MIN_HDR;

	while (off < hdrlen) {
		uint8_t kind = u8_at(l, off), len;

		if (kind == TCPOPT_EOL)
			break;
		if (kind == TCPOPT_NOP) {
			off++;
			continue;
		}
		len = u8_at(l, off + 1);
		if (len < 2 || off + len > hdrlen)
			break;
		if (kind == TCPOPT_WSCALE && len == TCPOLEN_WSCALE && off + len <= l->caplen)
			return (int8_t)(u8_at(l, off + 2) > TCP_MAX_WSCALE ? TCP_MAX_WSCALE
									   : u8_at(l, off + 2));
		off += len;
	}
	return -1;
}

/* A TCP segment of seglen bytes (from the IP header's lengths). */
static enum decode_status decode_tcp(struct decoded_pkt *d, const struct layer *l, size_t seglen)
{
	size_t hdrlen;

	if (seglen < TCP_MIN_HDR)
		return verdict(d, DECODE_MALFORMED,
			       "TCP: a %zu-byte segment is shorter than a header", seglen);
	if (!layer_need(d, l, TCP_MIN_HDR, "TCP header"))
		return d->status;
	hdrlen = (size_t)(u8_at(l, 12) >> 4) * 4;
	if (hdrlen < TCP_MIN_HDR || (hdrlen > seglen && !d->fragment))
		return verdict(d, DECODE_MALFORMED, "TCP: header length %zu in a %zu-byte segment",
			       hdrlen, seglen);
	d->sport = be16_at(l, 0);
	d->dport = be16_at(l, 2);
	d->seq = be32_at(l, 4);
	d->ack = be32_at(l, 8);
	d->flags = u8_at(l, 13);
	d->win = be16_at(l, 14);
	d->wscale = tcp_wscale(l, hdrlen);
	d->len = seglen > hdrlen ? (uint32_t)(seglen - hdrlen) : 0;
	d->has_ports = true;
	keep_data(d, l, hdrlen, d->len);
	return DECODE_OK;
}

static enum decode_status decode_udp(struct decoded_pkt *d, const struct layer *l, size_t seglen)
{
	size_t ulen;

	if (seglen < UDP_HDR)
		return verdict(d, DECODE_MALFORMED,
			       "UDP: a %zu-byte datagram is shorter than a header", seglen);
	if (!layer_need(d, l, UDP_HDR, "UDP header"))
		return d->status;
	ulen = be16_at(l, 4);
	/* A first fragment holds only part of the datagram its length names. */
	if (ulen < UDP_HDR || (ulen > seglen && !d->fragment))
		return verdict(d, DECODE_MALFORMED, "UDP: length %zu in a %zu-byte datagram", ulen,
			       seglen);
	d->sport = be16_at(l, 0);
	d->dport = be16_at(l, 2);
	d->len = (uint32_t)(ulen - UDP_HDR);
	d->has_ports = true;
	keep_data(d, l, UDP_HDR, d->len);
	return DECODE_OK;
}

/* ---- ICMP errors ----------------------------------------------------------- */

#define ICMP_HDR	   8
#define ICMP_UNREACHABLE   3
#define ICMP_TIME_EXCEEDED 11

/*
 * The datagram an ICMP error quotes, at the start of l: its IPv4 header
 * and the first 8 bytes after it (ports). A quote cut short keeps what it
 * has; a header that contradicts itself is malformed.
 */
static enum decode_status decode_quoted(struct decoded_pkt *d, const struct layer *l)
{
	size_t hdrlen;

	if (!layer_need(d, l, IPV4_MIN_HDR, "quoted IPv4 header"))
		return d->status;
	hdrlen = (size_t)(u8_at(l, 0) & 0x0f) * 4;
	if (u8_at(l, 0) >> 4 != 4 || hdrlen < IPV4_MIN_HDR)
		return verdict(d, DECODE_MALFORMED, "ICMP: the quoted datagram is not IPv4");
	d->quoted.proto = u8_at(l, 9);
	bytes_at(l, 12, d->quoted.src, 4);
	bytes_at(l, 16, d->quoted.dst, 4);
	d->quoted.has_ports = (d->quoted.proto == IPPROTO_TCP || d->quoted.proto == IPPROTO_UDP) &&
			      hdrlen + 4 <= l->caplen && (be16_at(l, 6) & IPV4_OFFSET_MASK) == 0;
	if (d->quoted.has_ports) {
		d->quoted.sport = be16_at(l, hdrlen);
		d->quoted.dport = be16_at(l, hdrlen + 2);
	}
	return DECODE_OK;
}

/* An ICMP message of len bytes: an error about a datagram is read, with
 * the datagram it quotes; anything else (a ping) is "other". */
static enum decode_status decode_icmp(struct decoded_pkt *d, const struct layer *l, size_t len)
{
	if (len < ICMP_HDR)
		return verdict(d, DECODE_MALFORMED, "ICMP: %zu bytes, shorter than a header", len);
	if (!layer_need(d, l, ICMP_HDR, "ICMP header"))
		return d->status;
	d->icmp_type = u8_at(l, 0);
	d->icmp_code = u8_at(l, 1);
	if (!decode_icmp_name(d->icmp_type, d->icmp_code))
		return verdict(d, DECODE_OTHER, "ICMP type %u, not an error about a datagram",
			       d->icmp_type);
	d->proto = IPPROTO_ICMP;
	d->len = (uint32_t)(len - ICMP_HDR);
	struct layer quote = layer_after(l, ICMP_HDR);
	return decode_quoted(d, &quote);
}

const char *decode_icmp_name(uint8_t type, uint8_t code)
{
	static const char *const unreachable[] = {
		"net-unreachable",  "host-unreachable",	    "protocol-unreachable",
		"port-unreachable", "fragmentation-needed", "source-route-failed",
	};

	if (type == ICMP_TIME_EXCEEDED)
		return code == 0 ? "time-exceeded" : "reassembly-time-exceeded";
	if (type == ICMP_UNREACHABLE)
		return code < sizeof(unreachable) / sizeof(unreachable[0]) ? unreachable[code]
									   : "unreachable";
	return NULL;
}

/* ---- the transport --------------------------------------------------------- */

/* What follows the IP headers: seglen bytes of protocol proto. */
static enum decode_status decode_transport(struct decoded_pkt *d, const struct layer *l,
					   uint8_t proto, size_t seglen)
{
	if (proto == IPPROTO_ICMP && d->family == AF_INET && d->frag_off == 0)
		return decode_icmp(d, l, seglen);
	if (proto != IPPROTO_TCP && proto != IPPROTO_UDP)
		return verdict(d, DECODE_OTHER, "IP protocol %u, not TCP or UDP", proto);
	d->proto = proto;
	if (d->frag_off > 0) {
		/* No transport header here: only the first fragment has one. */
		d->len = (uint32_t)seglen;
		keep_data(d, l, 0, seglen);
		return DECODE_OK;
	}
	return proto == IPPROTO_TCP ? decode_tcp(d, l, seglen) : decode_udp(d, l, seglen);
}

/* ---- IPv4 ------------------------------------------------------------------ */

static enum decode_status decode_ipv4(struct decoded_pkt *d, const struct layer *l)
{
	size_t hdrlen, total;
	uint16_t frag;

	if (!layer_need(d, l, IPV4_MIN_HDR, "IPv4 header"))
		return d->status;
	if (u8_at(l, 0) >> 4 != 4)
		return verdict(d, DECODE_MALFORMED, "IPv4: version %u", u8_at(l, 0) >> 4);
	hdrlen = (size_t)(u8_at(l, 0) & 0x0f) * 4;
	total = be16_at(l, 2);
	/* Segmentation offload hands over packets whose total length is 0: the
	 * wire length is the truth then (tcpdump does the same). */
	if (total == 0)
		total = l->wirelen;
	if (hdrlen < IPV4_MIN_HDR || total < hdrlen || total > l->wirelen)
		return verdict(d, DECODE_MALFORMED,
			       "IPv4: header length %zu, total length %zu, %zu bytes on the wire",
			       hdrlen, total, l->wirelen);
	if (!layer_need(d, l, hdrlen, "IPv4 options"))
		return d->status;
	d->family = AF_INET;
	bytes_at(l, 12, d->src, 4);
	bytes_at(l, 16, d->dst, 4);
	frag = be16_at(l, 6);
	d->more_frags = (frag & IPV4_MF) != 0;
	d->frag_off = (uint32_t)(frag & IPV4_OFFSET_MASK) * 8;
	d->fragment = d->more_frags || d->frag_off > 0;
	d->frag_id = be16_at(l, 4);
	struct layer next = layer_after(l, hdrlen);
	return decode_transport(d, &next, u8_at(l, 9), total - hdrlen);
}

/* ---- IPv6 ------------------------------------------------------------------ */

#define IPV6_HDR      40
#define IPV6_FRAG_HDR 8

/* Extension headers the walk knows how to step over. */
enum {
	EXT_HOPOPTS = 0,
	EXT_ROUTING = 43,
	EXT_FRAGMENT = 44,
	EXT_AH = 51,
	EXT_NONE = 59,
	EXT_DSTOPTS = 60,
};

/* The length of the extension header at the start of l (2 bytes of it
 * were captured). */
static size_t ipv6_ext_len(const struct layer *l, uint8_t type)
{
	if (type == EXT_FRAGMENT)
		return IPV6_FRAG_HDR;
	if (type == EXT_AH)
		return ((size_t)u8_at(l, 1) + 2) * 4;
	return ((size_t)u8_at(l, 1) + 1) * 8;
}

static bool ipv6_is_ext(uint8_t type)
{
	return type == EXT_HOPOPTS || type == EXT_ROUTING || type == EXT_FRAGMENT ||
	       type == EXT_AH || type == EXT_DSTOPTS;
}

static void ipv6_note_fragment(struct decoded_pkt *d, const struct layer *l)
{
	uint16_t off_flags = be16_at(l, 2);

	d->fragment = true;
	d->frag_off = off_flags & 0xfff8;
	d->more_frags = (off_flags & 1) != 0;
	d->frag_id = be32_at(l, 4);
}

/*
 * Walks the extension headers that start l, of which *left bytes are in
 * the packet. Leaves l at the transport header, *next its protocol.
 * Each header takes at least 8 bytes, so the walk ends.
 */
static bool ipv6_walk(struct decoded_pkt *d, struct layer *l, uint8_t *next, size_t *left)
{
	while (ipv6_is_ext(*next) && d->frag_off == 0) {
		size_t len;

		if (!layer_need(d, l, 2, "IPv6 extension header"))
			return false;
		len = ipv6_ext_len(l, *next);
		if (len > *left) {
			verdict(d, DECODE_MALFORMED,
				"IPv6: a %zu-byte extension header with %zu bytes left", len,
				*left);
			return false;
		}
		if (!layer_need(d, l, len, "IPv6 extension header"))
			return false;
		if (*next == EXT_FRAGMENT)
			ipv6_note_fragment(d, l);
		*next = u8_at(l, 0);
		*left -= len;
		*l = layer_after(l, len);
	}
	return true;
}

static enum decode_status decode_ipv6(struct decoded_pkt *d, const struct layer *l)
{
	size_t payload;
	uint8_t next;

	if (!layer_need(d, l, IPV6_HDR, "IPv6 header"))
		return d->status;
	if (u8_at(l, 0) >> 4 != 6)
		return verdict(d, DECODE_MALFORMED, "IPv6: version %u", u8_at(l, 0) >> 4);
	payload = be16_at(l, 4);
	/* 0 is a jumbogram or segmentation offload: the wire says how long. */
	if (payload == 0)
		payload = l->wirelen - IPV6_HDR;
	if (payload > l->wirelen - IPV6_HDR)
		return verdict(d, DECODE_MALFORMED,
			       "IPv6: payload length %zu, %zu bytes on the wire after the header",
			       payload, l->wirelen - IPV6_HDR);
	d->family = AF_INET6;
	bytes_at(l, 8, d->src, 16);
	bytes_at(l, 24, d->dst, 16);
	next = u8_at(l, 6);
	struct layer rest = layer_after(l, IPV6_HDR);
	if (!ipv6_walk(d, &rest, &next, &payload))
		return d->status;
	if (next == EXT_NONE)
		return verdict(d, DECODE_OTHER, "IPv6: no next header");
	return decode_transport(d, &rest, next, payload);
}

/* ---- link layers ------------------------------------------------------------ */

#define ETHERTYPE_IPV4 0x0800
#define ETHERTYPE_IPV6 0x86dd
#define ETHERTYPE_VLAN 0x8100
#define ETHERTYPE_QINQ 0x88a8
#define ETH_HDR	       14
#define VLAN_TAG       4
#define SLL_HDR	       16
#define SLL2_HDR       20
#define NULL_HDR       4

/* The network layer that starts at l, named by an Ethernet type. */
static enum decode_status decode_ethertype(struct decoded_pkt *d, const struct layer *l,
					   uint16_t type)
{
	if (type == ETHERTYPE_IPV4)
		return decode_ipv4(d, l);
	if (type == ETHERTYPE_IPV6)
		return decode_ipv6(d, l);
	return verdict(d, DECODE_OTHER, "ethertype 0x%04x, not IP", type);
}

static enum decode_status decode_ethernet(struct decoded_pkt *d, const struct layer *l)
{
	size_t off = 12;
	uint16_t type;

	if (!layer_need(d, l, ETH_HDR, "Ethernet header"))
		return d->status;
	type = be16_at(l, off);
	/* Up to two VLAN tags (802.1Q, and 802.1ad outside it). */
	for (int tags = 0; tags < 2 && (type == ETHERTYPE_VLAN || type == ETHERTYPE_QINQ); tags++) {
		off += VLAN_TAG;
		if (!layer_need(d, l, off + 2, "VLAN tag"))
			return d->status;
		type = be16_at(l, off);
	}
	struct layer net = layer_after(l, off + 2);
	return decode_ethertype(d, &net, type);
}

/* Linux "cooked" headers, from capturing on the "any" device. */
static enum decode_status decode_sll(struct decoded_pkt *d, const struct layer *l, bool v2)
{
	size_t hdr = v2 ? SLL2_HDR : SLL_HDR;

	if (!layer_need(d, l, hdr, v2 ? "Linux cooked v2 header" : "Linux cooked header"))
		return d->status;
	if (v2)
		d->ifindex = be32_at(l, 4);
	struct layer net = layer_after(l, hdr);
	return decode_ethertype(d, &net, be16_at(l, v2 ? 0 : 14));
}

/* The IP version decides, for link types with no header at all. */
static enum decode_status decode_raw_ip(struct decoded_pkt *d, const struct layer *l)
{
	if (!layer_need(d, l, 1, "IP version"))
		return d->status;
	if (u8_at(l, 0) >> 4 == 4)
		return decode_ipv4(d, l);
	if (u8_at(l, 0) >> 4 == 6)
		return decode_ipv6(d, l);
	return verdict(d, DECODE_MALFORMED, "raw IP: version %u", u8_at(l, 0) >> 4);
}

/*
 * BSD loopback: a 4-byte address family, in the byte order of the machine
 * that captured (NULL) or in network order (LOOP). IPv6 has a different
 * number on each BSD (24, 28, 30); Linux's is 10.
 */
static enum decode_status decode_null(struct decoded_pkt *d, const struct layer *l, bool loop)
{
	uint32_t family;

	if (!layer_need(d, l, NULL_HDR, "loopback header"))
		return d->status;
	family = be32_at(l, 0);
	/* A value with its low bytes empty came in the other byte order. */
	if (!loop && (family & 0xffff) == 0)
		family = __builtin_bswap32(family);
	struct layer net = layer_after(l, NULL_HDR);
	if (family == 2)
		return decode_ipv4(d, &net);
	if (family == 10 || family == 24 || family == 28 || family == 30)
		return decode_ipv6(d, &net);
	return verdict(d, DECODE_OTHER, "loopback family %u, not IP", family);
}

enum decode_status decode_packet(int dlt, const uint8_t *bytes, size_t caplen, size_t wirelen,
				 struct decoded_pkt *d)
{
	struct layer l = {bytes, bytes ? caplen : 0, wirelen < caplen ? caplen : wirelen};

	memset(d, 0, sizeof(*d));
	d->wscale = -1;
	switch (dlt) {
	case DLT_EN10MB:
		return decode_ethernet(d, &l);
	case DLT_LINUX_SLL:
		return decode_sll(d, &l, false);
	case DLT_LINUX_SLL2:
		return decode_sll(d, &l, true);
	case DLT_RAW:
	case DLT_IPV4:
	case DLT_IPV6:
		return decode_raw_ip(d, &l);
	case DLT_NULL:
		return decode_null(d, &l, false);
	case DLT_LOOP:
		return decode_null(d, &l, true);
	default:
		return verdict(d, DECODE_OTHER, "link type %d is not one socklab reads", dlt);
	}
}

const char *decode_status_name(enum decode_status st)
{
	static const char *const names[] = {"ok", "other", "truncated", "malformed"};

	return (unsigned)st < sizeof(names) / sizeof(names[0]) ? names[st] : "?";
}

/* "IP:PORT", or the address alone without a port. */
static void endpoint_text(int family, const uint8_t *addr, bool has_port, unsigned port, char *out,
			  size_t cap)
{
	char ip[INET6_ADDRSTRLEN];

	if (cap == 0)
		return;
	if (!inet_ntop(family, addr, ip, sizeof(ip)))
		snprintf(out, cap, "*");
	else if (!has_port)
		snprintf(out, cap, family == AF_INET6 ? "[%s]" : "%s", ip);
	else if (family == AF_INET6)
		snprintf(out, cap, "[%s]:%u", ip, port);
	else
		snprintf(out, cap, "%s:%u", ip, port);
}

void decode_quoted_endpoint_str(const struct decoded_pkt *d, bool src, char *out, size_t cap)
{
	endpoint_text(AF_INET, src ? d->quoted.src : d->quoted.dst, d->quoted.has_ports,
		      src ? d->quoted.sport : d->quoted.dport, out, cap);
}

void decode_endpoint_str(const struct decoded_pkt *d, bool src, char *out, size_t cap)
{
	/* A later fragment whose ports are not known, and an ICMP error, are
	 * named by address. */
	endpoint_text(d->family, src ? d->src : d->dst, d->has_ports, src ? d->sport : d->dport,
		      out, cap);
}
