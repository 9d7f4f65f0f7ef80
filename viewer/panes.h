/*
 * panes.h - where each pane goes on a screen of a given size, and moving
 * between panes and within them. No curses: the layout is a function of the
 * size, so it is tested like the rest of the model.
 *
 * Wide screens (120 columns and more) put the ladder on the left and the
 * other panes in a column on its right. Narrower ones put the ladder on top
 * and one other pane below it, chosen by Tab, under a strip of tabs.
 */
#ifndef SOCKLAB_PANES_H
#define SOCKLAB_PANES_H

#include <stdbool.h>

#include "model.h"

#define SCREEN_MIN_W  60
#define SCREEN_MIN_H  16
#define SCREEN_WIDE_W 120

struct rect {
	int y, x, h, w;
};

struct screen_layout {
	bool too_small;
	bool tabbed;		      /* one pane below the ladder at a time */
	struct rect title, status;    /* the top and bottom lines */
	struct rect ladder;	      /* with its two lines of column heads */
	struct rect pane[PANE_COUNT]; /* each with a title line; h == 0: hidden */
};

/* lab_lines: the lines the lab panel would like (model_lab_lines()), 0
 * without a lab. */
void screen_layout(struct screen_layout *l, int w, int h, int lab_lines, enum pane below);

/* The lines the lab panel needs to show everything: its title, the steps
 * so far and every checkpoint. 0 without a lab. */
int model_lab_lines(const struct model *m);

/* The pane shown below the ladder on a narrow screen. */
enum pane model_pane_below(const struct model *m);

/* Keeps a list's selection within n rows and in sight in height rows. */
void list_keep(struct list_pos *lp, size_t n, int height);

/* The name of a pane, for titles and tabs. */
const char *pane_name(enum pane p);

#endif
