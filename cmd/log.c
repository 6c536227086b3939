/* ehc log: the history of one case, every event oldest first. */
#include <inttypes.h>
#include <stdio.h>

#include "ehc.h"

static const struct option options[] = {
	EHC_LISTING_OPTIONS,
	{ 0 },
};

/*
 * The first six are the default columns. detail, the event's JSON object,
 * comes only when --fields names it, and is written as JSON in json and
 * jsonl. Column names and their order are stable.
 */
static const struct ehc_column columns[] = {
	{ "id", EHC_VALUE_NUMBER },
	{ "at", EHC_VALUE_TEXT },
	{ "user", EHC_VALUE_TEXT },
	{ "event", EHC_VALUE_TEXT },
	{ "changes", EHC_VALUE_TEXT },
	{ "note", EHC_VALUE_TEXT },
	{ "detail", EHC_VALUE_JSON },
};

#define DEFAULT_COLUMNS 6

static int
add_event(const struct ehc_event *e, void *context)
{
	char id[24];
	const char *row[] = { id, e->at, e->user, e->kind, e->changes,
			      e->note, e->detail };

	snprintf(id, sizeof(id), "%" PRId64, e->id);
	return ehc_listing_row(context, row);
}

static int
parse(int argc, char **argv, struct ehc_cmd_output *output, const char **ref)
{
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = ehc_cmd_output_option(opt, argv, output)))
			return status;
	if ((status = ehc_cmd_output_check(output)) != EHC_OK)
		return status;
	return ehc_cmd_ref(argc, argv, ref);
}

static int
run(int argc, char **argv)
{
	struct ehc_cmd_output output = EHC_CMD_OUTPUT_INIT;
	struct ehc_listing *listing = NULL;
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	const char *ref;
	int status;

	if ((status = parse(argc, argv, &output, &ref)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	ehc_config_destroy(config);
	if ((status = ehc_cmd_open(EHC_STORE_READ, &store)) != EHC_OK)
		return status;
	if ((listing = ehc_cmd_output_start(&output)) == NULL) {
		status = EHC_SOFTWARE;
		goto cleanup;
	}

	status = ehc_store_each_event(store, ref, add_event, listing, &err);
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

const struct ehc_command ehc_command_log = {
	.name = "log",
	.summary = "Print the history of a case: who recorded what, and when.",
	.usage = "ehc log REF [--format FORMAT] [--fields LIST] [--no-header]",
	.help =
	"options:\n"
	EHC_LISTING_HELP
	"\nTimes are in UTC; user is the OS user who ran the command.\n",
	.options = options,
	.run = run,
	.columns = columns,
	.column_count = sizeof(columns) / sizeof(*columns),
	.default_columns = DEFAULT_COLUMNS,
};
