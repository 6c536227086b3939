/* ehc assess: the decision whether to assess, and the advice it gathers. */
#include <stdio.h>

#include "ehc.h"
#include "ehc/case.h"

enum {
	OPT_DECISION = OPT_FIRST_OWN,
	OPT_ADVICE_REQUESTED,
	OPT_ADVICE_RECEIVED,
};

static const struct option options[] = {
	EHC_STEP_OPTIONS,
	{ "decision", required_argument, NULL, OPT_DECISION },
	{ "advice-requested", required_argument, NULL, OPT_ADVICE_REQUESTED },
	{ "advice-received", required_argument, NULL, OPT_ADVICE_RECEIVED },
	{ 0 },
};

/* The values of --decision, in the order of EHC_DECISION_YES and _NO. */
static const char *const decisions[] = { "assess", "no-assess", NULL };

static int
parse_advice(int opt, struct ehc_step *step, const char **mode)
{
	const char *option = opt == OPT_ADVICE_REQUESTED ?
			     "--advice-requested" : "--advice-received";
	int i, status;

	if ((status = ehc_cmd_one_of(mode, option)) != EHC_OK ||
	    (status = ehc_cmd_name(option, optarg, ehc_advice_source_names,
				   &i)) != EHC_OK)
		return status;
	step->kind = opt == OPT_ADVICE_REQUESTED ? EHC_STEP_ADVICE_REQUESTED :
		     EHC_STEP_ADVICE_RECEIVED;
	step->advice = (enum ehc_advice_source)i;
	return EHC_OK;
}

static int
parse_option(int opt, char **argv, struct ehc_step *step, const char **mode)
{
	int i, status;

	switch (opt) {
	case OPT_DECISION:
		if ((status = ehc_cmd_one_of(mode, "--decision")) != EHC_OK ||
		    (status = ehc_cmd_name("--decision", optarg, decisions,
					   &i)) != EHC_OK)
			return status;
		step->kind = EHC_STEP_ASSESS_DECISION;
		step->decision = i == 0 ? EHC_DECISION_YES : EHC_DECISION_NO;
		return EHC_OK;
	case OPT_ADVICE_REQUESTED:
	case OPT_ADVICE_RECEIVED:
		return parse_advice(opt, step, mode);
	default:
		return ehc_cmd_step_option(opt, argv, step);
	}
}

static int
run(int argc, char **argv)
{
	struct ehc_step step = ehc_step_empty(EHC_STEP_ASSESS_DECISION);
	const char *mode = NULL, *ref;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = parse_option(opt, argv, &step, &mode)) != EHC_OK)
			return status;
	if ((status = ehc_cmd_ref(argc, argv, &ref)) != EHC_OK)
		return status;
	if (mode == NULL)
		return ehc_cmd_usage("missing --decision, --advice-requested "
				     "or --advice-received");
	return ehc_cmd_record(ref, &step, NULL);
}

const struct ehc_command ehc_command_assess = {
	.name = "assess",
	.summary = "Record the decision whether to assess, or advice sought.",
	.usage = "ehc assess REF --decision assess|no-assess [--date DATE] "
		 "[--note TEXT]\n"
		 "       ehc assess REF --advice-requested SOURCE "
		 "[--date DATE] [--note TEXT]\n"
		 "       ehc assess REF --advice-received SOURCE "
		 "[--date DATE] [--note TEXT]",
	.help =
	"options:\n"
	"  --decision WHICH   the panel decided to assess, or not to assess\n"
	"  --advice-requested SOURCE\n"
	"                     advice was requested from SOURCE: parent,\n"
	"                     education, health, psychology, social-care "
	"or other\n"
	"  --advice-received SOURCE\n"
	"                     the advice requested from SOURCE arrived\n"
	EHC_STEP_HELP,
	.options = options,
	.run = run,
};
