/*
 * cmd_run.c - socklab run LAB [--fix] [--no-view] [--record DIR] [--OPTION]...
 *
 * Runs a lab's scenario into a session, then its checkpoints over that
 * session: the naive program's (the phenomenon happened) or, with --fix,
 * the corrected program's (it did not).
 *
 * On a terminal the viewer follows the run live: it takes the main thread
 * and the terminal, the run goes to a thread of its own, and its report
 * waits in a buffer until the student quits. A lab with a network of its
 * own (lib/labnet/labnet.h) has it built before and removed after, however the
 * run ends.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/i18n.h"
#include "cli.h"
#include "collect/privs.h"
#include "host/paths.h"
#include "lab/lab.h"
#include "labnet/labnet.h"
#include "report.h"
#include "viewer/viewer.h"

const struct command cmd_run_info = {
	"run",
	cmd_run,
	N_("runs a lab: its programs, its scenario, its checkpoints"),
	N_("usage: socklab run LAB [--fix] [--no-view] [--record DIR] [--OPTION]...\n"
	   "\n"
	   "Runs lab LAB (a number, 4 or 04, or a name, nagle): first the naive\n"
	   "program, which shows the lab's phenomenon; with --fix the corrected one,\n"
	   "which does not. Then checks the session against the lab's checkpoints and\n"
	   "prints each, with the events that prove it.\n"
	   "\n"
	   "  --fix         run the corrected program\n"
	   "  --no-view     do not open the viewer; print the steps and checkpoints\n"
	   "                (so it is, too, when not run on a terminal)\n"
	   "  --record DIR  save the session in DIR (default: a new folder here)\n"
	   "  --OPTION      a variant the lab offers (see its sheet, LAB.md)\n"
	   "  --help        this text\n"
	   "\n"
	   "Exit status: 0 when every checkpoint holds, 1 when one does not,\n"
	   "2 when the lab could not run (with the reason).\n"),
};

struct run_args {
	const struct lab *lab;
	struct lab_run run;
	bool view;
	const char *record;
};

/* The path of the lab's sheet in the reader's language: the translation
 * names its file (LAB.ko.md); LAB.md when that file is not installed. */
static const char *lab_sheet(const struct lab *l, char *buf, size_t len)
{
	/* TRANSLATORS: the file name of a lab's sheet in your language, as
	 * labs/NN-name/ holds it (LAB.ko.md); LAB.md when there is none. */
	snprintf(buf, len, "%s/labs/%s/%s", socklab_sharedir(), l->dir, _("LAB.md"));
	if (access(buf, R_OK) != 0)
		snprintf(buf, len, "%s/labs/%s/LAB.md", socklab_sharedir(), l->dir);
	return buf;
}

static void print_lab_options(const struct lab *l)
{
	fprintf(stderr, _("lab %d (%s) takes:"), l->number, l->name);
	if (!l->options || !l->options[0].name)
		fprintf(stderr, _(" no options of its own"));
	for (int i = 0; l->options && l->options[i].name; i++)
		fprintf(stderr, "%s --%s (%s)", i ? "," : "", l->options[i].name,
			_(l->options[i].help));
	fprintf(stderr, "\n");
}

/* The lab's own options are known only once the lab is: read the lab
 * first, then every option. Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, struct run_args *a)
{
	char err[256];

	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return cli_help(&cmd_run_info);
	for (int i = 1; i < argc && !a->lab; i++)
		if (argv[i][0] != '-' && (i == 1 || strcmp(argv[i - 1], "--record") != 0))
			if (!(a->lab = lab_find(argv[i])))
				return cli_usage_error(&cmd_run_info,
						       _("there is no lab '%s' (socklab list shows "
							 "them)"),
						       argv[i]);
	if (!a->lab)
		return cli_usage_error(&cmd_run_info, _("which lab? (socklab list shows them)"));
	if (lab_declared(a->lab, err, sizeof(err)) < 0) {
		cli_error(_("socklab was built with a lab it cannot run: %s"), err);
		return EXIT_USAGE;
	}
	a->run.lab = a->lab;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int k;

		if (strcmp(arg, "--fix") == 0)
			a->run.fix = true;
		else if (strcmp(arg, "--no-view") == 0)
			a->view = false;
		else if (strcmp(arg, "--record") == 0 && i + 1 < argc)
			a->record = argv[++i];
		else if (strncmp(arg, "--", 2) == 0 && (k = lab_option_index(a->lab, arg + 2)) >= 0)
			a->run.options[k] = true;
		else if (arg[0] == '-') {
			print_lab_options(a->lab);
			return cli_usage_error(&cmd_run_info, _("unknown option %s"), arg);
		} else if (lab_find(arg) != a->lab)
			return cli_usage_error(&cmd_run_info, _("one lab at a time"));
	}
	return -1;
}

static char *default_dir(const struct run_args *a)
{
	const char *option = lab_run_option(&a->run);
	char stamp[32], kind[64] = "", *dir;
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	/* The kind of run is in the name ("-fix", "-one-wait"), so that a
	 * lab's runs one after the other never want the same folder. */
	if (a->run.fix && lab_run_option_fix(&a->run) && lab_run_option_fix(&a->run)->fix_checks)
		snprintf(kind, sizeof(kind), "-%s-fix", lab_run_option_fix(&a->run)->option);
	else if (a->run.fix)
		snprintf(kind, sizeof(kind), "-fix");
	else if (option)
		snprintf(kind, sizeof(kind), "-%s", option);
	if (asprintf(&dir, "socklab-lab%02d-%s%s-%s", a->lab->number, a->lab->name, kind, stamp) <
	    0)
		return NULL;
	return dir;
}

/* Refuses what cannot work before anything is made: --fix on a lab (or
 * with an option) with nothing to fix, a lab that needs root run without
 * it. */
static int check_runnable(const struct lab *l, const struct lab_run *r)
{
	if (r->fix && !l->fix) {
		cli_error(_("lab %d (%s) has no --fix: %s"), l->number, l->name,
			  _(l->no_fix ? l->no_fix : N_("it shows behaviour, not a mistake")));
		return EXIT_USAGE;
	}
	if (r->fix && lab_run_option_fix(r) && lab_run_option_fix(r)->no_fix) {
		cli_error(_("--%s has no --fix: %s"), lab_run_option_fix(r)->option,
			  _(lab_run_option_fix(r)->no_fix));
		return EXIT_USAGE;
	}
	if ((l->needs_root || l->net.mtu > 0) && geteuid() != 0) {
		cli_error(_("lab %d (%s) needs root: it builds a network of its own (network "
			    "namespaces). Run: sudo socklab run %d"),
			  l->number, l->name, l->number);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static volatile sig_atomic_t interrupted;

/* One run: the scenario, then its checkpoints. It runs on the main thread
 * without the viewer, and on a thread of its own with it (the viewer has
 * the main thread and the terminal; the report waits in a buffer). */
struct play {
	const struct run_args *a;
	const char *dir;
	struct scenario *s;
	struct viewer_feed *feed; /* NULL without the viewer */
	FILE *out;		  /* the report: stdout, or the buffer */
	int ret;		  /* failed checkpoints, or -1 */
};

static void *play(void *arg)
{
	struct play *p = arg;
	const struct run_args *a = p->a;
	int failed, ret = a->lab->run(p->s, &a->run);

	if (ret < 0 && p->feed)
		fprintf(p->out, _("socklab: the scenario stopped: %s\n"), scenario_error(p->s));
	else if (ret < 0)
		cli_error(_("the scenario stopped: %s"), scenario_error(p->s));
	scenario_end(p->s, 2000, NULL);
	/* Checkpoints even after a failed scenario: they say what did happen. */
	failed = report_checkpoints(p->out, p->dir, a->lab, a->run.fix, scenario_facts(p->s),
				    p->feed ? viewer_feed_line : NULL, p->feed);
	p->ret = ret < 0 || failed < 0 ? -1 : failed;
	if (p->feed && p->ret >= 0)
		viewer_feed_end(p->feed, _("%s (q quits)"),
				p->ret ? _("some checkpoints did not hold")
				       : _("all checkpoints hold"));
	else if (p->feed)
		viewer_feed_end(p->feed, _("the scenario stopped (q quits)"));
	return NULL;
}

/* The viewer on this thread until the student quits, the run on another;
 * then the report. Quitting early stops the scenario. */
static void play_viewing(struct play *p, const struct check *checks)
{
	const char *names[64];
	char title[256], name[64], err[512], *report = NULL;
	size_t n = 0, len = 0;
	pthread_t t;

	while (checks && checks[n].name && n < 64) {
		names[n] = checks[n].name;
		n++;
	}
	snprintf(title, sizeof(title), "run %d: %s, %s run", p->a->lab->number, p->a->lab->name,
		 lab_run_name(&p->a->run, name, sizeof(name)));
	p->out = open_memstream(&report, &len);
	if (!p->out || pthread_create(&t, NULL, play, p) != 0) {
		cli_error(_("cannot start the lab's run"));
		p->ret = -1;
		goto out;
	}
	viewer_feed_clock(p->feed, collector_t0(scenario_collector(p->s)));
	if (viewer_run_live(p->feed,
			    &(struct viewer_options){.title = title,
						     .lab_title = _(p->a->lab->title),
						     .checkpoints = names,
						     .ncheckpoints = n},
			    err, sizeof(err)) < 0)
		cli_error("%s", err);
	interrupted = 1;
	pthread_join(t, NULL);
out:
	if (p->out)
		fclose(p->out);
	fputs(report ? report : "", stdout);
	free(report);
}

/* Under sudo, a lab with a network of its own keeps socklab root: only
 * root may enter the lab's namespaces (and remove them at the end). Each
 * program then becomes the user who ran sudo inside its namespace, before
 * it runs, so the programs are the student's, as in every other lab. */
static struct privs_user sudo_user;

static int become_sudo_user(void *arg)
{
	return privs_become_in_child(arg);
}

static void run_as_sudo_user(const struct run_args *a, struct scenario_options *so)
{
	char err[256];

	if (!a->run.net || privs_sudo_user(&sudo_user, err, sizeof(err)) <= 0)
		return;
	so->keep_root = true;
	so->ring_mode = 0666; /* the user's programs write the ring */
	so->in_child = become_sudo_user;
	so->in_child_arg = &sudo_user;
}

/* Runs the scenario and its checkpoints. Returns how many checkpoints
 * failed, or -1 when the scenario could not run to its end (said why). */
static int run_scenario(const struct run_args *a, const char *dir, char **argv)
{
	char progdir[4096], err[1024];
	struct scenario_options so = {.dir = dir,
				      .command = argv,
				      .progdir = progdir,
				      .stop = &interrupted,
				      .on_say = cli_say};
	struct play p = {.a = a, .dir = dir, .out = stdout};
	struct run_facts *facts;

	snprintf(progdir, sizeof(progdir), "%s/labs/%s", socklab_libdir(), a->lab->dir);
	if (a->run.net) {
		int host = a->lab->net_capture_for ? a->lab->net_capture_for(&a->run)
						   : a->lab->net_capture;
		if (host == LABNET_HUB) {
			/* Every port of the switch (or link of the router) at once. */
			so.capture_iface = "any";
			so.capture_netns = a->run.net->hub;
		} else {
			so.capture_iface = a->run.net->dev[host];
			so.capture_netns = a->run.net->ns[host];
		}
	}
	run_as_sudo_user(a, &so);
	if (a->view && !(p.feed = viewer_feed_new())) {
		cli_error(_("cannot set the viewer up: out of memory"));
		return -1;
	}
	if (p.feed) {
		/* The viewer has the terminal: the programs' output stays in
		 * the session, as notes. */
		so.on_event = viewer_feed_line;
		so.on_event_arg = p.feed;
		so.on_say = NULL;
	}
	if (!(p.s = scenario_begin(&so, err, sizeof(err)))) {
		cli_error("%s", err);
		viewer_feed_free(p.feed);
		return -1;
	}
	facts = scenario_facts(p.s);
	facts->fix = a->run.fix;
	facts->port = a->run.port;
	facts->extra = (void *)&a->run;
	if (p.feed)
		play_viewing(&p, lab_checks_for(a->lab, &a->run));
	else
		play(&p);
	scenario_free(p.s);
	viewer_feed_free(p.feed);
	return p.ret;
}

/* A session made as root under sudo (a lab with a network) goes to the
 * user who ran sudo, as every other session does. */
static void give_to_sudo_user(const char *dir)
{
	const char *paths[] = {dir, NULL};
	char err[512];

	if (privs_give_to_sudo_user(paths, err, sizeof(err)) < 0)
		cli_error("%s", err);
}

/* The lab's own network, when it has one. Returns 0, or -1 (said why). */
static int net_up(struct run_args *a, struct labnet *net)
{
	char err[512];

	if (a->lab->net.mtu <= 0)
		return 0;
	labnet_sweep();
	if (labnet_up(net, a->lab->number, &a->lab->net, err, sizeof(err)) < 0) {
		cli_error(_("cannot build lab %d's network: %s"), a->lab->number, err);
		return -1;
	}
	if (!net->rate_ok)
		fprintf(stderr, _("note: the lab's link could not be slowed down (no tbf qdisc in "
				  "this kernel): the lab may show less\n"));
	a->run.net = net;
	return 0;
}

int cmd_run(int argc, char **argv)
{
	struct run_args a = {.view = true};
	int ret = parse_args(argc, argv, &a);
	struct labnet net = {0};
	char *dir, name[64], sheet[4096];

	if (ret >= 0)
		return ret;
	if ((ret = check_runnable(a.lab, &a.run)) != EXIT_OK)
		return ret;
	/* No terminal (a script, a pipe): no viewer, the report only. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		a.view = false;
	dir = a.record ? strdup(a.record) : default_dir(&a);
	if (!dir || access(dir, F_OK) == 0) {
		cli_error(_("%s already exists; give another folder with --record"),
			  dir ? dir : "?");
		free(dir);
		return EXIT_USAGE;
	}
	/* Ctrl-C, or being told to stop, ends the scenario early; the lab's
	 * network is still removed. */
	cli_catch_interrupts(&interrupted, true);
	if (net_up(&a, &net) < 0) {
		free(dir);
		return EXIT_USAGE;
	}
	a.run.port = a.lab->pick_port ? a.lab->pick_port() : scenario_free_port();
	fprintf(stderr, _("lab %d (%s): %s -- %s run\n"), a.lab->number, a.lab->name,
		_(a.lab->title), lab_run_name(&a.run, name, sizeof(name)));
	ret = run_scenario(&a, dir, argv);
	labnet_down(&net);
	give_to_sudo_user(dir);
	fprintf(stderr, _("\nsession saved in %s\n  as text:  socklab show %s\n"), dir, dir);
	if (socklab_sharedir())
		fprintf(stderr, _("  the lab's sheet (questions, exercise):  %s\n"),
			lab_sheet(a.lab, sheet, sizeof(sheet)));
	free(dir);
	if (ret < 0)
		return EXIT_USAGE;
	return ret == 0 ? EXIT_OK : EXIT_FAILED;
}
