/*
 * cgroup.h - a sandbox's cgroups (private to lib/run/: sandbox.c uses
 * them; sandbox_oom_kills() in sandbox.h reads them).
 */
#ifndef SOCKLAB_CGROUP_H
#define SOCKLAB_CGROUP_H

#include <stdbool.h>

#include "run/sandbox.h"

/* Makes the sandbox's cgroups with its limits (sb->lim, sb->uid); false
 * when the machine has none. */
bool cgroups_create(struct sandbox *sb);

/* In the child about to become the program: joins each of them. Returns
 * 0, or the errno of what failed. */
int cgroups_join(const struct sandbox *sb);

/* Kills every process in them at once (v2 cgroup.kill), where there is one. */
void cgroups_kill(const struct sandbox *sb);

/* Removes them; each waits (up to a second) for its last process to go. */
void cgroups_remove(struct sandbox *sb);

#endif
