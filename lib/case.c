/* The steps of a case, checked against the statutory rules before storing. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "ehc/case.h"
#include "ehc/text.h"

/* The EHC age range is 0 to 25 (Children and Families Act 2014, s.83). */
#define AGE_LIMIT 26

const char *const ehc_request_sources[] = {
	"parent", "young-person", "school", "health", "social-care", "other",
	NULL,
};

bool
ehc_request_source_valid(const char *name)
{
	for (const char *const *s = ehc_request_sources; *s != NULL; s++)
		if (strcmp(name, *s) == 0)
			return true;
	return false;
}

static bool
blank(const char *s)
{
	while (*s == ' ')
		s++;
	return *s == '\0';
}

/*
 * Checks a one-line text field: valid UTF-8, no control characters, not
 * blank, at most max bytes. NULL passes when the field is optional.
 */
static int
check_line(const char *what, const char *value, size_t max, bool required,
	   struct ehc_error *err)
{
	size_t len;

	if (value == NULL) {
		if (!required)
			return EHC_OK;
		return ehc_error_set(err, EHC_DATAERR, "missing %s", what);
	}
	len = strlen(value);
	if (ehc_text_utf8_invalid(value, len) != len)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: byte %zu is not UTF-8", what,
				     ehc_text_utf8_invalid(value, len) + 1);
	if (blank(value))
		return ehc_error_set(err, EHC_DATAERR, "invalid %s: it is empty",
				     what);
	if (ehc_text_has_control(value))
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: control characters are not "
				     "allowed", what);
	if (len > max)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid %s: %zu bytes is longer than the "
				     "maximum of %zu", what, len, max);
	return EHC_OK;
}

/* Notes may span lines, so tab and newline are the controls they allow. */
static int
check_note(const char *note, struct ehc_error *err)
{
	size_t len;

	if (note == NULL)
		return EHC_OK;
	len = strlen(note);
	if (ehc_text_utf8_invalid(note, len) != len)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid note: byte %zu is not UTF-8",
				     ehc_text_utf8_invalid(note, len) + 1);
	if (len > EHC_NOTE_MAX)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid note: %zu bytes is longer than "
				     "the maximum of %d", len, EHC_NOTE_MAX);
	for (const unsigned char *p = (const unsigned char *)note; *p; p++)
		if ((*p < 0x20 && *p != '\t' && *p != '\n') || *p == 0x7f)
			return ehc_error_set(err, EHC_DATAERR,
					     "invalid note: control character "
					     "0x%02x at byte %zu is not allowed",
					     *p, (size_t)(p -
					     (const unsigned char *)note) + 1);
	return EHC_OK;
}

/*
 * A reference is 1 to EHC_REF_MAX letters, digits and "-_./", starting
 * with a letter or digit and holding no "..", so that it needs no quoting
 * in a shell and cannot climb out of a directory in a file name.
 */
static int
check_ref(const char *ref, struct ehc_error *err)
{
	size_t len = strlen(ref);

	if (len == 0 || len > EHC_REF_MAX || !isalnum((unsigned char)ref[0]))
		goto invalid;
	for (const char *p = ref; *p; p++)
		if (!isalnum((unsigned char)*p) && strchr("-_./", *p) == NULL)
			goto invalid;
	if (strstr(ref, "..") != NULL)
		goto invalid;
	return EHC_OK;

invalid:
	return ehc_error_set(err, EHC_DATAERR,
			     "invalid reference '%s': use 1 to %d letters, "
			     "digits and '-_./', starting with a letter or "
			     "digit, without '..'", ref, EHC_REF_MAX);
}

static int
check_dates(const struct ehc_request *req, ehc_date today,
	    struct ehc_error *err)
{
	char a[EHC_DATE_LEN], b[EHC_DATE_LEN];

	ehc_date_format(req->received, a);
	ehc_date_format(today, b);
	if (req->received > today)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid received date %s: it is after "
				     "today (%s)", a, b);
	/* The longest timeframe the configuration allows is 104 weeks. */
	if (req->received > ehc_date_from_ymd(EHC_DATE_YEAR_MAX, 12, 31) - 728)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid received date %s: its deadlines "
				     "would fall after the year %d", a,
				     EHC_DATE_YEAR_MAX);
	ehc_date_format(req->dob, b);
	if (req->dob > req->received)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid date of birth %s: it is after "
				     "the received date %s", b, a);
	if (ehc_date_age(req->dob, req->received) >= AGE_LIMIT)
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid date of birth %s: the child is "
				     "%d on the received date %s, and EHC "
				     "plans cover ages 0 to 25", b,
				     ehc_date_age(req->dob, req->received), a);
	return EHC_OK;
}

int
ehc_request_check(const struct ehc_request *req, ehc_date today,
		  struct ehc_error *err)
{
	int status;

	if (req->ref != NULL && (status = check_ref(req->ref, err)) != EHC_OK)
		return status;
	if ((status = check_line("child name", req->child, EHC_NAME_MAX, true,
				 err)) != EHC_OK ||
	    (status = check_line("setting", req->setting, EHC_NAME_MAX, false,
				 err)) != EHC_OK ||
	    (status = check_line("ARO", req->aro, EHC_NAME_MAX, false,
				 err)) != EHC_OK ||
	    (status = check_line("EP", req->ep, EHC_NAME_MAX, false,
				 err)) != EHC_OK ||
	    (status = check_note(req->note, err)) != EHC_OK)
		return status;
	if (req->source != NULL && !ehc_request_source_valid(req->source))
		return ehc_error_set(err, EHC_DATAERR,
				     "invalid source '%s': expected parent, "
				     "young-person, school, health, "
				     "social-care or other", req->source);
	return check_dates(req, today, err);
}

int
ehc_case_request(struct ehc_store *store, const struct ehc_request *req,
		 ehc_date today, char ref[EHC_REF_MAX + 1],
		 struct ehc_error *err)
{
	struct ehc_case c = {
		.child = req->child, .dob = req->dob, .received = req->received,
		.source = req->source, .setting = req->setting, .aro = req->aro,
		.ep = req->ep, .ended = EHC_DATE_NONE,
	};
	int status, year, month, day;

	if ((status = ehc_request_check(req, today, err)) != EHC_OK)
		return status;
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
		status = ehc_store_insert_case(store, &c, req->note, err);
	if (status == EHC_OK)
		status = ehc_store_commit(store, err);
	if (status != EHC_OK)
		ehc_store_rollback(store);
	return status;
}
