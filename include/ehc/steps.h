/*
 * The steps of a case from request to final plan, each checked against the
 * statutory order and stored with its event in one transaction.
 */
#ifndef EHC_STEPS_H
#define EHC_STEPS_H

#include <stdbool.h>
#include <stddef.h>

#include "ehc/case.h"
#include "ehc/config.h"
#include "ehc/error.h"
#include "ehc/store.h"

/* A request for an EHC needs assessment as the user gave it. */
struct ehc_request {
	const char *ref;	/* NULL: generate EHC-YYYY-NNNN */
	const char *child;
	ehc_date dob;
	ehc_date received;
	const char *source;	/* NULL when not given */
	const char *setting;
	const char *aro;
	const char *ep;
	const char *note;
};

/* Checks a request against today without storing it. */
int ehc_request_check(const struct ehc_request *req, ehc_date today,
		      struct ehc_error *err);

/*
 * Checks a request against today and stores it in one transaction. Writes
 * the case's reference into ref (EHC_REF_MAX + 1 bytes).
 */
int ehc_case_request(struct ehc_store *store, const struct ehc_request *req,
		     ehc_date today, char ref[EHC_REF_MAX + 1],
		     struct ehc_error *err);

enum ehc_step_kind {
	EHC_STEP_ASSESS_DECISION,	/* decision, date */
	EHC_STEP_ADVICE_REQUESTED,	/* advice, date */
	EHC_STEP_ADVICE_RECEIVED,	/* advice, date */
	EHC_STEP_COM_BOOKED,		/* com_at, minutes, location, chair,
					 * people (invited), date */
	EHC_STEP_COM_HELD,		/* people (attended), date */
	EHC_STEP_OUTCOME,		/* area, outcome, provision, by */
	EHC_STEP_ISSUE_DECISION,	/* decision, date */
	EHC_STEP_SUPPORT_MEETING,	/* date */
	EHC_STEP_DRAFT_PLAN,		/* date */
	EHC_STEP_COMMENTS_RECEIVED,	/* date */
	EHC_STEP_FINAL_PLAN,		/* placement, date */
	EHC_STEP_WITHDRAWAL,		/* text (the reason), date */
	EHC_STEP_EXCEPTION,		/* exception, from, to */
	EHC_STEP_COUNT
};

/* One step as the user gave it. Fields a kind does not use are ignored. */
struct ehc_step {
	enum ehc_step_kind kind;
	ehc_date date;		/* the day it happened */
	const char *note;

	enum ehc_decision decision;
	enum ehc_advice_source advice;
	const char *com_at;	/* "YYYY-MM-DD HH:MM" */
	int minutes;		/* 0: keep the booking's, or the default */
	const char *location;
	const char *chair;
	const char *const *people;
	size_t people_count;
	enum ehc_area area;
	const char *outcome;
	const char *provision;
	ehc_date by;
	const char *placement;
	const char *text;
	enum ehc_exception_reason exception;
	ehc_date from;
	ehc_date to;
};

/* Returns a step of a kind with no values and every date EHC_DATE_NONE. */
struct ehc_step ehc_step_empty(enum ehc_step_kind kind);

/*
 * Parses a COM time, exactly "YYYY-MM-DD HH:MM" on the 24-hour clock, and
 * sets *day to its date. Returns NULL, or a short static reason.
 */
const char *ehc_com_time_parse(const char *text, ehc_date *day);

/* Things worth saying about a step that was stored all the same. */
struct ehc_step_warnings {
	bool com_after_milestone;	/* the COM is after its 14 weeks */
	ehc_date com_due;
	bool com_on_weekend;
};

/* Returns the event kind a step is stored as, such as "com-booked". */
const char *ehc_step_name(enum ehc_step_kind kind);

/*
 * Records a step of case ref. A step the case's stage does not allow, or
 * whose date is after today or before the step it follows, is EHC_DATAERR
 * with the stage and what can be done next, and nothing is written.
 */
int ehc_case_step(struct ehc_store *store, const struct ehc_config *config,
		  const char *ref, const struct ehc_step *step, ehc_date today,
		  struct ehc_step_warnings *warnings, struct ehc_error *err);

/* The dated facts of a case that a correction can change. */
enum ehc_fact {
	EHC_FACT_RECEIVED,
	EHC_FACT_ASSESS_DECISION,
	EHC_FACT_ADVICE_REQUESTED,	/* with an advice source */
	EHC_FACT_ADVICE_RECEIVED,	/* with an advice source */
	EHC_FACT_COM_BOOKED,
	EHC_FACT_COM_HELD,
	EHC_FACT_ISSUE_DECISION,
	EHC_FACT_SUPPORT_MEETING,
	EHC_FACT_DRAFT_PLAN,
	EHC_FACT_COMMENTS_RECEIVED,
	EHC_FACT_FINAL_PLAN,
	EHC_FACT_WITHDRAWAL,
	EHC_FACT_COUNT
};

/*
 * Names of the facts, such as "com-held", indexed by value; the advice facts
 * take a source: "advice-requested:health".
 */
extern const char *const ehc_fact_names[];

/*
 * Looks a fact up by name; the advice facts take their source after a
 * colon, "advice-received:health". Returns false for an unknown name.
 */
bool ehc_fact_lookup(const char *name, enum ehc_fact *fact,
		     enum ehc_advice_source *source);

/*
 * A correction of one case: a new date for a fact, and new values for the
 * fields given (NULL or EHC_DATE_NONE: unchanged).
 */
struct ehc_correction {
	int fact;		/* an enum ehc_fact, or -1 for none */
	enum ehc_advice_source advice;
	ehc_date date;
	const char *child;
	ehc_date dob;
	const char *source;
	const char *setting;
	const char *aro;
	const char *ep;
	const char *placement;
	const char *withdraw_reason;
	const char *com_at;	/* a new time for the COM, held or not */
	const char *com_location;
	const char *com_chair;
	bool remove;		/* take out an advice fact recorded in error */
	enum ehc_fact removed;	/* which: advice requested or received */
	enum ehc_advice_source removed_advice;
	const char *note;	/* why: kept with the correction */
};

/*
 * Corrects a case, on an open or ended case alike. The result must pass the
 * same checks as the steps did, or nothing is written (EHC_DATAERR). The
 * correction is a new event holding the old and the new values.
 */
int ehc_case_correct(struct ehc_store *store, const struct ehc_config *config,
		     const char *ref, const struct ehc_correction *correction,
		     ehc_date today, struct ehc_error *err);

#endif
