/* ehc config: print the configuration in effect, or check a file. */
#include <stdio.h>

#include "ehc.h"

enum { OPT_CHECK = OPT_FIRST_OWN, OPT_DEFAULT };

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ "check", required_argument, NULL, OPT_CHECK },
	{ "default", no_argument, NULL, OPT_DEFAULT },
	{ 0 },
};

/* Loads path over the default and discards the result. */
static int
check(const char *path)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_error err = { 0 };
	int status;

	if (config == NULL)
		return ehc_cmd_fail(EHC_SOFTWARE, "out of memory");
	status = ehc_config_load(config, path, &err);
	ehc_config_destroy(config);
	if (status != EHC_OK)
		return ehc_cmd_error(&err);
	return EHC_OK;
}

/* Prints the configuration in effect, or with builtin the built-in one. */
static int
show(bool builtin)
{
	struct ehc_config *config = NULL;
	struct ehc_error err = { 0 };
	int status;

	if (builtin && (config = ehc_config_create()) == NULL)
		return ehc_cmd_fail(EHC_SOFTWARE, "out of memory");
	if (!builtin && (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	status = ehc_config_write(config, stdout, &err);
	ehc_config_destroy(config);
	if (status != EHC_OK)
		return ehc_cmd_error(&err);
	return EHC_OK;
}

static int
run(int argc, char **argv)
{
	const char *check_path = NULL;
	bool builtin = false;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt == OPT_CHECK)
			check_path = optarg;
		else if (opt == OPT_DEFAULT)
			builtin = true;
		else if ((status = ehc_cmd_option(opt, argv)) != EHC_OK)
			return status;
	}
	if ((status = ehc_cmd_no_operands(argc, argv)) != EHC_OK)
		return status;
	if (check_path != NULL && builtin)
		return ehc_cmd_usage("--check and --default cannot be used "
				     "together");
	return check_path != NULL ? check(check_path) : show(builtin);
}

const struct ehc_command ehc_command_config = {
	.name = "config",
	.summary = "Print the configuration in effect, or check a file.",
	.usage = "ehc config [--check FILE | --default]",
	.help =
	"options:\n"
	"  --check FILE       check FILE and print nothing when it is valid\n"
	"  --default          print the built-in default, whatever file is\n"
	"                     in effect\n"
	EHC_COMMON_HELP,
	.options = options,
	.run = run,
};
