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
#include "grade.h"
#include "wire/progcheck.h"

#define BUILD_MS	 120000 /* make or cc, on a loaded machine */
#define BUILD_OUTPUT_MAX 65536	/* bytes of compiler output kept */
#define COPY_FILE_MAX	 (16L << 20)
#define COPY_DEPTH	 4
#define STOPPED		 "the build was stopped: it ran longer than 120 s"

/* ---- copying -------------------------------------------------------------- */

static int copy_file(const char *from, const char *to, mode_t mode)
{
	char buf[65536];
	int in = open(from, O_RDONLY | O_CLOEXEC), out = -1, ret = -1;
	ssize_t n;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode & 0755);
	if (out < 0)
		goto out_close;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			goto out_close;
	ret = n == 0 ? 0 : -1;
out_close:
	if (out >= 0)
		close(out);
	close(in);
	return ret;
}

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

/* Copies the folder from into to: folders and regular files only (no
 * links, nothing bigger than COPY_FILE_MAX), depth levels down; what it
 * leaves out is said in lo. */
static int copy_tree(const char *from, const char *to, int depth, struct left_out *lo)
{
	DIR *d = opendir(from);
	struct dirent *de;
	int ret = 0;

	if (!d || (mkdir(to, 0755) < 0 && errno != EEXIST)) {
		if (d)
			closedir(d);
		return -1;
	}
	while (ret == 0 && (de = readdir(d))) {
		char src[4096], dst[4096];
		struct stat st;

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(src, sizeof(src), "%s/%s", from, de->d_name);
		snprintf(dst, sizeof(dst), "%s/%s", to, de->d_name);
		if (lstat(src, &st) < 0)
			continue;
		if (S_ISDIR(st.st_mode) && depth > 0)
			ret = copy_tree(src, dst, depth - 1, lo);
		else if (S_ISREG(st.st_mode) && st.st_size <= COPY_FILE_MAX)
			ret = copy_file(src, dst, st.st_mode);
		else if (S_ISREG(st.st_mode))
			leave_out(lo,
				  "socklab left out %s (%.1f MiB): files over %ld MiB are not "
				  "copied\n",
				  de->d_name, (double)st.st_size / (1 << 20), COPY_FILE_MAX >> 20);
		else if (S_ISLNK(st.st_mode))
			leave_out(lo,
				  "socklab left out %s: a symbolic link (only files and folders "
				  "are copied)\n",
				  de->d_name);
		else if (S_ISDIR(st.st_mode))
			leave_out(lo,
				  "socklab left out %s: folders deeper than %d levels are not "
				  "copied\n",
				  de->d_name, COPY_DEPTH);
	}
	closedir(d);
	return ret;
}

/* Gives the folder and all in it to the sandbox's user. */
static int chown_tree(const char *dir, uid_t uid, gid_t gid)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int ret = lchown(dir, uid, gid);

	while (ret == 0 && d && (de = readdir(d))) {
		char path[4096];

		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		ret = de->d_type == DT_DIR ? chown_tree(path, uid, gid) : lchown(path, uid, gid);
	}
	if (d)
		closedir(d);
	return ret;
}

/* The submission, copied into o->workdir. */
static int copy_submission(const struct submission *sub, const struct grade_options *o,
			   struct left_out *lo)
{
	char to[4096];
	const char *base = strrchr(sub->path, '/');
	struct stat st;
	int ret;

	base = base ? base + 1 : sub->path;
	if (sub->kind != SUB_FOLDER && stat(sub->path, &st) == 0 && st.st_size > COPY_FILE_MAX) {
		leave_out(lo, "%s is %.1f MiB: too big for a %s (more than %ld MiB)\n", base,
			  (double)st.st_size / (1 << 20),
			  sub->kind == SUB_PROGRAM ? "program" : "source", COPY_FILE_MAX >> 20);
		return mkdir(o->workdir, 0755) < 0 && errno != EEXIST ? -1 : 1;
	}
	if (sub->kind == SUB_FOLDER) {
		ret = copy_tree(sub->path, o->workdir, COPY_DEPTH, lo);
	} else {
		ret = mkdir(o->workdir, 0755) < 0 && errno != EEXIST ? -1 : 0;
		if (snprintf(to, sizeof(to), "%s/%s", o->workdir, base) >= (int)sizeof(to))
			ret = -1;
		if (ret == 0)
			ret = copy_file(sub->path, to, sub->kind == SUB_PROGRAM ? 0755 : 0644);
	}
	if (ret == 0 && o->sb->isolated)
		ret = chown_tree(o->workdir, o->sb->uid, o->sb->gid);
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

/* Reads fd until end of file or the deadline, keeping BUILD_OUTPUT_MAX. */
static char *read_output(int fd, int64_t deadline, bool *timed_out)
{
	char *out = calloc(1, BUILD_OUTPUT_MAX + 1), buf[4096];
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
		if (out && len < BUILD_OUTPUT_MAX) {
			size_t keep = (size_t)n < BUILD_OUTPUT_MAX - len ? (size_t)n
									 : BUILD_OUTPUT_MAX - len;
			memcpy(out + len, buf, keep);
			len += keep;
		}
	}
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

/* The executable files at the top of dir that are newer than since. */
static void find_programs(const char *dir, time_t since, struct candidates *c)
{
	DIR *d = opendir(dir);
	struct dirent *de;

	c->n = 0;
	while (d && (de = readdir(d)) && c->n < 8) {
		char path[4096];
		struct stat st;

		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (de->d_name[0] != '.' && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
		    (st.st_mode & 0111) && st.st_mtime >= since)
			snprintf(c->names[c->n++], sizeof(c->names[0]), "%s", de->d_name);
	}
	if (d)
		closedir(d);
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
		snprintf(b->error, sizeof(b->error), "%.*s", (int)(len < 300 ? len : 300), line);
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
	find_programs(o->workdir, start, &c);
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
	return ret;
}
