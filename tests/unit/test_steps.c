/* Unit tests for the steps of a case: order, dates, windows, corrections. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ehc/steps.h"

struct fixture {
	char dir[64];
	char path[96];
	struct ehc_store *store;
	struct ehc_config *config;
};

static ehc_date
day(const char *text)
{
	ehc_date date = EHC_DATE_NONE;

	assert_null(ehc_date_parse(text, &date));
	return date;
}

/* The day every step of these tests is recorded on. */
#define TODAY "2027-06-01"

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ehc_request req = {
		.ref = "T-1", .child = "Made-up Child",
		.dob = ehc_date_from_ymd(2016, 1, 1),
		.received = ehc_date_from_ymd(2026, 9, 1),
	};
	struct ehc_error err = { 0 };
	char ref[EHC_REF_MAX + 1];

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/ehc-steps.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/ehc.db", f->dir);
	f->config = ehc_config_create();
	if (f->config == NULL ||
	    ehc_store_open(&f->store, f->path, EHC_STORE_WRITE, &err) != 0 ||
	    ehc_case_request(f->store, &req, ehc_date_from_ymd(2027, 6, 1),
			     ref, &err) != 0)
		return -1;
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char path[128];

	ehc_store_close(f->store);
	ehc_config_destroy(f->config);
	unlink(f->path);
	snprintf(path, sizeof(path), "%s-wal", f->path);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", f->path);
	unlink(path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static struct ehc_step
make(enum ehc_step_kind kind, const char *date)
{
	return (struct ehc_step){
		.kind = kind, .date = day(date), .by = EHC_DATE_NONE,
		.from = EHC_DATE_NONE, .to = EHC_DATE_NONE,
	};
}

static int
run(struct fixture *f, const struct ehc_step *s, struct ehc_error *err)
{
	return ehc_case_step(f->store, f->config, "T-1", s, day(TODAY), NULL,
			     err);
}

/* Records a step that must succeed. */
static void
ok(struct fixture *f, struct ehc_step s)
{
	struct ehc_error err = { 0 };
	int status = run(f, &s, &err);

	if (status != EHC_OK)
		fail_msg("step %s: %s", ehc_step_name(s.kind), err.message);
}

/* Records a step that must fail with EHC_DATAERR and a message with text. */
static void
rejected(struct fixture *f, struct ehc_step s, const char *text)
{
	struct ehc_error err = { 0 };

	assert_int_equal(run(f, &s, &err), EHC_DATAERR);
	if (strstr(err.message, text) == NULL)
		fail_msg("'%s' lacks '%s'", err.message, text);
}

static int
copy_case(const struct ehc_case *c, void *context)
{
	return ehc_case_copy(context, c) ? EHC_OK : EHC_SOFTWARE;
}

static struct ehc_case
load(struct fixture *f)
{
	struct ehc_case c = ehc_case_empty();
	struct ehc_error err = { 0 };

	assert_int_equal(ehc_store_get_case(f->store, "T-1", copy_case, &c,
					    &err), EHC_OK);
	return c;
}

static enum ehc_stage
stage(struct fixture *f)
{
	struct ehc_case c = load(f);
	enum ehc_stage s = c.stage;

	ehc_case_release(&c);
	return s;
}

static int
count_event(const struct ehc_event *e, void *context)
{
	(void)e;
	(*(int *)context)++;
	return EHC_OK;
}

static int
events(struct fixture *f)
{
	struct ehc_error err = { 0 };
	int n = 0;

	assert_int_equal(ehc_store_each_event(f->store, "T-1", count_event,
					      &n, &err), EHC_OK);
	return n;
}

static struct ehc_step
decision(enum ehc_step_kind kind, enum ehc_decision d, const char *date)
{
	struct ehc_step s = make(kind, date);

	s.decision = d;
	return s;
}

static struct ehc_step
booking(const char *at, const char *date)
{
	struct ehc_step s = make(EHC_STEP_COM_BOOKED, date);

	s.com_at = at;
	return s;
}

static struct ehc_step
advice(enum ehc_step_kind kind, enum ehc_advice_source source,
       const char *date)
{
	struct ehc_step s = make(kind, date);

	s.advice = source;
	return s;
}

/* Takes the case to the COM held on 2026-11-30. */
static void
to_com_held(struct fixture *f)
{
	ok(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_YES,
		       "2026-10-05"));
	ok(f, advice(EHC_STEP_ADVICE_REQUESTED, EHC_ADVICE_HEALTH,
		     "2026-10-06"));
	ok(f, advice(EHC_STEP_ADVICE_RECEIVED, EHC_ADVICE_HEALTH,
		     "2026-11-10"));
	ok(f, booking("2026-11-30 10:00", "2026-11-01"));
	ok(f, make(EHC_STEP_COM_HELD, "2026-11-30"));
}

static void
step_path_to_final_plan(void **state)
{
	struct fixture *f = *state;
	struct ehc_step outcome = make(EHC_STEP_OUTCOME, "2026-11-30");
	struct ehc_step final = make(EHC_STEP_FINAL_PLAN, "2027-01-10");
	struct ehc_case c;

	to_com_held(f);
	assert_int_equal(stage(f), EHC_STAGE_COM_HELD);
	outcome.area = EHC_AREA_COGNITION;
	outcome.outcome = "reads simple sentences";
	outcome.provision = "daily phonics, 20 minutes";
	ok(f, outcome);
	ok(f, decision(EHC_STEP_ISSUE_DECISION, EHC_DECISION_YES,
		       "2026-12-10"));
	assert_int_equal(stage(f), EHC_STAGE_DRAFTING);
	ok(f, make(EHC_STEP_DRAFT_PLAN, "2026-12-20"));
	assert_int_equal(stage(f), EHC_STAGE_DRAFT_SERVED);
	final.placement = "Made-up Primary";
	ok(f, final);

	c = load(f);
	assert_int_equal(c.stage, EHC_STAGE_PLAN_ISSUED);
	assert_int_equal(c.ended, day("2027-01-10"));
	assert_string_equal(c.placement, "Made-up Primary");
	assert_int_equal(c.com.minutes, 120);
	ehc_case_release(&c);
	assert_int_equal(events(f), 10);
}

static void
step_out_of_order(void **state)
{
	struct fixture *f = *state;
	struct ehc_step outcome = make(EHC_STEP_OUTCOME, "2026-10-10");

	rejected(f, decision(EHC_STEP_ISSUE_DECISION, EHC_DECISION_YES,
			     "2026-10-01"),
		 "is at stage 'requested'");
	rejected(f, make(EHC_STEP_DRAFT_PLAN, "2026-10-01"),
		 "next: 'ehc assess --decision', 'ehc withdraw', "
		 "'ehc exception'");
	ok(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_YES,
		       "2026-10-05"));
	outcome.area = EHC_AREA_SENSORY;
	outcome.outcome = "o";
	outcome.provision = "p";
	rejected(f, outcome, "stage 'assessment'");
	rejected(f, make(EHC_STEP_COM_HELD, "2026-10-10"), "not booked");
	rejected(f, make(EHC_STEP_FINAL_PLAN, "2026-10-10"),
		 "cannot record a final plan");
	assert_int_equal(events(f), 2);
}

static void
step_on_ended_case(void **state)
{
	struct fixture *f = *state;
	struct ehc_step withdraw = make(EHC_STEP_WITHDRAWAL, "2026-10-01");

	withdraw.text = "moved out of the area";
	ok(f, withdraw);
	assert_int_equal(stage(f), EHC_STAGE_WITHDRAWN);
	rejected(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_YES,
			     "2026-10-02"), "has ended");
	rejected(f, withdraw, "has ended");
	assert_int_equal(events(f), 2);
}

static void
step_dates_in_order(void **state)
{
	struct fixture *f = *state;

	rejected(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_YES,
			     "2026-08-31"), "before the request (2026-09-01)");
	rejected(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_YES,
			     "2027-06-02"), "after today (2027-06-01)");
	ok(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_YES,
		       "2026-10-05"));
	rejected(f, advice(EHC_STEP_ADVICE_REQUESTED, EHC_ADVICE_PARENT,
			   "2026-10-04"), "before the decision to assess");
	ok(f, booking("2026-12-01 10:00", "2026-11-01"));
	rejected(f, make(EHC_STEP_COM_HELD, "2026-10-31"),
		 "before the COM booking");
	rejected(f, make(EHC_STEP_COM_HELD, "2026-11-30"),
		 "before the day it was booked for");
	assert_int_equal(events(f), 3);
}

static void
step_advice_rules(void **state)
{
	struct fixture *f = *state;

	ok(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_YES,
		       "2026-10-05"));
	rejected(f, advice(EHC_STEP_ADVICE_RECEIVED, EHC_ADVICE_EDUCATION,
			   "2026-10-06"), "no advice was requested");
	ok(f, advice(EHC_STEP_ADVICE_REQUESTED, EHC_ADVICE_EDUCATION,
		     "2026-10-06"));
	rejected(f, advice(EHC_STEP_ADVICE_REQUESTED, EHC_ADVICE_EDUCATION,
			   "2026-10-07"), "already requested on 2026-10-06");
	rejected(f, advice(EHC_STEP_ADVICE_RECEIVED, EHC_ADVICE_EDUCATION,
			   "2026-10-05"), "before the request for education");
	ok(f, advice(EHC_STEP_ADVICE_RECEIVED, EHC_ADVICE_EDUCATION,
		     "2026-10-20"));
	rejected(f, advice(EHC_STEP_ADVICE_RECEIVED, EHC_ADVICE_EDUCATION,
			   "2026-10-21"), "already received on 2026-10-20");
}

/* The parent has 15 days from the day the draft is served (reg 13(1)). */
static void
step_comment_window(void **state)
{
	struct fixture *f = *state;
	struct ehc_step final = make(EHC_STEP_FINAL_PLAN, "2027-01-04");

	to_com_held(f);
	ok(f, decision(EHC_STEP_ISSUE_DECISION, EHC_DECISION_YES,
		       "2026-12-10"));
	ok(f, make(EHC_STEP_DRAFT_PLAN, "2026-12-21"));
	final.placement = "Made-up Primary";
	rejected(f, final, "has until 2027-01-04 to comment");
	final.date = day("2027-01-05");
	ok(f, final);
}

static void
step_comments_open_window(void **state)
{
	struct fixture *f = *state;
	struct ehc_step final = make(EHC_STEP_FINAL_PLAN, "2026-12-23");

	to_com_held(f);
	ok(f, decision(EHC_STEP_ISSUE_DECISION, EHC_DECISION_YES,
		       "2026-12-10"));
	ok(f, make(EHC_STEP_DRAFT_PLAN, "2026-12-21"));
	ok(f, make(EHC_STEP_COMMENTS_RECEIVED, "2026-12-22"));
	rejected(f, make(EHC_STEP_COMMENTS_RECEIVED, "2026-12-22"),
		 "already recorded");
	final.placement = "Made-up Primary";
	ok(f, final);
}

static void
step_no_issue_support_meeting(void **state)
{
	struct fixture *f = *state;
	struct ehc_case c;

	to_com_held(f);
	ok(f, decision(EHC_STEP_ISSUE_DECISION, EHC_DECISION_NO,
		       "2026-12-10"));
	assert_int_equal(stage(f), EHC_STAGE_SUPPORT_MEETING);
	rejected(f, make(EHC_STEP_DRAFT_PLAN, "2026-12-11"),
		 "'ehc panel-decide --support-meeting'");
	rejected(f, make(EHC_STEP_SUPPORT_MEETING, "2026-12-09"),
		 "before the decision not to issue");
	ok(f, make(EHC_STEP_SUPPORT_MEETING, "2027-01-08"));
	c = load(f);
	assert_int_equal(c.stage, EHC_STAGE_SUPPORT_AGREED);
	assert_int_equal(c.ended, day("2027-01-08"));
	ehc_case_release(&c);
}

static void
step_not_assessed_ends(void **state)
{
	struct fixture *f = *state;
	struct ehc_case c;

	ok(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_NO,
		       "2026-10-05"));
	c = load(f);
	assert_int_equal(c.stage, EHC_STAGE_NOT_ASSESSED);
	assert_int_equal(c.ended, day("2026-10-05"));
	assert_int_equal(c.assess, EHC_DECISION_NO);
	ehc_case_release(&c);
}

static void
step_com_warnings(void **state)
{
	struct fixture *f = *state;
	struct ehc_step_warnings w;
	struct ehc_step s = booking("2026-12-12 10:00", "2026-11-01");
	struct ehc_error err = { 0 };

	ok(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_YES,
		       "2026-10-05"));
	/* 2026-12-12 is a Saturday, after the 14 weeks due 2026-12-08. */
	assert_int_equal(ehc_case_step(f->store, f->config, "T-1", &s,
				       day(TODAY), &w, &err), EHC_OK);
	assert_true(w.com_on_weekend);
	assert_true(w.com_after_milestone);
	assert_int_equal(w.com_due, day("2026-12-08"));

	s = booking("2026-12-07 09:30", "2026-11-02");
	assert_int_equal(ehc_case_step(f->store, f->config, "T-1", &s,
				       day(TODAY), &w, &err), EHC_OK);
	assert_false(w.com_on_weekend);
	assert_false(w.com_after_milestone);
}

static void
step_com_time_checked(void **state)
{
	static const char *const bad[] = {
		"2026-12-07", "2026-12-07 9:30", "2026-12-07 24:00",
		"2026-12-07 10:60", "2026-02-30 10:00", "2026-12-07T10:00",
		"2026-12-07 10:00 ",
	};
	struct fixture *f = *state;
	struct ehc_error err = { 0 };

	ok(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_YES,
		       "2026-10-05"));
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct ehc_step s = booking(bad[i], "2026-11-01");

		assert_int_equal(run(f, &s, &err), EHC_USAGE);
	}
}

static void
step_exception_keeps_earliest(void **state)
{
	struct fixture *f = *state;
	struct ehc_step e = make(EHC_STEP_EXCEPTION, "2026-11-10");
	struct ehc_case c;

	e.exception = EHC_EXCEPTION_ABSENCE;
	ok(f, e);
	e.from = day("2026-10-01");
	e.to = day("2026-10-31");
	ok(f, e);
	e.from = day("2026-11-20");
	e.to = day("2026-11-01");
	rejected(f, e, "before the exception starts");
	c = load(f);
	assert_int_equal(c.exception_from, day("2026-10-01"));
	ehc_case_release(&c);
}

static struct ehc_correction
no_correction(void)
{
	return (struct ehc_correction){ .fact = -1, .date = EHC_DATE_NONE,
					.dob = EHC_DATE_NONE };
}

static int
correct(struct fixture *f, const struct ehc_correction *fix,
	struct ehc_error *err)
{
	return ehc_case_correct(f->store, f->config, "T-1", fix, day(TODAY),
				err);
}

static void
correct_date(void **state)
{
	struct fixture *f = *state;
	struct ehc_correction fix = no_correction();
	struct ehc_error err = { 0 };
	struct ehc_case c;

	to_com_held(f);
	fix.fact = EHC_FACT_COM_HELD;
	fix.date = day("2026-12-01");
	fix.note = "typed the wrong day";
	assert_int_equal(correct(f, &fix, &err), EHC_OK);
	c = load(f);
	assert_int_equal(c.com.held, day("2026-12-01"));
	ehc_case_release(&c);
	assert_int_equal(events(f), 7);
}

static void
correct_rejects_bad_order(void **state)
{
	struct fixture *f = *state;
	struct ehc_correction fix = no_correction();
	struct ehc_error err = { 0 };

	to_com_held(f);
	fix.fact = EHC_FACT_ADVICE_RECEIVED;
	fix.advice = EHC_ADVICE_HEALTH;
	fix.date = day("2026-10-01");
	assert_int_equal(correct(f, &fix, &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "before the request for health"));

	fix.advice = EHC_ADVICE_PARENT;
	assert_int_equal(correct(f, &fix, &err), EHC_DATAERR);
	assert_non_null(strstr(err.message,
			       "no advice-received:parent to correct"));
	assert_int_equal(events(f), 6);
}

static void
correct_fields(void **state)
{
	struct fixture *f = *state;
	struct ehc_correction fix = no_correction();
	struct ehc_error err = { 0 };
	struct ehc_case c;

	fix.aro = "Sam Officer";
	fix.ep = "";
	assert_int_equal(correct(f, &fix, &err), EHC_OK);
	c = load(f);
	assert_string_equal(c.aro, "Sam Officer");
	assert_null(c.ep);
	ehc_case_release(&c);
	assert_int_equal(correct(f, &fix, &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "nothing to correct"));

	fix = no_correction();
	fix.dob = day("2000-08-31");
	assert_int_equal(correct(f, &fix, &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "ages 0 to 25"));
	fix = no_correction();
	fix.child = "";
	assert_int_equal(correct(f, &fix, &err), EHC_DATAERR);
}

static void
correct_ended_case(void **state)
{
	struct fixture *f = *state;
	struct ehc_step withdraw = make(EHC_STEP_WITHDRAWAL, "2026-10-01");
	struct ehc_correction fix = no_correction();
	struct ehc_error err = { 0 };
	struct ehc_case c;

	withdraw.text = "request withdrawn by the parent";
	ok(f, withdraw);
	fix.fact = EHC_FACT_WITHDRAWAL;
	fix.date = day("2026-10-02");
	assert_int_equal(correct(f, &fix, &err), EHC_OK);
	c = load(f);
	assert_int_equal(c.withdrawn, day("2026-10-02"));
	assert_int_equal(c.ended, day("2026-10-02"));
	ehc_case_release(&c);
}

/* A step that ends the case cannot come before an outcome recorded. */
static void
step_end_after_outcomes(void **state)
{
	struct fixture *f = *state;
	struct ehc_step outcome = make(EHC_STEP_OUTCOME, "2026-12-05");
	struct ehc_step withdraw = make(EHC_STEP_WITHDRAWAL, "2026-12-01");
	struct ehc_correction fix = {
		.fact = EHC_FACT_COM_HELD, .date = day("2026-12-06"),
		.dob = EHC_DATE_NONE,
	};
	struct ehc_error err = { 0 };

	to_com_held(f);
	outcome.area = EHC_AREA_COMMUNICATION;
	outcome.outcome = "o";
	outcome.provision = "p";
	ok(f, outcome);
	withdraw.text = "moved away";
	rejected(f, withdraw, "before the last step recorded (2026-12-05)");
	assert_int_equal(ehc_case_correct(f->store, f->config, "T-1", &fix,
					  day(TODAY), &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "the outcomes agreed"));
	withdraw.date = day("2026-12-05");
	ok(f, withdraw);
}

/* The COM was arranged on its first booking, whatever the rebookings. */
static void
step_rebooking_keeps_first(void **state)
{
	struct fixture *f = *state;
	struct ehc_case c;

	ok(f, decision(EHC_STEP_ASSESS_DECISION, EHC_DECISION_YES,
		       "2026-10-05"));
	ok(f, booking("2026-11-20 10:00", "2026-10-10"));
	ok(f, booking("2026-11-27 10:00", "2026-11-01"));
	c = load(f);
	assert_int_equal(c.com.booked, day("2026-10-10"));
	assert_string_equal(c.com.at, "2026-11-27 10:00");
	ehc_case_release(&c);
	rejected(f, booking("2026-10-09 10:00", "2026-11-02"),
		 "before the day it was booked");
}

/* A longer comment window configured later does not block corrections. */
static void
correct_after_window_change(void **state)
{
	struct fixture *f = *state;
	struct ehc_step final = make(EHC_STEP_FINAL_PLAN, "2027-01-05");
	struct ehc_correction fix = {
		.fact = -1, .date = EHC_DATE_NONE, .dob = EHC_DATE_NONE,
		.aro = "Sam Officer",
	};
	struct ehc_error err = { 0 };

	to_com_held(f);
	ok(f, decision(EHC_STEP_ISSUE_DECISION, EHC_DECISION_YES,
		       "2026-12-10"));
	ok(f, make(EHC_STEP_DRAFT_PLAN, "2026-12-21"));
	final.placement = "Made-up Primary";
	ok(f, final);
	f->config->timeframes[EHC_TIMEFRAME_DRAFT_COMMENTS] =
	    (struct ehc_duration){ 3, 'w' };
	assert_int_equal(ehc_case_correct(f->store, f->config, "T-1", &fix,
					  day(TODAY), &err), EHC_OK);
	fix = (struct ehc_correction){
		.fact = EHC_FACT_FINAL_PLAN, .date = day("2027-01-06"),
		.dob = EHC_DATE_NONE,
	};
	assert_int_equal(ehc_case_correct(f->store, f->config, "T-1", &fix,
					  day(TODAY), &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "to comment"));
}

static void
step_dates_past_9999(void **state)
{
	struct fixture *f = *state;
	struct ehc_correction fix = {
		.fact = EHC_FACT_RECEIVED, .date = day("9999-12-01"),
		.dob = EHC_DATE_NONE,
	};
	struct ehc_error err = { 0 };

	assert_int_equal(ehc_case_correct(f->store, f->config, "T-1", &fix,
					  day("9999-12-31"), &err),
			 EHC_DATAERR);
	assert_non_null(strstr(err.message, "after the year 9999"));
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		TEST(step_path_to_final_plan),
		TEST(step_out_of_order),
		TEST(step_on_ended_case),
		TEST(step_dates_in_order),
		TEST(step_advice_rules),
		TEST(step_comment_window),
		TEST(step_comments_open_window),
		TEST(step_no_issue_support_meeting),
		TEST(step_not_assessed_ends),
		TEST(step_com_warnings),
		TEST(step_com_time_checked),
		TEST(step_exception_keeps_earliest),
		TEST(correct_date),
		TEST(correct_rejects_bad_order),
		TEST(correct_fields),
		TEST(correct_ended_case),
		TEST(step_end_after_outcomes),
		TEST(step_rebooking_keeps_first),
		TEST(correct_after_window_change),
		TEST(step_dates_past_9999),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
