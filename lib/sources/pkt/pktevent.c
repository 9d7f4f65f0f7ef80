/*
 * pktevent.c - frame numbers, relative sequence numbers, fragments.
 */
#include "sources/pkt/pktevent.h"

#include <netinet/in.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sources/pkt/tcpanalysis.h"
#include "sources/pkt/tcpseq.h"
#include "wire/tcp.h"

/* First fragments remembered. A datagram's fragments follow each other
 * closely on a lab's link; this many covers several in flight at once. */
#define FRAG_MEMORY 32

struct first_fragment {
	int family;
	uint8_t proto;
	uint8_t src[16], dst[16];
	uint32_t id;
	uint16_t sport, dport;
};

struct pkt_framer {
	uint32_t frames;
	struct tcpseq_table *seqs;
	struct tcpanalysis *analysis;
	struct first_fragment frags[FRAG_MEMORY];
	size_t next_frag; /* the slot to write next, round robin */
};

struct pkt_framer *pkt_framer_new(void)
{
	struct pkt_framer *f = calloc(1, sizeof(*f));

	if (!f)
		return NULL;
	f->seqs = tcpseq_new();
	f->analysis = tcpanalysis_new();
	if (!f->seqs || !f->analysis) {
		pkt_framer_free(f);
		return NULL;
	}
	return f;
}

void pkt_framer_free(struct pkt_framer *f)
{
	if (!f)
		return;
	tcpseq_free(f->seqs);
	tcpanalysis_free(f->analysis);
	free(f);
}

uint32_t pkt_framer_count(const struct pkt_framer *f)
{
	return f->frames;
}

static bool same_datagram(const struct first_fragment *ff, const struct decoded_pkt *d)
{
	return ff->family == d->family && ff->proto == d->proto && ff->id == d->frag_id &&
	       memcmp(ff->src, d->src, sizeof(ff->src)) == 0 &&
	       memcmp(ff->dst, d->dst, sizeof(ff->dst)) == 0;
}

static void remember_first_fragment(struct pkt_framer *f, const struct decoded_pkt *d)
{
	struct first_fragment *ff = &f->frags[f->next_frag];

	ff->family = d->family;
	ff->proto = d->proto;
	memcpy(ff->src, d->src, sizeof(ff->src));
	memcpy(ff->dst, d->dst, sizeof(ff->dst));
	ff->id = d->frag_id;
	ff->sport = d->sport;
	ff->dport = d->dport;
	f->next_frag = (f->next_frag + 1) % FRAG_MEMORY;
}

void pkt_framer_recall_ports(struct pkt_framer *f, struct decoded_pkt *d)
{
	if (!d->fragment || d->has_ports)
		return;
	for (size_t i = 0; i < FRAG_MEMORY; i++) {
		if (same_datagram(&f->frags[i], d)) {
			d->sport = f->frags[i].sport;
			d->dport = f->frags[i].dport;
			d->has_ports = true;
			return;
		}
	}
}

/* "analysis": the names of the marks, and for a duplicate ACK its number
 * and the frame it repeats. */
static int add_analysis_fields(json_t *ev, const struct tcp_verdict *v)
{
	json_t *names = json_array();
	int bad = 0;

	for (int i = 0; i < TCPA_COUNT; i++)
		if (v->marks & (1u << i))
			bad |= json_array_append_new(names, json_string(tcp_analysis_name(i)));
	bad |= json_object_set_new(ev, "analysis", names);
	if (v->marks & TCPA_DUPLICATE_ACK)
		bad |= json_object_set_new(ev, "duplicate_ack_num", json_integer(v->dup_ack_num)) |
		       json_object_set_new(ev, "duplicate_ack_frame",
					   json_integer(v->dup_ack_frame));
	return bad;
}

/* The TCP fields: flags as letters, raw and relative seq and ack, the
 * length, the window (scaled), the analysis. */
static int add_tcp_fields(struct pkt_framer *f, json_t *ev, int64_t t, const struct decoded_pkt *d,
			  const char *from, const char *to)
{
	char letters[9];
	uint32_t rseq, rack;
	struct tcp_segment s = {.from = from,
				.to = to,
				.t = t,
				.frame = f->frames + 1,
				.seq = d->seq,
				.ack = d->ack,
				.len = d->len,
				.win = d->win,
				.flags = d->flags,
				.wscale = d->wscale};
	struct tcp_verdict v;

	tcp_flags_letters(d->flags, letters);
	tcpseq_relative(f->seqs, from, to, d->flags, d->seq, d->ack, &rseq, &rack);
	tcpanalysis_segment(f->analysis, &s, &v);
	return json_object_set_new(ev, "flags", json_string(letters)) |
	       json_object_set_new(ev, "seq", json_integer(d->seq)) |
	       json_object_set_new(ev, "ack", json_integer(d->ack)) |
	       json_object_set_new(ev, "rseq", json_integer(rseq)) |
	       json_object_set_new(ev, "rack", json_integer(rack)) |
	       json_object_set_new(ev, "len", json_integer(d->len)) |
	       json_object_set_new(ev, "win", json_integer(v.win)) | add_analysis_fields(ev, &v);
}

/* "frag": {"id", "off", "more"} on a piece of a fragmented datagram. */
static int add_fragment_fields(json_t *ev, const struct decoded_pkt *d)
{
	return json_object_set_new(ev, "frag",
				   json_pack("{sI sI sb}", "id", (json_int_t)d->frag_id, "off",
					     (json_int_t)d->frag_off, "more", d->more_frags));
}

/* "data": the payload's first bytes, in hex. */
static int add_data_field(json_t *ev, const struct decoded_pkt *d)
{
	char hex[2 * DATA_BYTES_MAX + 1];

	hex_encode(d->data, d->ndata, hex);
	return json_object_set_new(ev, "data", json_string(hex));
}

static const char *proto_name(uint8_t proto)
{
	return proto == IPPROTO_TCP ? "tcp" : proto == IPPROTO_UDP ? "udp" : "icmp";
}

/* An ICMP error: "icmp" (its name), "type", "code", and "orig", the
 * datagram it quotes: {"proto", "from", "to"}. */
static int add_icmp_fields(json_t *ev, const struct decoded_pkt *d)
{
	char from[80], to[80];

	decode_quoted_endpoint_str(d, true, from, sizeof(from));
	decode_quoted_endpoint_str(d, false, to, sizeof(to));
	return json_object_set_new(ev, "icmp",
				   json_string(decode_icmp_name(d->icmp_type, d->icmp_code))) |
	       json_object_set_new(ev, "type", json_integer(d->icmp_type)) |
	       json_object_set_new(ev, "code", json_integer(d->icmp_code)) |
	       json_object_set_new(ev, "orig",
				   json_pack("{ss ss ss}", "proto",
					     d->quoted.proto == IPPROTO_TCP   ? "tcp"
					     : d->quoted.proto == IPPROTO_UDP ? "udp"
									      : "ip",
					     "from", from, "to", to));
}

json_t *pkt_framer_event(struct pkt_framer *f, int64_t t, const struct decoded_pkt *d)
{
	char from[80], to[80];
	int bad = 0;
	json_t *ev;

	decode_endpoint_str(d, true, from, sizeof(from));
	decode_endpoint_str(d, false, to, sizeof(to));
	ev = json_pack("{sI ss sI ss ss ss}", "t", (json_int_t)t, "src", "pkt", "frame",
		       (json_int_t)f->frames + 1, "proto", proto_name(d->proto), "from", from, "to",
		       to);
	if (!ev)
		return NULL;
	if (d->proto == IPPROTO_TCP && d->frag_off == 0)
		bad |= add_tcp_fields(f, ev, t, d, from, to);
	else
		bad |= json_object_set_new(ev, "len", json_integer(d->len));
	if (d->fragment)
		bad |= add_fragment_fields(ev, d);
	if (d->proto == IPPROTO_ICMP)
		bad |= add_icmp_fields(ev, d);
	if (d->ndata)
		bad |= add_data_field(ev, d);
	if (bad) {
		json_decref(ev);
		return NULL;
	}
	if (d->fragment && d->frag_off == 0 && d->has_ports)
		remember_first_fragment(f, d);
	f->frames++;
	return ev;
}
