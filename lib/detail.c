/* The JSON object that an event stores: the values a step recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/output.h"
#include "array.h"
#include "detail.h"

/* Appends len bytes of text; a failed growth marks the detail failed. */
static void
append(const char *text, size_t len, void *context)
{
	struct ehc_detail *d = context;
	char *grown;

	if (d->failed)
		return;
	/* One byte more than the text, for the NUL that the end adds. */
	grown = ehc_array_grow(d->text, &d->cap, d->len + len + 1, 1);
	if (grown == NULL) {
		d->failed = true;
		return;
	}
	d->text = grown;
	memcpy(d->text + d->len, text, len);
	d->len += len;
}

bool
ehc_detail_begin(struct ehc_detail *d)
{
	*d = (struct ehc_detail){ 0 };
	append("{", 1, d);
	return !d->failed;
}

static void
put_key(struct ehc_detail *d, const char *key)
{
	if (d->members)
		append(",", 1, d);
	d->members = true;
	ehc_json_escape(key, append, d);
	append(":", 1, d);
}

void
ehc_detail_text(struct ehc_detail *d, const char *key, const char *text)
{
	if (text == NULL)
		return;
	put_key(d, key);
	ehc_json_escape(text, append, d);
}

void
ehc_detail_date(struct ehc_detail *d, const char *key, ehc_date date)
{
	char text[EHC_DATE_LEN];

	if (date == EHC_DATE_NONE)
		return;
	ehc_date_format(date, text);
	ehc_detail_text(d, key, text);
}

void
ehc_detail_number(struct ehc_detail *d, const char *key, long number)
{
	char text[32];
	int len = snprintf(text, sizeof(text), "%ld", number);

	put_key(d, key);
	append(text, (size_t)len, d);
}

static void
put_value(struct ehc_detail *d, const char *text)
{
	if (text == NULL)
		append("null", 4, d);
	else
		ehc_json_escape(text, append, d);
}

void
ehc_detail_change(struct ehc_detail *d, const char *key, const char *old,
		  const char *new)
{
	put_key(d, key);
	append("[", 1, d);
	put_value(d, old);
	append(",", 1, d);
	put_value(d, new);
	append("]", 1, d);
}

char *
ehc_detail_end(struct ehc_detail *d)
{
	append("}", 1, d);
	if (d->failed) {
		free(d->text);
		return NULL;
	}
	d->text[d->len] = '\0';
	return d->text;
}
