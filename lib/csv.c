/*
 * A streaming CSV reader for import files. It reads one physical line at a
 * time, checks it is UTF-8, and splits it into fields, carrying a quoted
 * field over to the next line, so memory grows only with the longest record.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/csv.h"
#include "ehc/text.h"
#include "array.h"

/* The UTF-8 encoding of U+FEFF, which some spreadsheets write first. */
#define BOM		"\xef\xbb\xbf"
#define BOM_LEN		3

enum field_state {
	FIELD_START,
	UNQUOTED,
	QUOTED,
	QUOTED_QUOTE,	/* either the closing quote or half of a "" pair */
};

struct ehc_csv {
	FILE *in;
	unsigned long line_number;	/* of the physical line in line */
	unsigned long record_line;
	bool in_record;
	enum field_state state;

	char *line;		/* the physical line without its line end */
	size_t line_len;
	size_t line_cap;
	size_t line_offset;	/* bytes removed from its start (a BOM) */
	size_t record_bytes;	/* of the record before this line */

	char *text;		/* the record's values, each NUL-terminated */
	size_t text_len;
	size_t text_cap;
	size_t field_start;	/* offset in text of the value being read */

	size_t *starts;		/* offset in text of each value */
	size_t starts_cap;
	char **fields;
	size_t fields_cap;
	size_t field_count;

	struct ehc_error failure;	/* status EHC_OK until an error */
};

static int
out_of_memory(struct ehc_error *err)
{
	return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
}

struct ehc_csv *
ehc_csv_create(FILE *in)
{
	struct ehc_csv *csv;

	if ((csv = calloc(1, sizeof(*csv))) == NULL)
		return NULL;
	csv->in = in;
	return csv;
}

void
ehc_csv_destroy(struct ehc_csv *csv)
{
	if (csv == NULL)
		return;
	free(csv->line);
	free(csv->text);
	free(csv->starts);
	free(csv->fields);
	free(csv);
}

unsigned long
ehc_csv_line(const struct ehc_csv *csv)
{
	return csv->record_line;
}

/*
 * Returns the line to name in an error about the whole record: where it
 * started, or the line being read when no record has started yet.
 */
static unsigned long
error_line(const struct ehc_csv *csv)
{
	return csv->in_record ? csv->record_line : csv->line_number;
}

static int
record_too_long(const struct ehc_csv *csv, struct ehc_error *err)
{
	return ehc_error_set(err, EHC_DATAERR,
	    "line %lu: record is longer than %d bytes; check for a quote "
	    "that is not closed", error_line(csv), EHC_CSV_RECORD_MAX);
}

/*
 * Makes room for the physical line to hold one byte more, rejecting a
 * record too long. The line is checked only when it must grow, and again
 * when it ends, so most bytes cost no check.
 */
static int
grow_line(struct ehc_csv *csv, struct ehc_error *err)
{
	char *p;

	if (csv->record_bytes + csv->line_len >= EHC_CSV_RECORD_MAX)
		return record_too_long(csv, err);
	p = ehc_array_grow(csv->line, &csv->line_cap, csv->line_len + 1, 1);
	if (p == NULL)
		return out_of_memory(err);
	csv->line = p;
	return EHC_OK;
}

/*
 * Reads the next physical line, which ends at LF, CRLF, a lone CR or the end
 * of the input. Returns EHC_NOINPUT when no bytes are left. One flockfile
 * covers the whole line, so that getc_unlocked does not take the stream's
 * lock for each byte.
 */
static int
read_line(struct ehc_csv *csv, struct ehc_error *err)
{
	FILE *in = csv->in;
	int c, status;
	bool ended;

	csv->line_len = 0;
	csv->line_offset = 0;
	csv->line_number++;
	flockfile(in);
	for (;;) {
		if ((c = getc_unlocked(in)) == EOF || c == '\n' || c == '\r')
			break;
		if (csv->line_len == csv->line_cap &&
		    (status = grow_line(csv, err)) != EHC_OK) {
			funlockfile(in);
			return status;
		}
		csv->line[csv->line_len++] = (char)c;
	}
	ended = c != EOF;
	if (c == '\r' && (c = getc_unlocked(in)) != '\n' && c != EOF)
		ungetc(c, in);
	funlockfile(in);
	if (ferror(in))
		return ehc_error_set(err, EHC_IOERR,
		    "line %lu: read failed: %s", csv->line_number,
		    strerror(errno));
	if (csv->record_bytes + csv->line_len > EHC_CSV_RECORD_MAX)
		return record_too_long(csv, err);
	if (!ended && csv->line_len == 0)
		return EHC_NOINPUT;
	return EHC_OK;
}

/*
 * Drops a byte order mark from the first line, and rejects UTF-16, whose
 * byte order marks are not UTF-8 and so would otherwise be reported as a
 * bare invalid byte.
 */
static int
check_start(struct ehc_csv *csv, struct ehc_error *err)
{
	const unsigned char *p = (const unsigned char *)csv->line;

	if (csv->line_len >= 2 && ((p[0] == 0xff && p[1] == 0xfe) ||
	    (p[0] == 0xfe && p[1] == 0xff)))
		return ehc_error_set(err, EHC_DATAERR,
		    "line 1: the file is UTF-16; save it as UTF-8");
	if (csv->line_len >= BOM_LEN && memcmp(p, BOM, BOM_LEN) == 0) {
		csv->line_len -= BOM_LEN;
		memmove(csv->line, csv->line + BOM_LEN, csv->line_len);
		csv->line_offset = BOM_LEN;
	}
	return EHC_OK;
}

/*
 * Rejects a line with a NUL byte or bytes that are not UTF-8, naming the
 * first invalid byte by its 1-based offset in the line as the file has it.
 */
static int
check_line(struct ehc_csv *csv, struct ehc_error *err)
{
	size_t bad;
	const char *nul;
	unsigned char byte;
	int status;

	if (csv->line_number == 1 && (status = check_start(csv, err)) != EHC_OK)
		return status;

	bad = ehc_text_utf8_invalid(csv->line, csv->line_len);
	nul = bad > 0 ? memchr(csv->line, '\0', bad) : NULL;
	if (nul != NULL)
		return ehc_error_set(err, EHC_DATAERR,
		    "line %lu: byte %zu (0x00) is a NUL byte; save the file "
		    "as UTF-8 text", csv->line_number,
		    (size_t)(nul - csv->line) + csv->line_offset + 1);
	if (bad < csv->line_len) {
		byte = (unsigned char)csv->line[bad];
		return ehc_error_set(err, EHC_DATAERR,
		    "line %lu: byte %zu (0x%02x) is not valid UTF-8; save the "
		    "file as UTF-8", csv->line_number,
		    bad + csv->line_offset + 1, byte);
	}
	return EHC_OK;
}

/*
 * Makes room in text for a physical line of len bytes. Each byte of a line
 * adds at most one byte to text, and the line's end adds one more, a NUL or
 * an LF, so the parse of the line writes to text without further checks.
 */
static int
reserve_text(struct ehc_csv *csv, size_t len, struct ehc_error *err)
{
	char *p;

	p = ehc_array_grow(csv->text, &csv->text_cap, csv->text_len + len + 1,
	    1);
	if (p == NULL)
		return out_of_memory(err);
	csv->text = p;
	return EHC_OK;
}

static void
add_text_byte(struct ehc_csv *csv, char c)
{
	csv->text[csv->text_len++] = c;
}

/* Ends the value being read and starts the next one. */
static int
end_field(struct ehc_csv *csv, struct ehc_error *err)
{
	size_t *p;

	add_text_byte(csv, '\0');
	p = ehc_array_grow(csv->starts, &csv->starts_cap, csv->field_count + 1,
	    sizeof(*csv->starts));
	if (p == NULL)
		return out_of_memory(err);
	csv->starts = p;
	csv->starts[csv->field_count++] = csv->field_start;
	csv->field_start = csv->text_len;
	csv->state = FIELD_START;
	return EHC_OK;
}

static int
stray_quote(const struct ehc_csv *csv, struct ehc_error *err)
{
	return ehc_error_set(err, EHC_DATAERR,
	    "line %lu: field %zu has a quote but does not start with one; "
	    "put the whole field in quotes and double the quote",
	    csv->record_line, csv->field_count + 1);
}

static int
text_after_quote(const struct ehc_csv *csv, struct ehc_error *err)
{
	return ehc_error_set(err, EHC_DATAERR,
	    "line %lu: field %zu has text after its closing quote",
	    csv->record_line, csv->field_count + 1);
}

/*
 * Adds one byte of a record, which is never a line end, to the current
 * field, or ends the field at a separating comma.
 */
static int
parse_byte(struct ehc_csv *csv, char c, struct ehc_error *err)
{
	switch (csv->state) {
	case FIELD_START:
		if (c == '"') {
			csv->state = QUOTED;
			return EHC_OK;
		}
		if (c == ',')
			return end_field(csv, err);
		csv->state = UNQUOTED;
		add_text_byte(csv, c);
		return EHC_OK;
	case UNQUOTED:
		if (c == ',')
			return end_field(csv, err);
		if (c == '"')
			return stray_quote(csv, err);
		add_text_byte(csv, c);
		return EHC_OK;
	case QUOTED:
		if (c == '"') {
			csv->state = QUOTED_QUOTE;
			return EHC_OK;
		}
		add_text_byte(csv, c);
		return EHC_OK;
	case QUOTED_QUOTE:
		if (c == ',')
			return end_field(csv, err);
		if (c != '"')
			return text_after_quote(csv, err);
		csv->state = QUOTED;
		add_text_byte(csv, '"');
		return EHC_OK;
	}
	abort();
	/* NOTREACHED */
}

/*
 * Reads physical lines until one ends the record outside quotes. A line
 * break inside quotes is kept as LF, whatever the file used.
 */
static int
read_record(struct ehc_csv *csv, struct ehc_error *err)
{
	int status;

	for (;;) {
		status = read_line(csv, err);
		if (status == EHC_NOINPUT && csv->in_record)
			return ehc_error_set(err, EHC_DATAERR,
			    "line %lu: field %zu has an unterminated quote",
			    csv->record_line, csv->field_count + 1);
		if (status != EHC_OK)
			return status;
		if ((status = check_line(csv, err)) != EHC_OK)
			return status;
		if (!csv->in_record && csv->line_len == 0)
			continue;

		if (!csv->in_record) {
			csv->in_record = true;
			csv->record_line = csv->line_number;
		}
		if ((status = reserve_text(csv, csv->line_len, err)) != EHC_OK)
			return status;
		for (size_t i = 0; i < csv->line_len; i++) {
			status = parse_byte(csv, csv->line[i], err);
			if (status != EHC_OK)
				return status;
		}
		if (csv->state != QUOTED)
			return end_field(csv, err);
		csv->record_bytes += csv->line_len + 1;
		add_text_byte(csv, '\n');
	}
}

/* Points csv->fields at the values, now that text no longer moves. */
static int
point_fields(struct ehc_csv *csv, struct ehc_error *err)
{
	char **p;

	p = ehc_array_grow(csv->fields, &csv->fields_cap, csv->field_count,
	    sizeof(*csv->fields));
	if (p == NULL)
		return out_of_memory(err);
	csv->fields = p;
	for (size_t i = 0; i < csv->field_count; i++)
		csv->fields[i] = csv->text + csv->starts[i];
	return EHC_OK;
}

int
ehc_csv_next(struct ehc_csv *csv, char ***fields, size_t *count,
    struct ehc_error *err)
{
	struct ehc_error local;
	int status;

	if (err == NULL)
		err = &local;
	if (csv->failure.status != EHC_OK) {
		*err = csv->failure;
		return err->status;
	}

	csv->in_record = false;
	csv->state = FIELD_START;
	csv->record_bytes = 0;
	csv->text_len = 0;
	csv->field_start = 0;
	csv->field_count = 0;
	status = read_record(csv, err);
	if (status == EHC_OK)
		status = point_fields(csv, err);
	if (status == EHC_NOINPUT)
		return status;
	if (status != EHC_OK) {
		csv->record_line = error_line(csv);
		csv->failure = *err;
		return status;
	}

	*fields = csv->fields;
	*count = csv->field_count;
	return EHC_OK;
}
