/*
 * Listings in five formats. The table format is buffered to size its
 * columns; the others stream one row at a time.
 */
#include <stdlib.h>
#include <string.h>

#include "ehc/arena.h"
#include "ehc/error.h"
#include "ehc/output.h"
#include "ehc/text.h"
#include "buffer.h"

/*
 * A row that a caller adds has a value for every column of the table, and
 * only the selected ones are written. The static functions below that take
 * values or types get them already picked, one for each selected column.
 */
struct ehc_listing {
	FILE *out;
	enum ehc_format format;
	const struct ehc_column *columns;
	struct ehc_selection selection;
	bool header;		/* tsv and csv: a header line first */
	bool guard;		/* csv: the formula guard */
	size_t row_count;
	char **cells;		/* table format: row_count * selection.count */
	struct ehc_arena text;	/* what the cells point into */
	struct ehc_buffer line;	/* tsv and table: the line being built */
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

void
ehc_selection_first(struct ehc_selection *out, size_t count)
{
	out->count = count < EHC_COLUMNS_MAX ? count : EHC_COLUMNS_MAX;
	for (size_t i = 0; i < out->count; i++)
		out->index[i] = i;
}

/* Writes "a, b, c" into buf: the names of every column of the table. */
static void
join_names(const struct ehc_column *columns, size_t column_count, char *buf,
	   size_t size)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < column_count && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 i > 0 ? ", " : "", columns[i].name);
}

static int
unknown_column(const char *name, const struct ehc_column *columns,
	       size_t column_count, struct ehc_error *err)
{
	const char *names[EHC_COLUMNS_MAX + 1];
	const char *nearest;
	char all[512];

	for (size_t i = 0; i < column_count; i++)
		names[i] = columns[i].name;
	names[column_count] = NULL;
	nearest = ehc_text_nearest(name, names);
	join_names(columns, column_count, all, sizeof(all));
	if (nearest != NULL)
		return ehc_error_set(err, EHC_USAGE, "unknown column '%s'; did "
				     "you mean '%s'? columns: %s", name,
				     nearest, all);
	return ehc_error_set(err, EHC_USAGE, "unknown column '%s'; columns: "
			     "%s", name, all);
}

/* Returns the index of the column called name, of len bytes, or -1. */
static int
find_column(const char *name, size_t len, const struct ehc_column *columns,
	    size_t column_count)
{
	for (size_t i = 0; i < column_count; i++)
		if (strlen(columns[i].name) == len &&
		    strncmp(columns[i].name, name, len) == 0)
			return (int)i;
	return -1;
}

/* Appends to out the column whose name is the text from start to end. */
static int
select_name(struct ehc_selection *out, const char *start, const char *end,
	    const struct ehc_column *columns, size_t column_count,
	    struct ehc_error *err)
{
	char name[128];
	int i;

	while (start < end && (*start == ' ' || *start == '\t'))
		start++;
	while (end > start && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (start == end) {
		char all[512];

		join_names(columns, column_count, all, sizeof(all));
		return ehc_error_set(err, EHC_USAGE, "a column name is empty; "
				     "columns: %s", all);
	}
	i = find_column(start, (size_t)(end - start), columns, column_count);
	snprintf(name, sizeof(name), "%.*s", (int)(end - start), start);
	if (i < 0)
		return unknown_column(name, columns, column_count, err);
	for (size_t k = 0; k < out->count; k++)
		if (out->index[k] == (size_t)i)
			return ehc_error_set(err, EHC_USAGE, "column '%s' is "
					     "named twice", name);
	out->index[out->count++] = (size_t)i;
	return EHC_OK;
}

int
ehc_selection_parse(struct ehc_selection *out, const char *list,
		    const struct ehc_column *columns, size_t column_count,
		    struct ehc_error *err)
{
	const char *start = list;
	int status;

	if (column_count > EHC_COLUMNS_MAX)
		return ehc_error_set(err, EHC_SOFTWARE, "%zu columns is more "
				     "than the maximum of %d", column_count,
				     EHC_COLUMNS_MAX);
	out->count = 0;
	for (;;) {
		const char *end = start + strcspn(start, ",");

		status = select_name(out, start, end, columns, column_count,
				     err);
		if (status != EHC_OK || *end == '\0')
			return status;
		start = end + 1;
	}
}

struct ehc_listing *
ehc_listing_create(FILE *out, enum ehc_format format,
		   const struct ehc_column *columns, size_t column_count)
{
	struct ehc_listing *listing;

	if (column_count > EHC_COLUMNS_MAX)
		return NULL;
	listing = calloc(1, sizeof(*listing));
	if (listing == NULL)
		return NULL;
	listing->out = out;
	listing->format = format;
	listing->columns = columns;
	listing->header = true;
	listing->guard = true;
	ehc_selection_first(&listing->selection, column_count);
	return listing;
}

void
ehc_listing_select(struct ehc_listing *listing,
		   const struct ehc_selection *selection)
{
	listing->selection = *selection;
}

void
ehc_listing_set_header(struct ehc_listing *listing, bool on)
{
	listing->header = on;
}

void
ehc_listing_set_guard(struct ehc_listing *listing, bool on)
{
	listing->guard = on;
}

/*
 * Writes a value with tab, newline, carriage return and backslash as
 * two-character escapes, and other control characters as \xHH, so that a
 * value never breaks a line or reaches a terminal raw.
 */
static void
put_escaped(struct ehc_buffer *line, const char *s)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	char hex[8];

	/* Bytes that need no escape are copied in runs. */
	for (; *p; p++) {
		if ((*p >= 0x20 && *p != 0x7f && *p != '\\' && *p != 0xc2) ||
		    (*p == 0xc2 && (p[1] < 0x80 || p[1] > 0x9f)))
			continue;
		ehc_buffer_add((const char *)run, (size_t)(p - run), line);
		switch (*p) {
		case '\t':
			ehc_buffer_add("\\t", 2, line);
			break;
		case '\n':
			ehc_buffer_add("\\n", 2, line);
			break;
		case '\r':
			ehc_buffer_add("\\r", 2, line);
			break;
		case '\\':
			ehc_buffer_add("\\\\", 2, line);
			break;
		default:
			if (*p == 0xc2)
				p++;
			snprintf(hex, sizeof(hex), "\\x%02x", *p);
			ehc_buffer_add(hex, 4, line);
		}
		run = p + 1;
	}
	ehc_buffer_add((const char *)run, (size_t)(p - run), line);
}

/* Ends the line built in the listing, writes it and empties it. */
static void
put_line(struct ehc_listing *listing)
{
	struct ehc_buffer *line = &listing->line;

	ehc_buffer_add("\n", 1, line);
	if (line->failed)
		listing->failed = true;
	else
		fwrite(line->text, 1, line->len, listing->out);
	line->len = 0;
}

/*
 * Returns how wide put_escaped prints s, counting code points.
 * NOTE: wide characters, such as CJK ones, take two terminal columns and
 * combining marks none, so names that hold them misalign the table.
 */
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
	for (size_t i = 0; i < listing->selection.count; i++) {
		if (i > 0)
			ehc_buffer_add("\t", 1, &listing->line);
		if (values[i] != NULL)
			put_escaped(&listing->line, values[i]);
	}
	put_line(listing);
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
put_csv_field(FILE *out, const char *s, bool guard)
{
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
put_csv_row(struct ehc_listing *listing, const char *const *values,
	    const enum ehc_value_type *types)
{
	for (size_t i = 0; i < listing->selection.count; i++) {
		const char *v = values[i];

		if (i > 0)
			putc(',', listing->out);
		if (v != NULL)
			put_csv_field(listing->out, v, listing->guard &&
				      types[i] == EHC_VALUE_TEXT &&
				      looks_like_formula(v));
	}
	fputs("\r\n", listing->out);
}

/* Column names are text, guarded like any other in csv. */
static void
put_header(struct ehc_listing *listing)
{
	const char *names[EHC_COLUMNS_MAX];
	enum ehc_value_type types[EHC_COLUMNS_MAX];

	for (size_t i = 0; i < listing->selection.count; i++) {
		names[i] = listing->columns[listing->selection.index[i]].name;
		types[i] = EHC_VALUE_TEXT;
	}
	if (listing->format == EHC_FORMAT_TSV)
		put_tsv_row(listing, names);
	else
		put_csv_row(listing, names, types);
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

/* Passes a \u escape of a code point, a surrogate pair past the BMP. */
static void
escape_codepoint(unsigned long cp, ehc_json_sink put, void *context)
{
	char buf[16];
	int len;

	if (cp >= 0x10000) {
		cp -= 0x10000;
		len = snprintf(buf, sizeof(buf), "\\u%04lx\\u%04lx",
			       0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
	} else {
		len = snprintf(buf, sizeof(buf), "\\u%04lx", cp);
	}
	put(buf, (size_t)len, context);
}

/*
 * The escapes keep the output valid for a strict parser, whatever s is.
 * Characters that need no escape are passed on in runs, one call a run.
 */
void
ehc_json_escape(const char *s, ehc_json_sink put, void *context)
{
	const unsigned char *p = (const unsigned char *)s, *run = p;
	const unsigned char *end = p + strlen(s);

	put("\"", 1, context);
	while (p < end) {
		size_t n = utf8_length(*p);
		unsigned long cp;

		if (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\') {
			p++;
			continue;
		}
		if (n > (size_t)(end - p) ||
		    ehc_text_utf8_invalid((const char *)p, n) != n) {
			put((const char *)run, (size_t)(p - run), context);
			put("\\ufffd", 6, context);
			run = ++p;
			continue;
		}
		cp = decode_utf8(p, n);
		if (cp > 0x9f && cp != 0x2028 && cp != 0x2029) {
			p += n;
			continue;
		}
		put((const char *)run, (size_t)(p - run), context);
		switch (cp) {
		case '"':
			put("\\\"", 2, context);
			break;
		case '\\':
			put("\\\\", 2, context);
			break;
		case '\n':
			put("\\n", 2, context);
			break;
		case '\t':
			put("\\t", 2, context);
			break;
		case '\r':
			put("\\r", 2, context);
			break;
		default:
			escape_codepoint(cp, put, context);
		}
		run = p += n;
	}
	put((const char *)run, (size_t)(p - run), context);
	put("\"", 1, context);
}

static void
put_to_file(const char *text, size_t len, void *context)
{
	fwrite(text, 1, len, context);
}

void
ehc_json_put_string(FILE *out, const char *s)
{
	ehc_json_escape(s, put_to_file, out);
}

static void
put_json_object(struct ehc_listing *listing, const char *const *values,
		const enum ehc_value_type *types)
{
	FILE *out = listing->out;

	putc('{', out);
	for (size_t i = 0; i < listing->selection.count; i++) {
		size_t column = listing->selection.index[i];

		if (i > 0)
			putc(',', out);
		ehc_json_put_string(out, listing->columns[column].name);
		putc(':', out);
		if (values[i] == NULL)
			fputs("null", out);
		else if (types[i] == EHC_VALUE_NUMBER ||
			 types[i] == EHC_VALUE_JSON)
			fputs(values[i], out);
		else
			ehc_json_put_string(out, values[i]);
	}
	putc('}', out);
}

static int
buffer_row(struct ehc_listing *listing, const char *const *values)
{
	size_t n = listing->selection.count;
	size_t need = (listing->row_count + 1) * n;
	size_t base = listing->row_count * n;

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
	for (size_t i = 0; i < n; i++) {
		const char *v = values[i] != NULL ? values[i] : "";

		listing->cells[base + i] = ehc_arena_strdup(&listing->text, v);
		if (listing->cells[base + i] == NULL)
			return EHC_SOFTWARE;
	}
	return EHC_OK;
}

/* Writes a row of the selected values, each of its type, in the format. */
static int
put_row(struct ehc_listing *listing, const char *const *values,
	const enum ehc_value_type *types)
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
		if (first && listing->header)
			put_header(listing);
		put_tsv_row(listing, values);
		break;
	case EHC_FORMAT_CSV:
		if (first && listing->header)
			put_header(listing);
		put_csv_row(listing, values, types);
		break;
	case EHC_FORMAT_JSON:
		fputs(first ? "[\n" : ",\n", listing->out);
		put_json_object(listing, values, types);
		break;
	case EHC_FORMAT_JSONL:
		put_json_object(listing, values, types);
		putc('\n', listing->out);
		break;
	}
	listing->row_count++;
	if (listing->failed)
		return EHC_SOFTWARE;
	return ferror(listing->out) ? EHC_IOERR : EHC_OK;
}

int
ehc_listing_row_typed(struct ehc_listing *listing, const char *const *values,
		      const enum ehc_value_type *types)
{
	const char *picked[EHC_COLUMNS_MAX];
	enum ehc_value_type picked_types[EHC_COLUMNS_MAX];

	for (size_t i = 0; i < listing->selection.count; i++) {
		size_t column = listing->selection.index[i];

		picked[i] = values[column];
		picked_types[i] = types != NULL ? types[column] :
				  listing->columns[column].type;
	}
	return put_row(listing, picked, picked_types);
}

int
ehc_listing_row(struct ehc_listing *listing, const char *const *values)
{
	return ehc_listing_row_typed(listing, values, NULL);
}

/* Writes one table line: numbers right-aligned, no trailing blanks. */
static void
put_table_line(struct ehc_listing *listing, const size_t *widths,
	       char *const *cells)
{
	size_t last = listing->selection.count - 1;

	while (last > 0 && cells[last][0] == '\0')
		last--;
	for (size_t i = 0; i <= last; i++) {
		size_t column = listing->selection.index[i];
		size_t width = escaped_width(cells[i]);
		bool right = listing->columns[column].type == EHC_VALUE_NUMBER;

		if (i > 0)
			ehc_buffer_pad(&listing->line, 2);
		if (right)
			ehc_buffer_pad(&listing->line, widths[i] - width);
		put_escaped(&listing->line, cells[i]);
		if (!right && i < last)
			ehc_buffer_pad(&listing->line, widths[i] - width);
	}
	put_line(listing);
}

static void
put_table(struct ehc_listing *listing)
{
	size_t n = listing->selection.count;
	size_t widths[EHC_COLUMNS_MAX];
	char *names[EHC_COLUMNS_MAX];

	for (size_t i = 0; i < n; i++) {
		size_t column = listing->selection.index[i];

		names[i] = (char *)listing->columns[column].name;
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
	if (listing->format == EHC_FORMAT_TABLE && listing->row_count > 0 &&
	    listing->selection.count > 0)
		put_table(listing);
	if (listing->failed)
		return EHC_SOFTWARE;
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
	ehc_arena_free(&listing->text);
	free(listing->line.text);
	free(listing->cells);
	free(listing);
}
