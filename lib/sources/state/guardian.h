/*
 * guardian.h - undoing machine-wide changes when socklab dies, however it
 * dies.
 *
 * A tracefs instance and a tracefs mount outlive the process that made
 * them. socklab removes them when it stops; but a SIGKILL, a crash or a
 * closed terminal gives it no chance. So before it makes them, socklab
 * starts a guardian: a tiny process of its own that holds the reading end
 * of a pipe. socklab tells it, through the pipe, what to undo. When socklab
 * ends in any way, the kernel closes socklab's end, the guardian reads
 * end-of-file, and undoes what it was told -- unless socklab said it had
 * cleaned up itself.
 *
 * The guardian is a grandchild, handed to init at once: it is not one of
 * the processes `socklab trace` waits for, and it has a session of its own,
 * so Ctrl-C in the terminal does not reach it.
 */
#ifndef SOCKLAB_GUARDIAN_H
#define SOCKLAB_GUARDIAN_H

#include <stddef.h>

struct guardian {
	int fd; /* the pipe's writing end; -1 when no guardian runs */
};

/* Starts the guardian. Returns 0, or -1 with why. */
int guardian_start(struct guardian *g, char *err, size_t errlen);

/* If socklab dies: rmdir(path) (a tracefs instance), waiting a moment for
 * socklab's descriptors in it to close. Returns 0 or -1. */
int guardian_undo_rmdir(struct guardian *g, const char *path);

/* If socklab dies: unmount path, then rmdir(path). Returns 0 or -1. */
int guardian_undo_mount(struct guardian *g, const char *path);

/* socklab has undone everything itself: the guardian leaves, touching
 * nothing. */
void guardian_release(struct guardian *g);

#endif
