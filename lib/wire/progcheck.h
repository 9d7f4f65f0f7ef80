/*
 * progcheck.h - can a program be traced?
 *
 * The tracer rides in LD_PRELOAD, which only the dynamic loader reads. A
 * statically linked program has no loader, and the loader ignores
 * LD_PRELOAD for setuid and setgid programs. Both are found before the
 * program runs, so the student is told in plain words instead of getting an
 * empty session.
 *
 * Shared by socklab and the preloaded tracer, so it uses raw system calls
 * only (the tracer must not call the functions it interposes).
 */
#ifndef SOCKLAB_PROGCHECK_H
#define SOCKLAB_PROGCHECK_H

#include <stdbool.h>
#include <stddef.h>

/* Finds file as execvp() would (in $PATH unless it has a '/'), into out.
 * Returns true if an executable was found. */
bool prog_find(const char *file, char *out, size_t cap);

/* Why the program at path cannot be traced, in a sentence, or NULL if it
 * can (or cannot be read: then exec itself will say why). */
const char *prog_untraceable(const char *path);

/* Both checks, with the sentence a student reads when one fails: "./srv:
 * no such program", "... cannot be traced: it is statically linked ...".
 * Returns 0 when prog can be run and traced, or -1. Not for the tracer:
 * it formats with snprintf. */
int prog_check(const char *prog, char *err, size_t errlen);

#endif
