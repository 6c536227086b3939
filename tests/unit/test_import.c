/*
 * Unit tests for import and export: a row turned into a case, the JSON
 * lists of a cell, the columns of a file, and a whole file in and out.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ehc/transfer.h"
#include "columns.h"
#include "import-row.h"
#include "jsoncell.h"

/* The day every import of these tests runs on. */
#define TODAY "2027-06-01"

#define MESSAGES_MAX 16

struct messages {
	char text[MESSAGES_MAX][1200];
	size_t count;
};

static struct ehc_config *config;

static ehc_date
day(const char *text)
{
	ehc_date date = EHC_DATE_NONE;

	assert_null(ehc_date_parse(text, &date));
	return date;
}

static void
collect(const char *message, void *context)
{
	struct messages *m = context;

	if (m->count < MESSAGES_MAX)
		snprintf(m->text[m->count], sizeof(m->text[0]), "%s", message);
	m->count++;
}

/* Fails unless one of the messages contains text. */
static void
has_message(const struct messages *m, const char *text)
{
	for (size_t i = 0; i < m->count && i < MESSAGES_MAX; i++)
		if (strstr(m->text[i], text) != NULL)
			return;
	fail_msg("no message holds '%s'; first: '%s'", text,
		 m->count > 0 ? m->text[0] : "(none)");
}

static void
set(struct ehc_import_row *row, const char *column, const char *value)
{
	int i = ehc_transfer_column_find(column);

	if (i < 0)
		fail_msg("no column '%s'", column);
	ehc_import_row_set(row, (size_t)i, value);
}

/* Sets a valid request, then the name-value pairs given, NULL-ended. */
static void
fill(struct ehc_import_row *row, va_list ap)
{
	const char *name, *value;

	ehc_import_row_clear(row);
	set(row, "ref", "R-1");
	set(row, "child_name", "Ann Example");
	set(row, "date_of_birth", "2016-01-01");
	set(row, "received", "2026-09-01");
	while ((name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		set(row, name, value);
	}
}

/* Checks a row made by fill in the date style given. */
static int
check_style(struct ehc_import_row *row, struct messages *m,
	    enum ehc_date_style style, ...)
{
	struct ehc_import_settings s = { style, day(TODAY), config };
	va_list ap;

	va_start(ap, style);
	fill(row, ap);
	va_end(ap);
	m->count = 0;
	return ehc_import_row_check(row, &s, collect, m);
}

#define check(row, m, ...) check_style(row, m, EHC_DATES_ISO, __VA_ARGS__)

/* The row must be valid. */
#define VALID(row, ...)							\
	do {								\
		struct messages m_ = { .count = 0 };			\
		int status_ = check(row, &m_, __VA_ARGS__);		\
		if (status_ != EHC_OK)					\
			fail_msg("row rejected: %s", m_.count ?		\
				 m_.text[0] : "(no message)");		\
	} while (0)

/* The row must be rejected with a message that contains text. */
#define INVALID(row, text, ...)						\
	do {								\
		struct messages m_ = { .count = 0 };			\
		assert_int_equal(check(row, &m_, __VA_ARGS__),		\
				 EHC_DATAERR);				\
		has_message(&m_, text);					\
	} while (0)

static int
setup_group(void **state)
{
	(void)state;
	config = ehc_config_create();
	return config == NULL ? -1 : 0;
}

static int
teardown_group(void **state)
{
	(void)state;
	ehc_config_destroy(config);
	return 0;
}

static void
row_minimal(void **state)
{
	struct ehc_import_row row = { 0 };

	(void)state;
	VALID(&row, NULL);
	assert_string_equal(row.c.ref, "R-1");
	assert_string_equal(row.c.child, "Ann Example");
	assert_int_equal(row.c.dob, day("2016-01-01"));
	assert_int_equal(row.c.received, day("2026-09-01"));
	assert_int_equal(row.c.stage, EHC_STAGE_REQUESTED);
	assert_int_equal(row.c.ended, EHC_DATE_NONE);
	assert_null(row.c.source);
	assert_null(row.note);
	assert_int_equal(row.outcome_count, 0);
	ehc_import_row_release(&row);
}

/* A case with every column given, down to the final plan. */
static void
row_every_column(void **state)
{
	struct ehc_import_row row = { 0 };

	(void)state;
	VALID(&row, "source", "school", "setting", "Oak School",
	      "aro", "Jo Officer", "ep", "Dr Psych",
	      "notes", "first line\nsecond, with a comma",
	      "assess_decision", "assess",
	      "assess_decision_date", "2026-10-05",
	      "advice_parent_requested", "2026-10-06",
	      "advice_parent_received", "2026-10-20",
	      "advice_social_care_requested", "2026-10-07",
	      "com_at", "2026-12-07 10:00", "com_minutes", "90",
	      "com_location", "Online", "com_chair", "Dr Psych",
	      "com_booked_date", "2026-11-21",
	      "com_invited", "[\"Parent carer\", \"Class teacher\"]",
	      "com_held_date", "2026-12-07",
	      "com_attended", "[\"Parent carer\"]",
	      "outcomes", "[{\"area\":\"ci\",\"outcome\":\"asks for help\","
	      "\"provision\":\"therapy, weekly\",\"by\":\"2027-07-20\"},"
	      "{\"area\":\"sensory-and-physical\",\"outcome\":\"o\","
	      "\"provision\":\"p\",\"agreed\":\"2026-12-08\",\"by\":null}]",
	      "issue_decision", "issue", "issue_decision_date", "2026-12-15",
	      "draft_plan_date", "2026-12-21",
	      "comments_received_date", "2027-01-04",
	      "final_plan_date", "2027-01-11", "placement", "Oak School",
	      "exceptions", "[{\"reason\":\"absence\",\"from\":\"2026-11-02\","
	      "\"to\":\"2026-12-01\"},{\"reason\":\"school-closure\","
	      "\"from\":\"2026-10-01\"}]", NULL);

	assert_string_equal(row.c.source, "school");
	assert_string_equal(row.c.setting, "Oak School");
	assert_string_equal(row.c.aro, "Jo Officer");
	assert_string_equal(row.c.ep, "Dr Psych");
	assert_string_equal(row.note, "first line\nsecond, with a comma");
	assert_int_equal(row.c.assess, EHC_DECISION_YES);
	assert_int_equal(row.c.assess_date, day("2026-10-05"));
	assert_int_equal(row.c.advice[EHC_ADVICE_PARENT].requested,
			 day("2026-10-06"));
	assert_int_equal(row.c.advice[EHC_ADVICE_PARENT].received,
			 day("2026-10-20"));
	assert_int_equal(row.c.advice[EHC_ADVICE_SOCIAL_CARE].requested,
			 day("2026-10-07"));
	assert_int_equal(row.c.advice[EHC_ADVICE_SOCIAL_CARE].received,
			 EHC_DATE_NONE);
	assert_string_equal(row.c.com.at, "2026-12-07 10:00");
	assert_int_equal(row.c.com.minutes, 90);
	assert_string_equal(row.c.com.location, "Online");
	assert_string_equal(row.c.com.chair, "Dr Psych");
	assert_int_equal(row.c.com.booked, day("2026-11-21"));
	assert_int_equal(row.c.com.held, day("2026-12-07"));
	assert_int_equal(row.people_count[EHC_INVITED], 2);
	assert_string_equal(row.people[EHC_INVITED][1], "Class teacher");
	assert_int_equal(row.people_count[EHC_ATTENDED], 1);
	assert_string_equal(row.people[EHC_ATTENDED][0], "Parent carer");

	assert_int_equal(row.outcome_count, 2);
	assert_int_equal(row.outcomes[0].area, EHC_AREA_COMMUNICATION);
	assert_string_equal(row.outcomes[0].provision, "therapy, weekly");
	assert_int_equal(row.outcomes[0].by, day("2027-07-20"));
	assert_int_equal(row.outcomes[0].agreed, day("2026-12-07"));
	assert_int_equal(row.outcomes[1].area, EHC_AREA_SENSORY);
	assert_int_equal(row.outcomes[1].by, EHC_DATE_NONE);
	assert_int_equal(row.outcomes[1].agreed, day("2026-12-08"));

	assert_int_equal(row.c.issue, EHC_DECISION_YES);
	assert_int_equal(row.c.draft, day("2026-12-21"));
	assert_int_equal(row.c.comments, day("2027-01-04"));
	assert_int_equal(row.c.final, day("2027-01-11"));
	assert_string_equal(row.c.placement, "Oak School");
	assert_int_equal(row.exception_count, 2);
	assert_int_equal(row.exceptions[0].reason, EHC_EXCEPTION_ABSENCE);
	assert_int_equal(row.exceptions[0].to, day("2026-12-01"));
	assert_int_equal(row.exceptions[1].to, EHC_DATE_NONE);
	assert_int_equal(row.c.exception_from, day("2026-10-01"));
	assert_int_equal(row.c.stage, EHC_STAGE_PLAN_ISSUED);
	assert_int_equal(row.c.ended, day("2027-01-11"));
	ehc_import_row_release(&row);
}

static void
expect_stage(struct ehc_import_row *row, enum ehc_stage stage,
	     const char *ended)
{
	assert_string_equal(ehc_stage_names[row->c.stage],
			    ehc_stage_names[stage]);
	assert_int_equal(row->c.ended,
			 ended != NULL ? day(ended) : EHC_DATE_NONE);
}

#define ASSESSED "assess_decision", "assess", \
	"assess_decision_date", "2026-10-05"
#define HELD ASSESSED, "com_held_date", "2026-11-30"
#define ISSUE HELD, "issue_decision", "issue", \
	"issue_decision_date", "2026-12-15"
#define NO_ISSUE HELD, "issue_decision", "no-issue", \
	"issue_decision_date", "2026-12-15"
#define DRAFT ISSUE, "draft_plan_date", "2026-12-21"

/* The stage follows from the latest step, as recording each would give. */
static void
row_stage_from_steps(void **state)
{
	struct ehc_import_row row = { 0 };

	(void)state;
	VALID(&row, NULL);
	expect_stage(&row, EHC_STAGE_REQUESTED, NULL);
	VALID(&row, "assess_decision", "no-assess",
	      "assess_decision_date", "2026-10-05", NULL);
	expect_stage(&row, EHC_STAGE_NOT_ASSESSED, "2026-10-05");
	VALID(&row, ASSESSED, NULL);
	expect_stage(&row, EHC_STAGE_ASSESSMENT, NULL);
	VALID(&row, HELD, NULL);
	expect_stage(&row, EHC_STAGE_COM_HELD, NULL);
	VALID(&row, ISSUE, NULL);
	expect_stage(&row, EHC_STAGE_DRAFTING, NULL);
	VALID(&row, DRAFT, NULL);
	expect_stage(&row, EHC_STAGE_DRAFT_SERVED, NULL);
	VALID(&row, DRAFT, "final_plan_date", "2027-01-11",
	      "placement", "Oak School", NULL);
	expect_stage(&row, EHC_STAGE_PLAN_ISSUED, "2027-01-11");
	VALID(&row, NO_ISSUE, NULL);
	expect_stage(&row, EHC_STAGE_SUPPORT_MEETING, NULL);
	VALID(&row, NO_ISSUE, "support_meeting_date", "2027-01-20", NULL);
	expect_stage(&row, EHC_STAGE_SUPPORT_AGREED, "2027-01-20");
	VALID(&row, DRAFT, "withdrawn_date", "2027-01-02", NULL);
	expect_stage(&row, EHC_STAGE_WITHDRAWN, "2027-01-02");
	assert_null(row.c.withdraw_reason);
	VALID(&row, "withdrawn_date", "2026-09-02",
	      "withdraw_reason", "moved away", NULL);
	expect_stage(&row, EHC_STAGE_WITHDRAWN, "2026-09-02");
	assert_string_equal(row.c.withdraw_reason, "moved away");
	ehc_import_row_release(&row);
}

static void
row_missing_required(void **state)
{
	struct ehc_import_row row = { 0 };
	struct messages m = { .count = 0 };

	(void)state;
	assert_int_equal(check(&row, &m, "ref", NULL, "received", NULL,
			       NULL), EHC_DATAERR);
	assert_int_equal(m.count, 2);
	assert_string_equal(m.text[0], "column 'ref': missing value; every "
			    "case needs one");
	assert_string_equal(m.text[1], "column 'received': missing value; "
			    "every case needs one");
	INVALID(&row, "column 'child_name': missing value",
		"child_name", "", NULL);
	INVALID(&row, "column 'date_of_birth': missing value",
		"date_of_birth", NULL, NULL);
	ehc_import_row_release(&row);
}

/* Every problem with a value is reported, not only the first. */
static void
row_reports_each_value(void **state)
{
	struct ehc_import_row row = { 0 };
	struct messages m = { .count = 0 };

	(void)state;
	assert_int_equal(check(&row, &m, "received", "2026-02-30",
			       "source", "mum", NULL), EHC_DATAERR);
	assert_int_equal(m.count, 2);
	assert_string_equal(m.text[0], "column 'received': '2026-02-30' is "
			    "not a valid date: February has 28 days, or 29 in "
			    "a leap year");
	assert_string_equal(m.text[1], "column 'source': 'mum' is not one of "
			    "parent, young-person, school, health, "
			    "social-care or other");
	ehc_import_row_release(&row);
}

static void
row_dates(void **state)
{
	struct ehc_import_row row = { 0 };
	struct messages m = { .count = 0 };

	(void)state;
	INVALID(&row, "column 'received': '2026-04-31' is not a valid date: "
		"April has 30 days", "received", "2026-04-31", NULL);
	INVALID(&row, "column 'received': '01/09/2026' is not a valid date: "
		"expected YYYY-MM-DD; for dd/mm/yyyy dates use --date-format "
		"dmy", "received", "01/09/2026", NULL);
	INVALID(&row, "column 'received': '2027-06-02' is after today "
		"(2027-06-01)", "received", "2027-06-02", NULL);
	INVALID(&row, "column 'assess_decision_date': ' 2026-10-05' is not "
		"a valid date", ASSESSED, "assess_decision_date",
		" 2026-10-05", NULL);

	assert_int_equal(check_style(&row, &m, EHC_DATES_DMY,
				     "date_of_birth", "5/11/2015",
				     "received", "01/04/2026", NULL), EHC_OK);
	assert_int_equal(row.c.dob, day("2015-11-05"));
	assert_int_equal(row.c.received, day("2026-04-01"));
	assert_int_equal(check_style(&row, &m, EHC_DATES_DMY,
				     "date_of_birth", "05/11/2015",
				     "received", "01/04/26", NULL),
			 EHC_DATAERR);
	has_message(&m, "column 'received': '01/04/26' is not a valid date: "
		    "two-digit years are not accepted");
	assert_int_equal(check_style(&row, &m, EHC_DATES_DMY,
				     "date_of_birth", "05/11/2015",
				     "received", "29/02/2026", NULL),
			 EHC_DATAERR);
	has_message(&m, "'29/02/2026' is not a valid date: February 29");
	assert_int_equal(check_style(&row, &m, EHC_DATES_DMY,
				     "date_of_birth", "05/11/2015",
				     "received", "2026-04-01", NULL),
			 EHC_DATAERR);
	has_message(&m, "'2026-04-01' is not a valid date: expected "
		    "dd/mm/yyyy");
	ehc_import_row_release(&row);
}

static void
row_text_values(void **state)
{
	struct ehc_import_row row = { 0 };
	char long_name[300];

	(void)state;
	INVALID(&row, "column 'ref': 'R 1' is not a valid reference",
		"ref", "R 1", NULL);
	INVALID(&row, "column 'ref': '../x' is not a valid reference",
		"ref", "../x", NULL);
	INVALID(&row, "column 'child_name': ' Ann' starts or ends with a "
		"space", "child_name", " Ann", NULL);
	INVALID(&row, "column 'setting': '   ' is blank", "setting", "   ",
		NULL);
	INVALID(&row, "column 'aro': 'Jo\tOfficer' holds a control "
		"character", "aro", "Jo\tOfficer", NULL);
	INVALID(&row, "holds a bidirectional formatting character",
		"ep", "Dr \xe2\x80\xae" "Psych", NULL);
	INVALID(&row, "column 'notes': 'a\rb' holds control character 0x0d "
		"at byte 2", "notes", "a\rb", NULL);
	INVALID(&row, "holds bytes that are not UTF-8", "notes", "caf\xe9",
		NULL);
	VALID(&row, "notes", "tab\tand\nline", "child_name", "-Ann", NULL);
	assert_string_equal(row.c.child, "-Ann");

	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	INVALID(&row, "...' is too long: 299 bytes, the maximum is 200",
		"child_name", long_name, NULL);
	ehc_import_row_release(&row);
}

/* A value quoted in a message is cut short, and never inside a character. */
static void
row_long_value_cut(void **state)
{
	struct ehc_import_row row = { 0 };
	struct messages m = { .count = 0 };
	char value[200];

	(void)state;
	snprintf(value, sizeof(value), "%s", "x");
	for (int i = 0; i < 40; i++)
		strcat(value, "\xc3\xa9");	/* é, two bytes */
	assert_int_equal(check(&row, &m, "source", value, NULL),
			 EHC_DATAERR);
	assert_non_null(strstr(m.text[0], "...' is not one of"));
	assert_null(strstr(m.text[0], "x\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9"
			   "\xc3\xa9\xc3\xa9\xc3\xa9"));
	assert_null(strstr(m.text[0], "\xc3."));
	ehc_import_row_release(&row);
}

static void
row_choices(void **state)
{
	struct ehc_import_row row = { 0 };

	(void)state;
	INVALID(&row, "column 'assess_decision': 'yes' is not one of assess "
		"or no-assess", "assess_decision", "yes",
		"assess_decision_date", "2026-10-05", NULL);
	INVALID(&row, "column 'issue_decision': 'Issue' is not one of issue "
		"or no-issue", HELD, "issue_decision", "Issue",
		"issue_decision_date", "2026-12-15", NULL);
	INVALID(&row, "column 'com_at': '2026-12-07 25:00' is not a valid "
		"COM time", ASSESSED, "com_at", "2026-12-07 25:00",
		"com_booked_date", "2026-11-21", NULL);
	INVALID(&row, "column 'com_at': '2026-12-07T10:00' is not a valid "
		"COM time", ASSESSED, "com_at", "2026-12-07T10:00",
		"com_booked_date", "2026-11-21", NULL);
	for (const char *const *m = (const char *const[]){ "14", "481", "090",
	     "-5", "2h", "99999", NULL }; *m != NULL; m++)
		INVALID(&row, "is not a whole number of minutes from 15 to 480",
			ASSESSED, "com_at", "2026-12-07 10:00",
			"com_booked_date", "2026-11-21", "com_minutes", *m,
			NULL);
	ehc_import_row_release(&row);
}

static void
row_lists(void **state)
{
	struct ehc_import_row row = { 0 };
	char many[2048] = "[";

	(void)state;
	INVALID(&row, "column 'com_invited': not a valid JSON list: byte 1: "
		"expected '[' to start the list", ASSESSED,
		"com_at", "2026-12-07 10:00", "com_booked_date", "2026-11-21",
		"com_invited", "Mum, Dad", NULL);
	INVALID(&row, "column 'com_attended': name 2, ' Dad', starts or ends "
		"with a space", HELD, "com_attended", "[\"Mum\",\" Dad\"]",
		NULL);
	for (int i = 0; i < 51; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many),
			 "%s\"P%d\"", i ? "," : "", i);
	strcat(many, "]");
	INVALID(&row, "column 'com_attended': 51 names, but a COM list holds "
		"at most 50", HELD, "com_attended", many, NULL);
	INVALID(&row, "column 'outcomes': not a valid JSON list: byte 3: "
		"unknown member 'aera'; expected area, outcome, provision, by "
		"or agreed", HELD, "outcomes", "[{\"aera\":\"ci\"}]", NULL);
	INVALID(&row, "column 'outcomes': outcome 1: missing 'area'",
		HELD, "outcomes", "[{\"outcome\":\"o\",\"provision\":\"p\"}]",
		NULL);
	INVALID(&row, "column 'outcomes': outcome 2: 'area': 'maths' is not "
		"one of communication-and-interaction", HELD, "outcomes",
		"[{\"area\":\"cl\",\"outcome\":\"o\",\"provision\":\"p\"},"
		"{\"area\":\"maths\",\"outcome\":\"o\",\"provision\":\"p\"}]",
		NULL);
	INVALID(&row, "column 'outcomes': outcome 1: missing 'provision'",
		HELD, "outcomes", "[{\"area\":\"cl\",\"outcome\":\"o\"}]",
		NULL);
	INVALID(&row, "column 'outcomes': outcome 1: 'by': '2027-02-29' is not "
		"a valid date", HELD, "outcomes", "[{\"area\":\"cl\","
		"\"outcome\":\"o\",\"provision\":\"p\",\"by\":\"2027-02-29\"}]",
		NULL);
	INVALID(&row, "column 'exceptions': exception 1: 'reason': "
		"'illness' is not one of school-closure, early-years-closure, "
		"personal-circumstances or absence", "exceptions",
		"[{\"reason\":\"illness\",\"from\":\"2026-10-01\"}]", NULL);
	INVALID(&row, "column 'exceptions': exception 1: missing 'from'",
		"exceptions", "[{\"reason\":\"absence\"}]", NULL);
	INVALID(&row, "column 'exceptions': exception 1: 'to': '2026-10-01' "
		"is before 'from' (2026-10-02)", "exceptions",
		"[{\"reason\":\"absence\",\"from\":\"2026-10-02\","
		"\"to\":\"2026-10-01\"}]", NULL);
	INVALID(&row, "column 'exceptions': exception 1: 'from': "
		"'2027-07-01' is after today", "exceptions",
		"[{\"reason\":\"absence\",\"from\":\"2027-07-01\"}]", NULL);
	VALID(&row, "exceptions", "[{\"reason\":\"absence\","
	      "\"from\":\"2026-10-02\",\"to\":\"2027-09-01\"}]", NULL);
	VALID(&row, HELD, "com_attended", " [ ] ", NULL);
	assert_int_equal(row.people_count[EHC_ATTENDED], 0);
	ehc_import_row_release(&row);
}

/* Each step needs the ones before it, as entering it by hand would. */
static void
row_step_rules(void **state)
{
	struct ehc_import_row row = { 0 };

	(void)state;
	INVALID(&row, "column 'assess_decision' needs a value in column "
		"'assess_decision_date'", "assess_decision", "assess", NULL);
	INVALID(&row, "column 'assess_decision_date' needs a value in column "
		"'assess_decision'", "assess_decision_date", "2026-10-05",
		NULL);
	INVALID(&row, "column 'advice_health_requested' needs column "
		"'assess_decision' to be 'assess'",
		"advice_health_requested", "2026-10-06", NULL);
	INVALID(&row, "column 'advice_social_care_received' needs a value in "
		"column 'advice_social_care_requested'", ASSESSED,
		"advice_social_care_received", "2026-10-06", NULL);
	INVALID(&row, "column 'com_held_date' needs column 'assess_decision' "
		"to be 'assess'", "assess_decision", "no-assess",
		"assess_decision_date", "2026-10-05",
		"com_held_date", "2026-11-30", NULL);
	INVALID(&row, "column 'com_at' needs a value in column "
		"'com_booked_date'", ASSESSED, "com_at", "2026-12-07 10:00",
		NULL);
	INVALID(&row, "column 'com_booked_date' needs a value in column "
		"'com_at'", ASSESSED, "com_booked_date", "2026-11-21", NULL);
	INVALID(&row, "column 'com_chair' needs a value in column 'com_at'",
		HELD, "com_chair", "Dr Psych", NULL);
	INVALID(&row, "column 'com_invited' needs a value in column 'com_at'",
		HELD, "com_invited", "[\"Mum\"]", NULL);
	INVALID(&row, "column 'com_attended' needs a value in column "
		"'com_held_date'", ASSESSED, "com_attended", "[\"Mum\"]",
		NULL);
	INVALID(&row, "column 'outcomes' needs a value in column "
		"'com_held_date'", ASSESSED, "outcomes", "[{\"area\":\"cl\","
		"\"outcome\":\"o\",\"provision\":\"p\"}]", NULL);
	INVALID(&row, "column 'issue_decision' needs a value in column "
		"'com_held_date'", ASSESSED, "issue_decision", "issue",
		"issue_decision_date", "2026-12-15", NULL);
	INVALID(&row, "column 'draft_plan_date' needs column "
		"'issue_decision' to be 'issue'", NO_ISSUE,
		"draft_plan_date", "2026-12-21", NULL);
	INVALID(&row, "column 'support_meeting_date' needs column "
		"'issue_decision' to be 'no-issue'", ISSUE,
		"support_meeting_date", "2027-01-20", NULL);
	INVALID(&row, "column 'comments_received_date' needs a value in "
		"column 'draft_plan_date'", ISSUE,
		"comments_received_date", "2027-01-04", NULL);
	INVALID(&row, "column 'final_plan_date' needs a value in column "
		"'draft_plan_date'", ISSUE, "final_plan_date", "2027-01-11",
		"placement", "Oak School", NULL);
	INVALID(&row, "column 'final_plan_date' needs a value in column "
		"'placement'", DRAFT, "final_plan_date", "2027-01-11", NULL);
	INVALID(&row, "column 'placement' needs a value in column "
		"'final_plan_date'", DRAFT, "placement", "Oak School", NULL);
	INVALID(&row, "column 'withdrawn_date': the case has already ended "
		"by column 'final_plan_date'", DRAFT,
		"final_plan_date", "2027-01-11", "placement", "Oak School",
		"withdrawn_date", "2027-01-12", NULL);
	INVALID(&row, "ended by column 'support_meeting_date'", NO_ISSUE,
		"support_meeting_date", "2027-01-20",
		"withdrawn_date", "2027-01-21", NULL);
	INVALID(&row, "ended by column 'assess_decision'",
		"assess_decision", "no-assess",
		"assess_decision_date", "2026-10-05",
		"withdrawn_date", "2026-10-06", NULL);
	INVALID(&row, "column 'withdraw_reason' needs a value in column "
		"'withdrawn_date'", "withdraw_reason", "moved away", NULL);
	ehc_import_row_release(&row);
}

/* The request's checks and the order of the dates apply as by hand. */
static void
row_case_checks(void **state)
{
	struct ehc_import_row row = { 0 };

	(void)state;
	INVALID(&row, "column 'received': '2026-09-01' is before column "
		"'date_of_birth' (2026-09-02)", "date_of_birth", "2026-09-02",
		NULL);
	INVALID(&row, "column 'date_of_birth': '2000-08-31' makes the child "
		"26 on the received date (2026-09-01), and EHC plans cover "
		"ages 0 to 25", "date_of_birth", "2000-08-31", NULL);
	VALID(&row, "date_of_birth", "2000-09-02", NULL);
	INVALID(&row, "column 'assess_decision_date': '2026-08-31' is before "
		"column 'received' (2026-09-01)", "assess_decision", "assess",
		"assess_decision_date", "2026-08-31", NULL);
	INVALID(&row, "column 'advice_other_requested': '2026-10-04' is "
		"before column 'assess_decision_date' (2026-10-05)", ASSESSED,
		"advice_other_requested", "2026-10-04", NULL);
	INVALID(&row, "column 'advice_other_received': '2026-10-05' is "
		"before column 'advice_other_requested' (2026-10-06)",
		ASSESSED, "advice_other_requested", "2026-10-06",
		"advice_other_received", "2026-10-05", NULL);
	INVALID(&row, "column 'com_held_date': '2026-11-20' is before column "
		"'com_booked_date' (2026-11-21)", ASSESSED,
		"com_at", "2026-11-20 10:00", "com_booked_date", "2026-11-21",
		"com_held_date", "2026-11-20", NULL);
	INVALID(&row, "column 'com_at': '2026-10-04 10:00' is before column "
		"'assess_decision_date' (2026-10-05)", ASSESSED,
		"com_at", "2026-10-04 10:00", "com_booked_date", "2026-10-05",
		NULL);
	INVALID(&row, "column 'com_held_date': '2026-11-27' is before the "
		"day in column 'com_at' (2026-11-30)", ASSESSED,
		"com_at", "2026-11-30 10:00", "com_booked_date", "2026-11-21",
		"com_held_date", "2026-11-27", NULL);
	INVALID(&row, "column 'issue_decision_date': '2026-11-29' is before "
		"column 'com_held_date' (2026-11-30)", HELD,
		"issue_decision", "issue", "issue_decision_date", "2026-11-29",
		NULL);
	INVALID(&row, "column 'final_plan_date': '2027-01-04' is inside the "
		"parent's time to comment on the draft plan, which lasts until "
		"2027-01-04, and column 'comments_received_date' shows no "
		"reply by then", DRAFT, "final_plan_date", "2027-01-04",
		"placement", "Oak School", NULL);
	VALID(&row, DRAFT, "final_plan_date", "2027-01-05",
	      "placement", "Oak School", NULL);
	VALID(&row, DRAFT, "comments_received_date", "2026-12-28",
	      "final_plan_date", "2027-01-02", "placement", "Oak School",
	      NULL);
	INVALID(&row, "column 'final_plan_date': '2027-01-02' is inside",
		DRAFT, "comments_received_date", "2027-01-03",
		"final_plan_date", "2027-01-02", "placement", "Oak School",
		NULL);
	INVALID(&row, "column 'withdrawn_date': '2026-11-29' is before column "
		"'com_held_date' (2026-11-30), and a withdrawal ends the case",
		HELD, "withdrawn_date", "2026-11-29", NULL);
	INVALID(&row, "column 'withdrawn_date': '2026-09-30' is before column "
		"'exceptions' (2026-10-01)", "withdrawn_date", "2026-09-30",
		"exceptions", "[{\"reason\":\"absence\","
		"\"from\":\"2026-10-01\"}]", NULL);
	INVALID(&row, "column 'exceptions': exception 1: 'from' is before "
		"column 'received' (2026-09-01)", "exceptions",
		"[{\"reason\":\"absence\",\"from\":\"2026-08-01\"}]", NULL);
	INVALID(&row, "column 'outcomes': outcome 1: 'agreed': '2026-11-29' "
		"is before column 'com_held_date' (2026-11-30)", HELD,
		"outcomes", "[{\"area\":\"cl\",\"outcome\":\"o\","
		"\"provision\":\"p\",\"agreed\":\"2026-11-29\"}]", NULL);
	INVALID(&row, "column 'outcomes': outcome 1: 'by': '2026-11-29' is "
		"before the day it was agreed (2026-11-30)", HELD,
		"outcomes", "[{\"area\":\"cl\",\"outcome\":\"o\","
		"\"provision\":\"p\",\"by\":\"2026-11-29\"}]", NULL);
	ehc_import_row_release(&row);
}

/* The dates are shown as the file gives them, here dd/mm/yyyy. */
static void
row_order_dmy(void **state)
{
	struct ehc_import_row row = { 0 };
	struct messages m = { .count = 0 };

	(void)state;
	assert_int_equal(check_style(&row, &m, EHC_DATES_DMY,
				     "date_of_birth", "1/1/2016",
				     "received", "1/9/2026",
				     "assess_decision", "assess",
				     "assess_decision_date", "31/8/2026",
				     NULL), EHC_DATAERR);
	assert_string_equal(m.text[0], "column 'assess_decision_date': "
			    "'31/8/2026' is before column 'received' "
			    "(2026-09-01)");
	ehc_import_row_release(&row);
}

/* What the steps would fill in when a file leaves it out. */
static void
row_defaults(void **state)
{
	struct ehc_import_row row = { 0 };

	(void)state;
	VALID(&row, ASSESSED, "com_at", "2026-12-07 10:00",
	      "com_booked_date", "2026-11-21",
	      "com_invited", "[\"Mum\",\"Teacher\"]",
	      "com_held_date", "2026-12-07", NULL);
	assert_int_equal(row.c.com.minutes, config->com_minutes);
	assert_int_equal(row.people_count[EHC_ATTENDED], 2);
	assert_string_equal(row.people[EHC_ATTENDED][1], "Teacher");
	ehc_import_row_release(&row);
}

static void
jsoncell_strings(void **state)
{
	struct ehc_jsoncell cell = { 0 };
	char reason[256];

	(void)state;
	assert_int_equal(ehc_jsoncell_parse(&cell, " [ \"a\\\"b\" , "
			 "\"\\u00e9\\ud83d\\ude00\\n\\/\" ] ", NULL, reason,
			 sizeof(reason)), EHC_OK);
	assert_int_equal(cell.items, 2);
	assert_string_equal(ehc_jsoncell_get(&cell, 0, 0), "a\"b");
	assert_string_equal(ehc_jsoncell_get(&cell, 1, 0),
			    "\xc3\xa9\xf0\x9f\x98\x80\n/");
	assert_int_equal(ehc_jsoncell_parse(&cell, "[]", NULL, reason,
					    sizeof(reason)), EHC_OK);
	assert_int_equal(cell.items, 0);
	ehc_jsoncell_release(&cell);
}

static void
jsoncell_rejects(void **state)
{
	static const struct {
		const char *text;
		const char *reason;
	} cases[] = {
		{ "", "byte 1: expected '[' to start the list" },
		{ "[\"a\",]", "byte 6: expected a string" },
		{ "[\"a\"] x", "byte 7: unexpected text after the list" },
		{ "[\"a\" \"b\"]", "byte 6: expected ',' or ']'" },
		{ "[\"a", "byte 2: string is not closed" },
		{ "[\"\\u0000\"]", "\\u0000 is not allowed" },
		{ "[\"\\ud83d\"]", "high surrogate \\ud83d without a low" },
		{ "[\"\\ude00\"]", "lone low surrogate" },
		{ "[\"\\x\"]", "byte 3: invalid escape" },
		{ "[\"\\u12\"]", "expected four hex digits" },
		{ "[\"a\tb\"]", "control character 0x09 in a string" },
		{ "[1]", "expected a string" },
		{ "[[\"a\"]]", "expected a string" },
	};
	struct ehc_jsoncell cell = { 0 };
	char reason[256];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		assert_int_equal(ehc_jsoncell_parse(&cell, cases[i].text,
						    NULL, reason, sizeof(reason)),
				 EHC_DATAERR);
		if (strstr(reason, cases[i].reason) == NULL)
			fail_msg("'%s': '%s' lacks '%s'", cases[i].text, reason,
				 cases[i].reason);
	}
	ehc_jsoncell_release(&cell);
}

static void
jsoncell_objects(void **state)
{
	static const char *const keys[] = { "a", "b", NULL };
	struct ehc_jsoncell cell = { 0 };
	char reason[256];

	(void)state;
	assert_int_equal(ehc_jsoncell_parse(&cell, "[{\"b\":\"2\",\"a\":null},"
			 "{},{\"a\":\"x\"}]", keys, reason, sizeof(reason)), EHC_OK);
	assert_int_equal(cell.items, 3);
	assert_null(ehc_jsoncell_get(&cell, 0, 0));
	assert_string_equal(ehc_jsoncell_get(&cell, 0, 1), "2");
	assert_null(ehc_jsoncell_get(&cell, 1, 1));
	assert_string_equal(ehc_jsoncell_get(&cell, 2, 0), "x");
	assert_int_equal(ehc_jsoncell_parse(&cell,
					    "[{\"a\":\"1\",\"a\":\"2\"}]", keys,
					    reason, sizeof(reason)),
			 EHC_DATAERR);
	assert_string_equal(reason, "byte 11: member 'a' is given twice");
	assert_int_equal(ehc_jsoncell_parse(&cell, "[{\"a\":1}]", keys, reason,
					    sizeof(reason)), EHC_DATAERR);
	assert_string_equal(reason, "byte 7: member 'a' must be a string or "
			    "null");
	assert_int_equal(ehc_jsoncell_parse(&cell, "[\"a\"]", keys, reason,
					    sizeof(reason)), EHC_DATAERR);
	assert_string_equal(reason, "byte 2: expected an object");
	ehc_jsoncell_release(&cell);
}

static void
column_names_matched(void **state)
{
	(void)state;
	assert_int_equal(ehc_transfer_column_find("ref"), 0);
	assert_int_equal(ehc_transfer_column_find("  Child_Name\t"), 1);
	assert_int_equal(ehc_transfer_column_find("RECEIVED"), 3);
	assert_int_equal(ehc_transfer_column_find("reff"), -1);
	assert_int_equal(ehc_transfer_column_find(""), -1);
	assert_int_equal(ehc_transfer_column_find("child name"), -1);
	assert_int_equal(ehc_import_format_of("a.jsonl"), EHC_FORMAT_JSONL);
	assert_int_equal(ehc_import_format_of("a.JSONL"), EHC_FORMAT_JSONL);
	assert_int_equal(ehc_import_format_of("a.csv"), EHC_FORMAT_CSV);
	assert_int_equal(ehc_import_format_of("-"), EHC_FORMAT_CSV);
	assert_int_equal(ehc_import_format_of("cases"), EHC_FORMAT_CSV);
}

/* A store in a temporary directory, for importing whole files. */
struct fixture {
	char dir[64];
	char path[96];
	struct ehc_store *store;
};

static int
setup_store(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ehc_error err = { 0 };

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/ehc-import.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/ehc.db", f->dir);
	if (ehc_store_open(&f->store, f->path, EHC_STORE_WRITE, &err) != 0)
		return -1;
	*state = f;
	return 0;
}

static void
remove_store(const char *path)
{
	char name[128];

	unlink(path);
	snprintf(name, sizeof(name), "%s-wal", path);
	unlink(name);
	snprintf(name, sizeof(name), "%s-shm", path);
	unlink(name);
}

static int
teardown_store(void **state)
{
	struct fixture *f = *state;

	ehc_store_close(f->store);
	remove_store(f->path);
	rmdir(f->dir);
	free(f);
	return 0;
}

/* Imports text as a file called name, filling counts and the messages. */
static int
import_text(struct ehc_store *store, const char *name, const char *text,
	    bool skip, bool dry_run, struct ehc_import_counts *counts,
	    struct messages *m, struct ehc_error *err)
{
	struct ehc_import_options o = {
		.name = name, .format = ehc_import_format_of(name),
		.dates = EHC_DATES_ISO, .skip_duplicates = skip,
		.dry_run = dry_run, .today = day(TODAY), .config = config,
		.report = collect, .context = m,
	};
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int status;

	assert_non_null(in);
	m->count = 0;
	status = ehc_import(store, in, &o, counts, err);
	fclose(in);
	return status;
}

static int
count_case(const struct ehc_case *c, void *context)
{
	(void)c;
	(*(int *)context)++;
	return EHC_OK;
}

static int
case_count(struct ehc_store *store)
{
	struct ehc_error err = { 0 };
	int count = 0;

	assert_int_equal(ehc_store_each_case(store, NULL, count_case, &count,
					     &err), EHC_OK);
	return count;
}

#define HEADER "ref,child_name,date_of_birth,received\n"

static void
file_header_errors(void **state)
{
	static const struct {
		const char *text;
		const char *message;
	} cases[] = {
		{ "reff,child_name,date_of_birth,received\n",
		  "c.csv: unknown column 'reff'; did you mean 'ref'? expected "
		  "ref, child_name, date_of_birth, received, source," },
		{ "ref,child_name,date_of_birth,received,frobnicate\n",
		  "c.csv: unknown column 'frobnicate'; expected ref," },
		{ "ref,child_name,received\n",
		  "c.csv: missing column 'date_of_birth'; every file needs "
		  "ref, child_name, date_of_birth and received" },
		{ "ref,child_name,date_of_birth,received, REF \n",
		  "c.csv: column 'ref' is named twice in the header, as fields "
		  "1 and 5" },
		{ "ref,,child_name,date_of_birth,received\n",
		  "c.csv: field 2 of the header has no column name" },
	};
	struct fixture *f = *state;
	struct ehc_import_counts counts;
	struct ehc_error err = { 0 };
	struct messages m;

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		assert_int_equal(import_text(f->store, "c.csv", cases[i].text,
					     false, false, &counts, &m, &err),
				 EHC_DATAERR);
		if (strstr(err.message, cases[i].message) == NULL)
			fail_msg("'%s' lacks '%s'", err.message,
				 cases[i].message);
		assert_int_equal(m.count, 0);
	}
	assert_int_equal(import_text(f->store, "c.csv", "", false, false,
				     &counts, &m, &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "missing column 'ref'"));
	assert_int_equal(import_text(f->store, "c.csv",
				     "ref,child_name,date_of_birth,received\n",
				     false, false, &counts, &m, &err), EHC_OK);
	assert_int_equal(counts.rows, 0);
	assert_int_equal(case_count(f->store), 0);
}

static void
file_all_or_nothing(void **state)
{
	struct fixture *f = *state;
	struct ehc_import_counts counts;
	struct ehc_error err = { 0 };
	struct messages m;

	assert_int_equal(import_text(f->store, "c.csv", HEADER
				     "A-1,Ann,2016-01-01,2026-09-01\n"
				     "A-2,Bob,2016-01-01,2026-02-30\n"
				     "A-3,Cy,2016-01-01,2026-09-03,extra\n"
				     "a-1,Di,2016-01-01,2026-09-04\n"
				     "A-5,Ed,2016-01-01,2026-09-05\n",
				     false, false, &counts, &m, &err),
			 EHC_DATAERR);
	assert_string_equal(err.message, "");
	assert_int_equal(counts.rows, 5);
	assert_int_equal(counts.invalid, 3);
	assert_int_equal(m.count, 3);
	assert_string_equal(m.text[0], "c.csv:3: column 'received': "
			    "'2026-02-30' is not a valid date: February has "
			    "28 days, or 29 in a leap year");
	assert_string_equal(m.text[1], "c.csv:4: field 5 holds a value, but "
			    "the header names only 4 columns");
	assert_string_equal(m.text[2], "c.csv:5: column 'ref': 'a-1' is "
			    "already used by case 'A-1', and references "
			    "ignore case");
	assert_int_equal(case_count(f->store), 0);

	assert_int_equal(import_text(f->store, "c.csv", HEADER
				     "A-1,Ann,2016-01-01,2026-09-01,,\n"
				     ",,,,,\n"
				     "A-2,Bob,2016-01-01,2026-09-02\n",
				     false, true, &counts, &m, &err), EHC_OK);
	assert_int_equal(counts.rows, 2);
	assert_int_equal(counts.imported, 2);
	assert_int_equal(case_count(f->store), 0);
}

static void
file_duplicates_skipped(void **state)
{
	struct fixture *f = *state;
	struct ehc_import_counts counts;
	struct ehc_error err = { 0 };
	struct messages m;
	const char *text = HEADER "A-1,Ann,2016-01-01,2026-09-01\n"
			   "A-2,Bob,2016-01-01,2026-09-02\n"
			   "A-2,Bob,2016-01-01,2026-09-02\n";

	assert_int_equal(import_text(f->store, "c.csv", text, false, false,
				     &counts, &m, &err), EHC_DATAERR);
	assert_string_equal(m.text[0], "c.csv:4: column 'ref': 'A-2' is "
			    "already used by another case");
	assert_int_equal(import_text(f->store, "c.csv", text, true, false,
				     &counts, &m, &err), EHC_OK);
	assert_int_equal(counts.imported, 2);
	assert_int_equal(counts.skipped, 1);
	assert_int_equal(import_text(f->store, "c.csv", text, true, false,
				     &counts, &m, &err), EHC_OK);
	assert_int_equal(counts.imported, 0);
	assert_int_equal(counts.skipped, 3);
	assert_int_equal(case_count(f->store), 2);
}

static void
file_reader_errors(void **state)
{
	struct fixture *f = *state;
	struct ehc_import_counts counts;
	struct ehc_error err = { 0 };
	struct messages m;

	assert_int_equal(import_text(f->store, "c.csv", HEADER
				     "A-1,Ann,2016-01-01,2026-02-30\n"
				     "A-2,Zo\xeb,2016-01-01,2026-09-02\n",
				     false, false, &counts, &m, &err),
			 EHC_DATAERR);
	assert_int_equal(m.count, 1);
	assert_string_equal(err.message, "c.csv:3: byte 7 (0xeb) is not valid "
			    "UTF-8; save the file as UTF-8");
	assert_int_equal(import_text(f->store, "-", HEADER
				     "A-1,\"Ann,2016-01-01,2026-09-01\n",
				     false, false, &counts, &m, &err),
			 EHC_DATAERR);
	assert_string_equal(err.message, "-:2: field 2 has an unterminated "
			    "quote");
	assert_int_equal(case_count(f->store), 0);
}

static void
file_jsonl(void **state)
{
	struct fixture *f = *state;
	struct ehc_import_counts counts;
	struct ehc_error err = { 0 };
	struct messages m;

	assert_int_equal(import_text(f->store, "c.jsonl",
				     "{\"ref\":\"J-1\",\"child_name\":\"Ann\","
				     "\"date_of_birth\":\"2016-01-01\","
				     "\"received\":\"2026-09-01\","
				     "\"com_minutes\":null,\"notes\":\"\"}\n"
				     "{\"ref\":\"J-2\",\"Ref\":\"J-3\"}\n"
				     "{\"reff\":\"J-4\"}\n"
				     "{\"ref\":\"J-5\",\"received\":1}\n",
				     false, false, &counts, &m, &err),
			 EHC_DATAERR);
	assert_int_equal(counts.invalid, 3);
	assert_string_equal(m.text[0], "c.jsonl:2: column 'ref' is given "
			    "twice, as 'ref' and 'Ref'");
	has_message(&m, "c.jsonl:3: unknown column 'reff'; did you mean "
		    "'ref'? expected ref, child_name,");
	has_message(&m, "c.jsonl:4: column 'received': 1 is not text; "
		    "write it in double quotes");
	assert_int_equal(import_text(f->store, "c.jsonl",
				     "{\"ref\":\"J-1\",\"child_name\":\"Ann\","
				     "\"date_of_birth\":\"2016-01-01\","
				     "\"received\":\"2026-09-01\"}",
				     false, false, &counts, &m, &err), EHC_OK);
	assert_int_equal(case_count(f->store), 1);
}

/* Exports store into memory; the caller frees the text. */
static char *
export_text(struct ehc_store *store, enum ehc_format format)
{
	struct ehc_error err = { 0 };
	char *text = NULL;
	size_t size = 0;
	FILE *out = open_memstream(&text, &size);

	assert_non_null(out);
	assert_int_equal(ehc_export(store, out, format, &err), EHC_OK);
	assert_int_equal(fclose(out), 0);
	return text;
}

/* A case with every kind of value, to go out and come back. */
static const char full_case[] =
	"ref,child_name,date_of_birth,received,source,notes,assess_decision,"
	"assess_decision_date,advice_health_requested,com_at,"
	"com_booked_date,com_invited,com_held_date,outcomes,issue_decision,"
	"issue_decision_date,withdrawn_date,exceptions\n"
	"X-1,\"-Ann \"\"Nan\"\" =1\",2016-01-01,2026-09-01,parent,"
	"\"line one\nline, two\",assess,2026-10-05,2026-10-06,"
	"2026-12-07 10:00,2026-11-21,\"[\"\"Mum\"\",\"\"@Dad\"\"]\","
	"2026-12-07,\"[{\"\"area\"\":\"\"semh\"\",\"\"outcome\"\":\"\"o\"\","
	"\"\"provision\"\":\"\"+p\"\"}]\",no-issue,2026-12-15,2027-01-02,"
	"\"[{\"\"reason\"\":\"\"absence\"\",\"\"from\"\":"
	"\"\"2026-11-01\"\"}]\"\n"
	"X-2,Bo,2016-01-01,2026-08-01,,,,,,,,,,,,,,\n";

static void
export_round_trip(void **state)
{
	struct fixture *f = *state;
	enum ehc_format formats[] = { EHC_FORMAT_CSV, EHC_FORMAT_JSONL };
	struct ehc_import_counts counts;
	struct ehc_error err = { 0 };
	struct messages m;
	char *first, *second;

	assert_int_equal(import_text(f->store, "c.csv", full_case, false,
				     false, &counts, &m, &err), EHC_OK);
	for (size_t i = 0; i < 2; i++) {
		struct fixture *g;

		first = export_text(f->store, formats[i]);
		assert_int_equal(setup_store((void **)&g), 0);
		assert_int_equal(import_text(g->store, i == 0 ? "e.csv" :
					     "e.jsonl", first, false, false,
					     &counts, &m, &err), EHC_OK);
		assert_int_equal(counts.imported, 2);
		second = export_text(g->store, formats[i]);
		assert_string_equal(first, second);
		teardown_store((void **)&g);
		free(second);
		if (i == 0) {
			assert_non_null(strstr(first, "\r\nX-2,Bo,"));
			assert_non_null(strstr(first, "\r\nX-1,\"-Ann "
					       "\"\"Nan\"\" =1\","));
		} else {
			assert_non_null(strstr(first, "\"com_minutes\":120,"));
			assert_non_null(strstr(first, "\"outcomes\":\"[{"));
		}
		free(first);
	}
}

static void
export_empty_store(void **state)
{
	struct fixture *f = *state;
	char *text = export_text(f->store, EHC_FORMAT_CSV);

	assert_string_equal(text, "");
	free(text);
}

#define STORE_TEST(name) \
	cmocka_unit_test_setup_teardown(name, setup_store, teardown_store)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(row_minimal),
		cmocka_unit_test(row_every_column),
		cmocka_unit_test(row_stage_from_steps),
		cmocka_unit_test(row_missing_required),
		cmocka_unit_test(row_reports_each_value),
		cmocka_unit_test(row_dates),
		cmocka_unit_test(row_text_values),
		cmocka_unit_test(row_long_value_cut),
		cmocka_unit_test(row_choices),
		cmocka_unit_test(row_lists),
		cmocka_unit_test(row_step_rules),
		cmocka_unit_test(row_case_checks),
		cmocka_unit_test(row_order_dmy),
		cmocka_unit_test(row_defaults),
		cmocka_unit_test(jsoncell_strings),
		cmocka_unit_test(jsoncell_rejects),
		cmocka_unit_test(jsoncell_objects),
		cmocka_unit_test(column_names_matched),
		STORE_TEST(file_header_errors),
		STORE_TEST(file_all_or_nothing),
		STORE_TEST(file_duplicates_skipped),
		STORE_TEST(file_reader_errors),
		STORE_TEST(file_jsonl),
		STORE_TEST(export_round_trip),
		STORE_TEST(export_empty_store),
	};

	return cmocka_run_group_tests(tests, setup_group, teardown_group);
}
