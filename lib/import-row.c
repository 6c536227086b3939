/*
 * One row of an import file turned into a case. Once its values are read,
 * the case must pass the rules that a case entered step by step passes:
 * the steps each stage allows, the request's checks and the order of the
 * dates.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/clock.h"
#include "ehc/steps.h"
#include "columns.h"
#include "import-check.h"
#include "order.h"

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

void
ehc_import_report(struct ehc_import_check *ck, const char *message)
{
	ck->report(message, ck->context);
	if (ck->status == EHC_OK)
		ck->status = EHC_DATAERR;
}

static const char *
show(const char *value, char buf[EHC_SHOWN_SIZE])
{
	size_t n = 0;

	for (; value[n] != '\0' && n < EHC_SHOWN_MAX; n++)
		buf[n] = value[n];
	while (n > 0 && value[n] != '\0' &&
	       ((unsigned char)value[n] & 0xc0) == 0x80)
		n--;
	if (value[n] != '\0') {
		memcpy(buf + n, "...", 4);
		return buf;
	}
	buf[n] = '\0';
	return buf;
}

const char *
ehc_import_show(const char *value, char buf[EHC_SHOWN_SIZE])
{
	return show(value, buf);
}

/* Reports a column given without the column it needs, and returns false. */
static bool
needs(struct ehc_import_check *ck, bool given, const char *column, bool met,
      const char *other)
{
	if (!given || met)
		return true;
	problem(ck, "column '%s' needs a value in column '%s'", column, other);
	return false;
}

/* Reports a column given unless column other contains value. */
static bool
needs_value(struct ehc_import_check *ck, bool given, const char *column,
	    bool met, const char *other, const char *value)
{
	if (!given || met)
		return true;
	problem(ck, "column '%s' needs column '%s' to be '%s'", column, other,
		value);
	return false;
}

static bool
check_decisions(struct ehc_import_check *ck)
{
	const struct ehc_case *c = &ck->row->c;
	bool assess = c->assess != EHC_DECISION_NONE;
	bool assess_date = c->assess_date != EHC_DATE_NONE;
	bool issue = c->issue != EHC_DECISION_NONE;
	bool issue_date = c->issue_date != EHC_DATE_NONE;

	return needs(ck, assess, "assess_decision", assess_date,
		     "assess_decision_date") &&
	       needs(ck, assess_date, "assess_decision_date", assess,
		     "assess_decision") &&
	       needs(ck, issue, "issue_decision", issue_date,
		     "issue_decision_date") &&
	       needs(ck, issue_date, "issue_decision_date", issue,
		     "issue_decision");
}

/* Writes the name of an advice column, "advice_social_care_received". */
static const char *
advice_column(enum ehc_advice_source s, bool received, char *buf, size_t size)
{
	char *p;

	snprintf(buf, size, "advice_%s_%s", ehc_advice_source_names[s],
		 received ? "received" : "requested");
	while ((p = strchr(buf, '-')) != NULL)
		*p = '_';
	return buf;
}

/* Advice is asked for only once the panel has decided to assess. */
static bool
check_advice(struct ehc_import_check *ck)
{
	const struct ehc_case *c = &ck->row->c;
	bool assessed = c->assess == EHC_DECISION_YES;
	char requested[40], received[40];

	for (int s = 0; s < EHC_ADVICE_COUNT; s++) {
		const struct ehc_advice *a = &c->advice[s];
		bool has_requested = a->requested != EHC_DATE_NONE;
		bool has_received = a->received != EHC_DATE_NONE;

		/* The column names are needed only to report a problem. */
		if ((!has_requested || assessed) &&
		    (!has_received || has_requested))
			continue;
		advice_column(s, false, requested, sizeof(requested));
		advice_column(s, true, received, sizeof(received));
		if (!needs_value(ck, has_requested, requested, assessed,
				 "assess_decision", "assess") ||
		    !needs(ck, has_received, received, has_requested,
			   requested))
			return false;
	}
	return true;
}

/*
 * The COM is booked and held during the assessment. A case brought in from
 * another system may know the day it was held but not its booking.
 */
static bool
check_com(struct ehc_import_check *ck)
{
	const struct ehc_import_row *row = ck->row;
	const struct ehc_com *com = &row->c.com;
	bool assessed = row->c.assess == EHC_DECISION_YES;
	bool at = com->at != NULL, booked = com->booked != EHC_DATE_NONE;
	bool com_held = com->held != EHC_DATE_NONE;

	return needs_value(ck, at, "com_at", assessed, "assess_decision",
			   "assess") &&
	       needs_value(ck, com_held, "com_held_date", assessed,
			   "assess_decision", "assess") &&
	       needs(ck, at, "com_at", booked, "com_booked_date") &&
	       needs(ck, booked, "com_booked_date", at, "com_at") &&
	       needs(ck, com->minutes != 0, "com_minutes", at, "com_at") &&
	       needs(ck, com->location != NULL, "com_location", at,
		     "com_at") &&
	       needs(ck, com->chair != NULL, "com_chair", at, "com_at") &&
	       needs(ck, row->people_count[EHC_INVITED] > 0, "com_invited",
		     at, "com_at") &&
	       needs(ck, row->people_count[EHC_ATTENDED] > 0,
		     "com_attended", com_held, "com_held_date") &&
	       needs(ck, row->outcome_count > 0, "outcomes", com_held,
		     "com_held_date");
}

/* The decision whether to issue a plan follows the COM, and a plan that. */
static bool
check_plan(struct ehc_import_check *ck)
{
	const struct ehc_case *c = &ck->row->c;
	bool issue = c->issue == EHC_DECISION_YES;
	bool no_issue = c->issue == EHC_DECISION_NO;
	bool draft = c->draft != EHC_DATE_NONE;
	bool final = c->final != EHC_DATE_NONE;

	return needs(ck, c->issue != EHC_DECISION_NONE, "issue_decision",
		     c->com.held != EHC_DATE_NONE, "com_held_date") &&
	       needs_value(ck, draft, "draft_plan_date", issue,
			   "issue_decision", "issue") &&
	       needs_value(ck, c->support_meeting != EHC_DATE_NONE,
			   "support_meeting_date", no_issue, "issue_decision",
			   "no-issue") &&
	       needs(ck, c->comments != EHC_DATE_NONE,
		     "comments_received_date", draft, "draft_plan_date") &&
	       needs(ck, final, "final_plan_date", draft,
		     "draft_plan_date") &&
	       needs(ck, final, "final_plan_date", c->placement != NULL,
		     "placement") &&
	       needs(ck, c->placement != NULL, "placement", final,
		     "final_plan_date");
}

/* A case ends once: a withdrawal cannot follow another end. */
static bool
check_withdrawal(struct ehc_import_check *ck)
{
	const struct ehc_case *c = &ck->row->c;
	const char *ended = NULL;

	if (c->final != EHC_DATE_NONE)
		ended = "final_plan_date";
	else if (c->support_meeting != EHC_DATE_NONE)
		ended = "support_meeting_date";
	else if (c->assess == EHC_DECISION_NO)
		ended = "assess_decision";
	if (c->withdrawn != EHC_DATE_NONE && ended != NULL) {
		problem(ck, "column 'withdrawn_date': the case has already "
			"ended by column '%s', and a case ends once", ended);
		return false;
	}
	return needs(ck, c->withdraw_reason != NULL, "withdraw_reason",
		     c->withdrawn != EHC_DATE_NONE, "withdrawn_date");
}

/*
 * Sets the stage that the steps recorded lead to, and the day the case
 * ended. The latest step decides, as it does for a case entered by hand.
 */
static void
derive_stage(struct ehc_case *c)
{
	c->ended = EHC_DATE_NONE;
	if (c->final != EHC_DATE_NONE) {
		c->stage = EHC_STAGE_PLAN_ISSUED;
		c->ended = c->final;
	} else if (c->withdrawn != EHC_DATE_NONE) {
		c->stage = EHC_STAGE_WITHDRAWN;
		c->ended = c->withdrawn;
	} else if (c->support_meeting != EHC_DATE_NONE) {
		c->stage = EHC_STAGE_SUPPORT_AGREED;
		c->ended = c->support_meeting;
	} else if (c->issue == EHC_DECISION_NO) {
		c->stage = EHC_STAGE_SUPPORT_MEETING;
	} else if (c->draft != EHC_DATE_NONE) {
		c->stage = EHC_STAGE_DRAFT_SERVED;
	} else if (c->issue == EHC_DECISION_YES) {
		c->stage = EHC_STAGE_DRAFTING;
	} else if (c->com.held != EHC_DATE_NONE) {
		c->stage = EHC_STAGE_COM_HELD;
	} else if (c->assess == EHC_DECISION_YES) {
		c->stage = EHC_STAGE_ASSESSMENT;
	} else if (c->assess == EHC_DECISION_NO) {
		c->stage = EHC_STAGE_NOT_ASSESSED;
		c->ended = c->assess_date;
	} else {
		c->stage = EHC_STAGE_REQUESTED;
	}
}

/*
 * Fills in what the steps would have: the configured COM length, everyone
 * invited as attending when the list of who came is not given, each
 * outcome agreed at the COM unless its day is given, and the earliest
 * exception.
 */
static void
fill_defaults(struct ehc_import_row *row, const struct ehc_config *config)
{
	struct ehc_case *c = &row->c;

	if (c->com.at != NULL && c->com.minutes == 0)
		c->com.minutes = config->com_minutes;
	if (c->com.held != EHC_DATE_NONE &&
	    row->people_count[EHC_ATTENDED] == 0) {
		memcpy(row->people[EHC_ATTENDED], row->people[EHC_INVITED],
		       sizeof(row->people[EHC_INVITED]));
		row->people_count[EHC_ATTENDED] =
			row->people_count[EHC_INVITED];
	}
	for (size_t k = 0; k < row->outcome_count; k++)
		if (row->outcomes[k].agreed == EHC_DATE_NONE)
			row->outcomes[k].agreed = c->com.held;
	c->exception_from = EHC_DATE_NONE;
	for (size_t k = 0; k < row->exception_count; k++)
		if (c->exception_from == EHC_DATE_NONE ||
		    row->exceptions[k].from < c->exception_from)
			c->exception_from = row->exceptions[k].from;
}

/* An outcome is agreed at or after the COM, and due on or after that. */
static bool
check_outcomes(struct ehc_import_check *ck)
{
	const struct ehc_import_row *row = ck->row;
	char agreed[EHC_DATE_LEN], other[EHC_DATE_LEN];

	for (size_t k = 0; k < row->outcome_count; k++) {
		const struct ehc_outcome *o = &row->outcomes[k];

		ehc_date_format(o->agreed, agreed);
		if (o->agreed < row->c.com.held) {
			ehc_date_format(row->c.com.held, other);
			problem(ck, "column 'outcomes': outcome %zu: 'agreed': "
				"'%s' is before column 'com_held_date' (%s)",
				k + 1, agreed, other);
			return false;
		}
		if (o->by != EHC_DATE_NONE && o->by < o->agreed) {
			ehc_date_format(o->by, other);
			problem(ck, "column 'outcomes': outcome %zu: 'by': "
				"'%s' is before the day it was agreed (%s)",
				k + 1, other, agreed);
			return false;
		}
	}
	return true;
}

/* The EHC age range is 0 to 25 (Children and Families Act 2014, s.83). */
#define AGE_LIMIT 26

#define FIELD(member) offsetof(struct ehc_case, member)

/* A date of the case and the date it must not come before, by offset. */
static const struct {
	size_t date;
	size_t after;
} order_rules[] = {
	{ FIELD(received), FIELD(dob) },
	{ FIELD(assess_date), FIELD(received) },
	{ FIELD(com.booked), FIELD(assess_date) },
	{ FIELD(com.held), FIELD(com.booked) },
	{ FIELD(issue_date), FIELD(com.held) },
	{ FIELD(draft), FIELD(issue_date) },
	{ FIELD(comments), FIELD(draft) },
	{ FIELD(final), FIELD(draft) },
	{ FIELD(support_meeting), FIELD(issue_date) },
};

static ehc_date
date_of(const struct ehc_case *c, size_t i)
{
	return *(const ehc_date *)ehc_transfer_field_const(c, i);
}

/* Returns the text given for the field at offset, as the file has it. */
static const char *
value_of(const struct ehc_import_check *ck, size_t offset)
{
	return ck->row->values[ehc_transfer_column_at(offset)];
}

/* Returns the offset of the advice date of source s in struct ehc_case. */
static size_t
advice_field(int s, bool received)
{
	return FIELD(advice) + (size_t)s * sizeof(struct ehc_advice) +
	       (received ? offsetof(struct ehc_advice, received)
			 : offsetof(struct ehc_advice, requested));
}

/* Reports the date of one column before that of another it follows. */
static bool
in_order(struct ehc_import_check *ck, size_t date_field, size_t after_field)
{
	const struct ehc_case *c = &ck->row->c;
	int i = ehc_transfer_column_at(date_field);
	int j = ehc_transfer_column_at(after_field);
	char shown[EHC_SHOWN_SIZE], other[EHC_DATE_LEN];
	ehc_date date = date_of(c, (size_t)i), after = date_of(c, (size_t)j);

	if (date == EHC_DATE_NONE || after == EHC_DATE_NONE || date >= after)
		return true;
	ehc_date_format(after, other);
	problem(ck, "column '%s': '%s' is before column '%s' (%s)",
		ehc_transfer_columns[i].name,
		show(ck->row->values[i], shown), ehc_transfer_columns[j].name,
		other);
	return false;
}

/* The COM is booked for a day after the decision to assess, and held then. */
static bool
check_com_day(struct ehc_import_check *ck)
{
	const struct ehc_case *c = &ck->row->c;
	ehc_date day = ehc_order_com_day(c->com.at);
	char other[EHC_DATE_LEN];

	if (day == EHC_DATE_NONE)
		return true;
	if (day < c->assess_date) {
		ehc_date_format(c->assess_date, other);
		problem(ck, "column 'com_at': '%s' is before column "
			"'assess_decision_date' (%s)", c->com.at, other);
		return false;
	}
	if (c->com.held != EHC_DATE_NONE && c->com.held < day) {
		ehc_date_format(day, other);
		problem(ck, "column 'com_held_date': '%s' is before the day "
			"in column 'com_at' (%s)",
			value_of(ck, FIELD(com.held)), other);
		return false;
	}
	return true;
}

/* A withdrawal is the last step: no other date may be after it. */
static bool
check_withdrawn_last(struct ehc_import_check *ck)
{
	const struct ehc_import_row *row = ck->row;
	ehc_date latest = EHC_DATE_NONE;
	const char *column = NULL;
	char shown[EHC_SHOWN_SIZE], other[EHC_DATE_LEN];

	if (row->c.withdrawn == EHC_DATE_NONE)
		return true;
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++) {
		const struct ehc_transfer_column *col =
			&ehc_transfer_columns[i];

		if (col->kind != EHC_KIND_DATE || col->offset == FIELD(dob) ||
		    col->offset == FIELD(withdrawn))
			continue;
		if (date_of(&row->c, i) > latest) {
			latest = date_of(&row->c, i);
			column = col->name;
		}
	}
	if (row->c.exception_from > latest) {
		latest = row->c.exception_from;
		column = "exceptions";
	}
	if (latest <= row->c.withdrawn)
		return true;
	ehc_date_format(latest, other);
	problem(ck, "column 'withdrawn_date': '%s' is before column '%s' (%s), "
		"and a withdrawal ends the case",
		show(value_of(ck, FIELD(withdrawn)), shown), column, other);
	return false;
}

/* Each date is on or after the step it follows, as ehc_order_check has it. */
static bool
check_order(struct ehc_import_check *ck)
{
	const struct ehc_import_row *row = ck->row;
	char other[EHC_DATE_LEN];

	for (size_t i = 0; i < sizeof(order_rules) / sizeof(*order_rules); i++)
		if (!in_order(ck, order_rules[i].date, order_rules[i].after))
			return false;
	for (int s = 0; s < EHC_ADVICE_COUNT; s++)
		if (!in_order(ck, advice_field(s, false), FIELD(assess_date)) ||
		    !in_order(ck, advice_field(s, true),
			      advice_field(s, false)))
			return false;
	for (size_t k = 0; k < row->exception_count; k++) {
		if (row->exceptions[k].from >= row->c.received)
			continue;
		ehc_date_format(row->c.received, other);
		problem(ck, "column 'exceptions': exception %zu: 'from' is "
			"before column 'received' (%s)", k + 1, other);
		return false;
	}
	return check_com_day(ck) && check_withdrawn_last(ck);
}

static bool
check_age(struct ehc_import_check *ck)
{
	const struct ehc_case *c = &ck->row->c;
	int age = ehc_date_age(c->dob, c->received);
	char shown[EHC_SHOWN_SIZE], received[EHC_DATE_LEN];

	if (age < AGE_LIMIT)
		return true;
	ehc_date_format(c->received, received);
	problem(ck, "column 'date_of_birth': '%s' makes the child %d on the "
		"received date (%s), and EHC plans cover ages 0 to 25",
		show(value_of(ck, FIELD(dob)), shown), age, received);
	return false;
}

/*
 * The parent has at least 15 days, beginning with the day the draft is
 * served, to comment (reg 13(1)). A final plan before then needs their
 * reply first.
 */
static bool
check_window(struct ehc_import_check *ck)
{
	const struct ehc_case *c = &ck->row->c;
	int days = ehc_duration_days(
		ck->settings->config->timeframes[EHC_TIMEFRAME_DRAFT_COMMENTS]);
	char final[EHC_DATE_LEN], until[EHC_DATE_LEN];

	if (c->final == EHC_DATE_NONE || c->final >= c->draft + days ||
	    (c->comments != EHC_DATE_NONE && c->comments <= c->final))
		return true;
	ehc_date_format(c->final, final);
	ehc_date_format(c->draft + days - 1, until);
	problem(ck, "column 'final_plan_date': '%s' is inside the parent's "
		"time to comment on the draft plan, which lasts until %s, and "
		"column 'comments_received_date' shows no reply by then",
		final, until);
	return false;
}

/*
 * Runs the checks of the dates, whose messages name the columns, then the
 * checks that ehc request and the step commands run, which catch whatever
 * the first ones missed.
 */
static bool
check_case(struct ehc_import_check *ck)
{
	const struct ehc_case *c = &ck->row->c;
	struct ehc_request req = {
		.ref = c->ref, .child = c->child, .dob = c->dob,
		.received = c->received, .source = c->source,
		.setting = c->setting, .aro = c->aro, .ep = c->ep,
		.note = ck->row->note,
	};
	struct ehc_order_lists lists = {
		EHC_DATE_NONE, EHC_DATE_NONE, EHC_DATE_NONE,
	};
	struct ehc_error err = { 0 };

	if (!check_order(ck) || !check_age(ck) || !check_window(ck) ||
	    !check_outcomes(ck))
		return false;
	for (size_t i = 0; i < ck->row->outcome_count; i++) {
		ehc_date agreed = ck->row->outcomes[i].agreed;

		if (lists.first_outcome == EHC_DATE_NONE ||
		    agreed < lists.first_outcome)
			lists.first_outcome = agreed;
		if (agreed > lists.last_outcome)
			lists.last_outcome = agreed;
	}
	for (size_t i = 0; i < ck->row->exception_count; i++)
		if (ck->row->exceptions[i].from > lists.last_exception)
			lists.last_exception = ck->row->exceptions[i].from;
	if (ehc_request_check(&req, ck->settings->today, &err) != EHC_OK ||
	    ehc_order_check(c, &lists, ck->settings->config, true,
			    ck->settings->today, &err) != EHC_OK) {
		problem(ck, "%s", err.message);
		return false;
	}
	return true;
}

void
ehc_import_row_clear(struct ehc_import_row *row)
{
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++)
		row->values[i] = NULL;
}

void
ehc_import_row_set(struct ehc_import_row *row, size_t i, const char *value)
{
	if (i < EHC_TRANSFER_COLUMN_COUNT)
		row->values[i] = value != NULL && value[0] != '\0' ? value
								   : NULL;
}

/* Empties what the last check built, keeping the memory. */
static void
reset(struct ehc_import_row *row)
{
	row->c = ehc_case_empty();
	row->note = NULL;
	row->people_count[EHC_INVITED] = 0;
	row->people_count[EHC_ATTENDED] = 0;
	row->outcome_count = 0;
	row->exception_count = 0;
}

int
ehc_import_row_check(struct ehc_import_row *row,
		     const struct ehc_import_settings *settings,
		     ehc_import_report_fn report, void *context)
{
	struct ehc_import_check ck = {
		.row = row, .settings = settings, .report = report,
		.context = context, .status = EHC_OK,
	};

	reset(row);
	ehc_import_read_values(&ck);
	if (ck.status != EHC_OK)
		return ck.status;
	if (!check_decisions(&ck) || !check_advice(&ck) || !check_com(&ck) ||
	    !check_plan(&ck) || !check_withdrawal(&ck))
		return ck.status;
	derive_stage(&row->c);
	fill_defaults(row, settings->config);
	check_case(&ck);
	return ck.status;
}

void
ehc_import_row_release(struct ehc_import_row *row)
{
	for (int i = 0; i < EHC_ROW_LIST_COUNT; i++)
		ehc_jsoncell_release(&row->lists[i]);
	free(row->outcomes);
	free(row->exceptions);
	row->outcomes = NULL;
	row->exceptions = NULL;
	row->outcome_cap = 0;
	row->exception_cap = 0;
}
