/*
 * sigcalls.c - reaping children (wait and friends) and signal handlers.
 *
 * A wait that reaps a child becomes a "reaped" record: who reaped whom, how
 * the child ended, and through which call. A wait that reaps nothing (0
 * with WNOHANG, ECHILD, EINTR) is an ordinary call record: in the zombie lab
 * those are the interesting ones.
 *
 * Handlers: installing one (sigaction, signal) is a "handler" record. To see
 * each delivery as well, the tracer installs its own small handler, the
 * trampoline, which writes a "signal" record and then calls the program's.
 * The program never sees the trampoline: sigaction() reports back the
 * handler the program installed, with the flags it asked for, so SA_RESTART
 * and EINTR behave exactly as without the tracer.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "tracer/tracer.h"

/* ---- wait ------------------------------------------------------------ */

static void rec_wait_args(struct rec *r, pid_t which, int options)
{
	char names[64];

	if (which != 0)
		rec_int(r, "which", which);
	if (options) {
		waitopts_str(options, names, sizeof(names));
		rec_str(r, "options", names);
	}
}

/* How the child ended: "status" for exit(), "sig" for a killing signal. */
static void rec_end(struct rec *r, int status)
{
	if (WIFEXITED(status)) {
		rec_int(r, "status", WEXITSTATUS(status));
	} else if (WIFSIGNALED(status)) {
		rec_str(r, "sig", signal_name(WTERMSIG(status)));
		if (WCOREDUMP(status))
			rec_bool(r, "core", true);
	}
}

static void rec_wait(const char *fn, pid_t which, int options, pid_t ret, int err, int status,
		     int64_t t_in)
{
	struct rec r;

	if (ret > 0 && (WIFEXITED(status) || WIFSIGNALED(status))) {
		rec_begin(&r, "proc", now_ns());
		rec_str(&r, "event", "reaped");
		rec_int(&r, "child", ret);
		rec_str(&r, "fn", fn);
		rec_end(&r, status);
		rec_int(&r, "dur", now_ns() - t_in);
	} else {
		rec_call(&r, fn, -1, ret, err, t_in, ACTS_AT_RETURN);
	}
	rec_wait_args(&r, which, options);
	rec_emit(&r);
}

/* wait, waitpid, wait3 and wait4 in one: the status is always fetched (the
 * record needs it) and handed to the program only if it asked. */
static pid_t trace_wait4(const char *fn, pid_t which, int *wstatus, int options, struct rusage *ru)
{
	int64_t t_in = now_ns();
	int status = 0;
	pid_t ret = real_wait4(which, &status, options, ru);
	int err = errno;

	if (ret > 0 && wstatus)
		*wstatus = status;
	rec_wait(fn, which, options, ret, err, status, t_in);
	errno = err;
	return ret;
}

static int trace_waitid(idtype_t type, id_t id, siginfo_t *info, int options)
{
	int64_t t_in = now_ns();
	int ret = real_waitid(type, id, info, options);
	int err = errno;
	int status = 0x7f; /* "stopped": nothing was reaped */
	pid_t child = 0;

	if (ret == 0 && info && info->si_pid != 0 && !(options & WNOWAIT)) {
		child = info->si_pid;
		if (info->si_code == CLD_EXITED)
			status = (info->si_status & 0xff) << 8;
		else if (info->si_code == CLD_KILLED || info->si_code == CLD_DUMPED)
			status = info->si_status | (info->si_code == CLD_DUMPED ? 0x80 : 0);
	}
	rec_wait("waitid", type == P_PID ? (pid_t)id : -1, options, child ? child : ret, err,
		 status, t_in);
	errno = err;
	return ret;
}

EXPORT pid_t wait(int *wstatus)
{
	NEED_REAL(wait4);
	if (!tracer_on)
		return real_wait4(-1, wstatus, 0, NULL);
	return trace_wait4("wait", -1, wstatus, 0, NULL);
}

EXPORT pid_t waitpid(pid_t which, int *wstatus, int options)
{
	NEED_REAL(wait4);
	if (!tracer_on)
		return real_wait4(which, wstatus, options, NULL);
	return trace_wait4("waitpid", which, wstatus, options, NULL);
}

EXPORT pid_t wait3(int *wstatus, int options, struct rusage *ru)
{
	NEED_REAL(wait4);
	if (!tracer_on)
		return real_wait4(-1, wstatus, options, ru);
	return trace_wait4("wait3", -1, wstatus, options, ru);
}

EXPORT pid_t wait4(pid_t which, int *wstatus, int options, struct rusage *ru)
{
	NEED_REAL(wait4);
	if (!tracer_on)
		return real_wait4(which, wstatus, options, ru);
	return trace_wait4("wait4", which, wstatus, options, ru);
}

EXPORT int waitid(idtype_t type, id_t id, siginfo_t *info, int options)
{
	NEED_REAL(waitid);
	if (!tracer_on)
		return real_waitid(type, id, info, options);
	return trace_waitid(type, id, info, options);
}

/* ---- signal handlers ------------------------------------------------- */

/* What the program installed for each signal whose handler is a function;
 * the trampoline is what the kernel has. */
static struct sigaction program_action[NSIG];
static volatile sig_atomic_t trampoline_on[NSIG];

static bool is_function(const struct sigaction *act)
{
	return act->sa_handler != SIG_DFL && act->sa_handler != SIG_IGN;
}

static void trampoline(int sig, siginfo_t *info, void *ctx)
{
	int saved = errno;
	struct sigaction act = program_action[sig];
	struct rec r;

	rec_begin(&r, "proc", now_ns());
	rec_str(&r, "event", "signal");
	rec_str(&r, "sig", signal_name(sig));
	/* For SIGCHLD: the child that caused it. Signals do not queue, so
	 * other children may have exited too. */
	if (sig == SIGCHLD && info)
		rec_int(&r, "child", info->si_pid);
	rec_emit(&r);
	if (act.sa_flags & SA_RESETHAND) {
		program_action[sig].sa_handler = SIG_DFL;
		trampoline_on[sig] = 0;
	}
	errno = saved;
	if (act.sa_flags & SA_SIGINFO)
		act.sa_sigaction(sig, info, ctx);
	else if (is_function(&act))
		act.sa_handler(sig);
}

static void rec_handler(const char *fn, int sig, const struct sigaction *act)
{
	char flags[128];
	struct rec r;

	rec_begin(&r, "proc", now_ns());
	rec_str(&r, "event", "handler");
	rec_str(&r, "sig", signal_name(sig));
	rec_str(&r, "handler",
		act->sa_handler == SIG_DFL   ? "SIG_DFL"
		: act->sa_handler == SIG_IGN ? "SIG_IGN"
					     : "function");
	rec_str(&r, "fn", fn);
	if (act->sa_flags) {
		sigflags_str(act->sa_flags, flags, sizeof(flags));
		rec_str(&r, "flags", flags);
	}
	rec_emit(&r);
}

/*
 * The program's handler is stored before the trampoline goes in, so a
 * signal that arrives in between finds it. old is given back as the program
 * last set it.
 */
static int trace_sigaction(const char *fn, int sig, const struct sigaction *act,
			   struct sigaction *old)
{
	bool valid = sig > 0 && sig < NSIG;
	bool wrap = valid && act && is_function(act) && sig != SIGKILL && sig != SIGSTOP;
	struct sigaction before = valid ? program_action[sig] : (struct sigaction){0};
	bool was_on = valid && trampoline_on[sig];
	struct sigaction mine;
	int ret, err;

	if (wrap) {
		mine = *act;
		mine.sa_flags |= SA_SIGINFO;
		mine.sa_sigaction = trampoline;
		program_action[sig] = *act;
	}
	ret = real_sigaction(sig, wrap ? &mine : act, old);
	err = errno;
	if (ret < 0 && wrap)
		program_action[sig] = before;
	if (ret == 0 && old && was_on && old->sa_sigaction == trampoline)
		*old = before;
	if (ret == 0 && act) {
		trampoline_on[sig] = wrap;
		rec_handler(fn, sig, act);
	}
	errno = err;
	return ret;
}

EXPORT int sigaction(int sig, const struct sigaction *act, struct sigaction *old)
{
	NEED_REAL(sigaction);
	if (!tracer_on)
		return real_sigaction(sig, act, old);
	return trace_sigaction("sigaction", sig, act, old);
}

/*
 * signal() as the C library defines it, built on sigaction like glibc's
 * own: flags and mask_self say which semantics (BSD or System V).
 */
static sighandler_t signal_via_sigaction(const char *fn, int sig, sighandler_t handler, int flags,
					 bool mask_self)
{
	struct sigaction act, old;
	int ret;

	memset(&act, 0, sizeof(act));
	act.sa_handler = handler;
	sigemptyset(&act.sa_mask);
	if (mask_self && sig > 0 && sig < NSIG)
		sigaddset(&act.sa_mask, sig);
	act.sa_flags = flags;
	NEED_REAL(sigaction);
	if (tracer_on)
		ret = trace_sigaction(fn, sig, &act, &old);
	else
		ret = real_sigaction(sig, &act, &old);
	return ret < 0 ? SIG_ERR : old.sa_handler;
}

/* BSD semantics, glibc's default: the handler stays installed, and
 * interrupted calls restart. */
EXPORT sighandler_t signal(int sig, sighandler_t handler)
{
	return signal_via_sigaction("signal", sig, handler, SA_RESTART, true);
}

EXPORT sighandler_t bsd_signal(int sig, sighandler_t handler)
{
	return signal(sig, handler);
}

/* System V semantics, which a strict -std=c99 build gets for signal(): the
 * handler runs once, then the default comes back. */
EXPORT sighandler_t __sysv_signal(int sig, sighandler_t handler)
{
	return signal_via_sigaction("signal", sig, handler, SA_RESETHAND | SA_NODEFER, false);
}

EXPORT sighandler_t sysv_signal(int sig, sighandler_t handler)
{
	return __sysv_signal(sig, handler);
}
