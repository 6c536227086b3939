/* A request for an EHC needs assessment: the step that opens a case. */
#include <stdio.h>
#include <stdlib.h>

#include "ehc/steps.h"
#include "detail.h"
#include "fields.h"

/* The EHC age range is 0 to 25 (Children and Families Act 2014, s.83). */
#define AGE_LIMIT 26

static int
check_dates(const struct ehc_request *req, ehc_date today,
	    struct ehc_error *err)
{
	char received[EHC_DATE_LEN], other[EHC_DATE_LEN];
	int age = ehc_date_age(req->dob, req->received);

	ehc_date_format(req->received, received);
	ehc_date_format(today, other);
	if (req->received > today)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid received date %s: it is after "
				     "today (%s)", received, other);
	/* The maximum timeframe the configuration allows is 104 weeks. */
	if (req->received > ehc_date_from_ymd(EHC_DATE_YEAR_MAX, 12, 31) - 728)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid received date %s: its deadlines "
				     "would fall after the year %d", received,
				     EHC_DATE_YEAR_MAX);
	ehc_date_format(req->dob, other);
	if (req->dob > req->received)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid date of birth %s: it is after "
				     "the received date %s", other, received);
	if (age >= AGE_LIMIT)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid date of birth %s: the child is "
				     "%d on the received date %s, and EHC "
				     "plans cover ages 0 to 25", other, age,
				     received);
	return EHC_OK;
}

int
ehc_request_check(const struct ehc_request *req, ehc_date today,
		  struct ehc_error *err)
{
	int status;

	if (req->ref != NULL &&
	    (status = ehc_field_ref(req->ref, err)) != EHC_OK)
		return status;
	if ((status = ehc_field_line("child name", req->child, EHC_NAME_MAX,
				     true, err)) != EHC_OK ||
	    (status = ehc_field_line("setting", req->setting, EHC_NAME_MAX,
				     false, err)) != EHC_OK ||
	    (status = ehc_field_line("ARO", req->aro, EHC_NAME_MAX, false,
				     err)) != EHC_OK ||
	    (status = ehc_field_line("EP", req->ep, EHC_NAME_MAX, false,
				     err)) != EHC_OK ||
	    (status = ehc_field_text("note", req->note, EHC_NOTE_MAX, false,
				     err)) != EHC_OK)
		return status;
	if (req->source != NULL &&
	    ehc_name_index(ehc_request_sources, req->source) < 0)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid source '%s': expected parent, "
				     "young-person, school, health, "
				     "social-care or other", req->source);
	return check_dates(req, today, err);
}

/* Returns the request's detail: the values it stores, NULL when no memory. */
static char *
request_detail(const struct ehc_case *c)
{
	struct ehc_detail d;

	if (!ehc_detail_begin(&d))
		return NULL;
	ehc_detail_text(&d, "ref", c->ref);
	ehc_detail_text(&d, "child", c->child);
	ehc_detail_date(&d, "dob", c->dob);
	ehc_detail_date(&d, "received", c->received);
	ehc_detail_text(&d, "source", c->source);
	ehc_detail_text(&d, "setting", c->setting);
	ehc_detail_text(&d, "aro", c->aro);
	ehc_detail_text(&d, "ep", c->ep);
	return ehc_detail_end(&d);
}

static int
store_request(struct ehc_store *store, struct ehc_case *c, const char *note,
	      struct ehc_error *err)
{
	char *detail = request_detail(c);
	int status;

	if (detail == NULL)
		return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
	status = ehc_store_insert_case(store, c, "request", detail, note, err);
	free(detail);
	return status;
}

int
ehc_case_request(struct ehc_store *store, const struct ehc_request *req,
		 ehc_date today, char ref[EHC_REF_MAX + 1],
		 struct ehc_error *err)
{
	struct ehc_case c = ehc_case_empty();
	int status, year, month, day;

	if ((status = ehc_request_check(req, today, err)) != EHC_OK)
		return status;
	c.child = req->child;
	c.dob = req->dob;
	c.received = req->received;
	c.source = req->source;
	c.setting = req->setting;
	c.aro = req->aro;
	c.ep = req->ep;
	if ((status = ehc_store_begin(store, err)) != EHC_OK)
		return status;

	ehc_date_to_ymd(req->received, &year, &month, &day);
	if (req->ref != NULL)
		snprintf(ref, EHC_REF_MAX + 1, "%s", req->ref);
	else
		status = ehc_store_next_ref(store, year, ref, EHC_REF_MAX + 1,
					    err);
	c.ref = ref;
	if (status == EHC_OK)
		status = store_request(store, &c, req->note, err);
	if (status == EHC_OK)
		status = ehc_store_commit(store, err);
	if (status != EHC_OK)
		ehc_store_rollback(store);
	return status;
}
