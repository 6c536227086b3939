/* Listings in the formats that people and scripts read. */
#ifndef EHC_OUTPUT_H
#define EHC_OUTPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum ehc_format {
	EHC_FORMAT_TABLE,
	EHC_FORMAT_TSV,
	EHC_FORMAT_CSV,
	EHC_FORMAT_JSON,	/* one array */
	EHC_FORMAT_JSONL,	/* one object a line */
};

/* How a column's values are written in JSON and guarded in CSV. */
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

struct ehc_listing;

/* The format names, indexed by enum ehc_format, NULL-terminated. */
extern const char *const ehc_format_names[];

/* Looks a format up by name; returns false when there is none. */
bool ehc_format_lookup(const char *name, enum ehc_format *out);

/*
 * Starts a listing on out. Nothing is written until the first row, and a
 * listing with no rows writes nothing at all, except "[]" in JSON.
 */
struct ehc_listing *ehc_listing_create(FILE *out, enum ehc_format format,
				       const struct ehc_column *columns,
				       size_t column_count);

/*
 * Adds a row of column_count values; a NULL value is empty (null in JSON).
 * The table format copies the row, so values need live only for the call.
 */
int ehc_listing_row(struct ehc_listing *listing, const char *const *values);

/* Writes what is buffered; EHC_IOERR when out reports a write error. */
int ehc_listing_finish(struct ehc_listing *listing);

void ehc_listing_destroy(struct ehc_listing *listing);

/*
 * Writes s as a JSON string: control characters, DEL, C1 controls, U+2028
 * and U+2029 escaped, and bytes that are not UTF-8 replaced by U+FFFD.
 */
void ehc_json_put_string(FILE *out, const char *s);

#endif
