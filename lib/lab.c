/*
 * lab.c - finding a lab by number or name.
 */
#include "lab.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

const struct lab *lab_find(const char *arg)
{
	bool numeric = *arg != '\0';
	int number;

	for (const char *c = arg; *c; c++)
		if (!isdigit((unsigned char)*c))
			numeric = false;
	number = numeric ? atoi(arg) : -1;
	for (size_t i = 0; socklab_labs[i]; i++) {
		const struct lab *l = socklab_labs[i];
		if (l->number == number || strcmp(l->name, arg) == 0 || strcmp(l->dir, arg) == 0)
			return l;
	}
	return NULL;
}
