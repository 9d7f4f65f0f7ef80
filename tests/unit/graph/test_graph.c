/*
 * test_graph.c - the time-sequence graph: its data from a session (lab
 * 13's naive run, tests/fixtures/sessions/flow), and its picture in cells.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "graph/canvas.h"
#include "graph/tseq.h"
#include "session/session.h"

static struct session s;
static uint32_t *idx;

static void setup(void)
{
	char err[512];

	cr_assert_eq(session_open(&s, "tests/fixtures/sessions/flow", err, sizeof(err)), 0, "%s",
		     err);
	idx = malloc(s.n * sizeof(*idx));
	for (size_t i = 0; i < s.n; i++)
		idx[i] = (uint32_t)i;
}

static void teardown(void)
{
	free(idx);
	session_close(&s);
}

TestSuite(graph, .init = setup, .fini = teardown);

Test(graph, the_data_direction_its_segments_and_the_other_sides_acks)
{
	struct tseq g;
	size_t zero = 0, probes = 0;

	cr_assert_eq(tseq_build(&g, &s, idx, s.n, 1, INT64_MAX, false), 0);
	cr_assert_str_eq(g.from, "127.0.0.1:52866", "the sender carries the data");
	cr_assert_geq(g.bytes[0], 4194304);
	cr_assert_gt(g.nseg, 60);
	for (size_t i = 0; i < g.nack; i++)
		zero += (g.ack[i].marks & TCPA_ZERO_WINDOW) != 0;
	for (size_t i = 0; i < g.nseg; i++)
		probes += g.seg[i].probe;
	cr_assert_geq(zero, 3, "zero windows: %zu", zero);
	cr_assert_geq(probes, 3, "probes: %zu", probes);
	cr_assert_geq(g.y_hi, 4194304);
	tseq_free(&g);

	cr_assert_eq(tseq_build(&g, &s, idx, s.n, 1, INT64_MAX, true), 0);
	cr_assert_str_eq(g.from, "127.0.0.1:59891", "--reverse: the receiver's way");
	tseq_free(&g);
}

Test(graph, as_of_a_time_only_what_happened_by_then)
{
	struct tseq all, early;

	tseq_build(&all, &s, idx, s.n, 1, INT64_MAX, false);
	tseq_build(&early, &s, idx, s.n, 1, 400000000, false);
	cr_assert_lt(early.nseg, all.nseg);
	cr_assert_leq(early.t_hi, 400000000);
	tseq_free(&all);
	tseq_free(&early);
}

/* The picture in ASCII: axes, labels, the letters of the marks. */
Test(graph, the_picture_has_axes_labels_and_marks)
{
	enum { W = 60, H = 16 };
	struct graph_cell cells[W * H];
	struct tseq g;
	char text[W * H + H + 1];
	size_t n = 0;

	tseq_build(&g, &s, idx, s.n, 1, INT64_MAX, false);
	graph_render(&g, W, H, false, cells);
	for (int r = 0; r < H; r++) {
		for (int c = 0; c < W; c++)
			text[n++] = cells[r * W + c].text[0];
		text[n++] = '\n';
	}
	text[n] = '\0';
	cr_assert(strstr(text, "4.7M |"), "%s", text);
	cr_assert(strstr(text, "0 ms"), "%s", text);
	cr_assert(strstr(text, "5.01 s"), "%s", text);
	cr_assert(strchr(text, 'Z') && strchr(text, 'P'), "no Z or P:\n%s", text);
	cr_assert(strchr(text, '|') && strchr(text, '.'), "no data or ACK:\n%s", text);
	tseq_free(&g);
}

Test(graph, too_small_or_empty_draws_nothing)
{
	struct graph_cell cells[10 * 4];
	struct tseq g;

	tseq_build(&g, &s, idx, s.n, 99, INT64_MAX, false);
	cr_assert_null(g.from);
	graph_render(&g, 10, 4, true, cells);
	for (int i = 0; i < 40; i++)
		cr_assert_eq(cells[i].role, GR_BLANK);
	tseq_free(&g);
}
