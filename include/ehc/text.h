/* Small text helpers: suggestions for mistyped names, UTF-8 checks. */
#ifndef EHC_TEXT_H
#define EHC_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/*
 * Returns the candidate closest to word by edit distance, ignoring ASCII
 * case, or NULL when none is close enough to be a plausible typo.
 * candidates is NULL-terminated.
 */
const char *ehc_text_nearest(const char *word, const char *const *candidates);

/* Returns the edit distance between a and b, ignoring ASCII case. */
size_t ehc_text_distance(const char *a, const char *b);

/*
 * Returns the offset of the first byte of s[0..len) that is not part of
 * well-formed UTF-8, or len when it is all valid.
 */
size_t ehc_text_utf8_invalid(const char *s, size_t len);

/*
 * Returns whether valid UTF-8 text s contains a bidirectional formatting
 * character, which can make a name display as something it is not.
 */
bool ehc_text_has_bidi_control(const char *s);

/*
 * Returns whether valid UTF-8 text s contains a character that shows nothing
 * or breaks a line (zero-width space, word joiner, byte order mark, line
 * and paragraph separators), so that two names could look the same.
 */
bool ehc_text_has_invisible(const char *s);

/* Returns whether valid UTF-8 text s is empty or only spaces of any kind. */
bool ehc_text_blank(const char *s);

/* Returns whether valid UTF-8 text s starts or ends with any kind of space. */
bool ehc_text_padded(const char *s);

/* Returns whether s contains a control character (C0, DEL or C1). */
bool ehc_text_has_control(const char *s);

/*
 * Writes s so that it cannot change a terminal or break a line: control
 * characters and bytes that are not UTF-8 become \xHH, C1 controls and
 * bidirectional formatting characters \uHHHH.
 */
void ehc_text_put_safe(FILE *out, const char *s);

/* Returns the number of code points in UTF-8 text, for column widths. */
size_t ehc_text_width(const char *s);

#endif
