/* A streaming reader of JSON lines import files, one flat object a line. */
#ifndef EHC_JSONL_H
#define EHC_JSONL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ehc/error.h"

/* The maximum length of one line in bytes, not counting its LF. */
#define EHC_JSONL_LINE_MAX	(1024 * 1024)

struct ehc_jsonl;

/*
 * Returns a reader of in, or NULL when out of memory. The caller keeps in
 * open until ehc_jsonl_destroy and then closes it.
 */
struct ehc_jsonl *ehc_jsonl_create(FILE *in);

/*
 * Reads the object on the next line that is not blank, parsed strictly as
 * RFC 8259 JSON. Returns EHC_OK with *count members in parallel arrays of
 * keys and values, which stay valid until the next call. A value is UTF-8
 * text: a string decoded, an integer as its decimal text, true or false as
 * "true" or "false". A null value is NULL. Returns EHC_NOINPUT at the end of
 * the input.
 *
 * A line that is not one such object is EHC_DATAERR. That covers nested
 * objects and arrays, numbers with a fraction or an exponent, duplicate keys,
 * a \u0000 escape, bytes that are not UTF-8 and a line over
 * EHC_JSONL_LINE_MAX. A failed read is EHC_IOERR and a failed allocation
 * EHC_SOFTWARE. The message in err starts "line N: ", followed for a syntax
 * error by "column C: ", the 1-based byte offset in the line. The reader
 * returns the same error from then on.
 */
int ehc_jsonl_next(struct ehc_jsonl *r, char ***keys, char ***values,
    size_t *count, struct ehc_error *err);

/*
 * Returns the 1-based line of the last object read, or of the line that
 * failed, or 0 before the first one.
 */
/*
 * Returns whether the value of member i of the object read last was a JSON
 * string, rather than a number, true, false or null.
 */
bool ehc_jsonl_string(const struct ehc_jsonl *r, size_t i);

unsigned long ehc_jsonl_line(const struct ehc_jsonl *r);

/* Frees the reader, which may be NULL, without closing its file. */
void ehc_jsonl_destroy(struct ehc_jsonl *r);

#endif
