/*
 * keys.c - what each key does (docs/DESIGN.md, "The viewer's keys").
 *
 * A key is first translated into an action through one table; the help
 * screen is printed from the same table, so it cannot drift from what the
 * keys do. Each action is a small function on the model that returns
 * flags for the loop. While the filter is being typed, or the help is
 * shown, keys go there instead.
 */
#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "ui.h"

enum action {
	ACT_NONE,
	ACT_QUIT,
	ACT_HELP,
	ACT_PLAY,
	ACT_LEFT,
	ACT_RIGHT,
	ACT_NEXT,
	ACT_PREV,
	ACT_HOME,
	ACT_END,
	ACT_TAB,
	ACT_BACKTAB,
	ACT_FILTER,
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_ENTER,
	ACT_CLEAR,
	ACT_FASTER,
	ACT_SLOWER,
	ACT_REPAINT,
	ACT_GRAPH,
	ACT_RESIZE,
	ACT_BYTES,
};

#define CTRL(c) ((c)&0x1f)
#define KEY_ESC 27

static const struct {
	int key;
	enum action act;
} keymap[] = {
	{'q', ACT_QUIT},	  {'Q', ACT_QUIT},	    {'?', ACT_HELP},
	{'h', ACT_HELP},	  {' ', ACT_PLAY},	    {KEY_LEFT, ACT_LEFT},
	{KEY_RIGHT, ACT_RIGHT},	  {'n', ACT_NEXT},	    {'p', ACT_PREV},
	{KEY_HOME, ACT_HOME},	  {'g', ACT_GRAPH},	    {KEY_END, ACT_END},
	{'G', ACT_END},		  {'\t', ACT_TAB},	    {KEY_BTAB, ACT_BACKTAB},
	{'/', ACT_FILTER},	  {KEY_UP, ACT_UP},	    {KEY_DOWN, ACT_DOWN},
	{KEY_PPAGE, ACT_PGUP},	  {KEY_NPAGE, ACT_PGDN},    {'\r', ACT_ENTER},
	{'\n', ACT_ENTER},	  {KEY_ENTER, ACT_ENTER},   {KEY_ESC, ACT_CLEAR},
	{'+', ACT_FASTER},	  {'=', ACT_FASTER},	    {'-', ACT_SLOWER},
	{CTRL('l'), ACT_REPAINT}, {KEY_RESIZE, ACT_RESIZE}, {'x', ACT_BYTES},
};

#define NKEYMAP (sizeof(keymap) / sizeof(keymap[0]))

/*
 * The help screen: each row is what some actions do, in words; the keys
 * shown beside it are every key the keymap binds to those actions, named
 * by help_key_name(). So a key is never bound and not shown.
 */
static const struct {
	const char *what;
	enum action acts[2];
} help_rows[] = {
	{N_("quit"), {ACT_QUIT}},
	{N_("this help (any key closes it)"), {ACT_HELP}},
	{N_("play / pause the replay (live: hold / follow)"), {ACT_PLAY}},
	{N_("one event back / forward"), {ACT_LEFT, ACT_RIGHT}},
	{N_("next / previous packet or state change"), {ACT_NEXT, ACT_PREV}},
	{N_("the first / the last event (live: End follows)"), {ACT_HOME, ACT_END}},
	{N_("move in the pane: ladder rows, events, table rows"), {ACT_UP, ACT_DOWN}},
	{N_("a page at a time"), {ACT_PGUP, ACT_PGDN}},
	{N_("next / previous pane"), {ACT_TAB, ACT_BACKTAB}},
	{N_("focus the ladder on this connection / filter this process or thread"), {ACT_ENTER}},
	{N_("show every connection again, then clear the filter"), {ACT_CLEAR}},
	{N_("filter: a pid (1201), a port (:9190) or a call (accept)"), {ACT_FILTER}},
	{N_("play faster / slower"), {ACT_FASTER, ACT_SLOWER}},
	{N_("the bytes of the packet or call at the cursor, hex and text"), {ACT_BYTES}},
	{N_("the time-sequence graph of the connection (g or Esc: back, d: the other way)"),
	 {ACT_GRAPH}},
	{N_("repaint the screen"), {ACT_REPAINT}},
};

#define NHELP (sizeof(help_rows) / sizeof(help_rows[0]))

/* A key as the help names it: "Space", "Left", "Ctrl-L", "q". */
static const char *help_key_name(int key, char buf[8])
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{' ', "Space"},	     {KEY_LEFT, "Left"},      {KEY_RIGHT, "Right"},
		{KEY_UP, "Up"},	     {KEY_DOWN, "Down"},      {KEY_PPAGE, "PgUp"},
		{KEY_NPAGE, "PgDn"}, {KEY_HOME, "Home"},      {KEY_END, "End"},
		{'\t', "Tab"},	     {KEY_BTAB, "Shift-Tab"}, {'\r', "Enter"},
		{'\n', "Enter"},     {KEY_ENTER, "Enter"},    {KEY_ESC, "Esc"},
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (names[i].key == key)
			return names[i].name;
	if (key > 0 && key < 32)
		snprintf(buf, 8, "Ctrl-%c", key + 'A' - 1);
	else
		snprintf(buf, 8, "%c", key);
	return buf;
}

/* Appends name to the list in out unless it is there already. */
static void add_name(char *out, size_t cap, const char *name)
{
	size_t n = strlen(out), len = strlen(name);

	for (const char *p = out; (p = strstr(p, name)); p += len)
		if ((p == out || p[-1] == ' ') && (p[len] == ' ' || p[len] == '\0'))
			return;
	snprintf(out + n, cap - n, "%s%s", n ? " " : "", name);
}

const struct key_help *ui_key_help(void)
{
	static char keys[NHELP][32];
	static struct key_help help[NHELP + 1];

	for (size_t r = 0; r < NHELP; r++) {
		char buf[8];

		keys[r][0] = '\0';
		for (size_t a = 0; a < 2; a++)
			for (size_t i = 0; help_rows[r].acts[a] && i < NKEYMAP; i++)
				if (keymap[i].act == help_rows[r].acts[a])
					add_name(keys[r], sizeof(keys[r]),
						 help_key_name(keymap[i].key, buf));
		help[r] = (struct key_help){keys[r], help_rows[r].what};
	}
	help[NHELP] = (struct key_help){NULL, NULL};
	return help;
}

int ui_keys_not_shown(void)
{
	int missing = 0;

	for (size_t i = 0; i < NKEYMAP; i++) {
		bool shown = keymap[i].act == ACT_RESIZE;
		for (size_t r = 0; r < NHELP && !shown; r++)
			shown = help_rows[r].acts[0] == keymap[i].act ||
				help_rows[r].acts[1] == keymap[i].act;
		missing += !shown;
	}
	return missing;
}

static enum action action_of(int key)
{
	for (size_t i = 0; i < sizeof(keymap) / sizeof(keymap[0]); i++)
		if (keymap[i].key == key)
			return keymap[i].act;
	return ACT_NONE;
}

/* Rows the pane with the keys has for its list, for paging. */
static int pane_rows(const struct ui *u)
{
	const struct rect *r = u->m.pane == PANE_LADDER ? &u->lay.ladder : &u->lay.pane[u->m.pane];

	return r->h > 3 ? r->h - 3 : 1;
}

static int play(struct ui *u)
{
	struct model *m = &u->m;

	if (m->live) {
		if (m->follow)
			m->follow = false;
		else
			model_end(m);
		return UI_REDRAW;
	}
	model_play(m, !m->playing);
	u->last_step_ns = mono_ns();
	return UI_REDRAW;
}

static int clear_view(struct ui *u)
{
	char err[128];

	if (u->m.focus >= 0)
		model_focus(&u->m, -1);
	else if (u->m.filter.kind != FILTER_NONE)
		model_set_filter(&u->m, "", err, sizeof(err));
	return UI_REDRAW;
}

static int jump(struct ui *u, int dir)
{
	if (!model_jump_change(&u->m, dir))
		snprintf(u->m.msg, sizeof(u->m.msg), "%s",
			 dir > 0 ? _("no later packet or state change on the ladder")
				 : _("no earlier packet or state change on the ladder"));
	return UI_REDRAW;
}

static int on_quit(struct ui *u, enum action a)
{
	(void)u, (void)a;
	return UI_QUIT;
}

static int on_help(struct ui *u, enum action a)
{
	(void)a;
	u->help = true;
	return UI_REDRAW;
}

static int on_step(struct ui *u, enum action a)
{
	model_step(&u->m, a == ACT_LEFT ? -1 : 1);
	return UI_REDRAW;
}

static int on_ends(struct ui *u, enum action a)
{
	if (a == ACT_HOME)
		model_home(&u->m);
	else
		model_end(&u->m);
	return UI_REDRAW;
}

static int on_tab(struct ui *u, enum action a)
{
	model_next_pane(&u->m, a == ACT_TAB ? 1 : -1);
	return UI_REDRAW | UI_RELAYOUT;
}

static int on_filter(struct ui *u, enum action a)
{
	(void)a;
	u->prompting = true;
	snprintf(u->prompt, sizeof(u->prompt), "%s", u->m.filter.text);
	return UI_REDRAW;
}

static int on_move(struct ui *u, enum action a)
{
	long page = a == ACT_PGUP || a == ACT_PGDN ? pane_rows(u) : 1;

	model_move(&u->m, (a == ACT_UP || a == ACT_PGUP ? -1 : 1) * page, pane_rows(u));
	return UI_REDRAW;
}

static int on_enter(struct ui *u, enum action a)
{
	(void)a;
	model_enter(&u->m);
	return UI_REDRAW;
}

static int on_speed(struct ui *u, enum action a)
{
	model_speed(&u->m, a == ACT_FASTER ? 1 : -1);
	snprintf(u->m.msg, sizeof(u->m.msg), _("playing speed: %d events a second"), u->m.speed);
	return UI_REDRAW;
}

static int on_repaint(struct ui *u, enum action a)
{
	(void)u, (void)a;
	clearok(curscr, TRUE);
	return UI_REDRAW;
}

static int on_graph(struct ui *u, enum action a)
{
	(void)a;
	u->graph = true;
	return UI_REDRAW;
}

static int on_resize(struct ui *u, enum action a)
{
	(void)u, (void)a;
	return UI_REDRAW | UI_RELAYOUT;
}

/* Shows or hides the bytes box; it follows the cursor while shown. */
static int on_bytes(struct ui *u, enum action a)
{
	(void)a;
	u->bytes = !u->bytes;
	return UI_REDRAW;
}

static int on_play(struct ui *u, enum action a)
{
	(void)a;
	return play(u);
}

static int on_clear(struct ui *u, enum action a)
{
	(void)a;
	return clear_view(u);
}

static int on_jump(struct ui *u, enum action a)
{
	return jump(u, a == ACT_NEXT ? 1 : -1);
}

static int (*const handlers[])(struct ui *u, enum action a) = {
	[ACT_QUIT] = on_quit,	 [ACT_HELP] = on_help,	   [ACT_PLAY] = on_play,
	[ACT_LEFT] = on_step,	 [ACT_RIGHT] = on_step,	   [ACT_NEXT] = on_jump,
	[ACT_PREV] = on_jump,	 [ACT_HOME] = on_ends,	   [ACT_END] = on_ends,
	[ACT_TAB] = on_tab,	 [ACT_BACKTAB] = on_tab,   [ACT_FILTER] = on_filter,
	[ACT_UP] = on_move,	 [ACT_DOWN] = on_move,	   [ACT_PGUP] = on_move,
	[ACT_PGDN] = on_move,	 [ACT_ENTER] = on_enter,   [ACT_CLEAR] = on_clear,
	[ACT_FASTER] = on_speed, [ACT_SLOWER] = on_speed,  [ACT_REPAINT] = on_repaint,
	[ACT_GRAPH] = on_graph,	 [ACT_RESIZE] = on_resize, [ACT_BYTES] = on_bytes,
};

static int act(struct ui *u, enum action a)
{
	if ((size_t)a >= sizeof(handlers) / sizeof(handlers[0]) || !handlers[a])
		return 0;
	return handlers[a](u, a);
}

/* The filter being typed after '/': Enter applies, Esc gives up. */
static int prompt_key(struct ui *u, int key)
{
	size_t len = strlen(u->prompt);
	char err[200];

	if (key == '\r' || key == '\n' || key == KEY_ENTER) {
		u->prompting = false;
		if (model_set_filter(&u->m, u->prompt, err, sizeof(err)) < 0)
			snprintf(u->m.msg, sizeof(u->m.msg), "%s", err);
	} else if (key == KEY_ESC) {
		u->prompting = false;
	} else if ((key == KEY_BACKSPACE || key == 127 || key == CTRL('h')) && len > 0) {
		u->prompt[len - 1] = '\0';
	} else if (key >= ' ' && key < 127 && len + 1 < sizeof(u->prompt)) {
		u->prompt[len] = (char)key;
		u->prompt[len + 1] = '\0';
	} else if (key == KEY_RESIZE) {
		return UI_REDRAW | UI_RELAYOUT;
	}
	return UI_REDRAW;
}

int ui_key(struct ui *u, int key)
{
	u->m.msg[0] = '\0';
	if (u->prompting)
		return prompt_key(u, key);
	if (u->help && key != KEY_RESIZE) {
		u->help = false;
		return UI_REDRAW;
	}
	if (u->bytes && key == KEY_ESC) {
		u->bytes = false;
		return UI_REDRAW;
	}
	if (u->graph && (key == 'g' || key == KEY_ESC || key == 'd')) {
		/* The graph's own keys; the others work as on the ladder. */
		if (key == 'd')
			u->graph_other = !u->graph_other;
		else
			u->graph = false;
		return UI_REDRAW;
	}
	if (u->m.playing && key != ' ' && key != '+' && key != '=' && key != '-' &&
	    key != KEY_RESIZE && key != '?' && key != 'h')
		/* Moving by hand stops the replay, as in a media player. */
		model_play(&u->m, false);
	return act(u, action_of(key));
}
