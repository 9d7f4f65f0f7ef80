/*
 * rawio.h - opening, reading and closing files from code the tracer
 * shares (lib/tracer/, lib/wire/).
 *
 * The tracer interposes open(), read(), close() and their family, so its
 * own files must not go through the dynamic linker: it would trace itself,
 * or recurse. These are the raw system calls, straight to the kernel;
 * async-signal-safe, no errno games: -1 with errno set, as the kernel says.
 */
#ifndef SOCKLAB_RAWIO_H
#define SOCKLAB_RAWIO_H

#include <fcntl.h>
#include <stddef.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/types.h>
#include <unistd.h>

static inline int raw_open(const char *path, int flags)
{
	return (int)syscall(SYS_openat, AT_FDCWD, path, flags);
}

static inline void raw_close(int fd)
{
	syscall(SYS_close, fd);
}

static inline int raw_fstat(int fd, struct stat *st)
{
	return (int)syscall(SYS_fstat, fd, st);
}

/* True when len bytes were read at off. */
static inline int raw_pread_all(int fd, void *buf, size_t len, off_t off)
{
	return syscall(SYS_pread64, fd, buf, len, off) == (long)len;
}

#endif
