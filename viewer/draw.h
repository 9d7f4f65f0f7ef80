/*
 * draw.h - helpers the drawing files share. Drawing reads the model and
 * writes to curses' screen; only the loop makes it appear (doupdate).
 */
#ifndef SOCKLAB_DRAW_H
#define SOCKLAB_DRAW_H

#include "ui.h"

/* A ladder this wide has a column of times on its left. */
#define DRAW_TIME_COLUMN(w) ((w) >= 86 ? 10 : 0)

/* Text at (y, x), cut to w columns (display columns: base/text.h's
 * text_width), never inside a character. Returns the columns written. */
int draw_text(int y, int x, int w, attr_t attr, const char *text);
/* One glyph (one cell, however many bytes) at (y, x), if w > 0. Returns
 * the cells written. */
int draw_glyph(int y, int x, int w, attr_t attr, const char *glyph);
/* A pane's title line, or on a narrow screen the strip of tabs; returns
 * the rectangle left for its rows. */
struct rect draw_pane_title(const struct ui *u, enum pane p, const char *title);
/* "1.2 s", "40 ms", "350 us" */
void draw_duration(int64_t ns, char *out, size_t cap);

/* A process's program: its own, or the one it forked from; socklab for
 * the process that reaped the session's first program. */
const char *draw_proc_name(const struct model *m, const struct proc_info *p);

void draw_sockets(const struct ui *u);
void draw_procs(const struct ui *u);
void draw_events(const struct ui *u);
void draw_lab(const struct ui *u);
/* The bytes of the event at the cursor (key x), over the ladder's foot. */
void draw_bytes(const struct ui *u);
/* The time-sequence graph screen, instead of the panes. */
void draw_graph(const struct ui *u);

#endif
