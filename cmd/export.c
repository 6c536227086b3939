/* ehc export: write every case in the format that ehc import reads. */
#include <stdio.h>

#include "ehc.h"
#include "ehc/transfer.h"

enum { OPT_FORMAT = OPT_FIRST_OWN };

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ 0 },
};

static const char *const format_names[] = { "csv", "jsonl", NULL };

static int
parse(int argc, char **argv, enum ehc_format *format)
{
	int opt, status, i = 0;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt == OPT_FORMAT) {
			status = ehc_cmd_name("--format", optarg,
					      format_names, &i);
			*format = i == 1 ? EHC_FORMAT_JSONL : EHC_FORMAT_CSV;
		} else {
			status = ehc_cmd_option(opt, argv);
		}
		if (status != EHC_OK)
			return status;
	}
	return ehc_cmd_no_operands(argc, argv);
}

static int
run(int argc, char **argv)
{
	enum ehc_format format = EHC_FORMAT_CSV;
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	int status;

	if ((status = parse(argc, argv, &format)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	ehc_config_destroy(config);
	if ((status = ehc_cmd_open(EHC_STORE_READ, &store)) != EHC_OK)
		return status;
	status = ehc_export(store, stdout, format, &err);
	ehc_store_close(store);
	if (status != EHC_OK)
		return ehc_cmd_error(&err);
	return EHC_OK;
}

const struct ehc_command ehc_command_export = {
	.name = "export",
	.summary = "Write every case in the format that ehc import reads.",
	.usage = "ehc export [--format csv|jsonl]",
	.help =
	"options:\n"
	"  --format FORMAT    csv (the default) or jsonl\n"
	EHC_COMMON_HELP
	"\nThe csv has no formula guard, so that import reads every value "
	"back as it\nwas; see ehc-export(1) before opening it in a "
	"spreadsheet.\n",
	.options = options,
	.run = run,
};
