/* ehc help: the usage of ehc or of one command. */
#include <stdio.h>

#include "ehc.h"

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ 0 },
};

static int
run(int argc, char **argv)
{
	const struct ehc_command *command;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = ehc_cmd_option(opt, argv)) != EHC_OK)
			return status;
	if (optind == argc) {
		ehc_print_main_help();
		return EHC_OK;
	}
	if (argc - optind > 1)
		return ehc_cmd_usage("unexpected argument '%s'",
				     argv[optind + 1]);

	command = ehc_command_find(argv[optind]);
	if (command == NULL)
		return ehc_cmd_usage("unknown command '%s'", argv[optind]);
	ehc_cmd_print_help(command);
	return EHC_OK;
}

const struct ehc_command ehc_command_help = {
	.name = "help",
	.summary = "Show the usage of ehc or of one command.",
	.usage = "ehc help [COMMAND]",
	.help = "options:\n" EHC_COMMON_HELP,
	.options = options,
	.run = run,
};
