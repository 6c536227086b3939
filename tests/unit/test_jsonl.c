/* Unit tests for the streaming JSON lines reader of import files. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/jsonl.h"

/* Lines in the large input, a file of a few megabytes. */
#define LARGE_LINES	100000

struct input {
	FILE *in;
	struct ehc_jsonl *reader;
	struct ehc_error err;
	char **keys;
	char **values;
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
	input->reader = ehc_jsonl_create(in);
	assert_non_null(input->reader);
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
	ehc_jsonl_destroy(input->reader);
	fclose(input->in);
}

static int
next(struct input *input)
{
	return ehc_jsonl_next(input->reader, &input->keys, &input->values,
	    &input->count, &input->err);
}

/*
 * Reads the next object and checks it against pairs of key and value, ended
 * by a NULL key. A NULL value is JSON null.
 */
static void
expect_object(struct input *input, const char *const *pairs)
{
	size_t n = 0;

	while (pairs[2 * n] != NULL)
		n++;
	assert_int_equal(next(input), EHC_OK);
	assert_int_equal(input->count, n);
	for (size_t i = 0; i < n && i < input->count; i++) {
		assert_string_equal(input->keys[i], pairs[2 * i]);
		if (pairs[2 * i + 1] == NULL)
			assert_null(input->values[i]);
		else
			assert_string_equal(input->values[i],
			    pairs[2 * i + 1]);
	}
}

/* Reads the one line of text and checks that it fails with message. */
static void
expect_error(const char *text, size_t len, const char *message)
{
	struct input input;

	open_text(&input, text, len);
	assert_int_equal(next(&input), EHC_DATAERR);
	assert_int_equal(input.err.status, EHC_DATAERR);
	assert_string_equal(input.err.message, message);
	close_input(&input);
}

#define EXPECT_ERROR(text, message) \
	expect_error((text), sizeof(text) - 1, (message))

static void
jsonl_reads_values(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "{\"ref\": \"REF-1\", \"age\": 42, \"offset\": -3, "
	    "\"zero\": 0, \"urgent\": true, \"late\": false, "
	    "\"notes\": null, \"empty\": \"\"}\n");
	assert_int_equal(ehc_jsonl_line(input.reader), 0);
	expect_object(&input, (const char *[]){ "ref", "REF-1", "age", "42",
	    "offset", "-3", "zero", "0", "urgent", "true", "late", "false",
	    "notes", NULL, "empty", "", NULL });
	assert_int_equal(ehc_jsonl_line(input.reader), 1);
	assert_int_equal(next(&input), EHC_NOINPUT);
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
jsonl_big_integer(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "{\"n\":123456789012345678901234567890,\"m\":-0}");
	expect_object(&input, (const char *[]){ "n",
	    "123456789012345678901234567890", "m", "-0", NULL });
	close_input(&input);
}

static void
jsonl_empty_object(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "{}\n { }\n");
	expect_object(&input, (const char *[]){ NULL });
	expect_object(&input, (const char *[]){ NULL });
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
jsonl_whitespace(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, " \t{ \"a\" \t: \"b\" , \"c\":1 } \t\n");
	expect_object(&input, (const char *[]){ "a", "b", "c", "1", NULL });
	close_input(&input);
}

static void
jsonl_escapes(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "{\"s\":\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t\","
	    "\"u\":\"\\u0041\\u00e9\\u20AC\\ud83d\\ude00\","
	    "\"k\\u0065y\":\"x\"}\n");
	expect_object(&input, (const char *[]){
	    "s", "q\" b\\ s/ \b\f\n\r\t",
	    "u", "A\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80",
	    "key", "x", NULL });
	close_input(&input);
}

static void
jsonl_keeps_utf8(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "{\"name\":\"Zo\xc3\xab\",\"\xe2\x82\xac\":\"5\"}\n");
	expect_object(&input, (const char *[]){ "name", "Zo\xc3\xab",
	    "\xe2\x82\xac", "5", NULL });
	close_input(&input);
}

static void
jsonl_lone_surrogate(void **state)
{
	(void)state;
	EXPECT_ERROR("{\"a\":\"x\\ud83d\"}", "line 1: column 8: lone "
	    "surrogate \\ud83d; a high surrogate must be followed by a low "
	    "one");
	EXPECT_ERROR("{\"a\":\"\\ud83dx\"}", "line 1: column 7: lone "
	    "surrogate \\ud83d; a high surrogate must be followed by a low "
	    "one");
	EXPECT_ERROR("{\"a\":\"\\ud83d\\u0041\"}", "line 1: column 7: lone "
	    "surrogate \\ud83d; a high surrogate must be followed by a low "
	    "one");
	EXPECT_ERROR("{\"a\":\"\\ude00\"}", "line 1: column 7: lone "
	    "surrogate \\ude00; a low surrogate must follow a high one");
}

static void
jsonl_bad_escape(void **state)
{
	(void)state;
	EXPECT_ERROR("{\"a\":\"\\x41\"}",
	    "line 1: column 7: invalid escape '\\x'");
	EXPECT_ERROR("{\"a\":\"\\'\"}",
	    "line 1: column 7: invalid escape '\\''");
	EXPECT_ERROR("{\"a\":\"\\u12G4\"}", "line 1: column 7: invalid \\u "
	    "escape; expected four hex digits");
	EXPECT_ERROR("{\"a\":\"\\u12\"}", "line 1: column 7: invalid \\u "
	    "escape; expected four hex digits");
	EXPECT_ERROR("{\"a\":\"\\u0000\"}",
	    "line 1: column 7: \\u0000 is not allowed in a string");
	EXPECT_ERROR("{\"a\":\"ab\\",
	    "line 1: column 9: unterminated string");
}

static void
jsonl_control_in_string(void **state)
{
	(void)state;
	EXPECT_ERROR("{\"a\":\"x\ty\"}", "line 1: column 8: unescaped control "
	    "character 0x09 in a string; write it as \\u0009");
	EXPECT_ERROR("{\"a\":\"x\ry\"}", "line 1: column 8: unescaped control "
	    "character 0x0d in a string; write it as \\u000d");
	EXPECT_ERROR("{\"a\":\"x\0y\"}", "line 1: column 8: unescaped control "
	    "character 0x00 in a string; write it as \\u0000");
}

static void
jsonl_rejects_bad_utf8(void **state)
{
	(void)state;
	EXPECT_ERROR("{\"name\":\"D\x92" "Arcy\"}", "line 1: byte 11 (0x92) "
	    "is not valid UTF-8; save the file as UTF-8");
	EXPECT_ERROR("{\"a\":\"caf\xe9\"}", "line 1: byte 10 (0xe9) is not "
	    "valid UTF-8; save the file as UTF-8");
	EXPECT_ERROR("{\"a\":\"\xed\xa0\x80\"}", "line 1: byte 7 (0xed) is "
	    "not valid UTF-8; save the file as UTF-8");
	EXPECT_ERROR("\xef\xbb\xbf{\"a\":\"\xff\"}", "line 1: byte 10 (0xff) "
	    "is not valid UTF-8; save the file as UTF-8");
	EXPECT_ERROR("\xff\xfe{\0}\0", "line 1: the file is UTF-16; save it "
	    "as UTF-8");
}

static void
jsonl_rejects_fraction(void **state)
{
	(void)state;
	EXPECT_ERROR("{\"age\":1.5}", "line 1: column 8: key 'age': 1.5 is "
	    "not an integer; only whole numbers are accepted");
	EXPECT_ERROR("{\"age\":2.0}", "line 1: column 8: key 'age': 2.0 is "
	    "not an integer; only whole numbers are accepted");
	EXPECT_ERROR("{\"age\":1e3}", "line 1: column 8: key 'age': 1e3 is "
	    "not an integer; only whole numbers are accepted");
	EXPECT_ERROR("{\"age\":-2E+1}", "line 1: column 8: key 'age': -2E+1 "
	    "is not an integer; only whole numbers are accepted");
}

static void
jsonl_rejects_bad_number(void **state)
{
	(void)state;
	EXPECT_ERROR("{\"n\":012}", "line 1: column 6: key 'n': invalid "
	    "number '012'; JSON does not allow leading zeros");
	EXPECT_ERROR("{\"n\":-}", "line 1: column 6: key 'n': invalid number "
	    "'-'");
	EXPECT_ERROR("{\"n\":+1}", "line 1: column 6: key 'n': invalid value; "
	    "expected a string, an integer, true, false or null");
	EXPECT_ERROR("{\"n\":.5}", "line 1: column 6: key 'n': invalid value; "
	    "expected a string, an integer, true, false or null");
	EXPECT_ERROR("{\"n\":0x1F}", "line 1: column 7: expected ',' or '}' "
	    "after the value of 'n'");
}

static void
jsonl_rejects_nesting(void **state)
{
	(void)state;
	EXPECT_ERROR("{\"ref\":\"A\",\"address\":{\"town\":\"X\"}}", "line 1: "
	    "column 22: key 'address': nested objects and arrays are not "
	    "supported");
	EXPECT_ERROR("{\"tags\": [1, 2]}", "line 1: column 10: key 'tags': "
	    "nested objects and arrays are not supported");
}

static void
jsonl_rejects_duplicate(void **state)
{
	(void)state;
	EXPECT_ERROR("{\"ref\":\"A\",\"name\":\"B\",\"ref\":\"C\"}",
	    "line 1: duplicate key 'ref'");
	/* The same key written with an escape is still the same key. */
	EXPECT_ERROR("{\"ref\":1,\"r\\u0065f\":2}",
	    "line 1: duplicate key 'ref'");
}

static void
jsonl_rejects_syntax(void **state)
{
	(void)state;
	EXPECT_ERROR("[1, 2]", "line 1: column 1: expected '{'; each line "
	    "must be one JSON object");
	EXPECT_ERROR("\"ref\"", "line 1: column 1: expected '{'; each line "
	    "must be one JSON object");
	EXPECT_ERROR("{ref: 1}", "line 1: column 2: expected a key in double "
	    "quotes");
	EXPECT_ERROR("{'ref': 1}", "line 1: column 2: expected a key in "
	    "double quotes");
	EXPECT_ERROR("{\"a\":1,}", "line 1: column 8: expected a key in "
	    "double quotes");
	EXPECT_ERROR("{\"a\" 1}", "line 1: column 6: expected ':' after key "
	    "'a'");
	EXPECT_ERROR("{\"a\":1 \"b\":2}", "line 1: column 8: expected ',' or "
	    "'}' after the value of 'a'");
	EXPECT_ERROR("{\"a\":1", "line 1: column 7: expected ',' or '}' after "
	    "the value of 'a'");
	EXPECT_ERROR("{\"a\":True}", "line 1: column 6: key 'a': invalid "
	    "value; expected a string, an integer, true, false or null");
	EXPECT_ERROR("{\"a\":nul}", "line 1: column 6: key 'a': invalid "
	    "value; expected a string, an integer, true, false or null");
	EXPECT_ERROR("{\"a\":truex}", "line 1: column 10: expected ',' or '}' "
	    "after the value of 'a'");
	EXPECT_ERROR("{\"a\":\"b}", "line 1: column 6: unterminated string");
	EXPECT_ERROR("{\"a", "line 1: column 2: unterminated string");
}

static void
jsonl_rejects_trailing(void **state)
{
	(void)state;
	EXPECT_ERROR("{\"a\":1} x", "line 1: column 9: unexpected text after "
	    "the object");
	EXPECT_ERROR("{\"a\":1}{\"b\":2}", "line 1: column 8: unexpected text "
	    "after the object");
	EXPECT_ERROR("{},", "line 1: column 3: unexpected text after the "
	    "object");
}

static void
jsonl_error_line(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "{\"a\":1}\n\n{\"a\":\"x\\q\"}\n{\"a\":2}\n");
	expect_object(&input, (const char *[]){ "a", "1", NULL });
	assert_int_equal(next(&input), EHC_DATAERR);
	assert_string_equal(input.err.message,
	    "line 3: column 8: invalid escape '\\q'");
	assert_int_equal(ehc_jsonl_line(input.reader), 3);
	memset(&input.err, 0, sizeof(input.err));
	assert_int_equal(next(&input), EHC_DATAERR);
	assert_string_equal(input.err.message,
	    "line 3: column 8: invalid escape '\\q'");
	close_input(&input);
}

static void
jsonl_shows_key_safely(void **state)
{
	(void)state;
	/* A key in a message loses its control characters and its length. */
	EXPECT_ERROR("{\"a\\nb\":[]}", "line 1: column 9: key 'a?b': nested "
	    "objects and arrays are not supported");
	EXPECT_ERROR("{\"0123456789012345678901234567890123456789"
	    "0123456789\":[]}", "line 1: column 55: key "
	    "'012345678901234567890123456789012345678901234567...': nested "
	    "objects and arrays are not supported");
}

static void
jsonl_skips_blank_lines(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "\n  \n{\"a\":1}\n\t\r\n\n{\"a\":2}\n\n");
	expect_object(&input, (const char *[]){ "a", "1", NULL });
	assert_int_equal(ehc_jsonl_line(input.reader), 3);
	expect_object(&input, (const char *[]){ "a", "2", NULL });
	assert_int_equal(ehc_jsonl_line(input.reader), 6);
	assert_int_equal(next(&input), EHC_NOINPUT);
	assert_int_equal(ehc_jsonl_line(input.reader), 6);
	close_input(&input);
}

static void
jsonl_empty_input(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "");
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);

	OPEN(&input, "\xef\xbb\xbf\r\n\n");
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
jsonl_skips_bom(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "\xef\xbb\xbf{\"ref\":\"A\"}\n");
	expect_object(&input, (const char *[]){ "ref", "A", NULL });
	close_input(&input);
}

static void
jsonl_later_bom(void **state)
{
	struct input input;

	(void)state;
	/* Past the start of the input, a BOM is a stray character. */
	OPEN(&input, "{}\n\xef\xbb\xbf{}\n");
	expect_object(&input, (const char *[]){ NULL });
	assert_int_equal(next(&input), EHC_DATAERR);
	assert_string_equal(input.err.message, "line 2: column 1: expected "
	    "'{'; each line must be one JSON object");
	close_input(&input);
}

static void
jsonl_crlf(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "{\"a\":\"x\"}\r\n{\"b\":true}\r\n");
	expect_object(&input, (const char *[]){ "a", "x", NULL });
	expect_object(&input, (const char *[]){ "b", "true", NULL });
	assert_int_equal(ehc_jsonl_line(input.reader), 2);
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
jsonl_no_final_newline(void **state)
{
	struct input input;

	(void)state;
	OPEN(&input, "{\"a\":1}\n{\"a\":2}");
	expect_object(&input, (const char *[]){ "a", "1", NULL });
	expect_object(&input, (const char *[]){ "a", "2", NULL });
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
jsonl_line_limit(void **state)
{
	struct input input;
	FILE *tmp = tmpfile();
	size_t fill;

	(void)state;
	assert_non_null(tmp);
	/* A line of exactly the maximum, then one a byte over it. */
	fill = EHC_JSONL_LINE_MAX - strlen("{\"a\":\"\"}");
	fputs("{\"a\":\"", tmp);
	for (size_t i = 0; i < fill; i++)
		putc('x', tmp);
	fputs("\"}\n{\"a\":\"", tmp);
	for (size_t i = 0; i < fill + 1; i++)
		putc('y', tmp);
	fputs("\"}\n", tmp);
	rewind(tmp);

	open_file(&input, tmp);
	assert_int_equal(next(&input), EHC_OK);
	assert_int_equal(input.count, 1);
	assert_int_equal(strlen(input.values[0]), fill);
	assert_int_equal(next(&input), EHC_DATAERR);
	assert_string_equal(input.err.message,
	    "line 2: line is longer than 1048576 bytes");
	close_input(&input);
}

static void
jsonl_many_keys(void **state)
{
	struct input input;
	FILE *tmp = tmpfile();

	(void)state;
	assert_non_null(tmp);
	putc('{', tmp);
	for (int i = 0; i < 1000; i++)
		fprintf(tmp, "\"k%d\":%d,", i, i);
	fputs("\"k500\":0}\n", tmp);
	rewind(tmp);

	open_file(&input, tmp);
	assert_int_equal(next(&input), EHC_DATAERR);
	assert_string_equal(input.err.message, "line 1: duplicate key 'k500'");
	close_input(&input);
}

static void
jsonl_large_input(void **state)
{
	struct input input;
	FILE *tmp = tmpfile();
	size_t objects = 0;
	char last[32];

	(void)state;
	assert_non_null(tmp);
	for (int i = 1; i <= LARGE_LINES; i++)
		fprintf(tmp, "{\"ref\":\"REF-%d\",\"n\":%d,\"notes\":null}\n",
		    i, i);
	rewind(tmp);

	open_file(&input, tmp);
	while (next(&input) == EHC_OK) {
		objects++;
		assert_int_equal(input.count, 3);
		snprintf(last, sizeof(last), "%s", input.values[0]);
	}
	assert_int_equal(input.err.status, 0);
	assert_int_equal(objects, LARGE_LINES);
	assert_string_equal(last, "REF-100000");
	assert_int_equal(ehc_jsonl_line(input.reader), LARGE_LINES);
	close_input(&input);
}

static void
jsonl_read_error(void **state)
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
jsonl_file_cases(void **state)
{
	struct input input;

	(void)state;
	open_data(&input, "cases.jsonl");
	expect_object(&input, (const char *[]){ "ref", "REF-40",
	    "child_name", "Zo\xc3\xab Example", "age", "9", "notes", NULL,
	    NULL });
	assert_int_equal(ehc_jsonl_line(input.reader), 1);
	expect_object(&input, (const char *[]){ "ref", "REF-41",
	    "child_name", "Ren\xc3\xa9" "e Example", "urgent", "true",
	    "notes", "line one\nline two", NULL });
	assert_int_equal(ehc_jsonl_line(input.reader), 3);
	expect_object(&input, (const char *[]){ "ref", "REF-42",
	    "urgent", "false", "setting", "\xf0\x9f\x98\x80 School", NULL });
	assert_int_equal(ehc_jsonl_line(input.reader), 5);
	assert_int_equal(next(&input), EHC_NOINPUT);
	close_input(&input);
}

static void
jsonl_file_cp1252(void **state)
{
	struct input input;

	(void)state;
	open_data(&input, "windows-1252.jsonl");
	expect_object(&input, (const char *[]){ "ref", "REF-50",
	    "child_name", "Ann Example", NULL });
	assert_int_equal(next(&input), EHC_DATAERR);
	assert_string_equal(input.err.message, "line 2: byte 35 (0xe9) is "
	    "not valid UTF-8; save the file as UTF-8");
	close_input(&input);
}

static void
jsonl_destroy_null(void **state)
{
	(void)state;
	ehc_jsonl_destroy(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(jsonl_reads_values),
		cmocka_unit_test(jsonl_big_integer),
		cmocka_unit_test(jsonl_empty_object),
		cmocka_unit_test(jsonl_whitespace),
		cmocka_unit_test(jsonl_escapes),
		cmocka_unit_test(jsonl_keeps_utf8),
		cmocka_unit_test(jsonl_lone_surrogate),
		cmocka_unit_test(jsonl_bad_escape),
		cmocka_unit_test(jsonl_control_in_string),
		cmocka_unit_test(jsonl_rejects_bad_utf8),
		cmocka_unit_test(jsonl_rejects_fraction),
		cmocka_unit_test(jsonl_rejects_bad_number),
		cmocka_unit_test(jsonl_rejects_nesting),
		cmocka_unit_test(jsonl_rejects_duplicate),
		cmocka_unit_test(jsonl_rejects_syntax),
		cmocka_unit_test(jsonl_rejects_trailing),
		cmocka_unit_test(jsonl_error_line),
		cmocka_unit_test(jsonl_shows_key_safely),
		cmocka_unit_test(jsonl_skips_blank_lines),
		cmocka_unit_test(jsonl_empty_input),
		cmocka_unit_test(jsonl_skips_bom),
		cmocka_unit_test(jsonl_later_bom),
		cmocka_unit_test(jsonl_crlf),
		cmocka_unit_test(jsonl_no_final_newline),
		cmocka_unit_test(jsonl_line_limit),
		cmocka_unit_test(jsonl_many_keys),
		cmocka_unit_test(jsonl_large_input),
		cmocka_unit_test(jsonl_read_error),
		cmocka_unit_test(jsonl_file_cases),
		cmocka_unit_test(jsonl_file_cp1252),
		cmocka_unit_test(jsonl_destroy_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
