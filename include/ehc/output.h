/* Listings in the formats that people and scripts read. */
#ifndef EHC_OUTPUT_H
#define EHC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ehc/error.h"

enum ehc_format {
	EHC_FORMAT_TABLE,
	EHC_FORMAT_TSV,
	EHC_FORMAT_CSV,
	EHC_FORMAT_JSON,	/* one array */
	EHC_FORMAT_JSONL,	/* one object a line */
};

/* The type of a column's values, which sets their JSON and CSV forms. */
enum ehc_value_type {
	EHC_VALUE_TEXT,
	EHC_VALUE_DATE,
	EHC_VALUE_NUMBER,
	EHC_VALUE_JSON,		/* a JSON value, written as it is in JSON */
};

struct ehc_column {
	const char *name;
	enum ehc_value_type type;
};

/* The maximum number of columns in a listing. */
#define EHC_COLUMNS_MAX 64

/* Columns of a table, as indexes into it, in the order they are written. */
struct ehc_selection {
	size_t count;
	size_t index[EHC_COLUMNS_MAX];
};

struct ehc_listing;

/* The format names, indexed by enum ehc_format, NULL-terminated. */
extern const char *const ehc_format_names[];

/* Looks a format up by name; returns false when there is none. */
bool ehc_format_lookup(const char *name, enum ehc_format *out);

/*
 * Selects the first count columns of a table, in order: a command lists
 * its default columns first, and the ones it leaves out by default after.
 */
void ehc_selection_first(struct ehc_selection *out, size_t count);

/*
 * Selects the columns named in list, separated by commas, in that order;
 * blanks around a name are ignored. An empty, unknown or repeated name is
 * EHC_USAGE, with a message that names it, suggests the nearest column
 * and lists them all.
 */
int ehc_selection_parse(struct ehc_selection *out, const char *list,
			const struct ehc_column *columns, size_t column_count,
			struct ehc_error *err);

/*
 * Starts a listing on out that writes every column, with a header in tsv
 * and csv and the formula guard of csv on. Nothing is written until
 * the first row, and a listing with no rows writes nothing at all, except
 * "[]" in JSON. Returns NULL when out of memory or when column_count is
 * more than EHC_COLUMNS_MAX.
 */
struct ehc_listing *ehc_listing_create(FILE *out, enum ehc_format format,
				       const struct ehc_column *columns,
				       size_t column_count);

/* Writes the selected columns instead, in their order; before any row. */
void ehc_listing_select(struct ehc_listing *listing,
			const struct ehc_selection *selection);

/* Turns the header line of tsv and csv off or on (the default). */
void ehc_listing_set_header(struct ehc_listing *listing, bool on);

/*
 * Turns the formula guard of csv off or on (the default). With the guard
 * off, a text value is written as it is, so reading the file back gives it
 * exactly. Turn it off only for files that no spreadsheet opens.
 */
void ehc_listing_set_guard(struct ehc_listing *listing, bool on);

/*
 * Adds a row with a value for every column of the table, selected or not;
 * a NULL value is empty (null in JSON). The table format copies the row,
 * so values need live only for the call.
 */
int ehc_listing_row(struct ehc_listing *listing, const char *const *values);

/*
 * Adds a row as ehc_listing_row does, with the type of each value in
 * types, in place of its column's, for JSON and the csv guard. The table
 * format aligns by the column's type all the same.
 */
int ehc_listing_row_typed(struct ehc_listing *listing,
			  const char *const *values,
			  const enum ehc_value_type *types);

/* Writes what is buffered; EHC_IOERR when out reports a write error. */
int ehc_listing_finish(struct ehc_listing *listing);

void ehc_listing_destroy(struct ehc_listing *listing);

/* A receiver of len bytes of text, which need not end in a NUL. */
typedef void (*ehc_json_sink)(const char *text, size_t len, void *context);

/*
 * Passes s on to put as a JSON string, quotes included: control characters,
 * DEL, C1 controls, U+2028 and U+2029 escaped, and bytes that are not UTF-8
 * replaced by U+FFFD.
 */
void ehc_json_escape(const char *s, ehc_json_sink put, void *context);

/* Writes s to out as ehc_json_escape passes it on. */
void ehc_json_put_string(FILE *out, const char *s);

#endif
