/* The JSON object that an event stores: the values a step recorded. */
#include <stdlib.h>

#include "ehc/output.h"
#include "detail.h"

bool
ehc_detail_begin(struct ehc_detail *d)
{
	d->text = NULL;
	d->size = 0;
	d->members = false;
	d->out = open_memstream(&d->text, &d->size);
	if (d->out == NULL)
		return false;
	putc('{', d->out);
	return true;
}

static void
put_key(struct ehc_detail *d, const char *key)
{
	if (d->members)
		putc(',', d->out);
	d->members = true;
	ehc_json_put_string(d->out, key);
	putc(':', d->out);
}

void
ehc_detail_text(struct ehc_detail *d, const char *key, const char *text)
{
	if (text == NULL)
		return;
	put_key(d, key);
	ehc_json_put_string(d->out, text);
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
	put_key(d, key);
	fprintf(d->out, "%ld", number);
}

static void
put_value(struct ehc_detail *d, const char *text)
{
	if (text == NULL)
		fputs("null", d->out);
	else
		ehc_json_put_string(d->out, text);
}

void
ehc_detail_change(struct ehc_detail *d, const char *key, const char *old,
		  const char *new)
{
	put_key(d, key);
	putc('[', d->out);
	put_value(d, old);
	putc(',', d->out);
	put_value(d, new);
	putc(']', d->out);
}

char *
ehc_detail_end(struct ehc_detail *d)
{
	bool failed;

	putc('}', d->out);
	failed = ferror(d->out) != 0;
	if (fclose(d->out) != 0 || failed) {
		free(d->text);
		return NULL;
	}
	return d->text;
}
