/*
 * term.c - taking the terminal, and giving it back on every way out (see
 * term.h).
 *
 * Signals: SIGINT, SIGTERM and SIGHUP set a flag; the loop sees it within
 * its timeout and leaves the normal way, through term_stop(). A crash
 * cannot go on, so its handler restores the terminal itself (endwin() is not
 * async-signal-safe, but a crashing program has nothing left to protect,
 * and a student left with a dead terminal learns nothing), puts the default
 * action back and raises the signal again, so the exit status and the core
 * dump are what they would have been. SIGWINCH is left to curses, which
 * turns it into KEY_RESIZE; SIGTSTP (Ctrl-Z) too.
 */
#include "term.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/errmsg.h"
#include "base/i18n.h"

static volatile sig_atomic_t interrupted;
static volatile sig_atomic_t active; /* curses owns the terminal */
static SCREEN *screen;

static const int quit_signals[] = {SIGINT, SIGTERM, SIGHUP};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
#define NQUIT  (sizeof(quit_signals) / sizeof(quit_signals[0]))
#define NCRASH (sizeof(crash_signals) / sizeof(crash_signals[0]))
static struct sigaction saved_quit[NQUIT], saved_crash[NCRASH];

static void on_quit(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void on_crash(int sig)
{
	if (active) {
		active = 0;
		endwin();
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

static void restore_at_exit(void)
{
	if (active) {
		active = 0;
		endwin();
	}
}

static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: a signal should cut the wait for a key short. */
	sa.sa_handler = on_quit;
	for (size_t i = 0; i < NQUIT; i++)
		sigaction(quit_signals[i], &sa, &saved_quit[i]);
	sa.sa_handler = on_crash;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < NCRASH; i++)
		sigaction(crash_signals[i], &sa, &saved_crash[i]);
}

static void release_signals(void)
{
	for (size_t i = 0; i < NQUIT; i++)
		sigaction(quit_signals[i], &saved_quit[i], NULL);
	for (size_t i = 0; i < NCRASH; i++)
		sigaction(crash_signals[i], &saved_crash[i], NULL);
}

bool term_interrupted(void)
{
	return interrupted != 0;
}

/* ---- line drawing ---------------------------------------------------- */

static bool wants_utf8(const struct term_options *o)
{
	const char *term = getenv("TERM");

	if (o->ascii || getenv("SOCKLAB_ASCII"))
		return false;
	/* The Linux console's fonts lack most of the glyphs we draw. */
	if (term && strcmp(term, "linux") == 0)
		return false;
	return strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
}

const char *term_glyph(const struct term *t, enum ladder_glyph g)
{
	return ladder_glyph_text(g, t->utf8);
}

static const char *const ui_utf8[UG_COUNT] = {"\u251c ", "\u2514 ", "\u2502 ", "\u2714", "\u2718",
					      "\u00b7",	 "\u25b8",  "\u2500",  "\u2502"};
static const char *const ui_ascii[UG_COUNT] = {"|-", "`-", "| ", "+", "x", ".", ">", "-", "|"};

const char *term_ui_glyph(const struct term *t, enum ui_glyph g)
{
	return g < UG_COUNT ? (t->utf8 ? ui_utf8 : ui_ascii)[g] : "?";
}

/* ---- colours ----------------------------------------------------------- */

enum { PAIR_GREEN = 1, PAIR_RED, PAIR_MAGENTA, PAIR_YELLOW };

static attr_t colour(const struct term *t, short pair)
{
	return t->color ? COLOR_PAIR(pair) : 0;
}

static void set_attrs(struct term *t)
{
	for (int r = 0; r < LR_COUNT; r++)
		t->ladder[r] = A_NORMAL;
	t->ladder[LR_STATE] = A_BOLD;
	t->ladder[LR_OPEN] = colour(t, PAIR_GREEN) | A_BOLD;
	t->ladder[LR_CLOSE] = colour(t, PAIR_MAGENTA) | A_BOLD;
	t->ladder[LR_ERROR] = colour(t, PAIR_RED) | A_BOLD;
	t->ladder[LR_RESET] = colour(t, PAIR_RED) | A_BOLD | A_REVERSE;
	t->ladder[LR_GAP] = A_DIM;
	t->ladder[LR_HEAD] = A_BOLD;
	t->ladder[LR_TROUBLE] = colour(t, PAIR_YELLOW) | A_BOLD;
	for (int r = 0; r < UI_COUNT; r++)
		t->ui[r] = A_NORMAL;
	t->ui[UI_TITLE] = A_REVERSE;
	t->ui[UI_PANE] = A_BOLD;
	t->ui[UI_PANE_KEYS] = A_REVERSE | A_BOLD;
	t->ui[UI_SELECTED] = A_REVERSE;
	t->ui[UI_CURSOR] = A_REVERSE;
	t->ui[UI_FOCUS] = A_BOLD;
	t->ui[UI_LATER] = A_DIM;
	t->ui[UI_PASS] = colour(t, PAIR_GREEN) | A_BOLD;
	t->ui[UI_FAIL] = colour(t, PAIR_RED) | A_BOLD;
	t->ui[UI_WARN] = colour(t, PAIR_RED) | A_BOLD;
}

static void start_colours(struct term *t)
{
	const char *no = getenv("NO_COLOR");

	t->color = has_colors() && !(no && *no);
	if (t->color && start_color() == OK) {
		/* -1: the terminal's own background, dark or light. */
		use_default_colors();
		init_pair(PAIR_GREEN, COLOR_GREEN, -1);
		init_pair(PAIR_RED, COLOR_RED, -1);
		init_pair(PAIR_MAGENTA, COLOR_MAGENTA, -1);
		init_pair(PAIR_YELLOW, COLOR_YELLOW, -1);
	} else {
		t->color = false;
	}
	set_attrs(t);
}

/* ---- taking and giving back ------------------------------------------ */

int term_start(struct term *t, const struct term_options *o, char *err, size_t errlen)
{
	static bool registered;

	memset(t, 0, sizeof(*t));
	/* The locale is i18n_init's (cli/main.c, first thing): LC_CTYPE for
	 * the width of characters, LC_MESSAGES for the words, and nothing
	 * else, so LC_NUMERIC never changes how a number is printed. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return errmsg(err, errlen,
			      _("the viewer needs a terminal (for text, use: socklab show)"));
	t->utf8 = wants_utf8(o);
	screen = newterm(NULL, stdout, stdin);
	if (!screen)
		return errmsg(err, errlen, _("cannot use this terminal (TERM=%s)"),
			      getenv("TERM") ? getenv("TERM") : "unset");
	set_term(screen);
	active = 1;
	if (!registered)
		registered = atexit(restore_at_exit) == 0;
	interrupted = 0;
	catch_signals();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	start_colours(t);
	return 0;
}

void term_stop(struct term *t)
{
	(void)t;
	if (!screen)
		return;
	if (active) {
		active = 0;
		endwin();
	}
	release_signals();
	delscreen(screen);
	screen = NULL;
}
