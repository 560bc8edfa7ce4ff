/* test_grow.c - the growable array (util/grow.h): contents survive growth, slots come zeroed,
 * capacity doubles from the first size, and a failed growth leaves the array as it was. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/grow.h"

struct item {
	unsigned a;
	double b;
	char pad[20];
};

static void test_push_keeps_contents(void **state)
{
	(void)state;
	struct item *items = NULL;
	size_t n = 0, cap = 0;
	for (unsigned i = 0; i < 1000; i++) {
		struct item *it = CBT_GROW(items, n, cap, 8);
		assert_non_null(it);
		assert_ptr_equal(it, &items[n]);
		/* zeroed, although an earlier realloc may hand back dirty memory */
		assert_int_equal(it->a, 0);
		assert_true(it->b == 0.0);
		for (size_t k = 0; k < sizeof(it->pad); k++)
			assert_int_equal(it->pad[k], 0);
		it->a = i;
		it->b = i * 0.5;
		memset(it->pad, 0xab, sizeof(it->pad));
		n++;
		/* 8, 16, 32, ...: the smallest doubling of 8 that holds n */
		size_t want = 8;
		while (want < n)
			want *= 2;
		assert_int_equal(cap, want);
	}
	for (unsigned i = 0; i < 1000; i++)
		assert_true(items[i].a == i && items[i].b == i * 0.5);
	free(items);
}

static void test_slot_not_counted(void **state)
{
	(void)state;
	int *v = NULL;
	size_t n = 0, cap = 0;
	int *a = CBT_GROW(v, n, cap, 4);
	int *b = CBT_GROW(v, n, cap, 4); /* not kept: the same slot again */
	assert_ptr_equal(a, b);
	assert_int_equal(cap, 4);
	free(v);
}

static void test_failure_leaves_array(void **state)
{
	(void)state;
	struct big {
		char bytes[SIZE_MAX / 8];
	};
	struct big *v = NULL;
	size_t cap = 0;
	/* 16 slots of SIZE_MAX / 8 bytes overflow size_t: refused before realloc */
	assert_null(CBT_GROW(v, 0, cap, 16));
	assert_null(v);
	assert_int_equal(cap, 0);

	int *w = NULL;
	size_t wcap = 0, wn = 0;
	for (; wn < 4; wn++)
		*CBT_GROW(w, wn, wcap, 4) = (int)wn + 1;
	int *before = w;
	/* a huge element size fails the next doubling; the four ints stay */
	assert_null(cbt_grow_slot(&w, wn, &wcap, SIZE_MAX / 4, 4));
	assert_ptr_equal(w, before);
	assert_int_equal(wcap, 4);
	for (int i = 0; i < 4; i++)
		assert_int_equal(w[i], i + 1);
	free(w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_push_keeps_contents),
	    cmocka_unit_test(test_slot_not_counted),
	    cmocka_unit_test(test_failure_leaves_array),
	};
	return cmocka_run_group_tests_name("grow", tests, NULL, NULL);
}
