/*
 * Moving a whole caseload in and out: import from CSV or JSON lines files,
 * and export in the same format, so that one reads what the other writes.
 */
#ifndef EHC_TRANSFER_H
#define EHC_TRANSFER_H

#include <stdbool.h>
#include <stdio.h>

#include "ehc/config.h"
#include "ehc/date.h"
#include "ehc/error.h"
#include "ehc/output.h"
#include "ehc/store.h"

/* The form of the dates in an import file, except in its JSON lists. */
enum ehc_date_style {
	EHC_DATES_ISO,		/* YYYY-MM-DD */
	EHC_DATES_DMY,		/* dd/mm/yyyy, as in the UK */
};

/* The number of rows between two calls of the progress function. */
#define EHC_IMPORT_PROGRESS_ROWS 10000

struct ehc_import_counts {
	unsigned long rows;	/* read, not counting the header */
	unsigned long imported;	/* or valid, in a dry run */
	unsigned long skipped;	/* duplicates left out */
	unsigned long invalid;
};

/* Receives one message about an invalid row, "FILE:LINE: ...". */
typedef void (*ehc_import_report_fn)(const char *message, void *context);

typedef void (*ehc_import_progress_fn)(const struct ehc_import_counts *counts,
				       void *context);

struct ehc_import_options {
	const char *name;	/* the input in messages: "-" for stdin */
	enum ehc_format format;	/* EHC_FORMAT_CSV or EHC_FORMAT_JSONL */
	enum ehc_date_style dates;
	bool skip_duplicates;	/* else a reference in use is an error */
	bool dry_run;		/* check everything, write nothing */
	ehc_date today;
	const struct ehc_config *config;
	ehc_import_report_fn report;
	ehc_import_progress_fn progress;	/* NULL for none */
	void *context;		/* for report and progress */
};

/* Returns the format that a file name's extension implies: csv by default. */
enum ehc_format ehc_import_format_of(const char *name);

/*
 * Imports every case in the input in one transaction, so that either all
 * of them are stored or none is. Each problem with a row goes to
 * options->report, and reading goes on to find the others. The result is
 * then EHC_DATAERR with an empty message in err. A problem that stops the
 * import, such as an unknown column in the header, text that is not UTF-8
 * or a failed read, is returned in err. A dry run rolls back even a valid
 * import.
 */
int ehc_import(struct ehc_store *store, FILE *in,
	       const struct ehc_import_options *options,
	       struct ehc_import_counts *counts, struct ehc_error *err);

/*
 * Opens the database at path, imports in as ehc_import does, and closes
 * it. The database is created when missing, and removed again when the
 * import fails. A dry run never creates it: with no database it checks the
 * file against an empty one in a temporary directory.
 */
int ehc_import_file(const char *path, FILE *in,
		    const struct ehc_import_options *options,
		    struct ehc_import_counts *counts, struct ehc_error *err);

/*
 * Writes every case, by received date then reference, in the import format:
 * EHC_FORMAT_CSV (RFC 4180, a header, no formula guard) or
 * EHC_FORMAT_JSONL. A store with no cases writes nothing.
 */
int ehc_export(struct ehc_store *store, FILE *out, enum ehc_format format,
	       struct ehc_error *err);

#endif
