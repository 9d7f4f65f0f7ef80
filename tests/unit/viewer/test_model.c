/*
 * test_model.c - the viewer's model without a terminal: the cursor, the
 * filter, the focus, the panes, the tables as of the cursor, and a live
 * session line by line.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "viewer/model.h"
#include "viewer/panes.h"

#define FIX "tests/fixtures/sessions/"

/* Loads a fixture a few lines at a time, as the viewer does; lab names the
 * checkpoints given up front, or is NULL. */
static void load_lab(struct model *m, const char *name, const char *const *lab, size_t nlab)
{
	char err[512], dir[256];
	int more;

	snprintf(dir, sizeof(dir), FIX "%s", name);
	cr_assert_eq(model_init(m), 0);
	cr_assert_eq(model_open(m, dir, err, sizeof(err)), 0, "%s", err);
	if (lab)
		model_set_lab(m, "Lab 1", lab, nlab);
	do {
		more = session_load(&m->s, 7, err, sizeof(err));
		model_take_loaded(m);
	} while (more > 0);
	m->loading = false;
	model_fit(m, 160);
}

static void load(struct model *m, const char *name)
{
	load_lab(m, name, NULL, 0);
}

/* The model keeps its events compact: each is read into a buffer. */
static const struct event *cur(const struct model *m)
{
	static struct event buf;
	size_t i = model_cur_event(m);

	cr_assert_neq(i, SIZE_MAX);
	return session_event(&m->s, i, &buf);
}

/* Steps the cursor on to the next call of fn. */
static void step_to_call(struct model *m, const char *fn)
{
	do
		model_step(m, 1);
	while (!(cur(m)->src == SRC_CALL && strcmp(cur(m)->call.fn, fn) == 0) &&
	       m->cur + 1 < m->visible.n);
	cr_assert_str_eq(cur(m)->call.fn, fn);
}

/* The socket named name, as of the cursor. */
static struct sock_mark sock_now(const struct model *m, const char *name)
{
	struct sock_mark k = {0};

	for (size_t i = 0; i < m->socks.n; i++)
		if (strcmp(m->socks.s[i].sock, name) == 0) {
			cr_assert(sock_at(&m->socks.s[i], model_time(m), &k), "%s not yet", name);
			return k;
		}
	cr_assert_fail("no socket %s", name);
	return k;
}

Test(model, a_replay_starts_at_the_first_event_and_steps)
{
	struct model m;

	load(&m, "echo");
	cr_assert_eq(m.visible.n, 60);
	cr_assert_eq(model_cur_event(&m), 0);
	model_step(&m, 1);
	cr_assert_eq(model_cur_event(&m), 1);
	model_step(&m, -5);
	cr_assert_eq(model_cur_event(&m), 0, "stepping back stops at the first event");
	model_end(&m);
	cr_assert_eq(model_cur_event(&m), 59);
	model_step(&m, 3);
	cr_assert_eq(model_cur_event(&m), 59, "and forward at the last");
	model_free(&m);
}

Test(model, n_and_p_jump_between_packets_and_state_changes)
{
	struct model m;

	load(&m, "echo");
	cr_assert(model_jump_change(&m, 1));
	cr_assert_eq(cur(&m)->src, SRC_STATE);
	cr_assert_eq(cur(&m)->state.to, TCP_ST_LISTEN);
	cr_assert(model_jump_change(&m, 1));
	cr_assert_eq(cur(&m)->state.to, TCP_ST_SYN_SENT);
	cr_assert(model_jump_change(&m, 1));
	cr_assert_eq(cur(&m)->src, SRC_PKT);
	cr_assert_eq(cur(&m)->pkt.flags, TCPF_SYN);
	cr_assert(model_jump_change(&m, -1));
	cr_assert_eq(cur(&m)->state.to, TCP_ST_SYN_SENT);
	model_end(&m);
	cr_assert_not(model_jump_change(&m, 1), "nothing after the last change");
	model_free(&m);
}

Test(model, the_tables_say_what_things_were_at_the_cursor)
{
	struct model m;

	load(&m, "echo");
	/* The client's SYN: its socket is in SYN_SENT, the server's accepted
	 * socket does not exist yet. */
	while (!(cur(&m)->src == SRC_PKT && cur(&m)->pkt.flags == TCPF_SYN))
		model_step(&m, 1);
	cr_assert_eq(sock_now(&m, "127.0.0.1:40112>127.0.0.1:9190").state, TCP_ST_SYN_SENT);
	cr_assert_eq(model_nsockets(&m), 2, "the listener and the client");
	model_end(&m);
	cr_assert_eq(sock_now(&m, "127.0.0.1:40112>127.0.0.1:9190").state, TCP_ST_TIME_WAIT);
	cr_assert_eq(sock_now(&m, "127.0.0.1:9190>127.0.0.1:40112").state, TCP_ST_CLOSED);
	cr_assert_eq(model_nsockets(&m), 3);
	model_free(&m);
}

Test(model, queued_bytes_are_sent_by_the_peer_and_not_yet_read)
{
	struct model m;
	const struct sock_info *server = NULL;

	load(&m, "echo");
	for (size_t i = 0; i < m.socks.n; i++)
		if (strcmp(m.socks.s[i].sock, "127.0.0.1:9190>127.0.0.1:40112") == 0)
			server = &m.socks.s[i];
	cr_assert_not_null(server);
	/* After the client's write(3) = 5, before the child's read(4). */
	step_to_call(&m, "accept");
	cr_assert_eq(model_queued(&m, server, model_time(&m)), 5);
	step_to_call(&m, "read");
	cr_assert_eq(model_queued(&m, server, model_time(&m)), 0);
	model_free(&m);
}

Test(model, a_pid_filter_keeps_its_calls_and_its_connections_packets)
{
	struct model m;
	char err[200];
	size_t calls = 0, pkts = 0;

	load(&m, "echo");
	cr_assert_eq(model_set_filter(&m, "pid 1203", err, sizeof(err)), 0, "%s", err);
	for (size_t k = 0; k < m.visible.n; k++) {
		struct event buf;
		const struct event *e = session_event(&m.s, m.visible.i[k], &buf);
		if (e->src == SRC_CALL) {
			cr_assert_eq(e->pid, 1203);
			calls++;
		}
		pkts += e->src == SRC_PKT;
	}
	cr_assert_eq(calls, 5, "close(3), read, write, read, close(4)");
	cr_assert_eq(pkts, 11, "every segment of the child's connection");
	model_free(&m);
}

Test(model, word_and_port_filters)
{
	struct model m;
	char err[200];

	load(&m, "echo");
	cr_assert_eq(model_set_filter(&m, "accept", err, sizeof(err)), 0);
	cr_assert_eq(m.visible.n, 1);
	cr_assert_str_eq(cur(&m)->call.fn, "accept");
	cr_assert_eq(model_set_filter(&m, "fin", err, sizeof(err)), 0);
	cr_assert_eq(m.visible.n, 2, "the two FIN segments");
	cr_assert_eq(model_set_filter(&m, "time_wait", err, sizeof(err)), 0);
	cr_assert_eq(m.visible.n, 1);
	cr_assert_eq(model_set_filter(&m, ":40112", err, sizeof(err)), 0);
	for (size_t k = 0; k < m.visible.n; k++) {
		struct event buf;
		cr_assert_neq(session_event(&m.s, m.visible.i[k], &buf)->src, SRC_PROC);
	}
	model_free(&m);
}

Test(model, a_bad_filter_is_refused_and_changes_nothing)
{
	struct model m;
	char err[200];

	load(&m, "echo");
	cr_assert_eq(model_set_filter(&m, "accept", err, sizeof(err)), 0);
	cr_assert_eq(model_set_filter(&m, "a b", err, sizeof(err)), -1);
	cr_assert(strstr(err, "is not a filter"), "%s", err);
	cr_assert_eq(m.visible.n, 1);
	cr_assert_eq(model_set_filter(&m, "pid x", err, sizeof(err)), -1);
	model_free(&m);
}

Test(model, the_cursor_stays_on_its_event_when_the_filter_changes)
{
	struct model m;
	char err[200];

	load(&m, "echo");
	step_to_call(&m, "accept");
	cr_assert_eq(model_set_filter(&m, "1201", err, sizeof(err)), 0);
	cr_assert_str_eq(cur(&m)->call.fn, "accept");
	cr_assert_eq(model_set_filter(&m, "", err, sizeof(err)), 0);
	cr_assert_str_eq(cur(&m)->call.fn, "accept");
	cr_assert_eq(m.visible.n, 60);
	model_free(&m);
}

Test(model, too_many_columns_focus_the_ladder_on_the_cursors_connection)
{
	struct model m;

	load(&m, "fork20");
	model_end(&m);
	model_fit(&m, 80);
	cr_assert_eq(m.auto_conn, 20);
	cr_assert_eq(m.view->nvis, 2);
	model_home(&m);
	model_fit(&m, 80);
	cr_assert_eq(m.auto_conn, 1, "before any connection: the first one");
	model_focus(&m, 7);
	model_fit(&m, 80);
	cr_assert_eq(m.auto_conn, -1);
	cr_assert_eq(m.view, &m.one);
	cr_assert_eq(m.one_conn, 7);
	model_focus(&m, 99);
	cr_assert_eq(m.focus, -1, "no such connection: all again");
	model_free(&m);
}

Test(model, two_columns_fit_and_the_ladder_shows_all)
{
	struct model m;

	load(&m, "echo");
	model_fit(&m, 80);
	cr_assert_eq(m.view, &m.all);
	cr_assert_eq(m.auto_conn, -1);
	model_free(&m);
}

Test(model, up_and_down_on_the_ladder_move_by_rows_over_gaps)
{
	struct model m;
	size_t before;

	load(&m, "nagle");
	m.pane = PANE_LADDER;
	model_home(&m);
	model_move(&m, 1, 10);
	cr_assert_eq(cur(&m)->src, SRC_STATE, "the first row: listen() LISTEN, ends on LISTEN");
	before = model_cur_event(&m);
	model_move(&m, 1, 10);
	cr_assert_gt(model_cur_event(&m), before);
	cr_assert_eq(cur(&m)->src, SRC_PKT, "over the gap, to the row of connect() and its SYN");
	model_free(&m);
}

Test(model, the_socket_table_selection_stays_in_sight)
{
	struct model m;

	load(&m, "fork20");
	model_end(&m);
	m.pane = PANE_SOCKETS;
	model_move(&m, 30, 8);
	cr_assert_eq(m.list[PANE_SOCKETS].sel, 30);
	cr_assert_eq(m.list[PANE_SOCKETS].top, 23, "sel is the last of 8 rows");
	model_move(&m, 1000, 8);
	cr_assert_eq(m.list[PANE_SOCKETS].sel, 40, "41 sockets");
	model_move(&m, -1000, 8);
	cr_assert_eq(m.list[PANE_SOCKETS].sel, 0);
	cr_assert_eq(m.list[PANE_SOCKETS].top, 0);
	model_free(&m);
}

Test(model, enter_on_a_socket_focuses_its_connection_and_again_unfocuses)
{
	struct model m;

	load(&m, "fork20");
	model_end(&m);
	m.pane = PANE_SOCKETS;
	model_move(&m, 9, 8); /* 0 the listener, 1-2 conn 1, ... 9-10 conn 5 */
	model_enter(&m);
	cr_assert_eq(m.focus, 5);
	model_enter(&m);
	cr_assert_eq(m.focus, -1);
	model_free(&m);
}

Test(model, the_process_tree_and_zombie_times)
{
	struct model m;
	struct proc_row rows[64];
	size_t n;

	load(&m, "fork20");
	model_end(&m);
	n = model_proc_rows(&m, rows, 64);
	cr_assert_eq(n, 43, "socklab, the shell, the server, 20 clients, 20 children");
	cr_assert_eq(rows[0].p->pid, 1998);
	cr_assert_eq(rows[1].p->pid, 1999);
	cr_assert_eq(rows[2].p->pid, 2000);
	cr_assert_eq(rows[2].depth, 2);
	cr_assert_eq(rows[3].p->pid, 2201);
	cr_assert_eq(rows[3].depth, 3);
	cr_assert_eq(rows[9].p->pid, 2207);
	cr_assert_eq(model_zombie_ns(rows[9].p, model_time(&m)), 35150000);
	model_home(&m);
	cr_assert_eq(model_proc_rows(&m, NULL, SIZE_MAX), 1, "only the shell at first");
	model_free(&m);
}

Test(model, lab_checkpoints_are_pending_until_their_note)
{
	struct model m;
	const char *names[] = {"connects", "accepts", "echoes"};
	const char *text;
	size_t k;

	load_lab(&m, "lab", names, 3);
	cr_assert(model_has_lab(&m));
	cr_assert_eq(m.nchecks, 4, "three named, and closes-first from the session");
	cr_assert_eq(model_check_at(&m, 0, &text), CHECK_PENDING);
	model_end(&m);
	cr_assert_eq(model_check_at(&m, 0, &text), CHECK_PASS);
	cr_assert_str_eq(text, "connect() returned 0: the 3-way handshake completed");
	cr_assert_eq(model_check_at(&m, 2, &text), CHECK_PENDING, "echoes has no result");
	for (k = 0; k < m.nchecks && strcmp(m.checks[k], "closes-first") != 0; k++)
		;
	cr_assert_eq(model_check_at(&m, k, &text), CHECK_FAIL);
	model_free(&m);
}

/* A checkpoint that could not be checked, said by the note's JSON
 * (unchecked), shows as skipped, not failed. */
static void shows_as_skipped(const char *unchecked)
{
	struct model m;
	const char *text;
	char first[300];
	const char *lines[] = {
		first,
		"{\"t\":2,\"src\":\"note\",\"kind\":\"checkpoint\",\"name\":\"echoes\",\"pass\":"
		"false,\"text\":\"a line did not come back\"}",
	};

	snprintf(first, sizeof(first),
		 "{\"t\":1,\"src\":\"note\",\"kind\":\"checkpoint\",\"name\":\"fins\",\"pass\":"
		 "false,%s,\"text\":\"packets were not captured\"}",
		 unchecked);
	cr_assert_eq(model_init(&m), 0);
	for (int i = 0; i < 2; i++)
		cr_assert_eq(model_append_line(&m, lines[i], strlen(lines[i])), 0);
	model_end(&m);
	cr_assert_eq(m.nchecks, 2);
	cr_assert_eq(model_check_at(&m, 0, &text), CHECK_SKIP);
	cr_assert_str_eq(text, "packets were not captured");
	cr_assert_eq(model_check_at(&m, 1, &text), CHECK_FAIL);
	model_free(&m);
}

Test(model, a_skipped_checkpoint_shows_as_skipped_not_failed)
{
	shows_as_skipped("\"checked\":false");
}

/* Sessions written before "checked": false said "skipped": true. */
Test(model, a_checkpoint_an_older_session_said_skipped_shows_as_skipped)
{
	shows_as_skipped("\"skipped\":true");
}

Test(model, a_live_session_follows_until_the_student_steps_back)
{
	struct model m;
	const char *lines[] = {
		"{\"t\":1,\"src\":\"call\",\"pid\":7,\"fn\":\"listen\",\"fd\":3,\"ret\":0,\"sock\":"
		"\"0.0.0.0:9>*\"}",
		"{\"t\":2,\"src\":\"call\",\"pid\":8,\"fn\":\"connect\",\"fd\":3,\"ret\":0,"
		"\"sock\":\"127.0.0.1:5>127.0.0.1:9\",\"conn\":1}",
		"not json",
		"{\"t\":3,\"src\":\"pkt\",\"proto\":\"tcp\",\"from\":\"127.0.0.1:5\",\"to\":\"127."
		"0.0.1:9\",\"flags\":\"S\",\"conn\":1}",
	};

	cr_assert_eq(model_init(&m), 0);
	m.live = m.follow = true;
	for (int i = 0; i < 2; i++)
		cr_assert_eq(model_append_line(&m, lines[i], strlen(lines[i])), 0);
	cr_assert_eq(model_cur_event(&m), 1, "following the newest");
	cr_assert_eq(model_append_line(&m, lines[2], strlen(lines[2])), -1);
	cr_assert_eq(m.s.bad_lines, 1);
	model_step(&m, -1);
	cr_assert_eq(model_append_line(&m, lines[3], strlen(lines[3])), 0);
	cr_assert_eq(model_cur_event(&m), 0, "held where the student stepped back to");
	model_end(&m);
	cr_assert_eq(model_cur_event(&m), 2, "End follows again");
	model_fit(&m, 80);
	cr_assert_eq(m.view->nvis, 2);
	cr_assert_eq(m.view->nrow, 2, "listen(); connect() and its SYN");
	model_free(&m);
}

Test(model, playing_steps_and_stops_at_the_end)
{
	struct model m;

	load(&m, "udp");
	model_end(&m);
	model_play(&m, true);
	cr_assert_eq(model_cur_event(&m), 0, "playing from the end starts again");
	for (int i = 0; i < 100 && m.playing; i++)
		model_play_step(&m);
	cr_assert_not(m.playing);
	cr_assert_eq(model_cur_event(&m), m.s.n - 1);
	model_speed(&m, 1);
	cr_assert_eq(m.speed, 8);
	for (int i = 0; i < 20; i++)
		model_speed(&m, -1);
	cr_assert_eq(m.speed, 1);
	model_free(&m);
}

Test(panes, narrow_screens_are_tabbed_wide_ones_side_by_side)
{
	struct screen_layout l;

	screen_layout(&l, 80, 24, 0, PANE_EVENTS);
	cr_assert(l.tabbed);
	cr_assert_eq(l.ladder.w, 80);
	cr_assert_eq(l.pane[PANE_EVENTS].h, 7);
	cr_assert_eq(l.pane[PANE_SOCKETS].h, 0, "one pane at a time below the ladder");
	cr_assert_eq(l.ladder.h + l.pane[PANE_EVENTS].h, 22);
	screen_layout(&l, 160, 48, 5, PANE_EVENTS);
	cr_assert_not(l.tabbed);
	for (int p = PANE_SOCKETS; p < PANE_COUNT; p++) {
		cr_assert_gt(l.pane[p].h, 0);
		cr_assert_eq(l.pane[p].x, l.ladder.w + 1);
	}
	cr_assert_eq(l.pane[PANE_EVENTS].y + l.pane[PANE_EVENTS].h, 47, "down to the status line");
	screen_layout(&l, 59, 24, 0, PANE_EVENTS);
	cr_assert(l.too_small);
}

/* A lab with many checkpoints gets the lines it needs, up to two fifths
 * of the column; the other panes keep rows of their own. */
Test(panes, the_lab_pane_grows_to_hold_its_checkpoints)
{
	struct screen_layout few, many, huge;

	screen_layout(&few, 160, 48, 5, PANE_EVENTS);
	screen_layout(&many, 160, 48, 13, PANE_EVENTS);
	screen_layout(&huge, 160, 48, 60, PANE_EVENTS);
	cr_assert_eq(few.pane[PANE_LAB].h, 46 / 5, "a short lab: a fifth");
	cr_assert_eq(many.pane[PANE_LAB].h, 13, "title, 4 steps, 8 checkpoints");
	cr_assert_eq(huge.pane[PANE_LAB].h, 46 * 2 / 5, "never more than two fifths");
	for (int p = PANE_SOCKETS; p < PANE_COUNT; p++)
		cr_assert_geq(huge.pane[p].h, 5, "pane %d keeps a few rows", p);
	cr_assert_eq(huge.pane[PANE_EVENTS].y + huge.pane[PANE_EVENTS].h, 47);
}

Test(panes, tab_skips_the_lab_when_there_is_none)
{
	struct model m;

	cr_assert_eq(model_init(&m), 0);
	for (int i = 0; i < 4; i++)
		model_next_pane(&m, 1);
	cr_assert_eq(m.pane, PANE_LADDER, "ladder, sockets, processes, events, ladder");
	model_next_pane(&m, -1);
	cr_assert_eq(m.pane, PANE_EVENTS);
	cr_assert_eq(model_pane_below(&m), PANE_EVENTS);
	model_free(&m);
}
