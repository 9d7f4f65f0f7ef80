/*
 * lab.c - finding a lab by number or name.
 */
#include "lab/lab.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/errmsg.h"
#include "base/i18n.h"

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

const char *lab_hint(const struct lab *l, char *buf, size_t len)
{
	snprintf(buf, len, _("lab %d (%s)"), l->number, l->name);
	return buf;
}

int lab_declared(const struct lab *l, char *err, size_t errlen)
{
	int n = 0;

	while (l->options && l->options[n].name)
		n++;
	if (n > LAB_MAX_OPTIONS)
		return errmsg(err, errlen,
			      "lab %d (%s) declares %d options, more than LAB_MAX_OPTIONS (%d, "
			      "lib/lab/lab.h)",
			      l->number, l->name, n, LAB_MAX_OPTIONS);
	for (int i = 0; i < n; i++)
		for (int k = 0; k < i; k++)
			if (strcmp(l->options[i].name, l->options[k].name) == 0)
				return errmsg(err, errlen, "lab %d (%s) declares --%s twice",
					      l->number, l->name, l->options[i].name);
	for (int k = 0; l->option_fixes && l->option_fixes[k].option; k++)
		if (lab_option_index(l, l->option_fixes[k].option) < 0)
			return errmsg(err, errlen,
				      "lab %d (%s) says what --fix does with --%s, an option it "
				      "does not have",
				      l->number, l->name, l->option_fixes[k].option);
	return 0;
}

int lab_option_index(const struct lab *l, const char *name)
{
	for (int i = 0; l->options && l->options[i].name && i < LAB_MAX_OPTIONS; i++)
		if (strcmp(l->options[i].name, name) == 0)
			return i;
	return -1;
}

bool lab_option(const struct lab_run *r, const char *name)
{
	int i;

	if (!r || !r->lab)
		return false;
	if ((i = lab_option_index(r->lab, name)) < 0) {
		/* A typo in a scenario or a checkpoint: never a quiet "no". */
		fprintf(stderr,
			"socklab: lab %d (%s) has no option --%s (a bug in its scenario.c)\n",
			r->lab->number, r->lab->name, name);
		abort();
	}
	return r->options[i];
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
