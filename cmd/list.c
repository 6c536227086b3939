/* ehc list: the cases, one a line. */
#include <stdio.h>

#include "ehc.h"
#include "ehc/case.h"

enum {
	OPT_OPEN = OPT_FIRST_OWN,
	OPT_ENDED,
	OPT_ARO,
	OPT_STAGE,
};

static const struct option options[] = {
	EHC_LISTING_OPTIONS,
	{ "open", no_argument, NULL, OPT_OPEN },
	{ "ended", no_argument, NULL, OPT_ENDED },
	{ "aro", required_argument, NULL, OPT_ARO },
	{ "stage", required_argument, NULL, OPT_STAGE },
	{ 0 },
};

/*
 * The first five are the default columns. The child's name and date of
 * birth come only when --fields names them, as in ehc deadlines. Column
 * names and their order are stable.
 */
static const struct ehc_column columns[] = {
	{ "ref", EHC_VALUE_TEXT },
	{ "received", EHC_VALUE_DATE },
	{ "stage", EHC_VALUE_TEXT },
	{ "ended", EHC_VALUE_DATE },
	{ "aro", EHC_VALUE_TEXT },
	{ "child", EHC_VALUE_TEXT },
	{ "dob", EHC_VALUE_DATE },
	{ "source", EHC_VALUE_TEXT },
	{ "setting", EHC_VALUE_TEXT },
	{ "ep", EHC_VALUE_TEXT },
};

#define DEFAULT_COLUMNS 5

static int
add_case(const struct ehc_case *c, void *context)
{
	char received[EHC_DATE_LEN], ended[EHC_DATE_LEN], dob[EHC_DATE_LEN];
	const char *row[] = {
		c->ref, ehc_cmd_date_text(c->received, received),
		ehc_stage_names[c->stage], ehc_cmd_date_text(c->ended, ended),
		c->aro, c->child, ehc_cmd_date_text(c->dob, dob), c->source,
		c->setting, c->ep,
	};

	return ehc_listing_row(context, row);
}

static int
parse_option(int opt, char **argv, struct ehc_case_filter *filter,
	     struct ehc_cmd_output *output)
{
	switch (opt) {
	case OPT_OPEN:
		filter->open_only = true;
		return EHC_OK;
	case OPT_ENDED:
		filter->ended_only = true;
		return EHC_OK;
	case OPT_ARO:
		filter->aro = optarg;
		return EHC_OK;
	case OPT_STAGE:
		return ehc_cmd_name("--stage", optarg, ehc_stage_names,
				    &filter->stage);
	default:
		return ehc_cmd_output_option(opt, argv, output);
	}
}

static int
parse(int argc, char **argv, struct ehc_case_filter *filter,
      struct ehc_cmd_output *output)
{
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = parse_option(opt, argv, filter, output)))
			return status;
	if (filter->open_only && filter->ended_only)
		return ehc_cmd_usage("--open and --ended cannot be used "
				     "together");
	if ((status = ehc_cmd_output_check(output)) != EHC_OK)
		return status;
	return ehc_cmd_no_operands(argc, argv);
}

static int
run(int argc, char **argv)
{
	struct ehc_case_filter filter = { .stage = -1 };
	struct ehc_cmd_output output = EHC_CMD_OUTPUT_INIT;
	struct ehc_listing *listing = NULL;
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	int status;

	if ((status = parse(argc, argv, &filter, &output)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	ehc_config_destroy(config);
	if ((status = ehc_cmd_open(EHC_STORE_READ, &store)) != EHC_OK)
		return status;
	if ((listing = ehc_cmd_output_start(&output)) == NULL) {
		status = EHC_SOFTWARE;
		goto cleanup;
	}

	status = ehc_store_each_case(store, &filter, add_case, listing,
				     &err);
	if (status != EHC_OK && err.message[0] != '\0') {
		ehc_cmd_error(&err);
		goto cleanup;
	}
	if (status == EHC_OK)
		status = ehc_listing_finish(listing);
	if (status != EHC_OK)
		ehc_cmd_output_failed(status);

cleanup:
	ehc_listing_destroy(listing);
	ehc_store_close(store);
	return status;
}

const struct ehc_command ehc_command_list = {
	.name = "list",
	.summary = "List the cases, one a line.",
	.usage = "ehc list [--open | --ended] [--stage STAGE] [--aro NAME]\n"
		 "         [--format FORMAT] [--fields LIST] [--no-header]",
	.help =
	"options:\n"
	"  --open             only cases still open\n"
	"  --ended            only cases that have ended\n"
	"  --stage STAGE      only the cases at this stage: requested,\n"
	"                     assessment, com-held, drafting, draft-served,\n"
	"                     support-meeting, not-assessed, plan-issued,\n"
	"                     support-agreed or withdrawn\n"
	"  --aro NAME         only the cases of this officer\n"
	EHC_LISTING_HELP,
	.options = options,
	.run = run,
	.columns = columns,
	.column_count = sizeof(columns) / sizeof(*columns),
	.default_columns = DEFAULT_COLUMNS,
};
