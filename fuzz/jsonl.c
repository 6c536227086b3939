/* A libFuzzer target that reads JSON lines to the end or the first error. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ehc/jsonl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ehc_error err = { 0 };
	struct ehc_jsonl *reader;
	char **keys, **values;
	size_t count;
	FILE *in;

	/* fmemopen rejects a zero-length buffer, so an empty input reads "". */
	in = size > 0 ? fmemopen((void *)data, size, "r") : fmemopen("", 1, "r");
	if (in == NULL)
		return 0;
	reader = ehc_jsonl_create(in);
	if (reader != NULL) {
		while (ehc_jsonl_next(reader, &keys, &values, &count, &err) ==
		       EHC_OK)
			;
		ehc_jsonl_destroy(reader);
	}
	fclose(in);
	return 0;
}
