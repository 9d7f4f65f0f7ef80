/*
 * i18n.c - the language of socklab's messages, from the environment or
 * chosen (`socklab grade --lang`).
 *
 * A locale the machine lacks (ko_KR.UTF-8 not generated) falls back to
 * C.UTF-8, in which gettext still translates when LANGUAGE names the
 * language (glibc ignores LANGUAGE only under the plain "C" locale).
 */
#include "base/i18n.h"

#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DOMAIN "socklab"

static char dir[PATH_MAX];

void i18n_init(const char *localedir)
{
	snprintf(dir, sizeof(dir), "%s", localedir);
	/* A UTF-8 character set even where the named locale is missing, so
	 * gettext gives Hangul as UTF-8 and wcwidth() counts it. */
	if (!setlocale(LC_CTYPE, "") && !setlocale(LC_CTYPE, "C.UTF-8"))
		setlocale(LC_CTYPE, "C");
	if (!setlocale(LC_MESSAGES, ""))
		setlocale(LC_MESSAGES, "C.UTF-8");
	bindtextdomain(DOMAIN, dir);
	bind_textdomain_codeset(DOMAIN, "UTF-8");
	textdomain(DOMAIN);
}

int i18n_use(const char *lang)
{
	char mo[PATH_MAX + 64];

	if (strcmp(lang, "en") != 0) {
		snprintf(mo, sizeof(mo), "%s/%s/LC_MESSAGES/" DOMAIN ".mo", dir, lang);
		if (access(mo, R_OK) != 0)
			return -1;
	}
	setenv("LANGUAGE", lang, 1);
	if (!setlocale(LC_MESSAGES, "C.UTF-8"))
		setlocale(LC_MESSAGES, "");
	/* gettext caches what it found per language: a call of textdomain()
	 * makes it look again. */
	textdomain(DOMAIN);
	return 0;
}
