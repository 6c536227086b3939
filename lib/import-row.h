/*
 * One row of an import file turned into a case, checked by the rules that a
 * case entered step by step passes.
 */
#ifndef EHC_IMPORT_ROW_H
#define EHC_IMPORT_ROW_H

#include <stddef.h>

#include "ehc/case.h"
#include "ehc/transfer.h"
#include "columns.h"
#include "jsoncell.h"

enum { EHC_ROW_INVITED, EHC_ROW_ATTENDED, EHC_ROW_OUTCOMES,
       EHC_ROW_EXCEPTIONS, EHC_ROW_LIST_COUNT };

/*
 * A row: the values given, and once checked the case they describe. The
 * strings of the case point into the values and the lists, so they are
 * valid until the values change. The arrays keep their memory from row to
 * row.
 */
struct ehc_import_row {
	const char *values[EHC_TRANSFER_COLUMN_COUNT];	/* NULL: none */

	struct ehc_case c;
	const char *note;
	const char *people[2][EHC_INVITEE_MAX];	/* by ehc_attendance */
	size_t people_count[2];
	struct ehc_outcome *outcomes;
	size_t outcome_count;
	size_t outcome_cap;
	struct ehc_exception *exceptions;
	size_t exception_count;
	size_t exception_cap;
	struct ehc_jsoncell lists[EHC_ROW_LIST_COUNT];
};

/* The settings of the whole import that a row's check depends on. */
struct ehc_import_settings {
	enum ehc_date_style dates;
	ehc_date today;
	const struct ehc_config *config;
};

/* Forgets the values of the last row. */
void ehc_import_row_clear(struct ehc_import_row *row);

/*
 * Sets the value of column i, where an empty value counts as not given.
 * The value must stay valid until the row is cleared.
 */
void ehc_import_row_set(struct ehc_import_row *row, size_t i,
			const char *value);

/*
 * Builds the case from the values and checks it. Each problem found is
 * passed to report as one message, such as "column 'received':
 * '31/02/2026' is not a valid date: ...". Returns EHC_OK for a valid row,
 * EHC_DATAERR for an invalid one, or EHC_SOFTWARE when out of memory.
 */
int ehc_import_row_check(struct ehc_import_row *row,
			 const struct ehc_import_settings *settings,
			 ehc_import_report_fn report, void *context);

/* Frees the memory of row. */
void ehc_import_row_release(struct ehc_import_row *row);

#endif
