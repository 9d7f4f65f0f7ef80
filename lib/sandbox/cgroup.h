/*
 * cgroup.h - a sandbox's cgroups (private to lib/run/: sandbox.c uses
 * them; sandbox_oom_kills() in sandbox.h reads them).
 */
#ifndef SOCKLAB_CGROUP_H
#define SOCKLAB_CGROUP_H

#include <stdbool.h>

#include "sandbox/sandbox.h"

/* Makes the sandbox's cgroups with its limits (sb->lim, sb->uid); false
 * when the machine has none. */
bool cgroups_create(struct sandbox *sb);

/* In the child about to become the program: joins each of them. Returns
 * 0, or the errno of what failed. */
int cgroups_join(const struct sandbox *sb);

/* Kills every process in them at once (v2 cgroup.kill), where there is one. */
void cgroups_kill(const struct sandbox *sb);

/* Sends sig to every process in them (0: only counts them), whoever it
 * runs as. Returns how many the fullest one holds. */
int cgroups_signal(const struct sandbox *sb, int sig);

/* Removes them, killing what is still in one (for up to 5 seconds).
 * Returns 0, or -1 with which one is left, why, and what is in it in err. */
int cgroups_remove(struct sandbox *sb, char *err, size_t errlen);

#endif
