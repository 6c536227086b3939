/* The statutory clock: milestone names and the days they fall due. */
#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#include "ehc/clock.h"

/*
 * Each milestone counts from the day the request is received, with the
 * configured timeframe of the same name. The regulations are those of the
 * Special Educational Needs and Disability Regulations 2014 (SI 2014/1530).
 */
static const struct {
	const char *name;
	enum ehc_timeframe timeframe;
} milestones[EHC_MILESTONE_COUNT] = {
	/* reg 5(1): the decision whether to assess, within 6 weeks */
	[EHC_MILESTONE_ASSESS_DECISION] = {
		"assess-decision", EHC_TIMEFRAME_ASSESS_DECISION
	},
	/* Local practice, not a statutory limit: advice gathered by 12 weeks */
	[EHC_MILESTONE_ADVICE_GATHERED] = {
		"advice-gathered", EHC_TIMEFRAME_ADVICE_GATHERED
	},
	/* Local practice: the Collaborative Outcomes Meeting by 14 weeks */
	[EHC_MILESTONE_COM] = {
		"com", EHC_TIMEFRAME_COM
	},
	/* reg 10(1): the decision whether to issue a plan, within 16 weeks */
	[EHC_MILESTONE_ISSUE_DECISION] = {
		"issue-decision", EHC_TIMEFRAME_ISSUE_DECISION
	},
	/* reg 13(2): the final plan issued within 20 weeks */
	[EHC_MILESTONE_FINAL_PLAN] = {
		"final-plan", EHC_TIMEFRAME_FINAL_PLAN
	},
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
	switch (state) {
	case EHC_DUE_OVERDUE:
		return "overdue";
	case EHC_DUE_TODAY:
		return "due";
	case EHC_DUE_UPCOMING:
		return "upcoming";
	}
	return "unknown";
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
 * Returns EHC_DATE_NONE when the request has no received date, the
 * milestone is outside the enum or its timeframe is not set, because a due
 * date equal to the received date would show every such case as overdue.
 */
ehc_date
ehc_clock_due(const struct ehc_config *config,
	      enum ehc_milestone milestone, ehc_date received)
{
	struct ehc_duration duration;

	if (received == EHC_DATE_NONE || !milestone_is_valid(milestone))
		return EHC_DATE_NONE;
	duration = config->timeframes[milestones[milestone].timeframe];
	if (duration.unit == 0)
		return EHC_DATE_NONE;
	return received + ehc_duration_days(duration);
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
