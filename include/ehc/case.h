/* The steps of a case, checked against the statutory rules before storing. */
#ifndef EHC_CASE_H
#define EHC_CASE_H

#include "ehc/config.h"
#include "ehc/date.h"
#include "ehc/error.h"
#include "ehc/store.h"

/* Longest reference, name and free text that a case accepts, in bytes. */
#define EHC_REF_MAX 32
#define EHC_NAME_MAX 200
#define EHC_NOTE_MAX 4000

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

/* Returns whether name is a request source ehc accepts. */
bool ehc_request_source_valid(const char *name);

/* The request sources, NULL-terminated, in the order help lists them. */
extern const char *const ehc_request_sources[];

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

#endif
