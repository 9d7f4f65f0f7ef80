/*
 * test_ladder.c - the ladder diagram without a terminal: where each event
 * goes, how rows are packed, what a row looks like as text.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "ladder/ladder.h"
#include "session/session.h"

#define FIX "tests/fixtures/sessions/"

struct pic {
	struct session s;
	struct ladder l;
	struct ladder_view v;
	struct ladder_geom g;
};

static void pic_open(struct pic *p, const char *name, bool pack, int conn)
{
	char err[512], dir[256];

	snprintf(dir, sizeof(dir), FIX "%s", name);
	cr_assert_eq(session_open(&p->s, dir, err, sizeof(err)), 0, "%s", err);
	ladder_init(&p->l, &p->s);
	for (size_t i = 0; i < p->s.n; i++)
		cr_assert_eq(ladder_add(&p->l, &p->s.ev[i]), 0);
	ladder_view_init(&p->v, pack);
	for (size_t i = 0; i < p->s.n; i++)
		if (conn < 0 || ladder_in_conn(&p->l, conn, i))
			ladder_view_add(&p->v, &p->l, (uint32_t)i);
}

static void pic_close(struct pic *p)
{
	ladder_view_free(&p->v);
	ladder_free(&p->l);
	session_close(&p->s);
}

/* Row r as ASCII text at width w. */
static void row_text(struct pic *p, size_t r, int w, char *out, size_t cap)
{
	struct ladder_cell cells[256];
	struct ladder_ctx c = {.l = &p->l, .v = &p->v, .g = &p->g, .hot = SIZE_MAX};

	cr_assert(ladder_geom(&p->g, p->v.nvis, w));
	ladder_render_row(&c, r, cells);
	ladder_cells_text(cells, w, false, out, cap);
}

/* The first row whose text contains needle, or -1. */
static long find_row(struct pic *p, int w, const char *needle, char *line, size_t cap)
{
	for (size_t r = 0; r < p->v.nrow; r++) {
		row_text(p, r, w, line, cap);
		if (strstr(line, needle))
			return (long)r;
	}
	return -1;
}

Test(ladder, a_listener_on_0_0_0_0_shares_the_column_packets_name)
{
	struct pic p;

	pic_open(&p, "echo", true, -1);
	/* 0.0.0.0:9190 (listen) and 127.0.0.1:9190 (packets): one server. */
	cr_assert_eq(p.l.ncol, 2, "columns: %zu", p.l.ncol);
	cr_assert_str_eq(p.l.col[0].ep, "127.0.0.1:9190");
	cr_assert_str_eq(p.l.col[1].ep, "127.0.0.1:40112");
	cr_assert_eq(p.l.col[0].pid, 1201);
	cr_assert_eq(p.l.col[1].pid, 1202);
	pic_close(&p);
}

Test(ladder, arrows_are_labelled_with_flags_and_relative_numbers)
{
	struct pic p;
	char line[512];

	pic_open(&p, "echo", true, -1);
	cr_assert_geq(find_row(&p, 80, " SYN seq=0 ", line, sizeof(line)), 0);
	cr_assert(strstr(line, "|<---"), "from the client on the right to the server: %s", line);
	cr_assert_geq(find_row(&p, 80, " SYN,ACK seq=0 ack=1 ", line, sizeof(line)), 0);
	cr_assert(strstr(line, "--->|"), "back to the client: %s", line);
	cr_assert_geq(find_row(&p, 80, "ACK ack=1", line, sizeof(line)), 0);
	cr_assert_geq(find_row(&p, 80, "FIN,ACK seq=6 ack=6", line, sizeof(line)), 0);
	pic_close(&p);
}

Test(ladder, close_fin_and_the_states_they_cause_share_one_row)
{
	struct pic p;
	char line[512];
	long r;

	pic_open(&p, "echo", true, -1);
	r = find_row(&p, 80, "FIN,ACK seq=6 ack=6", line, sizeof(line));
	cr_assert_geq(r, 0);
	/* Left to right, in time order: the server's CLOSE_WAIT is on the
	 * left because the server's column is; the client's call and state
	 * come first, on the sender's side. */
	cr_assert(strstr(line, "CLOSE_WAIT |<"), "%s", line);
	cr_assert(strstr(line, "| close(3) FIN_WAIT_1"), "%s", line);
	cr_assert_eq(p.v.row[r].n, 4, "close, FIN_WAIT_1, FIN, CLOSE_WAIT: %u", p.v.row[r].n);
	pic_close(&p);
}

Test(ladder, a_note_after_the_arrow_on_the_sender_side_starts_a_new_row)
{
	struct pic p;
	char line[512];
	long r;

	pic_open(&p, "echo", true, -1);
	/* write(3) then its PSH from the client: one row; the server's ACK
	 * goes the other way: a row of its own. */
	r = find_row(&p, 80, "write(3) = 5", line, sizeof(line));
	cr_assert_geq(r, 0);
	cr_assert(strstr(line, "PSH,ACK"), "%s", line);
	row_text(&p, (size_t)r + 1, 80, line, sizeof(line));
	cr_assert(strstr(line, "ACK ack=6 ---") && strstr(line, "->|"), "%s", line);
	pic_close(&p);
}

Test(ladder, unpacked_views_have_one_event_per_row)
{
	struct pic p;
	size_t events = 0;

	pic_open(&p, "echo", false, -1);
	for (size_t r = 0; r < p.v.nrow; r++) {
		cr_assert_leq(p.v.row[r].n, 1);
		events += p.v.row[r].n;
	}
	cr_assert_eq(events, p.v.nev);
	pic_close(&p);
}

Test(ladder, pauses_become_gap_rows)
{
	struct pic p;
	char line[512];
	int gaps = 0;

	pic_open(&p, "nagle", true, -1);
	for (size_t r = 0; r < p.v.nrow; r++) {
		row_text(&p, r, 80, line, sizeof(line));
		if (p.v.row[r].n == 0 && strstr(line, "... 40 ms ..."))
			gaps++;
	}
	cr_assert_eq(gaps, 3, "three Nagle stalls, %d gaps of 40 ms", gaps);
	pic_close(&p);
}

Test(ladder, udp_datagrams_are_arrows_with_their_size)
{
	struct pic p;
	char line[512];

	pic_open(&p, "udp", true, -1);
	cr_assert_eq(p.l.ncol, 2, "the client's 0.0.0.0:41000 is 127.0.0.1:41000");
	cr_assert_geq(find_row(&p, 80, "-- UDP 12 bytes --", line, sizeof(line)), 0);
	cr_assert_geq(find_row(&p, 80, "UDP 1400 bytes", line, sizeof(line)), 0);
	pic_close(&p);
}

Test(ladder, a_failed_bind_is_drawn_at_the_column_of_the_address_it_wanted)
{
	struct pic p;
	char line[512];

	pic_open(&p, "eaddrinuse", true, -1);
	cr_assert_geq(find_row(&p, 80, "| [1202] bind(3) EADDRINUSE", line, sizeof(line)), 0);
	pic_close(&p);
}

Test(ladder, one_connection_of_a_fork_server)
{
	struct pic p;
	char line[512];

	pic_open(&p, "fork20", true, 5);
	cr_assert_eq(p.v.nvis, 2, "conn 5 has two ends, %d columns", p.v.nvis);
	/* Its own child's calls and the listener's, not the other children's. */
	cr_assert_geq(find_row(&p, 80, "[2205] read(4) = 3", line, sizeof(line)), 0);
	cr_assert_geq(find_row(&p, 80, "listen() LISTEN", line, sizeof(line)), 0);
	cr_assert_lt(find_row(&p, 80, "[2206]", line, sizeof(line)), 0);
	pic_close(&p);
}

Test(ladder, all_connections_of_a_fork_server_do_not_fit_80_columns)
{
	struct pic p;
	struct ladder_geom g;

	pic_open(&p, "fork20", true, -1);
	cr_assert_eq(p.v.nvis, 21);
	cr_assert_not(ladder_geom(&g, p.v.nvis, 80));
	cr_assert(ladder_geom(&g, 2, 80));
	pic_close(&p);
}

Test(ladder, labels_shorten_when_the_columns_are_close)
{
	struct event e = {.src = SRC_PKT};
	char out[64];

	e.pkt.proto = PROTO_TCP;
	e.pkt.flags = TCPF_PSH | TCPF_ACK;
	e.pkt.rseq = 1;
	e.pkt.rack = 6;
	e.pkt.len = 5;
	ladder_arrow_label(&e, 3, out, sizeof(out));
	cr_assert_str_eq(out, "PSH,ACK seq=1 ack=6 len=5");
	ladder_arrow_label(&e, 2, out, sizeof(out));
	cr_assert_str_eq(out, "PSH,ACK ack=6 len=5");
	ladder_arrow_label(&e, 0, out, sizeof(out));
	cr_assert_str_eq(out, "PA");
}

Test(ladder, marked_segments_lead_with_their_marks)
{
	struct event e = {.src = SRC_PKT};
	char out[96];

	e.pkt.proto = PROTO_TCP;
	e.pkt.flags = TCPF_ACK;
	e.pkt.rack = 101;
	e.pkt.analysis = TCPA_DUPLICATE_ACK;
	e.pkt.dup_ack_num = 3;
	ladder_arrow_label(&e, 3, out, sizeof(out));
	cr_assert_str_eq(out, "[dup ACK #3] ACK ack=101");
	e.pkt.analysis = TCPA_ZERO_WINDOW | TCPA_ZERO_WINDOW_PROBE_ACK;
	ladder_arrow_label(&e, 3, out, sizeof(out));
	cr_assert_str_eq(out, "[zero window, window probe ACK] ACK ack=101");
	ladder_arrow_label(&e, 0, out, sizeof(out));
	cr_assert_str_eq(out, "[zero window] A", "short: the first mark and the letters");
	e.pkt.analysis = TCPA_FAST_RETRANSMISSION | TCPA_RETRANSMISSION;
	ladder_arrow_label(&e, 1, out, sizeof(out));
	cr_assert_str_eq(out, "[fast retransmission] ACK", "a retransmission is said once");
	e.pkt.analysis = TCPA_KEEP_ALIVE;
	e.pkt.window_probe = true;
	ladder_arrow_label(&e, 1, out, sizeof(out));
	cr_assert_str_eq(out, "[window probe] ACK", "Linux's probe, not a keep-alive");
}

/* Lab 13's naive run: the receiver's zero window, with the sender's
 * send() blocked beside it, and the probes; the wait grows. */
Test(ladder, a_zero_window_shows_the_send_it_blocks)
{
	struct pic p;
	char line[512];
	size_t call;
	int64_t first = -1, last = -1, waited;

	pic_open(&p, "flow", true, -1);
	cr_assert_geq(find_row(&p, 100, "[zero window] ACK", line, sizeof(line)), 0);
	cr_assert(strstr(line, "send(3) blocked"), "%s", line);
	cr_assert_geq(find_row(&p, 100, "[window probe] ACK", line, sizeof(line)), 0);
	for (size_t i = 0; i < p.s.n; i++) {
		if (p.s.ev[i].src != SRC_PKT || !(p.s.ev[i].pkt.analysis & TCPA_ZERO_WINDOW))
			continue;
		call = ladder_blocked_call(&p.l, i, &waited);
		cr_assert_neq(call, SIZE_MAX, "zero window at %lld: no blocked call",
			      (long long)p.s.ev[i].t);
		cr_assert_str_eq(p.s.ev[call].call.fn, "send");
		first = first < 0 ? waited : first;
		last = waited;
	}
	cr_assert_gt(last, first + 1000000000LL, "waited %lld ns, then %lld", (long long)first,
		     (long long)last);
	/* An unmarked segment has nothing beside it. */
	cr_assert_geq(find_row(&p, 100, "SYN seq=0", line, sizeof(line)), 0);
	cr_assert_null(strstr(line, "blocked"), "%s", line);
	pic_close(&p);
}

Test(ladder, text_cut_short_is_marked)
{
	struct pic p;
	char line[512];

	pic_open(&p, "echo", true, -1);
	/* At 60 columns "[1203] close(4) LAST_ACK" does not fit its side:
	 * the call does, the state is cut to its mark. */
	cr_assert_geq(find_row(&p, 60, "[1203] close(4) ~ |", line, sizeof(line)), 0);
	pic_close(&p);
}

Test(ladder, column_heads_never_run_into_each_other)
{
	struct pic p;
	struct ladder_cell cells[256];
	struct ladder_ctx c = {.l = &p.l, .v = &p.v, .g = &p.g, .hot = SIZE_MAX};
	char line[512];

	pic_open(&p, "echo", true, -1);
	for (int w = 52; w <= 160; w += 4) {
		cr_assert(ladder_geom(&p.g, 2, w));
		ladder_render_head(&c, 0, cells);
		ladder_cells_text(cells, w, false, line, sizeof(line));
		cr_assert(strstr(line, "127.0.0.1:9190 "), "w=%d: %s", w, line);
		cr_assert(strstr(line, "127.0.0.1:40112"), "w=%d: %s", w, line);
	}
	pic_close(&p);
}
