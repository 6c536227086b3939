/*
 * ehc show in the formats for scripts: one record a fact of the case, as
 * section, field and value, in the order of the table layout.
 */
#include <inttypes.h>
#include <stdio.h>

#include "ehc.h"
#include "ehc/clock.h"

const struct ehc_column ehc_show_fact_columns[EHC_SHOW_FACT_COLUMNS] = {
	{ "section", EHC_VALUE_TEXT },
	{ "field", EHC_VALUE_TEXT },
	{ "value", EHC_VALUE_TEXT },
};

struct facts {
	struct ehc_listing *listing;
	const char *section;
	char prefix[96];	/* put before each field name, such as "com." */
	int count;		/* the entries of a list so far */
	int area;		/* outcomes: the area of the last one, or -1 */
	int status;		/* the first write error; nothing is written
				 * after it */
};

/* Starts a section, or a group of fields in it that share a prefix. */
static void
start(struct facts *f, const char *section, const char *prefix)
{
	f->section = section;
	snprintf(f->prefix, sizeof(f->prefix), "%s", prefix);
}

/* Writes one fact. A NULL value is a fact not set. */
static void
put(struct facts *f, const char *field, const char *value,
    enum ehc_value_type type)
{
	static const enum ehc_value_type name_type = EHC_VALUE_TEXT;
	char name[160];
	const char *row[] = { f->section, name, value };
	const enum ehc_value_type types[] = { name_type, name_type, type };

	if (f->status != EHC_OK)
		return;
	snprintf(name, sizeof(name), "%s%s", f->prefix, field);
	f->status = ehc_listing_row_typed(f->listing, row, types);
}

static void
put_text(struct facts *f, const char *field, const char *value)
{
	put(f, field, value, EHC_VALUE_TEXT);
}

static void
put_date(struct facts *f, const char *field, ehc_date date)
{
	char text[EHC_DATE_LEN];

	put(f, field, ehc_cmd_date_text(date, text), EHC_VALUE_DATE);
}

static void
put_number(struct facts *f, const char *field, long number)
{
	char text[24];

	snprintf(text, sizeof(text), "%ld", number);
	put(f, field, text, EHC_VALUE_NUMBER);
}

/*
 * Reports an error of the store. A callback that stopped the walk has set
 * f->status, which is reported at the end as a write error.
 */
static int
walked(struct facts *f, int status, const struct ehc_error *err)
{
	if (status == EHC_OK || f->status != EHC_OK)
		return EHC_OK;
	return ehc_cmd_error(err);
}

static void
put_case(struct facts *f, const struct ehc_case *c)
{
	start(f, "case", "");
	put_text(f, "ref", c->ref);
	put_text(f, "child", c->child);
	put_date(f, "dob", c->dob);
	put_date(f, "received", c->received);
	put_text(f, "source", c->source);
	put_text(f, "setting", c->setting);
	put_text(f, "aro", c->aro);
	put_text(f, "ep", c->ep);
	put_text(f, "stage", ehc_stage_names[c->stage]);
	put_date(f, "ended", c->ended);
	put_date(f, "withdrawn", c->withdrawn);
	put_text(f, "withdraw-reason", c->withdraw_reason);
}

/* Writes a decision, such as "no-assess", as field, and its date. */
static void
put_decision(struct facts *f, const char *field, enum ehc_decision decision,
	     ehc_date date, const char *yes, const char *no)
{
	char name[32];
	const char *value = NULL;

	if (decision != EHC_DECISION_NONE)
		value = decision == EHC_DECISION_YES ? yes : no;
	put_text(f, field, value);
	snprintf(name, sizeof(name), "%s.date", field);
	put_date(f, name, decision != EHC_DECISION_NONE ? date :
		 EHC_DATE_NONE);
}

static void
put_decisions(struct facts *f, const struct ehc_case *c)
{
	start(f, "decision", "");
	put_decision(f, "assess", c->assess, c->assess_date, "assess",
		     "no-assess");
	put_decision(f, "issue", c->issue, c->issue_date, "issue",
		     "no-issue");
	put_date(f, "support-meeting", c->support_meeting);
}

static void
put_advice(struct facts *f, const struct ehc_case *c)
{
	char prefix[32];

	for (int i = 0; i < EHC_ADVICE_COUNT; i++) {
		snprintf(prefix, sizeof(prefix), "%s.",
			 ehc_advice_source_names[i]);
		start(f, "advice", prefix);
		put_date(f, "requested", c->advice[i].requested);
		put_date(f, "received", c->advice[i].received);
	}
}

static int
put_person(const char *name, void *context)
{
	struct facts *f = context;
	char number[16];

	snprintf(number, sizeof(number), "%d", ++f->count);
	put_text(f, number, name);
	return f->status;
}

static int
put_people(struct facts *f, struct ehc_store *store, const char *ref,
	   enum ehc_attendance list, const char *prefix)
{
	struct ehc_error err = { 0 };
	int status;

	start(f, "com", prefix);
	f->count = 0;
	status = ehc_store_each_person(store, ref, list, put_person, f, &err);
	return walked(f, status, &err);
}

/* The number of minutes is only set once the COM is booked. */
static int
put_com(struct facts *f, struct ehc_store *store, const struct ehc_case *c)
{
	const struct ehc_com *com = &c->com;
	int status;

	start(f, "com", "");
	put_text(f, "at", com->at);
	if (com->at != NULL)
		put_number(f, "minutes", com->minutes);
	else
		put(f, "minutes", NULL, EHC_VALUE_NUMBER);
	put_text(f, "location", com->location);
	put_text(f, "chair", com->chair);
	put_date(f, "booked", com->booked);
	put_date(f, "held", com->held);
	status = put_people(f, store, c->ref, EHC_INVITED, "invited.");
	if (status == EHC_OK)
		status = put_people(f, store, c->ref, EHC_ATTENDED,
				    "attended.");
	return status;
}

/* Outcomes come by area, and each is numbered from 1 within its area. */
static int
put_outcome(const struct ehc_outcome *o, void *context)
{
	struct facts *f = context;
	char prefix[96];

	if ((int)o->area != f->area) {
		f->area = (int)o->area;
		f->count = 0;
	}
	snprintf(prefix, sizeof(prefix), "%s.%d.", ehc_area_names[o->area],
		 ++f->count);
	start(f, "outcome", prefix);
	put_text(f, "outcome", o->outcome);
	put_text(f, "provision", o->provision);
	put_date(f, "by", o->by);
	put_date(f, "agreed", o->agreed);
	return f->status;
}

static int
put_outcomes(struct facts *f, struct ehc_store *store, const char *ref)
{
	struct ehc_error err = { 0 };
	int status;

	f->area = -1;
	status = ehc_store_each_outcome(store, ref, put_outcome, f, &err);
	return walked(f, status, &err);
}

static void
put_plan(struct facts *f, const struct ehc_case *c)
{
	start(f, "plan", "");
	put_date(f, "draft", c->draft);
	put_date(f, "comments", c->comments);
	put_date(f, "final", c->final);
	put_text(f, "placement", c->placement);
}

static int
put_exception(const struct ehc_exception *e, void *context)
{
	struct facts *f = context;
	char prefix[16];

	snprintf(prefix, sizeof(prefix), "%d.", ++f->count);
	start(f, "exception", prefix);
	put_text(f, "reason", ehc_exception_names[e->reason]);
	put_date(f, "from", e->from);
	put_date(f, "to", e->to);
	return f->status;
}

static int
put_exceptions(struct facts *f, struct ehc_store *store, const char *ref)
{
	struct ehc_error err = { 0 };
	int status;

	f->count = 0;
	status = ehc_store_each_exception(store, ref, put_exception, f, &err);
	return walked(f, status, &err);
}

/* As in the table, days is left empty once a milestone is met. */
static void
put_milestones(struct facts *f, const struct ehc_config *config,
	       const struct ehc_case *c, ehc_date today)
{
	struct ehc_milestone_state found[EHC_MILESTONE_COUNT];
	size_t n = ehc_clock_milestones(config, c, today, found);
	char prefix[48];

	for (size_t i = 0; i < n; i++) {
		const struct ehc_milestone_state *m = &found[i];

		snprintf(prefix, sizeof(prefix), "%s.",
			 ehc_milestone_name(m->milestone));
		start(f, "milestone", prefix);
		put_date(f, "due", m->due);
		put_date(f, "met", m->met);
		if (m->met == EHC_DATE_NONE)
			put_number(f, "days", m->days);
		else
			put(f, "days", NULL, EHC_VALUE_NUMBER);
		put_text(f, "status", ehc_due_state_name(m->state));
	}
}

/* Events are named by their id, the id column of ehc log. */
static int
put_event(const struct ehc_event *e, void *context)
{
	struct facts *f = context;
	char prefix[32];

	snprintf(prefix, sizeof(prefix), "%" PRId64 ".", e->id);
	start(f, "event", prefix);
	put_text(f, "at", e->at);
	put_text(f, "user", e->user);
	put_text(f, "event", e->kind);
	put_text(f, "changes", e->changes);
	put_text(f, "note", e->note);
	return f->status;
}

static int
put_events(struct facts *f, struct ehc_store *store, const char *ref)
{
	struct ehc_error err = { 0 };
	int status;

	status = ehc_store_each_event(store, ref, put_event, f, &err);
	return walked(f, status, &err);
}

int
ehc_show_facts(struct ehc_listing *listing, struct ehc_store *store,
	       const struct ehc_config *config, const struct ehc_case *c,
	       ehc_date today)
{
	struct facts f = { .listing = listing };
	int status;

	put_case(&f, c);
	put_decisions(&f, c);
	put_advice(&f, c);
	if ((status = put_com(&f, store, c)) != EHC_OK ||
	    (status = put_outcomes(&f, store, c->ref)) != EHC_OK)
		return status;
	put_plan(&f, c);
	if ((status = put_exceptions(&f, store, c->ref)) != EHC_OK)
		return status;
	put_milestones(&f, config, c, today);
	if ((status = put_events(&f, store, c->ref)) != EHC_OK)
		return status;

	if (f.status == EHC_OK)
		f.status = ehc_listing_finish(listing);
	if (f.status != EHC_OK)
		return ehc_cmd_output_failed(f.status);
	return EHC_OK;
}
