/*
 * stage.h - socklab's lib folder where another user can read it.
 *
 * The grader runs each submission as a user of its own, who must read the
 * tracer (LD_PRELOAD) and run the grader's drivers. A checkout under a home
 * folder of mode 0700 (Debian's default) hides them from that user. Rather
 * than ask the instructor to open their home to everyone, socklab copies
 * its lib folder into /run/socklab/lib-PID (mode 0755, root's) for the
 * time of the command, and from then on socklab_libdir() and
 * socklab_preload() (host/paths.h) name the copy.
 */
#ifndef SOCKLAB_STAGE_H
#define SOCKLAB_STAGE_H

#include <stdbool.h>
#include <stddef.h>

/* True when every folder on path lets others through and the file (or
 * folder) itself lets them read. */
bool path_readable_by_others(const char *path);

/*
 * Stages the lib folder when others cannot read it (root only: as another
 * user there is no one to stage for). Returns 1 when it staged, 0 when no
 * need, -1 with a sentence in err. The copy is removed at exit, by the
 * process that made it.
 */
int socklab_stage_libdir(char *err, size_t errlen);

#endif
