/*
 * test_tcpanalysis.c - the marks of the TCP analysis, rule by rule, on
 * connections made up segment by segment. (Every rule is also compared
 * with tshark's, frame by frame, on the golden eth-ipv4-trouble capture
 * and on live ones: tests/cmd/capture.sh.)
 */
#include <criterion/criterion.h>
#include <string.h>

#include "sources/pkt/tcpanalysis.h"
#include "wire/tcp.h"

#define C  "10.0.0.1:40000"
#define S  "10.0.0.2:9190"
#define MS 1000000LL

struct conn {
	struct tcpanalysis *a;
	uint32_t frame;
};

/* The verdict on the next segment, from -> to, at t_ms. */
static struct tcp_verdict seg(struct conn *c, const char *from, int64_t t_ms, uint8_t flags,
			      uint32_t seq, uint32_t ack, uint32_t len, uint16_t win)
{
	struct tcp_segment s = {.from = from,
				.to = strcmp(from, C) == 0 ? S : C,
				.t = t_ms * MS,
				.frame = ++c->frame,
				.seq = seq,
				.ack = ack,
				.len = len,
				.win = win,
				.flags = flags,
				.wscale = -1};
	struct tcp_verdict v;

	cr_assert_eq(tcpanalysis_segment(c->a, &s, &v), 0);
	return v;
}

/* A handshake at 0-2 ms: client ISN 1000, server 5000, no scaling. */
static struct conn handshake(void)
{
	struct conn c = {tcpanalysis_new(), 0};

	cr_assert_not_null(c.a);
	seg(&c, C, 0, TCPF_SYN, 1000, 0, 0, 64240);
	seg(&c, S, 1, TCPF_SYN | TCPF_ACK, 5000, 1001, 0, 65160);
	seg(&c, C, 2, TCPF_ACK, 1001, 5001, 0, 500);
	return c;
}

Test(tcpanalysis, a_clean_exchange_has_no_marks)
{
	struct conn c = handshake();

	cr_assert_eq(seg(&c, C, 10, TCPF_PSH | TCPF_ACK, 1001, 5001, 100, 500).marks, 0);
	cr_assert_eq(seg(&c, S, 11, TCPF_ACK, 5001, 1101, 0, 500).marks, 0);
	cr_assert_eq(seg(&c, C, 12, TCPF_FIN | TCPF_ACK, 1101, 5001, 0, 500).marks, 0);
	tcpanalysis_free(c.a);
}

Test(tcpanalysis, duplicate_acks_count_and_name_the_frame_they_repeat)
{
	struct conn c = handshake();
	struct tcp_verdict v;

	seg(&c, C, 10, TCPF_ACK, 1001, 5001, 100, 500);
	seg(&c, C, 11, TCPF_ACK, 1201, 5001, 100, 500); /* 1101 lost */
	seg(&c, S, 12, TCPF_ACK, 5001, 1101, 0, 500);	/* frame 6 */
	for (uint32_t n = 1; n <= 3; n++) {
		v = seg(&c, S, 12 + n, TCPF_ACK, 5001, 1101, 0, 500);
		cr_assert_eq(v.marks, TCPA_DUPLICATE_ACK, "dup #%u: %#x", n, v.marks);
		cr_assert_eq(v.dup_ack_num, n);
		cr_assert_eq(v.dup_ack_frame, 6);
	}
	/* The missing segment, soon after: a fast retransmission. */
	v = seg(&c, C, 17, TCPF_ACK, 1101, 5001, 100, 500);
	cr_assert_eq(v.marks, TCPA_FAST_RETRANSMISSION | TCPA_RETRANSMISSION, "%#x", v.marks);
	tcpanalysis_free(c.a);
}

Test(tcpanalysis, a_late_resend_is_a_retransmission_and_an_acked_one_spurious)
{
	struct conn c = handshake();
	struct tcp_verdict v;

	seg(&c, C, 10, TCPF_ACK, 1001, 5001, 100, 500);
	v = seg(&c, C, 300, TCPF_ACK, 1001, 5001, 100, 500);
	cr_assert_eq(v.marks, TCPA_RETRANSMISSION, "%#x", v.marks);
	seg(&c, S, 301, TCPF_ACK, 5001, 1101, 0, 500);
	v = seg(&c, C, 302, TCPF_ACK, 1001, 5001, 100, 500);
	cr_assert_eq(v.marks, TCPA_SPURIOUS_RETRANSMISSION | TCPA_RETRANSMISSION, "%#x", v.marks);
	tcpanalysis_free(c.a);
}

Test(tcpanalysis, an_earlier_segment_right_after_a_later_one_is_out_of_order)
{
	struct conn c = handshake();
	struct tcp_verdict v;

	v = seg(&c, C, 10, TCPF_ACK, 1101, 5001, 100, 500);
	cr_assert_eq(v.marks, TCPA_LOST_SEGMENT, "%#x", v.marks);
	/* Within the round trip of the handshake (2 ms). */
	v = seg(&c, C, 11, TCPF_ACK, 1001, 5001, 100, 500);
	cr_assert_eq(v.marks, TCPA_OUT_OF_ORDER, "%#x", v.marks);
	tcpanalysis_free(c.a);
}

Test(tcpanalysis, a_zero_window_its_probes_their_acks_and_the_update)
{
	struct conn c = handshake();
	struct tcp_verdict v;

	seg(&c, C, 10, TCPF_ACK, 1001, 5001, 1000, 500);
	v = seg(&c, S, 11, TCPF_ACK, 5001, 2001, 0, 0);
	cr_assert_eq(v.marks, TCPA_ZERO_WINDOW, "%#x", v.marks);
	v = seg(&c, C, 20, TCPF_ACK, 2001, 5001, 1, 500);
	cr_assert_eq(v.marks, TCPA_ZERO_WINDOW_PROBE, "%#x", v.marks);
	v = seg(&c, S, 21, TCPF_ACK, 5001, 2001, 0, 0);
	cr_assert_eq(v.marks, TCPA_ZERO_WINDOW | TCPA_ZERO_WINDOW_PROBE_ACK, "%#x", v.marks);
	/* Linux probes with no byte, one before the next: Wireshark's (and
	 * so socklab's) name for that form is keep_alive. */
	v = seg(&c, C, 40, TCPF_ACK, 2000, 5001, 0, 500);
	cr_assert_eq(v.marks, TCPA_KEEP_ALIVE, "%#x", v.marks);
	v = seg(&c, S, 50, TCPF_ACK, 5001, 2001, 0, 300);
	cr_assert_eq(v.marks, TCPA_WINDOW_UPDATE, "%#x", v.marks);
	tcpanalysis_free(c.a);
}

Test(tcpanalysis, windows_scale_after_the_handshake_agrees_and_a_syn_never)
{
	struct tcpanalysis *a = tcpanalysis_new();
	struct tcp_segment syn = {C, S, 0, 1, 1000, 0, 0, 64240, TCPF_SYN, 7};
	struct tcp_segment synack = {S, C, MS, 2, 5000, 1001, 0, 65160, TCPF_SYN | TCPF_ACK, 7};
	struct tcp_segment ack = {C, S, 2 * MS, 3, 1001, 5001, 0, 502, TCPF_ACK, -1};
	struct tcp_verdict v;

	tcpanalysis_segment(a, &syn, &v);
	cr_assert_eq(v.win, 64240);
	tcpanalysis_segment(a, &synack, &v);
	cr_assert_eq(v.win, 65160);
	tcpanalysis_segment(a, &ack, &v);
	cr_assert_eq(v.win, 502 << 7);
	tcpanalysis_free(a);

	/* One side without the option: neither scales. */
	a = tcpanalysis_new();
	synack.wscale = -1;
	tcpanalysis_segment(a, &syn, &v);
	tcpanalysis_segment(a, &synack, &v);
	tcpanalysis_segment(a, &ack, &v);
	cr_assert_eq(v.win, 502);
	tcpanalysis_free(a);
}

Test(tcpanalysis, a_new_isn_on_the_same_ports_is_a_new_connection)
{
	struct conn c = handshake();
	struct tcp_verdict v;

	seg(&c, C, 10, TCPF_ACK, 1001, 5001, 100, 500);
	v = seg(&c, C, 1000, TCPF_SYN, 90000, 0, 0, 64240);
	cr_assert_eq(v.marks, TCPA_REUSED_PORTS, "%#x", v.marks);
	/* The same SYN again is a retransmission of it. */
	v = seg(&c, C, 2000, TCPF_SYN, 90000, 0, 0, 64240);
	cr_assert_eq(v.marks, TCPA_RETRANSMISSION, "%#x", v.marks);
	tcpanalysis_free(c.a);
}

Test(tcpanalysis, every_name_parses_back_to_its_bit)
{
	for (int i = 0; i < TCPA_COUNT; i++)
		cr_assert_eq(tcp_analysis_parse(tcp_analysis_name(i)), 1u << i, "%s",
			     tcp_analysis_name(i));
	cr_assert_eq(tcp_analysis_parse("no_such_mark"), 0);
	cr_assert_eq(tcp_analysis_parse(NULL), 0);
}
