/* A case and the vocabulary of its steps: stages, decisions, areas of need. */
#ifndef EHC_CASE_H
#define EHC_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ehc/date.h"

/* Maximum lengths of a reference, a name and free text, in bytes. */
#define EHC_REF_MAX 32
#define EHC_NAME_MAX 200
#define EHC_NOTE_MAX 4000
#define EHC_INVITEE_MAX 50

/* The stage of a case. The last four end it. */
enum ehc_stage {
	EHC_STAGE_REQUESTED,		/* awaiting the decision to assess */
	EHC_STAGE_ASSESSMENT,		/* advice gathered, COM booked */
	EHC_STAGE_COM_HELD,		/* awaiting the decision to issue */
	EHC_STAGE_DRAFTING,		/* a plan is to be issued */
	EHC_STAGE_DRAFT_SERVED,		/* the parent may comment */
	EHC_STAGE_SUPPORT_MEETING,	/* no plan: SEN support meeting due */
	EHC_STAGE_NOT_ASSESSED,
	EHC_STAGE_PLAN_ISSUED,
	EHC_STAGE_SUPPORT_AGREED,
	EHC_STAGE_WITHDRAWN,
	EHC_STAGE_COUNT
};

enum ehc_decision {
	EHC_DECISION_NONE,		/* not decided yet */
	EHC_DECISION_YES,		/* assess, or issue a plan */
	EHC_DECISION_NO,		/* not assess, or not issue */
};

/* The bodies asked for advice (reg 6(1) of SI 2014/1530). */
enum ehc_advice_source {
	EHC_ADVICE_PARENT,
	EHC_ADVICE_EDUCATION,
	EHC_ADVICE_HEALTH,
	EHC_ADVICE_PSYCHOLOGY,
	EHC_ADVICE_SOCIAL_CARE,
	EHC_ADVICE_OTHER,
	EHC_ADVICE_COUNT
};

/* The four broad areas of need of the SEND Code of Practice (2015). */
enum ehc_area {
	EHC_AREA_COMMUNICATION,		/* communication and interaction */
	EHC_AREA_COGNITION,		/* cognition and learning */
	EHC_AREA_SEMH,			/* social, emotional, mental health */
	EHC_AREA_SENSORY,		/* sensory and/or physical */
	EHC_AREA_COUNT
};

/* The exceptions to the time limits, reg 10(4)(a) to (d). */
enum ehc_exception_reason {
	EHC_EXCEPTION_SCHOOL_CLOSURE,
	EHC_EXCEPTION_EARLY_YEARS_CLOSURE,
	EHC_EXCEPTION_PERSONAL_CIRCUMSTANCES,
	EHC_EXCEPTION_ABSENCE,
	EHC_EXCEPTION_COUNT
};

/* Names as ehc prints and reads them, indexed by value, NULL-terminated. */
extern const char *const ehc_stage_names[];
extern const char *const ehc_advice_source_names[];
extern const char *const ehc_area_names[];
extern const char *const ehc_area_short_names[];
extern const char *const ehc_area_titles[];	/* "Cognition and learning" */
extern const char *const ehc_exception_names[];
extern const char *const ehc_request_sources[];

/* Returns the index of name in a NULL-terminated list, or -1. */
int ehc_name_index(const char *const *names, const char *name);

/* Looks an area up by its name or its short form (ci, cl, semh, sp). */
bool ehc_area_lookup(const char *name, enum ehc_area *out);

/* Returns whether a case at this stage has ended. */
bool ehc_stage_ended(enum ehc_stage stage);

/* Returns what a stage means, such as "awaiting the decision to assess". */
const char *ehc_stage_description(enum ehc_stage stage);

struct ehc_advice {
	ehc_date requested;	/* EHC_DATE_NONE: not asked */
	ehc_date received;
};

/* The Collaborative Outcomes Meeting as last booked. */
struct ehc_com {
	const char *at;		/* "YYYY-MM-DD HH:MM", NULL when not booked */
	int minutes;
	const char *location;
	const char *chair;
	ehc_date booked;	/* the day the booking was recorded */
	ehc_date held;
};

/*
 * A case as stored: what was requested and the state of each step. Strings
 * are NULL when not given. A case that a store callback receives points into
 * the store and is valid only during the call.
 */
struct ehc_case {
	const char *ref;
	const char *child;
	ehc_date dob;
	ehc_date received;
	const char *source;	/* one of ehc_request_sources */
	const char *setting;
	const char *aro;
	const char *ep;

	enum ehc_stage stage;
	enum ehc_decision assess;
	ehc_date assess_date;
	struct ehc_advice advice[EHC_ADVICE_COUNT];
	struct ehc_com com;
	enum ehc_decision issue;
	ehc_date issue_date;
	ehc_date draft;		/* the draft plan served */
	ehc_date comments;	/* the parent's reply to the draft */
	ehc_date final;		/* the final plan issued */
	const char *placement;	/* the school or setting the plan names */
	ehc_date support_meeting;
	ehc_date withdrawn;
	const char *withdraw_reason;
	ehc_date exception_from;	/* earliest exception, or none */
	ehc_date ended;		/* EHC_DATE_NONE while the case is open */
};

/* One outcome agreed at the COM, with the provision to reach it. */
struct ehc_outcome {
	enum ehc_area area;
	const char *outcome;
	const char *provision;
	ehc_date by;		/* EHC_DATE_NONE when no date was set */
	ehc_date agreed;
};

struct ehc_exception {
	enum ehc_exception_reason reason;
	ehc_date from;
	ehc_date to;		/* EHC_DATE_NONE while it lasts */
};

/* People at the COM: invited when booked, attended when held. */
enum ehc_attendance {
	EHC_INVITED,
	EHC_ATTENDED,
};

/* Returns an empty case: no dates, no decisions, stage requested. */
struct ehc_case ehc_case_empty(void);

/*
 * Copies c into *out with its own strings (freed by ehc_case_release).
 * Returns false when out of memory.
 */
bool ehc_case_copy(struct ehc_case *out, const struct ehc_case *c);
void ehc_case_release(struct ehc_case *c);

#endif
