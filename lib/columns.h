/*
 * The columns of the import and export format, shared by both, so that
 * export writes exactly what import reads.
 */
#ifndef EHC_COLUMNS_H
#define EHC_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ehc/case.h"

/* The kind of value in a column, which decides how it is read and written. */
enum ehc_column_kind {
	EHC_KIND_REF,		/* the case reference */
	EHC_KIND_NAME,		/* one line, EHC_NAME_MAX bytes at most */
	EHC_KIND_TEXT,		/* free text, EHC_NOTE_MAX bytes at most */
	EHC_KIND_NOTE,		/* free text kept with the import event */
	EHC_KIND_SOURCE,	/* one of ehc_request_sources */
	EHC_KIND_DATE,
	EHC_KIND_ASSESS,	/* assess or no-assess */
	EHC_KIND_ISSUE,		/* issue or no-issue */
	EHC_KIND_COM_AT,	/* "YYYY-MM-DD HH:MM" */
	EHC_KIND_MINUTES,	/* the length of the COM */
	EHC_KIND_PEOPLE,	/* a JSON array of names */
	EHC_KIND_EXCEPTIONS,	/* a JSON array of {reason, from, to} */
	EHC_KIND_OUTCOMES,	/* a JSON array of {area, outcome, ...} */
};

/* The offset of a column that is no field of struct ehc_case. */
#define EHC_TRANSFER_NO_FIELD SIZE_MAX

struct ehc_transfer_column {
	const char *name;
	enum ehc_column_kind kind;
	bool required;
	size_t offset;		/* of the field in struct ehc_case */
	enum ehc_attendance list;	/* for EHC_KIND_PEOPLE */
};

/* The number of columns. */
#define EHC_TRANSFER_COLUMN_COUNT 42

/* Every column, in the order that export writes them. */
extern const struct ehc_transfer_column
	ehc_transfer_columns[EHC_TRANSFER_COLUMN_COUNT];

/*
 * Returns the index of the column called name, compared ignoring ASCII case
 * and the spaces and tabs around it, or -1 when there is none.
 */
int ehc_transfer_column_find(const char *name);

/*
 * Writes the columns that a file may have into buf, as "ref, child_name,
 * ...", with the twelve advice columns written once as a pattern.
 */
void ehc_transfer_column_list(char *buf, size_t size);

/* Returns the index of the column for the field at offset, or -1. */
int ehc_transfer_column_at(size_t offset);

/* Returns a pointer to the field of c for column i, of the column's kind. */
void *ehc_transfer_field(struct ehc_case *c, size_t i);
const void *ehc_transfer_field_const(const struct ehc_case *c, size_t i);

#endif
