/*
 * build.c - a submission copied into a folder of its own and built there,
 * as the sandbox's user, inside the sandbox: a student's Makefile is a
 * program too, and may do anything a program does.
 *
 * The build's output (the compiler's warnings and errors) is kept for the
 * report: a submission that does not build gets its own row with them.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/errmsg.h"
#include "base/text.h"
#include "grade.h"
#include "wire/progcheck.h"

#define BUILD_MS	 120000 /* make or cc, on a loaded machine */
#define BUILD_OUTPUT_MAX 65536	/* bytes of compiler output kept */
#define COPY_FILE_MAX	 (16L << 20)
#define COPY_DEPTH	 4
#define STOPPED		 "the build was stopped: it ran longer than 120 s"

/* ---- copying -------------------------------------------------------------- */

/*
 * Everything here runs as root, before any of the submission's code, and
 * writes only through descriptors: of the work folder (made by the
 * sandbox, a tmpfs of its own) and of what is made in it, each opened
 * without following a link (O_NOFOLLOW) and new (O_EXCL). What is read is
 * opened the same way, or, for a link that stays inside the submission's
 * folder, by the real path it leads to.
 */

/* What a copy left out, in lines for the build's output. */
struct left_out {
	char text[1024];
	size_t len;
};

static void leave_out(struct left_out *lo, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void leave_out(struct left_out *lo, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (lo->len >= sizeof(lo->text) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(lo->text + lo->len, sizeof(lo->text) - lo->len, fmt, ap);
	va_end(ap);
	lo->len = n < 0 ? lo->len : lo->len + (size_t)n;
	if (lo->len >= sizeof(lo->text))
		lo->len = sizeof(lo->text) - 1;
}

/* What a copy works with: the sandbox's user, who gets what is made, and
 * the submission's folder (its real path), which no link may leave. */
struct copy {
	uid_t uid;
	gid_t gid;
	bool give;   /* hand what is made to uid:gid */
	int disk_mb; /* the work folder's size */
	char top[4096];
	struct left_out *lo;
};

/* Copies the open file in into a new file name in the folder dir_fd.
 * Returns 0, 1 when the work folder is full (nothing of it kept), or -1. */
static int copy_fd(int in, int dir_fd, const char *name, mode_t mode, const struct copy *c)
{
	char buf[65536];
	int out = openat(dir_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
			 mode & 0755);
	ssize_t n;
	int ret = -1;

	if (out < 0)
		return -1;
	if (c->give && fchown(out, c->uid, c->gid) < 0)
		goto out_close;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			break;
	ret = n == 0 ? 0 : errno == ENOSPC ? 1 : -1;
out_close:
	close(out);
	if (ret != 0)
		unlinkat(dir_fd, name, 0);
	return ret;
}

/* Opens what a link in the folder from leads to, when it is inside c->top
 * (its real path under it): O_NOFOLLOW on the real path. -1 with errno
 * EXDEV when it leads out, and its target in target. */
static int open_link(const char *from, const char *name, const struct copy *c, char *target,
		     size_t cap, int flags)
{
	char path[4096], real[PATH_MAX];
	ssize_t n;

	snprintf(path, sizeof(path), "%s/%s", from, name);
	n = readlink(path, target, cap - 1);
	target[n > 0 ? n : 0] = '\0';
	if (!realpath(path, real))
		return -1;
	if (!grade_path_inside(real, c->top)) {
		errno = EXDEV;
		return -1;
	}
	return open(real, flags | O_NOFOLLOW | O_CLOEXEC);
}

static int copy_tree(const char *from, int from_fd, int to_fd, int depth, const struct copy *c);

/* One entry of the folder from (from_fd) into the folder to_fd. */
static int copy_entry(const char *from, int from_fd, int to_fd, const char *name, int depth,
		      const struct copy *c)
{
	char target[4096] = "", sub[4096];
	struct stat st;
	int in, ret = 0;

	if (fstatat(from_fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return 0;
	if (S_ISLNK(st.st_mode)) {
		in = open_link(from, name, c, target, sizeof(target), O_RDONLY | O_NONBLOCK);
		if (in < 0 && errno == EXDEV) {
			leave_out(c->lo,
				  "socklab left out %s: a link to %s, outside the submission's "
				  "folder: not read\n",
				  name, target);
			return 0;
		}
	} else {
		in = openat(from_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	}
	if (in < 0 || fstat(in, &st) < 0) {
		if (in >= 0)
			close(in);
		leave_out(c->lo, "socklab left out %s: it cannot be read (%s)\n", name,
			  strerror(errno));
		return 0;
	}
	snprintf(sub, sizeof(sub), "%s/%s", from, name);
	if (S_ISDIR(st.st_mode) && depth > 0)
		ret = copy_tree(sub, in, to_fd, depth - 1, c) < 0 ? -1 : 0;
	else if (S_ISREG(st.st_mode) && st.st_size <= COPY_FILE_MAX &&
		 (ret = copy_fd(in, to_fd, name, st.st_mode, c)) == 1)
		leave_out(c->lo, "socklab left out %s: the %d MiB work folder is full\n", name,
			  c->disk_mb);
	else if (S_ISREG(st.st_mode) && st.st_size > COPY_FILE_MAX)
		leave_out(c->lo,
			  "socklab left out %s (%.1f MiB): files over %ld MiB are not "
			  "copied\n",
			  name, (double)st.st_size / (1 << 20), COPY_FILE_MAX >> 20);
	else if (S_ISDIR(st.st_mode))
		leave_out(c->lo,
			  "socklab left out %s: folders deeper than %d levels are not copied\n",
			  name, COPY_DEPTH);
	else if (!S_ISREG(st.st_mode))
		leave_out(c->lo,
			  "socklab left out %s: not a file or a folder (only files and folders "
			  "are copied)\n",
			  name);
	close(in);
	return ret < 0 ? -1 : 0;
}

/* Copies the folder from (open as from_fd, which this closes) into a new
 * folder of the same name as from's last part in to_fd -- or, at the top
 * (to_fd the work folder itself, depth COPY_DEPTH), into to_fd. */
static int copy_tree(const char *from, int from_fd, int to_fd, int depth, const struct copy *c)
{
	const char *base = strrchr(from, '/');
	DIR *d = fdopendir(from_fd);
	struct dirent *de;
	int into = to_fd, ret = 0;

	if (!d) {
		close(from_fd);
		return -1;
	}
	if (depth < COPY_DEPTH) {
		base = base ? base + 1 : from;
		if (mkdirat(to_fd, base, 0755) < 0 ||
		    (into = openat(to_fd, base, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)) <
			    0 ||
		    (c->give && fchown(into, c->uid, c->gid) < 0))
			ret = -1;
	}
	while (ret == 0 && (de = readdir(d)))
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0)
			ret = copy_entry(from, dirfd(d), into, de->d_name, depth, c);
	if (into != to_fd && into >= 0)
		close(into);
	closedir(d);
	return ret;
}

/* The submission, copied into the work folder (o->workdir_fd). Returns 0,
 * 1 when it is too big to take (said in lo), or -1. */
static int copy_submission(const struct submission *sub, const struct grade_options *o,
			   struct left_out *lo)
{
	struct copy c = {.uid = o->sb->uid,
			 .gid = o->sb->gid,
			 .give = o->sb->isolated,
			 .disk_mb = o->sb->lim.disk_mb,
			 .lo = lo};
	const char *base = strrchr(sub->path, '/');
	struct stat st;
	int in, ret;

	base = base ? base + 1 : sub->path;
	if (!realpath(sub->path, c.top))
		return -1;
	in = open(c.top, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (in < 0 || fstat(in, &st) < 0) {
		if (in >= 0)
			close(in);
		return -1;
	}
	if (sub->kind == SUB_FOLDER)
		return copy_tree(c.top, in, o->workdir_fd, COPY_DEPTH, &c);
	if (st.st_size > COPY_FILE_MAX) {
		leave_out(lo, "%s is %.1f MiB: too big for a %s (more than %ld MiB)\n", base,
			  (double)st.st_size / (1 << 20),
			  sub->kind == SUB_PROGRAM ? "program" : "source", COPY_FILE_MAX >> 20);
		close(in);
		return 1;
	}
	ret = copy_fd(in, o->workdir_fd, base, sub->kind == SUB_PROGRAM ? 0755 : 0644, &c);
	if (ret == 1)
		leave_out(lo, "%s does not fit in the %d MiB work folder\n", base, c.disk_mb);
	close(in);
	return ret;
}

/* ---- what to run ------------------------------------------------------- */

static bool has_file(const char *dir, const char *name)
{
	char path[4096];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

static bool has_makefile(const char *dir)
{
	return has_file(dir, "Makefile") || has_file(dir, "makefile") ||
	       has_file(dir, "GNUmakefile");
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int is_c_file(const struct dirent *de)
{
	size_t n = strlen(de->d_name);

	return n > 2 && strcmp(de->d_name + n - 2, ".c") == 0 && de->d_name[0] != '.';
}

/*
 * argv for `cc -Wall -g -o NAME FILES...`: every .c file of the folder, or
 * only PROG.c when --prog names one. The program is named after its one
 * source, or after the submission. Returns the number of sources (0: none).
 */
static int cc_argv(const struct submission *sub, const struct grade_options *o, char **argv,
		   int max, char *name, size_t namecap)
{
	static const char *const cc[] = {"cc", "-Wall", "-g", "-o"};
	struct dirent **files;
	int n = scandir(o->workdir, &files, is_c_file, by_name), k = 0, nsrc = 0;
	char only[300] = "";

	if (o->prog)
		snprintf(only, sizeof(only), "%s.c", o->prog);
	for (int i = 0; i < n; i++)
		if (!only[0] || strcmp(files[i]->d_name, only) == 0)
			if (nsrc++ == 0)
				snprintf(name, namecap, "%.*s", (int)strlen(files[i]->d_name) - 2,
					 files[i]->d_name);
	if (nsrc != 1)
		snprintf(name, namecap, "%s", sub->name);
	for (size_t i = 0; i < sizeof(cc) / sizeof(cc[0]); i++)
		argv[k++] = strdup(cc[i]);
	argv[k++] = strdup(name);
	for (int i = 0; i < n; i++) {
		if (k < max - 1 && (!only[0] || strcmp(files[i]->d_name, only) == 0))
			argv[k++] = strdup(files[i]->d_name);
		free(files[i]);
	}
	if (n >= 0)
		free(files);
	argv[k] = NULL;
	return nsrc;
}

static void argv_free(char **argv)
{
	for (int i = 0; argv[i]; i++)
		free(argv[i]);
}

/* ---- running the build --------------------------------------------------- */

/* Reads fd until end of file or the deadline, keeping BUILD_OUTPUT_MAX
 * bytes, as text: text_utf8's (a compiler's echo of a CP949 source line
 * transcoded, any other byte that is not UTF-8 \xNN, a NUL \x00), so that
 * nothing is lost on the way to JSON and first_error() reads it. */
static char *read_output(int fd, int64_t deadline, bool *timed_out)
{
	char *raw = malloc(BUILD_OUTPUT_MAX), *out, buf[4096];
	size_t len = 0;

	*timed_out = false;
	for (;;) {
		struct pollfd p = {.fd = fd, .events = POLLIN};
		int64_t left = deadline - mono_ms();
		ssize_t n;

		if (left <= 0 || poll(&p, 1, (int)left) == 0) {
			*timed_out = true;
			break;
		}
		n = read(fd, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (raw && len < BUILD_OUTPUT_MAX) {
			size_t keep = (size_t)n < BUILD_OUTPUT_MAX - len ? (size_t)n
									 : BUILD_OUTPUT_MAX - len;
			memcpy(raw + len, buf, keep);
			len += keep;
		}
	}
	out = raw ? text_utf8(raw, len) : NULL;
	free(raw);
	return out;
}

/* Runs argv (argv[0] looked up in PATH) in the sandbox, in the work
 * folder; its output goes to b->output. Returns its wait status, or -1
 * (errno). *timed_out: it was stopped after BUILD_MS. */
static int run_build(const struct grade_options *o, char **argv, struct build_result *b,
		     bool *timed_out)
{
	char path[4096], *args0 = argv[0];
	struct sandbox_env env;
	int fds[2], status = -1;
	pid_t pid;

	if (!prog_find(argv[0], path, sizeof(path)) || pipe2(fds, O_CLOEXEC) < 0)
		return -1;
	/* Plain: the compiler's messages in English, no colours; nothing of
	 * socklab's own environment. */
	sandbox_env(o->sb, "C", &env);
	argv[0] = path;
	pid = sandbox_spawn(o->sb, argv, env.envp, o->workdir, fds[1]);
	argv[0] = args0;
	close(fds[1]);
	if (pid < 0) {
		close(fds[0]);
		return -1;
	}
	b->output = read_output(fds[0], mono_ms() + BUILD_MS, timed_out);
	close(fds[0]);
	if (*timed_out) {
		kill(-pid, SIGKILL);
		sandbox_kill(o->sb, 2000);
	}
	waitpid(pid, &status, 0);
	/* What the build left behind (make's children) is ours to reap. */
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
	return status;
}

/* ---- finding the program a Makefile built ------------------------------ */

struct candidates {
	char names[8][256];
	int n;
};

/* The executable files at the top of the work folder that are newer than
 * since: the student's build made them, so a link is none (not followed). */
static void find_programs(int dir_fd, time_t since, struct candidates *c)
{
	int fd = dup(dir_fd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;

	c->n = 0;
	if (d)
		rewinddir(d);
	while (d && (de = readdir(d)) && c->n < 8) {
		struct stat st;

		if (de->d_name[0] != '.' &&
		    fstatat(dir_fd, de->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
		    S_ISREG(st.st_mode) && (st.st_mode & 0111) && st.st_mtime >= since)
			snprintf(c->names[c->n++], sizeof(c->names[0]), "%s", de->d_name);
	}
	if (d)
		closedir(d);
	else if (fd >= 0)
		close(fd);
}

/* Picks the program among what make built: --prog, the only one, or the
 * only one whose name holds the assignment's hint ("server"). */
static const char *pick_program(const struct grade_options *o, const struct candidates *c,
				char *why, size_t whylen)
{
	const char *pick = NULL;
	int hinted = 0;

	for (int i = 0; i < c->n; i++) {
		if (o->prog && strcmp(c->names[i], o->prog) == 0)
			return c->names[i];
		if (o->a->prog_hint && strstr(c->names[i], o->a->prog_hint) && ++hinted)
			pick = c->names[i];
	}
	if (o->prog)
		errmsg(why, whylen, "make built no program named %s", o->prog);
	else if (c->n == 0)
		errmsg(why, whylen,
		       "make built no program (no new executable file in the "
		       "submission's folder)");
	else if (c->n == 1)
		return c->names[0];
	else if (hinted == 1)
		return pick;
	else
		errmsg(why, whylen,
		       "make built %d programs (%.60s, %.60s%s): say which one to grade "
		       "with --prog NAME",
		       c->n, c->names[0], c->names[1], c->n > 2 ? ", ..." : "");
	return NULL;
}

/* ---- building ---------------------------------------------------------------- */

/* The compiler's first error, in one line, into b->error; when it is an
 * #include of a file outside the submission's folder (the sandbox builds
 * with its own files only), what that means. */
static void first_error(struct build_result *b)
{
	const char *out = b->output ? b->output : "", *e = strstr(out, "error");
	const char *line, *inc;
	size_t len;

	if (!e)
		return;
	for (line = e; line > out && line[-1] != '\n'; line--)
		;
	len = strcspn(line, "\n");
	inc = strstr(line, "fatal error: ");
	if (inc && inc - line < (long)len && (inc[13] == '/' || strncmp(inc + 13, "../", 3) == 0) &&
	    strstr(inc, "No such file") && strstr(inc, "No such file") - line < (long)len)
		snprintf(b->error, sizeof(b->error),
			 "it #includes %.*s, outside its folder: the sandbox builds each "
			 "submission with its own files only; hand in every file it needs",
			 (int)strcspn(inc + 13, ":"), inc + 13);
	else
		snprintf(b->error, sizeof(b->error), "%.*s", (int)text_cut(line, len, 300), line);
}

static void build_failed(struct build_result *b, int status, const char *why)
{
	size_t len = b->output ? strlen(b->output) : 0;
	char *more, how[400];

	b->ok = false;
	if (why) {
		snprintf(how, sizeof(how), "%s", why);
	} else {
		snprintf(how, sizeof(how), "the build failed: %.*s %s %d",
			 (int)strcspn(b->command, " "), b->command,
			 WIFSIGNALED(status) ? "was killed by signal" : "exited with status",
			 WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		first_error(b);
	}
	if (!b->error[0])
		snprintf(b->error, sizeof(b->error), "%s", how);
	more = realloc(b->output, len + strlen(how) + 3);
	if (!more)
		return;
	b->output = more;
	snprintf(more + len, strlen(how) + 3, "%s%s\n", len && more[len - 1] != '\n' ? "\n" : "",
		 how);
}

/* The lines a copy left out go first in the build's output. */
static void prepend(struct build_result *b, const char *text)
{
	char *both;

	if (!*text || asprintf(&both, "%s%s", text, b->output ? b->output : "") < 0)
		return;
	free(b->output);
	b->output = both;
}

static int build_with_make(const struct grade_options *o, struct build_result *b)
{
	char *argv[] = {"make", NULL}, why[300];
	time_t start = time(NULL) - 1;
	struct candidates c;
	const char *prog;
	int status;

	bool timed_out;

	snprintf(b->command, sizeof(b->command), "make");
	if ((status = run_build(o, argv, b, &timed_out)) < 0)
		return -1;
	if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		build_failed(b, status, timed_out ? STOPPED : NULL);
		return 0;
	}
	find_programs(o->workdir_fd, start, &c);
	if (!(prog = pick_program(o, &c, why, sizeof(why)))) {
		build_failed(b, status, why);
		return 0;
	}
	snprintf(b->program, sizeof(b->program), "%s/%s", o->workdir, prog);
	b->ok = true;
	return 0;
}

static int build_with_cc(const struct submission *sub, const struct grade_options *o,
			 struct build_result *b)
{
	char *argv[64] = {0}, name[256];
	int nsrc = cc_argv(sub, o, argv, 64, name, sizeof(name)), status, len = 0;
	bool timed_out;

	for (int i = 0; nsrc && argv[i] && len < (int)sizeof(b->command) - 1; i++)
		len += snprintf(b->command + len, sizeof(b->command) - (size_t)len, "%s%s",
				i ? " " : "", argv[i]);
	if (nsrc == 0) {
		argv_free(argv);
		b->output = strdup("");
		build_failed(b, 0,
			     o->prog ? "there is no such source file (--prog NAME: NAME.c)"
				     : "there is no .c file and no Makefile in it");
		return 0;
	}
	status = run_build(o, argv, b, &timed_out);
	argv_free(argv);
	if (status < 0)
		return -1;
	snprintf(b->program, sizeof(b->program), "%s/%s", o->workdir, name);
	if (timed_out || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		build_failed(b, status, timed_out ? STOPPED : NULL);
	else
		b->ok = true;
	return 0;
}

/* A program handed in as it is: graded if it can run and be traced here. */
static void take_program(const struct submission *sub, const struct grade_options *o,
			 struct build_result *b)
{
	const char *base = strrchr(sub->path, '/'), *why;

	snprintf(b->program, sizeof(b->program), "%.3800s/%.200s", o->workdir,
		 base ? base + 1 : sub->path);
	b->output = strdup("");
	if ((why = prog_untraceable(b->program)))
		build_failed(b, 0, why);
	else
		b->ok = true;
}

/* What the build said is text from here on (the names of a student's
 * files are in it): its output valid UTF-8, its error one line a terminal
 * shows as it is. */
static void build_as_text(struct build_result *b)
{
	char *text = b->output ? text_utf8(b->output, strlen(b->output)) : NULL;
	size_t len;

	if (text) {
		free(b->output);
		b->output = text;
	}
	if (!(text = text_shown(b->error, strlen(b->error), 0)))
		return;
	len = strlen(text);
	snprintf(b->error, sizeof(b->error), "%.*s", (int)text_cut(text, len, sizeof(b->error) - 1),
		 text);
	free(text);
}

int build_submission(const struct submission *sub, const struct grade_options *o,
		     struct build_result *b, char *err, size_t errlen)
{
	struct left_out lo = {.len = 0};
	int ret;

	memset(b, 0, sizeof(*b));
	if (sub->kind == SUB_BAD) {
		b->output = strdup("");
		build_failed(b, 0, sub->why);
		return 0;
	}
	if ((ret = copy_submission(sub, o, &lo)) < 0)
		return errmsg(err, errlen, "cannot copy %s into %s: %s", sub->path, o->workdir,
			      strerror(errno));
	if (ret > 0) { /* too big to take */
		b->output = strdup("");
		build_failed(b, 0, lo.text);
		b->error[strcspn(b->error, "\n")] = '\0';
		build_as_text(b);
		return 0;
	}
	if (sub->kind == SUB_PROGRAM)
		take_program(sub, o, b);
	else if ((ret = has_makefile(o->workdir) ? build_with_make(o, b)
						 : build_with_cc(sub, o, b)) < 0)
		errmsg(err, errlen, "cannot run the build of %s: %s", sub->path, strerror(errno));
	if (!b->output)
		b->output = strdup("");
	prepend(b, lo.text);
	build_as_text(b);
	return ret;
}
