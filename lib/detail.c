/* The JSON object that an event stores: the values a step recorded. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/output.h"
#include "detail.h"

bool
ehc_detail_begin(struct ehc_detail *d)
{
	*d = (struct ehc_detail){ 0 };
	ehc_buffer_add("{", 1, &d->text);
	return !d->text.failed;
}

static void
put_key(struct ehc_detail *d, const char *key)
{
	if (d->members)
		ehc_buffer_add(",", 1, &d->text);
	d->members = true;
	ehc_json_escape(key, ehc_buffer_add, &d->text);
	ehc_buffer_add(":", 1, &d->text);
}

void
ehc_detail_text(struct ehc_detail *d, const char *key, const char *text)
{
	if (text == NULL)
		return;
	put_key(d, key);
	ehc_json_escape(text, ehc_buffer_add, &d->text);
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
	ehc_buffer_add(text, (size_t)len, &d->text);
}

static void
put_value(struct ehc_detail *d, const char *text)
{
	if (text == NULL)
		ehc_buffer_add("null", 4, &d->text);
	else
		ehc_json_escape(text, ehc_buffer_add, &d->text);
}

void
ehc_detail_change(struct ehc_detail *d, const char *key, const char *old,
		  const char *new)
{
	put_key(d, key);
	ehc_buffer_add("[", 1, &d->text);
	put_value(d, old);
	ehc_buffer_add(",", 1, &d->text);
	put_value(d, new);
	ehc_buffer_add("]", 1, &d->text);
}

char *
ehc_detail_end(struct ehc_detail *d)
{
	ehc_buffer_add("}", 1, &d->text);
	if (d->text.failed) {
		free(d->text.text);
		return NULL;
	}
	return d->text.text;
}
