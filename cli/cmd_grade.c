/*
 * cmd_grade.c - socklab grade ASSIGNMENT PATH... [--json] [--jobs N]
 *               [--args "..."] [--prog NAME] [--out DIR] [--unisolated]
 *
 * Grades homework: each submission is built and run in a sandbox of its
 * own (grade/batch.c runs them, N at a time), and checked against the
 * assignment (grade/). What a worker finds goes to OUT/NAME/result.json;
 * from it socklab prints the report (or the JSON line), in submission
 * order, writes OUT/NAME/report.txt, and at the end OUT/grades.csv.
 */
#include <errno.h>
#include <getopt.h>
#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/text.h"
#include "cli.h"
#include "collect/privs.h"
#include "grade/batch.h"
#include "grade/grade.h"
#include "grade_cli.h"
#include "grade_export.h"
#include "host/stage.h"
#include "report.h"

/* Generous: a loaded machine, a traced program, a student's slow build. */
static const struct sandbox_limits grade_limits = {
	.cpu_s = 30,
	.as_mb = 1024,
	.mem_mb = 256,
	.nproc = 64,
	.nofile = 256,
	.fsize_mb = 16,
	.disk_mb = 64,
};
#define DEADLINE_S   300
#define WORKER_ERROR 3 /* a worker's exit status when socklab itself failed */

const struct command cmd_grade_info = {
	"grade",
	cmd_grade,
	N_("grades homework: builds it, runs it in a sandbox, checks what it did"),
	N_("usage: socklab grade ASSIGNMENT PATH... [--json] [--jobs N] [--args \"...\"]\n"
	   "                     [--prog NAME] [--port N] [--out DIR]\n"
	   "                     [--gradescope FILE [--rubric FILE]] [--junit FILE]\n"
	   "                     [--unisolated]\n"
	   "\n"
	   "Builds each submission, runs it in a sandbox against socklab's own clients\n"
	   "or servers, records everything into a session, and checks the session:\n"
	   "each check PASS, FAIL or NOT CHECKED (what it needs to judge did not\n"
	   "happen), with the events that prove it and the lab that teaches it.\n"
	   "\n"
	   "PATH is a program, a .c file (built with cc -Wall), a folder of sources\n"
	   "(built with its Makefile, or cc -Wall *.c), or a folder of submissions:\n"
	   "one sub-folder (or .c file, or program) per student.\n"
	   "\n"
	   "  --json         one JSON object per submission per line, instead of text\n"
	   "  --jobs N       grade N submissions at a time (default 1)\n"
	   "  --args \"...\"   how the program is called, {port}, {ip} and {file}\n"
	   "                 (the file it serves) replaced\n"
	   "                 (default: as the assignment says, e.g. \"{port}\")\n"
	   "  --prog NAME    which program to grade, when a Makefile builds several\n"
	   "                 (or which NAME.c to build, without a Makefile)\n"
	   "  --port N       the port the program uses, for one that takes none: a\n"
	   "                 server is waited for there, a client's server listens there\n"
	   "                 (a server that ignores the port it is given is graded where\n"
	   "                 it listens, without this)\n"
	   "  --gradescope FILE   also write Gradescope's results.json there (one\n"
	   "                 submission): a test per check, points from --rubric\n"
	   "  --rubric FILE  points per check, a line \"CHECK POINTS\" each (default 1)\n"
	   "  --junit FILE   also write JUnit XML there: a test case per check of each\n"
	   "                 submission (GitHub Classroom, GitLab CI)\n"
	   "  --out DIR      where results go (default: socklab-grade-ASSIGNMENT-TIME):\n"
	   "                 DIR/NAME/report.txt, DIR/NAME/session (socklab show, view),\n"
	   "                 DIR/NAME/result.json, DIR/grades.csv\n"
	   "  --unisolated   grade even where no sandbox can be made (not root, or no\n"
	   "                 namespaces or cgroups): only for a machine that is itself\n"
	   "                 a throwaway container (Gradescope's, a CI runner's) or\n"
	   "                 your own; the results say \"isolation\": \"container\"\n"
	   "  --help         this text, and the assignments\n"
	   "\n"
	   "Each submission runs in a sandbox: its own network namespace (loopback\n"
	   "only), a user of its own, its own view of the files, a work folder of\n"
	   "64 MiB, a cgroup (memory, processes, one core of CPU), and limits on CPU\n"
	   "time, memory, processes and open files. That needs root: without it, or\n"
	   "where the machine forbids namespaces or cgroups, socklab grades nothing\n"
	   "and exits 2 naming what is missing -- unless --unisolated.\n"
	   "\n"
	   "Exit status: 0 when every check of every submission passed, 1 when one\n"
	   "failed (or a submission did not build), 2 for a usage or environment error.\n"),
};

static volatile sig_atomic_t interrupted;
static volatile sig_atomic_t worker_stop;

static void on_worker_stop(int sig)
{
	(void)sig;
	worker_stop = 1;
}

/* ---- arguments ---------------------------------------------------------------- */

static void print_assignments(FILE *out)
{
	fprintf(out, "\nassignments:\n");
	for (int i = 0; grade_assignments[i]; i++) {
		const struct assignment *a = grade_assignments[i];
		fprintf(out, "  %-12s %s; run as: %s\n", a->name, a->title, a->usage);
		for (int k = 0; a->checks[k].name; k++)
			fprintf(out, "      %-15s %s\n", a->checks[k].name, a->checks[k].title);
	}
}

static int parse_args(int argc, char **argv, struct grade_args *a)
{
	char err[600];
	static const struct option options[] = {
		{"json", no_argument, NULL, 'J'},
		{"jobs", required_argument, NULL, 'j'},
		{"args", required_argument, NULL, 'a'},
		{"prog", required_argument, NULL, 'p'},
		{"out", required_argument, NULL, 'o'},
		{"port", required_argument, NULL, 'P'},
		{"gradescope", required_argument, NULL, 'G'},
		{"rubric", required_argument, NULL, 'R'},
		{"junit", required_argument, NULL, 'U'},
		{"unisolated", no_argument, NULL, 'I'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	int opt;

	while ((opt = getopt_long(argc, argv, "j:o:h", options, NULL)) != -1) {
		switch (opt) {
		case 'J':
			a->json = true;
			break;
		case 'j':
			a->jobs = atoi(optarg);
			break;
		case 'a':
			a->args = optarg;
			break;
		case 'p':
			a->prog = optarg;
			break;
		case 'o':
			a->out = optarg;
			break;
		case 'P':
			a->port = atoi(optarg);
			if (a->port < 1 || a->port > 65535)
				return cli_usage_error(&cmd_grade_info,
						       "--port takes a port number, 1 to 65535");
			break;
		case 'G':
			a->gradescope = optarg;
			break;
		case 'R':
			a->rubric = optarg;
			break;
		case 'U':
			a->junit = optarg;
			break;
		case 'I':
			a->unisolated = true;
			break;
		case 'h':
			cli_help(&cmd_grade_info);
			print_assignments(stdout);
			return EXIT_OK;
		default:
			return cli_usage_error(&cmd_grade_info, "unknown option");
		}
	}
	if (optind + 2 > argc) {
		print_assignments(stderr);
		return cli_usage_error(&cmd_grade_info, "give an assignment and what to grade");
	}
	if (!(a->a = assignment_find(argv[optind]))) {
		print_assignments(stderr);
		return cli_usage_error(&cmd_grade_info, "there is no assignment '%s'",
				       argv[optind]);
	}
	if (a->jobs < 1 || a->jobs > 64)
		return cli_usage_error(&cmd_grade_info, "--jobs takes a number from 1 to 64");
	a->paths = argv + optind + 1;
	a->npaths = argc - optind - 1;
	if (rubric_load(a->rubric, a->a, &a->points, err, sizeof(err)) < 0)
		return cli_usage_error(&cmd_grade_info, "%s", err);
	return -1;
}

/* ---- the worker: one submission --------------------------------------------- */

static void write_text(const char *dir, const char *file, const char *text)
{
	char path[4200];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	if ((f = fopen(path, "we"))) {
		fputs(text, f);
		fclose(f);
	}
}

/* A text a person reads (build.log): its control characters as letters,
 * its lines and tabs kept (base/text.h). */
static void write_shown(const char *dir, const char *file, const char *text)
{
	char *shown = text_shown(text, strlen(text), TEXT_KEEP_NL | TEXT_KEEP_TAB);

	write_text(dir, file, shown ? shown : "");
	free(shown);
}

static int write_json(const char *dir, json_t *result)
{
	char path[4200];

	snprintf(path, sizeof(path), "%s/result.json", dir);
	return json_dump_file(result, path, JSON_COMPACT);
}

static int grade_worker(void *arg, struct batch_job *job)
{
	const struct grade_args *ga = ((struct grade_batch *)arg)->ga;
	struct grade_options o = {.a = ga->a,
				  .args = ga->args,
				  .prog = ga->prog,
				  .port = ga->port,
				  .outdir = job->outdir,
				  .workdir = job->workdir,
				  .sb = &job->sb,
				  .stop = &worker_stop};
	struct grade_result res;
	char err[1024] = "";
	json_t *j;
	int ret;

	signal(SIGTERM, on_worker_stop);
	ret = grade_submission(job->sub, &o, &res, err, sizeof(err));
	if (ret < 0) {
		grade_not_checked(&res, ga->a, "socklab could not grade it");
		snprintf(res.problems[0], sizeof(res.problems[0]), "socklab: %s", err);
		res.nproblems = 1;
	}
	j = grade_result_json(job->sub, ga->a, &res, &job->sb);
	if (ret < 0)
		json_object_set_new(j, "error", json_string(err));
	write_shown(job->outdir, "build.log", res.build.output ? res.build.output : "");
	if (res.session[0])
		report_append_results(res.session, res.t_end, ga->a->checks, res.checks,
				      res.nchecks);
	ret = write_json(job->outdir, j) < 0 || ret < 0 ? WORKER_ERROR : 0;
	json_decref(j);
	grade_result_free(&res);
	return ret;
}

/* ---- each finished submission ------------------------------------------------ */

/* The job's result.json, or one made here when the worker left none. */
static json_t *load_result(struct grade_batch *gb, struct batch_job *job)
{
	char path[4200];
	json_t *j = NULL;

	snprintf(path, sizeof(path), "%s/result.json", job->outdir);
	if (job->started)
		j = json_load_file(path, 0, NULL);
	if (job->started && WIFEXITED(job->status) && WEXITSTATUS(job->status) == WORKER_ERROR)
		gb->env_error = true;
	if (!j) {
		struct grade_result res = {0};
		const char *why = job->why[0] ? job->why : "socklab's worker ended with no result";
		grade_not_checked(&res, gb->ga->a, why);
		j = grade_result_json(job->sub, gb->ga->a, &res, &job->sb);
		gb->env_error |= !job->stopped;
	}
	if (job->why[0]) {
		char *why = text_utf8(job->why, strlen(job->why));
		json_array_append_new(json_object_get(j, "problems"), json_string(why ? why : ""));
		free(why);
	}
	return j;
}

/* report.txt: the report, with the isolation at its head. */
static void write_report(struct batch_job *job, const struct assignment *a, json_t *res)
{
	char *text = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	if (!mem)
		return;
	grade_print_report(mem, a, res, true);
	fclose(mem);
	write_text(job->outdir, "report.txt", text);
	free(text);
}

/* The result as a --json line. jansson writes C0 controls as \u001b but
 * C1 controls, DEL and the bidi overrides as they are, and the line may
 * go to a terminal: then it is written all in ASCII. */
static char *json_line(json_t *res)
{
	char *line = json_dumps(res, JSON_COMPACT);

	if (line && !text_is_shown(line, strlen(line), 0)) {
		free(line);
		line = json_dumps(res, JSON_COMPACT | JSON_ENSURE_ASCII);
	}
	return line;
}

static void on_done(void *arg, struct batch_job *job)
{
	struct grade_batch *gb = arg;
	json_t *res = load_result(gb, job), *shown = report_json_shown(res);
	char *text = NULL, *line;
	size_t len = 0;
	FILE *mem = open_memstream(&text, &len);

	if (shown)
		write_report(job, gb->ga->a, shown);
	if (mem && shown) {
		grade_print_report(mem, gb->ga->a, shown, false);
		fclose(mem);
	} else if (mem) {
		fclose(mem);
	}
	json_decref(shown);
	write_json(job->outdir, res);
	if (gb->ga->json && (line = json_line(res))) {
		printf("%s\n", line);
		free(line);
	} else if (!gb->ga->json && text) {
		fputs(text, stdout);
	}
	fflush(stdout);
	free(text);
	json_array_append_new(gb->results, res);
}

/* 0 when every check passed, 1 when one failed, 2 for socklab's own failure. */
static int exit_status(const struct grade_batch *gb)
{
	json_t *res;
	size_t i;

	if (gb->env_error || interrupted)
		return EXIT_USAGE;
	json_array_foreach(gb->results, i, res)
	{
		json_int_t score = json_integer_value(json_object_get(res, "score"));

		if (score < json_integer_value(json_object_get(res, "max")))
			return EXIT_FAILED;
	}
	return EXIT_OK;
}

static int write_exports(const struct grade_args *ga, json_t *results)
{
	json_t *gs;
	int ret = 0;

	if (ga->gradescope && json_array_size(results) == 1) {
		gs = gradescope_results(ga->a, json_array_get(results, 0), &ga->points);
		if (!gs || json_dump_file(gs, ga->gradescope, JSON_INDENT(1)) < 0) {
			cli_error("cannot write %s: %s", ga->gradescope, strerror(errno));
			ret = -1;
		}
		json_decref(gs);
	}
	if (ga->junit && junit_write(ga->junit, ga->a, results) < 0) {
		cli_error("cannot write %s: %s", ga->junit, strerror(errno));
		ret = -1;
	}
	return ret;
}

static int make_outdir(const struct grade_args *ga, char *out, size_t cap)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	if (ga->out)
		snprintf(out, cap, "%s", ga->out);
	else
		snprintf(out, cap, "socklab-grade-%s-%s", ga->a->name, stamp);
	if (mkdir(out, 0755) < 0) {
		cli_error("cannot make %s: %s%s", out, strerror(errno),
			  errno == EEXIST ? " (give another folder with --out)" : "");
		return -1;
	}
	return 0;
}

/* Under sudo the grader stays root to the end (it starts each program as
 * the sandbox's user), so all it wrote is root's: hand the results to the
 * user who ran sudo, who will read, edit and delete them. */
static void give_results(const char *out)
{
	const char *paths[] = {out, NULL};
	char err[512];

	if (privs_give_to_sudo_user(paths, err, sizeof(err)) < 0)
		cli_error("the results stay root's: %s", err);
}

int cmd_grade(int argc, char **argv)
{
	struct grade_args ga = {.jobs = 1};
	struct grade_batch gb = {.ga = &ga};
	struct batch_options bo = {.jobs = 1,
				   .limits = grade_limits,
				   .deadline_s = DEADLINE_S,
				   .stop = &interrupted,
				   .worker = grade_worker,
				   .on_done = on_done,
				   .arg = &gb};
	struct submission *subs;
	char err[1024], csv[4200];
	int n, ret = parse_args(argc, argv, &ga);

	if (ret >= 0)
		return ret;
	if (ga.a->nproc > bo.limits.nproc)
		bo.limits.nproc = ga.a->nproc;
	bo.limits.unisolated = ga.unisolated;
	if ((n = submissions_find(ga.paths, ga.npaths, &subs, err, sizeof(err))) < 0)
		return cli_usage_error(&cmd_grade_info, "%s", err);
	if (ga.gradescope && n != 1) {
		free(subs);
		return cli_usage_error(&cmd_grade_info,
				       "--gradescope writes one student's results: give one "
				       "submission (%d found)",
				       n);
	}
	if (grade_check_isolation(&bo.limits) < 0 || make_outdir(&ga, gb.out, sizeof(gb.out)) < 0) {
		free(subs);
		return EXIT_USAGE;
	}
	/* The sandbox's user must read the tracer and run the drivers. */
	if (socklab_stage_libdir(err, sizeof(err)) < 0) {
		cli_error("%s", err);
		free(subs);
		return EXIT_USAGE;
	}
	bo.outdir = gb.out;
	bo.jobs = ga.jobs;
	gb.results = json_array();
	cli_catch_interrupts(&interrupted, true);
	fprintf(stderr, "socklab grade %s: %d submission%s, %d at a time; results in %s\n",
		ga.a->name, n, n > 1 ? "s" : "", ga.jobs, gb.out);
	if (batch_run(subs, n, &bo, err, sizeof(err)) < 0) {
		cli_error("%s", err);
		gb.env_error = true;
	}
	snprintf(csv, sizeof(csv), "%s/grades.csv", gb.out);
	if (grade_write_csv(&gb, csv) < 0)
		cli_error("cannot write %s", csv);
	gb.env_error |= write_exports(&ga, gb.results) < 0;
	give_results(gb.out);
	if (!ga.json && n > 1)
		grade_print_summary(&gb, csv);
	ret = exit_status(&gb);
	json_decref(gb.results);
	free(subs);
	return ret;
}
