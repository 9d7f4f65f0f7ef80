/*
 * progcheck.c - static and setuid programs, found from their ELF headers.
 */
#include "wire/progcheck.h"

#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "wire/rawio.h"

static bool read_at(int fd, void *buf, size_t len, off_t off)
{
	return raw_pread_all(fd, buf, len, off);
}

/* True when the ELF file on fd asks for a dynamic loader (PT_INTERP).
 * What is not a 64-bit ELF file (a #! script, say) counts as dynamic: its
 * interpreter is what runs, and it will be traced. */
static bool elf_is_dynamic(int fd)
{
	Elf64_Ehdr eh;
	Elf64_Phdr ph;

	if (!read_at(fd, &eh, sizeof(eh), 0) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0)
		return true;
	if (eh.e_ident[EI_CLASS] != ELFCLASS64 || eh.e_phentsize != sizeof(ph))
		return true;
	for (int i = 0; i < eh.e_phnum; i++) {
		if (!read_at(fd, &ph, sizeof(ph), (off_t)(eh.e_phoff + (size_t)i * sizeof(ph))))
			return true;
		if (ph.p_type == PT_INTERP)
			return true;
	}
	return false;
}

#if defined(__x86_64__)
#define NATIVE_MACHINE EM_X86_64
#define NATIVE_NAME    "x86-64"
#elif defined(__aarch64__)
#define NATIVE_MACHINE EM_AARCH64
#define NATIVE_NAME    "ARM 64-bit (aarch64)"
#else
#define NATIVE_MACHINE EM_NONE
#define NATIVE_NAME    "this machine"
#endif

/* Why the file on fd cannot run here, when it is a program built for
 * another machine or system (a student who built on a Mac, or an ARM
 * laptop); NULL when it is not one. */
static const char *foreign_program(int fd)
{
	unsigned char head[4] = {0};
	Elf64_Ehdr eh;

	if (!read_at(fd, head, sizeof(head), 0))
		return NULL;
	if ((head[0] == 0xcf || head[0] == 0xce) && head[1] == 0xfa && head[2] == 0xed &&
	    head[3] == 0xfe)
		return "it is a macOS program (Mach-O), which Linux cannot run: hand in the "
		       "source, "
		       "or build it on Linux";
	if (head[0] == 'M' && head[1] == 'Z')
		return "it is a Windows program (.exe), which Linux cannot run: hand in the "
		       "source, "
		       "or build it on Linux";
	if (!read_at(fd, &eh, sizeof(eh), 0) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 ||
	    NATIVE_MACHINE == EM_NONE)
		return NULL;
	if (eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_machine == NATIVE_MACHINE)
		return NULL;
	if (eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_machine == EM_AARCH64)
		return "it is a program built for another machine (ARM 64-bit, aarch64), not for "
		       "this one (" NATIVE_NAME "): hand in the source, or build it here";
	if (eh.e_ident[EI_CLASS] == ELFCLASS64 && eh.e_machine == EM_X86_64)
		return "it is a program built for another machine (x86-64), not for this one "
		       "(" NATIVE_NAME "): hand in the source, or build it here";
	return "it is a program built for another machine (or for 32 bits), not for this one "
	       "(" NATIVE_NAME "): hand in the source, or build it here";
}

const char *prog_untraceable(const char *path)
{
	struct stat st;
	const char *why = NULL;
	int fd = raw_open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	why = foreign_program(fd);
	if (!why && raw_fstat(fd, &st) == 0 && (st.st_mode & (S_ISUID | S_ISGID)) &&
	    st.st_uid != getuid())
		why = "it is setuid or setgid, and the dynamic loader ignores LD_PRELOAD for such "
		      "programs";
	else if (!why && !elf_is_dynamic(fd))
		why = "it is statically linked, so LD_PRELOAD cannot put the tracer into it; "
		      "rebuild it without -static";
	raw_close(fd);
	return why;
}

bool prog_find(const char *file, char *out, size_t cap)
{
	const char *path = getenv("PATH");

	if (!file || !*file)
		return false;
	if (strchr(file, '/')) {
		if ((size_t)snprintf(out, cap, "%s", file) >= cap)
			return false;
		return syscall(SYS_faccessat, AT_FDCWD, out, X_OK) == 0;
	}
	for (const char *p = path ? path : "/bin:/usr/bin"; *p;) {
		const char *end = strchrnul(p, ':');
		int n = snprintf(out, cap, "%.*s/%s", (int)(end - p), end == p ? "." : p, file);
		struct stat st;

		if (n > 0 && (size_t)n < cap && syscall(SYS_faccessat, AT_FDCWD, out, X_OK) == 0 &&
		    syscall(SYS_newfstatat, AT_FDCWD, out, &st, 0) == 0 && S_ISREG(st.st_mode))
			return true;
		p = *end ? end + 1 : end;
	}
	return false;
}

int prog_check(const char *prog, char *err, size_t errlen)
{
	char path[4096];
	const char *why;

	if (!prog_find(prog, path, sizeof(path))) {
		if (strchr(prog, '/'))
			snprintf(err, errlen, "%s: no such program, or it is not executable", prog);
		else
			snprintf(err, errlen,
				 "%s: no such program in $PATH (for a program in this folder, "
				 "write ./%s)",
				 prog, prog);
		return -1;
	}
	if ((why = prog_untraceable(path))) {
		snprintf(err, errlen, "%s cannot be traced: %s", path, why);
		return -1;
	}
	return 0;
}
