/* ehc record-outcome: the COM held, and each outcome agreed at it. */
#include <stdio.h>
#include <stdlib.h>

#include "ehc.h"
#include "ehc/case.h"

enum {
	OPT_HELD = OPT_FIRST_OWN,
	OPT_ATTENDED,
	OPT_AREA,
	OPT_OUTCOME,
	OPT_PROVISION,
	OPT_BY,
};

static const struct option options[] = {
	EHC_STEP_OPTIONS,
	{ "held", no_argument, NULL, OPT_HELD },
	{ "attended", required_argument, NULL, OPT_ATTENDED },
	{ "area", required_argument, NULL, OPT_AREA },
	{ "outcome", required_argument, NULL, OPT_OUTCOME },
	{ "provision", required_argument, NULL, OPT_PROVISION },
	{ "by", required_argument, NULL, OPT_BY },
	{ 0 },
};

static int
parse_area(const char *text, struct ehc_step *step)
{
	if (!ehc_area_lookup(text, &step->area))
		return ehc_cmd_usage("invalid --area '%s': expected "
				     "communication-and-interaction (ci), "
				     "cognition-and-learning (cl), "
				     "social-emotional-and-mental-health "
				     "(semh) or sensory-and-physical (sp)",
				     text);
	return EHC_OK;
}

/* Collects each --attended into people, which has room for every argument. */
static int
parse_option(int opt, char **argv, struct ehc_step *step, const char **mode,
	     const char **people)
{
	int status;

	switch (opt) {
	case OPT_HELD:
		step->kind = EHC_STEP_COM_HELD;
		return ehc_cmd_one_of(mode, "--held");
	case OPT_ATTENDED:
		people[step->people_count++] = optarg;
		return EHC_OK;
	case OPT_AREA:
		step->kind = EHC_STEP_OUTCOME;
		if ((status = ehc_cmd_one_of(mode, "--area")) != EHC_OK)
			return status;
		return parse_area(optarg, step);
	case OPT_OUTCOME:
		step->outcome = optarg;
		return EHC_OK;
	case OPT_PROVISION:
		step->provision = optarg;
		return EHC_OK;
	case OPT_BY:
		return ehc_cmd_date("--by", optarg, &step->by);
	default:
		return ehc_cmd_step_option(opt, argv, step);
	}
}

/* Checks that the options given belong to the step chosen. */
static int
check_mode(const struct ehc_step *step, const char *mode)
{
	const char *stray = NULL;

	if (mode == NULL)
		return ehc_cmd_usage("missing --held or --area AREA");
	if (step->kind == EHC_STEP_COM_HELD) {
		if (step->outcome != NULL)
			stray = "--outcome";
		else if (step->provision != NULL)
			stray = "--provision";
		else if (step->by != EHC_DATE_NONE)
			stray = "--by";
	} else if (step->people_count > 0) {
		stray = "--attended";
	}
	if (stray != NULL)
		return ehc_cmd_usage("%s and %s cannot be used together",
				     mode, stray);
	if (step->kind == EHC_STEP_OUTCOME && step->outcome == NULL)
		return ehc_cmd_usage("missing --outcome TEXT");
	if (step->kind == EHC_STEP_OUTCOME && step->provision == NULL)
		return ehc_cmd_usage("missing --provision TEXT");
	return EHC_OK;
}

static int
parse(int argc, char **argv, struct ehc_step *step, const char **people,
      const char **ref)
{
	const char *mode = NULL;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		status = parse_option(opt, argv, step, &mode, people);
		if (status != EHC_OK)
			return status;
	}
	if ((status = ehc_cmd_ref(argc, argv, ref)) != EHC_OK)
		return status;
	return check_mode(step, mode);
}

static int
run(int argc, char **argv)
{
	struct ehc_step step = ehc_step_empty(EHC_STEP_COM_HELD);
	const char **people, *ref;
	int status;

	/* Each --attended takes an argument, so argc bounds their number. */
	if ((people = calloc((size_t)argc, sizeof(*people))) == NULL)
		return ehc_cmd_fail(EHC_SOFTWARE, "out of memory");
	step.people = people;
	status = parse(argc, argv, &step, people, &ref);
	if (status == EHC_OK)
		status = ehc_cmd_record(ref, &step, NULL);
	free(people);
	return status;
}

const struct ehc_command ehc_command_record_outcome = {
	.name = "record-outcome",
	.summary = "Record that the COM was held, or an outcome agreed at it.",
	.usage = "ehc record-outcome REF --held [--attended NAME]... "
		 "[--date DATE]\n"
		 "         [--note TEXT]\n"
		 "       ehc record-outcome REF --area AREA --outcome TEXT "
		 "--provision TEXT\n"
		 "         [--by DATE] [--date DATE] [--note TEXT]",
	.help =
	"options:\n"
	"  --held             the COM took place on --date\n"
	"  --attended NAME    someone who attended; repeat for each person\n"
	"                     (default: everyone invited)\n"
	"  --area AREA        the area of need: communication-and-interaction"
	"\n"
	"                     (ci), cognition-and-learning (cl),\n"
	"                     social-emotional-and-mental-health (semh) or\n"
	"                     sensory-and-physical (sp)\n"
	"  --outcome TEXT     the outcome agreed for the child\n"
	"  --provision TEXT   the support that is to reach it: what, who, "
	"how often\n"
	"  --by DATE          when the outcome should be reached\n"
	EHC_STEP_HELP,
	.options = options,
	.run = run,
};
