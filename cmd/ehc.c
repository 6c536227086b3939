/* The ehc entry point: global options, then one subcommand from the table. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc.h"
#include "ehc/text.h"

extern const struct ehc_command ehc_command_acronym, ehc_command_assess,
	ehc_command_com_record, ehc_command_config, ehc_command_correct,
	ehc_command_deadlines, ehc_command_exception, ehc_command_export,
	ehc_command_help, ehc_command_import,
	ehc_command_issue_plan, ehc_command_list, ehc_command_log,
	ehc_command_panel_decide, ehc_command_record_outcome,
	ehc_command_request, ehc_command_schedule_com, ehc_command_show,
	ehc_command_withdraw;

/* Sorted by name, for bsearch. */
const struct ehc_command *const ehc_commands[] = {
	&ehc_command_acronym,
	&ehc_command_assess,
	&ehc_command_com_record,
	&ehc_command_config,
	&ehc_command_correct,
	&ehc_command_deadlines,
	&ehc_command_exception,
	&ehc_command_export,
	&ehc_command_help,
	&ehc_command_import,
	&ehc_command_issue_plan,
	&ehc_command_list,
	&ehc_command_log,
	&ehc_command_panel_decide,
	&ehc_command_record_outcome,
	&ehc_command_request,
	&ehc_command_schedule_com,
	&ehc_command_show,
	&ehc_command_withdraw,
};

const unsigned ehc_command_count =
	sizeof(ehc_commands) / sizeof(*ehc_commands);

static int
compare_name(const void *key, const void *member)
{
	const struct ehc_command *const *command = member;

	return strcmp(key, (*command)->name);
}

const struct ehc_command *
ehc_command_find(const char *name)
{
	const struct ehc_command *const *found;

	found = bsearch(name, ehc_commands, ehc_command_count,
			sizeof(*ehc_commands), compare_name);
	return found != NULL ? *found : NULL;
}

static const char main_usage[] =
	"usage: ehc [--db PATH] [--config PATH] [--today DATE] "
	"COMMAND [ARGS]\n"
	"       ehc --help | --version\n";

void
ehc_print_main_help(void)
{
	fputs(main_usage, stdout);
	fputs("\nRecords EHC needs assessments and lists their statutory "
	      "deadlines.\n\ncommands:\n", stdout);
	for (unsigned i = 0; i < ehc_command_count; i++)
		printf("  %-14s  %s\n", ehc_commands[i]->name,
		       ehc_commands[i]->summary);
	fputs("\noptions:\n" EHC_COMMON_HELP
	      "  --version          print the version\n"
	      "\nRun 'ehc help COMMAND' for a command's options.\n", stdout);
}

static int
unknown_command(const char *name)
{
	const char *names[sizeof(ehc_commands) / sizeof(*ehc_commands) + 1];
	const char *nearest;

	for (unsigned i = 0; i < ehc_command_count; i++)
		names[i] = ehc_commands[i]->name;
	names[ehc_command_count] = NULL;
	nearest = ehc_text_nearest(name, names);
	if (nearest != NULL)
		return ehc_cmd_usage("unknown command '%s'; did you mean '%s'?",
				     name, nearest);
	return ehc_cmd_usage("unknown command '%s'", name);
}

enum { OPT_VERSION = OPT_FIRST_OWN };

/* Reads the options before the command name; returns EHC_OK to go on. */
static int
global_options(int argc, char **argv)
{
	static const struct option options[] = {
		EHC_COMMON_OPTIONS,
		{ "version", no_argument, NULL, OPT_VERSION },
		{ 0 },
	};
	int opt, status;

	opterr = 0;
	while ((opt = getopt_long(argc, argv, "+:", options, NULL)) != -1) {
		switch (opt) {
		case OPT_VERSION:
			printf("ehc %s\n", EHC_VERSION);
			return EHC_CMD_DONE;
		case OPT_HELP:
			ehc_print_main_help();
			return EHC_CMD_DONE;
		default:
			status = ehc_cmd_option(opt, argv);
			if (status != EHC_OK)
				return status;
		}
	}
	return EHC_OK;
}

/* Returns EHC_IOERR, after saying so, when stdout could not be written. */
static int
flush_output(void)
{
	if (fflush(stdout) != 0 || ferror(stdout))
		return ehc_cmd_output_failed(EHC_IOERR);
	return EHC_OK;
}

int
main(int argc, char **argv)
{
	const struct ehc_command *command;
	const char *today;
	ehc_date day;
	int status;

	/* The shell completions call this before any option is read. */
	if (argc >= 3 && strcmp(argv[1], "__complete") == 0 &&
	    strcmp(argv[2], "--") == 0)
		return ehc_complete(argc - 3, argv + 3);

	status = global_options(argc, argv);
	if (status == EHC_CMD_DONE)
		return flush_output();
	if (status != EHC_OK)
		return status;
	if (optind >= argc)
		return ehc_cmd_usage("missing command");

	command = ehc_command_find(argv[optind]);
	if (command == NULL)
		return unknown_command(argv[optind]);
	ehc_context.command = command;

	/* A bad EHC_TODAY is an error for every command, used or not. */
	if ((today = getenv("EHC_TODAY")) != NULL && *today != '\0' &&
	    (status = ehc_cmd_date("EHC_TODAY", today, &day)) != EHC_OK)
		return status;
	argc -= optind;
	argv += optind;
	optind = 0;
	status = command->run(argc, argv);
	if (status == EHC_CMD_DONE)
		status = EHC_OK;
	return status == EHC_OK ? flush_output() : status;
}
