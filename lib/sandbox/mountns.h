/*
 * mountns.h - what a sandbox's programs see of the machine's files
 * (private to lib/run/: sandbox.c uses it).
 *
 * A mount namespace of its own, whose root is a fresh tmpfs holding only:
 *   /usr /etc /bin /sbin /lib*   the system's files, read-only, no setuid
 *   /dev                         null zero full random urandom (no tty,
 *                                no pts: it has no terminal), its own
 *                                /dev/shm (a tmpfs) with the session's ring
 *   /proc                        a procfs with hidepid=invisible: only the
 *                                sandbox user's own processes show
 *   /sys                         read-only, of its own network namespace
 *   /tmp                         a tmpfs of its own
 *   its folder                   read-write, at the same path as outside
 *   socklab's lib folder         read-only (the tracer), at the same path
 * and an IPC namespace of its own (System V shared memory, semaphores).
 * All of it goes with the namespace's last process: nothing is left in
 * the machine's /tmp or /dev/shm.
 */
#ifndef SOCKLAB_MOUNTNS_H
#define SOCKLAB_MOUNTNS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "sandbox/sandbox.h"

/* Whether this machine lets socklab make such a view (root, and a kernel
 * and container that allow mount namespaces): tried in a child, on root,
 * the empty folder the view is mounted on (made here; the sandbox removes
 * it at its end). False with why in err. */
bool mountns_possible(const char *root, char *err, size_t errlen);

/*
 * In the calling process (single-threaded): a mount namespace of its own,
 * whose mounts propagate nowhere, and in it a tmpfs of size_mb on dir
 * (made here, mode 0755), given to uid:gid. Returns an fd of dir
 * (O_DIRECTORY | O_NOFOLLOW), or -1 with why in err.
 */
int mountns_workdir(const char *dir, int size_mb, uid_t uid, gid_t gid, char *err, size_t errlen);

/* In the child about to become the program, still root: makes the view
 * and enters it (pivot_root), then changes to the sandbox's folder.
 * Async-signal-safe. Returns 0, or the errno of what failed. */
int mountns_enter(const struct sandbox *sb);

#endif
