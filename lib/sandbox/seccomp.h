/*
 * seccomp.h - the system calls a sandbox's programs may not make, and a
 * record of each one they tried.
 *
 * Denied with EPERM, each try recorded (pid, name, the call):
 *   new namespaces   unshare() and clone() with any CLONE_NEW* flag (a new
 *                    user namespace makes the program root inside it),
 *                    setns()
 *   kernel surface   io_uring_setup/_enter/_register, userfaultfd,
 *                    perf_event_open, bpf
 *   keys             keyctl, add_key, request_key
 *   other processes  ptrace, process_vm_readv/_writev, pidfd_getfd
 *   files            mount, umount2, pivot_root, chroot, fsopen, fsmount,
 *                    fspick, fsconfig, move_mount, open_tree,
 *                    mount_setattr, open_by_handle_at
 *   the machine      kexec_load, kexec_file_load, init_module,
 *                    finit_module, delete_module, swapon, swapoff,
 *                    reboot, acct, quotactl, quotactl_fd
 *   terminals        ioctl TIOCSTI and TIOCLINUX (typing into a
 *                    terminal), ioctl USERFAULTFD_IOC_NEW (/dev/userfaultfd)
 * clone3() fails with ENOSYS, unrecorded: its flags are in memory, where a
 * filter cannot look, and glibc then falls back to clone(), whose flags it
 * can. The 32-bit system calls (int 0x80) are filtered the same way.
 *
 *   sandbox_filter_start()   in the process that starts the sandbox's
 *                            programs, before the first one
 *   sandbox_filter_enter()   in each child, last (sandbox_enter calls it)
 *   sandbox_take_denials()   what was denied since the last take
 *   sandbox_filter_stop()    at the end, once its programs are gone
 */
#ifndef SOCKLAB_SANDBOX_SECCOMP_H
#define SOCKLAB_SANDBOX_SECCOMP_H

#include <stddef.h>
#include <sys/types.h>

#include "sandbox/sandbox.h"

#define SANDBOX_DENIALS 32 /* different denials kept; more are only counted */

/* A call the filter denied: the same call by the same process is one
 * denial, made times times. */
struct sandbox_denial {
	pid_t pid;
	char comm[16];	  /* the process's name then (/proc/PID/comm) */
	char syscall[32]; /* "unshare" */
	char call[96];	  /* "unshare(CLONE_NEWUSER)" */
	int times;
};

/*
 * Makes the filter, and starts the thread that answers each call it stops
 * (with EPERM) and records it. A thread does not survive fork(): call it
 * in the process that will start the programs. Returns 0, or -1 with why
 * in err; without it sandbox_enter() starts nothing.
 */
int sandbox_filter_start(struct sandbox *sb, char *err, size_t errlen);

/* In the child, after everything else sandbox_enter() does, just before
 * exec: installs the filter and hands its listener to socklab's thread.
 * Async-signal-safe. Returns 0, or an errno value. */
int sandbox_filter_enter(const struct sandbox *sb);

/* Moves the denials recorded so far into out (max of them); returns how
 * many, and in *dropped how many different ones did not fit. */
int sandbox_take_denials(struct sandbox *sb, struct sandbox_denial *out, int max, int *dropped);

/* Ends the thread and frees the filter. A program of the sandbox still
 * running then gets ENOSYS for a call the filter stops. */
void sandbox_filter_stop(struct sandbox *sb);

#endif
