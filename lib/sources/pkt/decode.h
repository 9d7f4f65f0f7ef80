/*
 * decode.h - reading the headers of one captured packet, safely.
 *
 * A captured packet is bytes from outside: any length, any content. The
 * decoder never lays a struct over them. It reads each field through an
 * accessor that checks the field lies inside the bytes that were captured
 * (tcpdump's extract.h does the same), and it tells apart two ways a packet
 * can fail:
 *   truncated  the capture kept fewer bytes than the headers need (a short
 *              snapshot length), though what is there may be fine;
 *   malformed  the bytes contradict themselves (an IPv4 header length of
 *              3 words, a TCP header longer than its segment).
 * A packet that is neither TCP nor UDP over IP (ARP, a ping) is "other",
 * but for the ICMP errors about a datagram (destination unreachable, time
 * exceeded), which are read with the datagram they quote.
 *
 * decode_packet() is a pure function: no allocation, no global state, so
 * it is easy to test and to fuzz.
 */
#ifndef SOCKLAB_DECODE_H
#define SOCKLAB_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "wire/hexbytes.h"

enum decode_status {
	DECODE_OK,	  /* TCP or UDP over IPv4 or IPv6: the fields below hold */
	DECODE_OTHER,	  /* well formed, but not TCP or UDP over IP */
	DECODE_TRUNCATED, /* the capture stopped inside a header */
	DECODE_MALFORMED, /* a header contradicts itself or the packet */
};

struct decoded_pkt {
	enum decode_status status;
	char why[112]; /* for every status but OK: what and where, in words */

	int family;		  /* AF_INET or AF_INET6 */
	uint8_t src[16], dst[16]; /* addresses, network order; 4 bytes for IPv4 */
	uint8_t proto;		  /* IPPROTO_TCP, IPPROTO_UDP, or IPPROTO_ICMP */

	/* IP fragments. A fragment other than the first carries no TCP or UDP
	 * header: has_ports is false and only len is known. */
	bool fragment;	   /* part of a fragmented datagram */
	bool more_frags;   /* more fragments follow this one */
	uint32_t frag_off; /* bytes from the start of the datagram's payload */
	uint32_t frag_id;  /* the datagram's identification */
	bool has_ports;

	uint16_t sport, dport;
	uint32_t seq, ack; /* TCP, raw */
	uint8_t flags;	   /* TCP flag bits as on the wire (FIN is 0x01) */
	uint16_t win;	   /* TCP window, raw (not scaled) */
	int8_t wscale;	   /* TCP window scale option's shift (0-14), or -1 */
	uint32_t len;	   /* payload bytes, from the headers' lengths */

	/* The payload's first bytes, as far as they were captured: at most
	 * DATA_BYTES_MAX of the len (a later fragment: of its bytes). */
	uint8_t data[DATA_BYTES_MAX];
	uint8_t ndata;

	/* An ICMP error (proto IPPROTO_ICMP; has_ports false): its type and
	 * code, and the datagram it quotes, which one of the packet's ends
	 * sent: its protocol, addresses and (when quoted) ports. */
	uint8_t icmp_type, icmp_code;
	struct {
		uint8_t proto;
		uint8_t src[4], dst[4];
		bool has_ports;
		uint16_t sport, dport;
	} quoted;

	/* Captured on "any" (Linux cooked v2): the interface's index; 0 when
	 * the link layer does not say. */
	uint32_t ifindex;
};

/*
 * Decodes the packet at bytes, of which caplen were captured and wirelen
 * were on the wire (pcap's caplen and len), with the link-layer header of
 * dlt (a DLT_ value of libpcap: EN10MB, LINUX_SLL, LINUX_SLL2, RAW, IPV4,
 * IPV6, NULL, LOOP). Fills d and returns d->status.
 */
enum decode_status decode_packet(int dlt, const uint8_t *bytes, size_t caplen, size_t wirelen,
				 struct decoded_pkt *d);

/* "ok", "other", "truncated", "malformed". */
const char *decode_status_name(enum decode_status st);

/*
 * "127.0.0.1:9190" or "[::1]:9190", the packet's source (src true) or
 * destination, written as the call tracer writes addresses, so the two can
 * be compared as strings. Without ports (a later fragment), the address
 * alone: "127.0.0.1", "[::1]".
 */
void decode_endpoint_str(const struct decoded_pkt *d, bool src, char *out, size_t cap);

/* The same for the datagram an ICMP error quotes: "10.77.0.1:5555". */
void decode_quoted_endpoint_str(const struct decoded_pkt *d, bool src, char *out, size_t cap);

/* "time-exceeded", "port-unreachable", ... for an ICMP error's type and
 * code, as Wireshark words them, or NULL for a type decode_packet() does
 * not read. */
const char *decode_icmp_name(uint8_t type, uint8_t code);

#endif
