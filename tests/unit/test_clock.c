/* Tests of the statutory clock: milestone names, due dates and due states. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ehc/clock.h"

/* The milestones that count from the day the request is received. */
#define FROM_REQUEST EHC_MILESTONE_SUPPORT_MEETING

/* "milestone YYYY-MM-DD", so that a failing row names its milestone. */
#define DUE_TEXT_LEN 64

static const char *const zones[] = {
	"Europe/London", "UTC", "America/New_York", "Pacific/Auckland",
};

/*
 * Sets the five timeframes that count from the request to 6, 12, 14, 16 and
 * 20 weeks by hand, so that these tests do not depend on the config loader.
 */
static void
fill_config(struct ehc_config *config)
{
	memset(config, 0, sizeof(*config));
	config->timeframes[EHC_TIMEFRAME_ASSESS_DECISION] =
	    (struct ehc_duration){ 6, 'w' };
	config->timeframes[EHC_TIMEFRAME_ADVICE_GATHERED] =
	    (struct ehc_duration){ 12, 'w' };
	config->timeframes[EHC_TIMEFRAME_COM] =
	    (struct ehc_duration){ 14, 'w' };
	config->timeframes[EHC_TIMEFRAME_ISSUE_DECISION] =
	    (struct ehc_duration){ 16, 'w' };
	config->timeframes[EHC_TIMEFRAME_FINAL_PLAN] =
	    (struct ehc_duration){ 20, 'w' };
}

static ehc_date
date_of(const char *text)
{
	ehc_date date = EHC_DATE_NONE;

	assert_null(ehc_date_parse(text, &date));
	return date;
}

static void
describe_due(char *buf, enum ehc_milestone milestone, ehc_date due)
{
	char date[EHC_DATE_LEN];

	ehc_date_format(due, date);
	snprintf(buf, DUE_TEXT_LEN, "%s %s", ehc_milestone_name(milestone),
	    date);
}

/* Checks the five due dates of a request, in milestone order. */
static void
check_dues(const struct ehc_config *config, const char *received,
    const char *const want[FROM_REQUEST])
{
	ehc_date day = date_of(received);
	char got_text[DUE_TEXT_LEN], want_text[DUE_TEXT_LEN];

	for (int i = 0; i < FROM_REQUEST; i++) {
		enum ehc_milestone milestone = (enum ehc_milestone)i;

		describe_due(got_text, milestone,
		    ehc_clock_due(config, milestone, day));
		describe_due(want_text, milestone, date_of(want[i]));
		assert_string_equal(got_text, want_text);
	}
}

static void
set_zone(const char *zone)
{
	assert_int_equal(setenv("TZ", zone, 1), 0);
	tzset();
}

static void
test_duration_weeks(void **state)
{
	(void)state;
	assert_int_equal(ehc_duration_days((struct ehc_duration){ 6, 'w' }),
	    42);
	assert_int_equal(ehc_duration_days((struct ehc_duration){ 20, 'w' }),
	    140);
	assert_int_equal(ehc_duration_days((struct ehc_duration){ 0, 'w' }),
	    0);
}

static void
test_duration_days(void **state)
{
	(void)state;
	assert_int_equal(ehc_duration_days((struct ehc_duration){ 15, 'd' }),
	    15);
	assert_int_equal(ehc_duration_days((struct ehc_duration){ 1, 'd' }),
	    1);
	assert_int_equal(ehc_duration_days((struct ehc_duration){ 0, 'd' }),
	    0);
}

static void
test_duration_unset(void **state)
{
	(void)state;
	assert_int_equal(ehc_duration_days((struct ehc_duration){ 0, 0 }), 0);
	assert_int_equal(ehc_duration_days((struct ehc_duration){ 6, 0 }), 0);
	assert_int_equal(ehc_duration_days((struct ehc_duration){ 6, 'm' }),
	    0);
}

static void
test_milestone_names(void **state)
{
	(void)state;
	assert_string_equal(ehc_milestone_name(EHC_MILESTONE_ASSESS_DECISION),
	    "assess-decision");
	assert_string_equal(ehc_milestone_name(EHC_MILESTONE_ADVICE_GATHERED),
	    "advice-gathered");
	assert_string_equal(ehc_milestone_name(EHC_MILESTONE_COM), "com");
	assert_string_equal(ehc_milestone_name(EHC_MILESTONE_ISSUE_DECISION),
	    "issue-decision");
	assert_string_equal(ehc_milestone_name(EHC_MILESTONE_FINAL_PLAN),
	    "final-plan");
	assert_string_equal(ehc_milestone_name(EHC_MILESTONE_COUNT),
	    "unknown");
}

static void
test_lookup_round_trip(void **state)
{
	(void)state;
	for (int i = 0; i < EHC_MILESTONE_COUNT; i++) {
		enum ehc_milestone milestone = (enum ehc_milestone)i;
		enum ehc_milestone found = EHC_MILESTONE_COUNT;

		assert_true(ehc_milestone_lookup(ehc_milestone_name(milestone),
		    &found));
		assert_int_equal(found, milestone);
	}
}

static void
test_lookup_unknown(void **state)
{
	static const char *const names[] = {
		"", "COM", "Com", "final_plan", "final", "final-plan ",
		" com", "assess", "unknown", "advice-response",
	};
	enum ehc_milestone found = EHC_MILESTONE_COUNT;

	(void)state;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		assert_false(ehc_milestone_lookup(names[i], &found));
		assert_int_equal(found, EHC_MILESTONE_COUNT);
	}
}

static void
test_state_names(void **state)
{
	(void)state;
	assert_string_equal(ehc_due_state_name(EHC_DUE_OVERDUE), "overdue");
	assert_string_equal(ehc_due_state_name(EHC_DUE_TODAY), "due");
	assert_string_equal(ehc_due_state_name(EHC_DUE_UPCOMING), "upcoming");
}

static void
test_milestone_timeframes(void **state)
{
	(void)state;
	assert_int_equal(ehc_milestone_timeframe(EHC_MILESTONE_ASSESS_DECISION),
	    EHC_TIMEFRAME_ASSESS_DECISION);
	assert_int_equal(ehc_milestone_timeframe(EHC_MILESTONE_ADVICE_GATHERED),
	    EHC_TIMEFRAME_ADVICE_GATHERED);
	assert_int_equal(ehc_milestone_timeframe(EHC_MILESTONE_COM),
	    EHC_TIMEFRAME_COM);
	assert_int_equal(ehc_milestone_timeframe(EHC_MILESTONE_ISSUE_DECISION),
	    EHC_TIMEFRAME_ISSUE_DECISION);
	assert_int_equal(ehc_milestone_timeframe(EHC_MILESTONE_FINAL_PLAN),
	    EHC_TIMEFRAME_FINAL_PLAN);
	assert_int_equal(ehc_milestone_timeframe(EHC_MILESTONE_COUNT),
	    EHC_TIMEFRAME_COUNT);
}

/* The autumn request crosses the end of BST and the turn of the year. */
static void
test_due_autumn(void **state)
{
	static const char *const want[FROM_REQUEST] = {
		"2026-11-16", "2026-12-28", "2027-01-11", "2027-01-25",
		"2027-02-22",
	};
	struct ehc_config config;

	(void)state;
	fill_config(&config);
	check_dues(&config, "2026-10-05", want);
}

/* The spring request crosses the start of BST on 2026-03-29. */
static void
test_due_spring(void **state)
{
	static const char *const want[FROM_REQUEST] = {
		"2026-05-04", "2026-06-15", "2026-06-29", "2026-07-13",
		"2026-08-10",
	};
	struct ehc_config config;

	(void)state;
	fill_config(&config);
	check_dues(&config, "2026-03-23", want);
}

static void
test_due_each_zone(void **state)
{
	static const char *const autumn[FROM_REQUEST] = {
		"2026-11-16", "2026-12-28", "2027-01-11", "2027-01-25",
		"2027-02-22",
	};
	static const char *const spring[FROM_REQUEST] = {
		"2026-05-04", "2026-06-15", "2026-06-29", "2026-07-13",
		"2026-08-10",
	};
	struct ehc_config config;

	(void)state;
	fill_config(&config);
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		set_zone(zones[i]);
		check_dues(&config, "2026-10-05", autumn);
		check_dues(&config, "2026-03-23", spring);
	}
}

/* A timeframe given in days counts the same as the same length in weeks. */
static void
test_due_in_days(void **state)
{
	struct ehc_config config;
	ehc_date received = date_of("2026-10-05");

	(void)state;
	fill_config(&config);
	config.timeframes[EHC_TIMEFRAME_FINAL_PLAN] =
	    (struct ehc_duration){ 140, 'd' };
	assert_int_equal(ehc_clock_due(&config, EHC_MILESTONE_FINAL_PLAN,
	    received), date_of("2027-02-22"));
	config.timeframes[EHC_TIMEFRAME_COM] = (struct ehc_duration){ 0, 'd' };
	assert_int_equal(ehc_clock_due(&config, EHC_MILESTONE_COM, received),
	    received);
}

static void
test_due_missing(void **state)
{
	struct ehc_config config;
	ehc_date received = date_of("2026-10-05");

	(void)state;
	fill_config(&config);
	assert_int_equal(ehc_clock_due(&config, EHC_MILESTONE_COM,
	    EHC_DATE_NONE), EHC_DATE_NONE);
	assert_int_equal(ehc_clock_due(&config, EHC_MILESTONE_COUNT,
	    received), EHC_DATE_NONE);
	config.timeframes[EHC_TIMEFRAME_COM] = (struct ehc_duration){ 0, 0 };
	assert_int_equal(ehc_clock_due(&config, EHC_MILESTONE_COM, received),
	    EHC_DATE_NONE);
}

/* Today is the Monday after BST starts. The dues are Friday to Sunday. */
static void
test_state_overdue(void **state)
{
	ehc_date today = date_of("2026-03-30");
	ehc_date friday = date_of("2026-03-27");
	ehc_date saturday = date_of("2026-03-28");
	ehc_date sunday = date_of("2026-03-29");

	(void)state;
	assert_int_equal(ehc_clock_state(friday, today), EHC_DUE_OVERDUE);
	assert_int_equal(friday - today, -3);
	assert_int_equal(ehc_clock_state(saturday, today), EHC_DUE_OVERDUE);
	assert_int_equal(saturday - today, -2);
	assert_int_equal(ehc_clock_state(sunday, today), EHC_DUE_OVERDUE);
	assert_int_equal(sunday - today, -1);
}

/* The Saturday before the end of BST, and the Monday after it. */
static void
test_state_due_upcoming(void **state)
{
	ehc_date today = date_of("2026-10-24");
	ehc_date monday = date_of("2026-10-26");

	(void)state;
	assert_int_equal(ehc_clock_state(today, today), EHC_DUE_TODAY);
	assert_int_equal(ehc_clock_state(monday, today), EHC_DUE_UPCOMING);
	assert_int_equal(monday - today, 2);
}

/* Returns the instant year-month-day hour:00 UTC in POSIX seconds. */
static int64_t
utc_instant(int year, int month, int day, int hour)
{
	return (int64_t)ehc_date_from_ymd(year, month, day) * 86400 +
	    hour * 3600;
}

/*
 * Takes today from the clock in each zone. At 10:00 UTC it is the same date
 * from New York (06:00) to Auckland (23:00), so every zone gets the same
 * states and day counts.
 */
static void
test_state_each_zone(void **state)
{
	int64_t spring = utc_instant(2026, 3, 30, 10);
	int64_t autumn = utc_instant(2026, 10, 24, 10);

	(void)state;
	for (size_t i = 0; i < sizeof(zones) / sizeof(zones[0]); i++) {
		ehc_date today;

		set_zone(zones[i]);
		today = ehc_date_local(spring);
		assert_int_equal(ehc_clock_state(date_of("2026-03-29"), today),
		    EHC_DUE_OVERDUE);
		assert_int_equal(date_of("2026-03-27") - today, -3);

		today = ehc_date_local(autumn);
		assert_int_equal(ehc_clock_state(date_of("2026-10-24"), today),
		    EHC_DUE_TODAY);
		assert_int_equal(ehc_clock_state(date_of("2026-10-26"), today),
		    EHC_DUE_UPCOMING);
		assert_int_equal(date_of("2026-10-26") - today, 2);
	}
}

/* A case received on 2026-09-01, with every step still to come. */
static struct ehc_case
new_case(void)
{
	struct ehc_case c = ehc_case_empty();

	c.ref = "T-1";
	c.received = date_of("2026-09-01");
	return c;
}

/* Finds milestone m among n states, or returns NULL when it is not there. */
static const struct ehc_milestone_state *
find(const struct ehc_milestone_state *states, size_t n,
     enum ehc_milestone m)
{
	for (size_t i = 0; i < n; i++)
		if (states[i].milestone == m)
			return &states[i];
	return NULL;
}

static size_t
milestones_on(const struct ehc_case *c, const char *today,
	      struct ehc_milestone_state out[EHC_MILESTONE_COUNT])
{
	struct ehc_config config;

	fill_config(&config);
	config.timeframes[EHC_TIMEFRAME_ADVICE_RESPONSE] =
	    (struct ehc_duration){ 6, 'w' };
	return ehc_clock_milestones(&config, c, date_of(today), out);
}

static void
test_milestones_new_request(void **state)
{
	struct ehc_milestone_state m[EHC_MILESTONE_COUNT];
	struct ehc_case c = new_case();
	size_t n = milestones_on(&c, "2026-10-20", m);

	(void)state;
	assert_int_equal(n, 5);
	assert_int_equal(m[0].milestone, EHC_MILESTONE_ASSESS_DECISION);
	assert_int_equal(m[0].due, date_of("2026-10-13"));
	assert_int_equal(m[0].state, EHC_DUE_OVERDUE);
	assert_int_equal(m[0].days, -7);
	assert_int_equal(m[1].state, EHC_DUE_UPCOMING);
	assert_int_equal(m[4].milestone, EHC_MILESTONE_FINAL_PLAN);
}

static void
test_milestones_met_and_late(void **state)
{
	struct ehc_milestone_state m[EHC_MILESTONE_COUNT];
	struct ehc_case c = new_case();
	size_t n;

	(void)state;
	c.assess = EHC_DECISION_YES;
	c.assess_date = date_of("2026-10-13");
	c.stage = EHC_STAGE_ASSESSMENT;
	n = milestones_on(&c, "2026-12-20", m);
	assert_int_equal(find(m, n, EHC_MILESTONE_ASSESS_DECISION)->state,
	    EHC_DUE_MET);
	c.assess_date = date_of("2026-10-14");
	n = milestones_on(&c, "2026-12-20", m);
	assert_int_equal(find(m, n, EHC_MILESTONE_ASSESS_DECISION)->state,
	    EHC_DUE_MET_LATE);
	assert_int_equal(find(m, n, EHC_MILESTONE_ASSESS_DECISION)->met,
	    date_of("2026-10-14"));
}

static void
test_milestones_not_assessed(void **state)
{
	struct ehc_milestone_state m[EHC_MILESTONE_COUNT];
	struct ehc_case c = new_case();
	size_t n;

	(void)state;
	c.assess = EHC_DECISION_NO;
	c.assess_date = date_of("2026-10-01");
	c.stage = EHC_STAGE_NOT_ASSESSED;
	c.ended = c.assess_date;
	n = milestones_on(&c, "2027-06-01", m);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].milestone, EHC_MILESTONE_ASSESS_DECISION);
	assert_int_equal(m[0].state, EHC_DUE_MET);
}

static void
test_milestones_advice(void **state)
{
	struct ehc_milestone_state m[EHC_MILESTONE_COUNT];
	struct ehc_case c = new_case();
	enum ehc_milestone health = EHC_MILESTONE_ADVICE + EHC_ADVICE_HEALTH;
	size_t n;

	(void)state;
	c.assess = EHC_DECISION_YES;
	c.assess_date = date_of("2026-10-01");
	c.stage = EHC_STAGE_ASSESSMENT;
	c.advice[EHC_ADVICE_HEALTH].requested = date_of("2026-10-05");
	n = milestones_on(&c, "2026-11-20", m);
	assert_int_equal(n, 6);
	assert_int_equal(find(m, n, health)->due, date_of("2026-11-16"));
	assert_int_equal(find(m, n, health)->state, EHC_DUE_OVERDUE);
	assert_null(find(m, n, EHC_MILESTONE_ADVICE + EHC_ADVICE_PARENT));

	c.advice[EHC_ADVICE_HEALTH].received = date_of("2026-11-10");
	n = milestones_on(&c, "2026-11-20", m);
	assert_int_equal(find(m, n, health)->state, EHC_DUE_MET);
}

/* Advice is gathered once the COM is booked and no reply is missing. */
static void
test_milestones_advice_gathered(void **state)
{
	struct ehc_milestone_state m[EHC_MILESTONE_COUNT];
	struct ehc_case c = new_case();
	size_t n;

	(void)state;
	c.assess = EHC_DECISION_YES;
	c.assess_date = date_of("2026-10-01");
	c.stage = EHC_STAGE_ASSESSMENT;
	c.advice[EHC_ADVICE_PARENT].requested = date_of("2026-10-02");
	c.com.at = "2026-12-01 10:00";
	c.com.booked = date_of("2026-10-20");
	n = milestones_on(&c, "2026-11-01", m);
	assert_int_equal(find(m, n, EHC_MILESTONE_ADVICE_GATHERED)->met,
	    EHC_DATE_NONE);

	c.advice[EHC_ADVICE_PARENT].received = date_of("2026-10-30");
	n = milestones_on(&c, "2026-11-01", m);
	assert_int_equal(find(m, n, EHC_MILESTONE_ADVICE_GATHERED)->met,
	    date_of("2026-10-30"));
	assert_int_equal(find(m, n, EHC_MILESTONE_ADVICE_GATHERED)->state,
	    EHC_DUE_MET);
}

static void
test_milestones_after_issue_decision(void **state)
{
	struct ehc_milestone_state m[EHC_MILESTONE_COUNT];
	struct ehc_case c = new_case();
	size_t n;

	(void)state;
	c.assess = EHC_DECISION_YES;
	c.assess_date = date_of("2026-10-01");
	c.advice[EHC_ADVICE_OTHER].requested = date_of("2026-10-02");
	c.com.at = "2026-12-01 10:00";
	c.com.booked = date_of("2026-10-20");
	c.com.held = date_of("2026-12-01");
	c.issue = EHC_DECISION_YES;
	c.issue_date = date_of("2026-12-10");
	c.stage = EHC_STAGE_DRAFTING;
	n = milestones_on(&c, "2027-01-01", m);
	/* Unmet advice can no longer be met; the final plan still can. */
	assert_null(find(m, n, EHC_MILESTONE_ADVICE + EHC_ADVICE_OTHER));
	assert_null(find(m, n, EHC_MILESTONE_ADVICE_GATHERED));
	assert_non_null(find(m, n, EHC_MILESTONE_FINAL_PLAN));
	assert_int_equal(find(m, n, EHC_MILESTONE_COM)->state,
	    EHC_DUE_MET);
}

static void
test_milestones_not_issued(void **state)
{
	struct ehc_milestone_state m[EHC_MILESTONE_COUNT];
	struct ehc_config config;
	struct ehc_case c = new_case();
	size_t n;

	(void)state;
	c.assess = EHC_DECISION_YES;
	c.assess_date = date_of("2026-10-01");
	c.com.at = "2026-12-01 10:00";
	c.com.booked = date_of("2026-10-20");
	c.com.held = date_of("2026-12-01");
	c.issue = EHC_DECISION_NO;
	c.issue_date = date_of("2026-12-10");
	c.stage = EHC_STAGE_SUPPORT_MEETING;
	n = milestones_on(&c, "2027-01-01", m);
	assert_null(find(m, n, EHC_MILESTONE_FINAL_PLAN));
	assert_null(find(m, n, EHC_MILESTONE_SUPPORT_MEETING));

	fill_config(&config);
	config.timeframes[EHC_TIMEFRAME_SUPPORT_MEETING] =
	    (struct ehc_duration){ 4, 'w' };
	n = ehc_clock_milestones(&config, &c, date_of("2027-01-01"), m);
	assert_int_equal(find(m, n, EHC_MILESTONE_SUPPORT_MEETING)->due,
	    date_of("2027-01-07"));
}

static void
test_milestones_withdrawn(void **state)
{
	struct ehc_milestone_state m[EHC_MILESTONE_COUNT];
	struct ehc_case c = new_case();
	size_t n;

	(void)state;
	c.assess = EHC_DECISION_YES;
	c.assess_date = date_of("2026-10-01");
	c.withdrawn = date_of("2026-10-10");
	c.stage = EHC_STAGE_WITHDRAWN;
	c.ended = c.withdrawn;
	n = milestones_on(&c, "2027-06-01", m);
	assert_int_equal(n, 1);
	assert_int_equal(m[0].milestone, EHC_MILESTONE_ASSESS_DECISION);
}

/* An exception excuses what was due after it began, not what was before. */
static void
test_milestones_exception(void **state)
{
	struct ehc_milestone_state m[EHC_MILESTONE_COUNT];
	struct ehc_case c = new_case();
	size_t n;

	(void)state;
	c.exception_from = date_of("2026-10-20");
	n = milestones_on(&c, "2027-03-01", m);
	assert_int_equal(find(m, n, EHC_MILESTONE_ASSESS_DECISION)->state,
	    EHC_DUE_OVERDUE);
	assert_int_equal(find(m, n, EHC_MILESTONE_FINAL_PLAN)->state,
	    EHC_DUE_EXCEPTION);
	n = milestones_on(&c, "2026-11-01", m);
	assert_int_equal(find(m, n, EHC_MILESTONE_FINAL_PLAN)->state,
	    EHC_DUE_UPCOMING);
}

static void
test_milestones_names(void **state)
{
	enum ehc_milestone found = EHC_MILESTONE_COUNT;

	(void)state;
	assert_true(ehc_milestone_lookup("advice:social-care", &found));
	assert_int_equal(found, EHC_MILESTONE_ADVICE + EHC_ADVICE_SOCIAL_CARE);
	assert_true(ehc_milestone_lookup("support-meeting", &found));
	assert_int_equal(found, EHC_MILESTONE_SUPPORT_MEETING);
	assert_false(ehc_milestone_lookup("advice:", &found));
	assert_string_equal(ehc_due_state_name(EHC_DUE_MET_LATE), "met-late");
	assert_string_equal(ehc_due_state_name(EHC_DUE_EXCEPTION),
	    "exception");
	assert_true(ehc_due_state_open(EHC_DUE_EXCEPTION));
	assert_false(ehc_due_state_open(EHC_DUE_MET));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_duration_weeks),
		cmocka_unit_test(test_duration_days),
		cmocka_unit_test(test_duration_unset),
		cmocka_unit_test(test_milestone_names),
		cmocka_unit_test(test_lookup_round_trip),
		cmocka_unit_test(test_lookup_unknown),
		cmocka_unit_test(test_state_names),
		cmocka_unit_test(test_milestone_timeframes),
		cmocka_unit_test(test_due_autumn),
		cmocka_unit_test(test_due_spring),
		cmocka_unit_test(test_due_each_zone),
		cmocka_unit_test(test_due_in_days),
		cmocka_unit_test(test_due_missing),
		cmocka_unit_test(test_state_overdue),
		cmocka_unit_test(test_state_due_upcoming),
		cmocka_unit_test(test_state_each_zone),
		cmocka_unit_test(test_milestones_new_request),
		cmocka_unit_test(test_milestones_met_and_late),
		cmocka_unit_test(test_milestones_not_assessed),
		cmocka_unit_test(test_milestones_advice),
		cmocka_unit_test(test_milestones_advice_gathered),
		cmocka_unit_test(test_milestones_after_issue_decision),
		cmocka_unit_test(test_milestones_not_issued),
		cmocka_unit_test(test_milestones_withdrawn),
		cmocka_unit_test(test_milestones_exception),
		cmocka_unit_test(test_milestones_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
