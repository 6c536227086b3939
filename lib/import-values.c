/*
 * The values of an import row, each read by its column's kind into the
 * case it describes: dates, choices, names, free text and the JSON lists.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/steps.h"
#include "ehc/text.h"
#include "columns.h"
#include "fields.h"
#include "import-check.h"

static const char *const outcome_keys[] = {
	"area", "outcome", "provision", "by", "agreed", NULL,
};
enum { OUTCOME_AREA, OUTCOME_TEXT, OUTCOME_PROVISION, OUTCOME_BY,
       OUTCOME_AGREED };

static const char *const exception_keys[] = { "reason", "from", "to", NULL };
enum { EXCEPTION_REASON, EXCEPTION_FROM, EXCEPTION_TO };

_Static_assert(EHC_INVITED == 0 && EHC_ATTENDED == 1,
	       "the lists of people index people[] and lists[]");

static void	problem(struct ehc_import_check *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

static void
problem(struct ehc_import_check *ck, const char *fmt, ...)
{
	char message[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	ehc_import_report(ck, message);
}

/* A short name for ehc_import_show, which most messages call. */
static const char *
show(const char *value, char buf[EHC_SHOWN_SIZE])
{
	return ehc_import_show(value, buf);
}

static void
out_of_memory(struct ehc_import_check *ck)
{
	ck->status = EHC_SOFTWARE;
}

/* Writes the NULL-terminated names into buf as "a, b or c". */
static const char *
join(const char *const *names, char *buf, size_t size)
{
	size_t used = 0, count = 0;

	while (names[count] != NULL)
		count++;
	buf[0] = '\0';
	for (size_t i = 0; i < count && used < size; i++)
		used += (size_t)snprintf(buf + used, size - used, "%s%s",
					 i == 0 ? "" : i + 1 < count ?
					 ", " : " or ", names[i]);
	return buf;
}

/*
 * Returns the reason value is not a valid one-line name, or NULL, by the
 * rules of ehc_field_line worded for a column.
 */
static const char *
name_problem(const char *value, size_t max, char *buf, size_t size)
{
	size_t len = strlen(value);

	if (ehc_text_utf8_invalid(value, len) != len)
		return "holds bytes that are not UTF-8";
	if (ehc_text_blank(value))
		return "is blank";
	if (len > max) {
		snprintf(buf, size, "is too long: %zu bytes, the maximum is "
			 "%zu", len, max);
		return buf;
	}
	if (ehc_text_has_control(value))
		return "holds a control character";
	if (ehc_text_has_bidi_control(value))
		return "holds a bidirectional formatting character";
	if (ehc_text_padded(value))
		return "starts or ends with a space";
	return NULL;
}

/*
 * Returns the reason value is not valid free text, or NULL, by the rules
 * of ehc_field_text, which allow tabs and line breaks.
 */
static const char *
text_problem(const char *value, size_t max, char *buf, size_t size)
{
	const unsigned char *p = (const unsigned char *)value;
	size_t len = strlen(value);

	if (ehc_text_utf8_invalid(value, len) != len)
		return "holds bytes that are not UTF-8";
	if (ehc_text_blank(value))
		return "is blank";
	if (len > max) {
		snprintf(buf, size, "is too long: %zu bytes, the maximum is "
			 "%zu", len, max);
		return buf;
	}
	for (size_t i = 0; p[i] != '\0'; i++) {
		bool c1 = p[i] == 0xc2 && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f;

		if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n') ||
		    p[i] == 0x7f || c1) {
			snprintf(buf, size, "holds control character 0x%02x "
				 "at byte %zu", c1 ? p[i + 1] : p[i], i + 1);
			return buf;
		}
	}
	return NULL;
}

/*
 * Parses a date in the style given, and rejects one after today. The
 * message names what, such as "column 'received'".
 */
static bool
parse_date(struct ehc_import_check *ck, const char *what, const char *value,
	   enum ehc_date_style style, ehc_date *out)
{
	char shown[EHC_SHOWN_SIZE], today[EHC_DATE_LEN];
	const char *reason, *hint = "";

	if (style == EHC_DATES_DMY) {
		reason = ehc_date_parse_dmy(value, out);
	} else {
		reason = ehc_date_parse(value, out);
		if (reason != NULL && strchr(value, '/') != NULL)
			hint = "; for dd/mm/yyyy dates use --date-format dmy";
	}
	if (reason != NULL) {
		problem(ck, "%s: '%s' is not a valid date: %s%s", what,
			show(value, shown), reason, hint);
		return false;
	}
	if (*out > ck->settings->today) {
		ehc_date_format(ck->settings->today, today);
		problem(ck, "%s: '%s' is after today (%s)", what,
			show(value, shown), today);
		return false;
	}
	return true;
}

/* Parses an ISO date from a JSON list, which may be after today. */
static bool
parse_list_date(struct ehc_import_check *ck, const char *what,
		const char *value, ehc_date *out)
{
	char shown[EHC_SHOWN_SIZE];
	const char *reason = ehc_date_parse(value, out);

	if (reason == NULL)
		return true;
	problem(ck, "%s: '%s' is not a valid date: %s", what,
		show(value, shown), reason);
	return false;
}

static void
parse_ref(struct ehc_import_check *ck, const char *column, const char *value)
{
	char shown[EHC_SHOWN_SIZE];

	if (ehc_field_ref(value, NULL) == EHC_OK) {
		ck->row->c.ref = value;
		return;
	}
	problem(ck, "column '%s': '%s' is not a valid reference: use 1 to %d "
		"letters, digits and '-_./', starting with a letter or digit, "
		"without '..'", column, show(value, shown), EHC_REF_MAX);
}

static void
parse_text(struct ehc_import_check *ck, const char *column, const char *value,
	   bool one_line, const char **out)
{
	char shown[EHC_SHOWN_SIZE], buf[128];
	const char *reason;

	if (one_line)
		reason = name_problem(value, EHC_NAME_MAX, buf, sizeof(buf));
	else
		reason = text_problem(value, EHC_NOTE_MAX, buf, sizeof(buf));
	if (reason == NULL)
		*out = value;
	else
		problem(ck, "column '%s': '%s' %s", column, show(value, shown),
			reason);
}

/* Looks value up in names, the NULL-terminated values the column takes. */
static int
parse_name(struct ehc_import_check *ck, const char *column, const char *value,
	   const char *const *names)
{
	char shown[EHC_SHOWN_SIZE], expected[256];
	int i = ehc_name_index(names, value);

	if (i < 0)
		problem(ck, "column '%s': '%s' is not one of %s", column,
			show(value, shown), join(names, expected,
						 sizeof(expected)));
	return i;
}

static void
parse_decision(struct ehc_import_check *ck, const char *column,
	       const char *value, const char *yes, const char *no,
	       enum ehc_decision *out)
{
	const char *const names[] = { yes, no, NULL };
	int i = parse_name(ck, column, value, names);

	if (i >= 0)
		*out = i == 0 ? EHC_DECISION_YES : EHC_DECISION_NO;
}

static void
parse_com_at(struct ehc_import_check *ck, const char *column, const char *value)
{
	char shown[EHC_SHOWN_SIZE];
	const char *reason;
	ehc_date day;

	if ((reason = ehc_com_time_parse(value, &day)) == NULL)
		ck->row->c.com.at = value;
	else
		problem(ck, "column '%s': '%s' is not a valid COM time: %s",
			column, show(value, shown), reason);
}

/* Reads the COM's length as ehc schedule-com --minutes takes it: digits. */
static void
parse_minutes(struct ehc_import_check *ck, const char *column,
	      const char *value)
{
	char shown[EHC_SHOWN_SIZE];
	size_t len = strspn(value, "0123456789");
	long minutes = len > 0 && len < 5 ? strtol(value, NULL, 10) : -1;

	if (value[len] != '\0' || value[0] == '0' ||
	    minutes < EHC_COM_MINUTES_MIN || minutes > EHC_COM_MINUTES_MAX) {
		problem(ck, "column '%s': '%s' is not a whole number of "
			"minutes from %d to %d", column, show(value, shown),
			EHC_COM_MINUTES_MIN, EHC_COM_MINUTES_MAX);
		return;
	}
	ck->row->c.com.minutes = (int)minutes;
}

/* Parses a JSON list into cell, and reports a syntax error with its column. */
static bool
parse_list(struct ehc_import_check *ck, const char *column, const char *value,
	   struct ehc_jsoncell *cell, const char *const *keys)
{
	char reason[512];
	int status = ehc_jsoncell_parse(cell, value, keys, reason,
					 sizeof(reason));

	if (status == EHC_SOFTWARE)
		out_of_memory(ck);
	else if (status != EHC_OK)
		problem(ck, "column '%s': not a valid JSON list: %s", column,
			reason);
	return status == EHC_OK;
}

static void
parse_people(struct ehc_import_check *ck, size_t i, const char *value)
{
	const struct ehc_transfer_column *col = &ehc_transfer_columns[i];
	struct ehc_jsoncell *cell = &ck->row->lists[col->list];
	char shown[EHC_SHOWN_SIZE], buf[128];
	const char *name, *reason;

	if (!parse_list(ck, col->name, value, cell, NULL))
		return;
	if (cell->items > EHC_INVITEE_MAX) {
		problem(ck, "column '%s': %zu names, but a COM list holds at "
			"most %d", col->name, cell->items, EHC_INVITEE_MAX);
		return;
	}
	for (size_t k = 0; k < cell->items; k++) {
		name = ehc_jsoncell_get(cell, k, 0);
		reason = name_problem(name, EHC_NAME_MAX, buf, sizeof(buf));
		if (reason != NULL) {
			problem(ck, "column '%s': name %zu, '%s', %s",
				col->name, k + 1, show(name, shown), reason);
			return;
		}
		ck->row->people[col->list][k] = name;
	}
	ck->row->people_count[col->list] = cell->items;
}

/* Makes room for count items of size bytes in *array. */
static bool
reserve(struct ehc_import_check *ck, void **array, size_t *cap, size_t count,
	size_t size)
{
	void *grown;

	if (count <= *cap)
		return true;
	if ((grown = realloc(*array, count * size)) == NULL) {
		out_of_memory(ck);
		return false;
	}
	*array = grown;
	*cap = count;
	return true;
}

/* Reads the free text member key of a list item, which is required. */
static bool
item_text(struct ehc_import_check *ck, const char *what, const char *key,
	  const char *value, const char **out)
{
	char shown[EHC_SHOWN_SIZE], buf[128];
	const char *reason;

	if (value == NULL) {
		problem(ck, "%s: missing '%s'", what, key);
		return false;
	}
	if ((reason = text_problem(value, EHC_NOTE_MAX, buf, sizeof(buf)))) {
		problem(ck, "%s: '%s': '%s' %s", what, key,
			show(value, shown), reason);
		return false;
	}
	*out = value;
	return true;
}

static bool
parse_outcome(struct ehc_import_check *ck, const struct ehc_jsoncell *cell,
	      size_t k, struct ehc_outcome *o)
{
	const char *area = ehc_jsoncell_get(cell, k, OUTCOME_AREA);
	const char *by = ehc_jsoncell_get(cell, k, OUTCOME_BY);
	const char *agreed = ehc_jsoncell_get(cell, k, OUTCOME_AGREED);
	char what[64], key[80], shown[EHC_SHOWN_SIZE], names[256];

	snprintf(what, sizeof(what), "column 'outcomes': outcome %zu", k + 1);
	*o = (struct ehc_outcome){ .by = EHC_DATE_NONE,
				   .agreed = EHC_DATE_NONE };
	if (area == NULL) {
		problem(ck, "%s: missing 'area'", what);
		return false;
	}
	if (!ehc_area_lookup(area, &o->area)) {
		problem(ck, "%s: 'area': '%s' is not one of %s, or a short "
			"form ci, cl, semh or sp", what, show(area, shown),
			join(ehc_area_names, names, sizeof(names)));
		return false;
	}
	if (!item_text(ck, what, "outcome",
		       ehc_jsoncell_get(cell, k, OUTCOME_TEXT), &o->outcome) ||
	    !item_text(ck, what, "provision",
		       ehc_jsoncell_get(cell, k, OUTCOME_PROVISION),
		       &o->provision))
		return false;
	snprintf(key, sizeof(key), "%s: 'by'", what);
	if (by != NULL && !parse_list_date(ck, key, by, &o->by))
		return false;
	snprintf(key, sizeof(key), "%s: 'agreed'", what);
	return agreed == NULL ||
	       parse_date(ck, key, agreed, EHC_DATES_ISO, &o->agreed);
}

static void
parse_outcomes(struct ehc_import_check *ck, const char *value)
{
	struct ehc_import_row *row = ck->row;
	struct ehc_jsoncell *cell = &row->lists[EHC_ROW_OUTCOMES];

	if (!parse_list(ck, "outcomes", value, cell, outcome_keys) ||
	    !reserve(ck, (void **)&row->outcomes, &row->outcome_cap,
		     cell->items, sizeof(*row->outcomes)))
		return;
	for (size_t k = 0; k < cell->items; k++)
		if (!parse_outcome(ck, cell, k, &row->outcomes[k]))
			return;
	row->outcome_count = cell->items;
}

static bool
parse_exception(struct ehc_import_check *ck,
		const struct ehc_jsoncell *cell, size_t k,
		struct ehc_exception *e)
{
	const char *reason = ehc_jsoncell_get(cell, k, EXCEPTION_REASON);
	const char *from = ehc_jsoncell_get(cell, k, EXCEPTION_FROM);
	const char *to = ehc_jsoncell_get(cell, k, EXCEPTION_TO);
	char what[64], key[80], shown[EHC_SHOWN_SIZE], names[256];
	int i;

	snprintf(what, sizeof(what), "column 'exceptions': exception %zu",
		 k + 1);
	e->to = EHC_DATE_NONE;
	if (reason == NULL || from == NULL) {
		problem(ck, "%s: missing '%s'", what,
			reason == NULL ? "reason" : "from");
		return false;
	}
	if ((i = ehc_name_index(ehc_exception_names, reason)) < 0) {
		problem(ck, "%s: 'reason': '%s' is not one of %s", what,
			show(reason, shown),
			join(ehc_exception_names, names, sizeof(names)));
		return false;
	}
	e->reason = (enum ehc_exception_reason)i;
	snprintf(key, sizeof(key), "%s: 'from'", what);
	if (!parse_date(ck, key, from, EHC_DATES_ISO, &e->from))
		return false;
	snprintf(key, sizeof(key), "%s: 'to'", what);
	if (to != NULL && !parse_list_date(ck, key, to, &e->to))
		return false;
	if (e->to != EHC_DATE_NONE && e->to < e->from) {
		problem(ck, "%s: 'to': '%s' is before 'from' (%s)", what, to,
			from);
		return false;
	}
	return true;
}

static void
parse_exceptions(struct ehc_import_check *ck, const char *value)
{
	struct ehc_import_row *row = ck->row;
	struct ehc_jsoncell *cell = &row->lists[EHC_ROW_EXCEPTIONS];

	if (!parse_list(ck, "exceptions", value, cell, exception_keys) ||
	    !reserve(ck, (void **)&row->exceptions, &row->exception_cap,
		     cell->items, sizeof(*row->exceptions)))
		return;
	for (size_t k = 0; k < cell->items; k++)
		if (!parse_exception(ck, cell, k, &row->exceptions[k]))
			return;
	row->exception_count = cell->items;
}

/* Reads the value of column i into the case by the column's kind. */
static void
parse_column(struct ehc_import_check *ck, size_t i, const char *value)
{
	const struct ehc_transfer_column *col = &ehc_transfer_columns[i];
	void *field = ehc_transfer_field(&ck->row->c, i);
	char what[64];

	switch (col->kind) {
	case EHC_KIND_REF:
		parse_ref(ck, col->name, value);
		break;
	case EHC_KIND_NAME:
	case EHC_KIND_TEXT:
		parse_text(ck, col->name, value, col->kind == EHC_KIND_NAME,
			   field);
		break;
	case EHC_KIND_NOTE:
		parse_text(ck, col->name, value, false, &ck->row->note);
		break;
	case EHC_KIND_SOURCE:
		if (parse_name(ck, col->name, value,
			       ehc_request_sources) >= 0)
			ck->row->c.source = value;
		break;
	case EHC_KIND_DATE:
		snprintf(what, sizeof(what), "column '%s'", col->name);
		parse_date(ck, what, value, ck->settings->dates, field);
		break;
	case EHC_KIND_ASSESS:
		parse_decision(ck, col->name, value, "assess", "no-assess",
			       field);
		break;
	case EHC_KIND_ISSUE:
		parse_decision(ck, col->name, value, "issue", "no-issue",
			       field);
		break;
	case EHC_KIND_COM_AT:
		parse_com_at(ck, col->name, value);
		break;
	case EHC_KIND_MINUTES:
		parse_minutes(ck, col->name, value);
		break;
	case EHC_KIND_PEOPLE:
		parse_people(ck, i, value);
		break;
	case EHC_KIND_OUTCOMES:
		parse_outcomes(ck, value);
		break;
	case EHC_KIND_EXCEPTIONS:
		parse_exceptions(ck, value);
		break;
	}
}

void
ehc_import_read_values(struct ehc_import_check *ck)
{
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++) {
		const char *value = ck->row->values[i];

		if (value != NULL)
			parse_column(ck, i, value);
		else if (ehc_transfer_columns[i].required)
			problem(ck, "column '%s': missing value; every case "
				"needs one", ehc_transfer_columns[i].name);
		if (ck->status == EHC_SOFTWARE)
			return;
	}
}

