/* Unit tests for the streaming CSV reader of import files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/csv.h"

/* Records in the large input, a file of a few megabytes. */
#define LARGE_RECORDS	100000

struct input {
	FILE *in;
	struct ehc_csv *csv;
	struct ehc_error err;
	char **fields;
	size_t count;
};

/* Opens a string literal, whose size lets it contain NUL bytes. */
#define OPEN(input, text)	open_text((input), (text), sizeof(text) - 1)

static void
open_file(struct input *input, FILE *in)
{
	memset(input, 0, sizeof(*input));
	assert_non_null(in);
	input->in = in;
	input->csv = ehc_csv_create(in);
	assert_non_null(input->csv);
}

static void
open_text(struct input *input, const char *text, size_t len)
{
	open_file(input, fmemopen((void *)text, len, "r"));
}

static void
open_data(struct input *input, const char *name)
{
	const char *dir = getenv("EHC_TEST_DATA");
	char path[4096];

	assert_non_null(dir);
	snprintf(path, sizeof(path), "%s/import/%s", dir, name);
	open_file(input, fopen(path, "r"));
}

static void
close_input(struct input *input)
{
	ehc_csv_destroy(input->csv);
	fclose(input->in);
}

static int
next(struct input *input)
{
	return ehc_csv_next(input->csv, &input->fields, &input->count,
	    &input->err);
}

/* Reads the next record and checks it against the NULL-ended values. */
static void
expect_record(struct input *input, const char *const *values)
{
	size_t n = 0;

	while (values[n] != NULL)
		n++;
	assert_int_equal(next(input), EHC_OK);
	assert_int_equal(input->count, n);
	for (size_t i = 0; i < n && i < input->count; i++)
		assert_string_equal(input->fields[i], values[i]);
}

/* Reads the next record and checks that it fails with message. */
static void
expect_error(struct input *input, int status, const char *message)
{
	assert_int_equal(next(input), status);
	assert_int_equal(input->err.status, status);
	assert_string_equal(input->err.message, message);
}

static void
csv_reads_fields(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "ref,child_name\nREF-1,Ann Example\n");
	assert_int_equal(ehc_csv_line(input.csv), 0);
	expect_record(&input, (const char *[]){ "ref", "child_name", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 1);
	expect_record(&input, (const char *[]){ "REF-1", "Ann Example",
	    NULL });
	assert_int_equal(ehc_csv_line(input.csv), 2);
	assert_int_equal(next(&input), EHC_NOINPUT);
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
csv_skips_bom(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "\xef\xbb\xbfref,name\r\nA,B\r\n");
	expect_record(&input, (const char *[]){ "ref", "name", NULL });
	expect_record(&input, (const char *[]){ "A", "B", NULL });
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
csv_keeps_later_bom(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "a\n\xef\xbb\xbf" "b\n");
	expect_record(&input, (const char *[]){ "a", NULL });
	expect_record(&input, (const char *[]){ "\xef\xbb\xbf" "b", NULL });
	close_input(&input);
}

static void
csv_line_ends(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "a,b\nc,d\r\ne,f\rg,h\r\n");
	expect_record(&input, (const char *[]){ "a", "b", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 1);
	expect_record(&input, (const char *[]){ "c", "d", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 2);
	expect_record(&input, (const char *[]){ "e", "f", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 3);
	expect_record(&input, (const char *[]){ "g", "h", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 4);
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
csv_crlf_leaves_no_cr(void **state)
{
	struct input input;
	size_t records = 0;

	(void)state;
	OPEN(&input, "ref,notes\r\nA,\"x\r\ny\"\r\nB,\r\n\r\nC,z\r");
	while (next(&input) == EHC_OK) {
		records++;
		for (size_t i = 0; i < input.count; i++)
			assert_null(strchr(input.fields[i], '\r'));
	}
	assert_int_equal(input.err.status, 0);
	assert_int_equal(records, 4);
	close_input(&input);
}

static void
csv_no_final_newline(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "a,b\nc,d");
	expect_record(&input, (const char *[]){ "a", "b", NULL });
	expect_record(&input, (const char *[]){ "c", "d", NULL });
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);

	OPEN(&input, "a,\"b\nc\"");
	expect_record(&input, (const char *[]){ "a", "b\nc", NULL });
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
csv_skips_empty_lines(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "\n\na\n\n\r\n\rb\n\n\r\n");
	expect_record(&input, (const char *[]){ "a", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 3);
	expect_record(&input, (const char *[]){ "b", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 7);
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
csv_keeps_blank_field(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, " \n\"\"\n");
	expect_record(&input, (const char *[]){ " ", NULL });
	expect_record(&input, (const char *[]){ "", NULL });
	close_input(&input);
}

static void
csv_empty_input(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "");
	assert_int_equal(next(&input), EHC_NOINPUT);
	assert_int_equal(ehc_csv_line(input.csv), 0);
	close_input(&input);

	OPEN(&input, "\n\r\n\r");
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);

	OPEN(&input, "\xef\xbb\xbf");
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
csv_quoted_fields(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "\"a,b\",\"say \"\"hi\"\"\",\"\",\"\"\"\"\n");
	expect_record(&input, (const char *[]){ "a,b", "say \"hi\"", "",
	    "\"", NULL });
	close_input(&input);
}

static void
csv_quoted_line_breaks(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "\"1\n2\",x\r\n\"3\r\n4\",y\r\n\"5\r6\",z\n"
	    "\"7\n\n8\",w\nlast\n");
	expect_record(&input, (const char *[]){ "1\n2", "x", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 1);
	expect_record(&input, (const char *[]){ "3\n4", "y", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 3);
	expect_record(&input, (const char *[]){ "5\n6", "z", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 5);
	expect_record(&input, (const char *[]){ "7\n\n8", "w", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 7);
	expect_record(&input, (const char *[]){ "last", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 10);
	close_input(&input);
}

static void
csv_empty_fields(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "a,b,,\n,,\n,\nx,\"\",\n");
	expect_record(&input, (const char *[]){ "a", "b", "", "", NULL });
	expect_record(&input, (const char *[]){ "", "", "", NULL });
	expect_record(&input, (const char *[]){ "", "", NULL });
	expect_record(&input, (const char *[]){ "x", "", "", NULL });
	close_input(&input);
}

static void
csv_stray_quote(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "ref,name\nA,Ann \"Jo\" Example\n");
	expect_record(&input, (const char *[]){ "ref", "name", NULL });
	expect_error(&input, EHC_DATAERR, "line 2: field 2 has a quote but "
	    "does not start with one; put the whole field in quotes and "
	    "double the quote");
	close_input(&input);

	/* A space before the opening quote makes the field unquoted. */
	OPEN(&input, "a, \"b\"\n");
	expect_error(&input, EHC_DATAERR, "line 1: field 2 has a quote but "
	    "does not start with one; put the whole field in quotes and "
	    "double the quote");
	close_input(&input);
}

static void
csv_text_after_quote(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "\"a\"b,c\n");
	expect_error(&input, EHC_DATAERR,
	    "line 1: field 1 has text after its closing quote");
	close_input(&input);

	/* The record starts on line 2, and the bad quote is on line 3. */
	OPEN(&input, "ref,notes\nA,\"two\nlines\" \n");
	expect_record(&input, (const char *[]){ "ref", "notes", NULL });
	expect_error(&input, EHC_DATAERR,
	    "line 2: field 2 has text after its closing quote");
	assert_int_equal(ehc_csv_line(input.csv), 2);
	close_input(&input);
}

static void
csv_unterminated_quote(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "ref,notes\n\nA,\"open\nmore\n\n");
	expect_record(&input, (const char *[]){ "ref", "notes", NULL });
	expect_error(&input, EHC_DATAERR,
	    "line 3: field 2 has an unterminated quote");
	close_input(&input);

	OPEN(&input, "\"open");
	expect_error(&input, EHC_DATAERR,
	    "line 1: field 1 has an unterminated quote");
	close_input(&input);
}

static void
csv_error_repeats(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "\"a\"b\nc\n");
	assert_int_equal(next(&input), EHC_DATAERR);
	memset(&input.err, 0, sizeof(input.err));
	expect_error(&input, EHC_DATAERR,
	    "line 1: field 1 has text after its closing quote");
	close_input(&input);
}

static void
csv_accepts_utf8(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "Zo\xc3\xab,\xe2\x82\xac 5,\xf0\x9f\x98\x80\n");
	expect_record(&input, (const char *[]){ "Zo\xc3\xab", "\xe2\x82\xac 5",
	    "\xf0\x9f\x98\x80", NULL });
	close_input(&input);
}

static void
csv_rejects_cp1252(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "ref,name\nA-1,Test D\x92" "Arcy\n");
	expect_record(&input, (const char *[]){ "ref", "name", NULL });
	expect_error(&input, EHC_DATAERR, "line 2: byte 11 (0x92) is not "
	    "valid UTF-8; save the file as UTF-8");
	assert_int_equal(ehc_csv_line(input.csv), 2);
	close_input(&input);
}

static void
csv_rejects_bad_utf8(void **state)
{
	static const struct {
		const char *text;
		const char *message;
	} cases[] = {
		/* Latin-1 e acute, a lone continuation byte, 0xff. */
		{ "caf\xe9 x\n", "line 1: byte 4 (0xe9)" },
		{ "a,\x80\n", "line 1: byte 3 (0x80)" },
		{ "\xff\n", "line 1: byte 1 (0xff)" },
		/* A sequence cut short by the line end or the input end. */
		{ "ab\xe2\x82\nc\n", "line 1: byte 3 (0xe2)" },
		{ "ok\nab\xf0\x9f\x98", "line 2: byte 3 (0xf0)" },
		/* Overlong "/", a UTF-16 surrogate, a value past U+10FFFF. */
		{ "\xc0\xaf\n", "line 1: byte 1 (0xc0)" },
		{ "x\xed\xa0\x80\n", "line 1: byte 2 (0xed)" },
		{ "\xf4\x90\x80\x80\n", "line 1: byte 1 (0xf4)" },
		/* Inside quotes the byte is counted on its own line. */
		{ "\"a\nxx\xe9\"\n", "line 2: byte 3 (0xe9)" },
		/* A byte order mark counts, since the file has it. */
		{ "\xef\xbb\xbf" "ab\xff\n", "line 1: byte 6 (0xff)" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct input input;
		char message[128];

		snprintf(message, sizeof(message), "%s is not valid UTF-8; "
		    "save the file as UTF-8", cases[i].message);
		open_text(&input, cases[i].text, strlen(cases[i].text));
		while (next(&input) == EHC_OK)
			continue;
		assert_int_equal(input.err.status, EHC_DATAERR);
		assert_string_equal(input.err.message, message);
		close_input(&input);
	}
}

static void
csv_rejects_nul(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "a,b\nc,\0d\n");
	expect_record(&input, (const char *[]){ "a", "b", NULL });
	expect_error(&input, EHC_DATAERR, "line 2: byte 3 (0x00) is a NUL "
	    "byte; save the file as UTF-8 text");
	close_input(&input);
}

static void
csv_rejects_utf16(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "\xff\xfer\0e\0f\0\r\0\n\0");
	expect_error(&input, EHC_DATAERR,
	    "line 1: the file is UTF-16; save it as UTF-8");
	close_input(&input);

	OPEN(&input, "\xfe\xff\0r\0e\0f\0\r\0\n");
	expect_error(&input, EHC_DATAERR,
	    "line 1: the file is UTF-16; save it as UTF-8");
	close_input(&input);
}

static void
write_bytes(FILE *out, int c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		putc(c, out);
}

static void
csv_record_limit(void **state)
{
	struct input input;
	FILE *tmp = tmpfile();

	(void)state;
	assert_non_null(tmp);
	fputs("h\n", tmp);
	write_bytes(tmp, 'x', EHC_CSV_RECORD_MAX);
	fputs("\n", tmp);
	write_bytes(tmp, 'y', EHC_CSV_RECORD_MAX + 1);
	fputs("\n", tmp);
	rewind(tmp);

	open_file(&input, tmp);
	expect_record(&input, (const char *[]){ "h", NULL });
	assert_int_equal(next(&input), EHC_OK);
	assert_int_equal(input.count, 1);
	assert_int_equal(strlen(input.fields[0]), EHC_CSV_RECORD_MAX);
	expect_error(&input, EHC_DATAERR, "line 3: record is longer than "
	    "1048576 bytes; check for a quote that is not closed");
	close_input(&input);
}

static void
csv_open_quote_limit(void **state)
{
	struct input input;
	FILE *tmp = tmpfile();

	(void)state;
	assert_non_null(tmp);
	fputs("ref,notes\nA,\"never closed\n", tmp);
	for (size_t i = 0; i < EHC_CSV_RECORD_MAX / 8 + 2; i++)
		fputs("B,short\r\n", tmp);
	rewind(tmp);

	open_file(&input, tmp);
	expect_record(&input, (const char *[]){ "ref", "notes", NULL });
	expect_error(&input, EHC_DATAERR, "line 2: record is longer than "
	    "1048576 bytes; check for a quote that is not closed");
	close_input(&input);
}

static void
csv_large_input(void **state)
{
	struct input input;
	FILE *tmp = tmpfile();
	size_t records = 0;
	char last[32];

	(void)state;
	assert_non_null(tmp);
	fputs("ref,child_name,notes\n", tmp);
	for (int i = 1; i <= LARGE_RECORDS; i++)
		fprintf(tmp, "REF-%d,Child %d,\"note, %d\"\r\n", i, i, i);
	rewind(tmp);

	open_file(&input, tmp);
	expect_record(&input, (const char *[]){ "ref", "child_name", "notes",
	    NULL });
	while (next(&input) == EHC_OK) {
		records++;
		assert_int_equal(input.count, 3);
		snprintf(last, sizeof(last), "%s", input.fields[0]);
	}
	assert_int_equal(input.err.status, 0);
	assert_int_equal(records, LARGE_RECORDS);
	assert_string_equal(last, "REF-100000");
	assert_int_equal(ehc_csv_line(input.csv), LARGE_RECORDS + 1);
	close_input(&input);
}

static void
csv_read_error(void **state)
{
	struct input input;

	(void)state;
	/* On Linux a directory opens for reading, but each read fails. */
	open_file(&input, fopen("/", "r"));
	assert_int_equal(next(&input), EHC_IOERR);
	assert_string_equal(input.err.message,
	    "line 1: read failed: Is a directory");
	close_input(&input);
}

static void
csv_file_bom_crlf(void **state)
{
	struct input input;

	(void)state;
	open_data(&input, "bom-crlf.csv");
	expect_record(&input, (const char *[]){ "ref", "child_name",
	    "received", "notes", NULL });
	expect_record(&input, (const char *[]){ "REF-10", "Sam Example",
	    "2026-01-05", "", NULL });
	expect_record(&input, (const char *[]){ "REF-11", "Ola Example",
	    "2026-01-06", "two\nlines", NULL });
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
csv_file_quoted(void **state)
{
	struct input input;

	(void)state;
	open_data(&input, "quoted.csv");
	expect_record(&input, (const char *[]){ "ref", "notes", "setting",
	    NULL });
	expect_record(&input, (const char *[]){ "REF-30",
	    "a \"quoted\" word, and a comma", "", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 2);
	expect_record(&input, (const char *[]){ "REF-31", "first\n\nthird",
	    "Example School", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 3);
	expect_record(&input, (const char *[]){ "REF-32", "",
	    "no final newline", NULL });
	assert_int_equal(ehc_csv_line(input.csv), 6);
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
csv_file_cp1252(void **state)
{
	struct input input;

	(void)state;
	open_data(&input, "windows-1252.csv");
	expect_record(&input, (const char *[]){ "ref", "child_name", "notes",
	    NULL });
	expect_error(&input, EHC_DATAERR, "line 2: byte 12 (0xe9) is not "
	    "valid UTF-8; save the file as UTF-8");
	close_input(&input);
}

static void
csv_destroy_null(void **state)
{
	(void)state;
	ehc_csv_destroy(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csv_reads_fields),
		cmocka_unit_test(csv_skips_bom),
		cmocka_unit_test(csv_keeps_later_bom),
		cmocka_unit_test(csv_line_ends),
		cmocka_unit_test(csv_crlf_leaves_no_cr),
		cmocka_unit_test(csv_no_final_newline),
		cmocka_unit_test(csv_skips_empty_lines),
		cmocka_unit_test(csv_keeps_blank_field),
		cmocka_unit_test(csv_empty_input),
		cmocka_unit_test(csv_quoted_fields),
		cmocka_unit_test(csv_quoted_line_breaks),
		cmocka_unit_test(csv_empty_fields),
		cmocka_unit_test(csv_stray_quote),
		cmocka_unit_test(csv_text_after_quote),
		cmocka_unit_test(csv_unterminated_quote),
		cmocka_unit_test(csv_error_repeats),
		cmocka_unit_test(csv_accepts_utf8),
		cmocka_unit_test(csv_rejects_cp1252),
		cmocka_unit_test(csv_rejects_bad_utf8),
		cmocka_unit_test(csv_rejects_nul),
		cmocka_unit_test(csv_rejects_utf16),
		cmocka_unit_test(csv_record_limit),
		cmocka_unit_test(csv_open_quote_limit),
		cmocka_unit_test(csv_large_input),
		cmocka_unit_test(csv_read_error),
		cmocka_unit_test(csv_file_bom_crlf),
		cmocka_unit_test(csv_file_quoted),
		cmocka_unit_test(csv_file_cp1252),
		cmocka_unit_test(csv_destroy_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
