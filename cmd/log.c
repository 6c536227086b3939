/* ehc log: the history of one case, every event oldest first. */
#include <inttypes.h>
#include <stdio.h>

#include "ehc.h"
#include "ehc/output.h"

enum { OPT_FORMAT = OPT_FIRST_OWN };

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ 0 },
};

static const struct ehc_column columns[] = {
	{ "id", EHC_VALUE_NUMBER },
	{ "at", EHC_VALUE_TEXT },
	{ "user", EHC_VALUE_TEXT },
	{ "event", EHC_VALUE_TEXT },
	{ "changes", EHC_VALUE_TEXT },
	{ "note", EHC_VALUE_TEXT },
};

static int
add_event(const struct ehc_event *e, void *context)
{
	char id[24];
	const char *row[] = { id, e->at, e->user, e->kind, e->changes,
			      e->note };

	snprintf(id, sizeof(id), "%" PRId64, e->id);
	return ehc_listing_row(context, row);
}

static int
parse(int argc, char **argv, enum ehc_format *format, const char **ref)
{
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt == OPT_FORMAT)
			status = ehc_cmd_format(optarg, format);
		else
			status = ehc_cmd_option(opt, argv);
		if (status != EHC_OK)
			return status;
	}
	return ehc_cmd_ref(argc, argv, ref);
}

static int
run(int argc, char **argv)
{
	enum ehc_format format = EHC_FORMAT_TABLE;
	struct ehc_listing *listing = NULL;
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	const char *ref;
	int status;

	if ((status = parse(argc, argv, &format, &ref)) != EHC_OK ||
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
	.usage = "ehc log REF [--format FORMAT]",
	.help =
	"options:\n"
	EHC_FORMAT_HELP
	EHC_COMMON_HELP
	"\nTimes are in UTC; user is the OS user who ran the command.\n",
	.options = options,
	.run = run,
};
