/*
 * A strict reader of the JSON lists in some import columns: an array of
 * strings, or an array of flat objects whose members are strings or null.
 */
#ifndef EHC_JSONCELL_H
#define EHC_JSONCELL_H

#include <stddef.h>

/*
 * The items of one list, decoded. It keeps its memory from one list to the
 * next, so reading many rows allocates only for the longest.
 */
struct ehc_jsoncell {
	char *text;		/* decoded strings, each NUL-terminated */
	size_t text_len;
	size_t text_cap;
	size_t *values;		/* offsets in text, width per item */
	size_t value_count;
	size_t value_cap;
	size_t width;		/* values per item */
	size_t items;
};

/*
 * Parses text, which must be valid UTF-8. With keys NULL, text must be an
 * array of strings. Otherwise it must be an array of objects whose members
 * are named in the NULL-terminated keys, each at most once, and have a
 * string or null value. Returns EHC_OK, EHC_DATAERR with the reason in
 * reason (such as "byte 7: expected ','"), or EHC_SOFTWARE when out of
 * memory.
 */
int ehc_jsoncell_parse(struct ehc_jsoncell *cell, const char *text,
			const char *const *keys, char *reason, size_t size);

/*
 * Returns the string of item i: with keys, the value of keys[key], or NULL
 * when the object has no such member or it is null. Valid until the next
 * parse.
 */
const char *ehc_jsoncell_get(const struct ehc_jsoncell *cell, size_t item,
			     size_t key);

/* Frees the memory of cell, leaving it empty. */
void ehc_jsoncell_release(struct ehc_jsoncell *cell);

#endif
