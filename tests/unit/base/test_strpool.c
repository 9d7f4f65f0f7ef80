/*
 * test_strpool.c - the string pool, and the pointer map on its strings.
 */
#include "base/ptrmap.h"
#include "base/strpool.h"
#include "tests/unit/testutil.h"

Test(strpool, one_copy_per_string_and_pointers_that_never_move)
{
	struct strpool *p = strpool_new();
	const char *first = strpool_get(p, "127.0.0.1:9190");

	for (int i = 0; i < 100000; i++) {
		char s[32];
		snprintf(s, sizeof(s), "s%d", i);
		cr_assert_str_eq(strpool_get(p, s), s);
	}
	cr_assert_eq(strpool_get(p, "127.0.0.1:9190"), first);
	cr_assert_str_eq(first, "127.0.0.1:9190");
	cr_assert_eq(strpool_intern(p, "abcdef", 3), strpool_get(p, "abc"));
	cr_assert_null(strpool_get(p, NULL));
	strpool_free(p);
}

Test(strpool, a_look_up_finds_what_is_there_and_adds_nothing)
{
	struct strpool *p = strpool_new();
	const char *a = strpool_get(p, "127.0.0.1:9190");

	cr_assert_eq(strpool_find(p, "127.0.0.1:9190"), a);
	cr_assert_null(strpool_find(p, "127.0.0.1:9191"));
	cr_assert_null(strpool_find(p, "127.0.0.1:919"), "a prefix is another string");
	cr_assert_null(strpool_find(p, NULL));
	cr_assert_eq(strpool_id(strpool_get(p, "x")), 2, "the strings looked up were not added");
	strpool_free(p);
}

Test(strpool, a_string_and_its_number_lead_to_each_other)
{
	struct strpool *p = strpool_new();
	const char *a = strpool_get(p, "accept"), *b = strpool_get(p, "127.0.0.1:9190");

	cr_assert_eq(strpool_id(a), 1);
	cr_assert_eq(strpool_id(b), 2);
	cr_assert_eq(strpool_id(NULL), 0);
	cr_assert_eq(strpool_str(p, 2), b);
	cr_assert_null(strpool_str(p, 0));
	cr_assert_null(strpool_str(p, 3));
	strpool_free(p);
}

Test(ptrmap, maps_keys_to_values_through_growth)
{
	struct ptrmap m = {0};
	static char keys[5000];
	long v;

	for (int i = 0; i < 5000; i++)
		cr_assert_eq(ptrmap_put(&m, &keys[i], i), 0);
	for (int i = 0; i < 5000; i++) {
		cr_assert(ptrmap_get(&m, &keys[i], &v));
		cr_assert_eq(v, i);
	}
	cr_assert_not(ptrmap_get(&m, &v, NULL));
	cr_assert_not(ptrmap_get(&m, NULL, &v), "a NULL key has no value");
	ptrmap_put(&m, &keys[7], 70);
	cr_assert(ptrmap_get(&m, &keys[7], &v) && v == 70, "put again replaces");
	cr_assert_eq(m.count, 5000);
	ptrmap_free(&m);
}
