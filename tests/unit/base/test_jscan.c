/*
 * test_jscan.c - the collector's strict check of records from the ring:
 * it accepts well-formed objects, finds their members, and refuses the
 * rest, as jansson does.
 */
#include "base/jscan.h"
#include "tests/unit/testutil.h"

struct found {
	int n;
	struct jscan_member m[16];
};

static void keep(void *arg, const struct jscan_member *m)
{
	struct found *f = arg;

	if (f->n < 16)
		f->m[f->n++] = *m;
}

static int scan(const char *text, struct found *f)
{
	memset(f, 0, sizeof(*f));
	return jscan_object(text, strlen(text), keep, f);
}

Test(jscan, finds_the_members_of_a_tracer_record_in_order)
{
	struct found f;
	int64_t t;

	cr_assert_eq(scan("{\"t\":412000,\"src\":\"call\",\"pid\":1201,\"errno\":null,"
			  "\"sock\":\"0.0.0.0:9190>*\",\"argv\":[\"a\",[1]],\"o\":{\"k\":true}}",
			  &f),
		     0);
	cr_assert_eq(f.n, 7);
	cr_assert(jscan_is(&f.m[0], "t"));
	cr_assert(jscan_int(&f.m[0], &t) && t == 412000);
	cr_assert(jscan_is(&f.m[1], "src") && f.m[1].type == JS_STRING);
	cr_assert_eq(f.m[1].val_len, 4);
	cr_assert(memcmp(f.m[1].val, "call", 4) == 0);
	cr_assert_eq(f.m[3].type, JS_NULL);
	cr_assert_eq(f.m[4].val_len, strlen("0.0.0.0:9190>*"));
	cr_assert_eq(f.m[5].type, JS_ARRAY);
	cr_assert_eq(f.m[6].type, JS_OBJECT);
}

Test(jscan, tells_a_string_with_escapes_apart)
{
	struct found f;

	cr_assert_eq(scan("{\"a\":\"plain\",\"b\":\"tab\\there\"}", &f), 0);
	cr_assert_not(f.m[0].escaped);
	cr_assert(f.m[1].escaped);
}

static void refuses(const char *text)
{
	struct found f;

	cr_assert_eq(scan(text, &f), -1, "accepted: %s", text);
}

static void accepts(const char *text)
{
	struct found f;

	cr_assert_eq(scan(text, &f), 0, "refused: %s", text);
}

Test(jscan, refuses_what_is_not_one_well_formed_object)
{
	refuses("");
	refuses("[1]");
	refuses("{\"t\":1");
	refuses("{\"t\":1}{}");
	refuses("{\"t\":1,}");
	refuses("{t:1}");
	refuses("{\"t\":01}");
	refuses("{\"t\":1.}");
	refuses("{\"t\":-}");
	refuses("{\"t\":1e}");
	refuses("{\"t\":tru}");
	refuses("{\"s\":\"a\nb\"}");
	refuses("{\"s\":\"\\x\"}");
	refuses("{\"s\":\"unterminated}");
}

Test(jscan, refuses_what_jansson_refuses_so_sessions_read_back)
{
	refuses("{\"s\":\"\\u0000\"}");
	refuses("{\"s\":\"\\ud800\"}");
	refuses("{\"s\":\"\\udc00\"}");
	refuses("{\"n\":99999999999999999999}");
	refuses("{\"n\":1e999}");
	accepts("{\"s\":\"\\ud83d\\ude00\"}");
	accepts("{\"n\":-9223372036854775808}");
	accepts("{\"n\":1.5e-300}");
	/* A real of any length that a double holds, as jansson reads it. */
	accepts("{\"n\":99999999999999999999000000999999999999."
		"99990000000000000000000000000000000}");
	refuses("{\"n\":1"
		"000000000000000000000000000000000000000000000000000000000000000000000000"
		"000000000000000000000000000000000000000000000000000000000000000000000000"
		"000000000000000000000000000000000000000000000000000000000000000000000000"
		"000000000000000000000000000000000000000000000000000000000000000000000000"
		"000000000000000000000000000000000000000000000000000000000000000000000.5}");
}

Test(jscan, checks_utf8_byte_by_byte)
{
	accepts("{\"s\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}");
	refuses("{\"s\":\"\xc0\xaf\"}");	 /* overlong '/' */
	refuses("{\"s\":\"\xed\xa0\x80\"}");	 /* a surrogate, encoded */
	refuses("{\"s\":\"\xf4\x90\x80\x80\"}"); /* past U+10FFFF */
	refuses("{\"s\":\"\xe2\x82\"}");	 /* cut short */
	refuses("{\"s\":\"\xff\"}");
}

Test(jscan, a_deep_nest_is_refused_not_a_stack_overflow)
{
	char deep[20000];
	size_t n = 0;

	n += (size_t)sprintf(deep, "{\"a\":");
	for (int i = 0; i < 9000; i++)
		deep[n++] = '[';
	deep[n] = '\0';
	refuses(deep);
}

Test(jscan, integers_out_of_range_are_not_ints)
{
	struct jscan_member m = {.type = JS_NUMBER};
	int64_t v;

	m.val = "-12";
	m.val_len = 3;
	cr_assert(jscan_int(&m, &v) && v == -12);
	m.val = "1.5";
	m.val_len = 3;
	cr_assert_not(jscan_int(&m, &v));
	m.val = "9223372036854775808";
	m.val_len = strlen(m.val);
	cr_assert_not(jscan_int(&m, &v));
}
