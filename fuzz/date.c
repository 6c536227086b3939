/*
 * A libFuzzer target for the date parsers. A date that either parser
 * accepts must format as ISO text that parses back to the same day, and an
 * ISO date must format back to the very text it was read from.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/date.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts unless date formats as ISO text that parses back to date. */
static void
check_format(ehc_date date, const char *input)
{
	char text[EHC_DATE_LEN];
	const char *reason;
	ehc_date again;

	ehc_date_format(date, text);
	reason = ehc_date_parse(text, &again);
	if (reason != NULL || again != date) {
		fprintf(stderr, "fuzz-date: '%s' is day %ld, formatted as "
			"'%s', which parses as %s\n", input, (long)date, text,
			reason != NULL ? reason : "another day");
		abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char text[EHC_DATE_LEN];
	ehc_date date;
	char *input;

	/* A date is at most 10 bytes, so longer inputs only slow the search. */
	if (size > 64)
		return 0;
	input = malloc(size + 1);
	if (input == NULL)
		return 0;
	memcpy(input, data, size);
	input[size] = '\0';

	if (ehc_date_parse(input, &date) == NULL) {
		check_format(date, input);
		ehc_date_format(date, text);
		if (strcmp(text, input) != 0) {
			fprintf(stderr, "fuzz-date: '%s' formats as '%s'\n",
				input, text);
			abort();
		}
	}
	if (ehc_date_parse_dmy(input, &date) == NULL)
		check_format(date, input);

	free(input);
	return 0;
}
