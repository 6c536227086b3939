/* Checks on the text fields of a case, shared by every step that sets one. */
#ifndef EHC_FIELDS_H
#define EHC_FIELDS_H

#include <stdbool.h>
#include <stddef.h>

#include "ehc/error.h"

/*
 * Checks a one-line text field such as a name: valid UTF-8, not blank, at
 * most max bytes, no control or bidirectional formatting characters and no
 * space at either end. NULL passes when the field is optional. The message
 * names the field as what.
 */
int ehc_field_line(const char *what, const char *value, size_t max,
		   bool required, struct ehc_error *err);

/*
 * Checks free text (a note, an outcome, a provision): valid UTF-8, at most
 * max bytes, and no control character but tab and newline.
 */
int ehc_field_text(const char *what, const char *value, size_t max,
		   bool required, struct ehc_error *err);

/*
 * Checks a case reference: 1 to EHC_REF_MAX letters, digits and "-_./",
 * starting with a letter or digit and holding no "..", so that it needs no
 * quoting in a shell and cannot climb out of a directory in a file name.
 */
int ehc_field_ref(const char *ref, struct ehc_error *err);

#endif
