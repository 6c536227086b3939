/*
 * The steps of a case after the request. Each is checked against the stage
 * the case is at and the order of its dates, then stored with its event in
 * one transaction, so a rejected step writes nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/clock.h"
#include "ehc/steps.h"
#include "detail.h"
#include "fields.h"
#include "order.h"

#define STEP(kind) (1u << (kind))
#define ANY_OPEN_STAGE (STEP(EHC_STEP_WITHDRAWAL) | STEP(EHC_STEP_EXCEPTION))

/* The steps that each stage allows; an ended case allows none. */
static const unsigned allowed[EHC_STAGE_COUNT] = {
	[EHC_STAGE_REQUESTED] = STEP(EHC_STEP_ASSESS_DECISION) |
				ANY_OPEN_STAGE,
	[EHC_STAGE_ASSESSMENT] = STEP(EHC_STEP_ADVICE_REQUESTED) |
				 STEP(EHC_STEP_ADVICE_RECEIVED) |
				 STEP(EHC_STEP_COM_BOOKED) |
				 STEP(EHC_STEP_COM_HELD) | ANY_OPEN_STAGE,
	[EHC_STAGE_COM_HELD] = STEP(EHC_STEP_OUTCOME) |
			       STEP(EHC_STEP_ADVICE_RECEIVED) |
			       STEP(EHC_STEP_ISSUE_DECISION) | ANY_OPEN_STAGE,
	[EHC_STAGE_DRAFTING] = STEP(EHC_STEP_OUTCOME) |
			       STEP(EHC_STEP_DRAFT_PLAN) | ANY_OPEN_STAGE,
	[EHC_STAGE_DRAFT_SERVED] = STEP(EHC_STEP_OUTCOME) |
				   STEP(EHC_STEP_COMMENTS_RECEIVED) |
				   STEP(EHC_STEP_FINAL_PLAN) | ANY_OPEN_STAGE,
	[EHC_STAGE_SUPPORT_MEETING] = STEP(EHC_STEP_OUTCOME) |
				      STEP(EHC_STEP_SUPPORT_MEETING) |
				      ANY_OPEN_STAGE,
};

static const struct {
	const char *event;	/* the event kind stored */
	const char *title;	/* for messages */
	const char *command;	/* what records it */
} steps[EHC_STEP_COUNT] = {
	[EHC_STEP_ASSESS_DECISION] = { "assess-decision",
		"a decision whether to assess", "assess --decision" },
	[EHC_STEP_ADVICE_REQUESTED] = { "advice-requested",
		"a request for advice", "assess --advice-requested" },
	[EHC_STEP_ADVICE_RECEIVED] = { "advice-received",
		"advice received", "assess --advice-received" },
	[EHC_STEP_COM_BOOKED] = { "com-booked", "a COM booking",
		"schedule-com" },
	[EHC_STEP_COM_HELD] = { "com-held", "the COM held",
		"record-outcome --held" },
	[EHC_STEP_OUTCOME] = { "outcome", "an outcome",
		"record-outcome --area" },
	[EHC_STEP_ISSUE_DECISION] = { "issue-decision",
		"a decision whether to issue a plan",
		"panel-decide --decision" },
	[EHC_STEP_SUPPORT_MEETING] = { "support-meeting",
		"the SEN support meeting", "panel-decide --support-meeting" },
	[EHC_STEP_DRAFT_PLAN] = { "draft-plan", "a draft plan",
		"issue-plan --draft" },
	[EHC_STEP_COMMENTS_RECEIVED] = { "comments-received",
		"the parent's comments", "issue-plan --comments-received" },
	[EHC_STEP_FINAL_PLAN] = { "final-plan", "a final plan",
		"issue-plan --final" },
	[EHC_STEP_WITHDRAWAL] = { "withdrawal", "a withdrawal", "withdraw" },
	[EHC_STEP_EXCEPTION] = { "exception", "an exception", "exception" },
};

const char *
ehc_step_name(enum ehc_step_kind kind)
{
	if ((int)kind < 0 || kind >= EHC_STEP_COUNT)
		return "unknown";
	return steps[kind].event;
}

/* Writes the commands that may follow at stage into buf. */
static void
next_commands(enum ehc_stage stage, char *buf, size_t size)
{
	size_t used = 0;
	int count = 0;

	buf[0] = '\0';
	for (int k = 0; k < EHC_STEP_COUNT; k++) {
		if (!(allowed[stage] & STEP(k)) || used >= size)
			continue;
		used += snprintf(buf + used, size - used, "%s'ehc %s'",
				 count++ ? ", " : "", steps[k].command);
	}
}

static int
check_stage(const struct ehc_case *c, enum ehc_step_kind kind,
	    struct ehc_error *err)
{
	char next[512];

	if (allowed[c->stage] & STEP(kind))
		return EHC_OK;
	if (ehc_stage_ended(c->stage))
		return ehc_error_set(err, EHC_DATAERR,
				     "cannot record %s: case '%s' has ended "
				     "(%s); only 'ehc correct' can change it",
				     steps[kind].title, c->ref,
				     ehc_stage_description(c->stage));
	next_commands(c->stage, next, sizeof(next));
	return ehc_error_set(err, EHC_DATAERR,
			     "cannot record %s: case '%s' is at stage '%s' "
			     "(%s); next: %s", steps[kind].title, c->ref,
			     ehc_stage_names[c->stage],
			     ehc_stage_description(c->stage), next);
}

/* A step being applied to a copy of its case. */
struct step_context {
	const struct ehc_config *config;
	const struct ehc_step *step;
	ehc_date today;
	struct ehc_case c;		/* the case as the step leaves it */
	struct ehc_detail detail;	/* what the event records */
	struct ehc_step_warnings *warnings;
	struct ehc_store *store;
	struct ehc_error *err;
};

/* Replaces a string of the case copy with a copy of value. */
static int
set_string(struct step_context *ctx, const char **field, const char *value)
{
	char *copy = strdup(value);

	if (copy == NULL)
		return ehc_error_set(ctx->err, EHC_SOFTWARE, "out of memory");
	free((char *)*field);
	*field = copy;
	return EHC_OK;
}

static void
end_case(struct step_context *ctx, enum ehc_stage stage)
{
	ctx->c.stage = stage;
	ctx->c.ended = ctx->step->date;
}

static int
apply_assess(struct step_context *ctx)
{
	bool assess = ctx->step->decision == EHC_DECISION_YES;

	ctx->c.assess = ctx->step->decision;
	ctx->c.assess_date = ctx->step->date;
	if (assess)
		ctx->c.stage = EHC_STAGE_ASSESSMENT;
	else
		end_case(ctx, EHC_STAGE_NOT_ASSESSED);
	ehc_detail_text(&ctx->detail, "decision",
			assess ? "assess" : "no-assess");
	return EHC_OK;
}

static int
apply_issue(struct step_context *ctx)
{
	bool issue = ctx->step->decision == EHC_DECISION_YES;

	ctx->c.issue = ctx->step->decision;
	ctx->c.issue_date = ctx->step->date;
	ctx->c.stage = issue ? EHC_STAGE_DRAFTING : EHC_STAGE_SUPPORT_MEETING;
	ehc_detail_text(&ctx->detail, "decision", issue ? "issue" : "no-issue");
	return EHC_OK;
}

static int
apply_advice(struct step_context *ctx)
{
	enum ehc_advice_source s = ctx->step->advice;
	struct ehc_advice *a = &ctx->c.advice[s];
	const char *name = ehc_advice_source_names[s];
	char day[EHC_DATE_LEN];

	ehc_detail_text(&ctx->detail, "source", name);
	if (ctx->step->kind == EHC_STEP_ADVICE_REQUESTED) {
		if (a->requested == EHC_DATE_NONE) {
			a->requested = ctx->step->date;
			return EHC_OK;
		}
		ehc_date_format(a->requested, day);
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "advice from %s was already requested on "
				     "%s; use 'ehc correct' to change the date",
				     name, day);
	}
	if (a->requested == EHC_DATE_NONE)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "no advice was requested from %s; record "
				     "the request first with 'ehc assess %s "
				     "--advice-requested %s'", name, ctx->c.ref,
				     name);
	if (a->received != EHC_DATE_NONE) {
		ehc_date_format(a->received, day);
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "advice from %s was already received on "
				     "%s", name, day);
	}
	a->received = ctx->step->date;
	return EHC_OK;
}

static int
check_people(struct step_context *ctx)
{
	int status;

	if (ctx->step->people_count > EHC_INVITEE_MAX)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "too many people: %zu, the maximum is %d",
				     ctx->step->people_count, EHC_INVITEE_MAX);
	for (size_t i = 0; i < ctx->step->people_count; i++) {
		status = ehc_field_line("name", ctx->step->people[i],
					EHC_NAME_MAX, true, ctx->err);
		if (status != EHC_OK)
			return status;
	}
	return EHC_OK;
}

/* Adds the people of the step to the detail as one list, "A, B". */
static void
detail_people(struct step_context *ctx, const char *key)
{
	char *joined = NULL;
	size_t size = 0;
	FILE *out;

	if (ctx->step->people_count == 0 ||
	    (out = open_memstream(&joined, &size)) == NULL)
		return;
	for (size_t i = 0; i < ctx->step->people_count; i++)
		fprintf(out, "%s%s", i ? ", " : "", ctx->step->people[i]);
	if (fclose(out) == 0)
		ehc_detail_text(&ctx->detail, key, joined);
	free(joined);
}

static bool
two_digits(const char *p, int max, int *out)
{
	if (p[0] < '0' || p[0] > '9' || p[1] < '0' || p[1] > '9')
		return false;
	*out = (p[0] - '0') * 10 + (p[1] - '0');
	return *out <= max;
}

const char *
ehc_com_time_parse(const char *text, ehc_date *day)
{
	char date[EHC_DATE_LEN];
	const char *reason;
	int hour, minute;

	if (strlen(text) != 16 || text[10] != ' ' || text[13] != ':' ||
	    !two_digits(text + 11, 23, &hour) ||
	    !two_digits(text + 14, 59, &minute))
		return "expected 'YYYY-MM-DD HH:MM' on the 24-hour clock, "
		       "such as '2027-01-12 10:00'";
	memcpy(date, text, EHC_DATE_LEN - 1);
	date[EHC_DATE_LEN - 1] = '\0';
	if ((reason = ehc_date_parse(date, day)) != NULL)
		return reason;
	return NULL;
}

struct ehc_step
ehc_step_empty(enum ehc_step_kind kind)
{
	struct ehc_step step = {
		.kind = kind,
		.date = EHC_DATE_NONE,
		.by = EHC_DATE_NONE,
		.from = EHC_DATE_NONE,
		.to = EHC_DATE_NONE,
	};

	return step;
}

static int
check_com_at(const char *at, int minutes, ehc_date *day,
	     struct ehc_error *err)
{
	const char *reason = ehc_com_time_parse(at, day);

	if (reason != NULL)
		return ehc_error_set(err, EHC_USAGE,
				     "invalid COM time '%s': %s", at, reason);
	if (minutes != 0 && (minutes < EHC_COM_MINUTES_MIN ||
			     minutes > EHC_COM_MINUTES_MAX))
		return ehc_error_set(err, EHC_USAGE,
				     "invalid COM length %d: a COM lasts from "
				     "%d to %d minutes", minutes,
				     EHC_COM_MINUTES_MIN, EHC_COM_MINUTES_MAX);
	return EHC_OK;
}

/* Warns of a COM after its 14-week milestone or on a weekend. */
static void
warn_com(struct step_context *ctx, ehc_date day)
{
	ehc_date due = ehc_clock_due(ctx->config, EHC_MILESTONE_COM,
				     ctx->c.received);

	if (ctx->warnings == NULL)
		return;
	ctx->warnings->com_due = due;
	ctx->warnings->com_after_milestone = due != EHC_DATE_NONE && day > due;
	ctx->warnings->com_on_weekend = ehc_date_weekday(day) >= 6;
}

static int
apply_com_booked(struct step_context *ctx)
{
	const struct ehc_step *s = ctx->step;
	struct ehc_com *com = &ctx->c.com;
	ehc_date day;
	int status;

	if ((status = check_com_at(s->com_at, s->minutes, &day,
				   ctx->err)) != EHC_OK ||
	    (status = check_people(ctx)) != EHC_OK ||
	    (status = ehc_field_line("location", s->location, EHC_NAME_MAX,
				     false, ctx->err)) != EHC_OK ||
	    (status = ehc_field_line("chair", s->chair, EHC_NAME_MAX, false,
				     ctx->err)) != EHC_OK)
		return status;
	ehc_detail_text(&ctx->detail, "at", s->com_at);
	if (com->at != NULL && strcmp(com->at, s->com_at) != 0)
		ehc_detail_text(&ctx->detail, "was", com->at);
	if ((status = set_string(ctx, &com->at, s->com_at)) != EHC_OK ||
	    (s->location != NULL &&
	     (status = set_string(ctx, &com->location, s->location))) ||
	    (s->chair != NULL &&
	     (status = set_string(ctx, &com->chair, s->chair))))
		return status;
	if (s->minutes > 0)
		com->minutes = s->minutes;
	else if (com->minutes == 0)
		com->minutes = ctx->config->com_minutes;
	/* The COM was arranged on its first booking; a new time keeps it. */
	if (com->booked == EHC_DATE_NONE)
		com->booked = s->date;

	ehc_detail_number(&ctx->detail, "minutes", com->minutes);
	ehc_detail_text(&ctx->detail, "location", s->location);
	ehc_detail_text(&ctx->detail, "chair", s->chair);
	detail_people(ctx, "invited");
	warn_com(ctx, day);
	return EHC_OK;
}

static int
apply_com_held(struct step_context *ctx)
{
	int status;

	if (ctx->c.com.at == NULL)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "the COM of case '%s' is not booked; book "
				     "it first with 'ehc schedule-com'",
				     ctx->c.ref);
	if ((status = check_people(ctx)) != EHC_OK)
		return status;
	ctx->c.com.held = ctx->step->date;
	ctx->c.stage = EHC_STAGE_COM_HELD;
	detail_people(ctx, "attended");
	return EHC_OK;
}

static int
apply_outcome(struct step_context *ctx)
{
	const struct ehc_step *s = ctx->step;
	char held[EHC_DATE_LEN];
	int status;

	if ((status = ehc_field_text("outcome", s->outcome, EHC_NOTE_MAX, true,
				     ctx->err)) != EHC_OK ||
	    (status = ehc_field_text("provision", s->provision, EHC_NOTE_MAX,
				     true, ctx->err)) != EHC_OK)
		return status;
	if (s->date < ctx->c.com.held) {
		ehc_date_format(ctx->c.com.held, held);
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "invalid date for the outcome: it is "
				     "before the COM was held (%s)", held);
	}
	if (s->by != EHC_DATE_NONE && s->by < s->date)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "invalid date for --by: it is before the "
				     "outcome was agreed");
	ehc_detail_text(&ctx->detail, "area", ehc_area_names[s->area]);
	ehc_detail_text(&ctx->detail, "outcome", s->outcome);
	ehc_detail_text(&ctx->detail, "provision", s->provision);
	ehc_detail_date(&ctx->detail, "by", s->by);
	return EHC_OK;
}

static int
apply_plan(struct step_context *ctx)
{
	const struct ehc_step *s = ctx->step;
	char day[EHC_DATE_LEN];
	int status;

	switch (s->kind) {
	case EHC_STEP_DRAFT_PLAN:
		ctx->c.draft = s->date;
		ctx->c.stage = EHC_STAGE_DRAFT_SERVED;
		return EHC_OK;
	case EHC_STEP_COMMENTS_RECEIVED:
		if (ctx->c.comments == EHC_DATE_NONE) {
			ctx->c.comments = s->date;
			return EHC_OK;
		}
		ehc_date_format(ctx->c.comments, day);
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "the parent's comments were already "
				     "recorded on %s", day);
	default:
		status = ehc_field_line("placement", s->placement,
					EHC_NAME_MAX, true, ctx->err);
		if (status != EHC_OK ||
		    (status = set_string(ctx, &ctx->c.placement,
					 s->placement)) != EHC_OK)
			return status;
		ctx->c.final = s->date;
		end_case(ctx, EHC_STAGE_PLAN_ISSUED);
		ehc_detail_text(&ctx->detail, "placement", s->placement);
		return EHC_OK;
	}
}

static int
apply_support_meeting(struct step_context *ctx)
{
	ctx->c.support_meeting = ctx->step->date;
	end_case(ctx, EHC_STAGE_SUPPORT_AGREED);
	return EHC_OK;
}

static int
apply_withdrawal(struct step_context *ctx)
{
	const char *reason = ctx->step->text;
	int status;

	if ((status = ehc_field_text("reason", reason, EHC_NOTE_MAX, true,
				     ctx->err)) != EHC_OK ||
	    (status = set_string(ctx, &ctx->c.withdraw_reason, reason)))
		return status;
	ctx->c.withdrawn = ctx->step->date;
	end_case(ctx, EHC_STAGE_WITHDRAWN);
	ehc_detail_text(&ctx->detail, "reason", reason);
	return EHC_OK;
}

/* An exception runs from --from (the step's day if not given) to --to. */
static int
apply_exception(struct step_context *ctx)
{
	const struct ehc_step *s = ctx->step;
	ehc_date from = s->from != EHC_DATE_NONE ? s->from : s->date;
	char day[EHC_DATE_LEN];

	if (s->to != EHC_DATE_NONE && s->to < from) {
		ehc_date_format(s->to, day);
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "invalid --to %s: it is before the "
				     "exception starts", day);
	}
	if (ctx->c.exception_from == EHC_DATE_NONE ||
	    from < ctx->c.exception_from)
		ctx->c.exception_from = from;
	ehc_detail_text(&ctx->detail, "reason",
			ehc_exception_names[s->exception]);
	ehc_detail_date(&ctx->detail, "from", from);
	ehc_detail_date(&ctx->detail, "to", s->to);
	return EHC_OK;
}

static int
apply(struct step_context *ctx)
{
	switch (ctx->step->kind) {
	case EHC_STEP_ASSESS_DECISION:
		return apply_assess(ctx);
	case EHC_STEP_ADVICE_REQUESTED:
	case EHC_STEP_ADVICE_RECEIVED:
		return apply_advice(ctx);
	case EHC_STEP_COM_BOOKED:
		return apply_com_booked(ctx);
	case EHC_STEP_COM_HELD:
		return apply_com_held(ctx);
	case EHC_STEP_OUTCOME:
		return apply_outcome(ctx);
	case EHC_STEP_ISSUE_DECISION:
		return apply_issue(ctx);
	case EHC_STEP_SUPPORT_MEETING:
		return apply_support_meeting(ctx);
	case EHC_STEP_DRAFT_PLAN:
	case EHC_STEP_COMMENTS_RECEIVED:
	case EHC_STEP_FINAL_PLAN:
		return apply_plan(ctx);
	case EHC_STEP_WITHDRAWAL:
		return apply_withdrawal(ctx);
	case EHC_STEP_EXCEPTION:
		return apply_exception(ctx);
	default:
		return ehc_error_set(ctx->err, EHC_SOFTWARE,
				     "step %d not known", ctx->step->kind);
	}
}

static int
copy_case(const struct ehc_case *c, void *context)
{
	struct step_context *ctx = context;

	if (!ehc_case_copy(&ctx->c, c))
		return ehc_error_set(ctx->err, EHC_SOFTWARE, "out of memory");
	return EHC_OK;
}

struct name_list {
	char **names;
	size_t count;
	size_t capacity;
	struct ehc_error *err;
};

static int
add_name(const char *name, void *context)
{
	struct name_list *list = context;

	if (list->count == list->capacity) {
		size_t capacity = list->capacity ? list->capacity * 2 : 8;
		char **names = realloc(list->names,
				       capacity * sizeof(*names));

		if (names == NULL)
			return ehc_error_set(list->err, EHC_SOFTWARE,
					     "out of memory");
		list->names = names;
		list->capacity = capacity;
	}
	if ((list->names[list->count] = strdup(name)) == NULL)
		return ehc_error_set(list->err, EHC_SOFTWARE, "out of memory");
	list->count++;
	return EHC_OK;
}

/* Records everyone invited as attending, when the step names no one. */
static int
attended_as_invited(struct step_context *ctx)
{
	struct name_list list = { .err = ctx->err };
	int status;

	status = ehc_store_each_person(ctx->store, ctx->c.ref, EHC_INVITED,
				       add_name, &list, ctx->err);
	if (status == EHC_OK)
		status = ehc_store_set_people(ctx->store, ctx->c.ref,
					      EHC_ATTENDED,
					      (const char *const *)list.names,
					      list.count, ctx->err);
	for (size_t i = 0; i < list.count; i++)
		free(list.names[i]);
	free(list.names);
	return status;
}

/* Stores what a step adds beside the case row: outcomes, people, ... */
static int
store_lists(struct step_context *ctx)
{
	const struct ehc_step *s = ctx->step;
	struct ehc_outcome outcome = {
		s->area, s->outcome, s->provision, s->by, s->date,
	};
	struct ehc_exception exception = {
		s->exception, s->from != EHC_DATE_NONE ? s->from : s->date,
		s->to,
	};

	switch (s->kind) {
	case EHC_STEP_OUTCOME:
		return ehc_store_add_outcome(ctx->store, ctx->c.ref, &outcome,
					     ctx->err);
	case EHC_STEP_EXCEPTION:
		return ehc_store_add_exception(ctx->store, ctx->c.ref,
					       &exception, ctx->err);
	case EHC_STEP_COM_BOOKED:
		if (s->people_count == 0)
			return EHC_OK;
		return ehc_store_set_people(ctx->store, ctx->c.ref,
					    EHC_INVITED, s->people,
					    s->people_count, ctx->err);
	case EHC_STEP_COM_HELD:
		if (s->people_count == 0)
			return attended_as_invited(ctx);
		return ehc_store_set_people(ctx->store, ctx->c.ref,
					    EHC_ATTENDED, s->people,
					    s->people_count, ctx->err);
	default:
		return EHC_OK;
	}
}

static int
check_step_date(const struct ehc_step *s, ehc_date today,
		struct ehc_error *err)
{
	char date[EHC_DATE_LEN], now[EHC_DATE_LEN];

	if (s->date <= today)
		return EHC_OK;
	ehc_date_format(s->date, date);
	ehc_date_format(today, now);
	return ehc_error_set(err, EHC_DATAERR,
			     "invalid date %s for %s: it is after today (%s)",
			     date, steps[s->kind].title, now);
}

/* Counts the outcome a step adds among the dates its case is checked by. */
static void
note_new_outcome(struct ehc_order_lists *lists, ehc_date agreed)
{
	if (lists->first_outcome == EHC_DATE_NONE ||
	    agreed < lists->first_outcome)
		lists->first_outcome = agreed;
	if (agreed > lists->last_outcome)
		lists->last_outcome = agreed;
}

/* Applies the step to the stored case and writes the result. */
static int
record(struct step_context *ctx, const char *ref)
{
	const struct ehc_step *s = ctx->step;
	struct ehc_order_lists lists;
	char *detail;
	int status;

	status = ehc_store_get_case(ctx->store, ref, copy_case, ctx, ctx->err);
	if (status != EHC_OK)
		return status;
	if ((status = check_stage(&ctx->c, s->kind, ctx->err)) != EHC_OK ||
	    (status = check_step_date(s, ctx->today, ctx->err)) != EHC_OK ||
	    (status = ehc_field_text("note", s->note, EHC_NOTE_MAX, false,
				     ctx->err)) != EHC_OK)
		return status;
	if (!ehc_detail_begin(&ctx->detail))
		return ehc_error_set(ctx->err, EHC_SOFTWARE, "out of memory");

	status = apply(ctx);
	ehc_detail_date(&ctx->detail, "date", s->date);
	detail = ehc_detail_end(&ctx->detail);
	if (status == EHC_OK && detail == NULL)
		status = ehc_error_set(ctx->err, EHC_SOFTWARE, "out of memory");
	if (status == EHC_OK)
		status = ehc_order_lists_read(ctx->store, ref, &lists,
					      ctx->err);
	if (status == EHC_OK && s->kind == EHC_STEP_OUTCOME)
		note_new_outcome(&lists, s->date);
	if (status == EHC_OK)
		status = ehc_order_check(&ctx->c, &lists, ctx->config,
					 s->kind == EHC_STEP_FINAL_PLAN,
					 ctx->today, ctx->err);
	if (status == EHC_OK)
		status = ehc_store_update_case(ctx->store, &ctx->c,
					       steps[s->kind].event, detail,
					       s->note, ctx->err);
	if (status == EHC_OK)
		status = store_lists(ctx);
	free(detail);
	return status;
}

int
ehc_case_step(struct ehc_store *store, const struct ehc_config *config,
	      const char *ref, const struct ehc_step *step, ehc_date today,
	      struct ehc_step_warnings *warnings, struct ehc_error *err)
{
	struct step_context ctx = {
		.config = config, .step = step, .today = today,
		.c = ehc_case_empty(), .warnings = warnings, .store = store,
		.err = err,
	};
	int status;

	if ((int)step->kind < 0 || step->kind >= EHC_STEP_COUNT)
		return ehc_error_set(err, EHC_SOFTWARE, "unknown step %d",
				     step->kind);
	if (warnings != NULL)
		*warnings = (struct ehc_step_warnings){ 0 };
	if ((status = ehc_store_begin(store, err)) != EHC_OK)
		return status;

	status = record(&ctx, ref);
	if (status == EHC_OK)
		status = ehc_store_commit(store, err);
	if (status != EHC_OK) {
		ehc_store_rollback(store);
		if (warnings != NULL)
			*warnings = (struct ehc_step_warnings){ 0 };
	}
	ehc_case_release(&ctx.c);
	return status;
}
