/*
 * cgroup.c - the cgroups of a sandbox: the v2 hierarchy where root may use
 * it (pids.max, memory.max, cgroup.kill), v1's pids and memory where v2
 * lacks them; the kernel's count of OOM kills; joining and removing them.
 */
#include "run/cgroup.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/clock.h"

#define MIB (1024L * 1024L)

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

/*
 * The v2 hierarchy first: at its root, where root may always enable
 * controllers (they may be bound to v1, then they are simply not there).
 * It gives cgroup.kill in any case. v1's pids and memory make up for what
 * it lacks.
 */
bool cgroups_create(struct sandbox *sb)
{
	char mnt[256], num[32];
	const char *dir;
	bool pids = false, mem = false;
	long mem_bytes = (long)sb->lim.mem_mb * MIB;

	if (cgroup_mount(NULL, mnt, sizeof(mnt))) {
		write_file(mnt, "cgroup.subtree_control", "+pids");
		write_file(mnt, "cgroup.subtree_control", "+memory");
		if ((dir = cgroup_make(sb, mnt))) {
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

/* Removes what cgroups_create() made, once the processes are gone. */
void cgroups_remove(struct sandbox *sb)
{
	/* A cgroup can go once its last process is gone, zombies included. */
	for (int i = sb->ncg; i-- > 0;)
		for (int tries = 0; rmdir(sb->cg[i]) < 0 && errno == EBUSY && tries < 100; tries++)
			sleep_ms(10);
	sb->ncg = 0;
	sb->cg_kill[0] = '\0';
	sb->cg_mem[0] = '\0';
}
