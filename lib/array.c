/* Growing arrays for the readers that build records of unknown size. */
#include <stdlib.h>

#include "array.h"

void *
ehc_array_grow(void *array, size_t *cap, size_t need, size_t size)
{
	size_t new_cap = *cap == 0 ? 64 : *cap;
	void *p;

	if (need <= *cap)
		return array;
	while (new_cap < need)
		new_cap *= 2;
	if ((p = realloc(array, new_cap * size)) == NULL)
		return NULL;
	*cap = new_cap;
	return p;
}
