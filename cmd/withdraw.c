/* ehc withdraw: end a case early, such as a request withdrawn. */
#include <stdio.h>

#include "ehc.h"

enum { OPT_REASON = OPT_FIRST_OWN };

static const struct option options[] = {
	EHC_STEP_OPTIONS,
	{ "reason", required_argument, NULL, OPT_REASON },
	{ 0 },
};

static int
run(int argc, char **argv)
{
	struct ehc_step step = ehc_step_empty(EHC_STEP_WITHDRAWAL);
	const char *ref;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		if (opt == OPT_REASON)
			step.text = optarg;
		else if ((status = ehc_cmd_step_option(opt, argv, &step)))
			return status;
	}
	if ((status = ehc_cmd_ref(argc, argv, &ref)) != EHC_OK)
		return status;
	if (step.text == NULL)
		return ehc_cmd_usage("missing --reason TEXT");
	return ehc_cmd_record(ref, &step, NULL);
}

const struct ehc_command ehc_command_withdraw = {
	.name = "withdraw",
	.summary = "End a case that stops early, such as a request withdrawn.",
	.usage = "ehc withdraw REF --reason TEXT [--date DATE] [--note TEXT]",
	.help =
	"options:\n"
	"  --reason TEXT      why the case ends, such as 'moved out of the "
	"area'\n"
	EHC_STEP_HELP,
	.options = options,
	.run = run,
};
