/* Option handling, messages and set-up shared by every subcommand. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ehc.h"
#include "ehc/paths.h"

struct ehc_context ehc_context;

static void
vprint(const char *fmt, va_list ap)
{
	fputs("ehc: ", stderr);
	if (ehc_context.command != NULL)
		fprintf(stderr, "%s: ", ehc_context.command->name);
	vfprintf(stderr, fmt, ap);
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

void
ehc_cmd_print_help(const struct ehc_command *command)
{
	printf("usage: %s\n\n%s\n\n%s", command->usage, command->summary,
	       command->help);
}

int
ehc_cmd_option(int opt, char **argv)
{
	switch (opt) {
	case OPT_DB:
		ehc_context.db = optarg;
		return EHC_OK;
	case OPT_CONFIG:
		ehc_context.config = optarg;
		return EHC_OK;
	case OPT_TODAY:
		ehc_context.today = optarg;
		return EHC_OK;
	case OPT_HELP:
		ehc_cmd_print_help(ehc_context.command);
		return EHC_CMD_DONE;
	case ':':
		return ehc_cmd_usage("option '%s' needs a value",
				     argv[optind - 1]);
	case '?':
		if (optopt != 0)
			return ehc_cmd_usage("unknown option '-%c'", optopt);
		return ehc_cmd_usage("unknown option '%s'", argv[optind - 1]);
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

int
ehc_cmd_date(const char *option, const char *text, ehc_date *out)
{
	const char *reason = ehc_date_parse(text, out);

	if (reason != NULL)
		return ehc_cmd_usage("invalid %s '%s': %s", option, text, reason);
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

int
ehc_cmd_open(enum ehc_store_mode mode, struct ehc_store **store)
{
	struct ehc_error err = { 0 };
	char *path = NULL;
	int status;

	status = ehc_paths_database(ehc_context.db, &path, &err);
	if (status == EHC_OK)
		status = ehc_store_open(store, path, mode, &err);
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
