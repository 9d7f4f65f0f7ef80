/*
 * test_pktevent.c - relative sequence numbers as Wireshark shows them, and
 * the pkt events built from decoded packets: frame numbers, TCP fields,
 * fragments that get their ports from the first fragment.
 */
#include <criterion/criterion.h>
#include <jansson.h>
#include <netinet/in.h>
#include <string.h>

#include "session/event.h"
#include "sources/pkt/pktevent.h"
#include "sources/pkt/tcpseq.h"

#define C "127.0.0.1:40000"
#define S "127.0.0.1:9190"

struct rel {
	uint32_t seq, ack;
};

static struct rel seg(struct tcpseq_table *t, const char *from, const char *to, uint8_t flags,
		      uint32_t seq, uint32_t ack)
{
	struct rel r;

	cr_assert_eq(tcpseq_relative(t, from, to, flags, seq, ack, &r.seq, &r.ack), 0);
	return r;
}

Test(tcpseq, a_handshake_and_data_count_from_each_isn)
{
	struct tcpseq_table *t = tcpseq_new();
	struct rel r;

	r = seg(t, C, S, TCPF_SYN, 1000, 0);
	cr_assert(r.seq == 0 && r.ack == 0, "SYN: %u %u", r.seq, r.ack);
	r = seg(t, S, C, TCPF_SYN | TCPF_ACK, 5000, 1001);
	cr_assert(r.seq == 0 && r.ack == 1, "SYN-ACK: %u %u", r.seq, r.ack);
	r = seg(t, C, S, TCPF_ACK, 1001, 5001);
	cr_assert(r.seq == 1 && r.ack == 1, "ACK: %u %u", r.seq, r.ack);
	r = seg(t, C, S, TCPF_PSH | TCPF_ACK, 1001, 5001);
	r = seg(t, S, C, TCPF_ACK, 5001, 1006);
	cr_assert(r.seq == 1 && r.ack == 6, "after 5 bytes: %u %u", r.seq, r.ack);
	tcpseq_free(t);
}

Test(tcpseq, sequence_numbers_wrap_around_zero)
{
	struct tcpseq_table *t = tcpseq_new();
	struct rel r;

	seg(t, C, S, TCPF_SYN, 0xfffffffe, 0);
	r = seg(t, C, S, TCPF_ACK, 0x00000009, 7);
	cr_assert_eq(r.seq, 11);
	tcpseq_free(t);
}

/* Wireshark 4 on a capture cut after the handshake: the first segment of
 * each direction is seq 1, and so is the first ACK of a direction that
 * has not sent yet. */
Test(tcpseq, mid_connection_starts_at_one_like_wireshark)
{
	struct tcpseq_table *t = tcpseq_new();
	struct rel r;

	r = seg(t, C, S, TCPF_PSH | TCPF_ACK, 615011272, 1451917736);
	cr_assert(r.seq == 1 && r.ack == 1, "first: %u %u", r.seq, r.ack);
	r = seg(t, S, C, TCPF_ACK, 1451917736, 615011277);
	cr_assert(r.seq == 1 && r.ack == 6, "reply: %u %u", r.seq, r.ack);
	tcpseq_free(t);
}

Test(tcpseq, no_ack_flag_means_relative_ack_zero)
{
	struct tcpseq_table *t = tcpseq_new();
	struct rel r = seg(t, C, S, TCPF_RST, 77, 12345);

	cr_assert_eq(r.ack, 0);
	tcpseq_free(t);
}

Test(tcpseq, a_new_syn_on_the_same_ports_starts_over)
{
	struct tcpseq_table *t = tcpseq_new();
	struct rel r;

	seg(t, C, S, TCPF_SYN, 1000, 0);
	seg(t, S, C, TCPF_SYN | TCPF_ACK, 5000, 1001);
	seg(t, C, S, TCPF_SYN, 1000, 0); /* a retransmission changes nothing */
	r = seg(t, C, S, TCPF_ACK, 1001, 5001);
	cr_assert_eq(r.ack, 1);
	seg(t, C, S, TCPF_SYN, 90000, 0); /* the port reused: a new connection */
	r = seg(t, S, C, TCPF_SYN | TCPF_ACK, 70000, 90001);
	cr_assert(r.seq == 0 && r.ack == 1, "new SYN-ACK: %u %u", r.seq, r.ack);
	tcpseq_free(t);
}

/* ---- events -------------------------------------------------------------------- */

static struct decoded_pkt tcp_pkt(uint8_t flags, uint32_t seq, uint32_t ack, uint32_t len)
{
	struct decoded_pkt d = {.status = DECODE_OK,
				.family = AF_INET,
				.proto = IPPROTO_TCP,
				.has_ports = true,
				.sport = 40000,
				.dport = 9190,
				.seq = seq,
				.ack = ack,
				.flags = flags,
				.win = 512,
				.wscale = -1,
				.len = len};

	d.src[0] = d.dst[0] = 127;
	d.src[3] = d.dst[3] = 1;
	return d;
}

static const char *str(json_t *ev, const char *key)
{
	return json_string_value(json_object_get(ev, key));
}

static long long num(json_t *ev, const char *key)
{
	cr_assert(json_is_integer(json_object_get(ev, key)), "%s is a number", key);
	return json_integer_value(json_object_get(ev, key));
}

Test(pktevent, tcp_events_carry_the_design_fields_and_count_frames)
{
	struct pkt_framer *f = pkt_framer_new();
	struct decoded_pkt syn = tcp_pkt(TCPF_SYN, 1000, 0, 0);
	struct decoded_pkt data = tcp_pkt(TCPF_PSH | TCPF_ACK, 1001, 5001, 5);
	json_t *a = pkt_framer_event(f, 10, &syn);
	json_t *b = pkt_framer_event(f, 20, &data);

	cr_assert_eq(num(a, "frame"), 1);
	cr_assert_eq(num(b, "frame"), 2);
	cr_assert_str_eq(str(b, "src"), "pkt");
	cr_assert_str_eq(str(b, "proto"), "tcp");
	cr_assert_str_eq(str(b, "from"), "127.0.0.1:40000");
	cr_assert_str_eq(str(b, "to"), "127.0.0.1:9190");
	cr_assert_str_eq(str(a, "flags"), "S");
	cr_assert_str_eq(str(b, "flags"), "PA");
	cr_assert_eq(num(b, "seq"), 1001);
	cr_assert_eq(num(b, "ack"), 5001);
	cr_assert_eq(num(b, "rseq"), 1);
	cr_assert_eq(num(b, "len"), 5);
	cr_assert_eq(num(b, "win"), 512);
	cr_assert_eq(num(b, "t"), 20);
	cr_assert_null(json_object_get(b, "frag"));
	cr_assert(json_is_array(json_object_get(b, "analysis")) &&
			  json_array_size(json_object_get(b, "analysis")) == 0,
		  "every TCP segment has its analysis, here empty");
	cr_assert_eq(pkt_framer_count(f), 2);
	json_decref(a);
	json_decref(b);
	pkt_framer_free(f);
}

/* A duplicate ACK carries its name, its number and the frame it repeats;
 * a window is scaled once the handshake agreed on a scale. */
Test(pktevent, analysis_names_and_the_scaled_window_are_in_the_event)
{
	struct pkt_framer *f = pkt_framer_new();
	struct decoded_pkt syn = tcp_pkt(TCPF_SYN, 1000, 0, 0);
	struct decoded_pkt synack = tcp_pkt(TCPF_SYN | TCPF_ACK, 5000, 1001, 0);
	struct decoded_pkt ack = tcp_pkt(TCPF_ACK, 1001, 5001, 0);
	json_t *ev[2];

	syn.wscale = synack.wscale = 7;
	synack.sport = 9190; /* the server's goes the other way */
	synack.dport = 40000;
	json_decref(pkt_framer_event(f, 0, &syn));
	json_decref(pkt_framer_event(f, 1000, &synack));
	ev[0] = pkt_framer_event(f, 2000, &ack);
	ev[1] = pkt_framer_event(f, 3000, &ack);
	cr_assert_eq(num(ev[0], "win"), 512 << 7, "scaled: %lld", num(ev[0], "win"));
	cr_assert_eq(json_array_size(json_object_get(ev[0], "analysis")), 0);
	cr_assert_str_eq(json_string_value(json_array_get(json_object_get(ev[1], "analysis"), 0)),
			 "duplicate_ack");
	cr_assert_eq(num(ev[1], "duplicate_ack_num"), 1);
	cr_assert_eq(num(ev[1], "duplicate_ack_frame"), 3);
	json_decref(ev[0]);
	json_decref(ev[1]);
	pkt_framer_free(f);
}

Test(pktevent, later_fragments_get_the_ports_of_their_first)
{
	struct pkt_framer *f = pkt_framer_new();
	struct decoded_pkt first = tcp_pkt(0, 0, 0, 3000), later, stranger;
	json_t *a, *b;

	first.proto = IPPROTO_UDP;
	first.fragment = first.more_frags = true;
	first.frag_id = 42;
	later = first;
	later.has_ports = false;
	later.more_frags = false;
	later.frag_off = 1480;
	later.len = 1520;
	stranger = later;
	stranger.frag_id = 43;
	a = pkt_framer_event(f, 1, &first);
	pkt_framer_recall_ports(f, &later);
	pkt_framer_recall_ports(f, &stranger);
	cr_assert(later.has_ports && later.dport == 9190);
	cr_assert(!stranger.has_ports, "another datagram's fragment stays unknown");
	b = pkt_framer_event(f, 2, &later);
	cr_assert_str_eq(str(b, "proto"), "udp");
	cr_assert_str_eq(str(b, "to"), "127.0.0.1:9190");
	cr_assert_null(json_object_get(a, "flags"), "UDP has no flags");
	cr_assert_eq(json_integer_value(json_object_get(json_object_get(b, "frag"), "off")), 1480);
	cr_assert(json_is_false(json_object_get(json_object_get(b, "frag"), "more")));
	json_decref(a);
	json_decref(b);
	pkt_framer_free(f);
}
