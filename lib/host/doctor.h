/*
 * doctor.h - what this machine allows socklab to show, found by trying.
 *
 * Each check tries the real thing (capture on lo, a tracefs instance, a
 * sock_diag dump, a network namespace, an nftables loss rule, a netem
 * qdisc) and undoes it; namespaces are throwaway ones, gone when the probe
 * ends. A check that fails says what was found and what its absence takes
 * away, in words a student understands.
 */
#ifndef SOCKLAB_DOCTOR_H
#define SOCKLAB_DOCTOR_H

#include <stdbool.h>
#include <stddef.h>

struct doctor_check {
	const char *name; /* "root", "capture", "tracefs", ... */
	bool ok;
	char found[512];     /* what the check found, or why it failed */
	const char *without; /* what is lost when it fails */
};

#define DOCTOR_MAX_CHECKS 10

/* Runs every check into out (room for DOCTOR_MAX_CHECKS). Returns how
 * many were run. */
size_t doctor_run(struct doctor_check *out);

#endif
