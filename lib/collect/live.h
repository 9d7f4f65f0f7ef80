/*
 * live.h - where a live session (`socklab watch`) can be found by the
 * programs the same user starts in other terminals.
 *
 * The watch writes a small file, watch.json, into a folder only its user
 * can use: $XDG_RUNTIME_DIR/socklab/, or /tmp/socklab-UID/ where there is
 * no XDG_RUNTIME_DIR. It says the watch's pid, its ring (the shared memory
 * the tracers write to) and the folder it records in. `socklab trace` reads
 * it and, if that watch still runs, traces its program into the same ring:
 * one session, whatever terminal a program started in.
 */
#ifndef SOCKLAB_LIVE_H
#define SOCKLAB_LIVE_H

#include <limits.h>
#include <stddef.h>
#include <sys/types.h>

struct live_session {
	pid_t pid;	    /* the socklab watch */
	char ring[256];	    /* its ring */
	char dir[PATH_MAX]; /* the folder it records in */
};

/* The rendezvous folder, made (0700) if missing; refused when it is not
 * this user's alone. Returns 0, or -1 with why. */
int live_dir(char *out, size_t cap, char *err, size_t errlen);

/* Says "here is a live session". Returns 0, or -1 with why. */
int live_announce(const struct live_session *ls, char *err, size_t errlen);

/* Takes the announcement back (if it is this process's). */
void live_withdraw(void);

/* The user's live session: 1 when one runs (ls filled), 0 when none does
 * (an announcement left by a watch that died is removed), -1 with why. */
int live_find(struct live_session *ls, char *err, size_t errlen);

#endif
