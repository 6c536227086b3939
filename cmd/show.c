/* ehc show: one case, its milestones and its history. */
#include <stdio.h>
#include <string.h>

#include "ehc.h"
#include "ehc/deadlines.h"

static const struct option options[] = {
	EHC_COMMON_OPTIONS,
	{ 0 },
};

struct show_context {
	const struct ehc_config *config;
	ehc_date today;
};

static void
print_field(const char *label, const char *value)
{
	printf("%-15s %s\n", label, value != NULL ? value : "-");
}

static void
print_date(const char *label, ehc_date date)
{
	char text[EHC_DATE_LEN];

	if (date == EHC_DATE_NONE) {
		print_field(label, NULL);
		return;
	}
	ehc_date_format(date, text);
	print_field(label, text);
}

static void
print_milestones(const struct show_context *ctx, const struct ehc_case *c)
{
	struct ehc_deadline found[EHC_MILESTONE_COUNT];
	size_t n = ehc_deadlines_of_case(ctx->config, c, ctx->today, found);

	if (n == 0)
		return;
	printf("\n%-16s %-10s  %5s  %s\n", "milestone", "due", "days",
	       "status");
	for (size_t i = 0; i < n; i++) {
		char due[EHC_DATE_LEN];

		ehc_date_format(found[i].due, due);
		printf("%-16s %-10s  %5d  %s\n",
		       ehc_milestone_name(found[i].milestone), due,
		       found[i].days, ehc_due_state_name(found[i].state));
	}
}

static int
print_case(const struct ehc_case *c, void *context)
{
	print_field("ref", c->ref);
	print_field("child", c->child);
	print_date("date of birth", c->dob);
	print_date("received", c->received);
	print_field("source", c->source);
	print_field("setting", c->setting);
	print_field("aro", c->aro);
	print_field("ep", c->ep);
	print_field("status", c->ended == EHC_DATE_NONE ? "open" : "ended");
	print_milestones(context, c);
	return EHC_OK;
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
		for (const char *p = e->note; *p; p++) {
			putchar(*p);
			if (*p == '\n')
				fputs("    ", stdout);
		}
	}
	putchar('\n');
	return EHC_OK;
}

static int
run(int argc, char **argv)
{
	struct show_context ctx = { 0 };
	struct ehc_config *config = NULL;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	bool first = true;
	int opt, status;

	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1)
		if ((status = ehc_cmd_option(opt, argv)) != EHC_OK)
			return status;
	if (optind == argc)
		return ehc_cmd_usage("missing case reference");
	if (argc - optind > 1)
		return ehc_cmd_usage("unexpected argument '%s'",
				     argv[optind + 1]);
	if ((status = ehc_cmd_today(&ctx.today)) != EHC_OK ||
	    (status = ehc_cmd_config(&config)) != EHC_OK)
		return status;
	ctx.config = config;

	if ((status = ehc_cmd_open(EHC_STORE_READ, &store)) != EHC_OK)
		goto cleanup;
	status = ehc_store_get_case(store, argv[optind], print_case, &ctx,
				    &err);
	if (status == EHC_OK)
		status = ehc_store_each_event(store, argv[optind], print_event,
					      &first, &err);
	if (status != EHC_OK)
		ehc_cmd_error(&err);

cleanup:
	ehc_store_close(store);
	ehc_config_destroy(config);
	return status;
}

const struct ehc_command ehc_command_show = {
	.name = "show",
	.summary = "Show a case, its milestones and its history.",
	.usage = "ehc show REF",
	.help = "options:\n" EHC_COMMON_HELP,
	.options = options,
	.run = run,
};
