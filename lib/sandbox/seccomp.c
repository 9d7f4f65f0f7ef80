/*
 * seccomp.c - the sandbox's system-call filter, and the thread that
 * answers the calls it stops (see seccomp.h).
 *
 * Why SECCOMP_RET_USER_NOTIF and not SECCOMP_RET_ERRNO: with ERRNO the
 * kernel answers by itself and tells no one; the program sees EPERM, but
 * socklab would know of the try only if the program said so -- or from
 * the audit log, which is not there in a container and is the machine's,
 * not ours. With USER_NOTIF each stopped call waits in the kernel until
 * socklab's thread answers it: the thread reads who made it (pid) and
 * with what (its arguments, from the kernel, not from the program), keeps
 * that, and answers -EPERM. It fails closed: when the listener is closed
 * (socklab ended, the thread stopped), the kernel answers ENOSYS itself;
 * the call is never let through. SECCOMP_USER_NOTIF_FLAG_CONTINUE is
 * never used, and the program never holds a listener (it is closed
 * before exec), so it cannot answer its own calls.
 *
 * libseccomp writes the filter (the system-call numbers of each
 * architecture, the checks of the arguments); it is made once, in the
 * parent, as BPF in memory. The child installs it with the seccomp()
 * system call itself: after fork() in a process with threads only
 * async-signal-safe calls are allowed, and seccomp_load() allocates. The
 * child hands its listener over a socketpair (SCM_RIGHTS) to the thread,
 * which polls every listener it was given.
 *
 * Not filtered: personality() (it changes only the program's own address
 * space, and tools use it), and the x32 system calls, which the filter
 * answers by killing the process (libseccomp's "bad architecture").
 */
#include "sandbox/seccomp.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <linux/userfaultfd.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "base/errmsg.h"

struct sandbox_filter {
	struct sock_fprog prog; /* the filter, for the children */
	int give_fd;		/* the children's end: each sends its listener */
	int take_fd;		/* the thread's end */
	int stop[2];		/* a byte: the thread ends */
	pthread_t thread;
	pid_t owner;		   /* the process the thread runs in */
	struct seccomp_notif *req; /* the thread's, sized for this kernel */
	struct seccomp_notif_resp *resp;
	struct pollfd *listeners; /* the thread's first 16 (it grows them) */

	pthread_mutex_t lock; /* what follows */
	struct sandbox_denial denied[SANDBOX_DENIALS];
	int ndenied, dropped;
};

/* Denied outright, whatever their arguments. */
static const char *const denied_calls[] = {
	"setns",
	"io_uring_setup",
	"io_uring_enter",
	"io_uring_register",
	"userfaultfd",
	"perf_event_open",
	"bpf",
	"keyctl",
	"add_key",
	"request_key",
	"ptrace",
	"process_vm_readv",
	"process_vm_writev",
	"pidfd_getfd",
	"mount",
	"umount2",
	"umount",
	"pivot_root",
	"chroot",
	"fsopen",
	"fsmount",
	"fspick",
	"fsconfig",
	"move_mount",
	"open_tree",
	"mount_setattr",
	"open_by_handle_at",
	"kexec_load",
	"kexec_file_load",
	"init_module",
	"finit_module",
	"delete_module",
	"swapon",
	"swapoff",
	"reboot",
	"acct",
	"quotactl",
	"quotactl_fd",
	NULL,
};

#ifndef CLONE_NEWTIME
#define CLONE_NEWTIME 0x00000080
#endif

/* The flags that make a namespace, by name, for the rules and the record. */
static const struct {
	unsigned long flag;
	const char *name;
} ns_flags[] = {
	{CLONE_NEWUSER, "CLONE_NEWUSER"},     {CLONE_NEWNS, "CLONE_NEWNS"},
	{CLONE_NEWNET, "CLONE_NEWNET"},	      {CLONE_NEWPID, "CLONE_NEWPID"},
	{CLONE_NEWIPC, "CLONE_NEWIPC"},	      {CLONE_NEWUTS, "CLONE_NEWUTS"},
	{CLONE_NEWCGROUP, "CLONE_NEWCGROUP"}, {CLONE_NEWTIME, "CLONE_NEWTIME"},
};

/* The ioctl requests denied, whatever the descriptor. */
static const struct {
	unsigned long request;
	const char *name;
} denied_ioctls[] = {
	{TIOCSTI, "TIOCSTI"},
	{TIOCLINUX, "TIOCLINUX"},
	{USERFAULTFD_IOC_NEW, "USERFAULTFD_IOC_NEW"},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the filter ------------------------------------------------------- */

/* A rule; a call this architecture does not have is left out. */
static int rule(scmp_filter_ctx ctx, uint32_t action, const char *name, unsigned n,
		const struct scmp_arg_cmp *cmp)
{
	int nr = seccomp_syscall_resolve_name(name);

	if (nr == __NR_SCMP_ERROR)
		return 0;
	return seccomp_rule_add_array(ctx, action, nr, n, cmp);
}

static int add_rules(scmp_filter_ctx ctx)
{
	int ret = 0;

	for (int i = 0; denied_calls[i] && ret == 0; i++)
		ret = rule(ctx, SCMP_ACT_NOTIFY, denied_calls[i], 0, NULL);
	for (size_t i = 0; i < NELEM(ns_flags) && ret == 0; i++) {
		struct scmp_arg_cmp flags =
			SCMP_A0(SCMP_CMP_MASKED_EQ, ns_flags[i].flag, ns_flags[i].flag);
		ret = rule(ctx, SCMP_ACT_NOTIFY, "unshare", 1, &flags);
		if (ret == 0)
			ret = rule(ctx, SCMP_ACT_NOTIFY, "clone", 1, &flags);
	}
	for (size_t i = 0; i < NELEM(denied_ioctls) && ret == 0; i++) {
		/* The request is an unsigned int: its upper bits do not count. */
		struct scmp_arg_cmp req =
			SCMP_A1(SCMP_CMP_MASKED_EQ, 0xffffffffUL, denied_ioctls[i].request);
		ret = rule(ctx, SCMP_ACT_NOTIFY, "ioctl", 1, &req);
	}
	if (ret == 0)
		ret = rule(ctx, SCMP_ACT_ERRNO(ENOSYS), "clone3", 0, NULL);
	return ret;
}

/* The filter as BPF, into f->prog. */
static int compile(struct sandbox_filter *f, char *err, size_t errlen)
{
	scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
	struct stat st;
	int fd = -1, ret = -1;

	if (!ctx)
		return errmsg(err, errlen, "libseccomp cannot make a filter");
	/* int 0x80 reaches the 32-bit calls, numbered otherwise: the same rules. */
	if (seccomp_arch_native() == SCMP_ARCH_X86_64)
		seccomp_arch_add(ctx, SCMP_ARCH_X86);
	if (seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS) < 0 ||
	    add_rules(ctx) < 0) {
		errmsg(err, errlen, "libseccomp cannot add the sandbox's rules");
		goto out;
	}
	fd = memfd_create("socklab-filter", MFD_CLOEXEC);
	if (fd < 0 || seccomp_export_bpf(ctx, fd) < 0 || fstat(fd, &st) < 0 || st.st_size <= 0) {
		errmsg(err, errlen, "cannot write the filter out: %s", strerror(errno));
		goto out;
	}
	f->prog.len = (unsigned short)(st.st_size / (off_t)sizeof(struct sock_filter));
	f->prog.filter = malloc((size_t)st.st_size);
	if (!f->prog.filter || pread(fd, f->prog.filter, (size_t)st.st_size, 0) != st.st_size) {
		errmsg(err, errlen, "cannot read the filter back");
		goto out;
	}
	ret = 0;
out:
	if (fd >= 0)
		close(fd);
	seccomp_release(ctx);
	return ret;
}

/* ---- what was tried ---------------------------------------------------- */

/* "CLONE_NEWUSER|CLONE_NEWNS" of flags, into out. */
static void ns_names(unsigned long flags, char *out, size_t cap)
{
	size_t len = 0;

	out[0] = '\0';
	for (size_t i = 0; i < NELEM(ns_flags); i++)
		if ((flags & ns_flags[i].flag) && len < cap)
			len += (size_t)snprintf(out + len, cap - len, "%s%s", len ? "|" : "",
						ns_flags[i].name);
}

/* The call as a student reads it: "unshare(CLONE_NEWUSER)",
 * "ioctl(0, TIOCSTI)", "mount(...)". */
static void describe(const struct seccomp_data *d, const char *name, char *out, size_t cap)
{
	char what[80] = "...";

	if (strcmp(name, "unshare") == 0 || strcmp(name, "clone") == 0) {
		ns_names((unsigned long)d->args[0], what, sizeof(what));
	} else if (strcmp(name, "setns") == 0) {
		ns_names((unsigned long)d->args[1], what, sizeof(what));
		snprintf(what + strlen(what), sizeof(what) - strlen(what), "%s",
			 what[0] ? "" : "0");
	} else if (strcmp(name, "ioctl") == 0) {
		for (size_t i = 0; i < NELEM(denied_ioctls); i++)
			if ((d->args[1] & 0xffffffffu) == denied_ioctls[i].request)
				snprintf(what, sizeof(what), "%d, %s", (int)d->args[0],
					 denied_ioctls[i].name);
	}
	if (strcmp(name, "setns") == 0)
		snprintf(out, cap, "setns(%d, %s)", (int)d->args[0], what);
	else
		snprintf(out, cap, "%s(%s)", name, what);
}

/* The name of pid now, into comm; "?" when it is gone. */
static void comm_of(pid_t pid, char *comm, size_t cap)
{
	char path[64];
	ssize_t n = -1;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) >= 0) {
		n = read(fd, comm, cap - 1);
		close(fd);
	}
	if (n <= 0)
		n = snprintf(comm, cap, "?");
	comm[n] = '\0';
	comm[strcspn(comm, "\n")] = '\0';
	/* The program names itself (prctl PR_SET_NAME): no byte of it may
	 * reach a report or a terminal as a control. */
	for (char *c = comm; *c; c++)
		if ((unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f)
			*c = '?';
}

static void record(struct sandbox_filter *f, const struct seccomp_notif *req)
{
	struct sandbox_denial d = {.pid = (pid_t)req->pid, .times = 1};
	char *name = seccomp_syscall_resolve_num_arch(req->data.arch, req->data.nr);
	int i;

	snprintf(d.syscall, sizeof(d.syscall), "%s", name ? name : "?");
	free(name);
	describe(&req->data, d.syscall, d.call, sizeof(d.call));
	if (req->data.arch != seccomp_arch_native())
		snprintf(d.call + strlen(d.call), sizeof(d.call) - strlen(d.call), " (32-bit)");
	comm_of(d.pid, d.comm, sizeof(d.comm));
	pthread_mutex_lock(&f->lock);
	for (i = 0; i < f->ndenied; i++)
		if (f->denied[i].pid == d.pid && strcmp(f->denied[i].call, d.call) == 0)
			break;
	if (i < f->ndenied)
		f->denied[i].times++;
	else if (f->ndenied < SANDBOX_DENIALS)
		f->denied[f->ndenied++] = d;
	else
		f->dropped++;
	pthread_mutex_unlock(&f->lock);
}

/* One stopped call on listener fd: recorded, answered EPERM. Returns -1
 * when the listener cannot be read (then it is closed, and the kernel
 * answers its calls ENOSYS: still denied, no longer recorded). */
static int answer(struct sandbox_filter *f, int fd, struct seccomp_notif *req,
		  struct seccomp_notif_resp *resp)
{
	/* The kernel takes only a zeroed request. ENOENT: the caller was
	 * killed meanwhile, nothing to answer. */
	memset(req, 0, sizeof(*req));
	errno = 0;
	if (seccomp_notify_receive(fd, req) < 0)
		return errno == ENOENT || errno == EINTR ? 0 : -1;
	record(f, req);
	resp->id = req->id;
	resp->val = 0;
	resp->error = -EPERM;
	resp->flags = 0;
	/* The same: a caller killed since is not answered. */
	seccomp_notify_respond(fd, resp);
	return 0;
}

/* ---- the thread ----------------------------------------------------------- */

/* A listener sent by a child, or -1. */
static int take_listener(int sock)
{
	char byte, ctl[CMSG_SPACE(sizeof(int))];
	struct iovec iov = {&byte, 1};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = ctl,
			   .msg_controllen = sizeof(ctl)};
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &m, MSG_CMSG_CLOEXEC) <= 0 || !(c = CMSG_FIRSTHDR(&m)) ||
	    c->cmsg_type != SCM_RIGHTS || c->cmsg_len != CMSG_LEN(sizeof(int)))
		return -1;
	memcpy(&fd, CMSG_DATA(c), sizeof(fd));
	return fd;
}

struct listeners {
	struct pollfd *p; /* [0] stop, [1] the socket, then each listener */
	int n, cap;
};

static void add_listener(struct listeners *l, int fd)
{
	if (l->n == l->cap) {
		int cap = l->cap * 2;
		struct pollfd *more = realloc(l->p, (size_t)cap * sizeof(*more));
		if (!more) {
			close(fd); /* its calls get ENOSYS: still denied */
			return;
		}
		l->p = more;
		l->cap = cap;
	}
	l->p[l->n++] = (struct pollfd){.fd = fd, .events = POLLIN};
}

static void *filter_thread(void *arg)
{
	struct sandbox_filter *f = arg;
	struct listeners l = {.p = f->listeners, .n = 2, .cap = 16};

	l.p[0] = (struct pollfd){.fd = f->stop[0], .events = POLLIN};
	l.p[1] = (struct pollfd){.fd = f->take_fd, .events = POLLIN};
	for (;;) {
		if (poll(l.p, (nfds_t)l.n, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (l.p[0].revents)
			break;
		if (l.p[1].revents & POLLIN) {
			int fd = take_listener(f->take_fd);
			if (fd >= 0)
				add_listener(&l, fd);
		}
		for (int i = 2; i < l.n; i++) {
			short ev = l.p[i].revents;

			/* POLLHUP alone: no process uses its filter any more. */
			if ((ev & POLLIN) ? answer(f, l.p[i].fd, f->req, f->resp) < 0 : ev != 0) {
				close(l.p[i].fd);
				l.p[i--] = l.p[--l.n];
			}
		}
	}
	for (int i = 2; i < l.n; i++)
		close(l.p[i].fd);
	free(l.p);
	return NULL;
}

/* ---- the interface -------------------------------------------------------- */

int sandbox_filter_start(struct sandbox *sb, char *err, size_t errlen)
{
	struct sandbox_filter *f = calloc(1, sizeof(*f));
	sigset_t all, was;
	bool started;
	int pair[2];

	if (!f)
		return errmsg(err, errlen, "out of memory");
	f->stop[0] = f->stop[1] = -1;
	pthread_mutex_init(&f->lock, NULL);
	f->owner = getpid();
	if (compile(f, err, errlen) < 0)
		goto out_free;
	/* All the thread needs, made before it starts: once a child has
	 * handed over its listener, only the thread can answer its calls. */
	if (seccomp_notify_alloc(&f->req, &f->resp) < 0 ||
	    !(f->listeners = calloc(16, sizeof(struct pollfd)))) {
		errmsg(err, errlen,
		       "this kernel gives no seccomp notifications (5.0 and later do)");
		goto out_free;
	}
	if (socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, pair) < 0 ||
	    pipe2(f->stop, O_CLOEXEC) < 0) {
		errmsg(err, errlen, "cannot make the filter's socket: %s", strerror(errno));
		goto out_free;
	}
	f->give_fd = pair[0];
	f->take_fd = pair[1];
	/* Signals are for the caller's thread: the new one starts with all
	 * blocked. */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &was);
	started = pthread_create(&f->thread, NULL, filter_thread, f) == 0;
	pthread_sigmask(SIG_SETMASK, &was, NULL);
	if (!started) {
		errmsg(err, errlen, "cannot start the filter's thread");
		close(pair[0]);
		close(pair[1]);
		goto out_free;
	}
	sb->filter = f;
	return 0;

out_free:
	if (f->stop[0] >= 0) {
		close(f->stop[0]);
		close(f->stop[1]);
	}
	if (f->req)
		seccomp_notify_free(f->req, f->resp);
	free(f->listeners);
	free(f->prog.filter);
	free(f);
	return -1;
}

/* Sends fd over sock; async-signal-safe. */
static int give_listener(int sock, int fd)
{
	char byte = 'L', ctl[CMSG_SPACE(sizeof(int))] = {0};
	struct iovec iov = {&byte, 1};
	struct msghdr m = {.msg_iov = &iov,
			   .msg_iovlen = 1,
			   .msg_control = ctl,
			   .msg_controllen = sizeof(ctl)};
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(fd));
	return sendmsg(sock, &m, MSG_NOSIGNAL) == 1 ? 0 : errno;
}

int sandbox_filter_enter(const struct sandbox *sb)
{
	const struct sandbox_filter *f = sb->filter;
	long listener;
	int err;

	/* No filter made: nothing of the sandbox starts. */
	if (!f)
		return ENOSYS;
	listener = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_NEW_LISTENER,
			   &f->prog);
	if (listener < 0)
		return errno;
	err = give_listener(f->give_fd, (int)listener);
	close((int)listener);
	return err;
}

int sandbox_take_denials(struct sandbox *sb, struct sandbox_denial *out, int max, int *dropped)
{
	struct sandbox_filter *f = sb->filter;
	int n;

	*dropped = 0;
	if (!f)
		return 0;
	pthread_mutex_lock(&f->lock);
	n = f->ndenied < max ? f->ndenied : max;
	memcpy(out, f->denied, (size_t)n * sizeof(*out));
	*dropped = f->dropped + f->ndenied - n;
	f->ndenied = f->dropped = 0;
	pthread_mutex_unlock(&f->lock);
	return n;
}

void sandbox_filter_stop(struct sandbox *sb)
{
	struct sandbox_filter *f = sb->filter;

	if (!f)
		return;
	sb->filter = NULL;
	/* A copy made by fork() holds no thread: only the owner ends it. */
	if (f->owner != getpid())
		return;
	if (write(f->stop[1], "x", 1) == 1)
		pthread_join(f->thread, NULL);
	close(f->stop[0]);
	close(f->stop[1]);
	close(f->give_fd);
	close(f->take_fd);
	pthread_mutex_destroy(&f->lock);
	seccomp_notify_free(f->req, f->resp);
	free(f->prog.filter);
	free(f);
}
