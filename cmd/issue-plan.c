/* ehc issue-plan: the draft plan, the parent's comments and the final plan. */
#include <stdio.h>

#include "ehc.h"

enum {
	OPT_DRAFT = OPT_FIRST_OWN,
	OPT_COMMENTS_RECEIVED,
	OPT_FINAL,
	OPT_PLACEMENT,
};

static const struct option options[] = {
	EHC_STEP_OPTIONS,
	{ "draft", no_argument, NULL, OPT_DRAFT },
	{ "comments-received", no_argument, NULL, OPT_COMMENTS_RECEIVED },
	{ "final", no_argument, NULL, OPT_FINAL },
	{ "placement", required_argument, NULL, OPT_PLACEMENT },
	{ 0 },
};

static int
parse_option(int opt, char **argv, struct ehc_step *step, const char **mode)
{
	switch (opt) {
	case OPT_DRAFT:
		step->kind = EHC_STEP_DRAFT_PLAN;
		return ehc_cmd_one_of(mode, "--draft");
	case OPT_COMMENTS_RECEIVED:
		step->kind = EHC_STEP_COMMENTS_RECEIVED;
		return ehc_cmd_one_of(mode, "--comments-received");
	case OPT_FINAL:
		step->kind = EHC_STEP_FINAL_PLAN;
		return ehc_cmd_one_of(mode, "--final");
	case OPT_PLACEMENT:
		step->placement = optarg;
		return EHC_OK;
	default:
		return ehc_cmd_step_option(opt, argv, step);
	}
}

static int
run(int argc, char **argv)
{
	struct ehc_step step = ehc_step_empty(EHC_STEP_DRAFT_PLAN);
	const char *mode = NULL, *ref;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = parse_option(opt, argv, &step, &mode)) != EHC_OK)
			return status;
	if ((status = ehc_cmd_ref(argc, argv, &ref)) != EHC_OK)
		return status;
	if (mode == NULL)
		return ehc_cmd_usage("missing --draft, --comments-received or "
				     "--final");
	if (step.kind == EHC_STEP_FINAL_PLAN && step.placement == NULL)
		return ehc_cmd_usage("missing --placement NAME: a final plan "
				     "names the school or setting");
	if (step.kind != EHC_STEP_FINAL_PLAN && step.placement != NULL)
		return ehc_cmd_usage("%s and --placement cannot be used "
				     "together", mode);
	return ehc_cmd_record(ref, &step, NULL);
}

const struct ehc_command ehc_command_issue_plan = {
	.name = "issue-plan",
	.summary = "Record the draft plan, the parent's reply, or the final "
		   "plan.",
	.usage = "ehc issue-plan REF --draft [--date DATE] [--note TEXT]\n"
		 "       ehc issue-plan REF --comments-received [--date DATE] "
		 "[--note TEXT]\n"
		 "       ehc issue-plan REF --final --placement NAME "
		 "[--date DATE] [--note TEXT]",
	.help =
	"options:\n"
	"  --draft            the draft plan was served on the parent\n"
	"  --comments-received\n"
	"                     the parent replied to the draft plan\n"
	"  --final            the final plan was issued; this ends the case\n"
	"  --placement NAME   the school or setting the final plan names\n"
	EHC_STEP_HELP,
	.options = options,
	.run = run,
};
