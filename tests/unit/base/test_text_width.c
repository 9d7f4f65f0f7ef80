/*
 * test_text_width.c - text measured in a terminal's columns: Hangul two
 * columns a syllable, combining marks none, cut on a character's
 * boundary with an ellipsis, padded to a width.
 */
#include <locale.h>

#include "base/text.h"
#include "tests/unit/testutil.h"

static void utf8_locale(void)
{
	cr_assert_not_null(setlocale(LC_CTYPE, "C.UTF-8"));
}

TestSuite(text_width, .init = utf8_locale);

/* "e" then U+0301 COMBINING ACUTE ACCENT: one column, three bytes. */
#define E_ACUTE "e\xcc\x81"

Test(text_width, counts_columns_not_bytes)
{
	cr_assert_eq(text_width(""), 0);
	cr_assert_eq(text_width("hello"), 5);
	cr_assert_eq(text_width("안녕하세요"), 10);
	cr_assert_eq(text_width("recv 안녕 ok"), 12);
	cr_assert_eq(text_width(E_ACUTE "t" E_ACUTE), 3);
	cr_assert_eq(text_width("\u2500\u2502"), 2);
}

Test(text_width, invalid_bytes_count_as_shown_escaped)
{
	char *shown = text_shown("a\xff"
				 "b",
				 3, 0);

	cr_assert_str_eq(shown, "a\\xffb");
	cr_assert_eq(text_width(shown), 6);
	free(shown);
	/* Unshown, a stray byte is one column, never a crash or a negative. */
	cr_assert_eq(text_width("a\xff"
				"b"),
		     3);
	cr_assert_eq(text_width("\xea\xb0"), 2);
}

Test(text_width, cut_never_splits_a_character)
{
	int used = -1;

	cr_assert_eq(text_cols_cut("안녕하세요", 5, &used), 6);
	cr_assert_eq(used, 4);
	cr_assert_eq(text_cols_cut("안녕하세요", 1, &used), 0);
	cr_assert_eq(used, 0);
	cr_assert_eq(text_cols_cut("ab안녕", 3, &used), 2);
	cr_assert_eq(used, 2);
	cr_assert_eq(text_cols_cut("ab안녕", 100, &used), strlen("ab안녕"));
	cr_assert_eq(used, 6);
}

Test(text_width, cut_keeps_a_mark_with_its_letter)
{
	int used;

	cr_assert_eq(text_cols_cut(E_ACUTE "x", 1, &used), 3);
	cr_assert_eq(used, 1);
}

Test(text_width, fit_pads_to_the_columns)
{
	char out[64];

	cr_assert_eq(text_fit(out, sizeof(out), "소켓", 8, TEXT_PAD), 8);
	cr_assert_str_eq(out, "소켓    ");
	cr_assert_eq(text_fit(out, sizeof(out), "ab", 4, TEXT_PAD | TEXT_ELLIPSIS), 4);
	cr_assert_str_eq(out, "ab  ");
	cr_assert_eq(text_fit(out, sizeof(out), E_ACUTE, 3, TEXT_PAD), 3);
	cr_assert_str_eq(out, E_ACUTE "  ");
}

Test(text_width, fit_cuts_with_an_ellipsis)
{
	char out[64];

	cr_assert_eq(text_fit(out, sizeof(out), "연결 요청 대기 큐", 7, TEXT_ELLIPSIS), 6);
	cr_assert_str_eq(out, "연결 \u2026");
	cr_assert_eq(text_fit(out, sizeof(out), "연결 요청 대기 큐", 7, TEXT_ELLIPSIS | TEXT_PAD),
		     7);
	cr_assert_str_eq(out, "연결 \u2026 ");
	cr_assert_eq(text_fit(out, sizeof(out), "abcdef", 4, TEXT_ELLIPSIS), 4);
	cr_assert_str_eq(out, "abc\u2026");
	cr_assert_eq(text_fit(out, sizeof(out), "abcdef", 4, 0), 4);
	cr_assert_str_eq(out, "abcd");
	cr_assert_eq(text_fit(out, sizeof(out), "abcd", 4, TEXT_ELLIPSIS), 4);
	cr_assert_str_eq(out, "abcd");
}

Test(text_width, fit_never_overflows_out)
{
	char out[5];

	/* 4 bytes of room: one syllable (3 bytes), not half of the next. */
	cr_assert_eq(text_fit(out, sizeof(out), "안녕하세요", 10, 0), 2);
	cr_assert_str_eq(out, "안");
	cr_assert_eq(text_fit(out, 1, "abc", 3, TEXT_PAD), 0);
}

Test(text_width, ascii_ellipsis_outside_utf8)
{
	char out[16];

	cr_assert_not_null(setlocale(LC_CTYPE, "C"));
	cr_assert_eq(text_fit(out, sizeof(out), "abcdef", 4, TEXT_ELLIPSIS), 4);
	cr_assert_str_eq(out, "abc~");
}
