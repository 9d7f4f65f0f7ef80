/*
 * viewer.c - the viewer's one loop, and its ways in (see viewer.h).
 *
 *   until the student quits:
 *       take what arrived: a slice of the file being loaded (at most
 *           LOAD_SLICE_NS of parsing), the lines a live feed has;
 *       draw, if anything changed;
 *       wait for a key, at most until the next thing to do;
 *       handle it: the handler changes the model and returns flags.
 *
 * A big session is loaded a slice at a time in this same loop, so the
 * first screen appears after the first slice, and keys work while the rest
 * loads (the top line says how far it got).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/errmsg.h"
#include "base/i18n.h"
#include "draw.h"
#include "viewer.h"

/* Parsing time between two looks at the keyboard: a key never waits for
 * more than this, and a 1,000,000-line session loads in the background. */
#define LOAD_SLICE_NS (8 * 1000 * 1000LL)
/* While loading, the screen is redrawn this often at most. */
#define LOAD_FRAME_NS (100 * 1000 * 1000LL)
/* Lines of a live feed taken in one go: a burst cannot freeze the keys. */
#define FEED_LINES_MAX 20000

/* ---- taking events in ------------------------------------------------------ */

static void say_bad_lines(struct ui *u)
{
	const struct session *s = &u->m.s;

	if (s->bad_lines)
		snprintf(u->m.msg, sizeof(u->m.msg),
			 s->bad_lines == 1 ? _("events.jsonl: %zu line skipped, not a valid event "
					       "(first: %.300s)")
					   : _("events.jsonl: %zu lines skipped, not valid events "
					       "(first: %.300s)"),
			 s->bad_lines, s->first_bad);
}

static int take_file(struct ui *u)
{
	int64_t now = mono_ns(), until = now + LOAD_SLICE_NS;
	char err[512];
	int more;

	if (!u->m.loading)
		return 0;
	do {
		more = session_load(&u->m.s, 256, err, sizeof(err));
		model_take_loaded(&u->m);
	} while (more > 0 && (now = mono_ns()) < until);
	if (more > 0)
		return u->stats.frames == 0 || now - u->last_draw_ns >= LOAD_FRAME_NS ? UI_REDRAW
										      : 0;
	u->m.loading = false;
	u->stats.loaded_ns = mono_ns() - u->stats.start_ns;
	say_bad_lines(u);
	if (more < 0)
		snprintf(u->m.msg, sizeof(u->m.msg), "%.400s", err);
	return UI_REDRAW;
}

/* Appends the whole lines of buf[0 .. len); returns how many bytes it
 * used (a line cut short waits for the rest). */
static size_t take_lines(struct ui *u, const char *buf, size_t len, size_t *nlines)
{
	size_t used = 0;

	while (used < len && *nlines < FEED_LINES_MAX) {
		const char *nl = memchr(buf + used, '\n', len - used);
		if (!nl)
			break;
		if (nl > buf + used)
			model_append_line(&u->m, buf + used, (size_t)(nl - (buf + used)));
		used = (size_t)(nl - buf) + 1;
		(*nlines)++;
	}
	return used;
}

static int take_feed(struct ui *u)
{
	struct feed_batch *b = &u->batch;
	size_t bad = u->m.s.bad_lines, nlines = 0, used;
	int flags = 0;

	if (!u->feed)
		return 0;
	if (b->len == 0)
		feed_take(u->feed, b);
	used = take_lines(u, b->buf, b->len, &nlines);
	if (used > 0) {
		/* What is left waits for the next turn (a burst of lines). */
		memmove(b->buf, b->buf + used, b->len - used);
		b->len -= used;
	}
	if (b->t0)
		u->m.now = mono_ns() - b->t0;
	if (b->ended && !u->m.ended[0]) {
		snprintf(u->m.ended, sizeof(u->m.ended), "%s", b->why[0] ? b->why : _("the end"));
		flags = UI_REDRAW;
	}
	if (u->m.s.bad_lines > bad)
		say_bad_lines(u);
	return nlines ? UI_REDRAW : flags;
}

/* Playing, and the clock of a live session (TIME_WAIT counts down). */
static int tick(struct ui *u)
{
	int64_t now = mono_ns();

	if (u->m.playing && now - u->last_step_ns >= 1000000000LL / u->m.speed) {
		u->last_step_ns = now;
		model_play_step(&u->m);
		return UI_REDRAW;
	}
	if (u->m.live && now - u->last_tick_ns >= 1000000000LL) {
		u->last_tick_ns = now;
		return UI_REDRAW;
	}
	return 0;
}

/* How long to wait for a key before the next thing to do. */
static int wait_ms(const struct ui *u)
{
	if (u->m.loading || u->batch.len > 0)
		return 0;
	if (u->m.playing) {
		int64_t left = 1000000000LL / u->m.speed - (mono_ns() - u->last_step_ns);
		return left > 0 ? (int)(left / 1000000) + 1 : 0;
	}
	return u->feed ? 100 : 500;
}

/* ---- one frame ------------------------------------------------------------------ */

static void frame(struct ui *u)
{
	int64_t now;

	getmaxyx(stdscr, u->h, u->w);
	screen_layout(&u->lay, u->w, u->h, model_lab_lines(&u->m), model_pane_below(&u->m));
	model_fit(&u->m, u->lay.ladder.w - DRAW_TIME_COLUMN(u->lay.ladder.w));
	ui_draw(u);
	wnoutrefresh(stdscr);
	doupdate();
	now = mono_ns();
	if (u->stats.frames++ == 0)
		u->stats.first_frame_ns = now - u->stats.start_ns;
	if (u->stats.key_ns && u->stats.nredraw < UI_SAMPLES)
		u->stats.redraw_ns[u->stats.nredraw++] = now - u->stats.key_ns;
	u->stats.key_ns = 0;
	u->last_draw_ns = now;
}

static void run(struct ui *u)
{
	int flags = UI_REDRAW;

	while (!term_interrupted()) {
		flags |= take_file(u) | take_feed(u) | tick(u);
		if (flags & UI_REDRAW)
			frame(u);
		timeout(wait_ms(u));
		int key = getch();
		if (key == ERR) {
			flags = 0;
			continue;
		}
		u->stats.key_ns = mono_ns();
		flags = ui_key(u, key);
		if (flags & UI_QUIT)
			break;
		/* A key is answered before the next slice of loading. */
		if (flags & UI_REDRAW)
			frame(u);
		flags = 0;
	}
}

/* ---- what `make bench` reads ------------------------------------------------------ */

/* A line of /proc/self/status in kB: "VmRSS" (resident now), "VmHWM"
 * (the most it was). */
static long status_kb(const char *field)
{
	FILE *f = fopen("/proc/self/status", "re");
	char line[256];
	size_t n = strlen(field);
	long kb = -1;

	while (f && fgets(line, sizeof(line), f))
		if (strncmp(line, field, n) == 0 && line[n] == ':' &&
		    sscanf(line + n + 1, "%ld kB", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static void write_stats(const struct ui *u)
{
	const char *path = getenv("SOCKLAB_VIEWER_STATS");
	const struct ui_stats *st = &u->stats;
	FILE *f;

	if (!path || !(f = fopen(path, "we")))
		return;
	fprintf(f,
		"{\"events\":%zu,\"first_frame_ms\":%.3f,\"loaded_ms\":%.3f,\"frames\":%llu,"
		"\"rss_kb\":%ld,\"rss_peak_kb\":%ld,\"redraw_ms\":[",
		u->m.s.n, (double)st->first_frame_ns / 1e6, (double)st->loaded_ns / 1e6,
		(unsigned long long)st->frames, status_kb("VmRSS"), status_kb("VmHWM"));
	for (size_t i = 0; i < st->nredraw; i++)
		fprintf(f, "%s%.3f", i ? "," : "", (double)st->redraw_ns[i] / 1e6);
	fprintf(f, "]}\n");
	fclose(f);
}

/* ---- ways in -------------------------------------------------------------------------- */

static struct ui *ui_new(char *err, size_t errlen)
{
	struct ui *u = calloc(1, sizeof(*u));

	if (!u || model_init(&u->m) < 0) {
		errmsg(err, errlen, "%s", _("out of memory"));
		free(u);
		return NULL;
	}
	u->stats.start_ns = mono_ns();
	return u;
}

static void ui_free(struct ui *u)
{
	model_free(&u->m);
	free(u->batch.buf);
	free(u);
}

/* Takes the terminal, runs the loop, gives the terminal back. */
static int ui_run(struct ui *u, const struct viewer_options *o, char *err, size_t errlen)
{
	struct term_options to = {.ascii = o && o->ascii};

	if (o && (o->lab_title || o->ncheckpoints))
		model_set_lab(&u->m, o->lab_title, o->checkpoints, o->ncheckpoints);
	if (term_start(&u->t, &to, err, errlen) < 0)
		return -1;
	run(u);
	term_stop(&u->t);
	write_stats(u);
	return 0;
}

int viewer_run_replay(const char *dir, const struct viewer_options *o, char *err, size_t errlen)
{
	struct ui *u = ui_new(err, errlen);
	int ret = -1;

	if (!u)
		return -1;
	if (model_open(&u->m, dir, err, errlen) < 0)
		goto out_free;
	snprintf(u->title, sizeof(u->title), "%s", o && o->title ? o->title : dir);
	ret = ui_run(u, o, err, errlen);
out_free:
	ui_free(u);
	return ret;
}

int viewer_run_live(struct viewer_feed *f, const struct viewer_options *o, char *err, size_t errlen)
{
	struct ui *u = ui_new(err, errlen);
	int ret;

	if (!u)
		return -1;
	u->feed = f;
	u->m.live = true;
	u->m.follow = true;
	snprintf(u->title, sizeof(u->title), "%s", o && o->title ? o->title : "live");
	ret = ui_run(u, o, err, errlen);
	ui_free(u);
	return ret;
}
