/*
 * ehc com-record: the record of a Collaborative Outcomes Meeting that goes
 * to everyone invited. It gives, as plain text, who met and when, the
 * outcomes and provision agreed under each area of need, and the statutory
 * dates still due.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc.h"
#include "ehc/clock.h"

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ 0 },
};

#define WIDTH 16		/* the label column */

struct record_context {
	struct ehc_store *store;
	const struct ehc_config *config;
	ehc_date today;
	struct ehc_case c;
	struct ehc_area_cursor areas;
};

/* Prints a heading underlined with dashes, after a blank line. */
static void
print_heading(const char *title)
{
	size_t len = strlen(title);

	printf("\n%s\n", title);
	while (len-- > 0)
		putchar('-');
	putchar('\n');
}

static int
print_meeting(struct record_context *ctx)
{
	const struct ehc_case *c = &ctx->c;
	char time[64];
	int status;

	snprintf(time, sizeof(time), "%s, %d minutes", c->com.at,
		 c->com.minutes);
	puts("Record of the Collaborative Outcomes Meeting (COM)");
	putchar('\n');
	ehc_print_field(WIDTH, "Case reference", c->ref);
	ehc_print_field(WIDTH, "Child", c->child);
	ehc_print_field(WIDTH, "Time", time);
	ehc_print_date(WIDTH, "Held on", c->com.held);
	ehc_print_field(WIDTH, "Location", c->com.location);
	ehc_print_field(WIDTH, "Chair", c->com.chair);
	ehc_print_field(WIDTH, "ARO", c->aro);
	status = ehc_print_people(ctx->store, c->ref, EHC_INVITED, WIDTH,
				  "Invited");
	if (status == EHC_OK)
		status = ehc_print_people(ctx->store, c->ref, EHC_ATTENDED,
					  WIDTH, "Attended");
	return status;
}

static void
print_area(enum ehc_area area)
{
	print_heading(ehc_area_titles[area]);
}

static void
print_no_outcome(void)
{
	puts("No outcomes recorded.");
}

static int
print_outcome(const struct ehc_outcome *o, void *context)
{
	struct record_context *ctx = context;

	ehc_area_advance(&ctx->areas, (int)o->area);
	if (ctx->areas.filled)
		putchar('\n');
	ehc_print_field(WIDTH, "Outcome", o->outcome);
	ehc_print_field(WIDTH, "Provision", o->provision);
	ehc_print_date(WIDTH, "By", o->by);
	ctx->areas.filled = true;
	return EHC_OK;
}

static int
print_outcomes(struct record_context *ctx)
{
	struct ehc_error err = { 0 };

	ctx->areas = (struct ehc_area_cursor){
		-1, false, print_area, print_no_outcome,
	};
	if (ehc_store_each_outcome(ctx->store, ctx->c.ref, print_outcome, ctx,
				   &err) != EHC_OK)
		return ehc_cmd_error(&err);
	ehc_area_advance(&ctx->areas, EHC_AREA_COUNT);
	return EHC_OK;
}

static int
compare_due(const void *pa, const void *pb)
{
	const struct ehc_milestone_state *a = pa, *b = pb;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return (int)a->milestone - (int)b->milestone;
}

/* The milestones still to be met, soonest first. */
static void
print_next_dates(const struct record_context *ctx)
{
	struct ehc_milestone_state found[EHC_MILESTONE_COUNT];
	size_t n = ehc_clock_milestones(ctx->config, &ctx->c, ctx->today,
					found);
	int listed = 0;

	qsort(found, n, sizeof(*found), compare_due);
	print_heading("Next statutory dates");
	for (size_t i = 0; i < n; i++) {
		char due[EHC_DATE_LEN];

		if (!ehc_due_state_open(found[i].state))
			continue;
		ehc_date_format(found[i].due, due);
		printf("%-12s%-20s%s\n", due,
		       ehc_milestone_name(found[i].milestone),
		       ehc_due_state_name(found[i].state));
		listed++;
	}
	if (listed == 0 && ehc_stage_ended(ctx->c.stage))
		printf("None: the case has ended (%s).\n",
		       ehc_stage_description(ctx->c.stage));
	else if (listed == 0)
		puts("None is still to be met.");
}

static int
print_record(struct record_context *ctx)
{
	int status;

	if (ctx->c.com.held == EHC_DATE_NONE && ehc_stage_ended(ctx->c.stage))
		return ehc_cmd_fail(EHC_DATAERR, "case '%s' ended without a "
				    "COM (%s)", ctx->c.ref,
				    ehc_stage_description(ctx->c.stage));
	if (ctx->c.com.held == EHC_DATE_NONE)
		return ehc_cmd_fail(EHC_DATAERR, "the COM of case '%s' has not "
				    "been held yet; record it with 'ehc "
				    "record-outcome %s --held'", ctx->c.ref,
				    ctx->c.ref);
	if ((status = print_meeting(ctx)) != EHC_OK ||
	    (status = print_outcomes(ctx)) != EHC_OK)
		return status;
	print_next_dates(ctx);
	return EHC_OK;
}

static int
run(int argc, char **argv)
{
	struct record_context ctx = { .c = ehc_case_empty() };
	struct ehc_config *config = NULL;
	const char *ref;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = ehc_cmd_option(opt, argv)) != EHC_OK)
			return status;
	if ((status = ehc_cmd_ref(argc, argv, &ref)) != EHC_OK ||
	    (status = ehc_cmd_today(&ctx.today)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	ctx.config = config;

	if ((status = ehc_cmd_open(EHC_STORE_READ, &ctx.store)) != EHC_OK)
		goto cleanup;
	if ((status = ehc_cmd_get_case(ctx.store, ref, &ctx.c)) == EHC_OK)
		status = print_record(&ctx);

cleanup:
	ehc_case_release(&ctx.c);
	ehc_store_close(ctx.store);
	ehc_config_destroy(config);
	return status;
}

const struct ehc_command ehc_command_com_record = {
	.name = "com-record",
	.summary = "Print the record of the COM for everyone invited.",
	.usage = "ehc com-record REF",
	.help =
	"options:\n"
	EHC_COMMON_HELP
	"\nThe record names the child; send it only to the people invited.\n",
	.options = options,
	.run = run,
};
