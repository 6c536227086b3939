/* Store functions for the unit tests, outside the public interface. */
#ifndef EHC_STORE_PRIVATE_H
#define EHC_STORE_PRIVATE_H

struct ehc_store;

/*
 * Sets how long the store waits for another writer, in milliseconds, so that
 * a test of the lock timeout need not wait EHC_STORE_BUSY_TIMEOUT_MS.
 */
void ehc_store_set_busy_timeout(struct ehc_store *store, int ms);

#endif
