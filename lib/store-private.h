/* Store functions for the unit tests, outside the public interface. */
#ifndef EHC_STORE_PRIVATE_H
#define EHC_STORE_PRIVATE_H

#include <stddef.h>

#include "ehc/error.h"
#include "ehc/store.h"

/*
 * Sets how long the store waits for another writer, in milliseconds, so that
 * a test of the lock timeout need not wait EHC_STORE_BUSY_TIMEOUT_MS.
 */
void ehc_store_set_busy_timeout(struct ehc_store *store, int ms);

/*
 * Writes into buf the EXPLAIN QUERY PLAN of the query that
 * ehc_store_each_case runs for filter, one step a line, so that a test can
 * check which index it uses. A plan longer than size is EHC_SOFTWARE.
 */
int ehc_store_explain_cases(struct ehc_store *store,
			    const struct ehc_case_filter *filter, char *buf,
			    size_t size, struct ehc_error *err);

#endif
