/*
 * Corrections: a mistyped date or field put right by a new event that
 * keeps the old value beside the new one, so the history is never lost.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ehc/steps.h"
#include "detail.h"
#include "fields.h"
#include "order.h"

const char *const ehc_fact_names[] = {
	[EHC_FACT_RECEIVED] = "received",
	[EHC_FACT_ASSESS_DECISION] = "assess-decision",
	[EHC_FACT_ADVICE_REQUESTED] = "advice-requested",
	[EHC_FACT_ADVICE_RECEIVED] = "advice-received",
	[EHC_FACT_COM_BOOKED] = "com-booked",
	[EHC_FACT_COM_HELD] = "com-held",
	[EHC_FACT_ISSUE_DECISION] = "issue-decision",
	[EHC_FACT_SUPPORT_MEETING] = "support-meeting",
	[EHC_FACT_DRAFT_PLAN] = "draft-plan",
	[EHC_FACT_COMMENTS_RECEIVED] = "comments-received",
	[EHC_FACT_FINAL_PLAN] = "final-plan",
	[EHC_FACT_WITHDRAWAL] = "withdrawal",
	[EHC_FACT_COUNT] = NULL,
};

static bool
takes_source(enum ehc_fact fact)
{
	return fact == EHC_FACT_ADVICE_REQUESTED ||
	       fact == EHC_FACT_ADVICE_RECEIVED;
}

bool
ehc_fact_lookup(const char *name, enum ehc_fact *fact,
		enum ehc_advice_source *source)
{
	const char *colon = strchr(name, ':');
	size_t len = colon != NULL ? (size_t)(colon - name) : strlen(name);
	int s = 0;

	for (int f = 0; f < EHC_FACT_COUNT; f++) {
		if (strlen(ehc_fact_names[f]) != len ||
		    strncmp(ehc_fact_names[f], name, len) != 0)
			continue;
		if (takes_source((enum ehc_fact)f) != (colon != NULL))
			return false;
		if (colon != NULL)
			s = ehc_name_index(ehc_advice_source_names, colon + 1);
		if (s < 0)
			return false;
		*fact = (enum ehc_fact)f;
		*source = (enum ehc_advice_source)s;
		return true;
	}
	return false;
}

struct correction_context {
	const struct ehc_correction *fix;
	struct ehc_case c;
	struct ehc_detail detail;
	bool changed;
	struct ehc_error *err;
};

static ehc_date *
fact_date(struct ehc_case *c, enum ehc_fact fact, enum ehc_advice_source s)
{
	switch (fact) {
	case EHC_FACT_RECEIVED: return &c->received;
	case EHC_FACT_ASSESS_DECISION: return &c->assess_date;
	case EHC_FACT_ADVICE_REQUESTED: return &c->advice[s].requested;
	case EHC_FACT_ADVICE_RECEIVED: return &c->advice[s].received;
	case EHC_FACT_COM_BOOKED: return &c->com.booked;
	case EHC_FACT_COM_HELD: return &c->com.held;
	case EHC_FACT_ISSUE_DECISION: return &c->issue_date;
	case EHC_FACT_SUPPORT_MEETING: return &c->support_meeting;
	case EHC_FACT_DRAFT_PLAN: return &c->draft;
	case EHC_FACT_COMMENTS_RECEIVED: return &c->comments;
	case EHC_FACT_FINAL_PLAN: return &c->final;
	case EHC_FACT_WITHDRAWAL: return &c->withdrawn;
	default: return NULL;
	}
}

/* Returns whether the day of fact is also the day case c ended. */
static bool
ends_case(const struct ehc_case *c, enum ehc_fact fact)
{
	if (fact == EHC_FACT_ASSESS_DECISION)
		return c->assess == EHC_DECISION_NO;
	return fact == EHC_FACT_SUPPORT_MEETING ||
	       fact == EHC_FACT_FINAL_PLAN || fact == EHC_FACT_WITHDRAWAL;
}

static int
correct_fact(struct correction_context *ctx)
{
	const struct ehc_correction *fix = ctx->fix;
	enum ehc_fact fact = (enum ehc_fact)fix->fact;
	ehc_date *field = fact_date(&ctx->c, fact, fix->advice);
	bool advice = takes_source(fact);
	char key[64], old[EHC_DATE_LEN], new[EHC_DATE_LEN];

	if (field == NULL)
		return ehc_error_set(ctx->err, EHC_SOFTWARE,
				     "unknown fact %d", fix->fact);
	if (advice)
		snprintf(key, sizeof(key), "%s:%s", ehc_fact_names[fact],
			 ehc_advice_source_names[fix->advice]);
	else
		snprintf(key, sizeof(key), "%s", ehc_fact_names[fact]);
	if (*field == EHC_DATE_NONE)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "case '%s' has no %s to correct",
				     ctx->c.ref, key);

	ehc_date_format(*field, old);
	ehc_date_format(fix->date, new);
	*field = fix->date;
	if (ends_case(&ctx->c, fact))
		ctx->c.ended = fix->date;
	if (strcmp(old, new) != 0) {
		ehc_detail_change(&ctx->detail, key, old, new);
		ctx->changed = true;
	}
	return EHC_OK;
}

/*
 * Sets a text field of the case copy to value, if given. An empty value
 * clears an optional field; a required one cannot be cleared.
 */
static int
correct_text(struct correction_context *ctx, const char *key,
	     const char *what, const char **field, const char *value,
	     bool required)
{
	char *copy = NULL;
	int status;

	if (value == NULL)
		return EHC_OK;
	if (value[0] != '\0' || required) {
		status = ehc_field_line(what, value, EHC_NAME_MAX, true,
					ctx->err);
		if (status != EHC_OK)
			return status;
		if ((copy = strdup(value)) == NULL)
			return ehc_error_set(ctx->err, EHC_SOFTWARE,
					     "out of memory");
	}
	if ((*field == NULL) != (copy == NULL) ||
	    (copy != NULL && strcmp(*field, copy) != 0)) {
		ehc_detail_change(&ctx->detail, key, *field, copy);
		ctx->changed = true;
	}
	free((char *)*field);
	*field = copy;
	return EHC_OK;
}

static int
correct_fields(struct correction_context *ctx)
{
	const struct ehc_correction *fix = ctx->fix;
	struct ehc_case *c = &ctx->c;
	int status;

	if (fix->source != NULL && fix->source[0] != '\0' &&
	    ehc_name_index(ehc_request_sources, fix->source) < 0)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "invalid source '%s': expected parent, "
				     "young-person, school, health, "
				     "social-care or other", fix->source);
	if (fix->placement != NULL && c->final == EHC_DATE_NONE)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "case '%s' has no final plan whose "
				     "placement could be corrected", c->ref);
	if ((status = correct_text(ctx, "child", "child name", &c->child,
				   fix->child, true)) != EHC_OK ||
	    (status = correct_text(ctx, "source", "source", &c->source,
				   fix->source, false)) != EHC_OK ||
	    (status = correct_text(ctx, "setting", "setting", &c->setting,
				   fix->setting, false)) != EHC_OK ||
	    (status = correct_text(ctx, "aro", "ARO", &c->aro, fix->aro,
				   false)) != EHC_OK ||
	    (status = correct_text(ctx, "ep", "EP", &c->ep, fix->ep,
				   false)) != EHC_OK ||
	    (status = correct_text(ctx, "placement", "placement",
				   &c->placement, fix->placement, true)))
		return status;
	return EHC_OK;
}

/* Corrects what the case records of its COM and of its withdrawal. */
static int
correct_details(struct correction_context *ctx)
{
	const struct ehc_correction *fix = ctx->fix;
	struct ehc_case *c = &ctx->c;
	ehc_date day;
	const char *reason;
	int status;

	if (fix->com_at != NULL && (reason = ehc_com_time_parse(fix->com_at,
								&day)))
		return ehc_error_set(ctx->err, EHC_USAGE,
				     "invalid COM time '%s': %s", fix->com_at,
				     reason);
	if ((fix->com_at != NULL || fix->com_location != NULL ||
	     fix->com_chair != NULL) && c->com.at == NULL)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "case '%s' has no COM booked to correct",
				     c->ref);
	if (fix->withdraw_reason != NULL && c->withdrawn == EHC_DATE_NONE)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "case '%s' has no withdrawal whose reason "
				     "could be corrected", c->ref);
	if ((status = correct_text(ctx, "com-at", "COM time", &c->com.at,
				   fix->com_at, true)) != EHC_OK ||
	    (status = correct_text(ctx, "com-location", "location",
				   &c->com.location, fix->com_location,
				   false)) != EHC_OK ||
	    (status = correct_text(ctx, "com-chair", "chair", &c->com.chair,
				   fix->com_chair, false)) != EHC_OK ||
	    (status = correct_text(ctx, "withdraw-reason", "reason",
				   &c->withdraw_reason, fix->withdraw_reason,
				   true)) != EHC_OK)
		return status;
	return EHC_OK;
}

/*
 * Removes an advice request recorded in error, with its reply, or a reply
 * recorded in error. Advice from the wrong source would otherwise leave
 * its milestone overdue for good.
 */
static int
remove_advice(struct correction_context *ctx)
{
	const struct ehc_correction *fix = ctx->fix;
	struct ehc_advice *a = &ctx->c.advice[fix->removed_advice];
	bool request = fix->removed == EHC_FACT_ADVICE_REQUESTED;
	ehc_date *field = request ? &a->requested : &a->received;
	char key[64], old[EHC_DATE_LEN], reply[EHC_DATE_LEN];

	snprintf(key, sizeof(key), "%s:%s", ehc_fact_names[fix->removed],
		 ehc_advice_source_names[fix->removed_advice]);
	if (!request && fix->removed != EHC_FACT_ADVICE_RECEIVED)
		return ehc_error_set(ctx->err, EHC_USAGE,
				     "only advice-requested:SOURCE and "
				     "advice-received:SOURCE can be removed");
	if (*field == EHC_DATE_NONE)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "case '%s' has no %s to remove",
				     ctx->c.ref, key);
	ehc_date_format(*field, old);
	ehc_detail_change(&ctx->detail, key, old, NULL);
	if (request && a->received != EHC_DATE_NONE) {
		ehc_date_format(a->received, reply);
		ehc_detail_change(&ctx->detail, "advice-received", reply, NULL);
	}
	*field = EHC_DATE_NONE;
	if (request)
		a->received = EHC_DATE_NONE;
	ctx->changed = true;
	return EHC_OK;
}

static void
correct_dob(struct correction_context *ctx)
{
	char old[EHC_DATE_LEN], new[EHC_DATE_LEN];

	if (ctx->fix->dob == EHC_DATE_NONE || ctx->fix->dob == ctx->c.dob)
		return;
	ehc_date_format(ctx->c.dob, old);
	ehc_date_format(ctx->fix->dob, new);
	ehc_detail_change(&ctx->detail, "dob", old, new);
	ctx->c.dob = ctx->fix->dob;
	ctx->changed = true;
}

static int
copy_case(const struct ehc_case *c, void *context)
{
	struct correction_context *ctx = context;

	if (!ehc_case_copy(&ctx->c, c))
		return ehc_error_set(ctx->err, EHC_SOFTWARE, "out of memory");
	return EHC_OK;
}

static int
apply(struct correction_context *ctx)
{
	int status;

	if (ctx->fix->fact >= 0 && (status = correct_fact(ctx)) != EHC_OK)
		return status;
	if (ctx->fix->remove && (status = remove_advice(ctx)) != EHC_OK)
		return status;
	if ((status = correct_fields(ctx)) != EHC_OK ||
	    (status = correct_details(ctx)) != EHC_OK)
		return status;
	correct_dob(ctx);
	if (!ctx->changed)
		return ehc_error_set(ctx->err, EHC_DATAERR,
				     "nothing to correct: case '%s' already "
				     "has these values", ctx->c.ref);
	return EHC_OK;
}

/*
 * Returns whether a correction moves a date that the parent's time to
 * comment on the draft depends on. The window is checked only then, so
 * that a longer window configured later does not block other corrections
 * of plans issued under the old one.
 */
static bool
changes_window(const struct ehc_correction *fix)
{
	return fix->fact == EHC_FACT_DRAFT_PLAN ||
	       fix->fact == EHC_FACT_COMMENTS_RECEIVED ||
	       fix->fact == EHC_FACT_FINAL_PLAN;
}

static int
record(struct ehc_store *store, const struct ehc_config *config,
       const char *ref, struct correction_context *ctx, ehc_date today)
{
	struct ehc_order_lists lists;
	char *detail;
	int status;

	status = ehc_store_get_case(store, ref, copy_case, ctx, ctx->err);
	if (status != EHC_OK)
		return status;
	if ((status = ehc_field_text("note", ctx->fix->note, EHC_NOTE_MAX,
				     false, ctx->err)) != EHC_OK)
		return status;
	if (!ehc_detail_begin(&ctx->detail))
		return ehc_error_set(ctx->err, EHC_SOFTWARE, "out of memory");

	status = apply(ctx);
	detail = ehc_detail_end(&ctx->detail);
	if (status == EHC_OK && detail == NULL)
		status = ehc_error_set(ctx->err, EHC_SOFTWARE, "out of memory");
	if (status == EHC_OK)
		status = ehc_order_lists_read(store, ref, &lists, ctx->err);
	if (status == EHC_OK)
		status = ehc_order_check(&ctx->c, &lists, config,
					 changes_window(ctx->fix), today,
					 ctx->err);
	if (status == EHC_OK)
		status = ehc_store_update_case(store, &ctx->c, "correction",
					       detail, ctx->fix->note,
					       ctx->err);
	free(detail);
	return status;
}

int
ehc_case_correct(struct ehc_store *store, const struct ehc_config *config,
		 const char *ref, const struct ehc_correction *correction,
		 ehc_date today, struct ehc_error *err)
{
	struct correction_context ctx = {
		.fix = correction, .c = ehc_case_empty(), .err = err,
	};
	int status;

	if ((status = ehc_store_begin(store, err)) != EHC_OK)
		return status;
	status = record(store, config, ref, &ctx, today);
	if (status == EHC_OK)
		status = ehc_store_commit(store, err);
	if (status != EHC_OK)
		ehc_store_rollback(store);
	ehc_case_release(&ctx.c);
	return status;
}
