/* Unit tests for the text helpers. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/text.h"

static const char *const commands[] = {
	"acronym", "config", "deadlines", "help", "list", "request", "show",
	NULL,
};

static void
distance_counts_edits(void **state)
{
	assert_int_equal(ehc_text_distance("", ""), 0);
	assert_int_equal(ehc_text_distance("abc", ""), 3);
	assert_int_equal(ehc_text_distance("kitten", "sitting"), 3);
	assert_int_equal(ehc_text_distance("SENCO", "senco"), 0);
	assert_int_equal(ehc_text_distance("com", "cmo"), 2);
}

static void
nearest_finds_typo(void **state)
{
	assert_string_equal(ehc_text_nearest("reqest", commands), "request");
	assert_string_equal(ehc_text_nearest("dedlines", commands),
			    "deadlines");
	assert_string_equal(ehc_text_nearest("SHOW", commands), "show");
}

static void
nearest_finds_prefix(void **state)
{
	assert_string_equal(ehc_text_nearest("dead", commands), "deadlines");
}

static void
nearest_rejects_distant(void **state)
{
	assert_null(ehc_text_nearest("frobnicate", commands));
	assert_null(ehc_text_nearest("zz", commands));
}

static void
nearest_of_none(void **state)
{
	static const char *const none[] = { NULL };

	assert_null(ehc_text_nearest("show", none));
}

static void
utf8_accepts_valid(void **state)
{
	const char *s = "Zo\xc3\xab \xe2\x82\xac \xf0\x9f\x98\x80";

	assert_int_equal(ehc_text_utf8_invalid(s, strlen(s)), strlen(s));
	assert_int_equal(ehc_text_utf8_invalid("", 0), 0);
}

static void
utf8_rejects_invalid(void **state)
{
	/* Windows-1252 apostrophe, a lone continuation byte, truncation. */
	assert_int_equal(ehc_text_utf8_invalid("D\x92" "Arcy", 6), 1);
	assert_int_equal(ehc_text_utf8_invalid("a\x80", 2), 1);
	assert_int_equal(ehc_text_utf8_invalid("ab\xe2\x82", 4), 2);
	/* Overlong "/", a UTF-16 surrogate, a value past U+10FFFF. */
	assert_int_equal(ehc_text_utf8_invalid("\xc0\xaf", 2), 0);
	assert_int_equal(ehc_text_utf8_invalid("\xe0\x80\xaf", 3), 0);
	assert_int_equal(ehc_text_utf8_invalid("\xf0\x80\x80\xaf", 4), 0);
	assert_int_equal(ehc_text_utf8_invalid("\xed\xa0\x80", 3), 0);
	assert_int_equal(ehc_text_utf8_invalid("\xf4\x90\x80\x80", 4), 0);
	assert_int_equal(ehc_text_utf8_invalid("\xff", 1), 0);
}

static void
control_found(void **state)
{
	assert_true(ehc_text_has_control("a\tb"));
	assert_true(ehc_text_has_control("\033[2J"));
	assert_true(ehc_text_has_control("del\x7f"));
	assert_true(ehc_text_has_control("c1 \xc2\x9b"));
	assert_false(ehc_text_has_control("Zo\xc3\xab"));
	assert_false(ehc_text_has_control("\xc2\xa0nbsp"));
}

static void
blank_and_padded(void **state)
{
	assert_true(ehc_text_blank(""));
	assert_true(ehc_text_blank(" \t\xc2\xa0\xe3\x80\x80"));
	assert_false(ehc_text_blank(" a "));
	assert_true(ehc_text_padded(" a"));
	assert_true(ehc_text_padded("a\xe2\x80\x8b"));
	assert_false(ehc_text_padded("a b"));
	assert_false(ehc_text_padded(""));
}

static void
bidi_found(void **state)
{
	assert_true(ehc_text_has_bidi_control("a\xe2\x80\xae" "b"));
	assert_true(ehc_text_has_bidi_control("\xe2\x81\xa6x"));
	assert_false(ehc_text_has_bidi_control("\xd7\xa9\xd7\x9c"));
}

static void
put_safe_escapes(void **state)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	ehc_text_put_safe(out, "a\nb\033[2J\xff" "\xe2\x80\xae" "\xc3\xab");
	fclose(out);
	assert_string_equal(text, "a\\x0ab\\x1b[2J\\xff\\u202e\xc3\xab");
	free(text);
}

static void
width_counts_code_points(void **state)
{
	assert_int_equal(ehc_text_width(""), 0);
	assert_int_equal(ehc_text_width("abc"), 3);
	assert_int_equal(ehc_text_width("Zo\xc3\xab"), 3);
	assert_int_equal(ehc_text_width("\xe2\x82\xac"), 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(distance_counts_edits),
		cmocka_unit_test(nearest_finds_typo),
		cmocka_unit_test(nearest_finds_prefix),
		cmocka_unit_test(nearest_rejects_distant),
		cmocka_unit_test(nearest_of_none),
		cmocka_unit_test(utf8_accepts_valid),
		cmocka_unit_test(utf8_rejects_invalid),
		cmocka_unit_test(control_found),
		cmocka_unit_test(width_counts_code_points),
		cmocka_unit_test(blank_and_padded),
		cmocka_unit_test(bidi_found),
		cmocka_unit_test(put_safe_escapes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
