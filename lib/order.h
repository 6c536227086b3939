/* The order of a case's dates: each step on or after the one it follows. */
#ifndef EHC_ORDER_H
#define EHC_ORDER_H

#include <stdbool.h>

#include "ehc/case.h"
#include "ehc/config.h"
#include "ehc/error.h"
#include "ehc/store.h"

/* Returns the day of a COM time "YYYY-MM-DD HH:MM", or EHC_DATE_NONE. */
ehc_date ehc_order_com_day(const char *at);

/* Dates of the lists of a case that the order of its steps depends on. */
struct ehc_order_lists {
	ehc_date first_outcome;		/* the earliest outcome agreed */
	ehc_date last_outcome;		/* the latest outcome agreed */
	ehc_date last_exception;	/* the latest exception to start */
};

/* Reads the dates of the outcomes and exceptions of case ref. */
int ehc_order_lists_read(struct ehc_store *store, const char *ref,
			 struct ehc_order_lists *lists, struct ehc_error *err);

/*
 * Checks that every date of c is on or before today (but for the day the
 * COM is booked for), on or after the step it follows, that the child is
 * under 26 on the received date and that no deadline falls after the year
 * 9999. With window set, it also checks that a final plan does not cut
 * short the parent's time to comment on the draft. EHC_DATAERR names the
 * dates.
 */
int ehc_order_check(const struct ehc_case *c,
		    const struct ehc_order_lists *lists,
		    const struct ehc_config *config, bool window,
		    ehc_date today, struct ehc_error *err);

#endif
