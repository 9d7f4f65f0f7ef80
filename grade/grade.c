/*
 * grade.c - one submission from its files to its checks.
 *
 *   build     copy it into a folder of its own and build it (build.c)
 *   run       the assignment's scenario, traced into one session, with the
 *             student's program in the sandbox (run.c, the assignment)
 *   end       kill all that is left in the sandbox, end the session
 *   check     the assignment's checks over the session, and the crashes
 *             of the student's processes as problems of the run
 *             (runnotes.c)
 *
 * Nothing here prints: the result is a struct grade_result, and
 * grade_result_json() its JSON form.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/errmsg.h"
#include "base/text.h"
#include "grade.h"
#include "host/paths.h"
#include "kview.h"

/* Each defined in grade/NAME.c. */
extern const struct assignment assignment_echo_fork, assignment_echo_client, assignment_udp_echo,
	assignment_file_transfer, assignment_echo_select, assignment_chat;

const struct assignment *const grade_assignments[] = {
	&assignment_echo_fork,
	&assignment_echo_client,
	&assignment_udp_echo,
	&assignment_file_transfer,
	&assignment_echo_select,
	&assignment_chat,
	NULL,
};

const struct assignment *assignment_find(const char *name)
{
	for (int i = 0; grade_assignments[i]; i++)
		if (strcmp(grade_assignments[i]->name, name) == 0)
			return grade_assignments[i];
	return NULL;
}

static int count_checks(const struct assignment *a)
{
	int n = 0;

	while (a->checks[n].name && n < GRADE_MAX_CHECKS)
		n++;
	return n;
}

void grade_not_checked(struct grade_result *res, const struct assignment *a, const char *why)
{
	if (!res->max) {
		memset(res, 0, sizeof(*res));
		res->max = count_checks(a);
	}
	res->nchecks = res->max;
	for (int i = 0; i < res->nchecks; i++) {
		memset(&res->checks[i], 0, sizeof(res->checks[i]));
		check_skip(&res->checks[i], "not checked: %s", why);
	}
	res->score = res->checked = 0;
}

/* ---- transcripts ------------------------------------------------------------- */

/* The role of the program pid (or of the one it descends from). */
static const char *role_of(const struct check_ctx *c, pid_t pid)
{
	for (int i = 0; c->facts && i < c->facts->nprocs; i++)
		if (check_in_tree(c, pid, c->facts->procs[i].pid))
			return c->facts->procs[i].role;
	return "program";
}

/* Whether a line some program printed is worth a transcript line: the
 * grader's own programs say what they saw; a student's program's first
 * lines only (a flood would bury the rest). */
static bool transcript_output(const struct grade_run *g, const struct check_ctx *c,
			      const struct event *e, int *shown_of_student)
{
	pid_t root;

	if (!grade_student_role(g, c, e->pid, &root))
		return true;
	return (*shown_of_student)++ < 2;
}

/*
 * What the grader did (its steps, numbered) and saw (what the programs
 * printed), up to the step in which check k failed: the step of its latest
 * evidence, or the run's end. Then what was expected, and "*****". The
 * last GRADE_TRANSCRIPT_MAX lines are kept.
 */
static void transcript(const struct grade_run *g, const struct check_ctx *c, const struct check *k,
		       const struct check_result *r, struct grade_result *res, int i)
{
	int64_t upto = r->t_evidence >= 0 ? r->t_evidence : c->t_end;
	const struct event *cut, *e = NULL;
	struct ev_filter notes = {.src = "note"};
	char lines[64][GRADE_LINE];
	int n = 0, step = 0, student_lines = 0;

	cut = ev_first(c->s, &(struct ev_filter){.src = "note", .fn = "step", .after = upto + 1});
	while ((e = ev_next(c->s, &notes, e)) && (!cut || e->t < cut->t) && n < 63) {
		const char *kind = e->note.kind ? e->note.kind : "", *text = e->note.text;
		char when[32];

		event_time_str(e->t, when, sizeof(when));
		if (!text)
			continue;
		if (strcmp(kind, "step") == 0) {
			snprintf(lines[n++], GRADE_LINE, "%d. %s", ++step, text);
			student_lines = 0;
		} else if (strcmp(kind, "output") == 0 &&
			   transcript_output(g, c, e, &student_lines)) {
			snprintf(lines[n++], GRADE_LINE, "   %s the %s printed: %.*s", when,
				 role_of(c, e->pid), (int)text_cut(text, strlen(text), 300), text);
		}
	}
	snprintf(lines[n++], GRADE_LINE, "%d. expected: %s ***** %s", ++step, k->title, r->summary);
	for (int j = n > GRADE_TRANSCRIPT_MAX ? n - GRADE_TRANSCRIPT_MAX : 0; j < n; j++)
		memcpy(res->transcript[i][res->ntranscript[i]++], lines[j], GRADE_LINE);
}

/* ---- denied system calls ---------------------------------------------------- */

/* Moves what the sandbox's filter denied so far into res, made by by, or,
 * for by NULL, by whom the run's session says (label_denials). */
static void take_denials(struct sandbox *sb, struct grade_result *res, const char *by)
{
	struct sandbox_denial d[GRADE_DENIED];
	int dropped, n = sandbox_take_denials(sb, d, GRADE_DENIED, &dropped);

	for (int i = 0; i < n; i++) {
		struct grade_denial *g;
		if (res->ndenied == GRADE_DENIED) {
			res->denied_more += d[i].times;
			continue;
		}
		g = &res->denied[res->ndenied++];
		g->d = d[i];
		snprintf(g->by, sizeof(g->by), "%s", by ? by : "");
	}
	res->denied_more += dropped;
}

/* Who made each denied call of the run: the student's program, a child of
 * it, or (a process the tracer did not see start) the submission. */
static void label_denials(struct grade_run *g, const struct check_ctx *c, struct grade_result *res)
{
	for (int i = 0; i < res->ndenied; i++) {
		struct grade_denial *d = &res->denied[i];
		const char *role;
		pid_t root;

		if (d->by[0])
			continue;
		if (!(role = grade_student_role(g, c, d->d.pid, &root)))
			snprintf(d->by, sizeof(d->by), "a process of the submission");
		else
			snprintf(d->by, sizeof(d->by), "%s%s",
				 d->d.pid == root ? "the " : "a child of the ", role);
	}
}

/* "the server: kernel [1234] tried unshare(CLONE_NEWUSER): denied by the
 * sandbox (3 times)" */
static void denial_text(const struct grade_denial *d, char *out, size_t cap)
{
	char times[32] = "";

	if (d->d.times > 1)
		snprintf(times, sizeof(times), " (%d times)", d->d.times);
	snprintf(out, cap, "%s: %s [%d] tried %s: denied by the sandbox%s", d->by, d->d.comm,
		 (int)d->d.pid, d->d.call, times);
}

/* ---- running ---------------------------------------------------------------- */

static int check_session(struct grade_run *g, const struct assignment *a, const char *dir,
			 struct grade_result *res, char *err, size_t errlen)
{
	struct check_ctx ctx;
	struct session s;

	if (session_open(&s, dir, err, errlen) < 0)
		return -1;
	check_ctx_init(&ctx, &s, scenario_facts(g->s));
	grade_note_oom_kills(g, &ctx);
	grade_note_crashes(g, &ctx);
	grade_note_client_ports(g, &ctx);
	label_denials(g, &ctx, res);
	res->nchecks = res->max;
	for (int i = 0; i < res->nchecks; i++) {
		check_run(&a->checks[i], &ctx, &res->checks[i]);
		res->score += res->checks[i].pass;
		res->checked += !res->checks[i].skipped;
		if (!res->checks[i].pass && !res->checks[i].skipped)
			transcript(g, &ctx, &a->checks[i], &res->checks[i], res, i);
	}
	kview_disagreements(g, &ctx);
	res->t_end = ctx.t_end;
	check_ctx_free(&ctx);
	session_close(&s);
	return 0;
}

static void setup_run(struct grade_run *g, const struct grade_options *o,
		      const struct grade_result *res, const char *drivers)
{
	g->sb = o->sb;
	g->program = res->build.program;
	g->args = o->args ? o->args : o->a->args;
	g->drivers = drivers;
	g->workdir = o->workdir;
	snprintf(g->ip, sizeof(g->ip), "127.0.0.1");
	g->port_fixed = o->port;
	g->port = o->port ? o->port : scenario_free_port();
	snprintf(g->port_str, sizeof(g->port_str), "%d", g->port);
	for (int i = 0; i < GRADE_MARKS; i++)
		g->marks[i] = -1;
}

static int run_assignment(const struct submission *sub, const struct grade_options *o,
			  struct grade_result *res, char *err, size_t errlen)
{
	char *command[] = {"socklab", "grade", (char *)o->a->name, (char *)sub->path, NULL};
	/* The ring is the students' too (they run as the sandbox's user); the
	 * packets are on the loopback of the sandbox's network; and socklab
	 * stays root, to start each program as that user. */
	struct grade_intake intake;
	struct sandbox_env env;
	struct scenario_options so = {.dir = res->session,
				      .command = command,
				      .env = env.envp,
				      .stop = o->stop,
				      .ring_mode = 0666,
				      .keep_root = true,
				      .intake = &intake.in,
				      .capture_netns = o->sb->netns[0] ? o->sb->netns : NULL};
	struct collector_summary sum = {0};
	struct grade_run g = {0};
	char drivers[4096];
	int ret;

	snprintf(drivers, sizeof(drivers), "%s/grade", socklab_libdir());
	snprintf(res->session, sizeof(res->session), "%s/session", o->outdir);
	grade_intake_init(&intake, o->sb);
	/* The student's programs and socklab's drivers: nothing of socklab's
	 * own environment (a token, a password) reaches them. */
	sandbox_env(o->sb, "C.UTF-8", &env);
	if (!(g.s = scenario_begin(&so, err, errlen)))
		return -1;
	/* Its ring, and no other, in the sandbox's /dev/shm. */
	sandbox_set_view(o->sb, o->workdir, socklab_libdir(),
			 collector_ring_path(scenario_collector(g.s)));
	setup_run(&g, o, res, drivers);
	kview_start(&g); /* before the first program starts */
	scenario_facts(g.s)->port = g.port;
	scenario_facts(g.s)->extra = &g;
	scenario_step(g.s, "assignment %s: %s", o->a->name, o->a->title);
	ret = o->a->run(&g);
	if (ret < 0 && g.nproblems == 0)
		grade_problem(&g, "the run stopped early: %s", scenario_error(g.s));
	/* Full since the build: its output says so already. */
	if (sandbox_workdir_full(o->sb, o->workdir_fd) &&
	    !strstr(res->build.output ? res->build.output : "", "the build filled its"))
		grade_problem(&g,
			      "the program filled its %d MiB work folder: what it wrote past that "
			      "failed (ENOSPC, No space left on device)",
			      o->sb->lim.disk_mb);
	/* A last look at the memory limit; then everything of the student's
	 * ends, even what left its group. */
	grade_watch_memory(&g);
	kview_watch(&g);
	sandbox_kill(o->sb, 3000);
	scenario_end(g.s, 500, &sum);
	kview_stop(&g);
	take_denials(o->sb, res, NULL);
	ret = check_session(&g, o->a, res->session, res, err, errlen);
	/* After the checks, which give the first problem as their reason. */
	grade_ring_problems(&g, &sum);
	memcpy(res->problems, g.problems, sizeof(res->problems));
	res->nproblems = g.nproblems;
	memcpy(res->notes, g.notes, sizeof(res->notes));
	res->nnotes = g.nnotes;
	res->port = g.port;
	kview_free(&g);
	scenario_free(g.s);
	return ret;
}

/* The student's program runs as the sandbox's user: it must be able to
 * read the tracer, or LD_PRELOAD would silently do nothing. */
static int check_tracer(const struct grade_options *o, char *err, size_t errlen)
{
	const char *preload = socklab_preload(err, errlen);

	if (!preload)
		return -1;
	if (!sandbox_can_read(o->sb, preload))
		return errmsg(err, errlen,
			      "the sandbox's user cannot read the tracer %s: every "
			      "folder on its path must be readable by others (chmod o+rx)",
			      preload);
	return 0;
}

/* The build filled the work folder: its output says so. */
static void build_filled(const struct grade_options *o, struct build_result *b)
{
	char *more;

	if (!sandbox_workdir_full(o->sb, o->workdir_fd) ||
	    asprintf(&more,
		     "%ssocklab: the build filled its %d MiB work folder: what it wrote past "
		     "that failed (ENOSPC, No space left on device)\n",
		     b->output ? b->output : "", o->sb->lim.disk_mb) < 0)
		return;
	free(b->output);
	b->output = more;
}

/* The build, and the run if it built; the sandbox's filter records the
 * calls it denies in each. */
static int grade_in(const struct submission *sub, const struct grade_options *o,
		    struct grade_result *res, char *err, size_t errlen)
{
	int ret;

	sandbox_set_view(o->sb, o->workdir, socklab_libdir(), NULL);
	if (check_tracer(o, err, errlen) < 0)
		return -1;
	ret = build_submission(sub, o, &res->build, err, errlen);
	take_denials(o->sb, res, "the build");
	if (ret < 0)
		return -1;
	build_filled(o, &res->build);
	if (!res->build.ok) {
		grade_not_checked(res, o->a, "the program did not build");
		return 0;
	}
	return run_assignment(sub, o, res, err, errlen);
}

int grade_submission(const struct submission *sub, const struct grade_options *o,
		     struct grade_result *res, char *err, size_t errlen)
{
	struct grade_options in = *o;
	char why[512];
	int ret;

	memset(res, 0, sizeof(*res));
	res->max = count_checks(o->a);
	/* A folder of a fixed size, in a mount namespace of this worker's
	 * (made while it has one thread: unshare() refuses more). */
	if ((in.workdir_fd = sandbox_workdir(o->sb, o->workdir, err, errlen)) < 0)
		return -1;
	if (sandbox_filter_start(o->sb, why, sizeof(why)) < 0) {
		close(in.workdir_fd);
		return errmsg(err, errlen, "no system-call filter for the sandbox: %s", why);
	}
	ret = grade_in(sub, &in, res, err, errlen);
	sandbox_filter_stop(o->sb);
	close(in.workdir_fd);
	return ret;
}

void grade_result_free(struct grade_result *res)
{
	free(res->build.output);
	res->build.output = NULL;
}

/* ---- JSON ------------------------------------------------------------------- */

/* A string that holds a student's bytes (what a program printed, a file's
 * name) as a JSON string: jansson takes only valid UTF-8, and a result
 * must never lose a line, or all of itself, to a byte that is not. */
static json_t *text_json(const char *s)
{
	char *text = text_utf8(s, strlen(s));
	json_t *j = json_string(text ? text : "");

	free(text);
	return j;
}

static json_t *strings_json(const char (*lines)[GRADE_LINE], int n)
{
	json_t *a = json_array();

	for (int i = 0; i < n; i++)
		json_array_append_new(a, text_json(lines[i]));
	return a;
}

static json_t *check_json(const struct check *k, const struct grade_result *res, int i)
{
	const struct check_result *r = &res->checks[i];
	json_t *evidence = json_array();

	for (int e = 0; e < r->nevidence; e++)
		json_array_append_new(evidence, text_json(r->evidence[e]));
	return json_pack("{ss sb sb so so so ss?}", "name", k->name, "pass", r->pass, "checked",
			 !r->skipped, "summary", text_json(r->summary), "evidence", evidence,
			 "transcript", strings_json(res->transcript[i], res->ntranscript[i]),
			 "hint", k->hint);
}

static json_t *denied_json(const struct grade_result *res)
{
	json_t *a = json_array();

	for (int i = 0; i < res->ndenied; i++) {
		const struct grade_denial *d = &res->denied[i];
		char text[GRADE_LINE];

		denial_text(d, text, sizeof(text));
		json_array_append_new(a, json_pack("{ss si ss ss ss si ss}", "by", d->by, "pid",
						   (int)d->d.pid, "process", d->d.comm, "syscall",
						   d->d.syscall, "call", d->d.call, "times",
						   d->d.times, "text", text));
	}
	return a;
}

static json_t *sandbox_json(const struct sandbox *sb)
{
	char netns[64];

	snprintf(netns, sizeof(netns), "net:[%lu]", sb->netns_ino);
	return json_pack("{sb so? so? ss}", "isolated", sb->isolated, "netns",
			 sb->netns_ino ? json_string(netns) : NULL, "uid",
			 sb->isolated ? json_integer(sb->uid) : NULL, "missing", sb->missing);
}

json_t *grade_result_json(const struct submission *sub, const struct assignment *a,
			  const struct grade_result *res, const struct sandbox *sb)
{
	const char *prog = strrchr(res->build.program, '/');
	json_t *checks = json_array(), *j;

	for (int i = 0; i < res->nchecks; i++)
		json_array_append_new(checks, check_json(&a->checks[i], res, i));
	j = json_pack("{so ss so so s{sb so so so} so si si si so so so* so ss so}", "submission",
		      text_json(sub->name), "assignment", a->name, "path", text_json(sub->path),
		      "program", text_json(prog ? prog + 1 : res->build.program), "build", "ok",
		      res->build.ok, "command", text_json(res->build.command), "output",
		      text_json(res->build.output ? res->build.output : ""), "error",
		      text_json(res->build.error), "checks", checks, "score", res->score, "max",
		      res->max, "checked", res->checked, "problems",
		      strings_json(res->problems, res->nproblems), "notes",
		      strings_json(res->notes, res->nnotes), "port",
		      res->port ? json_integer(res->port) : NULL, "session",
		      text_json(res->session), "isolation", sb->complete ? "sandbox" : "container",
		      "sandbox", sandbox_json(sb));
	json_object_set_new(j, "denied", denied_json(res));
	json_object_set_new(j, "denied_more", json_integer(res->denied_more));
	return j;
}
