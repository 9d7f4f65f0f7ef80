/*
 * test_lab.c - what a lab declares: its hint, its options by name (a name
 * it does not have is a bug that stops socklab, not a quiet "no"), and
 * the declarations socklab refuses to run (too many options, one twice, a
 * fix for an option that is not there).
 */
#include <signal.h>

#include "lab/lab.h"
#include "tests/unit/testutil.h"

static const struct lab_option nine[] = {
	{"a", "a", NULL}, {"b", "b", NULL}, {"c", "c", NULL}, {"d", "d", NULL}, {"e", "e", NULL},
	{"f", "f", NULL}, {"g", "g", NULL}, {"h", "h", NULL}, {"i", "i", NULL}, {NULL},
};

Test(lab, every_lab_socklab_has_is_declared_as_it_can_run_it)
{
	char err[256];

	for (size_t i = 0; socklab_labs[i]; i++)
		cr_assert_eq(lab_declared(socklab_labs[i], err, sizeof(err)), 0, "%s", err);
}

Test(lab, a_lab_with_more_options_than_a_run_holds_is_refused)
{
	const struct lab l = {.number = 99, .name = "many", .options = nine};
	char err[256];

	cr_assert_eq(LAB_MAX_OPTIONS, 8, "nine is one too many only while a run holds eight");
	cr_assert_eq(lab_declared(&l, err, sizeof(err)), -1);
	cr_assert(strstr(err, "lab 99 (many) declares 9 options"), "%s", err);
}

Test(lab, an_option_twice_or_a_fix_of_an_option_not_there_is_refused)
{
	static const struct lab_option twice[] = {{"chat", "one", NULL},
						  {"chat", "two", NULL},
						  {NULL}};
	static const struct lab_option one[] = {{"chat", "one", NULL}, {NULL}};
	static const struct lab_option_fix fixes[] = {{"caht", NULL, "no fix"}, {NULL}};
	const struct lab dup = {.number = 98, .name = "dup", .options = twice};
	const struct lab typo = {.number = 97,
				 .name = "typo",
				 .options = one,
				 .option_fixes = fixes};
	char err[256];

	cr_assert_eq(lab_declared(&dup, err, sizeof(err)), -1);
	cr_assert(strstr(err, "--chat twice"), "%s", err);
	cr_assert_eq(lab_declared(&typo, err, sizeof(err)), -1);
	cr_assert(strstr(err, "--caht"), "%s", err);
}

Test(lab, an_option_is_read_by_its_name)
{
	const struct lab *zombies = lab_find("zombies");
	struct lab_run r = {.lab = zombies};
	int k;

	cr_assert_not_null(zombies);
	k = lab_option_index(zombies, "one-wait");
	cr_assert_geq(k, 0);
	cr_assert_not(lab_option(&r, "one-wait"));
	r.options[k] = true;
	cr_assert(lab_option(&r, "one-wait"));
	cr_assert_not(lab_option(NULL, "one-wait"), "no run: no option given");
}

/* Today's typo would read as "not given" and the lab would check the
 * wrong run; it stops socklab instead, saying which name. */
Test(lab, an_option_name_the_lab_does_not_have_aborts, .signal = SIGABRT)
{
	struct lab_run r = {.lab = lab_find("zombies")};

	cr_assert_not_null(r.lab);
	lab_option(&r, "one-wiat");
}

Test(lab, a_labs_hint_is_its_number_and_name)
{
	char buf[64];

	cr_assert_str_eq(lab_hint(lab_find("01"), buf, sizeof(buf)), "lab 1 (handshake)");
}
