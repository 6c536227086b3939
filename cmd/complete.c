/*
 * ehc __complete: the candidates for the word being completed, one a line,
 * for the bash, zsh and fish completions. The command table, the option
 * tables and the library's lists of names are the one source of them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc.h"
#include "ehc/case.h"
#include "ehc/clock.h"
#include "ehc/output.h"
#include "ehc/paths.h"
#include "ehc/steps.h"

static const char *const assess_decisions[] = {
	"assess", "no-assess", NULL,
};
static const char *const issue_decisions[] = {
	"issue", "no-issue", NULL,
};
static const char *const date_formats[] = { "iso", "dmy", NULL };
static const char *const on_duplicate[] = { "error", "skip", NULL };
static const char *const transfer_formats[] = { "csv", "jsonl", NULL };

/* The values an option takes, where they form a closed list. */
struct value_list {
	const char *command;	/* NULL: the option means this everywhere */
	const char *option;
	const char *const *values;
};

/* The first entry that matches wins, so a command's own list comes first. */
static const struct value_list value_lists[] = {
	{ "import", "format", transfer_formats },
	{ "export", "format", transfer_formats },
	{ NULL, "format", ehc_format_names },
	{ NULL, "source", ehc_request_sources },
	{ NULL, "advice-requested", ehc_advice_source_names },
	{ NULL, "advice-received", ehc_advice_source_names },
	{ NULL, "area", ehc_area_names },
	{ NULL, "stage", ehc_stage_names },
	{ NULL, "date-format", date_formats },
	{ NULL, "on-duplicate", on_duplicate },
	{ "assess", "decision", assess_decisions },
	{ "panel-decide", "decision", issue_decisions },
	{ "exception", "reason", ehc_exception_names },
};

/* The commands whose operand is a case reference. */
static const char *const ref_commands[] = {
	"assess", "com-record", "correct", "exception", "issue-plan", "log",
	"panel-decide", "record-outcome", "schedule-com", "show", "withdraw",
	NULL,
};

static bool
starts(const char *word, const char *prefix)
{
	return strncmp(word, prefix, strlen(prefix)) == 0;
}

static void
offer(const char *candidate, const char *current)
{
	if (starts(candidate, current))
		puts(candidate);
}

static void
offer_list(const char *const *names, const char *current)
{
	for (; *names != NULL; names++)
		offer(*names, current);
}

static void
offer_milestones(const char *current)
{
	for (int m = 0; m < EHC_MILESTONE_COUNT; m++)
		offer(ehc_milestone_name((enum ehc_milestone)m), current);
}

/* The facts of ehc correct, with a name for each advice source. */
static void
offer_facts(const char *current)
{
	char name[64];

	for (int f = 0; f < EHC_FACT_COUNT; f++) {
		if (f != EHC_FACT_ADVICE_REQUESTED &&
		    f != EHC_FACT_ADVICE_RECEIVED) {
			offer(ehc_fact_names[f], current);
			continue;
		}
		for (int s = 0; s < EHC_ADVICE_COUNT; s++) {
			snprintf(name, sizeof(name), "%s:%s", ehc_fact_names[f],
				 ehc_advice_source_names[s]);
			offer(name, current);
		}
	}
}

static void
offer_options(const struct option *options, const char *current)
{
	char name[64];

	for (; options != NULL && options->name != NULL; options++) {
		snprintf(name, sizeof(name), "--%s", options->name);
		offer(name, current);
	}
}

static int
offer_ref(const struct ehc_case *c, void *context)
{
	offer(c->ref, context);
	return EHC_OK;
}

/* Offers the references in the database, quietly when there is none. */
static void
offer_refs(const char *current)
{
	struct ehc_case_filter filter = { .stage = -1 };
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	char *path = NULL;

	if (ehc_paths_database(ehc_context.db, &path, &err) == EHC_OK &&
	    ehc_store_open(&store, path, EHC_STORE_READ, &err) == EHC_OK)
		ehc_store_each_case(store, &filter, offer_ref, (void *)current,
				    &err);
	ehc_store_close(store);
	free(path);
}

/* Returns the long option that word names, or NULL. */
static const struct option *
find_option(const struct option *options, const char *word)
{
	size_t len;

	if (!starts(word, "--"))
		return NULL;
	word += 2;
	len = strcspn(word, "=");
	for (; options != NULL && options->name != NULL; options++)
		if (strlen(options->name) == len &&
		    strncmp(options->name, word, len) == 0)
			return options;
	return NULL;
}

static void
offer_values(const char *command, const char *option, const char *current)
{
	if (strcmp(option, "milestone") == 0) {
		offer_milestones(current);
		return;
	}
	if (strcmp(option, "step") == 0 || strcmp(option, "remove") == 0) {
		offer_facts(current);
		return;
	}
	for (size_t i = 0; i < sizeof(value_lists) / sizeof(*value_lists);
	     i++) {
		const struct value_list *v = &value_lists[i];

		if (strcmp(v->option, option) == 0 &&
		    (v->command == NULL || strcmp(v->command, command) == 0)) {
			offer_list(v->values, current);
			if (strcmp(option, "area") == 0)
				offer_list(ehc_area_short_names, current);
			return;
		}
	}
}

static const struct option global_options[] = {
	EHC_COMMON_OPTIONS,
	{ "version", no_argument, NULL, 0 },
	{ 0 },
};

/* The command and the operands given before the word being completed. */
struct position {
	const struct ehc_command *command;
	int operands;
	const struct option *pending;	/* an option waiting for its value */
};

static void
read_words(int argc, char **argv, struct position *at)
{
	for (int i = 1; i < argc - 1; i++) {
		const struct option *options = at->command != NULL ?
					       at->command->options :
					       global_options;
		const struct option *o = find_option(options, argv[i]);

		if (o == NULL && argv[i][0] == '-')
			continue;
		if (o == NULL && at->command == NULL) {
			at->command = ehc_command_find(argv[i]);
			continue;
		}
		if (o == NULL) {
			at->operands++;
			continue;
		}
		if (o->has_arg != required_argument || strchr(argv[i], '='))
			continue;
		if (i + 1 == argc - 1) {
			at->pending = o;
			return;
		}
		if (strcmp(o->name, "db") == 0)
			ehc_context.db = argv[i + 1];
		i++;
	}
}

static void
offer_commands(const char *current)
{
	for (unsigned i = 0; i < ehc_command_count; i++)
		offer(ehc_commands[i]->name, current);
}

/*
 * argv contains the words of the command line up to the cursor: "ehc", then
 * the words typed, the last one being the word to complete (maybe empty).
 */
int
ehc_complete(int argc, char **argv)
{
	struct position at = { 0 };
	const char *current = argc > 1 ? argv[argc - 1] : "";
	const char *name;

	read_words(argc, argv, &at);
	name = at.command != NULL ? at.command->name : "";
	if (at.pending != NULL)
		offer_values(name, at.pending->name, current);
	else if (current[0] == '-')
		offer_options(at.command != NULL ? at.command->options :
			      global_options, current);
	else if (at.command == NULL)
		offer_commands(current);
	else if (strcmp(name, "help") == 0 && at.operands == 0)
		offer_commands(current);
	else if (ehc_name_index(ref_commands, name) >= 0 && at.operands == 0)
		offer_refs(current);
	return fflush(stdout) == 0 ? EHC_OK : EHC_IOERR;
}
