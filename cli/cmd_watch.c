/*
 * cmd_watch.c - socklab watch [--port P]... [--record DIR] [--no-view]: a
 * live session that programs started in other terminals join.
 *
 * Two parts that stay apart: the live plumbing (a collector with the
 * sources, announced in the user's rendezvous folder, lib/collect/live.h) hands
 * every event, as it is written, to an on_event function; that function
 * feeds the viewer on a terminal, or prints the event the way `socklab
 * show` does for a script or a pipe.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/i18n.h"
#include "base/strpool.h"
#include "cli.h"
#include "collect/collector.h"
#include "collect/live.h"
#include "session/event.h"
#include "sources/sources.h"
#include "viewer/viewer.h"

const struct command cmd_watch_info = {
	"watch",
	cmd_watch,
	N_("opens a live session that programs in other terminals join"),
	N_("usage: socklab watch [--port P]... [--record DIR] [--iface IF] [--no-view]\n"
	   "\n"
	   "Opens a live session in the viewer. Programs you start with `socklab\n"
	   "trace` in other terminals join it, so a server and a client run from two\n"
	   "terminals show up on one ladder as they talk. q (or Ctrl-C) ends the\n"
	   "session and saves it. Without a terminal, or with --no-view, each event\n"
	   "is printed as it happens instead, as `socklab show --flat` prints it.\n"
	   "\n"
	   "  --port P      the packets and TCP states on port P belong to the session,\n"
	   "                even those of programs that are not traced (repeatable)\n"
	   "  --record DIR  save the session in DIR (default: a new folder here,\n"
	   "                socklab-watch-DATE-TIME)\n"
	   "  --iface IF    capture packets on interface IF (default: lo)\n"
	   "  --no-view     print the events instead of opening the viewer\n"
	   "  --help        this text\n"
	   "\n"
	   "example:\n"
	   "  terminal 1:  socklab watch --port 9190\n"
	   "  terminal 2:  socklab trace -- ./echo_server 9190\n"
	   "  terminal 3:  socklab trace -- ./echo_client 127.0.0.1 9190 hello\n"),
};

#define MAX_PORTS 16

struct watch_args {
	const char *record;
	const char *iface; /* where packets are captured; NULL: lo */
	int ports[MAX_PORTS];
	size_t nports;
	bool view;
};

static int parse_port(const char *text, struct watch_args *a)
{
	char *end;
	long port = strtol(text, &end, 10);

	if (*text == '\0' || *end != '\0' || port < 1 || port > 65535)
		return cli_usage_error(&cmd_watch_info, _("--port %s: give a port from 1 to 65535"),
				       text);
	if (a->nports == MAX_PORTS)
		return cli_usage_error(&cmd_watch_info, _("at most %d ports"), MAX_PORTS);
	a->ports[a->nports++] = (int)port;
	return -1;
}

/* Returns -1 to go on, or the exit status to return at once. */
static int parse_args(int argc, char **argv, struct watch_args *a)
{
	static const struct option options[] = {
		{"port", required_argument, NULL, 'p'},	 {"record", required_argument, NULL, 'r'},
		{"iface", required_argument, NULL, 'i'}, {"no-view", no_argument, NULL, 'n'},
		{"help", no_argument, NULL, 'h'},	 {0},
	};
	int opt, ret;

	/* The viewer needs a terminal; a script or a pipe gets the lines. */
	a->view = isatty(STDIN_FILENO) && isatty(STDOUT_FILENO);
	while ((opt = getopt_long(argc, argv, "p:r:i:nh", options, NULL)) != -1) {
		switch (opt) {
		case 'i':
			if ((ret = cli_take_iface(&cmd_watch_info, optarg, &a->iface)) >= 0)
				return ret;
			break;
		case 'n':
			a->view = false;
			break;
		case 'p':
			if ((ret = parse_port(optarg, a)) >= 0)
				return ret;
			break;
		case 'r':
			a->record = optarg;
			break;
		case 'h':
			return cli_help(&cmd_watch_info);
		default:
			return cli_usage_error(&cmd_watch_info, _("unknown option"));
		}
	}
	if (optind != argc)
		return cli_usage_error(&cmd_watch_info,
				       _("%s: watch runs no program; start it with "
					 "socklab trace in another terminal"),
				       argv[optind]);
	return -1;
}

/* ---- printing: one line per event, as `socklab show` --------------------- */

struct printer {
	struct strpool *pool;
};

static void print_event(void *arg, const char *line, size_t len)
{
	struct printer *p = arg;
	char when[32], what[1024], err[256];
	struct event e;

	if (event_parse(&e, line, len, p->pool, err, sizeof(err)) < 0)
		return;
	e.json = line;
	e.json_len = (uint32_t)len;
	event_time_str(e.t, when, sizeof(when));
	event_describe(&e, what, sizeof(what));
	printf("%s %s\n", when, what);
	fflush(stdout);
}

/* ---- the live session --------------------------------------------------- */

/* Ctrl-C, SIGTERM and SIGHUP end the session; every thread started from
 * now on leaves them to the main thread, which waits for them. */
static void block_endings(sigset_t *endings)
{
	sigemptyset(endings);
	sigaddset(endings, SIGINT);
	sigaddset(endings, SIGTERM);
	sigaddset(endings, SIGHUP);
	pthread_sigmask(SIG_BLOCK, endings, NULL);
}

static int announce(struct collector *c, char *err, size_t errlen)
{
	struct live_session ls = {.pid = getpid()};

	snprintf(ls.ring, sizeof(ls.ring), "%s", collector_ring_path(c));
	/* Absolute: the programs that join run in other folders. */
	if (!realpath(collector_dir(c), ls.dir))
		snprintf(ls.dir, sizeof(ls.dir), "%s", collector_dir(c));
	return live_announce(&ls, err, errlen);
}

static void say_how_to_join(const struct watch_args *a)
{
	fprintf(stderr, _("socklab: live session open (pid %d)"), (int)getpid());
	for (size_t i = 0; i < a->nports; i++)
		fprintf(stderr, i ? ", %d" : _("; port %d"), a->ports[i]);
	fprintf(stderr, _(".\nsocklab: in another terminal: socklab trace -- ./your_program ...   "
			  "(Ctrl-C here ends the session)\n"));
}

/* What the events go to: the viewer's feed, or the printer. */
struct watch_out {
	struct viewer_feed *feed;
	struct printer printer;
};

static int out_setup(struct watch_out *o, const struct watch_args *a, struct collector_options *co)
{
	if (a->view) {
		o->feed = viewer_feed_new();
		co->on_event = viewer_feed_line;
		co->on_event_arg = o->feed;
		return o->feed ? 0 : -1;
	}
	o->printer.pool = strpool_new();
	co->on_event = print_event;
	co->on_event_arg = &o->printer;
	return o->printer.pool ? 0 : -1;
}

static void out_teardown(struct watch_out *o)
{
	viewer_feed_free(o->feed);
	strpool_free(o->printer.pool);
}

/*
 * Until the session ends: the viewer until the student quits it (its own
 * handlers take Ctrl-C, so the endings are let through to this thread), or
 * the first of the endings.
 */
static void run_until_ended(struct watch_out *o, const struct watch_args *a, struct collector *c,
			    sigset_t *endings)
{
	char title[128], err[512];
	int sig;

	if (!o->feed) {
		say_how_to_join(a);
		sigwait(endings, &sig);
		return;
	}
	snprintf(title, sizeof(title),
		 "watch (pid %d): socklab trace -- PROG in another terminal joins", (int)getpid());
	viewer_feed_clock(o->feed, collector_t0(c));
	pthread_sigmask(SIG_UNBLOCK, endings, NULL);
	if (viewer_run_live(o->feed, &(struct viewer_options){.title = title}, err, sizeof(err)) <
	    0)
		cli_error("%s", err);
}

/* Runs the live session in dir until it ends. */
static int watch_session(const struct watch_args *a, const char *dir)
{
	struct collector_options co = {.dir = dir,
				       .sources = session_sources,
				       .ports = a->ports,
				       .nports = a->nports,
				       .capture_iface = a->iface};
	struct watch_out out = {0};
	struct collector_summary sum;
	struct collector *c = NULL;
	sigset_t endings;
	char err[1024];
	int ret = EXIT_USAGE;

	block_endings(&endings);
	if (out_setup(&out, a, &co) < 0) {
		cli_error(_("cannot start the session: out of memory"));
		goto out_free;
	}
	c = collector_start(&co, err, sizeof(err));
	if (!c) {
		cli_error("%s", err);
		goto out_free;
	}
	if (announce(c, err, sizeof(err)) < 0) {
		cli_error("%s", err);
		goto out_stop;
	}
	run_until_ended(&out, a, c, &endings);
	ret = EXIT_OK;
	live_withdraw();
out_stop:
	collector_stop(c, &sum);
	if (ret == EXIT_OK)
		fprintf(stderr, _("socklab: session ended; %llu events saved in %s\n"),
			(unsigned long long)sum.events, dir);
out_free:
	out_teardown(&out);
	return ret;
}

int cmd_watch(int argc, char **argv)
{
	struct watch_args a = {0};
	struct live_session other;
	char err[512];
	char *dir;
	int ret = parse_args(argc, argv, &a);

	if (ret >= 0)
		return ret;
	if (live_find(&other, err, sizeof(err)) != 0) {
		if (other.pid > 0)
			cli_error(_("a live session is open already (socklab watch, pid %d, "
				    "recording "
				    "in %s): use that one, or end it first"),
				  (int)other.pid, other.dir);
		else
			cli_error("%s", err);
		return EXIT_USAGE;
	}
	dir = a.record ? strdup(a.record) : cli_session_dir("watch");
	if (!dir || cli_holds_session(dir)) {
		cli_error(_("%s already holds a session; give another folder with --record, or "
			    "delete it first"),
			  dir ? dir : "?");
		free(dir);
		return EXIT_USAGE;
	}
	ret = watch_session(&a, dir);
	free(dir);
	return ret;
}
