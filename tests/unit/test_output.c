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

/* A change to a new listing before its first row, or NULL for none. */
typedef void (*setup_fn)(struct ehc_listing *listing);

/*
 * Lists rows (count of them, 4 values each) after setup and returns the
 * bytes.
 */
static char *
render_after(setup_fn setup, enum ehc_format format,
	     const char *const rows[][4], size_t count)
{
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	struct ehc_listing *listing;

	assert_non_null(out);
	listing = ehc_listing_create(out, format, columns, 4);
	assert_non_null(listing);
	if (setup != NULL)
		setup(listing);
	for (size_t i = 0; i < count; i++)
		assert_int_equal(ehc_listing_row(listing, rows[i]), 0);
	assert_int_equal(ehc_listing_finish(listing), 0);
	ehc_listing_destroy(listing);
	fclose(out);
	return text;
}

static char *
render(enum ehc_format format, const char *const rows[][4], size_t count)
{
	return render_after(NULL, format, rows, count);
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
expect_after(setup_fn setup, enum ehc_format format,
	     const char *const rows[][4], size_t count, const char *want)
{
	char *got = render_after(setup, format, rows, count);

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

/* Parses list against the test columns and returns the status. */
static int
parse(const char *list, struct ehc_selection *selection,
      struct ehc_error *err)
{
	*err = (struct ehc_error){ 0 };
	return ehc_selection_parse(selection, list, columns, 4, err);
}

static void
selection_keeps_order(void **state)
{
	struct ehc_selection selection;
	struct ehc_error err;

	assert_int_equal(parse("note,ref", &selection, &err), EHC_OK);
	assert_int_equal(selection.count, 2);
	assert_int_equal(selection.index[0], 3);
	assert_int_equal(selection.index[1], 0);
}

static void
selection_ignores_blanks(void **state)
{
	struct ehc_selection selection;
	struct ehc_error err;

	assert_int_equal(parse(" days ,\tdue", &selection, &err), EHC_OK);
	assert_int_equal(selection.count, 2);
	assert_int_equal(selection.index[0], 2);
	assert_int_equal(selection.index[1], 1);
}

static void
selection_unknown_suggests(void **state)
{
	struct ehc_selection selection;
	struct ehc_error err;

	assert_int_equal(parse("ref,nte", &selection, &err), EHC_USAGE);
	assert_string_equal(err.message, "unknown column 'nte'; did you mean "
			    "'note'? columns: ref, due, days, note");
	assert_int_equal(parse("xyz", &selection, &err), EHC_USAGE);
	assert_string_equal(err.message, "unknown column 'xyz'; columns: "
			    "ref, due, days, note");
}

static void
selection_rejects_empty_name(void **state)
{
	static const char *const lists[] = { "", " ", "ref,", ",ref",
					     "ref,,due" };
	struct ehc_selection selection;
	struct ehc_error err;

	for (size_t i = 0; i < sizeof(lists) / sizeof(*lists); i++) {
		assert_int_equal(parse(lists[i], &selection, &err), EHC_USAGE);
		assert_string_equal(err.message, "a column name is empty; "
				    "columns: ref, due, days, note");
	}
}

static void
selection_rejects_repeat(void **state)
{
	struct ehc_selection selection;
	struct ehc_error err;

	assert_int_equal(parse("ref,due,ref", &selection, &err), EHC_USAGE);
	assert_string_equal(err.message, "column 'ref' is named twice");
}

static void
select_note_ref(struct ehc_listing *listing)
{
	struct ehc_selection selection;
	struct ehc_error err;

	assert_int_equal(parse("note,ref", &selection, &err), EHC_OK);
	ehc_listing_select(listing, &selection);
}

static void
selected_columns_every_format(void **state)
{
	expect_after(select_note_ref, EHC_FORMAT_TSV, plain, 2,
		     "note\tref\n"
		     "first\tA-1\n"
		     "\tB-22\n");
	expect_after(select_note_ref, EHC_FORMAT_CSV, plain, 2,
		     "note,ref\r\n"
		     "first,A-1\r\n"
		     ",B-22\r\n");
	expect_after(select_note_ref, EHC_FORMAT_JSONL, plain, 2,
		     "{\"note\":\"first\",\"ref\":\"A-1\"}\n"
		     "{\"note\":null,\"ref\":\"B-22\"}\n");
	expect_after(select_note_ref, EHC_FORMAT_TABLE, plain, 2,
		     "note   ref\n"
		     "first  A-1\n"
		     "       B-22\n");
}

/* A command lists its default columns first; here ref and due. */
static void
select_first_two(struct ehc_listing *listing)
{
	struct ehc_selection selection;

	ehc_selection_first(&selection, 2);
	ehc_listing_select(listing, &selection);
}

static void
first_columns_only(void **state)
{
	expect_after(select_first_two, EHC_FORMAT_JSON, plain, 1,
		     "[\n{\"ref\":\"A-1\",\"due\":\"2026-11-16\"}\n]\n");
	expect_after(select_first_two, EHC_FORMAT_TABLE, plain, 2,
		     "ref   due\n"
		     "A-1   2026-11-16\n"
		     "B-22  2026-12-28\n");
}

static void
header_off(struct ehc_listing *listing)
{
	ehc_listing_set_header(listing, false);
}

static void
no_header_tsv_csv(void **state)
{
	expect_after(header_off, EHC_FORMAT_TSV, plain, 2,
		     "A-1\t2026-11-16\t-3\tfirst\n"
		     "B-22\t2026-12-28\t40\t\n");
	expect_after(header_off, EHC_FORMAT_CSV, plain, 1,
		     "A-1,2026-11-16,-3,first\r\n");
}

static void
guard_off(struct ehc_listing *listing)
{
	ehc_listing_set_guard(listing, false);
}

static void
guard_off_writes_text_as_is(void **state)
{
	static const char *const rows[][4] = {
		{ "+44 1234", "2026-01-01", "-5", "-note" },
		{ "@home", "2026-01-01", "0", "\tx" },
		{ "=SUM(A1)", "2026-01-01", "1", "=1,2" },
	};

	/* Quoting still follows RFC 4180; only the leading quote goes. */
	expect_after(guard_off, EHC_FORMAT_CSV, rows, 3,
		     "ref,due,days,note\r\n"
		     "+44 1234,2026-01-01,-5,-note\r\n"
		     "@home,2026-01-01,0,\tx\r\n"
		     "=SUM(A1),2026-01-01,1,\"=1,2\"\r\n");
}

static void
guard_switch_only_csv(void **state)
{
	static const char *const rows[][4] = {
		{ "=SUM(A1)", "2026-01-01", "1", "-x" },
	};

	expect_after(guard_off, EHC_FORMAT_TSV, rows, 1,
		     "ref\tdue\tdays\tnote\n"
		     "=SUM(A1)\t2026-01-01\t1\t-x\n");
	expect_after(guard_off, EHC_FORMAT_JSONL, rows, 1,
		     "{\"ref\":\"=SUM(A1)\",\"due\":\"2026-01-01\","
		     "\"days\":1,\"note\":\"-x\"}\n");
}

/* A row of the key and value shape that ehc show writes. */
static const struct ehc_column pair_columns[] = {
	{ "field", EHC_VALUE_TEXT },
	{ "value", EHC_VALUE_TEXT },
};

static char *
render_typed(enum ehc_format format)
{
	static const char *const rows[][2] = {
		{ "days", "-3" }, { "note", "-3" }, { "due", "2026-01-01" },
		{ "detail", "{\"a\":[1,null]}" },
	};
	static const enum ehc_value_type types[][2] = {
		{ EHC_VALUE_TEXT, EHC_VALUE_NUMBER },
		{ EHC_VALUE_TEXT, EHC_VALUE_TEXT },
		{ EHC_VALUE_TEXT, EHC_VALUE_DATE },
		{ EHC_VALUE_TEXT, EHC_VALUE_JSON },
	};
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);
	struct ehc_listing *listing;

	assert_non_null(out);
	listing = ehc_listing_create(out, format, pair_columns, 2);
	assert_non_null(listing);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(ehc_listing_row_typed(listing, rows[i],
						       types[i]), 0);
	assert_int_equal(ehc_listing_finish(listing), 0);
	ehc_listing_destroy(listing);
	fclose(out);
	return text;
}

static void
typed_rows(void **state)
{
	char *csv = render_typed(EHC_FORMAT_CSV);
	char *jsonl = render_typed(EHC_FORMAT_JSONL);

	assert_string_equal(csv,
			    "field,value\r\n"
			    "days,-3\r\n"
			    "note,\"'-3\"\r\n"
			    "due,2026-01-01\r\n"
			    "detail,\"{\"\"a\"\":[1,null]}\"\r\n");
	assert_string_equal(jsonl,
			    "{\"field\":\"days\",\"value\":-3}\n"
			    "{\"field\":\"note\",\"value\":\"-3\"}\n"
			    "{\"field\":\"due\",\"value\":\"2026-01-01\"}\n"
			    "{\"field\":\"detail\","
			    "\"value\":{\"a\":[1,null]}}\n");
	free(csv);
	free(jsonl);
}

static void
too_many_columns(void **state)
{
	static struct ehc_column wide[EHC_COLUMNS_MAX + 1];
	struct ehc_selection selection;
	struct ehc_error err = { 0 };

	for (size_t i = 0; i <= EHC_COLUMNS_MAX; i++)
		wide[i] = (struct ehc_column){ "c", EHC_VALUE_TEXT };
	assert_null(ehc_listing_create(stdout, EHC_FORMAT_TSV, wide,
				       EHC_COLUMNS_MAX + 1));
	assert_int_equal(ehc_selection_parse(&selection, "c", wide,
					     EHC_COLUMNS_MAX + 1, &err),
			 EHC_SOFTWARE);
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
		cmocka_unit_test(selection_keeps_order),
		cmocka_unit_test(selection_ignores_blanks),
		cmocka_unit_test(selection_unknown_suggests),
		cmocka_unit_test(selection_rejects_empty_name),
		cmocka_unit_test(selection_rejects_repeat),
		cmocka_unit_test(selected_columns_every_format),
		cmocka_unit_test(first_columns_only),
		cmocka_unit_test(no_header_tsv_csv),
		cmocka_unit_test(guard_off_writes_text_as_is),
		cmocka_unit_test(guard_switch_only_csv),
		cmocka_unit_test(typed_rows),
		cmocka_unit_test(too_many_columns),
		cmocka_unit_test(write_error_reported),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
