/*
 * facts.c - finding a program of the run by its role (see facts.h).
 */
#include "check/facts.h"

#include <string.h>

const struct run_proc *run_facts_proc(const struct run_facts *f, const char *role)
{
	for (int i = 0; f && i < f->nprocs; i++)
		if (strcmp(f->procs[i].role, role) == 0)
			return &f->procs[i];
	return NULL;
}
