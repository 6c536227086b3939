/* A streaming reader of CSV import files, one record at a time. */
#ifndef EHC_CSV_H
#define EHC_CSV_H

#include <stddef.h>
#include <stdio.h>

#include "ehc/error.h"

/*
 * The maximum size of one record in bytes, counting quotes and separators as
 * they appear in the file and each line break inside quotes as one byte.
 */
#define EHC_CSV_RECORD_MAX	(1024 * 1024)

struct ehc_csv;

/*
 * Returns a reader of in, or NULL when out of memory. The caller keeps in
 * open until ehc_csv_destroy and then closes it.
 */
struct ehc_csv *ehc_csv_create(FILE *in);

/*
 * Reads the next record as RFC 4180 describes it, also accepting a UTF-8 byte
 * order mark at the start, LF, CRLF or a lone CR as the line end, blank lines
 * and a last line without a newline. Returns EHC_OK with *fields set to the
 * record's *count values, which stay valid until the next call, or
 * EHC_NOINPUT at the end of the input. An invalid record (a stray quote, an
 * unterminated quote, bytes that are not UTF-8, a NUL byte, a record over
 * EHC_CSV_RECORD_MAX) is EHC_DATAERR, a failed read EHC_IOERR and a failed
 * allocation EHC_SOFTWARE. The message in err starts "line N: ", and the
 * reader returns the same error from then on.
 */
int ehc_csv_next(struct ehc_csv *csv, char ***fields, size_t *count,
    struct ehc_error *err);

/*
 * Returns the 1-based line on which the last record read, or the record that
 * failed, started, or 0 before the first one.
 */
unsigned long ehc_csv_line(const struct ehc_csv *csv);

/* Frees the reader, which may be NULL, without closing its file. */
void ehc_csv_destroy(struct ehc_csv *csv);

#endif
