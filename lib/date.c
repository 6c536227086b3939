/* Calendar dates as day numbers: conversion, strict parsing and formatting. */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "ehc/date.h"

/*
 * The day number of 0000-03-01. Counting years from 1 March puts the leap
 * day at the end of its year, so the months before it have fixed lengths.
 */
#define DAYS_TO_MARCH_0000 719468

/* Days in 400 Gregorian years, which repeat exactly. */
#define DAYS_PER_ERA 146097

static bool
is_leap(int year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

static int
month_length(int year, int month)
{
	static const int lengths[] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (month == 2 && is_leap(year))
		return 29;
	return lengths[month - 1];
}

/*
 * Returns why a day outside its month does not exist. The February reasons
 * state the leap year rule, century years included.
 */
static const char *
day_reason(int year, int month, int day)
{
	static const char *const short_months[13] = {
		[4] = "April has 30 days",
		[6] = "June has 30 days",
		[9] = "September has 30 days",
		[11] = "November has 30 days",
	};

	if (day < 1 || day > 31)
		return "day must be 1 to 31";
	if (month != 2)
		return short_months[month];
	if (day > 29)
		return "February has 28 days, or 29 in a leap year";
	if (year % 100 == 0)
		return "a century year is a leap year only if divisible by 400";
	return "February 29 exists only in leap years";
}

/*
 * Returns NULL when year-month-day is a real day, else the reason it is not.
 * Years stop at 0001..9999 so that every valid date fits "YYYY-MM-DD".
 */
static const char *
ymd_reason(int year, int month, int day)
{
	if (year < EHC_DATE_YEAR_MIN || year > EHC_DATE_YEAR_MAX)
		return "year must be 0001 to 9999";
	if (month < 1 || month > 12)
		return "month must be 1 to 12";
	if (day < 1 || day > month_length(year, month))
		return day_reason(year, month, day);
	return NULL;
}

bool
ehc_date_is_valid(int year, int month, int day)
{
	return ymd_reason(year, month, day) == NULL;
}

/*
 * The days-from-civil method: shift the year to start on 1 March, split it
 * into 400-year eras, and count whole years, leap days and the days of the
 * months before this one. The arithmetic is 64-bit so that no int year can
 * overflow it. The result fits an ehc_date for years within about 5.8
 * million years of 1970.
 */
ehc_date
ehc_date_from_ymd(int year, int month, int day)
{
	int64_t march_year = (int64_t)year - (month <= 2);
	int64_t era = (march_year >= 0 ? march_year : march_year - 399) / 400;
	int64_t year_of_era = march_year - era * 400;
	int64_t march_month = month > 2 ? month - 3 : month + 9;
	int64_t day_of_year = (153 * march_month + 2) / 5 + day - 1;
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 -
	    year_of_era / 100 + day_of_year;

	return (ehc_date)(era * DAYS_PER_ERA + day_of_era - DAYS_TO_MARCH_0000);
}

/*
 * The inverse of ehc_date_from_ymd. Before dividing the day of the era by
 * 365, the leap days are taken out of it. That is one per 1460 days (four
 * common years), one added back per 36524 days (a century, which lacks one
 * leap day), and one more on the last day of the era.
 */
void
ehc_date_to_ymd(ehc_date date, int *year, int *month, int *day)
{
	int64_t shifted = (int64_t)date + DAYS_TO_MARCH_0000;
	int64_t era = (shifted >= 0 ? shifted : shifted - (DAYS_PER_ERA - 1)) /
	    DAYS_PER_ERA;
	int64_t day_of_era = shifted - era * DAYS_PER_ERA;
	int64_t year_of_era = (day_of_era - day_of_era / 1460 +
	    day_of_era / 36524 - day_of_era / (DAYS_PER_ERA - 1)) / 365;
	int64_t day_of_year = day_of_era - (365 * year_of_era +
	    year_of_era / 4 - year_of_era / 100);
	int64_t march_month = (5 * day_of_year + 2) / 153;
	int64_t civil_month = march_month < 10 ? march_month + 3 :
	    march_month - 9;

	*year = (int)(year_of_era + era * 400 + (civil_month <= 2));
	*month = (int)civil_month;
	*day = (int)(day_of_year - (153 * march_month + 2) / 5 + 1);
}

/* Reads exactly n ASCII digits, without the sign or spaces strtol() takes. */
static bool
read_digits(const char *text, size_t n, int *value)
{
	*value = 0;
	for (size_t i = 0; i < n; i++) {
		if (text[i] < '0' || text[i] > '9')
			return false;
		*value = *value * 10 + (text[i] - '0');
	}
	return true;
}

/* Returns the number of ASCII digits that text starts with. */
static size_t
count_digits(const char *text)
{
	size_t n = 0;

	while (text[n] >= '0' && text[n] <= '9')
		n++;
	return n;
}

static const char *
store_ymd(int year, int month, int day, ehc_date *out)
{
	const char *reason = ymd_reason(year, month, day);

	if (reason == NULL)
		*out = ehc_date_from_ymd(year, month, day);
	return reason;
}

const char *
ehc_date_parse(const char *text, ehc_date *out)
{
	const char *format = "expected YYYY-MM-DD";
	int year, month, day;

	if (!read_digits(text, 4, &year) || text[4] != '-')
		return format;
	if (!read_digits(text + 5, 2, &month) || text[7] != '-')
		return format;
	if (!read_digits(text + 8, 2, &day) || text[10] != '\0')
		return format;
	return store_ymd(year, month, day, out);
}

/*
 * Reads a day or month of one or two digits followed by '/' and returns a
 * pointer past the '/', or NULL when the field is malformed.
 */
static const char *
read_dmy_field(const char *text, int *value)
{
	size_t n = count_digits(text);

	if (n < 1 || n > 2 || text[n] != '/')
		return NULL;
	read_digits(text, n, value);
	return text + n + 1;
}

const char *
ehc_date_parse_dmy(const char *text, ehc_date *out)
{
	const char *format = "expected dd/mm/yyyy";
	int year, month, day;
	size_t n;

	if ((text = read_dmy_field(text, &day)) == NULL)
		return format;
	if ((text = read_dmy_field(text, &month)) == NULL)
		return format;

	/* A two-digit year could be in either of two centuries. */
	n = count_digits(text);
	if (text[n] != '\0')
		return format;
	if (n == 2)
		return "two-digit years are not accepted";
	if (n != 4)
		return format;
	read_digits(text, 4, &year);
	return store_ymd(year, month, day, out);
}

/*
 * Writes "0000-00-00", which no parser accepts, for a day number outside
 * years 0001..9999 such as EHC_DATE_NONE. The range check also lets the
 * compiler see that the digits always fit buf.
 */
void
ehc_date_format(ehc_date date, char buf[EHC_DATE_LEN])
{
	int year, month, day;

	ehc_date_to_ymd(date, &year, &month, &day);
	if (year < EHC_DATE_YEAR_MIN || year > EHC_DATE_YEAR_MAX ||
	    month < 1 || month > 12 || day < 1 || day > 31) {
		year = month = day = 0;
	}
	/* By hand, not snprintf: an import formats millions of dates. */
	buf[0] = (char)('0' + year / 1000);
	buf[1] = (char)('0' + year / 100 % 10);
	buf[2] = (char)('0' + year / 10 % 10);
	buf[3] = (char)('0' + year % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + month / 10);
	buf[6] = (char)('0' + month % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + day / 10);
	buf[9] = (char)('0' + day % 10);
	buf[10] = '\0';
}

/*
 * Calls tzset() first because localtime_r() need not, and glibc 2.36 does
 * not, so a TZ changed since the last call would be ignored. Returns
 * EHC_DATE_NONE if t cannot be converted.
 */
ehc_date
ehc_date_local(int64_t t)
{
	time_t instant = (time_t)t;
	struct tm tm;

	tzset();
	if (localtime_r(&instant, &tm) == NULL)
		return EHC_DATE_NONE;
	return ehc_date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

/* Day 0, 1970-01-01, was a Thursday, ISO weekday 4. */
int
ehc_date_weekday(ehc_date date)
{
	int64_t remainder = ((int64_t)date + 3) % 7;

	if (remainder < 0)
		remainder += 7;
	return (int)remainder + 1;
}

/*
 * Counts the birthdays passed by comparing month and day. Someone born on
 * 29 February therefore reaches a birthday on 1 March in a common year,
 * the first day by which the whole year has passed. Returns a negative age
 * when on is before birth.
 */
int
ehc_date_age(ehc_date birth, ehc_date on)
{
	int birth_year, birth_month, birth_day;
	int year, month, day;
	int age;

	ehc_date_to_ymd(birth, &birth_year, &birth_month, &birth_day);
	ehc_date_to_ymd(on, &year, &month, &day);
	age = year - birth_year;
	if (month < birth_month || (month == birth_month && day < birth_day))
		age--;
	return age;
}
