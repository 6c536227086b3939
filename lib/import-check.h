/*
 * The check of one import row in progress, shared by the code that reads
 * its values and the code that applies the rules of the steps to them.
 */
#ifndef EHC_IMPORT_CHECK_H
#define EHC_IMPORT_CHECK_H

#include "import-row.h"

/* The bytes of a value quoted in a message, before it is cut short. */
#define EHC_SHOWN_MAX 60
#define EHC_SHOWN_SIZE (EHC_SHOWN_MAX + 8)

struct ehc_import_check {
	struct ehc_import_row *row;
	const struct ehc_import_settings *settings;
	ehc_import_report_fn report;
	void *context;
	int status;		/* EHC_OK until a problem is found */
};

/* Passes one message about the row to the caller and marks it invalid. */
void ehc_import_report(struct ehc_import_check *ck, const char *message);

/*
 * Copies value into buf for a message, cut at a character boundary after
 * EHC_SHOWN_MAX bytes and marked "...", so a long value keeps a message
 * short.
 */
const char *ehc_import_show(const char *value, char buf[EHC_SHOWN_SIZE]);

/*
 * Reads every value given into the row's case by its column's kind, and
 * reports each one that is invalid, and each required one that is missing.
 * Sets ck->status to EHC_SOFTWARE when out of memory.
 */
void ehc_import_read_values(struct ehc_import_check *ck);

#endif
