/* The order of a case's dates: each step on or after the one it follows. */
#ifndef EHC_ORDER_H
#define EHC_ORDER_H

#include "ehc/case.h"
#include "ehc/config.h"
#include "ehc/error.h"

/* Returns the day of a COM time "YYYY-MM-DD HH:MM", or EHC_DATE_NONE. */
ehc_date ehc_order_com_day(const char *at);

/*
 * Checks that every date of c is on or before today (but for the day the
 * COM is booked for), on or after the step it follows, that the child is
 * under 26 on the received date and that a final plan does not cut short
 * the parent's time to comment on the draft. EHC_DATAERR names the dates.
 */
int ehc_order_check(const struct ehc_case *c, const struct ehc_config *config,
		    ehc_date today, struct ehc_error *err);

#endif
