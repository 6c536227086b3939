/* Labelled fields and lists for the reports on one case: show, com-record. */
#include <stdio.h>

#include "ehc.h"

void
ehc_print_text(int indent, const char *text)
{
	for (const char *p = text; *p; p++) {
		putchar(*p);
		if (*p == '\n' && p[1] != '\0')
			printf("%*s", indent, "");
	}
}

void
ehc_print_field(int width, const char *label, const char *value)
{
	printf("%-*s", width, label);
	ehc_print_text(width, value != NULL ? value : "-");
	putchar('\n');
}

void
ehc_print_date(int width, const char *label, ehc_date date)
{
	char text[EHC_DATE_LEN];

	if (date == EHC_DATE_NONE) {
		ehc_print_field(width, label, NULL);
		return;
	}
	ehc_date_format(date, text);
	ehc_print_field(width, label, text);
}

static int
copy_case(const struct ehc_case *c, void *context)
{
	if (!ehc_case_copy(context, c))
		return EHC_SOFTWARE;
	return EHC_OK;
}

int
ehc_cmd_get_case(struct ehc_store *store, const char *ref,
		 struct ehc_case *out)
{
	struct ehc_error err = { 0 };
	int status;

	*out = ehc_case_empty();
	status = ehc_store_get_case(store, ref, copy_case, out, &err);
	if (status == EHC_SOFTWARE && err.message[0] == '\0')
		return ehc_cmd_fail(status, "out of memory");
	if (status != EHC_OK)
		return ehc_cmd_error(&err);
	return EHC_OK;
}

struct people {
	int width;
	const char *label;
	int count;
};

static int
print_person(const char *name, void *context)
{
	struct people *p = context;

	ehc_print_field(p->width, p->count++ == 0 ? p->label : "", name);
	return EHC_OK;
}

int
ehc_print_people(struct ehc_store *store, const char *ref,
		 enum ehc_attendance list, int width, const char *label)
{
	struct people p = { width, label, 0 };
	struct ehc_error err = { 0 };

	if (ehc_store_each_person(store, ref, list, print_person, &p,
				  &err) != EHC_OK)
		return ehc_cmd_error(&err);
	if (p.count == 0)
		ehc_print_field(width, label, NULL);
	return EHC_OK;
}

void
ehc_area_advance(struct ehc_area_cursor *cursor, int area)
{
	while (cursor->current < area) {
		if (cursor->current >= 0 && !cursor->filled)
			cursor->empty();
		cursor->current++;
		cursor->filled = false;
		if (cursor->current < EHC_AREA_COUNT)
			cursor->heading((enum ehc_area)cursor->current);
	}
}
