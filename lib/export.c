/*
 * Export: every case as one row of the import format, with its outcomes,
 * exceptions and people as JSON lists, so that import reads it back whole.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/transfer.h"
#include "columns.h"

/* Returned by a store callback to stop a walk that has what it needs. */
#define WALK_DONE (-1)

/* A row being written, with the text of each value it owns. */
struct export {
	struct ehc_store *store;
	struct ehc_listing *listing;
	struct ehc_error *err;
	const char *values[EHC_TRANSFER_COLUMN_COUNT];
	char dates[EHC_TRANSFER_COLUMN_COUNT][EHC_DATE_LEN];
	char minutes[16];
	char *owned[EHC_TRANSFER_COLUMN_COUNT];	/* freed after the row */
};

/* A JSON list being written to memory. */
struct json_list {
	FILE *out;
	char *text;
	size_t size;
	size_t items;
};

static const char *const decision_names[][3] = {
	[EHC_KIND_ASSESS] = { NULL, "assess", "no-assess" },
	[EHC_KIND_ISSUE] = { NULL, "issue", "no-issue" },
};

static enum ehc_value_type
value_type(enum ehc_column_kind kind)
{
	switch (kind) {
	case EHC_KIND_DATE:
		return EHC_VALUE_DATE;
	case EHC_KIND_MINUTES:
		return EHC_VALUE_NUMBER;
	default:
		return EHC_VALUE_TEXT;
	}
}

static bool
list_begin(struct json_list *list)
{
	*list = (struct json_list){ 0 };
	list->out = open_memstream(&list->text, &list->size);
	if (list->out == NULL)
		return false;
	putc('[', list->out);
	return true;
}

/* Starts the next item of the list. */
static void
list_item(struct json_list *list)
{
	if (list->items++ > 0)
		putc(',', list->out);
}

/* Adds "key":"value" to an object, or nothing when value is NULL. */
static void
put_member(FILE *out, bool first, const char *key, const char *value)
{
	if (value == NULL)
		return;
	if (!first)
		putc(',', out);
	ehc_json_put_string(out, key);
	putc(':', out);
	ehc_json_put_string(out, value);
}

static void
put_date_member(FILE *out, const char *key, ehc_date date)
{
	char text[EHC_DATE_LEN];

	if (date == EHC_DATE_NONE)
		return;
	ehc_date_format(date, text);
	put_member(out, false, key, text);
}

/*
 * Ends the list and hands its text to column i of the row, which stays
 * empty for a list with no items. Returns EHC_SOFTWARE when out of memory.
 */
static int
list_end(struct export *ex, struct json_list *list, size_t i)
{
	bool failed;

	putc(']', list->out);
	failed = ferror(list->out) != 0;
	if (fclose(list->out) != 0 || failed) {
		free(list->text);
		return ehc_error_set(ex->err, EHC_SOFTWARE, "out of memory");
	}
	if (list->items == 0) {
		free(list->text);
		return EHC_OK;
	}
	ex->owned[i] = list->text;
	ex->values[i] = list->text;
	return EHC_OK;
}

static int
add_person(const char *name, void *context)
{
	struct json_list *list = context;

	list_item(list);
	ehc_json_put_string(list->out, name);
	return EHC_OK;
}

static int
add_outcome(const struct ehc_outcome *o, void *context)
{
	struct json_list *list = context;

	list_item(list);
	putc('{', list->out);
	put_member(list->out, true, "area", ehc_area_names[o->area]);
	put_member(list->out, false, "outcome", o->outcome);
	put_member(list->out, false, "provision", o->provision);
	put_date_member(list->out, "by", o->by);
	put_date_member(list->out, "agreed", o->agreed);
	putc('}', list->out);
	return EHC_OK;
}

static int
add_exception(const struct ehc_exception *e, void *context)
{
	struct json_list *list = context;

	list_item(list);
	putc('{', list->out);
	put_member(list->out, true, "reason", ehc_exception_names[e->reason]);
	put_date_member(list->out, "from", e->from);
	put_date_member(list->out, "to", e->to);
	putc('}', list->out);
	return EHC_OK;
}

/* Writes the list of column i, which EHC_KIND_* kind names, for case c. */
static int
export_list(struct export *ex, const struct ehc_case *c, size_t i)
{
	const struct ehc_transfer_column *col = &ehc_transfer_columns[i];
	struct json_list list;
	int status;

	if (!list_begin(&list))
		return ehc_error_set(ex->err, EHC_SOFTWARE, "out of memory");
	if (col->kind == EHC_KIND_PEOPLE)
		status = ehc_store_each_person(ex->store, c->ref, col->list,
					       add_person, &list, ex->err);
	else if (col->kind == EHC_KIND_OUTCOMES)
		status = ehc_store_each_outcome(ex->store, c->ref,
						add_outcome, &list, ex->err);
	else
		status = ehc_store_each_exception(ex->store, c->ref,
						  add_exception, &list,
						  ex->err);
	if (status != EHC_OK) {
		fclose(list.out);
		free(list.text);
		return status;
	}
	return list_end(ex, &list, i);
}

/*
 * Returns whether case c can have anything on the list of column i: people
 * once the COM is booked or held, outcomes once it is held, exceptions when
 * one is recorded. Skipping the others saves two queries each.
 */
static bool
list_possible(const struct ehc_case *c, size_t i)
{
	const struct ehc_transfer_column *col = &ehc_transfer_columns[i];

	switch (col->kind) {
	case EHC_KIND_PEOPLE:
		return col->list == EHC_INVITED ? c->com.at != NULL
						: c->com.held != EHC_DATE_NONE;
	case EHC_KIND_OUTCOMES:
		return c->com.held != EHC_DATE_NONE;
	default:
		return c->exception_from != EHC_DATE_NONE;
	}
}

/* The note given with the request is the case's first event's note. */
static int
first_note(const struct ehc_event *e, void *context)
{
	struct export *ex = context;
	size_t i = 0;

	while (ehc_transfer_columns[i].kind != EHC_KIND_NOTE)
		i++;
	if (e->note != NULL && (ex->owned[i] = strdup(e->note)) == NULL)
		return ehc_error_set(ex->err, EHC_SOFTWARE, "out of memory");
	ex->values[i] = ex->owned[i];
	return WALK_DONE;
}

/* Sets value i of the row from a field of c. */
static void
export_field(struct export *ex, const struct ehc_case *c, size_t i)
{
	const struct ehc_transfer_column *col = &ehc_transfer_columns[i];
	const void *field = ehc_transfer_field_const(c, i);
	enum ehc_decision decision;
	ehc_date date;
	int number;

	switch (col->kind) {
	case EHC_KIND_DATE:
		if ((date = *(const ehc_date *)field) == EHC_DATE_NONE)
			break;
		ehc_date_format(date, ex->dates[i]);
		ex->values[i] = ex->dates[i];
		break;
	case EHC_KIND_ASSESS:
	case EHC_KIND_ISSUE:
		decision = *(const enum ehc_decision *)field;
		ex->values[i] = decision_names[col->kind][decision];
		break;
	case EHC_KIND_MINUTES:
		if ((number = *(const int *)field) == 0)
			break;
		snprintf(ex->minutes, sizeof(ex->minutes), "%d", number);
		ex->values[i] = ex->minutes;
		break;
	default:
		ex->values[i] = *(const char *const *)field;
	}
}

static bool
is_list(enum ehc_column_kind kind)
{
	return kind == EHC_KIND_PEOPLE || kind == EHC_KIND_OUTCOMES ||
	       kind == EHC_KIND_EXCEPTIONS;
}

/* Fills the row's values for case c. */
static int
fill_row(struct export *ex, const struct ehc_case *c)
{
	int status;

	status = ehc_store_each_event(ex->store, c->ref, first_note, ex,
				      ex->err);
	if (status != EHC_OK && status != WALK_DONE)
		return status;
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++) {
		enum ehc_column_kind kind = ehc_transfer_columns[i].kind;

		if (is_list(kind)) {
			if (list_possible(c, i) &&
			    (status = export_list(ex, c, i)) != EHC_OK)
				return status;
		} else if (kind != EHC_KIND_NOTE) {
			export_field(ex, c, i);
		}
	}
	return EHC_OK;
}

static int
export_case(const struct ehc_case *c, void *context)
{
	struct export *ex = context;
	int status;

	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++)
		ex->values[i] = NULL;
	status = fill_row(ex, c);
	if (status == EHC_OK &&
	    (status = ehc_listing_row(ex->listing, ex->values)) != EHC_OK)
		ehc_error_set(ex->err, status, "cannot write case '%s': %s",
			      c->ref, strerror(errno));
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++) {
		free(ex->owned[i]);
		ex->owned[i] = NULL;
	}
	return status;
}

int
ehc_export(struct ehc_store *store, FILE *out, enum ehc_format format,
	   struct ehc_error *err)
{
	struct ehc_column columns[EHC_TRANSFER_COLUMN_COUNT];
	struct export ex = { .store = store, .err = err };
	int status;

	if (format != EHC_FORMAT_CSV && format != EHC_FORMAT_JSONL)
		return ehc_error_set(err, EHC_SOFTWARE,
				     "export writes csv or jsonl only");
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++) {
		columns[i].name = ehc_transfer_columns[i].name;
		columns[i].type = value_type(ehc_transfer_columns[i].kind);
	}
	ex.listing = ehc_listing_create(out, format, columns,
					EHC_TRANSFER_COLUMN_COUNT);
	if (ex.listing == NULL)
		return ehc_error_set(err, EHC_SOFTWARE, "out of memory");

	/* Import must read back exactly what was stored, quote and all. */
	ehc_listing_set_guard(ex.listing, false);
	status = ehc_store_each_case(store, NULL, export_case, &ex, err);
	if (status == EHC_OK &&
	    (status = ehc_listing_finish(ex.listing)) != EHC_OK)
		ehc_error_set(err, status, "cannot write the export: %s",
			      strerror(errno));
	ehc_listing_destroy(ex.listing);
	return status;
}
