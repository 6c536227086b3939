/* ehc panel-decide: the decision whether to issue a plan, and what follows. */
#include <stdio.h>

#include "ehc.h"

enum {
	OPT_DECISION = OPT_FIRST_OWN,
	OPT_SUPPORT_MEETING,
};

static const struct option options[] = {
	EHC_STEP_OPTIONS,
	{ "decision", required_argument, NULL, OPT_DECISION },
	{ "support-meeting", required_argument, NULL, OPT_SUPPORT_MEETING },
	{ 0 },
};

/* The values of --decision, in the order of EHC_DECISION_YES and _NO. */
static const char *const decisions[] = { "issue", "no-issue", NULL };

static int
parse_option(int opt, char **argv, struct ehc_step *step, const char **mode,
	     bool *dated)
{
	int i, status;

	switch (opt) {
	case OPT_DECISION:
		if ((status = ehc_cmd_one_of(mode, "--decision")) != EHC_OK ||
		    (status = ehc_cmd_name("--decision", optarg, decisions,
					   &i)) != EHC_OK)
			return status;
		step->kind = EHC_STEP_ISSUE_DECISION;
		step->decision = i == 0 ? EHC_DECISION_YES : EHC_DECISION_NO;
		return EHC_OK;
	case OPT_SUPPORT_MEETING:
		step->kind = EHC_STEP_SUPPORT_MEETING;
		if ((status = ehc_cmd_one_of(mode, "--support-meeting")))
			return status;
		return ehc_cmd_date("--support-meeting", optarg, &step->date);
	case OPT_STEP_DATE:
		*dated = true;
		/* FALLTHROUGH */
	default:
		return ehc_cmd_step_option(opt, argv, step);
	}
}

static int
run(int argc, char **argv)
{
	struct ehc_step step = ehc_step_empty(EHC_STEP_ISSUE_DECISION);
	const char *mode = NULL, *ref;
	bool dated = false;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		status = parse_option(opt, argv, &step, &mode, &dated);
		if (status != EHC_OK)
			return status;
	}
	if ((status = ehc_cmd_ref(argc, argv, &ref)) != EHC_OK)
		return status;
	if (mode == NULL)
		return ehc_cmd_usage("missing --decision or --support-meeting "
				     "DATE");
	/* The support meeting's own date is the day of the step. */
	if (step.kind == EHC_STEP_SUPPORT_MEETING && dated)
		return ehc_cmd_usage("--support-meeting and --date cannot be "
				     "used together");
	return ehc_cmd_record(ref, &step, NULL);
}

const struct ehc_command ehc_command_panel_decide = {
	.name = "panel-decide",
	.summary = "Record whether to issue a plan, or the SEN support "
		   "meeting.",
	.usage = "ehc panel-decide REF --decision issue|no-issue "
		 "[--date DATE]\n"
		 "         [--note TEXT]\n"
		 "       ehc panel-decide REF --support-meeting DATE "
		 "[--note TEXT]",
	.help =
	"options:\n"
	"  --decision WHICH   the panel decided to issue a plan, or not to\n"
	"  --support-meeting DATE\n"
	"                     the SEN support meeting after a decision not "
	"to\n"
	"                     issue was held on DATE; this ends the case\n"
	EHC_STEP_HELP,
	.options = options,
	.run = run,
};
