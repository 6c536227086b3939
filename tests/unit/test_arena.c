/* Unit tests for the string arena and the event detail builder. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/arena.h"
#include "detail.h"

/* Copies stay put and intact while later ones fill many blocks. */
static void
arena_copies_survive_new_blocks(void **state)
{
	struct ehc_arena arena = { 0 };
	char *copies[20000];
	char text[32];

	for (int i = 0; i < 20000; i++) {
		snprintf(text, sizeof(text), "EHC-2026-%05d", i);
		copies[i] = ehc_arena_strdup(&arena, text);
		assert_non_null(copies[i]);
	}
	for (int i = 0; i < 20000; i++) {
		snprintf(text, sizeof(text), "EHC-2026-%05d", i);
		assert_string_equal(copies[i], text);
	}
	ehc_arena_free(&arena);
	assert_null(arena.blocks);
}

/*
 * A string longer than a block gets a block of its own, and the empty
 * string is copied too.
 */
static void
arena_long_and_empty_strings(void **state)
{
	struct ehc_arena arena = { 0 };
	size_t len = 200000;
	char *big = malloc(len + 1), *copy, *empty, *after;

	assert_non_null(big);
	memset(big, 'x', len);
	big[len] = '\0';
	assert_non_null(empty = ehc_arena_strdup(&arena, ""));
	assert_non_null(copy = ehc_arena_strdup(&arena, big));
	assert_non_null(after = ehc_arena_strdup(&arena, "after"));
	assert_string_equal(empty, "");
	assert_int_equal(strlen(copy), len);
	assert_memory_equal(copy, big, len);
	assert_string_equal(after, "after");
	ehc_arena_free(&arena);
	free(big);
}

static void
detail_members_in_order(void **state)
{
	struct ehc_detail d;
	char *text;

	assert_true(ehc_detail_begin(&d));
	ehc_detail_text(&d, "file", "a \"quoted\"\\name\n.csv");
	ehc_detail_number(&d, "line", -12);
	ehc_detail_text(&d, "skipped", NULL);
	ehc_detail_date(&d, "received", ehc_date_from_ymd(2026, 9, 1));
	ehc_detail_date(&d, "none", EHC_DATE_NONE);
	ehc_detail_change(&d, "aro", NULL, "Jo\tOkafor");
	assert_non_null(text = ehc_detail_end(&d));
	assert_string_equal(text,
			    "{\"file\":\"a \\\"quoted\\\"\\\\name\\n.csv\","
			    "\"line\":-12,\"received\":\"2026-09-01\","
			    "\"aro\":[null,\"Jo\\tOkafor\"]}");
	free(text);
}

static void
detail_empty_object(void **state)
{
	struct ehc_detail d;
	char *text;

	assert_true(ehc_detail_begin(&d));
	assert_non_null(text = ehc_detail_end(&d));
	assert_string_equal(text, "{}");
	free(text);
}

/*
 * The buffer grows past its first size without losing a byte, and text
 * that is not UTF-8 or contains a control character comes out escaped.
 */
static void
detail_grows_and_escapes(void **state)
{
	struct ehc_detail d;
	char key[16], *text, *p;

	assert_true(ehc_detail_begin(&d));
	for (int i = 0; i < 500; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		ehc_detail_text(&d, key, "Zoë \x01\xff\xe2\x80\xa8");
	}
	assert_non_null(text = ehc_detail_end(&d));
	assert_int_equal(text[0], '{');
	assert_int_equal(text[strlen(text) - 1], '}');
	p = strstr(text, "\"k499\":\"Zoë \\u0001\\ufffd\\u2028\"}");
	assert_non_null(p);
	assert_non_null(strstr(text,
			       "{\"k0\":\"Zoë \\u0001\\ufffd\\u2028\","));
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(arena_copies_survive_new_blocks),
		cmocka_unit_test(arena_long_and_empty_strings),
		cmocka_unit_test(detail_members_in_order),
		cmocka_unit_test(detail_empty_object),
		cmocka_unit_test(detail_grows_and_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
