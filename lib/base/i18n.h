/*
 * i18n.h - the words socklab says, in the reader's language (GNU gettext).
 *
 * Every sentence meant for a person goes through _() where it is printed,
 * or is marked N_() where it sits in a table and is translated with _()
 * when used. What other tools read never does: JSON keys, check and
 * option names, event fields, session files, exit codes.
 *
 * The translations are po/LANG.po, compiled into
 * PREFIX/share/locale/LANG/LC_MESSAGES/socklab.mo (build/share/locale in
 * the build tree, which has the layout of an installation). The tracer,
 * which runs inside students' programs, says nothing and needs none of it.
 */
#ifndef SOCKLAB_I18N_H
#define SOCKLAB_I18N_H

#include <libintl.h>

#define _(msgid)	 gettext(msgid)
#define N_(msgid)	 msgid
#define P_(one, many, n) ngettext(one, many, n)

/*
 * Takes the language from the environment (LANGUAGE, LC_ALL, LC_MESSAGES,
 * LANG) for messages, and the character set for display widths: only
 * LC_MESSAGES and LC_CTYPE, so numbers and times in files stay as they are
 * whatever the locale. localedir holds LANG/LC_MESSAGES/socklab.mo
 * (PREFIX/share/locale: host/paths.h's socklab_localedir()). Call once,
 * first thing in main().
 */
void i18n_init(const char *localedir);

/*
 * From now on messages are in lang ("ko", "en"), whatever the locale says:
 * `socklab grade --lang` writes the students' reports in the course's
 * language. Returns 0, or -1 when socklab has no such translation ("en",
 * the language the messages are written in, always works).
 */
int i18n_use(const char *lang);

#endif
