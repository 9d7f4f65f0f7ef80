/*
 * submission.c - what the PATHs on `socklab grade`'s command line hold.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/array.h"
#include "base/errmsg.h"
#include "grade.h"

struct found {
	struct submission *v;
	int n;
	size_t cap;
};

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n > m && strcmp(s + n - m, tail) == 0;
}

static bool is_makefile(const char *name)
{
	return strcmp(name, "Makefile") == 0 || strcmp(name, "makefile") == 0 ||
	       strcmp(name, "GNUmakefile") == 0;
}

/* True when dir holds, at its top, a file for which is(name) is true;
 * with folders, a folder for which it is true of one of its files. */
static bool holds(const char *dir, bool (*is)(const char *name), bool folders)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	bool yes = false;

	while (d && !yes && (de = readdir(d))) {
		char path[4096];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		/* A link decides nothing: it is not followed here. */
		if (de->d_name[0] == '.' || lstat(path, &st) < 0)
			continue;
		if (folders)
			yes = S_ISDIR(st.st_mode) && holds(path, is, false);
		else
			yes = S_ISREG(st.st_mode) && is(de->d_name);
	}
	if (d)
		closedir(d);
	return yes;
}

static bool is_source(const char *name)
{
	return ends_with(name, ".c") || is_makefile(name);
}

/* A folder of submissions: no Makefile at its top, and a sub-folder that
 * holds sources. Any other folder is one submission. */
static bool is_class_folder(const char *dir)
{
	return !holds(dir, is_makefile, false) && holds(dir, is_source, true);
}

/* What path is as a submission; -1 when it is none. A folder that is not
 * a folder of sources still counts (it may be a student's empty one). */
static int classify(const char *path, enum submission_kind *kind)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	if (S_ISDIR(st.st_mode))
		*kind = SUB_FOLDER;
	else if (S_ISREG(st.st_mode) && ends_with(path, ".c"))
		*kind = SUB_SOURCE;
	else if (S_ISREG(st.st_mode) && (st.st_mode & 0111))
		*kind = SUB_PROGRAM;
	else
		return -1;
	return 0;
}

/* The row name: the last part of the path, without ".c", as the student
 * named it (spaces and Korean letters kept: "김철수", "John Smith"), but
 * safe for a folder name and a line: no '/', no control character, no
 * leading '.'. */
static void name_of(const char *path, char *out, size_t cap)
{
	const char *base = strrchr(path, '/');
	size_t n;

	base = base && base[1] ? base + 1 : path;
	snprintf(out, cap, "%s", base);
	n = strlen(out);
	while (n > 1 && out[n - 1] == '/')
		out[--n] = '\0';
	if (ends_with(out, ".c"))
		out[n - 2] = '\0';
	for (unsigned char *p = (unsigned char *)out; *p; p++)
		if (*p == '/' || *p < 0x20 || *p == 0x7f ||
		    (p == (unsigned char *)out && *p == '.'))
			*p = '_';
	if (!out[0])
		snprintf(out, cap, "_");
}

/* A symbolic link in a class folder that leads nowhere: into a loop, or
 * to nothing. It is a student's entry that cannot be graded: its row says
 * why, rather than it vanishing from the class. */
static bool bad_link(const char *path, char *why, size_t cap)
{
	struct stat st;

	if (lstat(path, &st) < 0 || !S_ISLNK(st.st_mode) || stat(path, &st) == 0)
		return false;
	if (errno == ELOOP)
		snprintf(why, cap,
			 "a symbolic link that leads back to itself (a loop): nothing to "
			 "grade; hand in the files themselves");
	else
		snprintf(why, cap,
			 "a symbolic link to nothing (%s): nothing to grade; hand in the "
			 "files themselves",
			 strerror(errno));
	return true;
}

bool grade_path_inside(const char *real, const char *dir)
{
	size_t n = strlen(dir);

	if (n == 1 && dir[0] == '/')
		return true;
	return strncmp(real, dir, n) == 0 && (real[n] == '/' || real[n] == '\0');
}

/*
 * A symbolic link in the class folder (real path top) that leads out of
 * it (mallory.c -> /root/secret): a row that says so, and it is never
 * read -- socklab is root, and what the link leads to is not the
 * student's. A link that stays inside is graded as what it leads to.
 */
static bool link_leads_out(const char *path, const char *top, char *why, size_t cap)
{
	char target[1024], real[PATH_MAX];
	const char *name = strrchr(path, '/');
	struct stat st;
	ssize_t n;

	if (lstat(path, &st) < 0 || !S_ISLNK(st.st_mode) || !realpath(path, real) ||
	    grade_path_inside(real, top))
		return false;
	n = readlink(path, target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = '\0';
	snprintf(why, cap, "%.100s is a link to %.300s, outside the class folder: not read",
		 name ? name + 1 : path, target);
	return true;
}

static bool name_taken(const struct found *f, const char *name)
{
	for (int i = 0; i < f->n; i++)
		if (strcmp(f->v[i].name, name) == 0)
			return true;
	return false;
}

static int add(struct found *f, const char *path, enum submission_kind kind, const char *why)
{
	struct submission *s;
	char name[100];

	if (array_grow(&f->v, &f->cap, (size_t)f->n, sizeof(*f->v)) < 0)
		return -1;
	s = &f->v[f->n];
	name_of(path, name, sizeof(name));
	snprintf(s->name, sizeof(s->name), "%s", name);
	for (int k = 2; name_taken(f, s->name); k++)
		snprintf(s->name, sizeof(s->name), "%s-%d", name, k);
	snprintf(s->path, sizeof(s->path), "%s", path);
	s->kind = kind;
	snprintf(s->why, sizeof(s->why), "%s", why ? why : "");
	f->n++;
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

/* A folder of submissions: each entry that is a submission. */
static int add_class(struct found *f, const char *dir, char *err, size_t errlen)
{
	struct dirent **names;
	char top[PATH_MAX];
	int n = scandir(dir, &names, NULL, by_name), before = f->n, ret = 0;

	if (n < 0 || !realpath(dir, top))
		return errmsg(err, errlen, "cannot read %s: %s", dir, strerror(errno));
	for (int i = 0; i < n; i++) {
		char path[4096], why[512];
		enum submission_kind kind;

		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (ret == 0 && names[i]->d_name[0] != '.' &&
		    link_leads_out(path, top, why, sizeof(why)))
			ret = add(f, path, SUB_BAD, why);
		else if (ret == 0 && names[i]->d_name[0] != '.' && classify(path, &kind) == 0)
			ret = add(f, path, kind, NULL);
		else if (ret == 0 && names[i]->d_name[0] != '.' && bad_link(path, why, sizeof(why)))
			ret = add(f, path, SUB_BAD, why);
		free(names[i]);
	}
	free(names);
	if (ret == 0 && f->n == before)
		return errmsg(err, errlen,
			      "%s holds no submission: no .c file, Makefile, program "
			      "or folder in it",
			      dir);
	return ret;
}

int submissions_find(char *const paths[], int npaths, struct submission **out, char *err,
		     size_t errlen)
{
	struct found f = {0};

	for (int i = 0; i < npaths; i++) {
		enum submission_kind kind;
		int ret;

		char why[256];

		if (classify(paths[i], &kind) < 0) {
			errmsg(err, errlen, "%s: %s", paths[i],
			       bad_link(paths[i], why, sizeof(why)) ? why
			       : access(paths[i], F_OK) < 0
				       ? "no such file or folder"
				       : "not a program, a .c file or a folder");
			goto out_free;
		}
		if (kind == SUB_FOLDER && is_class_folder(paths[i]))
			ret = add_class(&f, paths[i], err, errlen);
		else
			ret = add(&f, paths[i], kind, NULL);
		if (ret < 0)
			goto out_free;
	}
	*out = f.v;
	return f.n;

out_free:
	free(f.v);
	return -1;
}
