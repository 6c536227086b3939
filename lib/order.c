/* The order of a case's dates: each step on or after the one it follows. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ehc/clock.h"
#include "order.h"

/* The EHC age range is 0 to 25 (Children and Families Act 2014, s.83). */
#define AGE_LIMIT 26

/* A date of the case, its label, and the date it must not come before. */
struct rule {
	ehc_date date;
	const char *label;
	ehc_date after;
	const char *after_label;
	bool future;		/* the date may be after today */
};

#define RULES_MAX (24 + 2 * EHC_ADVICE_COUNT)

/*
 * The last received date whose deadlines can be written as YYYY-MM-DD:
 * the longest timeframe the configuration allows is 104 weeks.
 */
#define LAST_DATE (ehc_date_from_ymd(EHC_DATE_YEAR_MAX, 12, 31) - 728)

static const char *const advice_requested[] = {
	[EHC_ADVICE_PARENT] = "the request for advice from the parent",
	[EHC_ADVICE_EDUCATION] = "the request for education advice",
	[EHC_ADVICE_HEALTH] = "the request for health advice",
	[EHC_ADVICE_PSYCHOLOGY] = "the request for psychological advice",
	[EHC_ADVICE_SOCIAL_CARE] = "the request for social care advice",
	[EHC_ADVICE_OTHER] = "the request for other advice",
};

static const char *const advice_received[] = {
	[EHC_ADVICE_PARENT] = "the advice from the parent",
	[EHC_ADVICE_EDUCATION] = "the education advice",
	[EHC_ADVICE_HEALTH] = "the health advice",
	[EHC_ADVICE_PSYCHOLOGY] = "the psychological advice",
	[EHC_ADVICE_SOCIAL_CARE] = "the social care advice",
	[EHC_ADVICE_OTHER] = "the other advice",
};

ehc_date
ehc_order_com_day(const char *at)
{
	char day[EHC_DATE_LEN];
	ehc_date date;

	if (at == NULL || strlen(at) < EHC_DATE_LEN - 1)
		return EHC_DATE_NONE;
	memcpy(day, at, EHC_DATE_LEN - 1);
	day[EHC_DATE_LEN - 1] = '\0';
	if (ehc_date_parse(day, &date) != NULL)
		return EHC_DATE_NONE;
	return date;
}

static void
add(struct rule *rules, size_t *n, ehc_date date, const char *label,
    ehc_date after, const char *after_label)
{
	rules[(*n)++] = (struct rule){ date, label, after, after_label, false };
}

/* Returns the later of two dates, either of which may be none. */
static ehc_date
later(ehc_date a, ehc_date b)
{
	return a > b ? a : b;
}

/*
 * Returns the latest date of the steps that a step ending the case must
 * follow: everything recorded before it, outcomes and exceptions too.
 */
static ehc_date
latest_step(const struct ehc_case *c, const struct ehc_order_lists *lists)
{
	ehc_date dates[] = {
		c->received, c->assess_date, c->com.booked, c->com.held,
		c->issue_date, c->draft, c->comments, c->exception_from,
		lists->last_outcome, lists->last_exception,
	};
	ehc_date latest = EHC_DATE_NONE;

	for (size_t i = 0; i < sizeof(dates) / sizeof(*dates); i++)
		latest = later(latest, dates[i]);
	for (int i = 0; i < EHC_ADVICE_COUNT; i++) {
		latest = later(latest, c->advice[i].requested);
		latest = later(latest, c->advice[i].received);
	}
	return latest;
}

static size_t
collect(const struct ehc_case *c, const struct ehc_order_lists *lists,
	struct rule *rules)
{
	ehc_date last = latest_step(c, lists);
	size_t n = 0;

	add(rules, &n, c->received, "the request", c->dob,
	    "the date of birth");
	add(rules, &n, c->assess_date, "the decision whether to assess",
	    c->received, "the request");
	for (int i = 0; i < EHC_ADVICE_COUNT; i++) {
		add(rules, &n, c->advice[i].requested, advice_requested[i],
		    c->assess_date, "the decision to assess");
		add(rules, &n, c->advice[i].received, advice_received[i],
		    c->advice[i].requested, advice_requested[i]);
	}
	add(rules, &n, c->com.booked, "the COM booking", c->assess_date,
	    "the decision to assess");
	add(rules, &n, ehc_order_com_day(c->com.at), "the COM",
	    c->com.booked, "the day it was booked");
	rules[n - 1].future = true;
	add(rules, &n, lists->first_outcome, "the outcomes agreed",
	    c->com.held, "the COM held");
	add(rules, &n, c->com.held, "the COM held", c->com.booked,
	    "the COM booking");
	add(rules, &n, c->com.held, "the COM held", c->assess_date,
	    "the decision to assess");
	add(rules, &n, c->com.held, "the COM held",
	    ehc_order_com_day(c->com.at), "the day it was booked for");
	add(rules, &n, c->issue_date, "the decision whether to issue a plan",
	    c->com.held, "the COM");
	add(rules, &n, c->draft, "the draft plan", c->issue_date,
	    "the decision to issue");
	add(rules, &n, c->comments, "the parent's comments", c->draft,
	    "the draft plan");
	add(rules, &n, c->final, "the final plan", c->draft,
	    "the draft plan");
	add(rules, &n, c->support_meeting, "the SEN support meeting",
	    c->issue_date, "the decision not to issue");
	add(rules, &n, c->exception_from, "the exception", c->received,
	    "the request");

	/* A step that ends the case comes after everything else recorded. */
	if (c->final != EHC_DATE_NONE)
		add(rules, &n, c->final, "the final plan", last,
		    "the last step recorded");
	if (c->support_meeting != EHC_DATE_NONE)
		add(rules, &n, c->support_meeting, "the SEN support meeting",
		    last, "the last step recorded");
	add(rules, &n, c->withdrawn, "the withdrawal", last,
	    "the last step recorded");
	return n;
}

static int
check_rule(const struct rule *r, ehc_date today, struct ehc_error *err)
{
	char date[EHC_DATE_LEN], other[EHC_DATE_LEN];

	if (r->date == EHC_DATE_NONE)
		return EHC_OK;
	ehc_date_format(r->date, date);
	if (r->date > LAST_DATE)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid date %s for %s: its deadlines "
				     "would fall after the year %d", date,
				     r->label, EHC_DATE_YEAR_MAX);
	if (!r->future && r->date > today) {
		ehc_date_format(today, other);
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid date %s for %s: it is after "
				     "today (%s)", date, r->label, other);
	}
	if (r->after != EHC_DATE_NONE && r->date < r->after) {
		ehc_date_format(r->after, other);
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid date %s for %s: it is before %s "
				     "(%s)", date, r->label, r->after_label,
				     other);
	}
	return EHC_OK;
}

static int
check_age(const struct ehc_case *c, struct ehc_error *err)
{
	char dob[EHC_DATE_LEN], received[EHC_DATE_LEN];
	int age = ehc_date_age(c->dob, c->received);

	if (c->dob == EHC_DATE_NONE || age < AGE_LIMIT)
		return EHC_OK;
	ehc_date_format(c->dob, dob);
	ehc_date_format(c->received, received);
	return ehc_error_set(err, EHC_DATAERR,
			     "invalid date of birth %s: the child is %d on "
			     "the received date %s, and EHC plans cover ages "
			     "0 to 25", dob, age, received);
}

/*
 * The parent has at least 15 days, beginning with the day the draft is
 * served, to comment (reg 13(1)). A final plan before then needs their
 * reply first.
 */
static int
check_window(const struct ehc_case *c, const struct ehc_config *config,
	     struct ehc_error *err)
{
	int days = ehc_duration_days(
		config->timeframes[EHC_TIMEFRAME_DRAFT_COMMENTS]);
	char draft[EHC_DATE_LEN], until[EHC_DATE_LEN];

	if (c->final == EHC_DATE_NONE || c->draft == EHC_DATE_NONE ||
	    c->final >= c->draft + days ||
	    (c->comments != EHC_DATE_NONE && c->comments <= c->final))
		return EHC_OK;
	ehc_date_format(c->draft, draft);
	ehc_date_format(c->draft + days - 1, until);
	return ehc_error_set(err, EHC_DATAERR,
			     "the parent has until %s to comment on the draft "
			     "plan served on %s; record their reply first with "
			     "'ehc issue-plan %s --comments-received'",
			     until, draft, c->ref);
}

int
ehc_order_check(const struct ehc_case *c,
		const struct ehc_order_lists *lists,
		const struct ehc_config *config, bool window, ehc_date today,
		struct ehc_error *err)
{
	struct rule rules[RULES_MAX];
	size_t n = collect(c, lists, rules);
	int status;

	for (size_t i = 0; i < n; i++)
		if ((status = check_rule(&rules[i], today, err)) != EHC_OK)
			return status;
	if ((status = check_age(c, err)) != EHC_OK)
		return status;
	return window ? check_window(c, config, err) : EHC_OK;
}

static int
note_outcome(const struct ehc_outcome *o, void *context)
{
	struct ehc_order_lists *lists = context;

	if (lists->first_outcome == EHC_DATE_NONE ||
	    o->agreed < lists->first_outcome)
		lists->first_outcome = o->agreed;
	lists->last_outcome = later(lists->last_outcome, o->agreed);
	return EHC_OK;
}

static int
note_exception(const struct ehc_exception *e, void *context)
{
	struct ehc_order_lists *lists = context;

	lists->last_exception = later(lists->last_exception, e->from);
	return EHC_OK;
}

int
ehc_order_lists_read(struct ehc_store *store, const char *ref,
		     struct ehc_order_lists *lists, struct ehc_error *err)
{
	int status;

	*lists = (struct ehc_order_lists){
		EHC_DATE_NONE, EHC_DATE_NONE, EHC_DATE_NONE,
	};
	status = ehc_store_each_outcome(store, ref, note_outcome, lists, err);
	if (status == EHC_OK)
		status = ehc_store_each_exception(store, ref, note_exception,
						  lists, err);
	return status;
}
