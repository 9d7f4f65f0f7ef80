/*
 * ui.h - the viewer's insides, shared by its loop (viewer.c), its drawing
 * (draw.c) and its keys (keys.c).
 *
 * The loop owns a struct ui. Keys change the model and return flags
 * (UI_REDRAW, UI_QUIT); the loop acts on them: it is the only place that
 * draws and the only place that leaves.
 */
#ifndef SOCKLAB_UI_H
#define SOCKLAB_UI_H

#include <stdbool.h>
#include <stdint.h>

#include "feed.h"
#include "model.h"
#include "panes.h"
#include "term.h"

enum ui_flag { UI_REDRAW = 1, UI_QUIT = 2, UI_RELAYOUT = 4 };

/* What `make bench` reads (SOCKLAB_VIEWER_STATS=FILE). */
#define UI_SAMPLES 512
struct ui_stats {
	int64_t start_ns, first_frame_ns, loaded_ns;
	int64_t key_ns;		       /* when the key being handled was read; 0 if none */
	int64_t redraw_ns[UI_SAMPLES]; /* key read to screen updated */
	size_t nredraw;
	uint64_t frames;
};

struct ui {
	struct model m;
	struct term t;
	struct screen_layout lay;
	int w, h;
	char title[256];
	bool help;
	bool bytes; /* the cursor's bytes are shown (key x) */
	bool prompting;
	char prompt[64];
	struct viewer_feed *feed; /* live; NULL for a replay */
	struct feed_batch batch;
	int64_t last_step_ns, last_draw_ns, last_tick_ns;
	struct ui_stats stats;
};

/* Handles one key (a curses key code). */
int ui_key(struct ui *u, int key);
/* Draws the whole screen from the model (curses sends only what changed). */
void ui_draw(struct ui *u);
/* The key bindings, for the help screen: made from the keymap, so every
 * key bound is shown. Ends with a row of NULLs. */
struct key_help {
	const char *keys; /* "Home g End G" */
	const char *what;
};
const struct key_help *ui_key_help(void);
/* How many keys of the keymap the help screen leaves out (KEY_RESIZE,
 * which no one presses, is not counted): 0, or a binding lacks its row. */
int ui_keys_not_shown(void);

#endif
