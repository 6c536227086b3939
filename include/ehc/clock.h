/* The statutory clock: which milestones a case has and when each is due. */
#ifndef EHC_CLOCK_H
#define EHC_CLOCK_H

#include <stdbool.h>
#include <stddef.h>

#include "ehc/case.h"
#include "ehc/config.h"
#include "ehc/date.h"

/*
 * The milestones. The first five count from the day the request is
 * received. support-meeting counts from a decision not to issue a plan, and
 * each advice milestone from its own request for advice.
 */
enum ehc_milestone {
	EHC_MILESTONE_ASSESS_DECISION,	/* reg 5(1): 6 weeks */
	EHC_MILESTONE_ADVICE_GATHERED,	/* local practice: 12 weeks */
	EHC_MILESTONE_COM,		/* local practice: 14 weeks */
	EHC_MILESTONE_ISSUE_DECISION,	/* reg 10(1): 16 weeks */
	EHC_MILESTONE_FINAL_PLAN,	/* reg 13(2): 20 weeks */
	EHC_MILESTONE_SUPPORT_MEETING,	/* local practice, when configured */
	EHC_MILESTONE_ADVICE,		/* reg 8(1): 6 weeks from its request;
					 * one for each advice source */
	EHC_MILESTONE_COUNT = EHC_MILESTONE_ADVICE + EHC_ADVICE_COUNT
};

/*
 * The state of a milestone on a given day. The first three are the states of
 * one not yet met; the listing names are "overdue", "due", "upcoming",
 * "exception", "met" and "met-late".
 */
enum ehc_due_state {
	EHC_DUE_OVERDUE,	/* not met, due date passed */
	EHC_DUE_TODAY,		/* not met, due on the day */
	EHC_DUE_UPCOMING,	/* not met, due later */
	EHC_DUE_EXCEPTION,	/* not met, overdue, but an exception applies */
	EHC_DUE_MET,		/* met on or before the due date */
	EHC_DUE_MET_LATE,	/* met after the due date */
};

struct ehc_milestone_state {
	enum ehc_milestone milestone;
	ehc_date due;
	ehc_date met;		/* EHC_DATE_NONE while not met */
	int days;		/* due minus today */
	enum ehc_due_state state;
};

/* Returns the milestone's name, such as "final-plan" or "advice:health". */
const char *ehc_milestone_name(enum ehc_milestone milestone);

/* Returns the state's name, such as "overdue" or "met-late". */
const char *ehc_due_state_name(enum ehc_due_state state);

/* Returns whether a milestone in this state still has to be met. */
bool ehc_due_state_open(enum ehc_due_state state);

/* Looks a milestone up by name; returns false when there is none. */
bool ehc_milestone_lookup(const char *name, enum ehc_milestone *out);

/* Returns the length of a duration in days, or 0 when it is not set. */
int ehc_duration_days(struct ehc_duration duration);

/* Returns the configured timeframe that a milestone is due after. */
enum ehc_timeframe ehc_milestone_timeframe(enum ehc_milestone milestone);

/*
 * Returns the day a milestone is due when its time counts from start (the
 * request received, the advice requested or the decision not to issue), or
 * EHC_DATE_NONE when there is no start or its timeframe is not set.
 */
ehc_date ehc_clock_due(const struct ehc_config *config,
		      enum ehc_milestone milestone, ehc_date start);

/* Returns the state on today of a milestone not yet met, due on due. */
enum ehc_due_state ehc_clock_state(ehc_date due, ehc_date today);

/*
 * Writes into out, in milestone order, the milestones that apply to c on
 * the day today, and returns how many there are. A milestone applies while
 * the case can still meet it, and once it is met; the others (all but the
 * first after a decision not to assess, the final plan after a decision
 * not to issue, every unmet one once the case has ended) are left out.
 */
size_t ehc_clock_milestones(const struct ehc_config *config,
			    const struct ehc_case *c, ehc_date today,
			    struct ehc_milestone_state
				    out[EHC_MILESTONE_COUNT]);

#endif
