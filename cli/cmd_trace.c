/*
 * cmd_trace.c - socklab trace [--record DIR] -- PROG ARGS...
 *
 * Runs any program under the tracer and records a session: the program and
 * every process it starts. socklab makes itself a "child subreaper", so a
 * process whose parent dies is handed to socklab rather than to init: the
 * session can follow it, and socklab can wait for it (and say how it ended).
 * The session ends when the last of them has ended.
 *
 * When the same user has a live session open (`socklab watch`, in another
 * terminal), trace joins it: the program writes into the watch's ring, and
 * its story is part of the watch's session (lib/collect/live.h).
 *
 * With --view, the viewer shows the session as it is recorded: it runs on
 * the main thread, fed by the collector's thread, while another thread
 * waits for the programs. Their output goes to a file meanwhile (the
 * viewer owns the terminal), and is printed when the viewer closes.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/i18n.h"
#include "cli.h"
#include "collect/collector.h"
#include "collect/live.h"
#include "collect/procwatch.h"
#include "host/paths.h"
#include "run/tracee.h"
#include "sources/sources.h"
#include "viewer/viewer.h"
#include "wire/progcheck.h"
#include "wire/ring.h"

const struct command cmd_trace_info = {
	"trace",
	cmd_trace,
	N_("runs any program under the tracer and records a session"),
	N_("usage: socklab trace [--record DIR | --alone] [--sources LIST] [--iface IF] [--view]\n"
	   "                     -- PROG [ARGS...]\n"
	   "\n"
	   "Runs PROG with socklab's tracer and records what it does with sockets:\n"
	   "every socket call with its result, every process it forks, every child\n"
	   "that exits and who reaped it. PROG is your own program, unmodified; it\n"
	   "must be dynamically linked (the default when you compile with cc).\n"
	   "\n"
	   "  --record DIR  save the session in DIR (default: a new folder here,\n"
	   "                named after the program and the time)\n"
	   "  --alone       record a session of its own even when a live session\n"
	   "                (socklab watch) is open\n"
	   "  --sources LIST  what to record, of call,pkt,state (default: all):\n"
	   "                `--sources call` records the calls alone, at the least\n"
	   "                cost to a program that makes very many of them\n"
	   "  --iface IF    capture packets on interface IF (default: lo), e.g. the\n"
	   "                veth of a network namespace the program runs in\n"
	   "  --view        watch it live in the viewer, in a session of its own (q\n"
	   "                quits and ends the session; what PROG prints is shown\n"
	   "                when the viewer closes)\n"
	   "  --help        this text\n"
	   "\n"
	   "When you have a live session open in another terminal (socklab watch),\n"
	   "trace joins it: PROG's story becomes part of the watch's session.\n"
	   "\n"
	   "Then:  socklab show DIR    the session as text\n"
	   "       socklab view DIR    the session in the viewer\n"
	   "\n"
	   "examples:\n"
	   "  socklab trace -- ./echo_server 9190\n"
	   "  socklab trace --record client-run -- ./echo_client 127.0.0.1 9190\n"),
};

/* How long after the first Ctrl-C the programs may take to end on their
 * own, before socklab asks again, then insists. */
#define GRACE_MS 2000

static volatile sig_atomic_t interrupted;
/* The viewer has the terminal: say nothing on it. */
static atomic_bool viewing;

/* Sends sig to every process below socklab. */
static void signal_descendants(int sig)
{
	pid_t pids[1024];
	size_t n = proc_descendants(getpid(), pids, 1024);

	for (size_t i = 0; i < n; i++)
		kill(pids[i], sig);
}

/* After Ctrl-C: give the programs GRACE_MS to end (they got the same
 * Ctrl-C from the terminal), then SIGTERM, then SIGKILL. */
static void escalate(int64_t *since_ms, int *level)
{
	int64_t now = mono_ms();

	if (*since_ms == 0)
		*since_ms = now;
	if (*level < 1 && (now - *since_ms > GRACE_MS || interrupted > 1)) {
		signal_descendants(SIGTERM);
		*level = 1;
		*since_ms = now;
	} else if (*level == 1 && (now - *since_ms > GRACE_MS || interrupted > 2)) {
		signal_descendants(SIGKILL);
		*level = 2;
	}
}

static void say_who_remains(const char *prog)
{
	pid_t pids[64];
	size_t n = proc_descendants(getpid(), pids, 64);

	if (n == 0 || atomic_load(&viewing))
		return;
	fprintf(stderr, _("socklab: %s exited; %zu of its processes still run ("), prog, n);
	for (size_t i = 0; i < n && i < 8; i++)
		fprintf(stderr, "%s%d", i ? " " : "", (int)pids[i]);
	fprintf(stderr, _("%s): recording until they end (Ctrl-C stops)\n"), n > 8 ? " ..." : "");
}

/* Where the "reaped" events of socklab's own waits go: the collector of
 * this session, or the ring of a live session trace has joined. */
struct reaped_sink {
	struct collector *c;
	struct ring *ring;
};

static void sink_reaped(const struct reaped_sink *sink, pid_t child, int status)
{
	json_t *ev;
	char *line;

	if (sink->c) {
		collector_reaped(sink->c, getpid(), child, status, "socklab");
		return;
	}
	ev = collector_reaped_event(ring_now_ns() - sink->ring->hdr->t0_ns, getpid(), child, status,
				    "socklab");
	line = ev ? json_dumps(ev, JSON_COMPACT) : NULL;
	if (line)
		ring_put(sink->ring, line, strlen(line));
	free(line);
	json_decref(ev);
}

/*
 * Waits for the program and everything it started. Every process socklab
 * reaps (the program, and orphans handed to socklab) becomes a "reaped"
 * event. Returns the program's wait status.
 */
static int wait_all(const struct reaped_sink *sink, pid_t top, const char *prog)
{
	int64_t since = 0;
	int level = 0, top_status = 0;

	for (;;) {
		int status;
		pid_t pid = waitpid(-1, &status, interrupted ? WNOHANG : 0);

		if (pid > 0) {
			sink_reaped(sink, pid, status);
			if (pid == top) {
				top_status = status;
				say_who_remains(prog);
			}
		} else if (pid < 0 && errno == ECHILD) {
			return top_status;
		} else if (interrupted) {
			escalate(&since, &level);
			if (pid == 0)
				sleep_ms(50);
		}
	}
}

static void print_summary(const char *dir, const char *prog, int status,
			  const struct collector_summary *sum)
{
	if (WIFSIGNALED(status))
		fprintf(stderr, _("socklab: %s was killed by signal %d (%s)"), prog,
			WTERMSIG(status), strsignal(WTERMSIG(status)));
	else
		fprintf(stderr, _("socklab: %s exited with status %d"), prog, WEXITSTATUS(status));
	fprintf(stderr, _("; %llu events recorded"), (unsigned long long)sum->events);
	if (sum->lost_calls + sum->bad_records)
		fprintf(stderr, _(", %llu lost"),
			(unsigned long long)(sum->lost_calls + sum->bad_records));
	fprintf(stderr, _("\nsocklab: session saved in %s\n"), dir);
	fprintf(stderr, _("         as text:  socklab show %s\n"), dir);
}

struct trace_args {
	const char *record;
	bool alone; /* never join a live session */
	const struct source *sources[SOURCES_MAX + 1];
	const char *iface; /* where packets are captured; NULL: lo */
	bool view;	   /* show it in the viewer (a session of its own) */
	char **argv;	   /* the program and its arguments */
};

/* Returns -1 to go on, or the exit status to return at once. */
static int parse_args(int argc, char **argv, struct trace_args *a)
{
	static const struct option options[] = {
		{"record", required_argument, NULL, 'r'},
		{"alone", no_argument, NULL, 'a'},
		{"sources", required_argument, NULL, 's'},
		{"iface", required_argument, NULL, 'i'},
		{"view", no_argument, NULL, 'v'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	char err[256];
	int opt, ret;

	sources_pick("call,pkt,state", a->sources, err, sizeof(err));
	/* '+': stop at the first non-option, the program to run. */
	while ((opt = getopt_long(argc, argv, "+r:as:i:vh", options, NULL)) != -1) {
		switch (opt) {
		case 'i':
			if ((ret = cli_take_iface(&cmd_trace_info, optarg, &a->iface)) >= 0)
				return ret;
			break;
		case 'a':
			a->alone = true;
			break;
		case 's':
			if (sources_pick(optarg, a->sources, err, sizeof(err)) < 0)
				return cli_usage_error(&cmd_trace_info, _("--sources: %s"), err);
			break;
		case 'v':
			a->view = a->alone = true;
			break;
		case 'r':
			a->record = optarg;
			break;
		case 'h':
			return cli_help(&cmd_trace_info);
		default:
			return cli_usage_error(&cmd_trace_info, _("unknown option"));
		}
	}
	if (optind >= argc)
		return cli_usage_error(&cmd_trace_info, _("give the program to run, after --"));
	a->argv = argv + optind;
	return -1;
}

/* Starts the program; to's argv, preload and ring are filled here, its
 * standard streams are the caller's. Its pid, or -1 (said on stderr). */
static pid_t start_traced(struct tracee_options *to, char **argv, const char *preload,
			  const char *ring)
{
	char err[1024];
	pid_t pid;

	prctl(PR_SET_CHILD_SUBREAPER, 1);
	/* SIGINT, SIGTERM and SIGHUP end the session, not socklab: they
	 * only count, and interrupt waitpid(). */
	cli_catch_interrupts(&interrupted, false);
	to->argv = argv;
	to->preload = preload;
	to->ring = ring;
	pid = tracee_start(to, err, sizeof(err));
	if (pid < 0)
		cli_error("%s", err);
	return pid;
}

/* Runs the program and waits for everything it started; its wait status,
 * or -1 when it could not start (said on stderr). */
static int run_traced(char **argv, const char *preload, const char *ring,
		      const struct reaped_sink *sink)
{
	struct tracee_options to = {.stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1};
	pid_t pid = start_traced(&to, argv, preload, ring);

	return pid < 0 ? -1 : wait_all(sink, pid, argv[0]);
}

/* ---- --view ---------------------------------------------------------- */

struct waiter {
	const struct reaped_sink *sink;
	pid_t pid;
	const char *prog;
	struct viewer_feed *feed;
	int status;
	atomic_bool done;
};

/* The waiting thread: wait_all(), then tell the viewer how it ended. */
static void *waiter_main(void *arg)
{
	struct waiter *w = arg;

	w->status = wait_all(w->sink, w->pid, w->prog);
	atomic_store(&w->done, true);
	if (WIFSIGNALED(w->status))
		viewer_feed_end(w->feed, _("%s killed by %s"), w->prog,
				strsignal(WTERMSIG(w->status)));
	else
		viewer_feed_end(w->feed, _("%s exited with status %d"), w->prog,
				WEXITSTATUS(w->status));
	return NULL;
}

/* Runs the viewer until the student quits, then ends the session: what
 * still runs gets SIGTERM (and wait_all's SIGKILL after GRACE_MS). Returns
 * the program's wait status. */
static int wait_viewing(const struct reaped_sink *sink, pid_t pid, const char *prog,
			struct viewer_feed *feed)
{
	struct waiter w = {.sink = sink, .pid = pid, .prog = prog, .feed = feed};
	char title[256], err[512];
	pthread_t thread;

	viewer_feed_clock(feed, collector_t0(sink->c));
	if (pthread_create(&thread, NULL, waiter_main, &w) != 0)
		return wait_all(sink, pid, prog);
	snprintf(title, sizeof(title), "trace %s", prog);
	atomic_store(&viewing, true);
	if (viewer_run_live(feed, &(struct viewer_options){.title = title}, err, sizeof(err)) < 0)
		cli_error(_("%s; recording without it until %s ends"), err, prog);
	else if (!atomic_load(&w.done)) {
		interrupted = 1;
		signal_descendants(SIGTERM);
	}
	atomic_store(&viewing, false);
	pthread_join(thread, NULL);
	return w.status;
}

/* What the programs printed while the viewer had the terminal. */
static void print_output(FILE *out, const char *prog)
{
	char buf[8192];
	size_t n;
	bool any = false;

	rewind(out);
	while ((n = fread(buf, 1, sizeof(buf), out)) > 0) {
		if (!any)
			fprintf(stderr, _("socklab: what %s printed:\n"), prog);
		any = true;
		fwrite(buf, 1, n, stdout);
	}
	fflush(stdout);
}

/* What --view needs: the feed the collector fills, and the file the
 * programs write to while the viewer has the terminal. */
struct view {
	struct viewer_feed *feed;
	FILE *out;
	struct tracee_options to;
};

/* Returns 0, or -1 (said why). */
static int view_setup(struct view *v, struct collector_options *co)
{
	v->to = (struct tracee_options){.stdin_fd = -1, .stdout_fd = -1, .stderr_fd = -1};
	v->feed = viewer_feed_new();
	v->out = tmpfile();
	v->to.stdin_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (!v->feed || !v->out || v->to.stdin_fd < 0) {
		cli_error(_("cannot set the viewer up: %s"), strerror(errno));
		return -1;
	}
	v->to.stdout_fd = v->to.stderr_fd = fileno(v->out);
	co->on_event = viewer_feed_line;
	co->on_event_arg = v->feed;
	return 0;
}

static void view_teardown(struct view *v)
{
	viewer_feed_free(v->feed);
	if (v->out)
		fclose(v->out);
	if (v->to.stdin_fd >= 0)
		close(v->to.stdin_fd);
}

/* run_traced() with the viewer on the main thread. */
static int run_viewing(struct view *v, char **argv, const char *preload,
		       const struct reaped_sink *sink)
{
	pid_t pid = start_traced(&v->to, argv, preload, collector_ring_path(sink->c));

	return pid < 0 ? -1 : wait_viewing(sink, pid, argv[0], v->feed);
}

/* The program joins the live session of a watch: its ring, its folder. */
static int trace_joined(const struct trace_args *a, const struct live_session *ls,
			const char *preload)
{
	struct reaped_sink sink = {0};
	struct ring ring;
	int status;

	if (ring_attach(&ring, ls->ring) < 0) {
		cli_error(_("the live session of socklab watch (pid %d) is gone: run again, or use "
			    "--alone"),
			  (int)ls->pid);
		return EXIT_USAGE;
	}
	if (a->record)
		cli_error(_("--record %s is not used: the watch records this program too"),
			  a->record);
	fprintf(stderr,
		_("socklab: joined the live session of socklab watch (pid %d), recording in %s\n"),
		(int)ls->pid, ls->dir);
	sink.ring = &ring;
	status = run_traced(a->argv, preload, ls->ring, &sink);
	ring_detach(&ring);
	if (status < 0)
		return EXIT_USAGE;
	fprintf(stderr, _("socklab: %s ended; its story is in the watch's session, %s\n"),
		a->argv[0], ls->dir);
	return EXIT_OK;
}

/* The program gets a session of its own. */
static int trace_alone(const struct trace_args *a, const char *preload)
{
	struct collector_options co = {0};
	struct collector_summary sum;
	struct reaped_sink sink = {0};
	struct view view = {.to.stdin_fd = -1};
	struct collector *c;
	char err[1024];
	char *dir = a->record ? strdup(a->record) : cli_session_dir(a->argv[0]);
	int status, ret = EXIT_USAGE;

	if (!dir || cli_holds_session(dir)) {
		cli_error(_("%s already holds a session; give another folder with --record, or "
			    "delete it first"),
			  dir ? dir : "?");
		goto out_free;
	}
	co.dir = dir;
	co.command = a->argv;
	co.sources = a->sources;
	co.capture_iface = a->iface;
	if (a->view && view_setup(&view, &co) < 0)
		goto out_free;
	c = collector_start(&co, err, sizeof(err));
	if (!c) {
		cli_error("%s", err);
		goto out_free;
	}
	sink.c = c;
	status = a->view ? run_viewing(&view, a->argv, preload, &sink)
			 : run_traced(a->argv, preload, collector_ring_path(c), &sink);
	collector_stop(c, &sum);
	if (a->view)
		print_output(view.out, a->argv[0]);
	if (status >= 0) {
		print_summary(dir, a->argv[0], status, &sum);
		ret = EXIT_OK;
	}
out_free:
	view_teardown(&view);
	free(dir);
	return ret;
}

int cmd_trace(int argc, char **argv)
{
	struct trace_args a = {0};
	struct live_session ls;
	char err[1024];
	const char *preload;
	int ret = parse_args(argc, argv, &a);

	if (ret >= 0)
		return ret;
	/* Before anything is made on disk: a typo must not leave a folder. */
	if (prog_check(a.argv[0], err, sizeof(err)) < 0) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	if (!(preload = socklab_preload(err, sizeof(err)))) {
		cli_error("%s", err);
		return EXIT_USAGE;
	}
	if (!a.alone && live_find(&ls, err, sizeof(err)) == 1)
		return trace_joined(&a, &ls, preload);
	return trace_alone(&a, preload);
}
