/*
 * paths.h - where socklab's own files are.
 *
 * Relative to the socklab executable, so the build tree and an
 * installation work the same way (see the Makefile):
 *   PREFIX/bin/socklab
 *   PREFIX/lib/socklab/libsocklab-preload.so, PREFIX/lib/socklab/labs/...
 *   PREFIX/share/socklab/labs/...
 *   PREFIX/share/locale/LANG/LC_MESSAGES/socklab.mo
 */
#ifndef SOCKLAB_PATHS_H
#define SOCKLAB_PATHS_H

#include <stddef.h>

/* PREFIX/lib/socklab, or NULL if socklab cannot tell where it is. */
const char *socklab_libdir(void);
/* From now on, socklab_libdir() is dir (a staged copy: host/stage.h). */
void socklab_set_libdir(const char *dir);
/* PREFIX/share/socklab */
const char *socklab_sharedir(void);
/* PREFIX/share/locale, where the translations are (base/i18n.h). */
const char *socklab_localedir(void);
/* The tracer library; err says what is missing when it is not there. */
const char *socklab_preload(char *err, size_t errlen);

#endif
