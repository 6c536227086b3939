/* ehc schedule-com: book, or book again, the Collaborative Outcomes Meeting. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc.h"
#include "ehc/clock.h"

enum {
	OPT_AT = OPT_FIRST_OWN,
	OPT_MINUTES,
	OPT_LOCATION,
	OPT_CHAIR,
	OPT_INVITE,
};

static const struct option options[] = {
	EHC_STEP_OPTIONS,
	{ "at", required_argument, NULL, OPT_AT },
	{ "minutes", required_argument, NULL, OPT_MINUTES },
	{ "location", required_argument, NULL, OPT_LOCATION },
	{ "chair", required_argument, NULL, OPT_CHAIR },
	{ "invite", required_argument, NULL, OPT_INVITE },
	{ 0 },
};

/* Collects each --invite into people, which has room for every argument. */
static int
parse_option(int opt, char **argv, struct ehc_step *step, const char **people)
{
	long minutes;
	int status;

	switch (opt) {
	case OPT_AT:
		step->com_at = optarg;
		return EHC_OK;
	case OPT_MINUTES:
		status = ehc_cmd_number("--minutes", optarg,
					EHC_COM_MINUTES_MIN,
					EHC_COM_MINUTES_MAX, &minutes);
		step->minutes = (int)minutes;
		return status;
	case OPT_LOCATION:
		step->location = optarg;
		return EHC_OK;
	case OPT_CHAIR:
		step->chair = optarg;
		return EHC_OK;
	case OPT_INVITE:
		people[step->people_count++] = optarg;
		return EHC_OK;
	default:
		return ehc_cmd_step_option(opt, argv, step);
	}
}

static int
parse(int argc, char **argv, struct ehc_step *step, const char **people,
      const char **ref)
{
	ehc_date day;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = parse_option(opt, argv, step, people)) != EHC_OK)
			return status;
	if ((status = ehc_cmd_ref(argc, argv, ref)) != EHC_OK)
		return status;
	if (step->com_at == NULL)
		return ehc_cmd_usage("missing --at 'YYYY-MM-DD HH:MM'");
	return ehc_cmd_com_time("--at", step->com_at, &day);
}

/* Writes the COM's time limit as the configuration gives it: "14-week". */
static void
format_limit(const struct ehc_config *config, char *buf, size_t size)
{
	enum ehc_timeframe timeframe;
	struct ehc_duration limit;

	timeframe = ehc_milestone_timeframe(EHC_MILESTONE_COM);
	limit = config->timeframes[timeframe];
	snprintf(buf, size, "%d-%s", limit.count,
		 limit.unit == 'w' ? "week" : "day");
}

static void
warn(const struct ehc_config *config, const struct ehc_step *step,
     const struct ehc_step_warnings *warnings)
{
	char at[EHC_DATE_LEN], due[EHC_DATE_LEN], limit[32];
	ehc_date day;

	/* The time was checked before the step was stored. */
	memcpy(at, step->com_at, EHC_DATE_LEN - 1);
	at[EHC_DATE_LEN - 1] = '\0';
	if (ehc_date_parse(at, &day) != NULL)
		return;
	if (warnings->com_after_milestone) {
		ehc_date_format(warnings->com_due, due);
		format_limit(config, limit, sizeof(limit));
		ehc_cmd_fail(EHC_OK, "warning: the COM on %s is after its "
			     "%s milestone, due %s", at, limit, due);
	}
	if (warnings->com_on_weekend)
		ehc_cmd_fail(EHC_OK, "warning: the COM on %s falls on a %s",
			     at, ehc_date_weekday(day) == 6 ? "Saturday" :
			     "Sunday");
}

static int
run(int argc, char **argv)
{
	struct ehc_step step = ehc_step_empty(EHC_STEP_COM_BOOKED);
	const char **people, *ref;
	int status;

	/* Each --invite takes an argument, so argc bounds their number. */
	if ((people = calloc((size_t)argc, sizeof(*people))) == NULL)
		return ehc_cmd_fail(EHC_SOFTWARE, "out of memory");
	step.people = people;
	status = parse(argc, argv, &step, people, &ref);
	if (status == EHC_OK)
		status = ehc_cmd_record(ref, &step, warn);
	free(people);
	return status;
}

const struct ehc_command ehc_command_schedule_com = {
	.name = "schedule-com",
	.summary = "Book the Collaborative Outcomes Meeting (COM).",
	.usage = "ehc schedule-com REF --at 'YYYY-MM-DD HH:MM' "
		 "[--minutes N]\n"
		 "         [--location TEXT] [--chair NAME] [--invite NAME]... "
		 "[--date DATE]\n"
		 "         [--note TEXT]",
	.help =
	"options:\n"
	"  --at TIME          the day and time of the COM, 'YYYY-MM-DD "
	"HH:MM'\n"
	"  --minutes N        its length in minutes, 15 to 480 (default:\n"
	"                     the booking's, else the configuration's)\n"
	"  --location TEXT    where it is held, or the link to join it\n"
	"  --chair NAME       who chairs it, usually the EP\n"
	"  --invite NAME      someone invited; repeat for each person\n"
	EHC_STEP_HELP
	"\nBooking again reschedules the COM. --date is the day the booking\n"
	"is made. A COM after its milestone or on a weekend is booked all\n"
	"the same, with a warning on stderr.\n",
	.options = options,
	.run = run,
};
