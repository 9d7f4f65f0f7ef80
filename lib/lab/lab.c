/*
 * lab.c - finding a lab by number or name.
 */
#include "lab/lab.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
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

bool lab_option(const struct lab_run *r, const char *name)
{
	const struct lab *l = r ? r->lab : NULL;

	for (int i = 0; l && l->options && l->options[i].name && i < LAB_MAX_OPTIONS; i++)
		if (strcmp(l->options[i].name, name) == 0)
			return r->options[i];
	return false;
}

const char *lab_run_option(const struct lab_run *r)
{
	const struct lab *l = r ? r->lab : NULL;

	for (int i = 0; l && l->options && l->options[i].name && i < LAB_MAX_OPTIONS; i++)
		if (r->options[i])
			return l->options[i].name;
	return NULL;
}

const struct lab_option_fix *lab_run_option_fix(const struct lab_run *r)
{
	const struct lab *l = r ? r->lab : NULL;

	for (int i = 0; l && l->options && l->options[i].name && i < LAB_MAX_OPTIONS; i++) {
		for (int k = 0; r->options[i] && l->option_fixes && l->option_fixes[k].option; k++)
			if (strcmp(l->option_fixes[k].option, l->options[i].name) == 0)
				return &l->option_fixes[k];
	}
	return NULL;
}

const char *lab_run_name(const struct lab_run *r, char *buf, size_t len)
{
	const char *option = lab_run_option(r);

	if (r && r->fix && lab_run_option_fix(r) && lab_run_option_fix(r)->fix_checks)
		snprintf(buf, len, "--%s --fix", lab_run_option_fix(r)->option);
	else if (r && r->fix)
		snprintf(buf, len, "fixed");
	else if (option)
		snprintf(buf, len, "--%s", option);
	else
		snprintf(buf, len, "naive");
	return buf;
}

const struct lab_run *lab_run_of(const struct check_ctx *c)
{
	return c->facts ? c->facts->extra : NULL;
}

const struct check *lab_checks_for(const struct lab *l, const struct lab_run *r)
{
	if (r && r->fix && lab_run_option_fix(r) && lab_run_option_fix(r)->fix_checks)
		return lab_run_option_fix(r)->fix_checks;
	if (r && r->fix)
		return l->fix_checks;
	for (int i = 0; r && l->options && l->options[i].name && i < LAB_MAX_OPTIONS; i++)
		if (r->options[i] && l->options[i].checks)
			return l->options[i].checks;
	return l->checks;
}
