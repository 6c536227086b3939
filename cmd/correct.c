/* ehc correct: put a wrong date or field of a case right, keeping both. */
#include <stdio.h>
#include <string.h>

#include "ehc.h"
#include "ehc/case.h"

enum {
	OPT_STEP = OPT_FIRST_OWN,
	OPT_DATE,
	OPT_CHILD,
	OPT_DOB,
	OPT_SOURCE,
	OPT_SETTING,
	OPT_ARO,
	OPT_EP,
	OPT_PLACEMENT,
	OPT_REASON,
	OPT_COM_AT,
	OPT_COM_LOCATION,
	OPT_COM_CHAIR,
	OPT_REMOVE,
	OPT_NOTE,
};

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ "step", required_argument, NULL, OPT_STEP },
	{ "date", required_argument, NULL, OPT_DATE },
	{ "child", required_argument, NULL, OPT_CHILD },
	{ "dob", required_argument, NULL, OPT_DOB },
	{ "source", required_argument, NULL, OPT_SOURCE },
	{ "setting", required_argument, NULL, OPT_SETTING },
	{ "aro", required_argument, NULL, OPT_ARO },
	{ "ep", required_argument, NULL, OPT_EP },
	{ "placement", required_argument, NULL, OPT_PLACEMENT },
	{ "reason", required_argument, NULL, OPT_REASON },
	{ "com-at", required_argument, NULL, OPT_COM_AT },
	{ "com-location", required_argument, NULL, OPT_COM_LOCATION },
	{ "com-chair", required_argument, NULL, OPT_COM_CHAIR },
	{ "remove", required_argument, NULL, OPT_REMOVE },
	{ "note", required_argument, NULL, OPT_NOTE },
	{ 0 },
};

static bool
takes_source(int fact)
{
	return fact == EHC_FACT_ADVICE_REQUESTED ||
	       fact == EHC_FACT_ADVICE_RECEIVED;
}

static int
invalid_fact(const char *text)
{
	char names[EHC_FACT_COUNT][32], expected[512];
	const char *list[EHC_FACT_COUNT + 1];
	const char *colon = strchr(text, ':');
	int len = colon != NULL ? (int)(colon - text) : 0;

	for (int i = 0; colon != NULL && i < EHC_FACT_COUNT; i++) {
		if (!takes_source(i) || (int)strlen(ehc_fact_names[i]) != len ||
		    strncmp(ehc_fact_names[i], text, len) != 0)
			continue;
		ehc_cmd_join(ehc_advice_source_names, expected,
			     sizeof(expected));
		return ehc_cmd_usage("invalid --step '%s': expected a source "
				     "after '%.*s:': %s", text, len, text,
				     expected);
	}

	for (int i = 0; i < EHC_FACT_COUNT; i++) {
		snprintf(names[i], sizeof(names[i]), "%s%s", ehc_fact_names[i],
			 takes_source(i) ? ":SOURCE" : "");
		list[i] = names[i];
	}
	list[EHC_FACT_COUNT] = NULL;
	ehc_cmd_join(list, expected, sizeof(expected));
	return ehc_cmd_usage("invalid --step '%s': expected %s", text,
			     expected);
}

/* Parses FACT, or FACT:SOURCE for the two facts of a request for advice. */
static int
parse_fact(const char *text, struct ehc_correction *fix)
{
	enum ehc_advice_source source;
	enum ehc_fact fact;

	if (!ehc_fact_lookup(text, &fact, &source))
		return invalid_fact(text);
	fix->fact = (int)fact;
	fix->advice = source;
	return EHC_OK;
}

/* Parses the advice fact that --remove takes out. */
static int
parse_removed(const char *text, struct ehc_correction *fix)
{
	enum ehc_advice_source source;
	enum ehc_fact fact;

	if (!ehc_fact_lookup(text, &fact, &source) || !takes_source(fact))
		return ehc_cmd_usage("invalid --remove '%s': expected "
				     "advice-requested:SOURCE or "
				     "advice-received:SOURCE", text);
	fix->remove = true;
	fix->removed = fact;
	fix->removed_advice = source;
	return EHC_OK;
}

static int
parse_option(int opt, char **argv, struct ehc_correction *fix)
{
	ehc_date day;

	switch (opt) {
	case OPT_STEP:
		return parse_fact(optarg, fix);
	case OPT_DATE:
		return ehc_cmd_date("--date", optarg, &fix->date);
	case OPT_CHILD: fix->child = optarg; return EHC_OK;
	case OPT_DOB:
		return ehc_cmd_date("--dob", optarg, &fix->dob);
	case OPT_SOURCE: fix->source = optarg; return EHC_OK;
	case OPT_SETTING: fix->setting = optarg; return EHC_OK;
	case OPT_ARO: fix->aro = optarg; return EHC_OK;
	case OPT_EP: fix->ep = optarg; return EHC_OK;
	case OPT_PLACEMENT: fix->placement = optarg; return EHC_OK;
	case OPT_REASON: fix->withdraw_reason = optarg; return EHC_OK;
	case OPT_COM_AT:
		fix->com_at = optarg;
		return ehc_cmd_com_time("--com-at", optarg, &day);
	case OPT_COM_LOCATION: fix->com_location = optarg; return EHC_OK;
	case OPT_COM_CHAIR: fix->com_chair = optarg; return EHC_OK;
	case OPT_REMOVE:
		return parse_removed(optarg, fix);
	case OPT_NOTE: fix->note = optarg; return EHC_OK;
	default:
		return ehc_cmd_option(opt, argv);
	}
}

static int
check(const struct ehc_correction *fix)
{
	int source;

	if (fix->fact >= 0 && fix->date == EHC_DATE_NONE)
		return ehc_cmd_usage("--step needs --date DATE, the date it "
				     "should have");
	if (fix->fact < 0 && fix->date != EHC_DATE_NONE)
		return ehc_cmd_usage("--date needs --step FACT, the step "
				     "whose date it corrects");
	if (fix->fact < 0 && !fix->remove && fix->child == NULL &&
	    fix->dob == EHC_DATE_NONE && fix->source == NULL &&
	    fix->setting == NULL && fix->aro == NULL && fix->ep == NULL &&
	    fix->placement == NULL && fix->withdraw_reason == NULL &&
	    fix->com_at == NULL && fix->com_location == NULL &&
	    fix->com_chair == NULL)
		return ehc_cmd_usage("nothing to correct: give --step and "
				     "--date, or a field to change");
	/* An empty source clears it, as for the other optional fields. */
	if (fix->source != NULL && fix->source[0] != '\0')
		return ehc_cmd_name("--source", fix->source,
				    ehc_request_sources, &source);
	return EHC_OK;
}

static int
run(int argc, char **argv)
{
	struct ehc_correction fix = {
		.fact = -1, .date = EHC_DATE_NONE, .dob = EHC_DATE_NONE,
	};
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	const char *ref;
	ehc_date today;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = parse_option(opt, argv, &fix)) != EHC_OK)
			return status;
	if ((status = ehc_cmd_ref(argc, argv, &ref)) != EHC_OK ||
	    (status = check(&fix)) != EHC_OK ||
	    (status = ehc_cmd_today(&today)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;

	if ((status = ehc_cmd_open(EHC_STORE_UPDATE, &store)) == EHC_OK) {
		status = ehc_case_correct(store, config, ref, &fix, today,
					  &err);
		if (status != EHC_OK)
			ehc_cmd_error(&err);
	}
	ehc_store_close(store);
	ehc_config_destroy(config);
	return status;
}

const struct ehc_command ehc_command_correct = {
	.name = "correct",
	.summary = "Correct a date or a field of a case, keeping the old "
		   "value.",
	.usage = "ehc correct REF [--step FACT --date DATE] [--child NAME] "
		 "[--dob DATE]\n"
		 "         [--source WHO] [--setting NAME] [--aro NAME] "
		 "[--ep NAME]\n"
		 "         [--placement NAME] [--reason TEXT] [--com-at TIME]\n"
		 "         [--com-location TEXT] [--com-chair NAME] "
		 "[--remove FACT] [--note TEXT]",
	.help =
	"options:\n"
	"  --step FACT        the step whose date is wrong: received,\n"
	"                     assess-decision, advice-requested:SOURCE,\n"
	"                     advice-received:SOURCE, com-booked, com-held,\n"
	"                     issue-decision, support-meeting, draft-plan,\n"
	"                     comments-received, final-plan or withdrawal\n"
	"  --date DATE        the date that step should have\n"
	"  --child NAME       the child's or young person's name\n"
	"  --dob DATE         the date of birth\n"
	"  --source WHO       who made the request: parent, young-person,\n"
	"                     school, health, social-care or other\n"
	"  --setting NAME     the school or setting\n"
	"  --aro NAME         the Assessment and Reviewing Officer\n"
	"  --ep NAME          the Educational Psychologist\n"
	"  --placement NAME   the school or setting the final plan names\n"
	"  --reason TEXT      why the case was withdrawn\n"
	"  --com-at TIME      when the COM was, 'YYYY-MM-DD HH:MM'\n"
	"  --com-location TEXT, --com-chair NAME\n"
	"                     where the COM was, and who chaired it\n"
	"  --remove FACT      take out advice-requested:SOURCE (with its\n"
	"                     reply) or advice-received:SOURCE recorded in\n"
	"                     error\n"
	"  --note TEXT        why, kept with the correction in the history\n"
	EHC_COMMON_HELP
	"\nAn empty value, such as --ep '', clears an optional field.\n",
	.options = options,
	.run = run,
};
