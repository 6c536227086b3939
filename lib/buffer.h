/* Text built in memory, for a line or an object written in one piece. */
#ifndef EHC_BUFFER_H
#define EHC_BUFFER_H

#include <stdbool.h>
#include <stddef.h>

struct ehc_buffer {
	char *text;	/* NUL-terminated once anything is added */
	size_t len;
	size_t cap;
	bool failed;	/* out of memory: later additions are dropped */
};

/*
 * Appends len bytes of text to the buffer that context points to. Its
 * arguments are those of an ehc_json_sink.
 */
void ehc_buffer_add(const char *text, size_t len, void *context);

/* Appends n spaces. */
void ehc_buffer_pad(struct ehc_buffer *b, size_t n);

#endif
