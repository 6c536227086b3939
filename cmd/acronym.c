/* ehc acronym: look up a term of the EHC process, or list them all. */
#include <stdio.h>
#include <stdlib.h>

#include "ehc.h"
#include "ehc/text.h"

static const struct option options[] = {
	EHC_LISTING_OPTIONS,
	{ 0 },
};

/* Column names and their order are stable. */
static const struct ehc_column columns[] = {
	{ "term", EHC_VALUE_TEXT },
	{ "meaning", EHC_VALUE_TEXT },
};

static int
unknown_term(const struct ehc_config *config, const char *term)
{
	const char **terms = calloc(config->acronym_count + 1, sizeof(*terms));
	const char *nearest;

	if (terms == NULL)
		return ehc_cmd_fail(EHC_SOFTWARE, "out of memory");
	for (size_t i = 0; i < config->acronym_count; i++)
		terms[i] = config->acronyms[i].term;
	nearest = ehc_text_nearest(term, terms);
	if (nearest != NULL)
		ehc_cmd_fail(EHC_NOINPUT, "unknown term '%s'; did you mean "
			     "'%s'?", term, nearest);
	else
		ehc_cmd_fail(EHC_NOINPUT, "unknown term '%s'; run 'ehc "
			     "acronym' for the list", term);
	free(terms);
	return EHC_NOINPUT;
}

static int
print(const struct ehc_config *config, const char *term,
      const struct ehc_cmd_output *output)
{
	const struct ehc_acronym *found = NULL;
	struct ehc_listing *listing;
	int status = EHC_OK;

	if (term != NULL && (found = ehc_config_acronym(config, term)) == NULL)
		return unknown_term(config, term);
	if ((listing = ehc_cmd_output_start(output)) == NULL)
		return EHC_SOFTWARE;
	for (size_t i = 0; i < config->acronym_count && status == EHC_OK;
	     i++) {
		const struct ehc_acronym *a = &config->acronyms[i];
		const char *row[] = { a->term, a->meaning };

		if (found == NULL || found == a)
			status = ehc_listing_row(listing, row);
	}
	if (status == EHC_OK)
		status = ehc_listing_finish(listing);
	ehc_listing_destroy(listing);
	if (status != EHC_OK)
		return ehc_cmd_output_failed(status);
	return EHC_OK;
}

static int
run(int argc, char **argv)
{
	struct ehc_cmd_output output = EHC_CMD_OUTPUT_INIT;
	struct ehc_config *config = NULL;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = ehc_cmd_output_option(opt, argv, &output)))
			return status;
	if ((status = ehc_cmd_output_check(&output)) != EHC_OK)
		return status;
	if (argc - optind > 1)
		return ehc_cmd_usage("unexpected argument '%s'",
				     argv[optind + 1]);
	if ((status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	status = print(config, optind < argc ? argv[optind] : NULL, &output);
	ehc_config_destroy(config);
	return status;
}

const struct ehc_command ehc_command_acronym = {
	.name = "acronym",
	.summary = "Look up a term of the EHC process, or list them all.",
	.usage = "ehc acronym [--format FORMAT] [--fields LIST] [--no-header] "
		 "[TERM]",
	.help =
	"options:\n"
	EHC_LISTING_HELP
	"\nTERM is matched ignoring case.\n",
	.options = options,
	.run = run,
	.columns = columns,
	.column_count = sizeof(columns) / sizeof(*columns),
	.default_columns = sizeof(columns) / sizeof(*columns),
};
