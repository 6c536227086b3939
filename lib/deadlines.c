/* The milestones of open cases that are still to be met, for a given day. */
#include <stdlib.h>
#include <string.h>

#include "ehc/deadlines.h"
#include "ehc/arena.h"

struct collect_context {
	const struct ehc_config *config;
	const struct ehc_deadline_query *query;
	struct ehc_deadline_list *list;
	struct ehc_error *err;
};

size_t
ehc_deadlines_of_case(const struct ehc_config *config,
		      const struct ehc_case *c, ehc_date today,
		      struct ehc_deadline out[EHC_MILESTONE_COUNT])
{
	struct ehc_milestone_state states[EHC_MILESTONE_COUNT];
	size_t count = ehc_clock_milestones(config, c, today, states);
	size_t n = 0;

	for (size_t i = 0; i < count; i++) {
		struct ehc_deadline *d = &out[n];

		if (!ehc_due_state_open(states[i].state))
			continue;
		d->ref = (char *)c->ref;
		d->aro = (char *)c->aro;
		d->child = (char *)c->child;
		d->dob = c->dob;
		d->received = c->received;
		d->stage = c->stage;
		d->setting = (char *)c->setting;
		d->ep = (char *)c->ep;
		d->milestone = states[i].milestone;
		d->due = states[i].due;
		d->days = states[i].days;
		d->state = states[i].state;
		n++;
	}
	return n;
}

static bool
selected(const struct ehc_deadline_query *query, const struct ehc_deadline *d)
{
	if (query->overdue_only && d->state != EHC_DUE_OVERDUE)
		return false;
	if (query->within >= 0 && d->days > query->within)
		return false;
	if (query->milestone >= 0 && (int)d->milestone != query->milestone)
		return false;
	return true;
}

/* Returns a copy of s in the list's arena, NULL for a NULL s or no memory. */
static char *
copy_text(struct ehc_deadline_list *list, const char *s, bool *failed)
{
	char *copy;

	if (s == NULL)
		return NULL;
	if ((copy = ehc_arena_strdup(&list->text, s)) == NULL)
		*failed = true;
	return copy;
}

/* Points the strings of d at copies in the list's arena. */
static bool
copy_strings(struct ehc_deadline_list *list, struct ehc_deadline *d)
{
	bool failed = false;

	d->ref = copy_text(list, d->ref, &failed);
	d->aro = copy_text(list, d->aro, &failed);
	d->child = copy_text(list, d->child, &failed);
	d->setting = copy_text(list, d->setting, &failed);
	d->ep = copy_text(list, d->ep, &failed);
	return !failed;
}

static int
append(struct ehc_deadline_list *list, const struct ehc_deadline *d)
{
	if (list->count == list->capacity) {
		size_t capacity = list->capacity ? list->capacity * 2 : 256;
		struct ehc_deadline *items;

		items = realloc(list->items, capacity * sizeof(*items));
		if (items == NULL)
			return EHC_SOFTWARE;
		list->items = items;
		list->capacity = capacity;
	}
	list->items[list->count++] = *d;
	return EHC_OK;
}

static int
collect_case(const struct ehc_case *c, void *context)
{
	struct collect_context *ctx = context;
	struct ehc_deadline found[EHC_MILESTONE_COUNT], copy;
	size_t n = ehc_deadlines_of_case(ctx->config, c, ctx->query->today,
					 found);
	bool copied = false;

	for (size_t i = 0; i < n; i++) {
		if (!selected(ctx->query, &found[i]))
			continue;
		/* Every deadline of the case shares one copy of its text. */
		if (!copied) {
			copy = found[i];
			if (!copy_strings(ctx->list, &copy))
				return ehc_error_set(ctx->err, EHC_SOFTWARE,
						     "out of memory");
			copied = true;
		}
		found[i].ref = copy.ref;
		found[i].aro = copy.aro;
		found[i].child = copy.child;
		found[i].setting = copy.setting;
		found[i].ep = copy.ep;
		if (append(ctx->list, &found[i]) != EHC_OK)
			return ehc_error_set(ctx->err, EHC_SOFTWARE,
					     "out of memory");
	}
	return EHC_OK;
}

static int
compare_deadlines(const void *pa, const void *pb)
{
	const struct ehc_deadline *a = pa, *b = pb;
	int by_ref;

	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	by_ref = strcmp(a->ref, b->ref);
	if (by_ref != 0)
		return by_ref;
	return (int)a->milestone - (int)b->milestone;
}

int
ehc_deadlines_collect(struct ehc_store *store, const struct ehc_config *config,
		      const struct ehc_deadline_query *query,
		      struct ehc_deadline_list *list, struct ehc_error *err)
{
	struct ehc_case_filter filter = {
		.open_only = true, .stage = -1, .aro = query->aro,
	};
	struct collect_context ctx = { config, query, list, err };
	int status;

	status = ehc_store_each_case(store, &filter, collect_case, &ctx, err);
	if (status != EHC_OK) {
		ehc_deadlines_clear(list);
		return status;
	}
	/* An empty list has no items array, and qsort must not get NULL. */
	if (list->count > 1)
		qsort(list->items, list->count, sizeof(*list->items),
		      compare_deadlines);
	return EHC_OK;
}

void
ehc_deadlines_clear(struct ehc_deadline_list *list)
{
	ehc_arena_free(&list->text);
	free(list->items);
	list->items = NULL;
	list->count = 0;
	list->capacity = 0;
}
