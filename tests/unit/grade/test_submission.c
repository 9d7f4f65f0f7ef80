/*
 * test_submission.c - what the PATHs of `socklab grade` are: a program, a
 * .c file, a folder of sources, or a folder of submissions.
 */
#include <sys/stat.h>
#include <unistd.h>

#include "grade/grade.h"
#include "tests/unit/testutil.h"

static void make_dir(const char *dir, const char *name)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	cr_assert_eq(mkdir(path, 0755), 0, "mkdir %s", path);
}

/* Finds the submissions of one path; returns how many (into *subs). */
static int find(const char *dir, const char *name, struct submission **subs, char *err)
{
	char path[4200];
	char *paths[] = {path};

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return submissions_find(paths, 1, subs, err, 512);
}

Test(submission, a_c_file_is_one_submission_named_without_c)
{
	char *dir = temp_dir(), err[512];
	struct submission *subs;

	write_file(dir, "echo.c", "int main(void) { return 0; }\n");
	cr_assert_eq(find(dir, "echo.c", &subs, err), 1, "%s", err);
	cr_assert_str_eq(subs[0].name, "echo");
	cr_assert_eq(subs[0].kind, SUB_SOURCE);
	free(subs);
	rm_rf(dir);
}

Test(submission, a_folder_of_sources_is_one_submission_even_with_sub_folders)
{
	char *dir = temp_dir(), err[512];
	struct submission *subs;

	make_dir(dir, "alice");
	make_dir(dir, "alice/src");
	write_file(dir, "alice/Makefile", "all:\n");
	write_file(dir, "alice/src/server.c", "\n");
	cr_assert_eq(find(dir, "alice", &subs, err), 1, "%s", err);
	cr_assert_str_eq(subs[0].name, "alice");
	cr_assert_eq(subs[0].kind, SUB_FOLDER);
	free(subs);
	rm_rf(dir);
}

Test(submission, a_class_folder_gives_one_submission_per_entry_in_order)
{
	char *dir = temp_dir(), err[512];
	struct submission *subs;

	make_dir(dir, "class");
	make_dir(dir, "class/bob");
	make_dir(dir, "class/alice");
	make_dir(dir, "class/empty");
	make_dir(dir, "class/.git");
	write_file(dir, "class/bob/server.c", "\n");
	write_file(dir, "class/alice/Makefile", "all:\n");
	write_file(dir, "class/carol.c", "\n");
	write_file(dir, "class/README", "not a submission\n");
	cr_assert_eq(find(dir, "class", &subs, err), 4, "%s", err);
	cr_assert_str_eq(subs[0].name, "alice");
	cr_assert_str_eq(subs[1].name, "bob");
	cr_assert_str_eq(subs[2].name, "carol");
	cr_assert_eq(subs[2].kind, SUB_SOURCE);
	cr_assert_str_eq(subs[3].name, "empty", "an empty folder is a student's row too");
	free(subs);
	rm_rf(dir);
}

Test(submission, names_are_made_unique)
{
	char *dir = temp_dir(), err[512], a[4200], b[4200];
	char *paths[] = {a, b};
	struct submission *subs;

	make_dir(dir, "one");
	make_dir(dir, "two");
	write_file(dir, "one/echo.c", "\n");
	write_file(dir, "two/echo.c", "\n");
	snprintf(a, sizeof(a), "%s/one/echo.c", dir);
	snprintf(b, sizeof(b), "%s/two/echo.c", dir);
	cr_assert_eq(submissions_find(paths, 2, &subs, err, sizeof(err)), 2, "%s", err);
	cr_assert_str_eq(subs[0].name, "echo");
	cr_assert_str_eq(subs[1].name, "echo-2");
	free(subs);
	rm_rf(dir);
}

Test(submission, a_missing_path_is_an_error_in_words)
{
	char *dir = temp_dir(), err[512];
	struct submission *subs;

	cr_assert_eq(find(dir, "nope.c", &subs, err), -1);
	cr_assert(strstr(err, "nope.c: no such file or folder"), "%s", err);
	write_file(dir, "notes.txt", "\n");
	cr_assert_eq(find(dir, "notes.txt", &subs, err), -1);
	cr_assert(strstr(err, "not a program, a .c file or a folder"), "%s", err);
	rm_rf(dir);
}

/* Rows keep the names students gave, spaces and Korean letters included;
 * a link in the class folder that loops is a row that says so. */
Test(submission, names_keep_spaces_and_korean_letters_and_a_loop_is_a_row)
{
	char *dir = temp_dir(), err[512], link[4200];
	struct submission *subs;

	make_dir(dir, "class");
	make_dir(dir, "class/John Smith");
	make_dir(dir, "class/김철수");
	write_file(dir, "class/John Smith/server.c", "\n");
	write_file(dir, "class/김철수/server.c", "\n");
	snprintf(link, sizeof(link), "%s/class/loop", dir);
	cr_assert_eq(symlink("loop", link), 0);
	cr_assert_eq(find(dir, "class", &subs, err), 3, "%s", err);
	cr_assert_str_eq(subs[0].name, "John Smith");
	cr_assert_str_eq(subs[1].name, "loop");
	cr_assert_eq(subs[1].kind, SUB_BAD);
	cr_assert(strstr(subs[1].why, "leads back to itself (a loop)"), "%s", subs[1].why);
	cr_assert_str_eq(subs[2].name, "김철수");
	free(subs);
	rm_rf(dir);
}

/* A class folder's link that leads out of it (mallory.c -> a secret
 * elsewhere) is a row that says so, never a source to read; a link that
 * stays inside is graded as what it leads to. */
Test(submission, a_link_out_of_the_class_folder_is_a_row_and_one_inside_is_graded)
{
	char *dir = temp_dir(), *outside = temp_dir(), err[512], path[4200], target[4200],
	     want[8500];
	struct submission *subs;

	make_dir(dir, "class");
	make_dir(dir, "class/alice");
	write_file(dir, "class/alice/server.c", "\n");
	write_file(dir, "class/alice/keep.c", "\n");
	write_file(outside, "secret", "a secret\n");
	snprintf(target, sizeof(target), "%s/secret", outside);
	snprintf(path, sizeof(path), "%s/class/mallory.c", dir);
	cr_assert_eq(symlink(target, path), 0);
	snprintf(path, sizeof(path), "%s/class/bob.c", dir);
	cr_assert_eq(symlink("alice/keep.c", path), 0);
	cr_assert_eq(find(dir, "class", &subs, err), 3, "%s", err);
	cr_assert_str_eq(subs[0].name, "alice");
	cr_assert_str_eq(subs[1].name, "bob");
	cr_assert_eq(subs[1].kind, SUB_SOURCE, "a link inside is graded");
	cr_assert_str_eq(subs[2].name, "mallory");
	cr_assert_eq(subs[2].kind, SUB_BAD);
	snprintf(want, sizeof(want),
		 "mallory.c is a link to %s, outside the class folder: not read", target);
	cr_assert_str_eq(subs[2].why, want);
	free(subs);
	rm_rf(dir);
	rm_rf(outside);
}
