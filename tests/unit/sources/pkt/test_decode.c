/*
 * test_decode.c - the packet decoder on packets made by hand: each field
 * where the wire puts it, every truncation point reported as truncated,
 * self-contradicting headers as malformed, IPv6 extension headers walked,
 * fragments told apart.
 */
#include <criterion/criterion.h>
#include <netinet/in.h>
#include <pcap/dlt.h>
#include <string.h>

#include "sources/pkt/decode.h"

/* ---- a packet builder: appends headers, big-endian as on the wire ------- */

struct pkt {
	uint8_t b[4096];
	size_t n;
};

static void put8(struct pkt *p, unsigned v)
{
	p->b[p->n++] = (uint8_t)v;
}

static void put16(struct pkt *p, unsigned v)
{
	put8(p, v >> 8);
	put8(p, v);
}

static void put32(struct pkt *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p, v & 0xffff);
}

static void put_fill(struct pkt *p, size_t n, unsigned v)
{
	while (n--)
		put8(p, v);
}

static void set16(struct pkt *p, size_t at, unsigned v)
{
	p->b[at] = (uint8_t)(v >> 8);
	p->b[at + 1] = (uint8_t)v;
}

static void eth(struct pkt *p, unsigned type)
{
	put_fill(p, 12, 0);
	put16(p, type);
}

/* An IPv4 header with opt_words words of options; returns where it
 * starts, so ipv4_done() can write the total length. */
static size_t ipv4(struct pkt *p, unsigned proto, unsigned opt_words, unsigned frag)
{
	size_t at = p->n;

	put8(p, 0x40 | (5 + opt_words));
	put8(p, 0);
	put16(p, 0); /* total length, later */
	put16(p, 0x1234);
	put16(p, frag);
	put8(p, 64);
	put8(p, proto);
	put16(p, 0);
	put32(p, 0x7f000001);	       /* 127.0.0.1 */
	put32(p, 0x7f000002);	       /* 127.0.0.2 */
	put_fill(p, opt_words * 4, 1); /* NOPs */
	return at;
}

static void ipv4_done(struct pkt *p, size_t at)
{
	set16(p, at + 2, (unsigned)(p->n - at));
}

/* An IPv6 header (::1 to ::2); ipv6_done() writes the payload length. */
static size_t ipv6(struct pkt *p, unsigned next)
{
	size_t at = p->n;

	put32(p, 0x60000000);
	put16(p, 0);
	put8(p, next);
	put8(p, 64);
	put_fill(p, 15, 0);
	put8(p, 1);
	put_fill(p, 15, 0);
	put8(p, 2);
	return at;
}

static void ipv6_done(struct pkt *p, size_t at)
{
	set16(p, at + 4, (unsigned)(p->n - at - 40));
}

/* An extension header of 8 * (1 + more) bytes. */
static void ext(struct pkt *p, unsigned next, unsigned more)
{
	put8(p, next);
	put8(p, more);
	put_fill(p, 6 + more * 8, 0);
}

static void frag6(struct pkt *p, unsigned next, unsigned off, bool more, uint32_t id)
{
	put8(p, next);
	put8(p, 0);
	put16(p, off | (more ? 1 : 0));
	put32(p, id);
}

static void tcp(struct pkt *p, unsigned flags, unsigned opt_words, size_t payload)
{
	put16(p, 40000);
	put16(p, 9190);
	put32(p, 0xfffffff0);
	put32(p, 1000);
	put8(p, (5 + opt_words) << 4);
	put8(p, flags);
	put16(p, 512);
	put32(p, 0);
	put_fill(p, opt_words * 4, 1);
	put_fill(p, payload, 'x');
}

static void udp(struct pkt *p, unsigned len_field, size_t payload)
{
	put16(p, 5353);
	put16(p, 53);
	put16(p, len_field);
	put16(p, 0);
	put_fill(p, payload, 'u');
}

static enum decode_status dec(int dlt, const struct pkt *p, struct decoded_pkt *d)
{
	return decode_packet(dlt, p->b, p->n, p->n, d);
}

/* Ethernet, IPv4 with options, TCP with options and 5 bytes of data. */
static size_t eth_ipv4_tcp(struct pkt *p)
{
	size_t ip;

	eth(p, 0x0800);
	ip = ipv4(p, IPPROTO_TCP, 2, 0);
	tcp(p, 0x18, 3, 5);
	ipv4_done(p, ip);
	return 14 + 28 + 20; /* bytes the decoder needs: up to TCP's fixed header */
}

/* ---- fields ----------------------------------------------------------------- */

Test(decode, reads_every_tcp_field_over_ethernet_and_ipv4_options)
{
	struct pkt p = {0};
	struct decoded_pkt d;
	char from[64], to[64];

	eth_ipv4_tcp(&p);
	cr_assert_eq(dec(DLT_EN10MB, &p, &d), DECODE_OK, "%s", d.why);
	cr_assert_eq(d.family, AF_INET);
	cr_assert_eq(d.proto, IPPROTO_TCP);
	cr_assert_eq(d.sport, 40000);
	cr_assert_eq(d.dport, 9190);
	cr_assert_eq(d.seq, 0xfffffff0u);
	cr_assert_eq(d.ack, 1000);
	cr_assert_eq(d.flags, 0x18);
	cr_assert_eq(d.win, 512);
	cr_assert_eq(d.len, 5, "payload is what the data offset leaves, got %u", d.len);
	cr_assert(!d.fragment);
	decode_endpoint_str(&d, true, from, sizeof(from));
	decode_endpoint_str(&d, false, to, sizeof(to));
	cr_assert_str_eq(from, "127.0.0.1:40000");
	cr_assert_str_eq(to, "127.0.0.2:9190");
}

/* A SYN with MSS, SACK permitted, a timestamp and a window scale, as
 * Linux sends it; the options are not payload. */
static void syn_with_options(struct pkt *p, unsigned shift, unsigned ws_len)
{
	size_t ip;

	eth(p, 0x0800);
	ip = ipv4(p, IPPROTO_TCP, 0, 0);
	put16(p, 40000);
	put16(p, 9190);
	put32(p, 1000);
	put32(p, 0);
	put8(p, (5 + 5) << 4);
	put8(p, 0x02);
	put16(p, 64240);
	put32(p, 0);
	put8(p, 2), put8(p, 4), put16(p, 1460);		   /* MSS */
	put8(p, 4), put8(p, 2);				   /* SACK permitted */
	put8(p, 8), put8(p, 10), put32(p, 1), put32(p, 0); /* timestamps */
	put8(p, 1);					   /* NOP */
	put8(p, 3), put8(p, ws_len), put8(p, shift);	   /* window scale */
	ipv4_done(p, ip);
}

Test(decode, the_window_scale_option_is_read_and_capped_at_14)
{
	struct pkt p = {0}, big = {0}, bad = {0};
	struct decoded_pkt d;

	syn_with_options(&p, 7, 3);
	cr_assert_eq(dec(DLT_EN10MB, &p, &d), DECODE_OK, "%s", d.why);
	cr_assert_eq(d.wscale, 7);
	cr_assert_eq(d.len, 0, "options are no payload: %u", d.len);
	syn_with_options(&big, 15, 3);
	cr_assert_eq(dec(DLT_EN10MB, &big, &d), DECODE_OK);
	cr_assert_eq(d.wscale, 14, "RFC 7323: a shift over 14 is taken as 14");
	/* An option whose length is not 3 is no window scale; one running
	 * past the header ends the options. */
	syn_with_options(&bad, 7, 2);
	cr_assert_eq(dec(DLT_EN10MB, &bad, &d), DECODE_OK);
	cr_assert_eq(d.wscale, -1);
	bad.b[bad.n - 2] = 9;
	cr_assert_eq(dec(DLT_EN10MB, &bad, &d), DECODE_OK);
	cr_assert_eq(d.wscale, -1);
	/* Without options there is none. */
	memset(&p, 0, sizeof(p));
	eth_ipv4_tcp(&p);
	cr_assert_eq(dec(DLT_EN10MB, &p, &d), DECODE_OK);
	cr_assert_eq(d.wscale, -1);
}

Test(decode, payload_length_comes_from_the_headers_not_the_capture)
{
	struct pkt p = {0};
	struct decoded_pkt d;
	size_t need = eth_ipv4_tcp(&p);

	/* A snapshot that stops right after the TCP header still knows the
	 * segment carried 5 bytes. */
	cr_assert_eq(decode_packet(DLT_EN10MB, p.b, need, p.n, &d), DECODE_OK, "%s", d.why);
	cr_assert_eq(d.len, 5);
}

Test(decode, ethernet_padding_after_the_ip_packet_is_not_payload)
{
	struct pkt p = {0};
	struct decoded_pkt d;
	size_t ip;

	eth(&p, 0x0800);
	ip = ipv4(&p, IPPROTO_TCP, 0, 0);
	tcp(&p, 0x10, 0, 0);
	ipv4_done(&p, ip);
	put_fill(&p, 6, 0); /* a 60-byte minimum frame */
	cr_assert_eq(dec(DLT_EN10MB, &p, &d), DECODE_OK);
	cr_assert_eq(d.len, 0);
}

Test(decode, vlan_tags_are_stepped_over)
{
	struct pkt p = {0};
	struct decoded_pkt d;
	size_t ip;

	put_fill(&p, 12, 0);
	put16(&p, 0x88a8);
	put16(&p, 100);
	put16(&p, 0x8100);
	put16(&p, 200);
	put16(&p, 0x0800);
	ip = ipv4(&p, IPPROTO_UDP, 0, 0);
	udp(&p, 8 + 3, 3);
	ipv4_done(&p, ip);
	cr_assert_eq(dec(DLT_EN10MB, &p, &d), DECODE_OK, "%s", d.why);
	cr_assert_eq(d.dport, 53);
	cr_assert_eq(d.len, 3);
}

Test(decode, udp_over_ipv6_in_linux_cooked_headers)
{
	for (int v2 = 0; v2 <= 1; v2++) {
		struct pkt p = {0};
		struct decoded_pkt d;
		char to[64];
		size_t ip;

		if (v2) {
			put16(&p, 0x86dd);
			put_fill(&p, 18, 0);
		} else {
			put_fill(&p, 14, 0);
			put16(&p, 0x86dd);
		}
		ip = ipv6(&p, IPPROTO_UDP);
		udp(&p, 8 + 10, 10);
		ipv6_done(&p, ip);
		cr_assert_eq(dec(v2 ? DLT_LINUX_SLL2 : DLT_LINUX_SLL, &p, &d), DECODE_OK, "%s",
			     d.why);
		cr_assert_eq(d.family, AF_INET6);
		cr_assert_eq(d.proto, IPPROTO_UDP);
		cr_assert_eq(d.sport, 5353);
		cr_assert_eq(d.len, 10);
		decode_endpoint_str(&d, false, to, sizeof(to));
		cr_assert_str_eq(to, "[::2]:53", "IPv6 is written as the tracer writes it");
	}
}

Test(decode, raw_ip_and_bsd_loopback_in_both_byte_orders)
{
	static const uint8_t family_le[4] = {2, 0, 0, 0}, family_be[4] = {0, 0, 0, 2};
	struct decoded_pkt d;

	for (int kind = 0; kind < 4; kind++) {
		struct pkt p = {0};
		int dlt = kind == 0 ? DLT_RAW : kind == 3 ? DLT_LOOP : DLT_NULL;
		size_t ip;

		if (kind > 0)
			for (int i = 0; i < 4; i++)
				put8(&p, (kind == 1 ? family_le : family_be)[i]);
		ip = ipv4(&p, IPPROTO_TCP, 0, 0);
		tcp(&p, 0x02, 0, 0);
		ipv4_done(&p, ip);
		cr_assert_eq(dec(dlt, &p, &d), DECODE_OK, "kind %d: %s", kind, d.why);
		cr_assert_eq(d.flags, 0x02);
	}
}

Test(decode, offloaded_ipv4_with_total_length_zero_uses_the_wire_length)
{
	struct pkt p = {0};
	struct decoded_pkt d;

	eth(&p, 0x0800);
	ipv4(&p, IPPROTO_TCP, 0, 0);
	tcp(&p, 0x10, 0, 100);
	cr_assert_eq(dec(DLT_EN10MB, &p, &d), DECODE_OK, "%s", d.why);
	cr_assert_eq(d.len, 100);
}

/* ---- IPv6 extension headers and fragments ---------------------------------------- */

Test(decode, ipv6_walks_hop_by_hop_routing_and_destination_options)
{
	struct pkt p = {0};
	struct decoded_pkt d;
	size_t ip;

	ip = ipv6(&p, 0);
	ext(&p, 43, 0);
	ext(&p, 60, 1);
	ext(&p, IPPROTO_TCP, 0);
	tcp(&p, 0x11, 0, 7);
	ipv6_done(&p, ip);
	cr_assert_eq(dec(DLT_RAW, &p, &d), DECODE_OK, "%s", d.why);
	cr_assert_eq(d.proto, IPPROTO_TCP);
	cr_assert_eq(d.flags, 0x11);
	cr_assert_eq(d.len, 7, "the extension headers are not payload, got %u", d.len);
}

Test(decode, ipv6_first_fragment_has_ports_later_ones_do_not)
{
	struct pkt first = {0}, later = {0};
	struct decoded_pkt d;
	size_t ip;

	ip = ipv6(&first, 44);
	frag6(&first, IPPROTO_UDP, 0, true, 77);
	udp(&first, 8 + 3000, 1000); /* a 3000-byte datagram, 1000 here */
	ipv6_done(&first, ip);
	cr_assert_eq(dec(DLT_RAW, &first, &d), DECODE_OK, "%s", d.why);
	cr_assert(d.fragment && d.more_frags && d.has_ports);
	cr_assert_eq(d.frag_id, 77);
	cr_assert_eq(d.len, 3000);

	ip = ipv6(&later, 44);
	frag6(&later, IPPROTO_UDP, 1008, false, 77);
	put_fill(&later, 500, 'z');
	ipv6_done(&later, ip);
	cr_assert_eq(dec(DLT_RAW, &later, &d), DECODE_OK, "%s", d.why);
	cr_assert(d.fragment && !d.more_frags && !d.has_ports);
	cr_assert_eq(d.frag_off, 1008);
	cr_assert_eq(d.len, 500);
}

Test(decode, ipv4_fragments)
{
	struct pkt first = {0}, later = {0};
	struct decoded_pkt d;
	char from[64];
	size_t ip;

	eth(&first, 0x0800);
	ip = ipv4(&first, IPPROTO_UDP, 0, 0x2000);
	udp(&first, 8 + 2000, 1472);
	ipv4_done(&first, ip);
	cr_assert_eq(dec(DLT_EN10MB, &first, &d), DECODE_OK, "%s", d.why);
	cr_assert(d.fragment && d.more_frags && d.has_ports);
	cr_assert_eq(d.frag_id, 0x1234);

	eth(&later, 0x0800);
	ip = ipv4(&later, IPPROTO_UDP, 0, 185); /* offset 1480 bytes */
	put_fill(&later, 536, 'z');
	ipv4_done(&later, ip);
	cr_assert_eq(dec(DLT_EN10MB, &later, &d), DECODE_OK, "%s", d.why);
	cr_assert(d.fragment && !d.more_frags && !d.has_ports);
	cr_assert_eq(d.frag_off, 1480);
	cr_assert_eq(d.len, 536);
	decode_endpoint_str(&d, true, from, sizeof(from));
	cr_assert_str_eq(from, "127.0.0.1", "no ports known: the address alone");
}

/* ---- truncated: every length short of what the headers need -------------------- */

static void assert_truncated_below(int dlt, const struct pkt *p, size_t need)
{
	struct decoded_pkt d;

	for (size_t cap = 0; cap < need; cap++) {
		enum decode_status st = decode_packet(dlt, p->b, cap, p->n, &d);
		cr_assert_eq(st, DECODE_TRUNCATED, "%zu of %zu bytes: %s (%s)", cap, need,
			     decode_status_name(st), d.why);
		cr_assert(strstr(d.why, "captured"), "the reason says so: %s", d.why);
	}
	cr_assert_eq(decode_packet(dlt, p->b, need, p->n, &d), DECODE_OK, "%zu bytes: %s", need,
		     d.why);
}

Test(decode, every_truncation_point_of_ethernet_ipv4_tcp)
{
	struct pkt p = {0};
	size_t need = eth_ipv4_tcp(&p);

	assert_truncated_below(DLT_EN10MB, &p, need);
}

Test(decode, every_truncation_point_of_ipv6_extension_headers_and_udp)
{
	struct pkt p = {0};
	size_t ip;

	put16(&p, 0x86dd);
	put_fill(&p, 18, 0);
	ip = ipv6(&p, 0);
	ext(&p, 60, 2);
	frag6(&p, IPPROTO_UDP, 0, false, 1);
	udp(&p, 8 + 4, 4);
	ipv6_done(&p, ip);
	assert_truncated_below(DLT_LINUX_SLL2, &p, 20 + 40 + 24 + 8 + 8);
}

Test(decode, every_truncation_point_of_loopback_and_cooked_headers)
{
	struct pkt p = {0};
	size_t ip;

	put_fill(&p, 14, 0);
	put16(&p, 0x0800);
	ip = ipv4(&p, IPPROTO_TCP, 0, 0);
	tcp(&p, 0x10, 0, 0);
	ipv4_done(&p, ip);
	assert_truncated_below(DLT_LINUX_SLL, &p, 16 + 20 + 20);
}

Test(decode, truncated_names_the_header)
{
	struct pkt p = {0};
	struct decoded_pkt d;

	eth_ipv4_tcp(&p);
	decode_packet(DLT_EN10MB, p.b, 14 + 28 + 10, p.n, &d);
	cr_assert_str_eq(d.why, "TCP header: 20 bytes needed, 10 captured");
	decode_packet(DLT_EN10MB, p.b, 14 + 24, p.n, &d);
	cr_assert_str_eq(d.why, "IPv4 options: 28 bytes needed, 24 captured");
}

/* ---- malformed: headers that contradict themselves ----------------------------- */

static void assert_malformed(int dlt, struct pkt *p, const char *what)
{
	struct decoded_pkt d;
	enum decode_status st = dec(dlt, p, &d);

	cr_assert_eq(st, DECODE_MALFORMED, "%s: got %s (%s)", what, decode_status_name(st), d.why);
}

Test(decode, malformed_ipv4_headers)
{
	struct pkt p = {0};
	size_t ip;

	eth(&p, 0x0800);
	ip = ipv4(&p, IPPROTO_TCP, 0, 0);
	tcp(&p, 0x10, 0, 0);
	ipv4_done(&p, ip);
	p.b[ip] = 0x44; /* 4 words of header */
	assert_malformed(DLT_EN10MB, &p, "header length below 20");
	p.b[ip] = 0x45;
	set16(&p, ip + 2, 10);
	assert_malformed(DLT_EN10MB, &p, "total length below the header");
	set16(&p, ip + 2, 1500);
	assert_malformed(DLT_EN10MB, &p, "total length beyond the wire");
	set16(&p, ip + 2, 40);
	p.b[ip] = 0x65;
	assert_malformed(DLT_EN10MB, &p, "version 6 in an IPv4 ethertype");
}

Test(decode, malformed_tcp_and_udp)
{
	struct pkt t = {0}, u = {0};
	size_t ip;

	eth(&t, 0x0800);
	ip = ipv4(&t, IPPROTO_TCP, 0, 0);
	tcp(&t, 0x10, 0, 0);
	ipv4_done(&t, ip);
	t.b[ip + 20 + 12] = 0x40; /* 16-byte header */
	assert_malformed(DLT_EN10MB, &t, "TCP data offset below 5");
	t.b[ip + 20 + 12] = 0x60; /* 24 bytes in a 20-byte segment */
	assert_malformed(DLT_EN10MB, &t, "TCP header past its segment");
	set16(&t, ip + 2, 30);
	assert_malformed(DLT_EN10MB, &t, "IP says a 10-byte segment");

	eth(&u, 0x0800);
	ip = ipv4(&u, IPPROTO_UDP, 0, 0);
	udp(&u, 4, 4);
	ipv4_done(&u, ip);
	assert_malformed(DLT_EN10MB, &u, "UDP length below 8");
	set16(&u, ip + 20 + 4, 100);
	assert_malformed(DLT_EN10MB, &u, "UDP length past the datagram");
}

Test(decode, malformed_ipv6)
{
	struct pkt p = {0};
	size_t ip;

	ip = ipv6(&p, 60);
	ext(&p, IPPROTO_TCP, 0);
	tcp(&p, 0x10, 0, 0);
	ipv6_done(&p, ip);
	p.b[ip + 41] = 9; /* an 80-byte header in 28 bytes of payload */
	assert_malformed(DLT_RAW, &p, "extension header longer than the payload");
	p.b[ip + 41] = 0;
	set16(&p, ip + 4, 200);
	assert_malformed(DLT_RAW, &p, "payload length beyond the wire");
	p.b[ip] = 0x50;
	assert_malformed(DLT_RAW, &p, "IP version 5");
}

/* ---- other: well formed, not ours ------------------------------------------------- */

Test(decode, arp_icmp_and_unknown_link_types_are_other)
{
	struct pkt arp = {0}, icmp = {0};
	struct decoded_pkt d;
	size_t ip;

	eth(&arp, 0x0806);
	put_fill(&arp, 28, 0);
	cr_assert_eq(dec(DLT_EN10MB, &arp, &d), DECODE_OTHER);
	eth(&icmp, 0x0800);
	ip = ipv4(&icmp, IPPROTO_ICMP, 0, 0);
	put_fill(&icmp, 8, 0);
	ipv4_done(&icmp, ip);
	cr_assert_eq(dec(DLT_EN10MB, &icmp, &d), DECODE_OTHER);
	cr_assert_eq(dec(DLT_IEEE802_11, &icmp, &d), DECODE_OTHER);
	cr_assert_eq(decode_packet(DLT_EN10MB, NULL, 100, 100, &d), DECODE_TRUNCATED);
}

/* ---- payload bytes, ICMP errors, interfaces -------------------------------- */

Test(decode, keeps_the_payloads_first_bytes_as_far_as_captured)
{
	struct pkt p = {0};
	struct decoded_pkt d;
	size_t ip;

	eth(&p, 0x0800);
	ip = ipv4(&p, IPPROTO_UDP, 0, 0);
	udp(&p, 8 + 100, 100);
	ipv4_done(&p, ip);
	cr_assert_eq(dec(DLT_EN10MB, &p, &d), DECODE_OK);
	cr_assert_eq(d.ndata, DATA_BYTES_MAX, "at most 64 of the 100");
	cr_assert_eq(d.data[0], 'u');
	/* A capture cut 10 bytes into the payload keeps those 10. */
	cr_assert_eq(decode_packet(DLT_EN10MB, p.b, 14 + 20 + 8 + 10, p.n, &d), DECODE_OK);
	cr_assert_eq(d.ndata, 10);
}

/* An ICMP time exceeded from 127.0.0.2, quoting a UDP datagram of
 * 127.0.0.1:5353 to 127.0.0.2:53 (quote bytes of it). */
static void icmp_time_exceeded(struct pkt *p, size_t quote)
{
	struct pkt inner = {0};
	size_t ip, in;

	eth(p, 0x0800);
	ip = ipv4(p, IPPROTO_ICMP, 0, 0);
	put8(p, 11);
	put8(p, 0);
	put16(p, 0);
	put32(p, 0);
	in = ipv4(&inner, IPPROTO_UDP, 0, 0);
	udp(&inner, 8 + 4, 4);
	ipv4_done(&inner, in);
	memcpy(p->b + p->n, inner.b, quote);
	p->n += quote;
	ipv4_done(p, ip);
}

Test(decode, an_icmp_error_with_the_datagram_it_quotes)
{
	struct pkt p = {0};
	struct decoded_pkt d;
	char from[64], to[64];

	icmp_time_exceeded(&p, 28);
	cr_assert_eq(dec(DLT_EN10MB, &p, &d), DECODE_OK, "%s", d.why);
	cr_assert_eq(d.proto, IPPROTO_ICMP);
	cr_assert_eq(d.icmp_type, 11);
	cr_assert_str_eq(decode_icmp_name(d.icmp_type, d.icmp_code), "time-exceeded");
	cr_assert(!d.has_ports, "an ICMP error is between addresses");
	decode_endpoint_str(&d, true, from, sizeof(from));
	cr_assert_str_eq(from, "127.0.0.1");
	cr_assert(d.quoted.has_ports);
	decode_quoted_endpoint_str(&d, true, from, sizeof(from));
	decode_quoted_endpoint_str(&d, false, to, sizeof(to));
	cr_assert_str_eq(from, "127.0.0.1:5353");
	cr_assert_str_eq(to, "127.0.0.2:53");
	cr_assert_str_eq(decode_icmp_name(3, 3), "port-unreachable");
	cr_assert_null(decode_icmp_name(8, 0), "a ping is no error");
}

Test(decode, an_icmp_error_cut_short_or_quoting_nonsense)
{
	struct pkt p = {0}, bad = {0};
	struct decoded_pkt d;

	/* The quoted IP header, but not its ports: addresses only. */
	icmp_time_exceeded(&p, 22);
	cr_assert_eq(dec(DLT_EN10MB, &p, &d), DECODE_OK);
	cr_assert(!d.quoted.has_ports);
	/* Less than the quoted IP header: truncated. */
	cr_assert_eq(decode_packet(DLT_EN10MB, p.b, 14 + 20 + 8 + 10, p.n, &d), DECODE_TRUNCATED);
	/* A quote that is not IPv4. */
	icmp_time_exceeded(&bad, 28);
	bad.b[14 + 20 + 8] = 0x65;
	cr_assert_eq(dec(DLT_EN10MB, &bad, &d), DECODE_MALFORMED);
}

Test(decode, cooked_v2_says_which_interface)
{
	struct pkt p = {0};
	struct decoded_pkt d;
	size_t ip;

	put16(&p, 0x0800); /* protocol */
	put16(&p, 0);
	put32(&p, 7); /* interface index */
	put16(&p, 1);
	put8(&p, 4); /* outgoing */
	put8(&p, 6);
	put_fill(&p, 8, 0);
	ip = ipv4(&p, IPPROTO_UDP, 0, 0);
	udp(&p, 8 + 3, 3);
	ipv4_done(&p, ip);
	cr_assert_eq(dec(DLT_LINUX_SLL2, &p, &d), DECODE_OK, "%s", d.why);
	cr_assert_eq(d.ifindex, 7);
}
