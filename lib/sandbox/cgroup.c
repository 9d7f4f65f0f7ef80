/*
 * cgroup.c - the cgroups of a sandbox: the v2 hierarchy where root may use
 * it (pids.max, memory.max, cpu.max, cgroup.kill), v1's pids, memory and
 * cpu where v2 lacks them; the kernel's count of OOM kills; joining and
 * removing them.
 */
#include "sandbox/cgroup.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"
#include "base/errmsg.h"

#define MIB (1024L * 1024L)

/* One core: CPU_QUOTA_US of CPU time in each CPU_PERIOD_US, for all of a
 * sandbox's processes together. On a machine of N cores, N sandboxes at
 * once each get theirs, and a busy loop in one slows no other. */
#define CPU_PERIOD_US 100000
#define CPU_QUOTA_US  100000

/* How long cgroups_remove() keeps killing what is still in a cgroup. */
#define REMOVE_TIMEOUT_MS 5000

/* True when the comma-separated list has word. */
static bool list_has(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; p && *p;) {
		const char *end = strchrnul(p, ',');
		if ((size_t)(end - p) == n && strncmp(p, word, n) == 0)
			return true;
		p = *end ? end + 1 : end;
	}
	return false;
}

/* Where the hierarchy is mounted: the cgroup2 one (controller NULL), or the
 * v1 one that holds controller. */
static bool cgroup_mount(const char *controller, char *out, size_t cap)
{
	char dev[256], dir[256], type[32], opts[512];
	bool found = false;
	FILE *f = fopen("/proc/self/mounts", "re");

	while (f && !found &&
	       fscanf(f, "%255s %255s %31s %511s %*d %*d", dev, dir, type, opts) == 4)
		found = controller ? strcmp(type, "cgroup") == 0 && list_has(opts, controller)
				   : strcmp(type, "cgroup2") == 0;
	if (f)
		fclose(f);
	if (found)
		snprintf(out, cap, "%s", dir);
	return found;
}

/* Our own cgroup in a hierarchy, from /proc/self/cgroup ("4:memory:/a/b"). */
static bool cgroup_own(const char *controller, char *out, size_t cap)
{
	char line[1024];
	bool found = false;
	FILE *f = fopen("/proc/self/cgroup", "re");

	while (f && !found && fgets(line, sizeof(line), f)) {
		char *ctl = strchr(line, ':'), *path = ctl ? strchr(ctl + 1, ':') : NULL;
		if (!path)
			continue;
		*path++ = '\0';
		path[strcspn(path, "\n")] = '\0';
		found = controller ? list_has(ctl + 1, controller) : ctl[1] == '\0';
		if (found)
			snprintf(out, cap, "%s", strcmp(path, "/") == 0 ? "" : path);
	}
	if (f)
		fclose(f);
	return found;
}

static int write_file(const char *dir, const char *file, const char *text)
{
	char path[600];
	int fd, ret;

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	ret = write(fd, text, strlen(text)) == (ssize_t)strlen(text) ? 0 : -1;
	close(fd);
	return ret;
}

static bool has_file(const char *dir, const char *file)
{
	char path[600];

	snprintf(path, sizeof(path), "%s/%s", dir, file);
	return access(path, F_OK) == 0;
}

/* Makes the cgroup folder base/socklab-UID and remembers it. */
static const char *cgroup_make(struct sandbox *sb, const char *base)
{
	char *dir = sb->cg[sb->ncg], path[sizeof(sb->cg[0])];

	if (sb->ncg == SANDBOX_CGROUPS)
		return NULL;
	snprintf(path, sizeof(path), "%s/socklab-%u", base, (unsigned)sb->uid);
	if (mkdir(path, 0755) < 0 && errno != EEXIST)
		return NULL;
	memcpy(dir, path, sizeof(path));
	snprintf(sb->cg_procs[sb->ncg], sizeof(sb->cg_procs[0]), "%s/cgroup.procs", path);
	sb->ncg++;
	return dir;
}

/* A v1 hierarchy's cgroup for controller, below our own. */
static const char *cgroup_v1(struct sandbox *sb, const char *controller)
{
	char mnt[256], own[512], base[800];

	if (!cgroup_mount(controller, mnt, sizeof(mnt)) ||
	    !cgroup_own(controller, own, sizeof(own)))
		return NULL;
	snprintf(base, sizeof(base), "%s%s", mnt, own);
	return cgroup_make(sb, base);
}

/*
 * The kernel's count of OOM kills in the memory cgroup dir, from a file of
 * "key value" lines: v2's memory.events ("oom_kill", or "oom" on kernels
 * before 4.13), v1's memory.oom_control ("oom_kill"). -1 when unknown.
 */
static long oom_counter(const char *dir, bool v1)
{
	char path[600], key[64];
	long value, kills = -1, ooms = -1;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, v1 ? "memory.oom_control" : "memory.events");
	if (!(f = fopen(path, "re")))
		return -1;
	while (fscanf(f, "%63s %ld", key, &value) == 2) {
		if (strcmp(key, "oom_kill") == 0)
			kills = value;
		else if (strcmp(key, "oom") == 0)
			ooms = value;
	}
	fclose(f);
	return kills >= 0 ? kills : ooms;
}

/* The memory limit is in dir: remember where, and the OOM count so far (a
 * cgroup left by a grader that died may have counted some already). */
static void memory_cgroup_is(struct sandbox *sb, const char *dir, bool v1)
{
	snprintf(sb->cg_mem, sizeof(sb->cg_mem), "%s", dir);
	sb->cg_mem_v1 = v1;
	sb->oom_base = oom_counter(dir, v1);
}

int sandbox_oom_kills(const struct sandbox *sb)
{
	long now;

	if (!sb->cg_mem[0] || (now = oom_counter(sb->cg_mem, sb->cg_mem_v1)) < 0)
		return -1;
	return (int)(now - (sb->oom_base > 0 ? sb->oom_base : 0));
}

/* One core for the sandbox: v2's cpu.max in dir, or a v1 cpu cgroup's
 * quota. True when one of them holds. */
static bool cpu_limit(struct sandbox *sb, const char *v2_dir)
{
	char num[32];
	const char *dir;

	snprintf(num, sizeof(num), "%d %d", CPU_QUOTA_US, CPU_PERIOD_US);
	if (v2_dir && has_file(v2_dir, "cpu.max") && write_file(v2_dir, "cpu.max", num) == 0)
		return true;
	if (!(dir = cgroup_v1(sb, "cpu")))
		return false;
	snprintf(num, sizeof(num), "%d", CPU_PERIOD_US);
	if (write_file(dir, "cpu.cfs_period_us", num) < 0)
		return false;
	snprintf(num, sizeof(num), "%d", CPU_QUOTA_US);
	return write_file(dir, "cpu.cfs_quota_us", num) == 0;
}

/*
 * The v2 hierarchy first: at its root, where root may always enable
 * controllers (they may be bound to v1, then they are simply not there).
 * It gives cgroup.kill in any case. v1's pids, memory and cpu make up for
 * what it lacks.
 */
bool cgroups_create(struct sandbox *sb)
{
	char mnt[256], num[32];
	const char *dir, *v2 = NULL;
	bool pids = false, mem = false;
	long mem_bytes = (long)sb->lim.mem_mb * MIB;

	if (cgroup_mount(NULL, mnt, sizeof(mnt))) {
		write_file(mnt, "cgroup.subtree_control", "+pids");
		write_file(mnt, "cgroup.subtree_control", "+memory");
		write_file(mnt, "cgroup.subtree_control", "+cpu");
		if ((dir = v2 = cgroup_make(sb, mnt))) {
			snprintf(num, sizeof(num), "%d", sb->lim.nproc);
			pids = has_file(dir, "pids.max") && write_file(dir, "pids.max", num) == 0;
			snprintf(num, sizeof(num), "%ld", mem_bytes);
			mem = has_file(dir, "memory.max") &&
			      write_file(dir, "memory.max", num) == 0;
			if (mem)
				memory_cgroup_is(sb, dir, false);
			if (has_file(dir, "cgroup.kill"))
				snprintf(sb->cg_kill, sizeof(sb->cg_kill), "%s", dir);
		}
	}
	if (!pids && (dir = cgroup_v1(sb, "pids"))) {
		snprintf(num, sizeof(num), "%d", sb->lim.nproc);
		write_file(dir, "pids.max", num);
	}
	if (!mem && mem_bytes && (dir = cgroup_v1(sb, "memory"))) {
		snprintf(num, sizeof(num), "%ld", mem_bytes);
		if (write_file(dir, "memory.limit_in_bytes", num) == 0)
			memory_cgroup_is(sb, dir, true);
	}
	sb->cg_cpu = cpu_limit(sb, v2);
	return sb->ncg > 0;
}

/* Joins each cgroup: writing 0 to cgroup.procs moves the writer. */
int cgroups_join(const struct sandbox *sb)
{
	for (int i = 0; i < sb->ncg; i++) {
		int fd = open(sb->cg_procs[i], O_WRONLY | O_CLOEXEC);
		if (fd < 0)
			return errno;
		if (write(fd, "0", 1) != 1) {
			close(fd);
			return errno;
		}
		close(fd);
	}
	return 0;
}

void cgroups_kill(const struct sandbox *sb)
{
	if (sb->cg_kill[0])
		write_file(sb->cg_kill, "cgroup.kill", "1");
}

/*
 * Sends sig (0: none, only counts) to each process listed in a cgroup.procs
 * file. Only sandbox_enter() puts a process in a sandbox's cgroup, so each
 * one is the sandbox's, whatever user it runs as by now (one that has not
 * yet become the sandbox's user, say, or that made itself undumpable, which
 * gives its /proc folder to root). Returns how many it lists.
 */
static int procs_signal(const char *procs, int sig)
{
	FILE *f = fopen(procs, "re");
	int pid, n = 0;

	while (f && fscanf(f, "%d", &pid) == 1)
		if (pid > 0) {
			n++;
			if (sig)
				kill(pid, sig);
		}
	if (f)
		fclose(f);
	return n;
}

int cgroups_signal(const struct sandbox *sb, int sig)
{
	int most = 0;

	for (int i = 0; i < sb->ncg; i++) {
		int n = procs_signal(sb->cg_procs[i], sig);
		most = n > most ? n : most;
	}
	return most;
}

/* "pid 812 (server) state D, ..." for the first processes in procs. */
static void describe_procs(const char *procs, char *out, size_t cap)
{
	FILE *f = fopen(procs, "re");
	size_t len = 0;
	int pid, shown = 0;

	out[0] = '\0';
	while (f && shown < 4 && len < cap && fscanf(f, "%d", &pid) == 1) {
		char path[64], line[512], *comm, *end;
		FILE *st;

		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		if (!(st = fopen(path, "re")))
			continue;
		comm = fgets(line, sizeof(line), st) ? strchr(line, '(') : NULL;
		end = comm ? strrchr(comm, ')') : NULL;
		fclose(st);
		if (!end || end[1] != ' ')
			continue;
		*end = '\0';
		len += (size_t)snprintf(out + len, cap - len, "%spid %d %s) state %c",
					shown++ ? ", " : "", pid, comm, end[2]);
	}
	if (f)
		fclose(f);
	if (!shown)
		snprintf(out, cap, "no process listed");
}

/*
 * Removes what cgroups_create() made. A cgroup goes once no process is left
 * in it (zombies do not count); whatever is still there is killed again,
 * for up to REMOVE_TIMEOUT_MS. Returns 0, or -1 with the first cgroup that
 * stayed, why, and what is in it, in err.
 */
int cgroups_remove(struct sandbox *sb, char *err, size_t errlen)
{
	int ret = 0;

	for (int i = sb->ncg; i-- > 0;) {
		long long give_up = mono_ms() + REMOVE_TIMEOUT_MS;

		while (rmdir(sb->cg[i]) < 0) {
			int why = errno;
			char procs[400];

			if (why == EBUSY && mono_ms() < give_up) {
				procs_signal(sb->cg_procs[i], SIGKILL);
				sleep_ms(10);
				continue;
			}
			if (ret == 0) {
				describe_procs(sb->cg_procs[i], procs, sizeof(procs));
				errmsg(err, errlen, "the sandbox's cgroup %s is left (%s; %s)",
				       sb->cg[i], strerror(why), procs);
			}
			ret = -1;
			break;
		}
	}
	sb->ncg = 0;
	sb->cg_kill[0] = '\0';
	sb->cg_mem[0] = '\0';
	return ret;
}
