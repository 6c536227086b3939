/* ehc list: the cases, one a line. */
#include <stdio.h>

#include "ehc.h"
#include "ehc/case.h"

enum {
	OPT_OPEN = OPT_FIRST_OWN,
	OPT_ENDED,
	OPT_ARO,
	OPT_STAGE,
	OPT_FORMAT,
};

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ "open", no_argument, NULL, OPT_OPEN },
	{ "ended", no_argument, NULL, OPT_ENDED },
	{ "aro", required_argument, NULL, OPT_ARO },
	{ "stage", required_argument, NULL, OPT_STAGE },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ 0 },
};

static const struct ehc_column columns[] = {
	{ "ref", EHC_VALUE_TEXT },
	{ "received", EHC_VALUE_DATE },
	{ "stage", EHC_VALUE_TEXT },
	{ "ended", EHC_VALUE_DATE },
	{ "aro", EHC_VALUE_TEXT },
};

static int
add_case(const struct ehc_case *c, void *context)
{
	char received[EHC_DATE_LEN], ended[EHC_DATE_LEN];
	bool open = c->ended == EHC_DATE_NONE;
	const char *row[] = {
		c->ref, received, ehc_stage_names[c->stage],
		open ? NULL : ended, c->aro,
	};

	ehc_date_format(c->received, received);
	if (!open)
		ehc_date_format(c->ended, ended);
	return ehc_listing_row(context, row);
}

static int
parse_option(int opt, char **argv, struct ehc_case_filter *filter,
	     enum ehc_format *format)
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
	case OPT_FORMAT:
		return ehc_cmd_format(optarg, format);
	default:
		return ehc_cmd_option(opt, argv);
	}
}

static int
parse(int argc, char **argv, struct ehc_case_filter *filter,
      enum ehc_format *format)
{
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = parse_option(opt, argv, filter, format)))
			return status;
	if (filter->open_only && filter->ended_only)
		return ehc_cmd_usage("--open and --ended cannot be used "
				     "together");
	return ehc_cmd_no_operands(argc, argv);
}

static int
run(int argc, char **argv)
{
	struct ehc_case_filter filter = { .stage = -1 };
	struct ehc_listing *listing = NULL;
	enum ehc_format format = EHC_FORMAT_TABLE;
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	int status;

	if ((status = parse(argc, argv, &filter, &format)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	ehc_config_destroy(config);
	if ((status = ehc_cmd_open(EHC_STORE_READ, &store)) != EHC_OK)
		return status;
	listing = ehc_listing_create(stdout, format, columns,
				     sizeof(columns) / sizeof(*columns));
	if (listing == NULL) {
		status = ehc_cmd_fail(EHC_SOFTWARE, "out of memory");
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
		 "         [--format FORMAT]",
	.help =
	"options:\n"
	"  --open             only cases still open\n"
	"  --ended            only cases that have ended\n"
	"  --stage STAGE      only the cases at this stage: requested,\n"
	"                     assessment, com-held, drafting, draft-served,\n"
	"                     support-meeting, not-assessed, plan-issued,\n"
	"                     support-agreed or withdrawn\n"
	"  --aro NAME         only the cases of this officer\n"
	EHC_FORMAT_HELP
	EHC_COMMON_HELP,
	.options = options,
	.run = run,
};
