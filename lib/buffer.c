/* Text built in memory, for a line or an object written in one piece. */
#include <string.h>

#include "array.h"
#include "buffer.h"

/* Makes room for n more bytes and the NUL after them. */
static bool
reserve(struct ehc_buffer *b, size_t n)
{
	char *grown;

	if (b->failed)
		return false;
	grown = ehc_array_grow(b->text, &b->cap, b->len + n + 1, 1);
	if (grown == NULL) {
		b->failed = true;
		return false;
	}
	b->text = grown;
	return true;
}

void
ehc_buffer_add(const char *text, size_t len, void *context)
{
	struct ehc_buffer *b = context;

	if (!reserve(b, len))
		return;
	memcpy(b->text + b->len, text, len);
	b->len += len;
	b->text[b->len] = '\0';
}

void
ehc_buffer_pad(struct ehc_buffer *b, size_t n)
{
	if (!reserve(b, n))
		return;
	memset(b->text + b->len, ' ', n);
	b->len += n;
	b->text[b->len] = '\0';
}
