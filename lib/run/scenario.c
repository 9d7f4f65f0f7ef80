/*
 * scenario.c - programs started, fed, watched, reaped and ended.
 *
 * Threads: the caller's (it runs the scenario function and reaps), and an
 * output reader that polls every program's output pipe. Each program runs
 * in a process group of its own, so what it forks -- even children it
 * orphaned -- can be ended together with it.
 *
 * This file is the core (begin, start, wait, end); output.c reads and
 * notes what programs print; input.c feeds what they read.
 */
#include "run/scenario_int.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/errmsg.h"
#include "base/netns.h"
#include "base/netns_etc.h"
#include "host/paths.h"
#include "run/tracee.h"
#include "sources/sources.h"

/* Binds a socket of type to port (0: the kernel picks) on every address;
 * returns the port it got, or -1 when it is taken. */
static int bind_port(int type, int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(port)};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0), got = -1;

	if (fd >= 0 && bind(fd, (struct sockaddr *)&a, sizeof(a)) == 0 &&
	    getsockname(fd, (struct sockaddr *)&a, &len) == 0)
		got = ntohs(a.sin_port);
	if (fd >= 0)
		close(fd);
	return got;
}

/* The kernel picks a free TCP port; it is kept only if UDP has it free too
 * (the two are separate spaces: lab 7 binds its UDP receiver there). */
int scenario_free_port(void)
{
	for (int tries = 0; tries < 16; tries++) {
		int port = bind_port(SOCK_STREAM, 0);

		if (port < 0 || bind_port(SOCK_DGRAM, port) == port)
			return port;
	}
	return -1;
}

/* ---- starting --------------------------------------------------------- */

void sc_set_error(struct scenario *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
}

const char *scenario_error(const struct scenario *s)
{
	return s->err;
}

int scenario_fail(struct scenario *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(s->err, sizeof(s->err), fmt, ap);
	va_end(ap);
	scenario_note(s, "step", "stopped: %s", s->err);
	return -1;
}

struct run_facts *scenario_facts(struct scenario *s)
{
	return &s->facts;
}

struct collector *scenario_collector(struct scenario *s)
{
	return s->col;
}

struct run_proc *scenario_proc(struct scenario *s, pid_t pid)
{
	for (int i = 0; i < s->facts.nprocs; i++)
		if (s->facts.procs[i].pid == pid)
			return &s->facts.procs[i];
	return NULL;
}

/* The run_proc of pid, or NULL with the error set. */
struct run_proc *sc_proc_or_error(struct scenario *s, pid_t pid)
{
	struct run_proc *p = scenario_proc(s, pid);

	if (!p)
		sc_set_error(s, "no program with pid %d in this scenario", (int)pid);
	return p;
}

struct scenario *scenario_begin(const struct scenario_options *o, char *err, size_t errlen)
{
	struct collector_options co = {.dir = o->dir, .command = o->command};
	struct scenario *s = calloc(1, sizeof(*s));

	if (!s) {
		errmsg(err, errlen, "out of memory");
		return NULL;
	}
	pthread_mutex_init(&s->lock, NULL);
	s->on_say = o->on_say;
	s->on_say_arg = o->on_say_arg;
	s->in_child = o->in_child;
	s->in_child_arg = o->in_child_arg;
	s->env = o->env;
	s->stop_flag = o->stop;
	snprintf(s->progdir, sizeof(s->progdir), "%s", o->progdir ? o->progdir : ".");
	/* Orphans (a server's children, once it is gone) come to socklab,
	 * which reaps them and says so, rather than to init. */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	if (!(s->preload = socklab_preload(err, errlen)))
		goto out_free;
	if (pipe2(s->wake, O_CLOEXEC | O_NONBLOCK) < 0) {
		errmsg(err, errlen, "pipe: %s", strerror(errno));
		goto out_free;
	}
	co.sources = o->sources ? o->sources : session_sources;
	co.ring_mode = o->ring_mode;
	co.capture_iface = o->capture_iface;
	co.capture_netns = o->capture_netns;
	co.keep_root = o->keep_root;
	co.intake = o->intake;
	co.on_event = o->on_event;
	co.on_event_arg = o->on_event_arg;
	if (!(s->col = collector_start(&co, err, errlen)))
		goto out_close;
	if (pthread_create(&s->reader, NULL, sc_reader_main, s) != 0) {
		errmsg(err, errlen, "cannot start the output reader");
		goto out_stop;
	}
	s->reader_started = true;
	return s;

out_stop:
	collector_stop(s->col, NULL);
out_close:
	close(s->wake[0]);
	close(s->wake[1]);
out_free:
	free(s);
	return NULL;
}

/* Writes input to the program's stdin, then closes it; in a thread of its
 * own, so a program that reads slowly never blocks the scenario. */
static const char *program_path(struct scenario *s, const char *name, char *buf, size_t cap)
{
	if (strchr(name, '/'))
		return name;
	if ((size_t)snprintf(buf, cap, "%s/%s", s->progdir, name) >= cap)
		return name;
	return buf;
}

struct child_plan {
	struct scenario *s;
	pid_t socklab;
	char netns[300]; /* a path, or "" */
	struct etc_overlay etc;
};

/* Runs in the child: its own session (so its own process group, and no
 * controlling terminal: nothing it does reaches the terminal socklab runs
 * on), its network namespace, the caller's set-up, then death with
 * socklab. Async-signal-safe calls only. */
static int child_setup(void *arg)
{
	struct child_plan *plan = arg;
	int fd, err;

	if (setsid() < 0)
		return errno;
	if (plan->netns[0]) {
		fd = open(plan->netns, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || setns(fd, CLONE_NEWNET) < 0)
			return errno;
		close(fd);
		if ((err = etc_overlay_apply(&plan->etc)) != 0)
			return err;
	}
	if (plan->s->in_child && (err = plan->s->in_child(plan->s->in_child_arg)) != 0)
		return err;
	/* The program dies with socklab, even when socklab is killed and
	 * cannot end it; set after in_child, since becoming another user
	 * clears it. A socklab gone already would not send it: stop here. */
	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0)
		return errno;
	return getppid() == plan->socklab ? 0 : ESRCH;
}

void scenario_set_in_child(struct scenario *s, int (*in_child)(void *arg), void *arg)
{
	s->in_child = in_child;
	s->in_child_arg = arg;
}

pid_t scenario_start(struct scenario *s, const char *role, char *const argv[], const char *input)
{
	return scenario_start_in(s, NULL, role, argv, input);
}

/* Starts argv as role with stdin_fd as its standard input (closed here);
 * in_fd is socklab's end of a pipe to that input that stays open, or -1. */
static pid_t start_program(struct scenario *s, const char *netns, const char *role,
			   char *const argv[], int stdin_fd, int in_fd)
{
	char path[4096], *args[64];
	struct child_plan plan = {.s = s, .socklab = getpid()};
	struct tracee_options to = {.preload = s->preload,
				    .ring = collector_ring_path(s->col),
				    .in_child = child_setup,
				    .in_child_arg = &plan};
	struct run_proc *p;
	int out[2], i;
	pid_t pid;

	if (s->facts.nprocs == SCENARIO_MAX_PROCS) {
		sc_set_error(s, "too many programs in one scenario (%d)", SCENARIO_MAX_PROCS);
		goto out_close_in;
	}
	if (netns) {
		netns_path(netns, plan.netns, sizeof(plan.netns));
		etc_overlay_find(plan.netns, &plan.etc);
	}
	for (i = 0; argv[i] && i < 63; i++)
		args[i] = argv[i];
	args[i] = NULL;
	args[0] = (char *)program_path(s, argv[0], path, sizeof(path));
	if (pipe2(out, O_CLOEXEC) < 0) {
		sc_set_error(s, "cannot start %s: %s", role, strerror(errno));
		goto out_close_in;
	}
	to.argv = args;
	to.env = s->env;
	to.stdin_fd = stdin_fd;
	to.stdout_fd = to.stderr_fd = out[1];
	pid = tracee_start(&to, s->err, sizeof(s->err));
	close(stdin_fd);
	close(out[1]);
	if (pid > 0)
		collector_vouch(s->col, pid);
	if (pid < 0) {
		close(out[0]);
		if (in_fd >= 0)
			close(in_fd);
		return -1;
	}
	/* It runs (tracee_start waits for the exec): in its own session, and
	 * so its own process group, already. */
	pthread_mutex_lock(&s->lock);
	p = &s->facts.procs[s->facts.nprocs];
	*p = (struct run_proc){.pid = pid, .out_fd = out[0], .in_fd = in_fd};
	snprintf(p->role, sizeof(p->role), "%s", role);
	s->facts.nprocs++;
	pthread_mutex_unlock(&s->lock);
	if (write(s->wake[1], "", 1) < 0 && errno != EAGAIN)
		sc_set_error(s, "wake: %s", strerror(errno));
	return pid;

out_close_in:
	close(stdin_fd);
	if (in_fd >= 0)
		close(in_fd);
	return -1;
}

pid_t scenario_start_in(struct scenario *s, const char *netns, const char *role, char *const argv[],
			const char *input)
{
	int in = sc_open_input(input);

	if (in < 0) {
		sc_set_error(s, "cannot start %s: %s", role, strerror(errno));
		return -1;
	}
	return start_program(s, netns, role, argv, in, -1);
}

pid_t scenario_start_typing(struct scenario *s, const char *netns, const char *role,
			    char *const argv[])
{
	int fds[2];

	if (pipe2(fds, O_CLOEXEC) < 0) {
		sc_set_error(s, "cannot start %s: %s", role, strerror(errno));
		return -1;
	}
	return start_program(s, netns, role, argv, fds[0], fds[1]);
}

/* ---- waiting ------------------------------------------------------------ */

/* Reaps whatever has ended: the scenario's programs, and orphans that
 * were handed to socklab. */
void sc_reap(struct scenario *s)
{
	int status;
	pid_t pid;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		struct run_proc *p = scenario_proc(s, pid);

		collector_reaped(s->col, getpid(), pid, status, "socklab");
		if (p) {
			p->status = status;
			p->ended = true;
		}
	}
}

/* True when the user asked to stop (Ctrl-C): every wait gives up. */
bool sc_stopped(struct scenario *s)
{
	if (!s->stop_flag || !*s->stop_flag)
		return false;
	sc_set_error(s, "interrupted");
	return true;
}

void scenario_sleep(struct scenario *s, int ms)
{
	int64_t until = mono_ms() + ms;

	while (mono_ms() < until && !sc_stopped(s)) {
		sc_reap(s);
		sleep_ms(POLL_MS);
	}
	sc_reap(s);
}

/* True once the program's output pipe is closed, or after limit_ms. */
static void wait_output_closed(struct scenario *s, struct run_proc *p, int limit_ms)
{
	int64_t until = mono_ms() + limit_ms;

	while (mono_ms() < until) {
		pthread_mutex_lock(&s->lock);
		bool closed = p->out_fd < 0;
		pthread_mutex_unlock(&s->lock);
		if (closed)
			return;
		sleep_ms(POLL_MS);
	}
}

int scenario_wait(struct scenario *s, pid_t pid, int timeout_ms)
{
	struct run_proc *p = sc_proc_or_error(s, pid);
	int64_t until = mono_ms() + timeout_ms;

	if (!p)
		return -1;
	for (;;) {
		sc_reap(s);
		if (p->ended) {
			wait_output_closed(s, p, 500);
			return 0;
		}
		if (sc_stopped(s))
			return -1;
		if (mono_ms() >= until) {
			sc_set_error(s, "%s (pid %d) still runs after %d ms", p->role, (int)pid,
				     timeout_ms);
			return -1;
		}
		sleep_ms(POLL_MS);
	}
}

/* True when /proc/PID/net/FILE lists a socket on port in state (hex). */
static bool proc_net_has(const char *pid, const char *file, int port, const char *state)
{
	char path[128], line[512];
	bool found = false;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%s/net/%s", pid, file);
	f = fopen(path, "re");
	if (!f)
		return false;
	while (!found && fgets(line, sizeof(line), f)) {
		unsigned local_port;
		char st[8];
		/* "  0: 0100007F:2382 00000000:0000 0A ..." */
		if (sscanf(line, " %*d: %*[0-9A-Fa-f]:%x %*[0-9A-Fa-f]:%*x %7s", &local_port, st) ==
		    2)
			found = (int)local_port == port && strcmp(st, state) == 0;
	}
	fclose(f);
	return found;
}

/* Looks in socklab's network namespace and in each program's (a program
 * may run in a lab's namespace). */
static bool port_is(struct scenario *s, int port, const char *const files[], const char *state)
{
	char pid[16];

	for (int k = 0; files[k]; k++)
		if (proc_net_has("self", files[k], port, state))
			return true;
	for (int i = 0; i < s->facts.nprocs; i++) {
		if (s->facts.procs[i].ended)
			continue;
		snprintf(pid, sizeof(pid), "%d", (int)s->facts.procs[i].pid);
		for (int k = 0; files[k]; k++)
			if (proc_net_has(pid, files[k], port, state))
				return true;
	}
	return false;
}

static int wait_port(struct scenario *s, int port, int timeout_ms, bool udp)
{
	static const char *const tcp[] = {"tcp", "tcp6", NULL}, *const udps[] = {"udp", "udp6",
										 NULL};
	int64_t until = mono_ms() + timeout_ms;

	for (;;) {
		sc_reap(s);
		/* 0A is TCP_LISTEN; 07 (TCP_CLOSE) is how a bound UDP socket shows. */
		if (port_is(s, port, udp ? udps : tcp, udp ? "07" : "0A"))
			return 0;
		if (sc_stopped(s))
			return -1;
		if (mono_ms() >= until) {
			sc_set_error(s, "nothing %s on port %d after %d ms",
				     udp ? "bound" : "listens", port, timeout_ms);
			return -1;
		}
		sleep_ms(POLL_MS);
	}
}

int scenario_wait_listen(struct scenario *s, int port, int timeout_ms)
{
	return wait_port(s, port, timeout_ms, false);
}

int scenario_wait_udp(struct scenario *s, int port, int timeout_ms)
{
	return wait_port(s, port, timeout_ms, true);
}

void scenario_kill(struct scenario *s, pid_t pid, int sig)
{
	(void)s;
	kill(pid, sig);
}

void scenario_step(struct scenario *s, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	collector_note(s->col, "step", "%s", text);
	if (s->on_say)
		s->on_say(s->on_say_arg, NULL, text, strlen(text));
}

void scenario_note(struct scenario *s, const char *kind, const char *fmt, ...)
{
	char text[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	collector_note(s->col, kind, "%s", text);
}

/* ---- ending ------------------------------------------------------------- */

static bool all_ended(struct scenario *s)
{
	for (int i = 0; i < s->facts.nprocs; i++)
		if (!s->facts.procs[i].ended)
			return false;
	return true;
}

/* Sends sig to each program's process group: it and what it forked. */
static void signal_all(struct scenario *s, int sig, bool mark)
{
	for (int i = 0; i < s->facts.nprocs; i++) {
		struct run_proc *p = &s->facts.procs[i];
		kill(-p->pid, sig);
		if (!p->ended) {
			kill(p->pid, sig);
			if (mark)
				p->killed = true;
		}
	}
}

void scenario_end(struct scenario *s, int grace_ms, struct collector_summary *sum)
{
	int64_t until = mono_ms() + grace_ms;

	/* The user leaves: every input still open ends (Ctrl-D). */
	for (int i = 0; i < s->facts.nprocs; i++)
		scenario_type_end(s, s->facts.procs[i].pid);
	sc_reap(s);
	if (!all_ended(s))
		signal_all(s, SIGTERM, true);
	while (!all_ended(s) && mono_ms() < until) {
		sc_reap(s);
		sleep_ms(POLL_MS);
	}
	/* Whatever is left, in every program's group, ends now. */
	signal_all(s, SIGKILL, true);
	for (int64_t limit = mono_ms() + 2000; !all_ended(s) && mono_ms() < limit;) {
		sc_reap(s);
		sleep_ms(POLL_MS);
	}
	for (int i = 0; i < s->facts.nprocs; i++)
		wait_output_closed(s, &s->facts.procs[i], 200);
	atomic_store(&s->stop, true);
	if (s->reader_started)
		pthread_join(s->reader, NULL);
	s->reader_started = false;
	sc_reap(s);
	collector_stop(s->col, sum);
	s->col = NULL;
}

void scenario_free(struct scenario *s)
{
	if (!s)
		return;
	if (s->col)
		scenario_end(s, 0, NULL);
	for (int i = 0; i < s->facts.nprocs; i++) {
		if (s->facts.procs[i].out_fd >= 0)
			close(s->facts.procs[i].out_fd);
		if (s->facts.procs[i].in_fd >= 0)
			close(s->facts.procs[i].in_fd);
		free(s->facts.procs[i].out);
	}
	close(s->wake[0]);
	close(s->wake[1]);
	pthread_mutex_destroy(&s->lock);
	free(s);
}
