/* The milestones of open cases that are still to be met, for a given day. */
#ifndef EHC_DEADLINES_H
#define EHC_DEADLINES_H

#include <stdbool.h>
#include <stddef.h>

#include "ehc/arena.h"
#include "ehc/clock.h"
#include "ehc/config.h"
#include "ehc/store.h"

/*
 * One milestone of one case, with the case's fields that a listing can
 * show. Strings are owned by the list they are in. Those of optional
 * fields are NULL when not set.
 */
struct ehc_deadline {
	char *ref;
	char *aro;
	char *child;
	ehc_date dob;
	ehc_date received;
	enum ehc_stage stage;
	char *setting;
	char *ep;
	enum ehc_milestone milestone;
	ehc_date due;
	int days;		/* due minus today: negative when overdue */
	enum ehc_due_state state;
};

/* A filter on the deadlines to list. */
struct ehc_deadline_query {
	ehc_date today;
	bool overdue_only;
	int within;		/* due in at most this many days, or -1 */
	const char *aro;	/* NULL for every officer */
	int milestone;		/* an enum ehc_milestone, or -1 for all */
};

struct ehc_deadline_list {
	struct ehc_deadline *items;
	size_t count;
	size_t capacity;
	/* The text the items point into, one copy a case, not a deadline. */
	struct ehc_arena text;
};

/*
 * Fills list with the unmet milestones of the open cases that query selects,
 * sorted by due date, then reference, then milestone order.
 */
int ehc_deadlines_collect(struct ehc_store *store,
			  const struct ehc_config *config,
			  const struct ehc_deadline_query *query,
			  struct ehc_deadline_list *list,
			  struct ehc_error *err);

/*
 * Writes into out the milestones of one case still to be met on the day
 * today, in milestone order, and returns how many there are. Their strings
 * point into c.
 */
size_t ehc_deadlines_of_case(const struct ehc_config *config,
			     const struct ehc_case *c, ehc_date today,
			     struct ehc_deadline out[EHC_MILESTONE_COUNT]);

/* Frees the list's items and strings, leaving it empty. */
void ehc_deadlines_clear(struct ehc_deadline_list *list);

#endif
