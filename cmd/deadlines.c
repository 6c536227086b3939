/* ehc deadlines: the statutory milestones of open cases not yet met. */
#include <stdio.h>
#include <string.h>

#include "ehc.h"
#include "ehc/deadlines.h"
#include "ehc/output.h"

enum {
	OPT_OVERDUE = OPT_FIRST_OWN,
	OPT_WITHIN,
	OPT_ARO,
	OPT_MILESTONE,
	OPT_EXIT_STATUS,
};

static const struct option options[] = {
	EHC_LISTING_OPTIONS,
	{ "overdue", no_argument, NULL, OPT_OVERDUE },
	{ "within", required_argument, NULL, OPT_WITHIN },
	{ "aro", required_argument, NULL, OPT_ARO },
	{ "milestone", required_argument, NULL, OPT_MILESTONE },
	{ "exit-status", no_argument, NULL, OPT_EXIT_STATUS },
	{ 0 },
};

/*
 * The first six are the default columns. The child's name and date of
 * birth come only when --fields names them, because these lists travel by
 * e-mail. Column names and their order are stable, as scripts rely on them.
 */
static const struct ehc_column columns[] = {
	{ "ref", EHC_VALUE_TEXT },
	{ "milestone", EHC_VALUE_TEXT },
	{ "due", EHC_VALUE_DATE },
	{ "days", EHC_VALUE_NUMBER },
	{ "status", EHC_VALUE_TEXT },
	{ "aro", EHC_VALUE_TEXT },
	{ "child", EHC_VALUE_TEXT },
	{ "dob", EHC_VALUE_DATE },
	{ "received", EHC_VALUE_DATE },
	{ "stage", EHC_VALUE_TEXT },
	{ "setting", EHC_VALUE_TEXT },
	{ "ep", EHC_VALUE_TEXT },
};

#define DEFAULT_COLUMNS 6

struct settings {
	struct ehc_deadline_query query;
	struct ehc_cmd_output output;
	bool exit_status;
};

static int
parse_milestone(const char *name, int *out)
{
	const char *names[EHC_MILESTONE_COUNT + 1];
	enum ehc_milestone milestone;

	if (ehc_milestone_lookup(name, &milestone)) {
		*out = (int)milestone;
		return EHC_OK;
	}
	/* Unknown: the usage error lists every name the lookup accepts. */
	for (int i = 0; i < EHC_MILESTONE_COUNT; i++)
		names[i] = ehc_milestone_name((enum ehc_milestone)i);
	names[EHC_MILESTONE_COUNT] = NULL;
	return ehc_cmd_name("--milestone", name, names, out);
}

static int
parse_option(int opt, char **argv, struct settings *s)
{
	long within;
	int status;

	switch (opt) {
	case OPT_OVERDUE:
		s->query.overdue_only = true;
		return EHC_OK;
	case OPT_WITHIN:
		status = ehc_cmd_number("--within", optarg, 0, 3650, &within);
		s->query.within = (int)within;
		return status;
	case OPT_ARO:
		s->query.aro = optarg;
		return EHC_OK;
	case OPT_MILESTONE:
		return parse_milestone(optarg, &s->query.milestone);
	case OPT_EXIT_STATUS:
		s->exit_status = true;
		return EHC_OK;
	default:
		return ehc_cmd_output_option(opt, argv, &s->output);
	}
}

static int
parse(int argc, char **argv, struct settings *s)
{
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = parse_option(opt, argv, s)) != EHC_OK)
			return status;
	if (s->query.overdue_only && s->query.within >= 0)
		return ehc_cmd_usage("--overdue and --within cannot be used "
				     "together");
	if ((status = ehc_cmd_output_check(&s->output)) != EHC_OK)
		return status;
	return ehc_cmd_no_operands(argc, argv);
}

static int
add_deadline(struct ehc_listing *listing, const struct ehc_deadline *d)
{
	char due[EHC_DATE_LEN], dob[EHC_DATE_LEN], received[EHC_DATE_LEN];
	char days[16];
	const char *row[] = {
		d->ref, ehc_milestone_name(d->milestone),
		ehc_cmd_date_text(d->due, due), days,
		ehc_due_state_name(d->state), d->aro, d->child,
		ehc_cmd_date_text(d->dob, dob),
		ehc_cmd_date_text(d->received, received),
		ehc_stage_names[d->stage], d->setting, d->ep,
	};

	snprintf(days, sizeof(days), "%d", d->days);
	return ehc_listing_row(listing, row);
}

static int
print(const struct ehc_deadline_list *list,
      const struct ehc_cmd_output *output)
{
	struct ehc_listing *listing;
	int status = EHC_OK;

	if ((listing = ehc_cmd_output_start(output)) == NULL)
		return EHC_SOFTWARE;
	for (size_t i = 0; i < list->count && status == EHC_OK; i++)
		status = add_deadline(listing, &list->items[i]);
	if (status == EHC_OK)
		status = ehc_listing_finish(listing);
	ehc_listing_destroy(listing);
	if (status != EHC_OK)
		return ehc_cmd_output_failed(status);
	return EHC_OK;
}

static bool
any_overdue(const struct ehc_deadline_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		if (list->items[i].state == EHC_DUE_OVERDUE)
			return true;
	return false;
}

static int
run(int argc, char **argv)
{
	struct settings s = {
		.query = { .within = -1, .milestone = -1 },
		.output = EHC_CMD_OUTPUT_INIT,
	};
	struct ehc_deadline_list list = { 0 };
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	int status;

	if ((status = parse(argc, argv, &s)) != EHC_OK ||
	    (status = ehc_cmd_today(&s.query.today)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	if ((status = ehc_cmd_open(EHC_STORE_READ, &store)) != EHC_OK)
		goto cleanup;

	status = ehc_deadlines_collect(store, config, &s.query, &list, &err);
	if (status != EHC_OK) {
		ehc_cmd_error(&err);
		goto cleanup;
	}
	status = print(&list, &s.output);
	if (status == EHC_OK && s.exit_status && any_overdue(&list))
		status = EHC_OVERDUE;

cleanup:
	ehc_deadlines_clear(&list);
	ehc_store_close(store);
	ehc_config_destroy(config);
	return status;
}

const struct ehc_command ehc_command_deadlines = {
	.name = "deadlines",
	.summary = "List the statutory milestones due or overdue.",
	.usage = "ehc deadlines [--overdue | --within DAYS] [--aro NAME]\n"
		 "         [--milestone NAME] [--exit-status] "
		 "[--format FORMAT]\n"
		 "         [--fields LIST] [--no-header]",
	.help =
	"options:\n"
	"  --overdue          only milestones past their due date, without\n"
	"                     those an exception applies to\n"
	"  --within DAYS      only those due in at most DAYS days, and "
	"overdue ones\n"
	"  --aro NAME         only the cases of this officer\n"
	"  --milestone NAME   only this milestone: assess-decision,\n"
	"                     advice-gathered, com, issue-decision, "
	"final-plan,\n"
	"                     support-meeting or advice:SOURCE, where SOURCE "
	"is\n"
	"                     parent, education, health, psychology,\n"
	"                     social-care or other\n"
	"  --exit-status      exit 1 when any listed milestone is overdue;\n"
	"                     status exception does not count\n"
	EHC_LISTING_HELP,
	.options = options,
	.run = run,
	.columns = columns,
	.column_count = sizeof(columns) / sizeof(*columns),
	.default_columns = DEFAULT_COLUMNS,
};
