/*
 * term.h - the terminal: everything that sets it up and puts it back.
 *
 * Like htop's CRT.c, this is the one file that knows how the terminal is
 * set up (curses modes, colours, line drawing, signals) and the one that
 * restores it, on every way out: a normal quit, Ctrl-C (SIGINT, SIGTERM and
 * SIGHUP only ask the loop to stop), a crash (SIGSEGV and friends restore
 * the terminal, then die as they would have), and exit() (atexit).
 *
 * Colours are foreground colours on the terminal's own background (green,
 * red, magenta, and bold), which read on dark and light themes alike; with
 * NO_COLOR set (https://no-color.org) only bold and reverse remain. Lines
 * are drawn with UTF-8 box characters, or ASCII when the locale is not
 * UTF-8, on the Linux console (TERM=linux), with SOCKLAB_ASCII set, or when
 * asked (--ascii).
 */
#ifndef SOCKLAB_TERM_H
#define SOCKLAB_TERM_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

#include "ladder/ladder.h"

/* How the rest of the screen is drawn, beside the ladder's own roles. */
enum ui_role {
	UI_TITLE,     /* the top line */
	UI_PANE,      /* a pane's title */
	UI_PANE_KEYS, /* the title of the pane that has the keys */
	UI_SELECTED,  /* the selected row of the pane with the keys */
	UI_CURSOR,    /* the cursor's event */
	UI_FOCUS,     /* rows of the connection in focus */
	UI_LATER,     /* events after the cursor */
	UI_PASS,
	UI_FAIL,
	UI_WARN,
	UI_NORMAL,
	UI_COUNT
};

/* Glyphs beside the ladder's: the process tree and the lab's marks. */
enum ui_glyph {
	UG_TREE_MID,
	UG_TREE_LAST,
	UG_TREE_PIPE,
	UG_PASS,
	UG_FAIL,
	UG_PENDING,
	UG_STEP,
	UG_HLINE,
	UG_VLINE,
	UG_COUNT
};

struct term {
	bool utf8;
	bool color;
	attr_t ladder[LR_COUNT];
	attr_t ui[UI_COUNT];
};

struct term_options {
	bool ascii; /* ASCII line drawing whatever the locale */
};

/* Takes the terminal. Returns 0, or -1 with a sentence in err (not a
 * terminal, unknown TERM). */
int term_start(struct term *t, const struct term_options *o, char *err, size_t errlen);
/* Gives it back as it was. Safe to call twice. */
void term_stop(struct term *t);

/* True once SIGINT, SIGTERM or SIGHUP arrived: the loop should stop. */
bool term_interrupted(void);

const char *term_glyph(const struct term *t, enum ladder_glyph g);
const char *term_ui_glyph(const struct term *t, enum ui_glyph g);

#endif
