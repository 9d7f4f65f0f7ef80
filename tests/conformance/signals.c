/*
 * signals: what sigaction() and signal() report back must be what the
 * program installed, though the tracer's trampoline is what the kernel
 * holds; SA_SIGINFO handlers get their siginfo; SA_RESETHAND fires once.
 */
#define _GNU_SOURCE /* strerrorname_np, sighandler_t, closefrom */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t plain, info_pid_ok, once;

static void on_plain(int sig)
{
	(void)sig;
	plain++;
}
static void on_other(int sig)
{
	(void)sig;
}
static void on_once(int sig)
{
	(void)sig;
	once++;
}

static void on_info(int sig, siginfo_t *si, void *ctx)
{
	(void)sig;
	(void)ctx;
	info_pid_ok = si && si->si_pid == getpid();
}

int main(void)
{
	struct sigaction sa, old;
	sighandler_t prev;

	setvbuf(stdout, NULL, _IONBF, 0);
	prev = signal(SIGUSR1, on_plain);
	printf("first signal() returns SIG_DFL: %s\n", prev == SIG_DFL ? "yes" : "no");
	prev = signal(SIGUSR1, on_other);
	printf("second signal() returns the first handler: %s\n", prev == on_plain ? "yes" : "no");
	signal(SIGUSR1, on_plain);
	raise(SIGUSR1);
	printf("plain handler ran: %d\n", (int)plain);

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO | SA_RESTART;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR2, &sa, NULL);
	sigaction(SIGUSR2, NULL, &old);
	printf("sigaction reports the program's handler: %s\n",
	       old.sa_sigaction == on_info ? "yes" : "no");
	printf("flags as set: %s\n",
	       (old.sa_flags & (SA_SIGINFO | SA_RESTART)) == (SA_SIGINFO | SA_RESTART) ? "yes"
										       : "no");
	raise(SIGUSR2);
	printf("siginfo handler saw our pid: %d\n", (int)info_pid_ok);

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_once;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, NULL);
	raise(SIGWINCH);
	sigaction(SIGWINCH, NULL, &old);
	printf("SA_RESETHAND ran once and reset: %d %s\n", (int)once,
	       old.sa_handler == SIG_DFL ? "SIG_DFL" : "still set");
	signal(SIGPIPE, SIG_IGN);
	prev = signal(SIGPIPE, SIG_DFL);
	printf("SIG_IGN reported back: %s\n", prev == SIG_IGN ? "yes" : "no");
	return 0;
}
