/*
 * grade.h - grading one submission: find it, build it, run it against an
 * assignment in a sandbox, check the session.
 *
 *   submissions_find()   PATHs on the command line -> submissions
 *   grade_submission()   one of them -> a grade_result (nothing printed)
 *   grade_result_json()  the result as the JSON object of `--json`
 *
 * `socklab grade` (cli/cmd_grade.c) runs each grade_submission() in a
 * process of its own, so that submissions grade in parallel and a run
 * never reaps another's processes.
 */
#ifndef SOCKLAB_GRADE_H
#define SOCKLAB_GRADE_H

#include <jansson.h>
#include <signal.h>
#include <stdbool.h>

#include "assignment.h"
#include "sandbox/seccomp.h"

#define GRADE_MAX_CHECKS     8
#define GRADE_TRANSCRIPT_MAX 24 /* lines of a failed check's transcript */
#define GRADE_DENIED	     24 /* system calls denied, kept for the report */

enum submission_kind {
	SUB_PROGRAM, /* an executable: graded as it is */
	SUB_SOURCE,  /* one .c file: built with cc -Wall */
	SUB_FOLDER,  /* a folder of sources: built with its Makefile, or cc -Wall *.c */
	SUB_BAD,     /* an entry of a class folder that cannot be one (a link that
		      * loops): its row says why, in `why` */
};

/* What one student handed in. */
struct submission {
	char name[128];	 /* its row in the report: "alice", or "echo" for echo.c */
	char path[4096]; /* as found */
	enum submission_kind kind;
	char why[256]; /* SUB_BAD: why it cannot be graded, in a sentence */
};

/*
 * The submissions in paths: each path is a program, a .c file, a folder
 * of sources, or a folder of submissions -- one with no Makefile and a
 * sub-folder that holds sources: then each entry in it that is a folder, a
 * .c file or a program is a submission. Sorted by name within a folder;
 * names made unique. Returns how many (into *out, to free), or -1 with err.
 */
int submissions_find(char *const paths[], int npaths, struct submission **out, char *err,
		     size_t errlen);

struct build_result {
	bool ok;
	char command[512];  /* "cc -Wall -g -o echo echo.c", "make", or "" for a program */
	char *output;	    /* what the build printed; may be empty, never NULL once built */
	char error[400];    /* why it did not build, in one line (the compiler's first
			     * error, with what it means); "" when it built */
	char program[4096]; /* the program to grade, a path */
};

struct grade_options {
	const struct assignment *a;
	const char *args;    /* the program's arguments; NULL: the assignment's */
	const char *prog;    /* which program a Makefile builds, or which NAME.c; NULL */
	int port;	     /* --port N: the port the program uses (it takes none); 0 */
	const char *outdir;  /* the submission's folder of results: session/ goes here */
	const char *workdir; /* a fresh folder to copy and build the submission in */
	int workdir_fd;	     /* ... opened (grade_submission() makes it; build uses it) */
	struct sandbox *sb;
	volatile sig_atomic_t *stop; /* set: give up waiting */
};

/* A system call the sandbox denied (sandbox/seccomp.h), and who made it. */
struct grade_denial {
	struct sandbox_denial d;
	char by[GRADE_LINE / 4]; /* "the build", "the server", "a child of the server" */
};

struct grade_result {
	struct build_result build;
	char problems[GRADE_PROBLEMS][GRADE_LINE];
	int nproblems;
	/* Facts about how the program was run, for the report: "listens on
	 * 9877, not on the port it was given: it ignores its argument". */
	char notes[GRADE_NOTES][GRADE_LINE];
	int nnotes;
	int port; /* the port the program was graded on (its own, if it ignores ours) */
	/* The system calls the sandbox denied, in the build and in the run;
	 * denied_more: how many more, not kept. */
	struct grade_denial denied[GRADE_DENIED];
	int ndenied, denied_more;
	int nchecks;
	struct check_result checks[GRADE_MAX_CHECKS];
	/* For each failed check: what the grader did and saw, numbered, up to
	 * the step where it failed. */
	char transcript[GRADE_MAX_CHECKS][GRADE_TRANSCRIPT_MAX][GRADE_LINE];
	int ntranscript[GRADE_MAX_CHECKS];
	int score, max;
	int checked;	    /* checks that could judge: score of checked pass */
	char session[4096]; /* the session's folder, or "" when nothing ran */
	int64_t t_end;	    /* the time of the session's last event */
};

/* True when the real path real (realpath()) is dir (a real path) or in it. */
bool grade_path_inside(const char *real, const char *dir);

/* Builds sub in o->workdir (as the sandbox's user, inside it). Returns 0
 * (b->ok says whether it built), or -1 with err when socklab could not try. */
int build_submission(const struct submission *sub, const struct grade_options *o,
		     struct build_result *b, char *err, size_t errlen);

/* Grades sub. Returns 0 with res filled, or -1 with err when socklab itself
 * could not grade (a missing tracer, a full disk). */
int grade_submission(const struct submission *sub, const struct grade_options *o,
		     struct grade_result *res, char *err, size_t errlen);
void grade_result_free(struct grade_result *res);

/* Every check of a is not checked, for the same reason: "not checked:
 * why". A res with max 0 is cleared first. */
void grade_not_checked(struct grade_result *res, const struct assignment *a, const char *why);

/* {"submission", "assignment", "program", "build", "checks": [{"name",
 * "pass", "checked", "summary", "evidence", "transcript", "hint"}],
 * "score", "max", "checked", "problems", "notes", "denied": [{"by", "pid",
 * "process", "syscall", "call", "times", "text"}], "denied_more", "port",
 * "session", "sandbox"}. */
json_t *grade_result_json(const struct submission *sub, const struct assignment *a,
			  const struct grade_result *res, const struct sandbox *sb);

/* ---- the ring (ringtrust.c) ------------------------------------------ */

/* What a grade's collector takes from the ring (in): the tracer's calls
 * and process events, from the run's processes (when the sandbox is
 * isolated). */
struct grade_intake {
	struct collector_intake in;
	const struct sandbox *sb;
	pid_t grader; /* the process that runs the scenario */
};
void grade_intake_init(struct grade_intake *gi, const struct sandbox *sb);

/* True when pid is the run's: it runs as the sandbox's user, is in its
 * cgroup, or descends from the grader (arg: the struct grade_intake). */
bool grade_pid_is_runs(void *arg, pid_t pid);

/* The problems of a run whose ring held what the tracer does not write,
 * or whose file a program cut short. */
void grade_ring_problems(struct grade_run *g, const struct collector_summary *sum);

#endif
