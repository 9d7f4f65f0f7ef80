/*
 * scenario_int.h - the scenario's inside, shared by scenario.c, output.c
 * and input.c. Private to lib/run/.
 */
#ifndef SOCKLAB_SCENARIO_INT_H
#define SOCKLAB_SCENARIO_INT_H

#include "run/scenario.h"

#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/* At most this many lines of a program's output go into the session. */
#define OUTPUT_NOTES_MAX 200
#define POLL_MS		 5

struct scenario {
	struct collector *col;
	const char *preload;
	char progdir[2048];
	void (*on_say)(void *arg, const char *role, const char *text, size_t len);
	void *on_say_arg;
	int (*in_child)(void *);
	void *in_child_arg;
	char *const *env;
	volatile sig_atomic_t *stop_flag;
	char err[512];

	pthread_mutex_t lock; /* facts.procs[].out*, line_start, notes */
	struct run_facts facts;
	size_t line_start[SCENARIO_MAX_PROCS]; /* start of the line not yet noted */
	int notes[SCENARIO_MAX_PROCS];
	pthread_t reader;
	bool reader_started;
	int wake[2]; /* a byte here makes the reader poll again */
	atomic_bool stop;
};

/* ---- across the files ------------------------------------------------ */

/* scenario.c */
void sc_set_error(struct scenario *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
struct run_proc *sc_proc_or_error(struct scenario *s, pid_t pid);
void sc_reap(struct scenario *s);
bool sc_stopped(struct scenario *s);

/* output.c: the reader thread (arg: the scenario) */
void *sc_reader_main(void *arg);

/* input.c: a descriptor for a program's stdin that delivers input (then
 * end of file), or -1 */
int sc_open_input(const char *input);

#endif
