/* ehc list: the cases, one a line. */
#include <stdio.h>

#include "ehc.h"

enum {
	OPT_OPEN = OPT_FIRST_OWN,
	OPT_ENDED,
	OPT_ARO,
	OPT_FORMAT,
};

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ "open", no_argument, NULL, OPT_OPEN },
	{ "ended", no_argument, NULL, OPT_ENDED },
	{ "aro", required_argument, NULL, OPT_ARO },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ 0 },
};

static const struct ehc_column columns[] = {
	{ "ref", EHC_VALUE_TEXT },
	{ "received", EHC_VALUE_DATE },
	{ "status", EHC_VALUE_TEXT },
	{ "ended", EHC_VALUE_DATE },
	{ "aro", EHC_VALUE_TEXT },
};

struct list_context {
	struct ehc_listing *listing;
	bool ended_only;
};

static int
add_case(const struct ehc_case *c, void *context)
{
	struct list_context *ctx = context;
	char received[EHC_DATE_LEN], ended[EHC_DATE_LEN] = "";
	bool open = c->ended == EHC_DATE_NONE;
	const char *row[] = {
		c->ref, received, open ? "open" : "ended",
		open ? NULL : ended, c->aro,
	};

	if (ctx->ended_only && open)
		return EHC_OK;
	ehc_date_format(c->received, received);
	if (!open)
		ehc_date_format(c->ended, ended);
	return ehc_listing_row(ctx->listing, row);
}

static int
parse(int argc, char **argv, struct ehc_case_filter *filter,
      struct list_context *ctx, enum ehc_format *format)
{
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		status = EHC_OK;
		if (opt == OPT_OPEN)
			filter->open_only = true;
		else if (opt == OPT_ENDED)
			ctx->ended_only = true;
		else if (opt == OPT_ARO)
			filter->aro = optarg;
		else if (opt == OPT_FORMAT)
			status = ehc_cmd_format(optarg, format);
		else
			status = ehc_cmd_option(opt, argv);
		if (status != EHC_OK)
			return status;
	}
	if (filter->open_only && ctx->ended_only)
		return ehc_cmd_usage("--open and --ended cannot be used "
				     "together");
	return ehc_cmd_no_operands(argc, argv);
}

static int
run(int argc, char **argv)
{
	struct ehc_case_filter filter = { 0 };
	struct list_context ctx = { 0 };
	enum ehc_format format = EHC_FORMAT_TABLE;
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	int status;

	if ((status = parse(argc, argv, &filter, &ctx, &format)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	ehc_config_destroy(config);
	if ((status = ehc_cmd_open(EHC_STORE_READ, &store)) != EHC_OK)
		return status;
	ctx.listing = ehc_listing_create(stdout, format, columns,
					 sizeof(columns) / sizeof(*columns));
	if (ctx.listing == NULL) {
		status = ehc_cmd_fail(EHC_SOFTWARE, "out of memory");
		goto cleanup;
	}

	status = ehc_store_each_case(store, &filter, add_case, &ctx, &err);
	if (status != EHC_OK && err.message[0] != '\0') {
		ehc_cmd_error(&err);
		goto cleanup;
	}
	if (status == EHC_OK)
		status = ehc_listing_finish(ctx.listing);
	if (status != EHC_OK)
		ehc_cmd_output_failed(status);

cleanup:
	ehc_listing_destroy(ctx.listing);
	ehc_store_close(store);
	return status;
}

const struct ehc_command ehc_command_list = {
	.name = "list",
	.summary = "List the cases, one a line.",
	.usage = "ehc list [--open | --ended] [--aro NAME] [--format FORMAT]",
	.help =
	"options:\n"
	"  --open             only cases still open\n"
	"  --ended            only cases that have ended\n"
	"  --aro NAME         only the cases of this officer\n"
	EHC_FORMAT_HELP
	EHC_COMMON_HELP,
	.options = options,
	.run = run,
};
