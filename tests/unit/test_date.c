/* Tests of day numbers, date parsing and local dates in several zones. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "ehc/date.h"

/* A parse result as one string, so that a failing row names its input. */
#define OUTCOME_LEN 160

struct reject_case {
	const char *text;
	const char *reason;
};

/* The Gregorian leap year rule, written apart from the code under test. */
static bool
is_leap(int year)
{
	if (year % 400 == 0)
		return true;
	if (year % 100 == 0)
		return false;
	return year % 4 == 0;
}

static int
days_in_month(int year, int month)
{
	if (month == 2)
		return is_leap(year) ? 29 : 28;
	if (month == 4 || month == 6 || month == 9 || month == 11)
		return 30;
	return 31;
}

/* Advances year-month-day by one day, using the month lengths directly. */
static void
next_day(int *year, int *month, int *day)
{
	if (*day < days_in_month(*year, *month)) {
		(*day)++;
		return;
	}
	*day = 1;
	if (*month < 12) {
		(*month)++;
		return;
	}
	*month = 1;
	(*year)++;
}

/* Writes "text -> reason", with "accepted" when the parser succeeds. */
static void
describe(char *buf, const char *text, const char *reason)
{
	snprintf(buf, OUTCOME_LEN, "%s -> %s", text,
	    reason == NULL ? "accepted" : reason);
}

static void
check_rejects(const char *(*parse)(const char *, ehc_date *),
    const struct reject_case *cases, size_t count)
{
	char got[OUTCOME_LEN], want[OUTCOME_LEN];

	for (size_t i = 0; i < count; i++) {
		ehc_date out = 12345;

		describe(got, cases[i].text, parse(cases[i].text, &out));
		describe(want, cases[i].text, cases[i].reason);
		assert_string_equal(got, want);
		assert_int_equal(out, 12345);
	}
}

static void
test_ymd_epoch(void **state)
{
	(void)state;
	assert_int_equal(ehc_date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(ehc_date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(ehc_date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(ehc_date_from_ymd(2026, 10, 5), 20731);
	assert_int_equal(ehc_date_from_ymd(1, 1, 1), -719162);
	assert_int_equal(ehc_date_from_ymd(9999, 12, 31), 2932896);
}

/* Every day from 1600-01-01 to 2400-12-31, against a day-by-day count. */
static void
test_ymd_round_trip(void **state)
{
	int year = 1600, month = 1, day = 1;
	ehc_date first = ehc_date_from_ymd(1600, 1, 1);
	ehc_date last = ehc_date_from_ymd(2400, 12, 31);

	(void)state;
	for (ehc_date date = first; date <= last; date++) {
		int y, m, d;

		ehc_date_to_ymd(date, &y, &m, &d);
		assert_int_equal(y, year);
		assert_int_equal(m, month);
		assert_int_equal(d, day);
		assert_int_equal(ehc_date_from_ymd(y, m, d), date);
		assert_true(ehc_date_is_valid(y, m, d));
		next_day(&year, &month, &day);
	}
	assert_int_equal(year, 2401);
}

static void
test_ymd_year_bounds(void **state)
{
	int y, m, d;

	(void)state;
	ehc_date_to_ymd(ehc_date_from_ymd(1, 1, 1), &y, &m, &d);
	assert_int_equal(y, 1);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
	ehc_date_to_ymd(ehc_date_from_ymd(9999, 12, 31), &y, &m, &d);
	assert_int_equal(y, 9999);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
}

static void
test_valid_leap_centuries(void **state)
{
	(void)state;
	assert_false(ehc_date_is_valid(1900, 2, 29));
	assert_true(ehc_date_is_valid(2000, 2, 29));
	assert_false(ehc_date_is_valid(2100, 2, 29));
	assert_true(ehc_date_is_valid(2400, 2, 29));
	assert_true(ehc_date_is_valid(2024, 2, 29));
	assert_false(ehc_date_is_valid(2026, 2, 29));
	assert_true(ehc_date_is_valid(2026, 2, 28));
	assert_int_equal(ehc_date_from_ymd(2100, 3, 1) -
	    ehc_date_from_ymd(2100, 2, 28), 1);
	assert_int_equal(ehc_date_from_ymd(2000, 3, 1) -
	    ehc_date_from_ymd(2000, 2, 28), 2);
}

static void
test_valid_out_of_range(void **state)
{
	(void)state;
	assert_false(ehc_date_is_valid(2026, 0, 10));
	assert_false(ehc_date_is_valid(2026, 13, 1));
	assert_false(ehc_date_is_valid(2026, 4, 31));
	assert_false(ehc_date_is_valid(2026, 1, 0));
	assert_false(ehc_date_is_valid(2026, 1, 32));
	assert_false(ehc_date_is_valid(0, 1, 1));
	assert_false(ehc_date_is_valid(10000, 1, 1));
	assert_false(ehc_date_is_valid(-1, 1, 1));
}

static void
test_parse_valid(void **state)
{
	ehc_date out;

	(void)state;
	assert_null(ehc_date_parse("2026-10-05", &out));
	assert_int_equal(out, ehc_date_from_ymd(2026, 10, 5));
	assert_null(ehc_date_parse("2000-02-29", &out));
	assert_int_equal(out, ehc_date_from_ymd(2000, 2, 29));
	assert_null(ehc_date_parse("2028-02-29", &out));
	assert_int_equal(out, ehc_date_from_ymd(2028, 2, 29));
	assert_null(ehc_date_parse("0001-01-01", &out));
	assert_int_equal(out, ehc_date_from_ymd(1, 1, 1));
	assert_null(ehc_date_parse("9999-12-31", &out));
	assert_int_equal(out, ehc_date_from_ymd(9999, 12, 31));
	assert_null(ehc_date_parse("1969-12-31", &out));
	assert_int_equal(out, -1);
}

static void
test_parse_impossible(void **state)
{
	static const struct reject_case cases[] = {
		{ "2026-02-29", "February 29 exists only in leap years" },
		{ "2100-02-29",
		    "a century year is a leap year only if divisible by 400" },
		{ "1900-02-29",
		    "a century year is a leap year only if divisible by 400" },
		{ "2028-02-30", "February has 28 days, or 29 in a leap year" },
		{ "2026-02-31", "February has 28 days, or 29 in a leap year" },
		{ "2026-04-31", "April has 30 days" },
		{ "2026-06-31", "June has 30 days" },
		{ "2026-09-31", "September has 30 days" },
		{ "2026-11-31", "November has 30 days" },
		{ "2026-13-01", "month must be 1 to 12" },
		{ "2026-00-10", "month must be 1 to 12" },
		{ "2026-99-10", "month must be 1 to 12" },
		{ "2026-01-00", "day must be 1 to 31" },
		{ "2026-01-32", "day must be 1 to 31" },
		{ "2026-12-99", "day must be 1 to 31" },
		{ "0000-01-01", "year must be 0001 to 9999" },
	};

	(void)state;
	check_rejects(ehc_date_parse, cases, sizeof(cases) / sizeof(cases[0]));
}

static void
test_parse_junk(void **state)
{
	static const char *const texts[] = {
		"",
		" 2026-01-01",
		"2026-01-01 ",
		"2026-1-01",
		"2026-01-1",
		"2026-01-01x",
		"2026-01-01\n",
		"+2026-01-01",
		"-2026-01-01",
		"+026-01-01",
		"20260101",
		"2026/01/01",
		"2026-01",
		"2026",
		"02026-01-01",
		"2026-0a-01",
		"2026--1-01",
		"01/01/2026",
		/* Fullwidth digits U+FF12 U+FF10 U+FF12 U+FF16 in UTF-8 */
		"\xef\xbc\x92\xef\xbc\x90\xef\xbc\x92\xef\xbc\x96-01-01",
		/* Arabic-Indic digits, two bytes each */
		"\xd9\xa2\xd9\xa0\xd9\xa2\xd9\xa6-01-01",
	};
	struct reject_case cases[sizeof(texts) / sizeof(texts[0])];
	size_t count = sizeof(texts) / sizeof(texts[0]);

	(void)state;
	for (size_t i = 0; i < count; i++) {
		cases[i].text = texts[i];
		cases[i].reason = "expected YYYY-MM-DD";
	}
	check_rejects(ehc_date_parse, cases, count);
}

static void
test_dmy_valid(void **state)
{
	ehc_date out;

	(void)state;
	assert_null(ehc_date_parse_dmy("05/10/2026", &out));
	assert_int_equal(out, ehc_date_from_ymd(2026, 10, 5));
	assert_null(ehc_date_parse_dmy("5/10/2026", &out));
	assert_int_equal(out, ehc_date_from_ymd(2026, 10, 5));
	assert_null(ehc_date_parse_dmy("01/04/2026", &out));
	assert_int_equal(out, ehc_date_from_ymd(2026, 4, 1));
	assert_null(ehc_date_parse_dmy("1/4/2026", &out));
	assert_int_equal(out, ehc_date_from_ymd(2026, 4, 1));
	assert_null(ehc_date_parse_dmy("01/4/2026", &out));
	assert_int_equal(out, ehc_date_from_ymd(2026, 4, 1));
	assert_null(ehc_date_parse_dmy("1/04/2026", &out));
	assert_int_equal(out, ehc_date_from_ymd(2026, 4, 1));
	assert_null(ehc_date_parse_dmy("29/2/2000", &out));
	assert_int_equal(out, ehc_date_from_ymd(2000, 2, 29));
	assert_null(ehc_date_parse_dmy("29/02/2028", &out));
	assert_int_equal(out, ehc_date_from_ymd(2028, 2, 29));
	assert_null(ehc_date_parse_dmy("31/12/9999", &out));
	assert_int_equal(out, ehc_date_from_ymd(9999, 12, 31));
}

static void
test_dmy_impossible(void **state)
{
	static const struct reject_case cases[] = {
		{ "29/02/2026", "February 29 exists only in leap years" },
		{ "29/2/2100",
		    "a century year is a leap year only if divisible by 400" },
		{ "30/2/2028", "February has 28 days, or 29 in a leap year" },
		{ "31/04/2026", "April has 30 days" },
		{ "31/6/2026", "June has 30 days" },
		{ "31/9/2026", "September has 30 days" },
		{ "31/11/2026", "November has 30 days" },
		{ "01/13/2026", "month must be 1 to 12" },
		{ "10/0/2026", "month must be 1 to 12" },
		{ "10/00/2026", "month must be 1 to 12" },
		{ "0/4/2026", "day must be 1 to 31" },
		{ "00/04/2026", "day must be 1 to 31" },
		{ "32/01/2026", "day must be 1 to 31" },
		{ "01/01/0000", "year must be 0001 to 9999" },
	};

	(void)state;
	check_rejects(ehc_date_parse_dmy, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

static void
test_dmy_two_digit_year(void **state)
{
	static const struct reject_case cases[] = {
		{ "01/04/26", "two-digit years are not accepted" },
		{ "1/4/26", "two-digit years are not accepted" },
		{ "31/12/99", "two-digit years are not accepted" },
		{ "29/02/00", "two-digit years are not accepted" },
	};

	(void)state;
	check_rejects(ehc_date_parse_dmy, cases,
	    sizeof(cases) / sizeof(cases[0]));
}

static void
test_dmy_junk(void **state)
{
	static const char *const texts[] = {
		"",
		" 1/4/2026",
		"1/4/2026 ",
		"1/4/2026x",
		"001/04/2026",
		"01/004/2026",
		"1/4/202",
		"1/4/2",
		"1/4/02026",
		"1/4/",
		"1//2026",
		"/4/2026",
		"1/4",
		"+1/4/2026",
		"1/-4/2026",
		"1-4-2026",
		"1.4.2026",
		"2026-04-01",
		"1/4/2026/",
		"\xef\xbc\x91/4/2026",
	};
	struct reject_case cases[sizeof(texts) / sizeof(texts[0])];
	size_t count = sizeof(texts) / sizeof(texts[0]);

	(void)state;
	for (size_t i = 0; i < count; i++) {
		cases[i].text = texts[i];
		cases[i].reason = "expected dd/mm/yyyy";
	}
	check_rejects(ehc_date_parse_dmy, cases, count);
}

static void
test_format_round_trip(void **state)
{
	static const char *const texts[] = {
		"0001-01-01", "0999-12-31", "1969-12-31", "1970-01-01",
		"2000-02-29", "2026-10-05", "9999-12-31",
	};
	char buf[EHC_DATE_LEN];

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		ehc_date date;

		assert_null(ehc_date_parse(texts[i], &date));
		ehc_date_format(date, buf);
		assert_string_equal(buf, texts[i]);
	}
}

static void
test_format_out_of_range(void **state)
{
	char buf[EHC_DATE_LEN];

	(void)state;
	ehc_date_format(EHC_DATE_NONE, buf);
	assert_string_equal(buf, "0000-00-00");
	ehc_date_format(ehc_date_from_ymd(1, 1, 1) - 1, buf);
	assert_string_equal(buf, "0000-00-00");
	ehc_date_format(ehc_date_from_ymd(9999, 12, 31) + 1, buf);
	assert_string_equal(buf, "0000-00-00");
}

static void
test_weekday_known(void **state)
{
	(void)state;
	assert_int_equal(ehc_date_weekday(0), 4);
	assert_int_equal(ehc_date_weekday(ehc_date_from_ymd(1969, 12, 28)), 7);
	assert_int_equal(ehc_date_weekday(ehc_date_from_ymd(1969, 12, 29)), 1);
	assert_int_equal(ehc_date_weekday(ehc_date_from_ymd(1600, 1, 1)), 6);
	assert_int_equal(ehc_date_weekday(ehc_date_from_ymd(1, 1, 1)), 1);
	assert_int_equal(ehc_date_weekday(ehc_date_from_ymd(2000, 1, 1)), 6);
	assert_int_equal(ehc_date_weekday(ehc_date_from_ymd(2026, 3, 29)), 7);
	assert_int_equal(ehc_date_weekday(ehc_date_from_ymd(2026, 10, 5)), 1);
	assert_int_equal(ehc_date_weekday(ehc_date_from_ymd(2026, 10, 24)), 6);
	assert_int_equal(ehc_date_weekday(ehc_date_from_ymd(2400, 12, 31)), 7);
}

/* Seven consecutive days take each weekday once, in order. */
static void
test_weekday_sequence(void **state)
{
	ehc_date monday = ehc_date_from_ymd(2026, 3, 23);

	(void)state;
	for (int i = 0; i < 7; i++)
		assert_int_equal(ehc_date_weekday(monday + i), i + 1);
	for (int i = 1; i <= 7; i++)
		assert_int_equal(ehc_date_weekday(monday - i), 8 - i);
}

static void
test_age_birthday(void **state)
{
	ehc_date birth = ehc_date_from_ymd(2010, 6, 15);

	(void)state;
	assert_int_equal(ehc_date_age(birth, birth), 0);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2026, 6, 14)),
	    15);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2026, 6, 15)),
	    16);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2026, 6, 16)),
	    16);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2026, 5, 31)),
	    15);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2026, 7, 1)),
	    16);
}

static void
test_age_year_end(void **state)
{
	ehc_date birth = ehc_date_from_ymd(2010, 12, 31);

	(void)state;
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2011, 12, 30)),
	    0);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2011, 12, 31)),
	    1);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2012, 1, 1)),
	    1);
}

/* A 29 February birthday counts as reached on 1 March in a common year. */
static void
test_age_leap_day(void **state)
{
	ehc_date birth = ehc_date_from_ymd(2012, 2, 29);

	(void)state;
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2013, 2, 28)),
	    0);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2013, 3, 1)),
	    1);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2030, 2, 28)),
	    17);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2030, 3, 1)),
	    18);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2028, 2, 28)),
	    15);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2028, 2, 29)),
	    16);
}

static void
test_age_before_birth(void **state)
{
	ehc_date birth = ehc_date_from_ymd(2026, 5, 1);

	(void)state;
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2026, 4, 30)),
	    -1);
	assert_int_equal(ehc_date_age(birth, ehc_date_from_ymd(2025, 5, 1)),
	    -1);
}

static void
set_zone(const char *zone)
{
	assert_int_equal(setenv("TZ", zone, 1), 0);
	tzset();
}

/* Returns the instant year-month-day hour:minute UTC in POSIX seconds. */
static int64_t
utc_instant(int year, int month, int day, int hour, int minute)
{
	return (int64_t)ehc_date_from_ymd(year, month, day) * 86400 +
	    hour * 3600 + minute * 60;
}

/*
 * 2026-03-29T00:30Z is half an hour before London moves to BST, and
 * 2026-10-24T23:30Z is half an hour before it moves back. New York is on
 * EDT (UTC-4) at both, and Auckland on NZDT (UTC+13).
 */
static void
test_local_zones(void **state)
{
	static const struct {
		const char *zone;
		const char *spring;
		const char *autumn;
	} cases[] = {
		{ "Europe/London", "2026-03-29", "2026-10-25" },
		{ "UTC", "2026-03-29", "2026-10-24" },
		{ "America/New_York", "2026-03-28", "2026-10-24" },
		{ "Pacific/Auckland", "2026-03-29", "2026-10-25" },
	};
	int64_t spring = utc_instant(2026, 3, 29, 0, 30);
	int64_t autumn = utc_instant(2026, 10, 24, 23, 30);
	char buf[EHC_DATE_LEN];

	(void)state;
	assert_int_equal(spring, 1774744200);
	assert_int_equal(autumn, 1792884600);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		set_zone(cases[i].zone);
		ehc_date_format(ehc_date_local(spring), buf);
		assert_string_equal(buf, cases[i].spring);
		ehc_date_format(ehc_date_local(autumn), buf);
		assert_string_equal(buf, cases[i].autumn);
	}
}

/* ehc_date_local must follow a TZ changed without a call to tzset(). */
static void
test_local_zone_change(void **state)
{
	int64_t spring = utc_instant(2026, 3, 29, 0, 30);
	char buf[EHC_DATE_LEN];

	(void)state;
	set_zone("UTC");
	ehc_date_format(ehc_date_local(spring), buf);
	assert_string_equal(buf, "2026-03-29");
	assert_int_equal(setenv("TZ", "America/New_York", 1), 0);
	ehc_date_format(ehc_date_local(spring), buf);
	assert_string_equal(buf, "2026-03-28");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ymd_epoch),
		cmocka_unit_test(test_ymd_round_trip),
		cmocka_unit_test(test_ymd_year_bounds),
		cmocka_unit_test(test_valid_leap_centuries),
		cmocka_unit_test(test_valid_out_of_range),
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_impossible),
		cmocka_unit_test(test_parse_junk),
		cmocka_unit_test(test_dmy_valid),
		cmocka_unit_test(test_dmy_impossible),
		cmocka_unit_test(test_dmy_two_digit_year),
		cmocka_unit_test(test_dmy_junk),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_format_out_of_range),
		cmocka_unit_test(test_weekday_known),
		cmocka_unit_test(test_weekday_sequence),
		cmocka_unit_test(test_age_birthday),
		cmocka_unit_test(test_age_year_end),
		cmocka_unit_test(test_age_leap_day),
		cmocka_unit_test(test_age_before_birth),
		cmocka_unit_test(test_local_zones),
		cmocka_unit_test(test_local_zone_change),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
