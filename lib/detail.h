/* The JSON object that an event stores: the values a step recorded. */
#ifndef EHC_DETAIL_H
#define EHC_DETAIL_H

#include <stdbool.h>
#include <stddef.h>

#include "ehc/date.h"
#include "buffer.h"

/* A JSON object built in memory, as an import builds one for each row. */
struct ehc_detail {
	struct ehc_buffer text;
	bool members;
};

/* Starts an empty object; returns false when out of memory. */
bool ehc_detail_begin(struct ehc_detail *d);

/* Adds a member; a NULL text or EHC_DATE_NONE date adds nothing. */
void ehc_detail_text(struct ehc_detail *d, const char *key, const char *text);
void ehc_detail_date(struct ehc_detail *d, const char *key, ehc_date date);
void ehc_detail_number(struct ehc_detail *d, const char *key, long number);

/* Adds "key": [old, new], with null for a missing side. */
void ehc_detail_change(struct ehc_detail *d, const char *key,
		       const char *old, const char *new);

/*
 * Closes the object and returns its text, which the caller frees, or NULL
 * when out of memory.
 */
char *ehc_detail_end(struct ehc_detail *d);

#endif
