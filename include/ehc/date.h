/* Calendar dates as day numbers: arithmetic that no clock or zone changes. */
#ifndef EHC_DATE_H
#define EHC_DATE_H

#include <stdbool.h>
#include <stdint.h>

/*
 * A date of the proleptic Gregorian calendar, counted in days from
 * 1970-01-01 (day 0). Adding n days is plain integer addition, so results
 * are the same in every time zone and across clock changes.
 */
typedef int32_t ehc_date;

/* No date: a step not taken yet. Never a valid day number. */
#define EHC_DATE_NONE INT32_MIN

/* Buffer size for "YYYY-MM-DD" and its terminating NUL. */
#define EHC_DATE_LEN 11

/* Years that ehc_date_parse accepts: four digits, no year 0. */
#define EHC_DATE_YEAR_MIN 1
#define EHC_DATE_YEAR_MAX 9999

/* Returns whether year-month-day names a real day (no 2026-02-29). */
bool ehc_date_is_valid(int year, int month, int day);

/* Converts a valid year-month-day to its day number. */
ehc_date ehc_date_from_ymd(int year, int month, int day);

/* Converts a day number back to year, month (1-12) and day (1-31). */
void ehc_date_to_ymd(ehc_date date, int *year, int *month, int *day);

/*
 * Parses an ISO 8601 calendar date, exactly "YYYY-MM-DD" and nothing around
 * it. Returns NULL on success, else a short static reason for the caller's
 * message, such as "April has 30 days" or "expected YYYY-MM-DD".
 */
const char *ehc_date_parse(const char *text, ehc_date *out);

/*
 * Parses a UK "dd/mm/yyyy" date; the day and month may drop their leading
 * zero ("1/4/2026"), the year must have four digits. Returns as
 * ehc_date_parse does.
 */
const char *ehc_date_parse_dmy(const char *text, ehc_date *out);

/* Writes date as "YYYY-MM-DD" into buf. */
void ehc_date_format(ehc_date date, char buf[EHC_DATE_LEN]);

/* Returns the local calendar date of the instant t, in the zone TZ names. */
ehc_date ehc_date_local(int64_t t);

/* Returns the ISO weekday of date: 1 for Monday to 7 for Sunday. */
int ehc_date_weekday(ehc_date date);

/* Returns the age in whole years on the day on of someone born on birth. */
int ehc_date_age(ehc_date birth, ehc_date on);

#endif
