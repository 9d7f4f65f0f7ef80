/*
 * procwatch.c - zombies and silent reaping, seen through /proc.
 *
 * A small array of watched processes is enough: a session has tens of
 * processes, a fork bomb in the grader's sandbox at most its process limit.
 */
#include "collect/procwatch.h"

#include <ctype.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/array.h"

struct watched {
	pid_t pid;
	pid_t ppid;
	bool zombie; /* already reported */
};

struct procwatch {
	struct watched *w;
	size_t n, cap;
};

struct procwatch *procwatch_new(void)
{
	return calloc(1, sizeof(struct procwatch));
}

void procwatch_free(struct procwatch *w)
{
	if (w)
		free(w->w);
	free(w);
}

static struct watched *find(const struct procwatch *w, pid_t pid)
{
	for (size_t i = 0; i < w->n; i++)
		if (w->w[i].pid == pid)
			return &w->w[i];
	return NULL;
}

bool procwatch_has(const struct procwatch *w, pid_t pid)
{
	return find(w, pid) != NULL;
}

void procwatch_add(struct procwatch *w, pid_t pid)
{
	if (pid <= 0 || find(w, pid))
		return;
	if (array_grow(&w->w, &w->cap, w->n, sizeof(*w->w)) < 0)
		return;
	w->w[w->n++] = (struct watched){.pid = pid};
}

void procwatch_forget(struct procwatch *w, pid_t pid)
{
	struct watched *p = find(w, pid);

	if (p)
		*p = w->w[--w->n];
}

void procwatch_each(const struct procwatch *w, void (*fn)(void *arg, pid_t pid), void *arg)
{
	for (size_t i = 0; i < w->n; i++)
		if (!w->w[i].zombie)
			fn(arg, w->w[i].pid);
}

int proc_stat(pid_t pid, char *state, pid_t *ppid)
{
	char path[64], buf[512];
	const char *close_paren;
	int parent = 0;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "re");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "PID (COMM) S PPID ...": COMM may hold spaces and parentheses, so
	 * read from the last ')'. */
	close_paren = strrchr(buf, ')');
	if (!close_paren || sscanf(close_paren + 1, " %c %d", state, &parent) != 2)
		return -1;
	*ppid = parent;
	return 0;
}

/* fn may add or forget processes while we scan (the collector does): the
 * entry is read by index each time, and a vanished one is removed before
 * fn hears of it. */
void procwatch_scan(struct procwatch *w, procwatch_fn fn, void *arg)
{
	for (size_t i = 0; i < w->n;) {
		struct watched p = w->w[i];
		char state;
		pid_t ppid;

		if (proc_stat(p.pid, &state, &ppid) < 0) {
			w->w[i] = w->w[--w->n];
			fn(arg, p.pid, p.ppid, PROC_VANISHED);
			continue;
		}
		w->w[i].ppid = ppid;
		if (state == 'Z' && !p.zombie) {
			w->w[i].zombie = true;
			fn(arg, p.pid, ppid, PROC_BECAME_ZOMBIE);
		}
		i++;
	}
}

/* Every process on the machine with its parent. */
struct family {
	pid_t pid, ppid;
};

static size_t read_families(struct family **out)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	struct family *f = NULL;
	size_t n = 0, cap = 0;

	while (d && (de = readdir(d))) {
		char state;
		pid_t pid, ppid;

		if (!isdigit((unsigned char)de->d_name[0]))
			continue;
		pid = atoi(de->d_name);
		if (proc_stat(pid, &state, &ppid) < 0)
			continue;
		if (array_grow(&f, &cap, n, sizeof(*f)) < 0)
			break;
		f[n++] = (struct family){pid, ppid};
	}
	if (d)
		closedir(d);
	*out = f;
	return n;
}

size_t proc_descendants(pid_t root, pid_t *out, size_t max)
{
	struct family *f;
	size_t nf = read_families(&f), n = 0;

	/* Breadth first: out[] itself is the queue of parents to expand. */
	for (size_t next = 0; next <= n; next++) {
		pid_t parent = next == 0 ? root : out[next - 1];
		for (size_t i = 0; i < nf && n < max; i++)
			if (f[i].ppid == parent && f[i].pid != root)
				out[n++] = f[i].pid;
		if (next == n)
			break;
	}
	free(f);
	return n;
}
