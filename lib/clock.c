/* The statutory clock: which milestones a case has and when each is due. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ehc/clock.h"

/*
 * The limits are those of the Special Educational Needs and Disability
 * Regulations 2014 (SI 2014/1530), or local practice where noted. Each
 * milestone is due the configured timeframe of its own after its start.
 */
static const struct {
	const char *name;
	enum ehc_timeframe timeframe;
} milestones[EHC_MILESTONE_COUNT] = {
	/* reg 5(1): the decision whether to assess, within 6 weeks */
	[EHC_MILESTONE_ASSESS_DECISION] = {
		"assess-decision", EHC_TIMEFRAME_ASSESS_DECISION
	},
	/* Local practice: advice gathered and the COM arranged by 12 weeks */
	[EHC_MILESTONE_ADVICE_GATHERED] = {
		"advice-gathered", EHC_TIMEFRAME_ADVICE_GATHERED
	},
	/* Local practice: the Collaborative Outcomes Meeting by 14 weeks */
	[EHC_MILESTONE_COM] = { "com", EHC_TIMEFRAME_COM },
	/* reg 10(1): the decision whether to issue a plan, within 16 weeks */
	[EHC_MILESTONE_ISSUE_DECISION] = {
		"issue-decision", EHC_TIMEFRAME_ISSUE_DECISION
	},
	/* reg 13(2): the final plan issued within 20 weeks */
	[EHC_MILESTONE_FINAL_PLAN] = {
		"final-plan", EHC_TIMEFRAME_FINAL_PLAN
	},
	/* Local practice: the SEN support meeting after a decision not to
	 * issue, only when the configuration sets a time for it */
	[EHC_MILESTONE_SUPPORT_MEETING] = {
		"support-meeting", EHC_TIMEFRAME_SUPPORT_MEETING
	},
	/* reg 8(1): each body asked for advice replies within 6 weeks */
	[EHC_MILESTONE_ADVICE + EHC_ADVICE_PARENT] = {
		"advice:parent", EHC_TIMEFRAME_ADVICE_RESPONSE
	},
	[EHC_MILESTONE_ADVICE + EHC_ADVICE_EDUCATION] = {
		"advice:education", EHC_TIMEFRAME_ADVICE_RESPONSE
	},
	[EHC_MILESTONE_ADVICE + EHC_ADVICE_HEALTH] = {
		"advice:health", EHC_TIMEFRAME_ADVICE_RESPONSE
	},
	[EHC_MILESTONE_ADVICE + EHC_ADVICE_PSYCHOLOGY] = {
		"advice:psychology", EHC_TIMEFRAME_ADVICE_RESPONSE
	},
	[EHC_MILESTONE_ADVICE + EHC_ADVICE_SOCIAL_CARE] = {
		"advice:social-care", EHC_TIMEFRAME_ADVICE_RESPONSE
	},
	[EHC_MILESTONE_ADVICE + EHC_ADVICE_OTHER] = {
		"advice:other", EHC_TIMEFRAME_ADVICE_RESPONSE
	},
};

static const char *const state_names[] = {
	[EHC_DUE_OVERDUE] = "overdue",
	[EHC_DUE_TODAY] = "due",
	[EHC_DUE_UPCOMING] = "upcoming",
	[EHC_DUE_EXCEPTION] = "exception",
	[EHC_DUE_MET] = "met",
	[EHC_DUE_MET_LATE] = "met-late",
};

static bool
milestone_is_valid(enum ehc_milestone milestone)
{
	return (int)milestone >= 0 && milestone < EHC_MILESTONE_COUNT;
}

/* Returns "unknown" for a value outside the enum, so printing stays safe. */
const char *
ehc_milestone_name(enum ehc_milestone milestone)
{
	if (!milestone_is_valid(milestone))
		return "unknown";
	return milestones[milestone].name;
}

bool
ehc_milestone_lookup(const char *name, enum ehc_milestone *out)
{
	for (int i = 0; i < EHC_MILESTONE_COUNT; i++) {
		if (strcmp(name, milestones[i].name) == 0) {
			*out = (enum ehc_milestone)i;
			return true;
		}
	}
	return false;
}

const char *
ehc_due_state_name(enum ehc_due_state state)
{
	if ((int)state < 0 || state > EHC_DUE_MET_LATE)
		return "unknown";
	return state_names[state];
}

bool
ehc_due_state_open(enum ehc_due_state state)
{
	return state != EHC_DUE_MET && state != EHC_DUE_MET_LATE;
}

/* A week is seven calendar days, because no limit here counts working days. */
int
ehc_duration_days(struct ehc_duration duration)
{
	switch (duration.unit) {
	case 'w':
		return duration.count * 7;
	case 'd':
		return duration.count;
	}
	return 0;
}

/* Returns EHC_TIMEFRAME_COUNT for a value outside the enum. */
enum ehc_timeframe
ehc_milestone_timeframe(enum ehc_milestone milestone)
{
	if (!milestone_is_valid(milestone))
		return EHC_TIMEFRAME_COUNT;
	return milestones[milestone].timeframe;
}

/*
 * Returns EHC_DATE_NONE when there is no start, the milestone is outside
 * the enum or its timeframe is not set, because a due date equal to the
 * start would show every such case as overdue.
 */
ehc_date
ehc_clock_due(const struct ehc_config *config,
	      enum ehc_milestone milestone, ehc_date start)
{
	struct ehc_duration duration;

	if (start == EHC_DATE_NONE || !milestone_is_valid(milestone))
		return EHC_DATE_NONE;
	duration = config->timeframes[milestones[milestone].timeframe];
	if (duration.unit == 0)
		return EHC_DATE_NONE;
	return start + ehc_duration_days(duration);
}

enum ehc_due_state
ehc_clock_state(ehc_date due, ehc_date today)
{
	if (due < today)
		return EHC_DUE_OVERDUE;
	if (due == today)
		return EHC_DUE_TODAY;
	return EHC_DUE_UPCOMING;
}

static ehc_date
later(ehc_date a, ehc_date b)
{
	if (a == EHC_DATE_NONE)
		return b;
	if (b == EHC_DATE_NONE)
		return a;
	return a > b ? a : b;
}

/*
 * Advice counts as gathered once the COM is booked and every body asked
 * has replied: on the later of the booking and the last reply. A case
 * brought in from another system may hold the day the COM was held but
 * not when it was booked; the meeting shows the advice was in by then.
 */
static ehc_date
advice_gathered(const struct ehc_case *c)
{
	ehc_date met = c->com.booked != EHC_DATE_NONE ? c->com.booked
						       : c->com.held;

	if (met == EHC_DATE_NONE)
		return EHC_DATE_NONE;
	for (int i = 0; i < EHC_ADVICE_COUNT; i++) {
		const struct ehc_advice *a = &c->advice[i];

		if (a->requested != EHC_DATE_NONE &&
		    a->received == EHC_DATE_NONE)
			return EHC_DATE_NONE;
		met = later(met, a->received);
	}
	return met;
}

/*
 * Sets the start and the met date of a milestone for case c, and returns
 * whether the milestone applies to it at all. A decision not to assess
 * leaves only the decision itself, and one not to issue drops the final
 * plan.
 */
static bool
milestone_dates(const struct ehc_case *c, enum ehc_milestone m,
		ehc_date *start, ehc_date *met)
{
	bool assessed = c->assess != EHC_DECISION_NO;

	*start = c->received;
	switch (m) {
	case EHC_MILESTONE_ASSESS_DECISION:
		*met = c->assess_date;
		return true;
	case EHC_MILESTONE_ADVICE_GATHERED:
		*met = advice_gathered(c);
		return assessed;
	case EHC_MILESTONE_COM:
		*met = c->com.held;
		return assessed;
	case EHC_MILESTONE_ISSUE_DECISION:
		*met = c->issue_date;
		return assessed;
	case EHC_MILESTONE_FINAL_PLAN:
		*met = c->final;
		return assessed && c->issue != EHC_DECISION_NO;
	case EHC_MILESTONE_SUPPORT_MEETING:
		*start = c->issue == EHC_DECISION_NO ? c->issue_date
						      : EHC_DATE_NONE;
		*met = c->support_meeting;
		return *start != EHC_DATE_NONE;
	default:
		*start = c->advice[m - EHC_MILESTONE_ADVICE].requested;
		*met = c->advice[m - EHC_MILESTONE_ADVICE].received;
		return *start != EHC_DATE_NONE;
	}
}

/*
 * An exception (reg 10(4)) excuses a milestone due on or after the day it
 * began, because from then on the limit could not be kept. One that began
 * after the due date excuses nothing.
 */
static enum ehc_due_state
milestone_state(const struct ehc_case *c, ehc_date due, ehc_date met,
		ehc_date today)
{
	enum ehc_due_state state;

	if (met != EHC_DATE_NONE)
		return met <= due ? EHC_DUE_MET : EHC_DUE_MET_LATE;
	state = ehc_clock_state(due, today);
	if (state == EHC_DUE_OVERDUE && c->exception_from != EHC_DATE_NONE &&
	    c->exception_from <= due)
		return EHC_DUE_EXCEPTION;
	return state;
}

/*
 * Returns whether case c can still meet milestone m. Nothing can once the
 * case has ended. After the decision whether to issue a plan, only the
 * final plan or the SEN support meeting that follows it can.
 */
static bool
can_still_meet(const struct ehc_case *c, enum ehc_milestone m)
{
	if (ehc_stage_ended(c->stage))
		return false;
	if (c->issue != EHC_DECISION_NONE)
		return m == EHC_MILESTONE_FINAL_PLAN ||
		       m == EHC_MILESTONE_SUPPORT_MEETING;
	return true;
}

size_t
ehc_clock_milestones(const struct ehc_config *config,
		     const struct ehc_case *c, ehc_date today,
		     struct ehc_milestone_state out[EHC_MILESTONE_COUNT])
{
	size_t n = 0;

	for (int i = 0; i < EHC_MILESTONE_COUNT; i++) {
		enum ehc_milestone m = (enum ehc_milestone)i;
		ehc_date start, met, due;

		if (!milestone_dates(c, m, &start, &met))
			continue;
		due = ehc_clock_due(config, m, start);
		if (due == EHC_DATE_NONE ||
		    (met == EHC_DATE_NONE && !can_still_meet(c, m)))
			continue;
		out[n].milestone = m;
		out[n].due = due;
		out[n].met = met;
		out[n].days = due - today;
		out[n].state = milestone_state(c, due, met, today);
		n++;
	}
	return n;
}
