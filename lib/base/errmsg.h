/*
 * errmsg.h - how library code says what went wrong: it never prints, it
 * fills the caller's message buffer and returns -1 (as redis's anet.c
 * does: "bind: Address already in use").
 */
#ifndef SOCKLAB_ERRMSG_H
#define SOCKLAB_ERRMSG_H

#include <stddef.h>

/* Formats the message into err (errlen bytes) and returns -1, so a failing
 * function can end with `return errmsg(err, errlen, "...", ...);`. */
int errmsg(char *err, size_t errlen, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
