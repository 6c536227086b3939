/* ehc show: one case in full, its milestones and its history. */
#include <stdio.h>
#include <string.h>

#include "ehc.h"
#include "ehc/clock.h"

static const struct option options[] = {
	EHC_LISTING_OPTIONS,
	{ 0 },
};

#define WIDTH 16		/* the label column */

struct show_context {
	struct ehc_store *store;
	const struct ehc_config *config;
	ehc_date today;
	struct ehc_case c;
	struct ehc_area_cursor areas;
};

static void
print_summary(const struct ehc_case *c)
{
	char stage[256];

	snprintf(stage, sizeof(stage), "%s\n%s", ehc_stage_names[c->stage],
		 ehc_stage_description(c->stage));
	ehc_print_field(WIDTH, "ref", c->ref);
	ehc_print_field(WIDTH, "child", c->child);
	ehc_print_date(WIDTH, "date of birth", c->dob);
	ehc_print_date(WIDTH, "received", c->received);
	ehc_print_field(WIDTH, "source", c->source);
	ehc_print_field(WIDTH, "setting", c->setting);
	ehc_print_field(WIDTH, "aro", c->aro);
	ehc_print_field(WIDTH, "ep", c->ep);
	ehc_print_field(WIDTH, "stage", stage);
	ehc_print_date(WIDTH, "ended", c->ended);
	ehc_print_date(WIDTH, "withdrawn", c->withdrawn);
	ehc_print_field(WIDTH, "reason", c->withdraw_reason);
}

/* Prints "yes-word, DATE", "no-word, DATE" or "-" for a decision. */
static void
print_decision(const char *label, enum ehc_decision decision, ehc_date date,
	       const char *yes, const char *no)
{
	char day[EHC_DATE_LEN], text[64];

	if (decision == EHC_DECISION_NONE) {
		ehc_print_field(WIDTH, label, NULL);
		return;
	}
	ehc_date_format(date, day);
	snprintf(text, sizeof(text), "%s, %s",
		 decision == EHC_DECISION_YES ? yes : no, day);
	ehc_print_field(WIDTH, label, text);
}

static void
print_decisions(const struct ehc_case *c)
{
	puts("\ndecisions");
	print_decision("assess", c->assess, c->assess_date, "assess",
		       "no-assess");
	print_decision("issue", c->issue, c->issue_date, "issue", "no-issue");
	ehc_print_date(WIDTH, "support meeting", c->support_meeting);
}

/* One line a source: when advice was requested, and when it came. */
static void
print_advice(const struct ehc_case *c)
{
	printf("\n%-*s%-12s%s\n", WIDTH, "advice", "requested", "received");
	for (int i = 0; i < EHC_ADVICE_COUNT; i++) {
		const struct ehc_advice *a = &c->advice[i];
		char requested[EHC_DATE_LEN] = "-", day[EHC_DATE_LEN];
		const char *received = day;

		if (a->requested != EHC_DATE_NONE)
			ehc_date_format(a->requested, requested);
		if (a->received != EHC_DATE_NONE)
			ehc_date_format(a->received, day);
		else
			received = a->requested != EHC_DATE_NONE ?
				   "outstanding" : "-";
		printf("%-*s%-12s%s\n", WIDTH, ehc_advice_source_names[i],
		       requested, received);
	}
}

static int
print_com(struct show_context *ctx)
{
	const struct ehc_com *com = &ctx->c.com;
	char minutes[16];
	int status;

	snprintf(minutes, sizeof(minutes), "%d", com->minutes);
	puts("\ncom");
	ehc_print_field(WIDTH, "at", com->at);
	ehc_print_field(WIDTH, "minutes", com->at != NULL ? minutes : NULL);
	ehc_print_field(WIDTH, "location", com->location);
	ehc_print_field(WIDTH, "chair", com->chair);
	ehc_print_date(WIDTH, "booked", com->booked);
	if (com->held != EHC_DATE_NONE)
		ehc_print_date(WIDTH, "held", com->held);
	else
		ehc_print_field(WIDTH, "held", "not held");
	status = ehc_print_people(ctx->store, ctx->c.ref, EHC_INVITED, WIDTH,
				  "invited");
	if (status == EHC_OK)
		status = ehc_print_people(ctx->store, ctx->c.ref,
					  EHC_ATTENDED, WIDTH, "attended");
	return status;
}

static void
print_area(enum ehc_area area)
{
	puts(ehc_area_titles[area]);
}

static void
print_no_outcome(void)
{
	puts("  -");
}

static int
print_outcome(const struct ehc_outcome *o, void *context)
{
	struct show_context *ctx = context;

	ehc_area_advance(&ctx->areas, (int)o->area);
	ehc_print_field(WIDTH, "  outcome", o->outcome);
	ehc_print_field(WIDTH, "  provision", o->provision);
	ehc_print_date(WIDTH, "  by", o->by);
	ehc_print_date(WIDTH, "  agreed", o->agreed);
	ctx->areas.filled = true;
	return EHC_OK;
}

static int
print_outcomes(struct show_context *ctx)
{
	struct ehc_error err = { 0 };

	ctx->areas = (struct ehc_area_cursor){
		-1, false, print_area, print_no_outcome,
	};
	puts("\noutcomes");
	if (ehc_store_each_outcome(ctx->store, ctx->c.ref, print_outcome, ctx,
				   &err) != EHC_OK)
		return ehc_cmd_error(&err);
	ehc_area_advance(&ctx->areas, EHC_AREA_COUNT);
	return EHC_OK;
}

static void
print_plan(const struct ehc_case *c)
{
	puts("\nplan");
	ehc_print_date(WIDTH, "draft", c->draft);
	ehc_print_date(WIDTH, "comments", c->comments);
	ehc_print_date(WIDTH, "final", c->final);
	ehc_print_field(WIDTH, "placement", c->placement);
}

#define REASON_WIDTH 24		/* "personal-circumstances" and a gap */

static int
print_exception(const struct ehc_exception *e, void *context)
{
	bool *first = context;
	char from[EHC_DATE_LEN], to[EHC_DATE_LEN] = "-";

	if (*first)
		printf("\n%-*s%-12s%s\n", REASON_WIDTH, "exception", "from",
		       "to");
	*first = false;
	ehc_date_format(e->from, from);
	if (e->to != EHC_DATE_NONE)
		ehc_date_format(e->to, to);
	printf("%-*s%-12s%s\n", REASON_WIDTH,
	       ehc_exception_names[e->reason], from, to);
	return EHC_OK;
}

static int
print_exceptions(struct show_context *ctx)
{
	struct ehc_error err = { 0 };
	bool first = true;

	if (ehc_store_each_exception(ctx->store, ctx->c.ref, print_exception,
				     &first, &err) != EHC_OK)
		return ehc_cmd_error(&err);
	if (first) {
		putchar('\n');
		ehc_print_field(WIDTH, "exceptions", NULL);
	}
	return EHC_OK;
}

#define MILESTONE_WIDTH 20	/* "advice:social-care" and a gap */

/* The days column is left as "-" once a milestone is met. */
static void
print_milestones(const struct show_context *ctx)
{
	struct ehc_milestone_state found[EHC_MILESTONE_COUNT];
	size_t n = ehc_clock_milestones(ctx->config, &ctx->c, ctx->today,
					found);

	putchar('\n');
	if (n == 0) {
		ehc_print_field(WIDTH, "milestones", NULL);
		return;
	}
	printf("%-*s%-12s%-12s%5s  %s\n", MILESTONE_WIDTH, "milestone", "due",
	       "met", "days", "status");
	for (size_t i = 0; i < n; i++) {
		const struct ehc_milestone_state *m = &found[i];
		char due[EHC_DATE_LEN], met[EHC_DATE_LEN] = "-", days[16];

		ehc_date_format(m->due, due);
		if (m->met != EHC_DATE_NONE) {
			ehc_date_format(m->met, met);
			strcpy(days, "-");
		} else {
			snprintf(days, sizeof(days), "%d", m->days);
		}
		printf("%-*s%-12s%-12s%5s  %s\n", MILESTONE_WIDTH,
		       ehc_milestone_name(m->milestone), due, met, days,
		       ehc_due_state_name(m->state));
	}
}

static int
print_event(const struct ehc_event *e, void *context)
{
	bool *first = context;

	if (*first)
		puts("\nhistory");
	*first = false;
	printf("%s  %s  %s", e->at, e->user, e->kind);
	if (e->note != NULL) {
		/* A note of several lines continues indented. */
		fputs(": ", stdout);
		ehc_print_text(4, e->note);
	}
	putchar('\n');
	return EHC_OK;
}

static int
print_history(struct show_context *ctx)
{
	struct ehc_error err = { 0 };
	bool first = true;

	if (ehc_store_each_event(ctx->store, ctx->c.ref, print_event, &first,
				 &err) != EHC_OK)
		return ehc_cmd_error(&err);
	return EHC_OK;
}

static int
print_case(struct show_context *ctx)
{
	int status;

	print_summary(&ctx->c);
	print_decisions(&ctx->c);
	print_advice(&ctx->c);
	if ((status = print_com(ctx)) != EHC_OK ||
	    (status = print_outcomes(ctx)) != EHC_OK)
		return status;
	print_plan(&ctx->c);
	if ((status = print_exceptions(ctx)) != EHC_OK)
		return status;
	print_milestones(ctx);
	return print_history(ctx);
}

static int
parse(int argc, char **argv, struct ehc_cmd_output *output, const char **ref)
{
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = ehc_cmd_output_option(opt, argv, output)))
			return status;
	if ((status = ehc_cmd_output_check(output)) != EHC_OK)
		return status;
	if (output->format == EHC_FORMAT_TABLE && output->fields != NULL)
		return ehc_cmd_usage("--fields is for --format tsv, csv, json "
				     "or jsonl, not table");
	return ehc_cmd_ref(argc, argv, ref);
}

/* The table layout is for people; the other formats list the facts. */
static int
show(struct show_context *ctx, const struct ehc_cmd_output *output)
{
	struct ehc_listing *listing;
	int status;

	if (output->format == EHC_FORMAT_TABLE)
		return print_case(ctx);
	if ((listing = ehc_cmd_output_start(output)) == NULL)
		return EHC_SOFTWARE;
	status = ehc_show_facts(listing, ctx->store, ctx->config, &ctx->c,
				ctx->today);
	ehc_listing_destroy(listing);
	return status;
}

static int
run(int argc, char **argv)
{
	struct show_context ctx = { .c = ehc_case_empty() };
	struct ehc_cmd_output output = EHC_CMD_OUTPUT_INIT;
	struct ehc_config *config = NULL;
	const char *ref;
	int status;

	if ((status = parse(argc, argv, &output, &ref)) != EHC_OK ||
	    (status = ehc_cmd_today(&ctx.today)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	ctx.config = config;

	if ((status = ehc_cmd_open(EHC_STORE_READ, &ctx.store)) != EHC_OK)
		goto cleanup;
	if ((status = ehc_cmd_get_case(ctx.store, ref, &ctx.c)) == EHC_OK)
		status = show(&ctx, &output);

cleanup:
	ehc_case_release(&ctx.c);
	ehc_store_close(ctx.store);
	ehc_config_destroy(config);
	return status;
}

const struct ehc_command ehc_command_show = {
	.name = "show",
	.summary = "Show a case, its steps, its milestones and its history.",
	.usage = "ehc show REF [--format FORMAT] [--fields LIST] [--no-header]",
	.help =
	"options:\n"
	EHC_LISTING_HELP
	"\nThe table format, the default, lays the case out for people. The\n"
	"others write one record a fact: its section, its field and its\n"
	"value.\n",
	.options = options,
	.run = run,
	.columns = ehc_show_fact_columns,
	.column_count = EHC_SHOW_FACT_COLUMNS,
	.default_columns = EHC_SHOW_FACT_COLUMNS,
};
