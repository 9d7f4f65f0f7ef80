/*
 * sandbox.h - a cage for someone else's program: the grader runs students'
 * homework in one, a sandbox per submission.
 *
 * What a sandbox gives, when socklab runs as root:
 *   - a network namespace of its own with only loopback, held by a
 *     descriptor: it vanishes with the last process in it, and parallel
 *     runs never meet on a port;
 *   - a user id of its own (reserved with a lock file, so two graders never
 *     share one): RLIMIT_NPROC holds a fork bomb, since it counts per user
 *     and root is exempt; and one kill(-1) from that user ends all it began;
 *   - a cgroup (v2, or v1 pids, memory and cpu): pids.max, a memory limit
 *     for the whole run, one core of CPU time (cpu.max, v1
 *     cpu.cfs_quota_us: one submission cannot starve those graded beside
 *     it), and cgroup.kill;
 *   - a view of the files of its own (sandbox/mountns.h): its folder, the
 *     system's files read-only, a private /tmp and /dev/shm, a /proc
 *     where no other user's process shows, its own System V IPC; so it
 *     reaches no other submission's files, results or session ring;
 *   - resource limits for each process: CPU seconds, address space, open
 *     files, file size, processes; no core files; no new privileges.
 *   - a work folder of a fixed size (sandbox_workdir()): a tmpfs, so the
 *     program cannot fill the machine's disk.
 * It fails closed: when the machine cannot give one of its network, user,
 * view of the files or cgroup, sandbox_create() fails, naming what is
 * missing -- unless lim.unisolated (the machine itself is a throwaway
 * container, or the student's own): then only what can be had is had,
 * and sb->missing says in a sentence what is not isolated.
 *
 *   sandbox_create()  in socklab, before anything of the submission runs
 *   sandbox_enter()   in a forked child, just before exec
 *   sandbox_kill()    ends every process in it (the caller reaps its own)
 *   sandbox_destroy() kills, then removes what create made
 */
#ifndef SOCKLAB_SANDBOX_H
#define SOCKLAB_SANDBOX_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/resource.h>
#include <sys/types.h>

struct sandbox_limits {
	int cpu_s;	 /* CPU seconds per process (RLIMIT_CPU) */
	int as_mb;	 /* address space per process (RLIMIT_AS): virtual, so generous */
	int mem_mb;	 /* memory of all its processes together (the cgroup's) */
	int nproc;	 /* processes and threads at once */
	int nofile;	 /* open descriptors per process */
	int fsize_mb;	 /* the largest file a process may write */
	int disk_mb;	 /* its work folder's size (sandbox_workdir); 0: unbounded */
	bool unisolated; /* what the machine does not allow is said, not an error */
};

#define SANDBOX_CGROUPS 4

struct sandbox {
	struct sandbox_limits lim;
	bool isolated;		 /* root: its own user (and what else it could have) */
	bool complete;		 /* all of it: network, user, cgroup, view ("sandbox") */
	int netns_fd;		 /* its network namespace; -1: socklab's */
	char netns[32];		 /* "/proc/self/fd/N" for scenario_start_in; "" */
	unsigned long netns_ino; /* as `lsns` names it: net:[INO] */
	uid_t uid;		 /* its own user; socklab's when not isolated */
	gid_t gid;
	int uid_lock;	    /* the lock file that reserves uid; -1 */
	rlim_t nproc_limit; /* RLIMIT_NPROC as set in each child */
	int ncg;
	char cg[SANDBOX_CGROUPS][256];	     /* cgroup folders it made */
	char cg_procs[SANDBOX_CGROUPS][300]; /* their cgroup.procs */
	char cg_kill[256];		     /* the v2 cgroup that has cgroup.kill, or "" */
	char cg_mem[256];		     /* the cgroup that holds the memory limit, or "" */
	bool cg_mem_v1;			     /* ... in a v1 hierarchy (memory.oom_control) */
	long oom_base;			     /* its OOM-kill counter when it was made */
	bool cg_cpu;			     /* its cgroup holds it to one core */
	bool fs_private;		     /* its own view of the files (mountns.h) */
	char fs_root[64];		     /* ... mounted on this empty folder; "" */
	char workdir[4096];		     /* the folder it sees, read-write; "" */
	char libdir[4096];		     /* socklab's (the tracer), read-only; "" */
	char ring[300];			     /* the session's ring, in its /dev/shm; "" */
	char missing[800];		     /* what is not isolated, in a sentence; "" */
	bool disk_bounded;		     /* its work folder is a tmpfs of lim.disk_mb */
	unsigned char *seen;		     /* a bit per pid seen by sandbox_count() */
	int nseen;
	struct sandbox_filter *filter; /* its system-call filter (seccomp.h), or NULL */
};

/* Makes a sandbox with limits lim. Returns 0, or -1 with why in err: a
 * part of it the machine does not allow (no root, no network or mount
 * namespace, no cgroup) is an error that names it, unless lim->unisolated,
 * when it is said in sb->missing instead (and sb->complete is false). The
 * cpu controller alone is never an error: its absence is said in
 * sb->missing. */
int sandbox_create(struct sandbox *sb, const struct sandbox_limits *lim, char *err, size_t errlen);

/*
 * Makes dir the sandbox's work folder, in the calling process (a worker of
 * its own, with no thread yet): a mount namespace for the caller and all it
 * starts, and in it a tmpfs of lim.disk_mb on dir (made here), given to the
 * sandbox's user. It vanishes with the caller's last process: nothing of
 * it is left on the machine's disk. Returns an fd of dir (O_DIRECTORY,
 * opened without following a link), or -1 with why in err; with
 * lim.unisolated, a folder that cannot be bounded is said in sb->missing
 * and dir is a plain folder.
 */
int sandbox_workdir(struct sandbox *sb, const char *dir, char *err, size_t errlen);

/* True when the work folder (a tmpfs, fd from sandbox_workdir) has no room
 * left: a write there got ENOSPC. */
bool sandbox_workdir_full(const struct sandbox *sb, int dir_fd);

/* What its programs see besides the system's files (with fs_private): its
 * folder (read-write), socklab's lib folder (read-only: the tracer), and
 * the session's ring (NULL: none yet, as while it builds). */
void sandbox_set_view(struct sandbox *sb, const char *workdir, const char *libdir,
		      const char *ring);

/* In a forked child, just before exec: leaves socklab's session (a new
 * session of its own, with no controlling terminal: nothing it does
 * reaches the terminal socklab was started from), joins the namespace and
 * cgroups, enters its view of the files (and its folder), sets the
 * limits, becomes the sandbox's user, joins a new session keyring (keys
 * of an earlier run, or socklab's own, are not its), and last installs
 * the system-call filter (seccomp.h; sandbox_filter_start() first, or
 * nothing starts). arg is the sandbox. Async-signal-safe. Returns 0, or
 * an errno value. */
int sandbox_enter(void *arg);

/* Starts argv (a path) in the sandbox: stdin from /dev/null, stdout and
 * stderr to out_fd, in cwd, with envp, in a session of its own (no
 * terminal). Returns the pid once it runs argv, or -1 with errno set (the
 * child's, when it could not enter the sandbox or exec). */
pid_t sandbox_spawn(struct sandbox *sb, char *const argv[], char *const envp[], const char *cwd,
		    int out_fd);

/* The environment of a sandbox's programs, and nothing of socklab's own:
 * PATH (the system's), HOME (its folder), LANG (lang), TERM=dumb. A
 * traced program gets socklab's LD_PRELOAD and SOCKLAB_RING besides. */
struct sandbox_env {
	char path[64], home[4200], lang[64], term[16];
	char *envp[5];
};
void sandbox_env(const struct sandbox *sb, const char *lang, struct sandbox_env *env);

/* Processes still alive in the sandbox (zombies not counted); -1 when it
 * cannot tell (not isolated). Each one seen counts in sandbox_seen(). */
int sandbox_count(struct sandbox *sb);

/* How many different processes sandbox_count() has seen in it so far: a
 * program that forks without end shows here even when few live at once. */
int sandbox_seen(const struct sandbox *sb);

/*
 * How many of its processes the kernel killed because the sandbox as a
 * whole went over its memory limit (lim.mem_mb), counted by the cgroup:
 * v2 memory.events "oom_kill", v1 memory.oom_control "oom_kill". -1 when
 * there is no memory cgroup: then only RLIMIT_AS holds, which makes
 * malloc() fail instead, for the program to handle.
 */
int sandbox_oom_kills(const struct sandbox *sb);

/* Sends SIGKILL to every process in it (its user's, and any other in its
 * cgroups) until none is left (or timeout_ms passes). Returns how many are
 * still alive. The processes that are the
 * caller's children still need reaping. */
int sandbox_kill(struct sandbox *sb, int timeout_ms);

/* Kills what is left, removes its cgroups, lets go of its namespace and
 * user. Returns 0, or -1 when something of it could not be removed (a
 * cgroup that a process would not leave): what, and why, in err. */
int sandbox_destroy(struct sandbox *sb, char *err, size_t errlen);

/* True when user uid may read path (the tracer library, a program): each
 * folder on the way searchable, the file readable. */
bool sandbox_can_read(const struct sandbox *sb, const char *path);

#endif
