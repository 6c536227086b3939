/*
 * Listings in five formats. The table format is buffered to size its
 * columns; the others stream one row at a time.
 */
#include <stdlib.h>
#include <string.h>

#include "ehc/error.h"
#include "ehc/output.h"
#include "ehc/text.h"

struct ehc_listing {
	FILE *out;
	enum ehc_format format;
	const struct ehc_column *columns;
	size_t column_count;
	size_t row_count;
	char **cells;		/* table format: row_count * column_count */
	size_t cell_capacity;
	bool failed;		/* out of memory while buffering */
};

const char *const ehc_format_names[] = {
	[EHC_FORMAT_TABLE] = "table",
	[EHC_FORMAT_TSV] = "tsv",
	[EHC_FORMAT_CSV] = "csv",
	[EHC_FORMAT_JSON] = "json",
	[EHC_FORMAT_JSONL] = "jsonl",
	NULL,
};

bool
ehc_format_lookup(const char *name, enum ehc_format *out)
{
	for (size_t i = 0; ehc_format_names[i] != NULL; i++) {
		if (strcmp(name, ehc_format_names[i]) == 0) {
			*out = (enum ehc_format)i;
			return true;
		}
	}
	return false;
}

struct ehc_listing *
ehc_listing_create(FILE *out, enum ehc_format format,
		   const struct ehc_column *columns, size_t column_count)
{
	struct ehc_listing *listing = calloc(1, sizeof(*listing));

	if (listing == NULL)
		return NULL;
	listing->out = out;
	listing->format = format;
	listing->columns = columns;
	listing->column_count = column_count;
	return listing;
}

/*
 * Writes a value with tab, newline, carriage return and backslash as
 * two-character escapes, and other control characters as \xHH, so that a
 * value never breaks a line or reaches a terminal raw.
 */
static void
put_escaped(FILE *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '\t':
			fputs("\\t", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\r':
			fputs("\\r", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				fprintf(out, "\\x%02x", *p);
			else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
				fprintf(out, "\\x%02x", *++p);
			else
				putc(*p, out);
		}
	}
}

/* Returns how wide put_escaped prints s, counting code points. */
static size_t
escaped_width(const char *s)
{
	size_t width = ehc_text_width(s);

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\t' || *p == '\n' || *p == '\r' || *p == '\\')
			width += 1;
		else if (*p < 0x20 || *p == 0x7f)
			width += 3;
		else if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			width += 3;
	}
	return width;
}

static void
put_tsv_row(struct ehc_listing *listing, const char *const *values)
{
	for (size_t i = 0; i < listing->column_count; i++) {
		if (i > 0)
			putc('\t', listing->out);
		if (values[i] != NULL)
			put_escaped(listing->out, values[i]);
	}
	putc('\n', listing->out);
}

/*
 * A spreadsheet runs a cell that starts with one of these as a formula, so
 * a text value that does is written after a single quote.
 */
static bool
looks_like_formula(const char *s)
{
	return *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
}

static void
put_csv_field(FILE *out, const char *s, enum ehc_value_type type)
{
	bool guard = type == EHC_VALUE_TEXT && looks_like_formula(s);
	bool quote = guard || strpbrk(s, ",\"\r\n") != NULL;

	if (!quote) {
		fputs(s, out);
		return;
	}
	putc('"', out);
	if (guard)
		putc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			putc('"', out);
		putc(*s, out);
	}
	putc('"', out);
}

/* RFC 4180 ends every record, the header too, with CRLF. */
static void
put_csv_row(struct ehc_listing *listing, const char *const *values)
{
	for (size_t i = 0; i < listing->column_count; i++) {
		if (i > 0)
			putc(',', listing->out);
		if (values[i] != NULL)
			put_csv_field(listing->out, values[i],
				      listing->columns[i].type);
	}
	fputs("\r\n", listing->out);
}

static void
put_header(struct ehc_listing *listing)
{
	const char *names[listing->column_count];

	for (size_t i = 0; i < listing->column_count; i++)
		names[i] = listing->columns[i].name;
	if (listing->format == EHC_FORMAT_TSV)
		put_tsv_row(listing, names);
	else
		put_csv_row(listing, names);
}

/* Writes a code point as a JSON \u escape, as a surrogate pair past BMP. */
static void
put_json_codepoint(FILE *out, unsigned long cp)
{
	if (cp >= 0x10000) {
		cp -= 0x10000;
		fprintf(out, "\\u%04lx\\u%04lx", 0xd800 + (cp >> 10),
			0xdc00 + (cp & 0x3ff));
	} else {
		fprintf(out, "\\u%04lx", cp);
	}
}

/* Returns the code point of the valid UTF-8 sequence at p of len bytes. */
static unsigned long
decode_utf8(const unsigned char *p, size_t len)
{
	static const unsigned char lead_mask[] = { 0x7f, 0x1f, 0x0f, 0x07 };
	unsigned long cp = p[0] & lead_mask[len - 1];

	for (size_t k = 1; k < len; k++)
		cp = cp << 6 | (p[k] & 0x3f);
	return cp;
}

static size_t
utf8_length(unsigned char lead)
{
	if (lead < 0x80)
		return 1;
	if (lead < 0xe0)
		return 2;
	if (lead < 0xf0)
		return 3;
	return 4;
}

/* The escapes keep the output valid for a strict parser, whatever s is. */
void
ehc_json_put_string(FILE *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);

	putc('"', out);
	while (*p) {
		size_t left = len - (size_t)(p - (const unsigned char *)s);
		size_t n = utf8_length(*p);
		unsigned long cp;

		if (n > left ||
		    ehc_text_utf8_invalid((const char *)p, n) != n) {
			fputs("\\ufffd", out);
			p++;
			continue;
		}
		cp = decode_utf8(p, n);
		if (cp == '"' || cp == '\\')
			fprintf(out, "\\%c", (int)cp);
		else if (cp == '\n')
			fputs("\\n", out);
		else if (cp == '\t')
			fputs("\\t", out);
		else if (cp == '\r')
			fputs("\\r", out);
		else if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
			 cp == 0x2028 || cp == 0x2029)
			put_json_codepoint(out, cp);
		else
			fwrite(p, 1, n, out);
		p += n;
	}
	putc('"', out);
}

static void
put_json_object(struct ehc_listing *listing, const char *const *values)
{
	FILE *out = listing->out;

	putc('{', out);
	for (size_t i = 0; i < listing->column_count; i++) {
		if (i > 0)
			putc(',', out);
		ehc_json_put_string(out, listing->columns[i].name);
		putc(':', out);
		if (values[i] == NULL)
			fputs("null", out);
		else if (listing->columns[i].type == EHC_VALUE_NUMBER ||
			 listing->columns[i].type == EHC_VALUE_JSON)
			fputs(values[i], out);
		else
			ehc_json_put_string(out, values[i]);
	}
	putc('}', out);
}

static int
buffer_row(struct ehc_listing *listing, const char *const *values)
{
	size_t need = (listing->row_count + 1) * listing->column_count;
	size_t base = listing->row_count * listing->column_count;

	if (need > listing->cell_capacity) {
		size_t capacity = listing->cell_capacity * 2;
		char **cells;

		if (capacity < need)
			capacity = need + 64;
		cells = realloc(listing->cells, capacity * sizeof(*cells));
		if (cells == NULL)
			return EHC_SOFTWARE;
		listing->cells = cells;
		listing->cell_capacity = capacity;
	}
	for (size_t i = 0; i < listing->column_count; i++) {
		const char *v = values[i] != NULL ? values[i] : "";

		listing->cells[base + i] = strdup(v);
		if (listing->cells[base + i] == NULL) {
			while (i-- > 0)
				free(listing->cells[base + i]);
			return EHC_SOFTWARE;
		}
	}
	return EHC_OK;
}

int
ehc_listing_row(struct ehc_listing *listing, const char *const *values)
{
	bool first = listing->row_count == 0;

	switch (listing->format) {
	case EHC_FORMAT_TABLE:
		if (buffer_row(listing, values) != EHC_OK) {
			listing->failed = true;
			return EHC_SOFTWARE;
		}
		break;
	case EHC_FORMAT_TSV:
		if (first)
			put_header(listing);
		put_tsv_row(listing, values);
		break;
	case EHC_FORMAT_CSV:
		if (first)
			put_header(listing);
		put_csv_row(listing, values);
		break;
	case EHC_FORMAT_JSON:
		fputs(first ? "[\n" : ",\n", listing->out);
		put_json_object(listing, values);
		break;
	case EHC_FORMAT_JSONL:
		put_json_object(listing, values);
		putc('\n', listing->out);
		break;
	}
	listing->row_count++;
	return ferror(listing->out) ? EHC_IOERR : EHC_OK;
}

static void
put_padding(FILE *out, size_t n)
{
	while (n-- > 0)
		putc(' ', out);
}

/* Writes one table line: numbers right-aligned, no trailing blanks. */
static void
put_table_line(struct ehc_listing *listing, const size_t *widths,
	       char *const *cells)
{
	size_t last = listing->column_count - 1;

	while (last > 0 && cells[last][0] == '\0')
		last--;
	for (size_t i = 0; i <= last; i++) {
		size_t width = escaped_width(cells[i]);
		bool right = listing->columns[i].type == EHC_VALUE_NUMBER;

		if (i > 0)
			fputs("  ", listing->out);
		if (right)
			put_padding(listing->out, widths[i] - width);
		put_escaped(listing->out, cells[i]);
		if (!right && i < last)
			put_padding(listing->out, widths[i] - width);
	}
	putc('\n', listing->out);
}

static void
put_table(struct ehc_listing *listing)
{
	size_t n = listing->column_count;
	size_t widths[n];
	char *names[n];

	for (size_t i = 0; i < n; i++) {
		names[i] = (char *)listing->columns[i].name;
		widths[i] = escaped_width(names[i]);
	}
	for (size_t r = 0; r < listing->row_count; r++) {
		for (size_t i = 0; i < n; i++) {
			size_t w = escaped_width(listing->cells[r * n + i]);

			if (w > widths[i])
				widths[i] = w;
		}
	}
	put_table_line(listing, widths, names);
	for (size_t r = 0; r < listing->row_count; r++)
		put_table_line(listing, widths, listing->cells + r * n);
}

int
ehc_listing_finish(struct ehc_listing *listing)
{
	if (listing->failed)
		return EHC_SOFTWARE;
	if (listing->format == EHC_FORMAT_TABLE && listing->row_count > 0)
		put_table(listing);
	if (listing->format == EHC_FORMAT_JSON)
		fputs(listing->row_count > 0 ? "\n]\n" : "[]\n", listing->out);
	if (fflush(listing->out) != 0 || ferror(listing->out))
		return EHC_IOERR;
	return EHC_OK;
}

void
ehc_listing_destroy(struct ehc_listing *listing)
{
	if (listing == NULL)
		return;
	for (size_t i = 0; i < listing->row_count * listing->column_count &&
			   listing->cells != NULL; i++)
		free(listing->cells[i]);
	free(listing->cells);
	free(listing);
}
