/* Option handling, messages and set-up shared by every subcommand. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sys/stat.h>

#include "ehc.h"
#include "ehc/case.h"
#include "ehc/paths.h"
#include "ehc/text.h"

struct ehc_context ehc_context;

/*
 * Writes "ehc: COMMAND: " and the message. Messages quote what the user
 * typed, so control characters and bytes that are not UTF-8 are escaped:
 * the error stays one line and cannot change the terminal.
 */
static void vprint(const char *fmt, va_list ap)
	__attribute__((format(printf, 1, 0)));

static void
vprint(const char *fmt, va_list ap)
{
	char message[2048];

	vsnprintf(message, sizeof(message), fmt, ap);
	fputs("ehc: ", stderr);
	if (ehc_context.command != NULL)
		fprintf(stderr, "%s: ", ehc_context.command->name);
	ehc_text_put_safe(stderr, message);
}

int
ehc_cmd_fail(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return status;
}

int
ehc_cmd_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprint(fmt, ap);
	va_end(ap);
	if (ehc_context.command != NULL)
		fprintf(stderr, "; see 'ehc %s --help'\n",
			ehc_context.command->name);
	else
		fputs("; see 'ehc --help'\n", stderr);
	return EHC_USAGE;
}

int
ehc_cmd_error(const struct ehc_error *err)
{
	return ehc_cmd_fail(err->status, "%s", err->message);
}

/* Prints the names of columns first to end, comma-separated. */
static void
print_column_names(const struct ehc_column *columns, size_t first,
		   size_t end)
{
	for (size_t i = first; i < end; i++)
		printf("%s%s", i > first ? ", " : "", columns[i].name);
	putchar('\n');
}

void
ehc_cmd_print_help(const struct ehc_command *command)
{
	printf("usage: %s\n\n%s\n\n%s", command->usage, command->summary,
	       command->help);
	if (command->columns == NULL)
		return;
	fputs("\ncolumns: ", stdout);
	print_column_names(command->columns, 0, command->default_columns);
	if (command->column_count > command->default_columns) {
		fputs("only with --fields: ", stdout);
		print_column_names(command->columns, command->default_columns,
				   command->column_count);
	}
}

/* Says whether an option getopt_long did not take is ambiguous or unknown. */
static int
unknown_option(const char *arg)
{
	const struct option *options = ehc_context.command != NULL ?
				       ehc_context.command->options : NULL;
	size_t len = strcspn(arg, "=");
	int matches = 0;

	for (; options != NULL && options->name != NULL; options++)
		if (len > 2 && strncmp(options->name, arg + 2, len - 2) == 0)
			matches++;
	if (strncmp(arg, "--", 2) == 0 && matches > 1)
		return ehc_cmd_usage("ambiguous option '%.*s'; write it in "
				     "full", (int)len, arg);
	return ehc_cmd_usage("unknown option '%s'", arg);
}

int
ehc_cmd_option(int opt, char **argv)
{
	ehc_date today;

	switch (opt) {
	case OPT_DB:
		if (*optarg == '\0')
			return ehc_cmd_usage("invalid --db '': expected the "
					     "path of a database file");
		ehc_context.db = optarg;
		return EHC_OK;
	case OPT_CONFIG:
		if (*optarg == '\0')
			return ehc_cmd_usage("invalid --config '': expected "
					     "the path of a YAML file");
		ehc_context.config = optarg;
		return EHC_OK;
	case OPT_TODAY:
		ehc_context.today = optarg;
		return ehc_cmd_date("--today", optarg, &today);
	case OPT_HELP:
		ehc_cmd_print_help(ehc_context.command);
		return EHC_CMD_DONE;
	case ':':
		return ehc_cmd_usage("option '%s' needs a value",
				     argv[optind - 1]);
	case '?':
		/* A long option given a value it does not take sets optopt
		 * to the option's code, not to a character. */
		if (optopt > 0 && optopt < 0x80)
			return ehc_cmd_usage("unknown option '-%c'", optopt);
		if (optopt != 0)
			return ehc_cmd_usage("option '%s' takes no value",
					     argv[optind - 1]);
		return unknown_option(argv[optind - 1]);
	default:
		return ehc_cmd_fail(EHC_SOFTWARE, "option %d not handled", opt);
	}
}

int
ehc_cmd_output_failed(int status)
{
	if (status == EHC_IOERR)
		return ehc_cmd_fail(status, "cannot write output: %s",
				    strerror(errno));
	return ehc_cmd_fail(status, "cannot write output: out of memory");
}

const char *
ehc_cmd_date_text(ehc_date date, char buf[EHC_DATE_LEN])
{
	if (date == EHC_DATE_NONE)
		return NULL;
	ehc_date_format(date, buf);
	return buf;
}

int
ehc_cmd_date(const char *option, const char *text, ehc_date *out)
{
	const char *reason = ehc_date_parse(text, out);

	if (reason != NULL)
		return ehc_cmd_usage("invalid %s '%s': %s", option, text,
				     reason);
	return EHC_OK;
}

int
ehc_cmd_number(const char *option, const char *text, long min, long max,
	       long *out)
{
	const char *p = text;
	long value = 0;

	/* Digits only: no sign, blanks, leading zeros or base prefixes. */
	if (*p == '\0' || (p[0] == '0' && p[1] != '\0'))
		goto invalid;
	for (; *p; p++) {
		if (*p < '0' || *p > '9' || value > (LONG_MAX - 9) / 10)
			goto invalid;
		value = value * 10 + (*p - '0');
	}
	if (value < min || value > max)
		goto invalid;
	*out = value;
	return EHC_OK;

invalid:
	return ehc_cmd_usage("invalid %s '%s': expected a whole number from "
			     "%ld to %ld", option, text, min, max);
}

int
ehc_cmd_format(const char *text, enum ehc_format *out)
{
	if (!ehc_format_lookup(text, out))
		return ehc_cmd_usage("invalid --format '%s': expected table, "
				     "tsv, csv, json or jsonl", text);
	return EHC_OK;
}

int
ehc_cmd_output_option(int opt, char **argv, struct ehc_cmd_output *output)
{
	switch (opt) {
	case OPT_LISTING_FORMAT:
		return ehc_cmd_format(optarg, &output->format);
	case OPT_LISTING_FIELDS:
		output->fields = optarg;
		return EHC_OK;
	case OPT_LISTING_NO_HEADER:
		output->no_header = true;
		return EHC_OK;
	default:
		return ehc_cmd_option(opt, argv);
	}
}

int
ehc_cmd_output_check(struct ehc_cmd_output *output)
{
	const struct ehc_command *command = ehc_context.command;
	struct ehc_error err = { 0 };

	if (output->no_header && output->format != EHC_FORMAT_TSV &&
	    output->format != EHC_FORMAT_CSV)
		return ehc_cmd_usage("--no-header is for --format tsv or csv, "
				     "not %s",
				     ehc_format_names[output->format]);
	if (output->fields == NULL) {
		ehc_selection_first(&output->selection,
				    command->default_columns);
		return EHC_OK;
	}
	if (ehc_selection_parse(&output->selection, output->fields,
				command->columns, command->column_count,
				&err) == EHC_OK)
		return EHC_OK;
	if (err.status != EHC_USAGE)
		return ehc_cmd_error(&err);
	return ehc_cmd_usage("invalid --fields '%s': %s", output->fields,
			     err.message);
}

struct ehc_listing *
ehc_cmd_output_start(const struct ehc_cmd_output *output)
{
	const struct ehc_command *command = ehc_context.command;
	struct ehc_listing *listing;

	listing = ehc_listing_create(stdout, output->format, command->columns,
				     command->column_count);
	if (listing == NULL) {
		ehc_cmd_fail(EHC_SOFTWARE, "out of memory");
		return NULL;
	}
	ehc_listing_select(listing, &output->selection);
	ehc_listing_set_header(listing, !output->no_header);
	return listing;
}

int
ehc_cmd_today(ehc_date *today)
{
	const char *text = ehc_context.today;
	const char *source = "--today";

	if (text == NULL) {
		text = getenv("EHC_TODAY");
		source = "EHC_TODAY";
	}
	if (text == NULL || (*text == '\0' && ehc_context.today == NULL)) {
		*today = ehc_date_local((int64_t)time(NULL));
		return EHC_OK;
	}
	return ehc_cmd_date(source, text, today);
}

int
ehc_cmd_config(struct ehc_config **config)
{
	struct ehc_error err = { 0 };

	if (ehc_paths_config(ehc_context.config, config, &err) != EHC_OK)
		return ehc_cmd_error(&err);
	return EHC_OK;
}

/* Warns about a database file that other users can write to. */
static void
warn_shared(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) == 0 && (sb.st_mode & (S_IWGRP | S_IWOTH)) != 0)
		fprintf(stderr, "ehc: warning: database '%s' can be written by "
			"other users; chmod 600 it\n", path);
}

/*
 * Opens the database with the journal mode of the configuration. Commands
 * load the configuration before this, so an error in it is reported there.
 */
int
ehc_cmd_open(enum ehc_store_mode mode, struct ehc_store **store)
{
	struct ehc_error err = { 0 };
	struct ehc_config *config = NULL;
	enum ehc_journal journal = EHC_JOURNAL_WAL;
	char *path = NULL;
	int status;

	status = ehc_paths_config(ehc_context.config, &config, &err);
	if (status == EHC_OK)
		journal = config->journal;
	ehc_config_destroy(config);
	if (status == EHC_OK)
		status = ehc_paths_database(ehc_context.db, &path, &err);
	if (status == EHC_OK) {
		warn_shared(path);
		status = ehc_store_open_journal(store, path, mode, journal,
						&err);
	}
	free(path);
	if (status != EHC_OK)
		return ehc_cmd_error(&err);
	return EHC_OK;
}

int
ehc_cmd_no_operands(int argc, char **argv)
{
	if (optind < argc)
		return ehc_cmd_usage("unexpected argument '%s'", argv[optind]);
	return EHC_OK;
}

int
ehc_cmd_ref(int argc, char **argv, const char **ref)
{
	if (optind == argc)
		return ehc_cmd_usage("missing case reference");
	if (argc - optind > 1)
		return ehc_cmd_usage("unexpected argument '%s'",
				     argv[optind + 1]);
	*ref = argv[optind];
	return EHC_OK;
}

/* Returns what goes before name i of count in a list: "", ", " or " or ". */
static const char *
separator(int i, int count)
{
	if (i == 0)
		return "";
	if (i == count - 1)
		return " or ";
	return ", ";
}

void
ehc_cmd_join(const char *const *names, char *buf, size_t size)
{
	size_t used = 0;
	int count = 0;

	while (names[count] != NULL)
		count++;
	buf[0] = '\0';
	for (int i = 0; i < count && used < size; i++)
		used += snprintf(buf + used, size - used, "%s%s",
				 separator(i, count), names[i]);
}

int
ehc_cmd_name(const char *option, const char *text,
	     const char *const *names, int *out)
{
	char expected[512];
	int i;

	if ((i = ehc_name_index(names, text)) >= 0) {
		*out = i;
		return EHC_OK;
	}
	ehc_cmd_join(names, expected, sizeof(expected));
	return ehc_cmd_usage("invalid %s '%s': expected %s", option, text,
			     expected);
}

int
ehc_cmd_com_time(const char *option, const char *text, ehc_date *day)
{
	const char *reason = ehc_com_time_parse(text, day);

	if (reason != NULL)
		return ehc_cmd_usage("invalid %s '%s': %s", option, text,
				     reason);
	return EHC_OK;
}

int
ehc_cmd_one_of(const char **given, const char *option)
{
	if (*given != NULL && strcmp(*given, option) == 0)
		return ehc_cmd_usage("%s was given twice; record one step at "
				     "a time", option);
	if (*given != NULL)
		return ehc_cmd_usage("%s and %s cannot be used together",
				     *given, option);
	*given = option;
	return EHC_OK;
}

int
ehc_cmd_step_option(int opt, char **argv, struct ehc_step *step)
{
	switch (opt) {
	case OPT_STEP_DATE:
		return ehc_cmd_date("--date", optarg, &step->date);
	case OPT_STEP_NOTE:
		step->note = optarg;
		return EHC_OK;
	default:
		return ehc_cmd_option(opt, argv);
	}
}

int
ehc_cmd_record(const char *ref, struct ehc_step *step, ehc_cmd_warn_fn warn)
{
	struct ehc_step_warnings warnings = { 0 };
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	ehc_date today;
	int status;

	if ((status = ehc_cmd_today(&today)) != EHC_OK)
		return status;
	if (step->date == EHC_DATE_NONE)
		step->date = today;
	if ((status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	if ((status = ehc_cmd_open(EHC_STORE_UPDATE, &store)) == EHC_OK) {
		status = ehc_case_step(store, config, ref, step, today,
				       &warnings, &err);
		if (status != EHC_OK)
			ehc_cmd_error(&err);
		else if (warn != NULL)
			warn(config, step, &warnings);
	}
	ehc_store_close(store);
	ehc_config_destroy(config);
	return status;
}
