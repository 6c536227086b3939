/* Growing arrays for the readers that build records of unknown size. */
#ifndef EHC_ARRAY_H
#define EHC_ARRAY_H

#include <stddef.h>

/*
 * Returns array grown, by doubling from 64, to hold need elements of size
 * bytes, with *cap updated; NULL when out of memory, array then unchanged.
 */
void *ehc_array_grow(void *array, size_t *cap, size_t need, size_t size);

#endif
