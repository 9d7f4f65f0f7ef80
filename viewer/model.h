/*
 * model.h - everything the viewer shows, without a terminal.
 *
 * The model holds the session and what is derived from it (the ladder,
 * the process and socket tables), and the state of the student's view:
 * the cursor (the event "now" is), the filter, the connection in focus,
 * the pane that has the keys and each pane's selection. Drawing only reads
 * it; keys change it through the functions below; the tests drive it
 * without a terminal (tests/unit/viewer/test_model.c).
 *
 * Everything on screen is "as of the cursor": the ladder is the story up
 * to the cursor's event, the tables say what each socket and process was
 * at that moment. Events arrive by model_append_line(), from a file being
 * loaded or from a live session; while `follow` is set the cursor stays on
 * the newest one.
 */
#ifndef SOCKLAB_MODEL_H
#define SOCKLAB_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "filter.h"
#include "ladder/ladder.h"
#include "session/proctable.h"
#include "session/session.h"
#include "session/socktable.h"

enum pane { PANE_LADDER, PANE_SOCKETS, PANE_PROCS, PANE_EVENTS, PANE_LAB, PANE_COUNT };

/* A list pane's selected row, and the row at its top on screen. */
struct list_pos {
	size_t sel, top;
};

/* CHECK_SKIP: the session could not decide it (packets without root). */
enum check_state { CHECK_PENDING, CHECK_PASS, CHECK_FAIL, CHECK_SKIP };

/* A note the lab panel reads: a scenario step or a checkpoint result. */
struct lab_note {
	uint32_t ev;
	const char *name; /* a checkpoint's name; NULL for a step */
	const char *text;
	bool pass;
	bool skipped;
};

struct model {
	struct session s;
	struct proctable procs;
	struct socktable socks;
	struct ladder lad;

	/* Which events the student sees. */
	struct filter filter;
	struct ladder_idx visible; /* session indices, in time order */
	uint8_t *conn_taken;	   /* connections a filtered pid made calls on */
	size_t nconn_taken;
	bool refilter_needed; /* a pid's new connection: look back */

	/* The ladder: every visible event, or one connection's. */
	struct ladder_view all, one;
	int one_conn;			/* the connection in `one`, or -1 */
	int focus;			/* chosen by the student, or -1 */
	int auto_conn;			/* chosen because all would not fit, or -1 */
	const struct ladder_view *view; /* what model_fit() chose to draw */

	/* The cursor: visible.i[cur] is the event "now". */
	size_t cur;
	bool follow;
	bool playing;
	int speed;   /* events per second while playing */
	int64_t now; /* live: the session's clock now; -1 */

	/* Where the events come from. */
	bool live, loading;
	char ended[256]; /* live: how the session ended, or "" */

	/* Panes. */
	enum pane pane;	 /* the pane that has the keys */
	enum pane below; /* narrow screens: the pane under the ladder */
	struct list_pos list[PANE_COUNT];
	uint32_t *sockrows; /* sockets with an address, by first event */
	size_t nsockrows, sockrows_cap;

	/* The lab panel: checkpoints given up front, and notes as they come. */
	char lab_title[128];
	const char **checks; /* checkpoint names, interned */
	size_t nchecks, checks_cap;
	struct lab_note *notes;
	size_t nnotes, notes_cap;

	char msg[512]; /* a message for the student, until the next key */
};

/* An empty model (for a live session). */
int model_init(struct model *m);
/* Starts reading the session in dir (after model_init): each
 * session_load(&m->s, ...) then model_take_loaded() brings in more. */
int model_open(struct model *m, const char *dir, char *err, size_t errlen);
void model_free(struct model *m);

/* Adds an event from its JSON line. Returns 0, or -1 when the line is not
 * an event (counted in s.bad_lines, and said in s.first_bad). */
int model_append_line(struct model *m, const char *line, size_t len);
/* Takes in the events session_load() added to m->s since the last call. */
void model_take_loaded(struct model *m);

/* Checkpoints the lab panel shows as pending until a "checkpoint" note
 * with the same name arrives. After model_open(), which starts a new
 * string pool. */
void model_set_lab(struct model *m, const char *title, const char *const *names, size_t n);
bool model_has_lab(const struct model *m);
/* Checkpoint k as of the cursor; *text is the result's sentence. */
enum check_state model_check_at(const struct model *m, size_t k, const char **text);

/* For model.c from tables.c: a new socket table entry, a note. */
void model_note_socket(struct model *m, size_t k);
void model_note_lab(struct model *m, uint32_t i, const struct event *e);

/* ---- the cursor ---------------------------------------------------- */

/* The session index of the cursor's event, or SIZE_MAX when none. */
size_t model_cur_event(const struct model *m);
/* The time things are shown at: the cursor's event's, or now when live
 * and following. */
int64_t model_time(const struct model *m);

void model_step(struct model *m, long delta); /* Left / Right */
void model_home(struct model *m);
void model_end(struct model *m); /* and follow */
/* n / p: the next (dir > 0) or previous packet or state change on the
 * ladder. Returns false when there is none. */
bool model_jump_change(struct model *m, int dir);
/* Up / Down on the ladder: the cursor to the end of the next row. */
void model_step_row(struct model *m, long delta);
/* Puts the cursor on session event i, or the last visible one before. */
void model_goto_event(struct model *m, size_t i);

void model_play(struct model *m, bool on);
void model_speed(struct model *m, int dir);
/* One step of playing. Returns false when it stopped at the end. */
bool model_play_step(struct model *m);

/* ---- what is shown ---------------------------------------------------- */

/* Returns 0, or -1 with a sentence in err (the filter is then unchanged). */
int model_set_filter(struct model *m, const char *text, char *err, size_t errlen);
/* The ladder on one connection (-1: all of them). */
void model_focus(struct model *m, int conn);
/* Chooses what the ladder draws at this width: the student's connection,
 * else all, else (when all do not fit) the cursor's connection. */
void model_fit(struct model *m, int width);
/* The connection of the cursor's event, or of the last one before it
 * that had one; -1 when none. */
int model_cur_conn(const struct model *m);
/* The number of connections seen. */
int model_nconns(const struct model *m);

/* ---- panes ----------------------------------------------------------- */

void model_next_pane(struct model *m, int dir);
/* Moves the selection of the pane that has the keys; height is the rows
 * it has on screen (for paging and keeping the selection in sight). */
void model_move(struct model *m, long delta, int height);
/* Enter: focus the selected socket's connection, filter by the selected
 * process, focus the cursor's connection on the ladder. */
void model_enter(struct model *m);

/* Sockets with an address that exist at model_time(): sockrows[0 .. n). */
size_t model_nsockets(const struct model *m);
/* Processes in tree order, each followed by its threads (other than its
 * first) and then its children; a row's depth, and whether it exists
 * yet. */
struct proc_row {
	const struct proc_info *p;
	const struct thread_info *th; /* a row for this thread of p; NULL: p's own */
	int depth;
	bool last;     /* the last child of its parent */
	uint32_t open; /* bit d: the ancestor at depth d has children below */
};
/* Fills up to max rows and returns how many there are (rows may be NULL
 * to count them). */
size_t model_proc_rows(const struct model *m, struct proc_row *rows, size_t max);
/* How long p was a zombie up to t (ns), 0 if it was not. */
int64_t model_zombie_ns(const struct proc_info *p, int64_t t);
/* Bytes waiting in s's receive queue at t: sent by its peer, not yet read;
 * -1 when the peer is not in the session. */
long long model_queued(const struct model *m, const struct sock_info *s, int64_t t);

#endif
