/*
 * lab.h - a numbered lab: its name, its title, its scenario and its
 * checkpoints.
 *
 * Each labs/NN-name/scenario.c defines `const struct lab lab_NN`; the
 * build collects them into socklab_labs[], in folder order.
 */
#ifndef SOCKLAB_LAB_H
#define SOCKLAB_LAB_H

struct lab {
	int number;        /* 4 */
	const char *name;  /* "nagle": what `socklab run nagle` takes */
	const char *title; /* one line for `socklab list` */
	const char *dir;   /* "04-nagle", under labs/ */
};

/* Every lab, in order, ending with NULL. */
extern const struct lab *const socklab_labs[];

/* The lab named by arg ("4", "04", "nagle"), or NULL. */
const struct lab *lab_find(const char *arg);

#endif
