/*
 * lab.h - a numbered lab: its name, its title, its scenario and its
 * checkpoints.
 *
 * Each labs/NN-name/scenario.c defines `const struct lab lab_NN`; the
 * build collects them into socklab_labs[], in folder order. `socklab run
 * NN` runs the scenario (naive, or with --fix the corrected program), then
 * the checkpoints for that run over the session it recorded.
 */
#ifndef SOCKLAB_LAB_H
#define SOCKLAB_LAB_H

#include <stdbool.h>
#include <stddef.h>

#include "check/check.h"
#include "labnet/labnet.h"
#include "run/scenario.h"

#define LAB_MAX_OPTIONS 8

/* A named variant worth seeing: `socklab run 1 --server-closes-first`. */
struct lab_option {
	const char *name; /* without the dashes */
	const char *help;
	/* The checkpoints of a naive run with this option, when they differ
	 * from the lab's; NULL: the lab's own. */
	const struct check *checks;
};

/* What --fix does with an option (struct lab's option_fixes): a fixed run
 * of its own (`socklab run 12 --chat --fix`), or a refusal ("--pool has
 * no --fix"). An option not listed: --fix with it checks as --fix alone. */
struct lab_option_fix {
	const char *option;		/* the option's name */
	const struct check *fix_checks; /* its fixed run's checkpoints, or NULL */
	const char *no_fix;		/* or why --fix does not go with it */
};

struct lab;

/* What `socklab run` hands the scenario (and, as facts->extra, the
 * checkpoints). */
struct lab_run {
	const struct lab *lab;
	bool fix;
	bool options[LAB_MAX_OPTIONS]; /* options[i]: lab->options[i] was given */
	int port;		       /* a port free for this run */
	const struct labnet *net;      /* the lab's own network (net), or NULL */
};

struct lab {
	int number;	   /* 4 */
	const char *name;  /* "nagle": what `socklab run nagle` takes */
	const char *title; /* one line for `socklab list` */
	const char *dir;   /* "04-nagle", under labs/ */
	/* What --fix changes, in a line; NULL when the lab has nothing to fix,
	 * and then no_fix says why. */
	const char *fix;
	const char *no_fix;
	const struct lab_option *options;	   /* ends with {NULL}; may be NULL */
	const struct lab_option_fix *option_fixes; /* ends with {NULL}; may be NULL */
	/* Needs root (builds a network namespace, say). */
	bool needs_root;
	/* A network of its own (lib/labnet/labnet.h) when net.mtu > 0: namespaces
	 * of the shape net.shape, built before the scenario starts and removed
	 * after it ends. Packets are captured on the link of host net_capture
	 * (LABNET_A unless said), or with LABNET_HUB on every port of the
	 * bridge (or link of the router) at once, where a broadcast shows
	 * each copy the switch makes. Needs root. */
	struct labnet_spec net;
	int net_capture;
	/* When the link captured depends on the run (an option): its host;
	 * NULL: net_capture. */
	int (*net_capture_for)(const struct lab_run *r);
	/* The run's port, when the lab must choose it (lab 15: one whose two
	 * bytes differ); NULL: any free port (scenario_free_port). */
	int (*pick_port)(void);
	/* Runs the scenario. Returns 0, or -1 with scenario_error() set. */
	int (*run)(struct scenario *s, const struct lab_run *r);
	/* Checkpoints, each list ending with {NULL}: for the naive run, and
	 * for the run with --fix. */
	const struct check *checks;
	const struct check *fix_checks;
};

/* Every lab, in order, ending with NULL. */
extern const struct lab *const socklab_labs[];

/* The lab named by arg ("4", "04", "nagle"), or NULL. */
const struct lab *lab_find(const char *arg);

/* Where the lab is taught, the hint of its checkpoints: "lab 1
 * (handshake)", in the reader's language. Writes it into buf; returns
 * buf. */
const char *lab_hint(const struct lab *l, char *buf, size_t len);

/* Whether the lab is declared as socklab can run it: no more options than
 * LAB_MAX_OPTIONS, none twice, option_fixes naming only its options.
 * Returns 0, or -1 with what is wrong in err. `socklab run` asks it of
 * the lab it is given before anything else. */
int lab_declared(const struct lab *l, char *err, size_t errlen);

/* The index of the lab's option of that name (in options[] and a run's
 * options[]), or -1. */
int lab_option_index(const struct lab *l, const char *name);

/* True when the run was given the lab's option of that name; false when r
 * is NULL (no run: a check tried on a session alone). A name the lab does
 * not have is a bug in the lab, not a "no": it aborts, saying which. */
bool lab_option(const struct lab_run *r, const char *name);
/* The first of the lab's options the run was given ("one-wait"), or NULL. */
const char *lab_run_option(const struct lab_run *r);
/* What a run is called in reports and titles: "fixed", "--one-wait" (a
 * naive run with that option), "--chat --fix" (an option with a fix of
 * its own, fixed) or "naive". Writes it into buf; returns buf. */
const char *lab_run_name(const struct lab_run *r, char *buf, size_t len);
/* What --fix does with the first of the lab's options the run was given
 * that has an entry in option_fixes, or NULL. */
const struct lab_option_fix *lab_run_option_fix(const struct lab_run *r);
/* The checkpoints for a run: an option's fixed run's, the fixed run's, an
 * option's, or the lab's. */
const struct check *lab_checks_for(const struct lab *l, const struct lab_run *r);
/* The lab_run of a check's run (facts->extra), or NULL. */
const struct lab_run *lab_run_of(const struct check_ctx *c);

#endif
