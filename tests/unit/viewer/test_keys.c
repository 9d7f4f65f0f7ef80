/*
 * test_keys.c - the help screen is made from the keymap: every bound key
 * is shown, by its name, beside what it does.
 */
#include <criterion/criterion.h>
#include <string.h>

#include "viewer/ui.h"

/* The help row whose words contain what, or NULL. */
static const struct key_help *row_for(const char *what)
{
	for (const struct key_help *h = ui_key_help(); h->keys; h++)
		if (strstr(h->what, what))
			return h;
	return NULL;
}

Test(keys, every_bound_key_has_a_row_in_the_help)
{
	cr_assert_eq(ui_keys_not_shown(), 0, "%d bound keys are not in the help",
		     ui_keys_not_shown());
}

Test(keys, the_second_keys_of_an_action_are_shown_beside_the_first)
{
	struct {
		const char *what, *keys;
	} want[] = {
		{"quit", "q Q"},
		{"this help", "? h"},
		{"the first / the last event", "Home End G"},
		{"the time-sequence graph", "g"},
		{"play faster / slower", "+ = -"},
		{"next / previous pane", "Tab Shift-Tab"},
		{"repaint", "Ctrl-L"},
		{"focus the ladder", "Enter"},
	};

	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const struct key_help *h = row_for(want[i].what);
		cr_assert(h, "no help row for \"%s\"", want[i].what);
		cr_expect_str_eq(h->keys, want[i].keys, "the keys of \"%s\"", want[i].what);
	}
}
