/* The statutory clock: which milestones a case has and when each is due. */
#ifndef EHC_CLOCK_H
#define EHC_CLOCK_H

#include <stdbool.h>

#include "ehc/config.h"
#include "ehc/date.h"

/* The milestones counted from the day the request is received. */
enum ehc_milestone {
	EHC_MILESTONE_ASSESS_DECISION,	/* reg 5(1): 6 weeks */
	EHC_MILESTONE_ADVICE_GATHERED,	/* local practice: 12 weeks */
	EHC_MILESTONE_COM,		/* local practice: 14 weeks */
	EHC_MILESTONE_ISSUE_DECISION,	/* reg 10(1): 16 weeks */
	EHC_MILESTONE_FINAL_PLAN,	/* reg 13(2): 20 weeks */
	EHC_MILESTONE_COUNT
};

/* Where a milestone that is not yet met stands on a given day. */
enum ehc_due_state {
	EHC_DUE_OVERDUE,	/* the due date has passed */
	EHC_DUE_TODAY,		/* due on the day */
	EHC_DUE_UPCOMING,	/* due later */
};

/* Returns the milestone's name as ehc prints it, such as "final-plan". */
const char *ehc_milestone_name(enum ehc_milestone milestone);

/* Looks a milestone up by name; returns false when there is none. */
bool ehc_milestone_lookup(const char *name, enum ehc_milestone *out);

/* Returns the state's name: "overdue", "due" or "upcoming". */
const char *ehc_due_state_name(enum ehc_due_state state);

/* Returns the length of a duration in days, or 0 when it is not set. */
int ehc_duration_days(struct ehc_duration duration);

/* Returns the configured timeframe that a milestone is due after. */
enum ehc_timeframe ehc_milestone_timeframe(enum ehc_milestone milestone);

/* Returns the day a milestone is due for a request received on received. */
ehc_date ehc_clock_due(const struct ehc_config *config,
		      enum ehc_milestone milestone, ehc_date received);

/* Returns where a milestone due on due stands on the day today. */
enum ehc_due_state ehc_clock_state(ehc_date due, ehc_date today);

#endif
