/*
 * test_text.c - bytes made text: UTF-8 kept, CP949 transcoded, any other
 * byte \xNN, control characters escaped so that a terminal draws them as
 * letters and moves nothing.
 */
#include <jansson.h>
#include <stdint.h>

#include "base/text.h"
#include "tests/unit/testutil.h"

/* text_utf8 of a string literal (which may hold a NUL: sizeof - 1). */
#define UTF8(lit)	 text_utf8(lit, sizeof(lit) - 1)
#define SHOWN(lit, keep) text_shown(lit, sizeof(lit) - 1, keep)

static void assert_utf8(const char *lit, size_t len, const char *want)
{
	char *got = text_utf8(lit, len);

	cr_assert_not_null(got);
	cr_assert_str_eq(got, want);
	free(got);
}

static void assert_shown(const char *lit, size_t len, unsigned keep, const char *want)
{
	char *got = text_shown(lit, len, keep);

	cr_assert_not_null(got);
	cr_assert_str_eq(got, want);
	free(got);
}

Test(text_utf8, utf8_and_ascii_stay_as_they_are)
{
	assert_utf8("hello, world\n", 13, "hello, world\n");
	assert_utf8("안녕하세요 김철수\n", strlen("안녕하세요 김철수\n"), "안녕하세요 김철수\n");
	assert_utf8("", 0, "");
	assert_utf8("\U0001F600 \u00e9", strlen("\U0001F600 \u00e9"), "\U0001F600 \u00e9");
}

Test(text_utf8, a_cp949_line_is_transcoded)
{
	/* "안녕하세요 한글" as a Korean Windows editor saves it. */
	static const char cp949[] = "\xbe\xc8\xb3\xe7\xc7\xcf\xbc\xbc\xbf\xe4 \xc7\xd1\xb1\xdb";
	/* "똠방각하": 똠 is in CP949 only, not in EUC-KR. */
	static const char uhc[] = "\x8c\x63\xb9\xe6\xb0\xa2\xc7\xcf";

	assert_utf8(cp949, sizeof(cp949) - 1, "안녕하세요 한글");
	assert_utf8(uhc, sizeof(uhc) - 1, "똠방각하");
}

Test(text_utf8, gccs_echo_of_a_cp949_source_line_reads_as_korean)
{
	static const char gcc[] =
		"hello.c: In function 'main':\n"
		"hello.c:5:16: error: expected ';' before 'return'\n"
		"    5 |  printf(\"\xbe\xc8\xb3\xe7\\n\") /* \xc7\xd1\xb1\xdb */\n"
		"      |                ^\n";

	assert_utf8(gcc, sizeof(gcc) - 1,
		    "hello.c: In function 'main':\n"
		    "hello.c:5:16: error: expected ';' before 'return'\n"
		    "    5 |  printf(\"안녕\\n\") /* 한글 */\n"
		    "      |                ^\n");
}

Test(text_utf8, each_line_is_read_in_its_own_encoding)
{
	static const char both[] = "UTF-8: 한글\nCP949: \xc7\xd1\xb1\xdb\n";

	assert_utf8(both, sizeof(both) - 1, "UTF-8: 한글\nCP949: 한글\n");
}

Test(text_utf8, other_bytes_are_escaped_never_dropped)
{
	assert_utf8("\xff\xfe", 2, "\\xff\\xfe");
	assert_utf8("\x9b", 1, "\\x9b");
	/* A UTF-8 character is kept beside a byte that is nothing. */
	assert_utf8("가\xff!", strlen("가\xff!"), "가\\xff!");
	/* Overlong, a surrogate. */
	assert_utf8("\xe0\x80\xaf", 3, "\\xe0\\x80\\xaf");
	assert_utf8("\xed\xa0\x80", 3, "\\xed\\xa0\\x80");
	/* A NUL is a byte too, and the text goes on after it. */
	assert_utf8("a\0b", 3, "a\\x00b");
}

Test(text_utf8, a_utf8_line_cut_inside_its_last_character_is_not_cp949)
{
	/* The first two bytes of 각 are 媛 in CP949; here they are a cut. */
	assert_utf8("안녕\xea\xb0", 8, "안녕\\xea\\xb0");
	assert_utf8("안녕\xea\xb0\n", 9, "안녕\\xea\\xb0\n");
	assert_utf8("\xea\xb0", 2, "\\xea\\xb0");
	/* Not a cut: a whole CP949 pair at the end of a CP949 line. */
	assert_utf8("\xc7\xd1\xea\xb0", 4, "한媛");
}

Test(text_utf8, control_characters_are_data_here)
{
	char *got = UTF8("\033[32mPASS\r\b");

	cr_assert_str_eq(got, "\033[32mPASS\r\b", "text_utf8 keeps them; text_show escapes them");
	free(got);
}

Test(text_show, a_fake_green_pass_is_letters)
{
	assert_shown("\033[32mPASS\033[0m", 13, 0, "\\e[32mPASS\\e[0m");
	assert_shown("\033[A\033[2K\r  PASS  echo", 20, 0, "\\e[A\\e[2K\\r  PASS  echo");
	assert_shown("FAIL\b\b\b\bPASS", 12, 0, "FAIL\\b\\b\\b\\bPASS");
	assert_shown("\033]0;pwned\007", 10, 0, "\\e]0;pwned\\a");
	assert_shown("\x01\x7f\f\v", 4, 0, "\\x01\\x7f\\f\\v");
}

Test(text_show, c1_controls_and_line_reordering_are_escaped)
{
	/* U+009B is CSI in one character; as a lone byte it is not UTF-8. */
	assert_shown("\xc2\x9b"
		     "31m",
		     5, 0, "\\u009b31m");
	assert_shown("\x9b"
		     "31m",
		     4, 0, "\\x9b31m");
	assert_shown("abc\u202edcba", strlen("abc\u202edcba"), 0, "abc\\u202edcba");
	assert_shown("a\u2028b", strlen("a\u2028b"), 0, "a\\u2028b");
}

Test(text_show, newlines_and_tabs_stay_only_when_asked)
{
	assert_shown("a\tb\nc", 5, 0, "a\\tb\\nc");
	assert_shown("a\tb\nc", 5, TEXT_KEEP_NL, "a\\tb\nc");
	assert_shown("a\tb\nc", 5, TEXT_KEEP_NL | TEXT_KEEP_TAB, "a\tb\nc");
}

Test(text_show, korean_stays_korean_and_cp949_becomes_it)
{
	assert_shown("김철수", strlen("김철수"), 0, "김철수");
	assert_shown("\xc7\xd1\xb1\xdb\033", 5, 0, "한글\\e");
}

Test(text_show, into_a_buffer_it_cuts_between_characters_and_escapes)
{
	char out[16];

	cr_assert_eq(text_show(out, 6, "ab\033cd", 0), 5);
	cr_assert_str_eq(out, "ab\\ec");
	cr_assert_eq(text_show(out, 3, "a\033", 0), 1, "an escape goes in whole or not at all");
	cr_assert_str_eq(out, "a");
	cr_assert_eq(text_show(out, 6, "가나", 0), 3, "a character goes in whole");
	cr_assert_str_eq(out, "가");
	cr_assert_eq(text_show(out, 7, "\xc7\xd1\xb1\xdb", 0), 6);
	cr_assert_str_eq(out, "한글");
	cr_assert_eq(text_show(out, sizeof(out), "plain", 0), 5);
	cr_assert_str_eq(out, "plain");
	cr_assert_eq(text_show(out, 1, "x", 0), 0);
	cr_assert_str_eq(out, "");
}

Test(text_show, text_is_shown_says_when_nothing_would_change)
{
	cr_assert(text_is_shown("PASS 한글", strlen("PASS 한글"), 0));
	cr_assert(text_is_shown("a\nb", 3, TEXT_KEEP_NL));
	cr_assert_not(text_is_shown("a\nb", 3, 0));
	cr_assert_not(text_is_shown("\033[A", 3, TEXT_KEEP_NL | TEXT_KEEP_TAB));
	cr_assert_not(text_is_shown("\xc2\x9b", 2, 0));
	cr_assert_not(text_is_shown("\xff", 1, 0));
	cr_assert_not(text_is_shown("a\0b", 3, 0));
}

Test(text_cut, a_prefix_never_ends_inside_a_character)
{
	cr_assert_eq(text_cut("가나", 6, 4), 3);
	cr_assert_eq(text_cut("가나", 6, 3), 3);
	cr_assert_eq(text_cut("가나", 6, 2), 0);
	cr_assert_eq(text_cut("abc", 3, 10), 3);
	cr_assert_eq(text_cut("abcdef", 6, 4), 4);
	/* Bytes that are not UTF-8 are cut where asked. */
	cr_assert_eq(text_cut("\x80\x80\x80\x80\x80\x80", 6, 5), 5);
}

/* What a terminal must never be sent: C0 but the kept ones, DEL, C1. */
static void assert_harmless(const char *s, unsigned keep)
{
	const unsigned char *u = (const unsigned char *)s;

	for (size_t i = 0; u[i]; i++) {
		cr_assert(u[i] >= 0x20 || (u[i] == '\n' && (keep & TEXT_KEEP_NL)) ||
				  (u[i] == '\t' && (keep & TEXT_KEEP_TAB)),
			  "byte %zu is control 0x%02x", i, u[i]);
		cr_assert(u[i] != 0x7f, "byte %zu is DEL", i);
		cr_assert(!(u[i] == 0xc2 && u[i + 1] >= 0x80 && u[i + 1] <= 0x9f),
			  "bytes %zu.. are a C1 control", i);
	}
}

Test(text_show, random_bytes_become_harmless_valid_utf8_and_escaping_twice_changes_nothing)
{
	unsigned seed = 23;
	unsigned char bytes[64];

	for (int round = 0; round < 20000; round++) {
		size_t len = (size_t)(rand_r(&seed) % (int)sizeof(bytes));
		for (size_t i = 0; i < len; i++) /* many of the bytes that matter */
			bytes[i] =
				(unsigned char)(rand_r(&seed) % 3 ? rand_r(&seed) % 256
								  : "\033\r\n\t\b\xc2\x9b\xc7\xd1"
									    [rand_r(&seed) % 9]);
		unsigned keep = (unsigned)round % 4;
		char *once = text_shown((const char *)bytes, len, keep);
		cr_assert_not_null(once);
		/* jansson, which takes only valid UTF-8, takes it. */
		json_t *j = json_string(once);
		cr_assert_not_null(j, "not valid UTF-8: %s", once);
		json_decref(j);
		assert_harmless(once, keep);
		char *twice = text_shown(once, strlen(once), keep);
		cr_assert_str_eq(twice, once);
		char *kept = text_utf8((const char *)bytes, len);
		cr_assert_not_null(kept);
		j = json_string(kept);
		cr_assert_not_null(j, "text_utf8 is not valid UTF-8");
		json_decref(j);
		free(kept);
		free(twice);
		free(once);
	}
}
