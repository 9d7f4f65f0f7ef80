/*
 * text.h - bytes from outside, made fit to keep and to show.
 *
 * What a student's program prints, what its compiler says and what its
 * files are called are bytes, not text: CP949 (what Korean Windows
 * editors save), broken UTF-8, or escape sequences that move a terminal's
 * cursor, erase its lines and paint a fake green PASS. Two steps make
 * them text:
 *
 *   text_utf8()   any bytes -> valid UTF-8, to keep (JSON takes nothing
 *                 else). A line that is UTF-8 stays as it is; a line that
 *                 is not, but is CP949 (or EUC-KR, which CP949 contains),
 *                 is transcoded; any other byte becomes the four
 *                 characters \xNN. Nothing is dropped.
 *   text_show()   any bytes -> text a terminal draws as it is: text_utf8's,
 *                 then each control character as visible letters:
 *                 \e \r \b \a \f \v \n \t, \xNN for the other C0 controls
 *                 and DEL, \uNNNN for C1 controls (U+0080..U+009F) and the
 *                 bidirectional overrides that reorder a line.
 *
 * A backslash is never escaped, so escaping twice changes nothing:
 * text_show(text_show(s)) == text_show(s). Text can be made safe where it
 * is kept and again where it is shown. (So a program that prints the four
 * characters "\x1b" looks like one that prints ESC; what it could not do
 * is change how the rest looks.)
 */
#ifndef SOCKLAB_BASE_TEXT_H
#define SOCKLAB_BASE_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* What text_show leaves as it is: a text of several lines keeps its
 * newlines; a file (report.txt) may keep its tabs; a cell of a table or
 * a line of the viewer keeps neither. */
#define TEXT_KEEP_NL  1u
#define TEXT_KEEP_TAB 2u

/* s[0..len) as valid UTF-8 with no NUL (a NUL is \x00), newly allocated
 * and NUL-terminated; NULL only when memory runs out. */
char *text_utf8(const char *s, size_t len);

/* s[0..len) as text_show makes it, newly allocated; NULL only when memory
 * runs out. */
char *text_shown(const char *s, size_t len, unsigned keep);

/* The string s as text a terminal shows as it is, into out (cap bytes,
 * NUL-terminated; cut before a character or an escape that does not fit
 * whole; out and s do not overlap). Returns the length written. */
size_t text_show(char *out, size_t cap, const char *s, unsigned keep);

/* Writes the string s to f as text_show makes it. */
void text_fput(FILE *f, const char *s, unsigned keep);

/* Whether s[0..len) is already as text_show would make it (valid UTF-8,
 * no NUL, nothing to escape): the quick way past text that is plain. */
bool text_is_shown(const char *s, size_t len, unsigned keep);

/* The length of the longest prefix of s[0..len) of at most max bytes
 * that does not end inside a UTF-8 character. */
size_t text_cut(const char *s, size_t len, size_t max);

/*
 * Display width: what a line takes on a terminal, in columns, not bytes.
 * A Hangul syllable (or any wide character) is two columns, a combining
 * mark none, most others one (wcwidth(3) of the locale's LC_CTYPE, which
 * i18n_init sets). Text is cut on a character's boundary, never in the
 * middle of one, and a mark stays with the character it sits on. Meant
 * for shown text (text_show's): a byte that is not a character of the
 * locale, or a character wcwidth cannot draw, counts as one column.
 */

/* How text_fit fits: an ellipsis as the last column of a cut text, and
 * spaces up to the width asked for. */
#define TEXT_ELLIPSIS 1u
#define TEXT_PAD      2u

/* The columns the string s takes. */
int text_width(const char *s);

/* The length in bytes of the longest prefix of s that takes at most cols
 * columns, and (if used is not NULL) the columns it takes. */
size_t text_cols_cut(const char *s, int cols, int *used);

/* s fitted into cols columns, into out (cap bytes, NUL-terminated): cut
 * on a character boundary when wider (its last column an ellipsis, "…",
 * or "~" when the locale is not UTF-8, with TEXT_ELLIPSIS), and padded
 * with spaces to cols with TEXT_PAD. Returns the columns written. When
 * cap is too small the text is cut shorter, never mid-character. */
int text_fit(char *out, size_t cap, const char *s, int cols, unsigned how);

#endif
