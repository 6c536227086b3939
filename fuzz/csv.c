/* A libFuzzer target that reads CSV records to the end or the first error. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ehc/csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ehc_error err = { 0 };
	struct ehc_csv *csv;
	char **fields;
	size_t count;
	FILE *in;

	/* fmemopen rejects a zero-length buffer, so an empty input reads "". */
	in = size > 0 ? fmemopen((void *)data, size, "r") : fmemopen("", 1, "r");
	if (in == NULL)
		return 0;
	csv = ehc_csv_create(in);
	if (csv != NULL) {
		while (ehc_csv_next(csv, &fields, &count, &err) == EHC_OK)
			;
		ehc_csv_destroy(csv);
	}
	fclose(in);
	return 0;
}
