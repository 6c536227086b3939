/* Unit tests for the listing formats: exact bytes for awkward values. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/output.h"

static const struct ehc_column columns[] = {
	{ "ref", EHC_VALUE_TEXT },
	{ "due", EHC_VALUE_DATE },
	{ "days", EHC_VALUE_NUMBER },
	{ "note", EHC_VALUE_TEXT },
};

/* Lists rows (count of them, 4 values each) and returns the bytes. */
static char *
render(enum ehc_format format, const char *const rows[][4], size_t count)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	struct ehc_listing *listing;

	assert_non_null(out);
	listing = ehc_listing_create(out, format, columns, 4);
	assert_non_null(listing);
	for (size_t i = 0; i < count; i++)
		assert_int_equal(ehc_listing_row(listing, rows[i]), 0);
	assert_int_equal(ehc_listing_finish(listing), 0);
	ehc_listing_destroy(listing);
	fclose(out);
	return text;
}

static const char *const plain[][4] = {
	{ "A-1", "2026-11-16", "-3", "first" },
	{ "B-22", "2026-12-28", "40", NULL },
};

static const char *const awkward[][4] = {
	{ "a\tb\\c", "2026-11-16", "-3", "line\nbreak\rreturn" },
	{ "=SUM(A1)", "2026-12-28", "-1", "say \"hi\", then go" },
	{ "Zo\xc3\xab", "2026-12-28", "7", "\033[2J\x7f" },
};

static void
expect(enum ehc_format format, const char *const rows[][4], size_t count,
       const char *want)
{
	char *got = render(format, rows, count);

	assert_string_equal(got, want);
	free(got);
}

static void
empty_prints_nothing(void **state)
{
	expect(EHC_FORMAT_TABLE, plain, 0, "");
	expect(EHC_FORMAT_TSV, plain, 0, "");
	expect(EHC_FORMAT_CSV, plain, 0, "");
	expect(EHC_FORMAT_JSONL, plain, 0, "");
}

static void
empty_json_is_array(void **state)
{
	expect(EHC_FORMAT_JSON, plain, 0, "[]\n");
}

static void
tsv_plain(void **state)
{
	expect(EHC_FORMAT_TSV, plain, 2,
	       "ref\tdue\tdays\tnote\n"
	       "A-1\t2026-11-16\t-3\tfirst\n"
	       "B-22\t2026-12-28\t40\t\n");
}

static void
tsv_escapes(void **state)
{
	expect(EHC_FORMAT_TSV, awkward, 3,
	       "ref\tdue\tdays\tnote\n"
	       "a\\tb\\\\c\t2026-11-16\t-3\tline\\nbreak\\rreturn\n"
	       "=SUM(A1)\t2026-12-28\t-1\tsay \"hi\", then go\n"
	       "Zo\xc3\xab\t2026-12-28\t7\t\\x1b[2J\\x7f\n");
}

static void
csv_quotes(void **state)
{
	expect(EHC_FORMAT_CSV, awkward, 3,
	       "ref,due,days,note\r\n"
	       "a\tb\\c,2026-11-16,-3,\"line\nbreak\rreturn\"\r\n"
	       "\"'=SUM(A1)\",2026-12-28,-1,\"say \"\"hi\"\", then go\"\r\n"
	       "Zo\xc3\xab,2026-12-28,7,\033[2J\x7f\r\n");
}

static void
csv_guards_text_only(void **state)
{
	static const char *const rows[][4] = {
		{ "+44 1234", "2026-01-01", "-5", "-note" },
		{ "@home", "2026-01-01", "0", "\tx" },
	};

	/* A negative number stays a number; text gets the quote. */
	expect(EHC_FORMAT_CSV, rows, 2,
	       "ref,due,days,note\r\n"
	       "\"'+44 1234\",2026-01-01,-5,\"'-note\"\r\n"
	       "\"'@home\",2026-01-01,0,\"'\tx\"\r\n");
}

static void
json_types(void **state)
{
	expect(EHC_FORMAT_JSON, plain, 2,
	       "[\n"
	       "{\"ref\":\"A-1\",\"due\":\"2026-11-16\",\"days\":-3,"
	       "\"note\":\"first\"},\n"
	       "{\"ref\":\"B-22\",\"due\":\"2026-12-28\",\"days\":40,"
	       "\"note\":null}\n"
	       "]\n");
}

static void
json_escapes(void **state)
{
	expect(EHC_FORMAT_JSONL, awkward, 3,
	       "{\"ref\":\"a\\tb\\\\c\",\"due\":\"2026-11-16\",\"days\":-3,"
	       "\"note\":\"line\\nbreak\\rreturn\"}\n"
	       "{\"ref\":\"=SUM(A1)\",\"due\":\"2026-12-28\",\"days\":-1,"
	       "\"note\":\"say \\\"hi\\\", then go\"}\n"
	       "{\"ref\":\"Zo\xc3\xab\",\"due\":\"2026-12-28\",\"days\":7,"
	       "\"note\":\"\\u001b[2J\\u007f\"}\n");
}

static void
json_replaces_invalid_utf8(void **state)
{
	static const char *const rows[][4] = {
		{ "D\x92" "Arcy", "2026-01-01", "1", "\xe2\x80\xa8" "end\xe2" },
	};

	expect(EHC_FORMAT_JSONL, rows, 1,
	       "{\"ref\":\"D\\ufffdArcy\",\"due\":\"2026-01-01\",\"days\":1,"
	       "\"note\":\"\\u2028end\\ufffd\"}\n");
}

static void
table_aligns(void **state)
{
	expect(EHC_FORMAT_TABLE, plain, 2,
	       "ref   due         days  note\n"
	       "A-1   2026-11-16    -3  first\n"
	       "B-22  2026-12-28    40\n");
}

static void
table_escapes_controls(void **state)
{
	expect(EHC_FORMAT_TABLE, awkward + 2, 1,
	       "ref  due         days  note\n"
	       "Zo\xc3\xab  2026-12-28     7  \\x1b[2J\\x7f\n");
}

static void
format_names(void **state)
{
	enum ehc_format format;

	assert_true(ehc_format_lookup("csv", &format));
	assert_int_equal(format, EHC_FORMAT_CSV);
	assert_true(ehc_format_lookup("jsonl", &format));
	assert_int_equal(format, EHC_FORMAT_JSONL);
	assert_false(ehc_format_lookup("CSV", &format));
	assert_false(ehc_format_lookup("xml", &format));
}

static void
write_error_reported(void **state)
{
	FILE *full = fopen("/dev/full", "w");
	struct ehc_listing *listing;

	if (full == NULL)
		skip();
	listing = ehc_listing_create(full, EHC_FORMAT_TSV, columns, 4);
	ehc_listing_row(listing, plain[0]);
	assert_int_equal(ehc_listing_finish(listing), 74);
	ehc_listing_destroy(listing);
	fclose(full);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_prints_nothing),
		cmocka_unit_test(empty_json_is_array),
		cmocka_unit_test(tsv_plain),
		cmocka_unit_test(tsv_escapes),
		cmocka_unit_test(csv_quotes),
		cmocka_unit_test(csv_guards_text_only),
		cmocka_unit_test(json_types),
		cmocka_unit_test(json_escapes),
		cmocka_unit_test(json_replaces_invalid_utf8),
		cmocka_unit_test(table_aligns),
		cmocka_unit_test(table_escapes_controls),
		cmocka_unit_test(format_names),
		cmocka_unit_test(write_error_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
