/* ehc import: bring in a caseload from a CSV or JSON lines file. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ehc.h"
#include "ehc/paths.h"
#include "ehc/transfer.h"

enum {
	OPT_FORMAT = OPT_FIRST_OWN,
	OPT_DRY_RUN,
	OPT_DATE_FORMAT,
	OPT_ON_DUPLICATE,
};

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "dry-run", no_argument, NULL, OPT_DRY_RUN },
	{ "date-format", required_argument, NULL, OPT_DATE_FORMAT },
	{ "on-duplicate", required_argument, NULL, OPT_ON_DUPLICATE },
	{ 0 },
};

/* The messages about invalid rows printed before the rest are counted. */
#define SHOWN_ERRORS 20

/* The state of stderr: the messages written and the progress line shown. */
struct report {
	unsigned long errors;
	bool terminal;		/* stderr is one: show progress */
	int progress_width;	/* of the progress text shown, or 0 */
};

static const char *const format_names[] = { "csv", "jsonl", NULL };
static const char *const date_names[] = { "iso", "dmy", NULL };
static const char *const duplicate_names[] = { "error", "skip", NULL };

/* Ends a progress line, so that the next message starts a line of its own. */
static void
end_progress(struct report *r)
{
	if (r->progress_width > 0)
		fputc('\n', stderr);
	r->progress_width = 0;
}

static void
print_invalid(const char *message, void *context)
{
	struct report *r = context;

	if (++r->errors > SHOWN_ERRORS)
		return;
	end_progress(r);
	ehc_cmd_fail(EHC_DATAERR, "%s", message);
}

/* Writes text after "ehc: import: " over the progress line. */
static int
print_status(struct report *r, const char *text)
{
	return fprintf(stderr, "\rehc: import: %-*s", r->progress_width,
		       text) - 14;
}

static void
print_progress(const struct ehc_import_counts *counts, void *context)
{
	struct report *r = context;
	char text[64];

	if (!r->terminal)
		return;
	snprintf(text, sizeof(text), "%lu rows read", counts->rows);
	r->progress_width = print_status(r, text);
	fflush(stderr);
}

/* Prints the one-line summary over the progress line, on a terminal. */
static void
print_summary(struct report *r, const struct ehc_import_counts *counts,
	      bool dry_run, int status)
{
	char text[256];

	if (!r->terminal)
		return;
	if (status != EHC_OK && counts->invalid > 0)
		snprintf(text, sizeof(text), "nothing imported: %lu of %lu "
			 "rows are invalid", counts->invalid, counts->rows);
	else if (status != EHC_OK)
		snprintf(text, sizeof(text), "nothing imported");
	else if (dry_run)
		snprintf(text, sizeof(text), "dry run: %lu cases are valid, "
			 "%lu would be skipped; nothing was written",
			 counts->imported, counts->skipped);
	else
		snprintf(text, sizeof(text), "imported %lu cases, skipped %lu",
			 counts->imported, counts->skipped);
	print_status(r, text);
	fputc('\n', stderr);
	r->progress_width = 0;
}

static int
parse(int argc, char **argv, struct ehc_import_options *o,
      const char **file, bool *format_given)
{
	int opt, status = EHC_OK, i = 0;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case OPT_FORMAT:
			status = ehc_cmd_name("--format", optarg,
					      format_names, &i);
			o->format = i == 1 ? EHC_FORMAT_JSONL : EHC_FORMAT_CSV;
			*format_given = true;
			break;
		case OPT_DRY_RUN:
			o->dry_run = true;
			break;
		case OPT_DATE_FORMAT:
			status = ehc_cmd_name("--date-format", optarg,
					      date_names, &i);
			o->dates = i == 1 ? EHC_DATES_DMY : EHC_DATES_ISO;
			break;
		case OPT_ON_DUPLICATE:
			status = ehc_cmd_name("--on-duplicate", optarg,
					      duplicate_names, &i);
			o->skip_duplicates = i == 1;
			break;
		default:
			status = ehc_cmd_option(opt, argv);
		}
		if (status != EHC_OK)
			return status;
	}
	if (argc - optind > 1)
		return ehc_cmd_usage("unexpected argument '%s'",
				     argv[optind + 1]);
	*file = optind < argc ? argv[optind] : "-";
	return EHC_OK;
}

/* Opens the input: the file named, or stdin for "-". */
static int
open_input(const char *file, FILE **in)
{
	struct stat sb;

	if (strcmp(file, "-") == 0) {
		*in = stdin;
		return EHC_OK;
	}
	if ((*in = fopen(file, "r")) == NULL)
		return ehc_cmd_fail(EHC_NOINPUT, "cannot open '%s': %s", file,
				    strerror(errno));
	if (fstat(fileno(*in), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(*in);
		return ehc_cmd_fail(EHC_NOINPUT, "cannot read '%s': it is a "
				    "directory", file);
	}
	return EHC_OK;
}

/* Imports from in with the settings of the environment, and reports. */
static int
import(FILE *in, struct ehc_import_options *o, struct report *r)
{
	struct ehc_import_counts counts = { 0 };
	struct ehc_config *config = NULL;
	struct ehc_error err = { 0 };
	char *path = NULL;
	int status;

	if ((status = ehc_cmd_today(&o->today)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	o->config = config;
	if ((status = ehc_paths_database(ehc_context.db, &path, &err)) ==
	    EHC_OK)
		status = ehc_import_file(path, in, o, &counts, &err);
	if (r->errors > SHOWN_ERRORS ||
	    (status != EHC_OK && err.message[0] != '\0'))
		end_progress(r);
	if (r->errors > SHOWN_ERRORS)
		ehc_cmd_fail(EHC_DATAERR, "%lu more errors not shown",
			     r->errors - SHOWN_ERRORS);
	if (status != EHC_OK && err.message[0] != '\0')
		ehc_cmd_error(&err);
	print_summary(r, &counts, o->dry_run, status);
	free(path);
	ehc_config_destroy(config);
	return status;
}

static int
run(int argc, char **argv)
{
	struct report r = { .terminal = isatty(STDERR_FILENO) == 1 };
	struct ehc_import_options o = {
		.report = print_invalid, .progress = print_progress,
		.context = &r,
	};
	bool format_given = false;
	const char *file = "-";
	FILE *in;
	int status;

	if ((status = parse(argc, argv, &o, &file, &format_given)) != EHC_OK)
		return status;
	if (!format_given)
		o.format = ehc_import_format_of(file);
	if ((status = open_input(file, &in)) != EHC_OK)
		return status;
	o.name = file;
	status = import(in, &o, &r);
	if (in != stdin)
		fclose(in);
	return status;
}

const struct ehc_command ehc_command_import = {
	.name = "import",
	.summary = "Bring in cases from a CSV or JSON lines file, all or none.",
	.usage = "ehc import [FILE|-] [--format csv|jsonl] [--dry-run]\n"
		 "         [--date-format iso|dmy] "
		 "[--on-duplicate error|skip]",
	.help =
	"options:\n"
	"  --format FORMAT    csv or jsonl (default: from the file name's "
	"extension,\n"
	"                     else csv)\n"
	"  --dry-run          check every row and write nothing\n"
	"  --date-format STYLE\n"
	"                     iso for YYYY-MM-DD (the default), dmy for "
	"dd/mm/yyyy\n"
	"  --on-duplicate WHAT\n"
	"                     error (the default) or skip rows whose "
	"reference is\n"
	"                     already in use\n"
	EHC_COMMON_HELP
	"\nReads stdin when FILE is '-' or missing. Imports nothing when any "
	"row is\ninvalid; see ehc-import(1) for the columns.\n",
	.options = options,
	.run = run,
};
