/* ehc exception: a statutory exception to the time limits of a case. */
#include <stdio.h>

#include "ehc.h"
#include "ehc/case.h"

enum {
	OPT_REASON = OPT_FIRST_OWN,
	OPT_FROM,
	OPT_TO,
};

static const struct option options[] = {
	EHC_STEP_OPTIONS,
	{ "reason", required_argument, NULL, OPT_REASON },
	{ "from", required_argument, NULL, OPT_FROM },
	{ "to", required_argument, NULL, OPT_TO },
	{ 0 },
};

static int
parse_option(int opt, char **argv, struct ehc_step *step, bool *reason)
{
	int i, status;

	switch (opt) {
	case OPT_REASON:
		status = ehc_cmd_name("--reason", optarg, ehc_exception_names,
				      &i);
		step->exception = (enum ehc_exception_reason)i;
		*reason = status == EHC_OK;
		return status;
	case OPT_FROM:
		return ehc_cmd_date("--from", optarg, &step->from);
	case OPT_TO:
		return ehc_cmd_date("--to", optarg, &step->to);
	default:
		return ehc_cmd_step_option(opt, argv, step);
	}
}

static int
run(int argc, char **argv)
{
	struct ehc_step step = ehc_step_empty(EHC_STEP_EXCEPTION);
	const char *ref;
	bool reason = false;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = parse_option(opt, argv, &step, &reason)))
			return status;
	if ((status = ehc_cmd_ref(argc, argv, &ref)) != EHC_OK)
		return status;
	if (!reason)
		return ehc_cmd_usage("missing --reason REASON");
	return ehc_cmd_record(ref, &step, NULL);
}

const struct ehc_command ehc_command_exception = {
	.name = "exception",
	.summary = "Record an exception to the statutory time limits.",
	.usage = "ehc exception REF --reason REASON [--from DATE] [--to DATE]\n"
		 "         [--date DATE] [--note TEXT]",
	.help =
	"options:\n"
	"  --reason REASON    school-closure, early-years-closure,\n"
	"                     personal-circumstances or absence\n"
	"  --from DATE        the day it began (default: --date)\n"
	"  --to DATE          the day it ended (default: it lasts)\n"
	EHC_STEP_HELP,
	.options = options,
	.run = run,
};
