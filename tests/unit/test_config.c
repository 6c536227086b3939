/* Tests of the configuration: defaults, loading over them, errors, writing. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ehc/config.h"

#define PATH_LEN 64

/* A rejected value, and the message after "PATH:LINE:COLUMN: ". */
struct reject_case {
	const char *value;
	const char *message;
};

/* Writes len bytes of text to a new file in /tmp and stores its path. */
static void
make_file_bytes(char path[PATH_LEN], const char *text, size_t len)
{
	int fd;

	snprintf(path, PATH_LEN, "/tmp/ehc-config-test.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	assert_int_equal(close(fd), 0);
}

static void
make_file(char path[PATH_LEN], const char *text)
{
	make_file_bytes(path, text, strlen(text));
}

/* Returns the path of a file under tests/data/config. */
static const char *
data_path(const char *name)
{
	static char path[512];
	const char *dir = getenv("EHC_TEST_DATA");

	snprintf(path, sizeof(path), "%s/config/%s",
	    dir != NULL ? dir : "tests/data", name);
	return path;
}

/* Returns the path of a shared case, or NULL when EHC_SHARED_CASES lacks it. */
static const char *
shared_path(const char *name)
{
	static char path[512];
	const char *dir = getenv("EHC_SHARED_CASES");

	if (dir == NULL)
		return NULL;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (access(path, R_OK) != 0)
		return NULL;
	return path;
}

static void
assert_config_equal(const struct ehc_config *a, const struct ehc_config *b)
{
	for (int i = 0; i < EHC_TIMEFRAME_COUNT; i++) {
		assert_int_equal(a->timeframes[i].count,
		    b->timeframes[i].count);
		assert_int_equal(a->timeframes[i].unit, b->timeframes[i].unit);
	}
	assert_int_equal(a->com_minutes, b->com_minutes);
	assert_int_equal(a->acronym_count, b->acronym_count);
	for (size_t i = 0; i < a->acronym_count && i < b->acronym_count; i++) {
		assert_string_equal(a->acronyms[i].term, b->acronyms[i].term);
		assert_string_equal(a->acronyms[i].meaning,
		    b->acronyms[i].meaning);
	}
}

/*
 * Loads text over the default and checks the error: its status, its whole
 * message with the temporary path in front, and that nothing changed.
 */
static void
check_error_bytes(const char *text, size_t len, const char *message)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_config *fresh = ehc_config_create();
	struct ehc_error err = { 0 };
	char path[PATH_LEN], want[1024];

	make_file_bytes(path, text, len);
	snprintf(want, sizeof(want), "%s:%s", path, message);
	assert_int_equal(ehc_config_load(config, path, &err), EHC_CONFIG);
	assert_int_equal(err.status, EHC_CONFIG);
	assert_string_equal(err.message, want);
	assert_config_equal(config, fresh);
	assert_null(config->source);

	unlink(path);
	ehc_config_destroy(fresh);
	ehc_config_destroy(config);
}

static void
check_error(const char *text, const char *message)
{
	check_error_bytes(text, strlen(text), message);
}

/* Loads text over the default, which must succeed. */
static struct ehc_config *
load_ok(const char *text)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_error err = { 0 };
	char path[PATH_LEN];

	make_file(path, text);
	assert_int_equal(ehc_config_load(config, path, &err), EHC_OK);
	assert_string_equal(config->source, path);
	unlink(path);
	return config;
}

/* Runs each value through "  advice-response: VALUE" on line 2. */
static void
check_duration_rejects(const struct reject_case *cases, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		char text[128];

		snprintf(text, sizeof(text), "timeframes:\n"
		    "  advice-response: %s\n", cases[i].value);
		check_error(text, cases[i].message);
	}
}

static void
default_timeframes(void **state)
{
	struct ehc_config *config = ehc_config_create();
	const struct ehc_duration *t;

	(void)state;
	assert_non_null(config);
	t = config->timeframes;
	assert_int_equal(t[EHC_TIMEFRAME_ASSESS_DECISION].count, 6);
	assert_int_equal(t[EHC_TIMEFRAME_ASSESS_DECISION].unit, 'w');
	assert_int_equal(t[EHC_TIMEFRAME_ADVICE_GATHERED].count, 12);
	assert_int_equal(t[EHC_TIMEFRAME_ADVICE_GATHERED].unit, 'w');
	assert_int_equal(t[EHC_TIMEFRAME_COM].count, 14);
	assert_int_equal(t[EHC_TIMEFRAME_COM].unit, 'w');
	assert_int_equal(t[EHC_TIMEFRAME_ISSUE_DECISION].count, 16);
	assert_int_equal(t[EHC_TIMEFRAME_ISSUE_DECISION].unit, 'w');
	assert_int_equal(t[EHC_TIMEFRAME_FINAL_PLAN].count, 20);
	assert_int_equal(t[EHC_TIMEFRAME_FINAL_PLAN].unit, 'w');
	assert_int_equal(t[EHC_TIMEFRAME_ADVICE_RESPONSE].count, 6);
	assert_int_equal(t[EHC_TIMEFRAME_ADVICE_RESPONSE].unit, 'w');
	assert_int_equal(t[EHC_TIMEFRAME_DRAFT_COMMENTS].count, 15);
	assert_int_equal(t[EHC_TIMEFRAME_DRAFT_COMMENTS].unit, 'd');
	assert_int_equal(t[EHC_TIMEFRAME_SUPPORT_MEETING].count, 0);
	assert_int_equal(t[EHC_TIMEFRAME_SUPPORT_MEETING].unit, 0);
	assert_int_equal(config->com_minutes, 120);
	assert_null(config->source);
	ehc_config_destroy(config);
}

static void
default_acronyms(void **state)
{
	static const char *const terms[] = {
		"ARO", "EP", "SENCO", "SENDCO", "EHC", "EHC plan", "COM",
		"SEN", "SEND", "LA", "SEN2", "EHCNA", "SEN support", "CYP",
		"SALT", "OT", "CAMHS", "DfE", "SENDIST", "COP",
	};
	struct ehc_config *config = ehc_config_create();

	(void)state;
	for (size_t i = 0; i < sizeof(terms) / sizeof(terms[0]); i++) {
		const struct ehc_acronym *a = ehc_config_acronym(config,
		    terms[i]);

		assert_non_null(a);
		assert_string_equal(a->term, terms[i]);
		assert_true(strlen(a->meaning) > 0);
	}
	assert_string_equal(ehc_config_acronym(config, "ARO")->meaning,
	    "Assessment and Reviewing Officer: the local authority officer "
	    "who runs a case, books and minutes its meetings and watches its "
	    "deadlines");
	ehc_config_destroy(config);
}

/* The acronyms are sorted ignoring case, with no two equal that way. */
static void
default_sorted(void **state)
{
	struct ehc_config *config = ehc_config_create();

	(void)state;
	for (size_t i = 1; i < config->acronym_count; i++) {
		const char *a = config->acronyms[i - 1].term;
		const char *b = config->acronyms[i].term;
		char la[64], lb[64];
		size_t k;

		for (k = 0; a[k] != '\0' && k + 1 < sizeof(la); k++)
			la[k] = (a[k] >= 'A' && a[k] <= 'Z') ? a[k] + 32 : a[k];
		la[k] = '\0';
		for (k = 0; b[k] != '\0' && k + 1 < sizeof(lb); k++)
			lb[k] = (b[k] >= 'A' && b[k] <= 'Z') ? b[k] + 32 : b[k];
		lb[k] = '\0';
		assert_true(strcmp(la, lb) < 0);
	}
	ehc_config_destroy(config);
}

static void
timeframe_names(void **state)
{
	(void)state;
	assert_string_equal(ehc_timeframe_name(EHC_TIMEFRAME_ASSESS_DECISION),
	    "assess-decision");
	assert_string_equal(ehc_timeframe_name(EHC_TIMEFRAME_COM), "com");
	assert_string_equal(ehc_timeframe_name(EHC_TIMEFRAME_SUPPORT_MEETING),
	    "support-meeting");
	assert_null(ehc_timeframe_name(EHC_TIMEFRAME_COUNT));
}

static void
acronym_ignores_case(void **state)
{
	struct ehc_config *config = ehc_config_create();

	(void)state;
	assert_string_equal(ehc_config_acronym(config, "senco")->term, "SENCO");
	assert_string_equal(ehc_config_acronym(config, "Ehc Plan")->term,
	    "EHC plan");
	assert_string_equal(ehc_config_acronym(config, "dfe")->term, "DfE");
	assert_null(ehc_config_acronym(config, "SENC"));
	assert_null(ehc_config_acronym(config, ""));
	ehc_config_destroy(config);
}

static void
destroy_null(void **state)
{
	(void)state;
	ehc_config_destroy(NULL);
}

static void
load_overlay(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_config *fresh = ehc_config_create();
	struct ehc_error err = { 0 };
	const char *path = data_path("overlay.yaml");
	const struct ehc_duration *t;

	(void)state;
	assert_int_equal(ehc_config_load(config, path, &err), EHC_OK);
	t = config->timeframes;
	assert_int_equal(t[EHC_TIMEFRAME_COM].count, 13);
	assert_int_equal(t[EHC_TIMEFRAME_SUPPORT_MEETING].count, 4);
	assert_int_equal(t[EHC_TIMEFRAME_SUPPORT_MEETING].unit, 'w');
	assert_int_equal(config->com_minutes, 90);
	assert_string_equal(config->source, path);

	/* What the file does not set keeps its default. */
	for (int i = 0; i < EHC_TIMEFRAME_SUPPORT_MEETING; i++) {
		if (i == EHC_TIMEFRAME_COM)
			continue;
		assert_int_equal(t[i].count, fresh->timeframes[i].count);
		assert_int_equal(t[i].unit, fresh->timeframes[i].unit);
	}
	assert_int_equal(config->acronym_count, fresh->acronym_count + 1);
	assert_string_equal(ehc_config_acronym(config, "EP")->meaning,
	    ehc_config_acronym(fresh, "EP")->meaning);

	/* A term given in another case replaces the default's entry. */
	assert_string_equal(ehc_config_acronym(config, "SENCO")->term, "senco");
	assert_string_equal(ehc_config_acronym(config, "SENCO")->meaning,
	    "Special Educational Needs Co-ordinator");
	assert_string_equal(ehc_config_acronym(config, "pfa")->meaning,
	    "Preparing for Adulthood");
	ehc_config_destroy(fresh);
	ehc_config_destroy(config);
}

/* A second file goes over the first, not over the default. */
static void
load_twice(void **state)
{
	struct ehc_config *config = load_ok("timeframes:\n  com: 13w\n");
	struct ehc_error err = { 0 };
	char path[PATH_LEN];

	(void)state;
	make_file(path, "com:\n  minutes: 60\n");
	assert_int_equal(ehc_config_load(config, path, &err), EHC_OK);
	assert_int_equal(config->timeframes[EHC_TIMEFRAME_COM].count, 13);
	assert_int_equal(config->com_minutes, 60);
	assert_string_equal(config->source, path);
	unlink(path);
	ehc_config_destroy(config);
}

static void
load_empty(void **state)
{
	static const char *const texts[] = {
		"",
		"# only a comment\n",
		"\n\n   \n# two comments\n  # indented\n",
		"---\n",
		"timeframes:\ncom:\nacronyms:\n",
		"timeframes: {}\nacronyms: {}\n",
	};
	struct ehc_config *fresh = ehc_config_create();

	(void)state;
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		struct ehc_config *config = load_ok(texts[i]);

		assert_config_equal(config, fresh);
		ehc_config_destroy(config);
	}
	ehc_config_destroy(fresh);
}

/* Keys that YAML 1.1 reads as booleans or null stay text. */
static void
load_boolean_keys(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_config *fresh = ehc_config_create();
	struct ehc_error err = { 0 };
	const char *path = data_path("boolean-acronyms.yaml");

	(void)state;
	assert_int_equal(ehc_config_load(config, path, &err), EHC_OK);
	assert_int_equal(config->acronym_count, fresh->acronym_count + 5);
	assert_string_equal(ehc_config_acronym(config, "NO")->meaning,
	    "Notice Officer (an invented entry for testing)");
	assert_string_equal(ehc_config_acronym(config, "ON")->term, "ON");
	assert_string_equal(ehc_config_acronym(config, "OFF")->term, "OFF");
	assert_string_equal(ehc_config_acronym(config, "Y")->term, "Y");
	assert_string_equal(ehc_config_acronym(config, "yes")->term, "yes");
	assert_string_equal(ehc_config_acronym(config, "no")->term, "NO");
	ehc_config_destroy(fresh);
	ehc_config_destroy(config);
}

static void
load_null_keys(void **state)
{
	struct ehc_config *config = load_ok("acronyms:\n"
	    "  ~: tilde\n  null: nothing\n  n: letter\n  12: twelve\n"
	    "  EP: 08\n");

	(void)state;
	assert_string_equal(ehc_config_acronym(config, "~")->meaning, "tilde");
	assert_string_equal(ehc_config_acronym(config, "NULL")->meaning,
	    "nothing");
	assert_string_equal(ehc_config_acronym(config, "N")->meaning,
	    "letter");
	assert_string_equal(ehc_config_acronym(config, "12")->meaning,
	    "twelve");
	assert_string_equal(ehc_config_acronym(config, "EP")->meaning, "08");
	ehc_config_destroy(config);
}

static void
shared_boolean_keys(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_config *fresh = ehc_config_create();
	struct ehc_error err = { 0 };
	const char *path = shared_path("norway-acronyms.yaml");

	(void)state;
	if (path == NULL) {
		ehc_config_destroy(fresh);
		ehc_config_destroy(config);
		skip();
	}
	assert_int_equal(ehc_config_load(config, path, &err), EHC_OK);
	/* EP is a default too, so 4 of the 5 terms are new. */
	assert_int_equal(config->acronym_count, fresh->acronym_count + 4);
	assert_string_equal(ehc_config_acronym(config, "NO")->meaning,
	    "Notice Officer (made-up test entry)");
	assert_non_null(ehc_config_acronym(config, "ON"));
	assert_non_null(ehc_config_acronym(config, "OFF"));
	assert_non_null(ehc_config_acronym(config, "Y"));
	assert_non_null(ehc_config_acronym(config, "EP"));
	ehc_config_destroy(fresh);
	ehc_config_destroy(config);
}

static void
duration_accepts(void **state)
{
	static const struct {
		const char *text;
		int count;
		char unit;
	} cases[] = {
		{ "6w", 6, 'w' }, { "\"6w\"", 6, 'w' }, { "'6w'", 6, 'w' },
		{ "15d", 15, 'd' }, { "1d", 1, 'd' }, { "104w", 104, 'w' },
		{ "728d", 728, 'd' }, { "10w  # a comment", 10, 'w' },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ehc_config *config;
		char text[128];

		snprintf(text, sizeof(text), "timeframes:\n"
		    "  advice-response: %s\n", cases[i].text);
		config = load_ok(text);
		assert_int_equal(
		    config->timeframes[EHC_TIMEFRAME_ADVICE_RESPONSE].count,
		    cases[i].count);
		assert_int_equal(
		    config->timeframes[EHC_TIMEFRAME_ADVICE_RESPONSE].unit,
		    cases[i].unit);
		ehc_config_destroy(config);
	}
}

static void
duration_leading_zeros(void **state)
{
	static const struct reject_case cases[] = {
		{ "06w", "2:20: invalid duration '06w': leading zeros are not "
		    "allowed; write 6w" },
		{ "012w", "2:20: invalid duration '012w': leading zeros are "
		    "not allowed; write 12w" },
		{ "08w", "2:20: invalid duration '08w': leading zeros are not "
		    "allowed; write 8w" },
		{ "\"015d\"", "2:20: invalid duration '015d': leading zeros "
		    "are not allowed; write 15d" },
		{ "00w", "2:20: invalid duration '00w': out of range; a "
		    "timeframe is from 1d to 104w (728 days)" },
	};

	(void)state;
	check_duration_rejects(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
duration_junk(void **state)
{
	static const struct reject_case cases[] = {
		{ "+6w", "2:20: invalid duration '+6w': signs are not "
		    "allowed" },
		{ "-6w", "2:20: invalid duration '-6w': signs are not "
		    "allowed" },
		{ "6 w", "2:20: invalid duration '6 w': spaces are not "
		    "allowed inside a duration" },
		{ "\" 6w\"", "2:20: invalid duration ' 6w': spaces are not "
		    "allowed inside a duration" },
		{ "6", "2:20: invalid duration '6': the unit is missing; add "
		    "w for weeks or d for days" },
		{ "6wk", "2:20: invalid duration '6wk': unknown unit; use w "
		    "for weeks or d for days" },
		{ "6W", "2:20: invalid duration '6W': unknown unit; use w "
		    "for weeks or d for days" },
		{ "6m", "2:20: invalid duration '6m': unknown unit; use w "
		    "for weeks or d for days" },
		{ "w", "2:20: invalid duration 'w': expected a whole number "
		    "and w for weeks or d for days, such as 6w" },
		{ "1.5w", "2:20: invalid duration '1.5w': only whole numbers "
		    "are allowed; give the time in days, such as 10d" },
		{ "6w6w", "2:20: invalid duration '6w6w': unknown unit; use w "
		    "for weeks or d for days" },
		{ "''", "2:20: missing duration for 'advice-response'; write "
		    "a number of weeks or days, such as 6w or 15d" },
	};

	(void)state;
	check_duration_rejects(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
duration_range(void **state)
{
	static const struct reject_case cases[] = {
		{ "0w", "2:20: invalid duration '0w': out of range; a "
		    "timeframe is from 1d to 104w (728 days)" },
		{ "0d", "2:20: invalid duration '0d': out of range; a "
		    "timeframe is from 1d to 104w (728 days)" },
		{ "105w", "2:20: invalid duration '105w': out of range; a "
		    "timeframe is from 1d to 104w (728 days)" },
		{ "729d", "2:20: invalid duration '729d': out of range; a "
		    "timeframe is from 1d to 104w (728 days)" },
		{ "99999999999999999999w", "2:20: invalid duration "
		    "'99999999999999999999w': out of range; a timeframe is "
		    "from 1d to 104w (728 days)" },
	};

	(void)state;
	check_duration_rejects(cases, sizeof(cases) / sizeof(cases[0]));
}

static void
duration_missing(void **state)
{
	(void)state;
	check_error("timeframes:\n  com:\n",
	    "2:7: missing duration for 'com'; write a number of weeks or "
	    "days, such as 6w or 15d");
}

/* Leading zeros in the order of a real file: the first bad line counts. */
static void
leading_zeros_file(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_config *fresh = ehc_config_create();
	struct ehc_error err = { 0 };
	const char *path = data_path("leading-zeros.yaml");
	char want[1024];

	(void)state;
	snprintf(want, sizeof(want), "%s:5:15: invalid duration '020w': "
	    "leading zeros are not allowed; write 20w", path);
	assert_int_equal(ehc_config_load(config, path, &err), EHC_CONFIG);
	assert_string_equal(err.message, want);
	assert_config_equal(config, fresh);
	ehc_config_destroy(fresh);
	ehc_config_destroy(config);
}

static void
leading_zeros_example(void **state)
{
	(void)state;
	check_error("# padded\ntimeframes:\n  assess-decision: 6w\n"
	    "  advice-gathered: 012w\n",
	    "4:20: invalid duration '012w': leading zeros are not allowed; "
	    "write 12w");
}

static void
shared_leading_zeros(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_error err = { 0 };
	const char *path = shared_path("leading-zeros.yaml");
	char want[1024];

	(void)state;
	if (path == NULL) {
		ehc_config_destroy(config);
		skip();
	}
	snprintf(want, sizeof(want), "%s:3:20: invalid duration '06w': "
	    "leading zeros are not allowed; write 6w", path);
	assert_int_equal(ehc_config_load(config, path, &err), EHC_CONFIG);
	assert_string_equal(err.message, want);
	assert_int_equal(
	    config->timeframes[EHC_TIMEFRAME_ADVICE_GATHERED].count, 12);
	ehc_config_destroy(config);
}

static void
minutes_accepts(void **state)
{
	static const struct {
		const char *text;
		int minutes;
	} cases[] = {
		{ "15", 15 }, { "90", 90 }, { "\"120\"", 120 }, { "480", 480 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct ehc_config *config;
		char text[128];

		snprintf(text, sizeof(text), "com:\n  minutes: %s\n",
		    cases[i].text);
		config = load_ok(text);
		assert_int_equal(config->com_minutes, cases[i].minutes);
		ehc_config_destroy(config);
	}
}

static void
minutes_rejects(void **state)
{
	static const struct reject_case cases[] = {
		{ "090", "2:12: invalid minutes '090': leading zeros are not "
		    "allowed; write 90" },
		{ "14", "2:12: invalid minutes '14': out of range; a COM lasts "
		    "from 15 to 480 minutes" },
		{ "481", "2:12: invalid minutes '481': out of range; a COM "
		    "lasts from 15 to 480 minutes" },
		{ "0", "2:12: invalid minutes '0': out of range; a COM lasts "
		    "from 15 to 480 minutes" },
		{ "+90", "2:12: invalid minutes '+90': expected a whole "
		    "number of minutes, such as 120" },
		{ "2h", "2:12: invalid minutes '2h': expected a whole number "
		    "of minutes, such as 120" },
		{ "90.5", "2:12: invalid minutes '90.5': expected a whole "
		    "number of minutes, such as 120" },
		{ "''", "2:12: missing value for 'minutes'; write the length "
		    "of a COM in minutes, such as 120" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[128];

		snprintf(text, sizeof(text), "com:\n  minutes: %s\n",
		    cases[i].value);
		check_error(text, cases[i].message);
	}
}

static void
order_rejects(void **state)
{
	(void)state;
	check_error("timeframes:\n  com: 10w\n",
	    "2:8: timeframe 'com' (10w) is shorter than 'advice-gathered' "
	    "(12w); assess-decision, advice-gathered, com, issue-decision "
	    "and final-plan must come in that order");
	check_error("timeframes:\n  assess-decision: 13w\n",
	    "2:20: timeframe 'assess-decision' (13w) is longer than "
	    "'advice-gathered' (12w); assess-decision, advice-gathered, com, "
	    "issue-decision and final-plan must come in that order");
	check_error("timeframes:\n  final-plan: 111d\n  issue-decision: 16w\n",
	    "2:15: timeframe 'final-plan' (111d) is shorter than "
	    "'issue-decision' (16w); assess-decision, advice-gathered, com, "
	    "issue-decision and final-plan must come in that order");
}

/* Equal limits are in order, and days compare with weeks. */
static void
order_accepts(void **state)
{
	struct ehc_config *config = load_ok("timeframes:\n  com: 84d\n"
	    "  issue-decision: 12w\n  final-plan: 84d\n"
	    "  advice-response: 1d\n");

	(void)state;
	assert_int_equal(config->timeframes[EHC_TIMEFRAME_COM].count, 84);
	assert_int_equal(config->timeframes[EHC_TIMEFRAME_COM].unit, 'd');
	assert_int_equal(config->timeframes[EHC_TIMEFRAME_FINAL_PLAN].count,
	    84);
	ehc_config_destroy(config);
}

static void
unknown_keys(void **state)
{
	(void)state;
	check_error("timeframes:\n  com: 14w\n  final-plam: 20w\n",
	    "3:3: unknown key 'final-plam' in 'timeframes'; did you mean "
	    "'final-plan'?");
	check_error("timeframe:\n  com: 14w\n",
	    "1:1: unknown key 'timeframe' at the top level; did you mean "
	    "'timeframes'?");
	check_error("# c\nholidays:\n  - 2026-12-25\n",
	    "2:1: unknown key 'holidays' at the top level; expected "
	    "'timeframes', 'com', 'acronyms' or 'database'");
	check_error("com:\n  length: 120\n",
	    "2:3: unknown key 'length' in 'com'; expected 'minutes'");
	check_error("Timeframes:\n", "1:1: unknown key 'Timeframes' at the "
	    "top level; did you mean 'timeframes'?");
}

static void
duplicate_keys(void **state)
{
	(void)state;
	check_error("timeframes:\n  com: 14w\n  assess-decision: 6w\n"
	    "  final-plan: 20w\n  com: 15w\n",
	    "5:3: duplicate key 'com' in 'timeframes' (first at line 2)");
	check_error("com:\n  minutes: 90\ntimeframes:\n  com: 14w\n"
	    "com:\n  minutes: 60\n",
	    "5:1: duplicate key 'com' at the top level (first at line 1)");
	check_error("com:\n  minutes: 90\n  minutes: 60\n",
	    "3:3: duplicate key 'minutes' in 'com' (first at line 2)");
}

static void
duplicate_acronyms(void **state)
{
	(void)state;
	check_error("acronyms:\n  XYZ: one\n  XYZ: two\n",
	    "3:3: duplicate key 'XYZ' in 'acronyms' (first at line 2)");
	check_error("acronyms:\n  SENCO: one\n  EP: two\n  senco: three\n",
	    "4:3: duplicate key 'senco' in 'acronyms' (first at line 2 as "
	    "'SENCO'; acronyms ignore case)");
	check_error("acronyms:\n  Abc: one\n  aBC: two\n",
	    "3:3: duplicate key 'aBC' in 'acronyms' (first at line 2 as "
	    "'Abc'; acronyms ignore case)");
}

static void
tab_indent_file(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_error err = { 0 };
	const char *path = data_path("tab-indent.yaml");
	char want[1024];

	(void)state;
	snprintf(want, sizeof(want), "%s:3:3: tab character used for "
	    "indentation; indent with spaces", path);
	assert_int_equal(ehc_config_load(config, path, &err), EHC_CONFIG);
	assert_string_equal(err.message, want);
	assert_null(config->source);
	ehc_config_destroy(config);
}

static void
tab_indent_inline(void **state)
{
	(void)state;
	check_error("timeframes:\n\tcom: 14w\n",
	    "2:1: tab character used for indentation; indent with spaces");
	check_error("timeframes:\n  com: 14w\n\t\n",
	    "3:1: tab character used for indentation; indent with spaces");
	check_error("acronyms:\n  EP: |\n    text\n\tXY: z\n",
	    "4:1: tab character used for indentation; indent with spaces");
}

/* A tab after the indentation of a block scalar is part of its text. */
static void
tab_in_block_scalar(void **state)
{
	(void)state;
	check_error("acronyms:\n  EP: |-\n    first\n    \tsecond\n",
	    "2:7: meaning of acronym 'EP' contains a control character "
	    "such as a line break or tab; write it on one line");
}

/* A tab between a key and its value is allowed. */
static void
tab_after_key(void **state)
{
	struct ehc_config *config = load_ok("timeframes:\n  com:\t13w\n");

	(void)state;
	assert_int_equal(config->timeframes[EHC_TIMEFRAME_COM].count, 13);
	ehc_config_destroy(config);
}

static void
shared_tab_indent(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_error err = { 0 };
	const char *path = shared_path("tab-indent.yaml");
	char want[1024];

	(void)state;
	if (path == NULL) {
		ehc_config_destroy(config);
		skip();
	}
	snprintf(want, sizeof(want), "%s:3:1: tab character used for "
	    "indentation; indent with spaces", path);
	assert_int_equal(ehc_config_load(config, path, &err), EHC_CONFIG);
	assert_int_equal(err.status, EHC_CONFIG);
	assert_string_equal(err.message, want);
	ehc_config_destroy(config);
}

static void
syntax_errors(void **state)
{
	(void)state;
	check_error("timeframes:\n  com: 14w\n bad: 1\n",
	    "3:2: invalid YAML: did not find expected key (while parsing a "
	    "block mapping at line 1)");
	check_error("timeframes:\n  com: \"14w\n",
	    "3:1: invalid YAML: found unexpected end of stream (while "
	    "scanning a quoted scalar at line 2)");
	check_error("acronyms: {EP: x\n",
	    "2:1: invalid YAML: did not find expected ',' or '}' (while "
	    "parsing a flow mapping at line 1)");
}

static void
wrong_shapes(void **state)
{
	(void)state;
	check_error("timeframes:\n  - com: 14w\n",
	    "2:3: expected a mapping for 'timeframes', found a sequence");
	check_error("timeframes: 14w\n",
	    "1:13: expected a mapping for 'timeframes', found the scalar "
	    "'14w'");
	check_error("timeframes:\n  com:\n    weeks: 14\n",
	    "3:5: expected a duration for 'com' in 'timeframes', found a "
	    "mapping");
	check_error("com:\n  minutes: [120]\n",
	    "2:12: expected a number of minutes for 'minutes' in 'com', "
	    "found a sequence");
	check_error("- timeframes\n",
	    "1:1: expected a mapping at the top level, found a sequence");
	check_error("just text\n",
	    "1:1: expected a mapping at the top level, found the scalar "
	    "'just text'");
	check_error("timeframes:\n  ? [com]\n  : 14w\n",
	    "2:5: expected a key in 'timeframes', found a sequence");
}

static void
empty_keys(void **state)
{
	(void)state;
	check_error("acronyms:\n  \"\": nothing\n",
	    "2:3: empty key in 'acronyms'");
	check_error("timeframes:\n  '': 14w\n",
	    "2:3: empty key in 'timeframes'");
	check_error("\"\": 1\n", "1:1: empty key at the top level");
}

static void
acronym_meanings(void **state)
{
	(void)state;
	check_error("acronyms:\n  EP:\n",
	    "2:6: empty meaning for acronym 'EP'");
	check_error("acronyms:\n  EP: \"  \"\n",
	    "2:7: empty meaning for acronym 'EP'");
	check_error("acronyms:\n  EP: [Educational, Psychologist]\n",
	    "2:7: expected a meaning for 'EP' in 'acronyms', found a "
	    "sequence");
	check_error("acronyms:\n  EP:\n    long: Educational Psychologist\n",
	    "3:5: expected a meaning for 'EP' in 'acronyms', found a "
	    "mapping");
	check_error("acronyms:\n  EP: \"two\\nlines\"\n",
	    "2:7: meaning of acronym 'EP' contains a control character "
	    "such as a line break or tab; write it on one line");
	check_error("acronyms:\n  EP: \"a\\0b\"\n",
	    "2:7: value of 'EP' in 'acronyms' contains a NUL character");
}

static void
acronym_terms(void **state)
{
	(void)state;
	check_error("acronyms:\n  \" EP\": padded\n",
	    "2:3: acronym ' EP' starts or ends with a space; remove the "
	    "space");
	check_error("acronyms:\n  \"E\\tP\": tab\n",
	    "2:3: acronym 'E?P' contains a control character");
	check_error("acronyms:\n  \"E\\0P\": nul\n",
	    "2:3: key in 'acronyms' contains a NUL character");
}

static void
anchors_aliases(void **state)
{
	(void)state;
	check_error("timeframes:\n  assess-decision: &six 6w\n"
	    "  advice-response: *six\n",
	    "2:20: anchor '&six' is not supported; remove it");
	check_error("acronyms:\n  EP: *meaning\n",
	    "2:7: alias '*meaning' is not supported; write the value out "
	    "in full");
	check_error("timeframes: &tf\n  com: 14w\n",
	    "1:13: anchor '&tf' is not supported; remove it");
	check_error("timeframes:\n  com: !!str 14w\n",
	    "2:8: tag 'tag:yaml.org,2002:str' is not supported; remove it, "
	    "as every value is read as text");
}

static void
multiple_documents(void **state)
{
	(void)state;
	check_error("com:\n  minutes: 90\n---\ncom:\n  minutes: 60\n",
	    "3:1: a second YAML document starts here; a configuration file "
	    "holds one");
	check_error("---\ncom:\n  minutes: 90\n...\n---\n",
	    "5:1: a second YAML document starts here; a configuration file "
	    "holds one");
}

static void
invalid_utf8(void **state)
{
	(void)state;
	check_error("acronyms:\n  EP: caf\xe9\n",
	    "2:10: invalid UTF-8 (byte 0xe9); save the file as UTF-8");
	check_error("acronyms:\n  \xc3\xa9P: x \xc3\xa9 \xc3\x28\n",
	    "2:11: invalid UTF-8 (byte 0xc3); save the file as UTF-8");
	check_error("\xff\xfe" "c\0o\0m\0",
	    "1:1: invalid UTF-8 (byte 0xff); save the file as UTF-8");
}

static void
control_characters(void **state)
{
	static const char text[] = "com:\n  minutes: 9\0000\n";

	(void)state;
	check_error("acronyms:\n  EP: a\x1b[31m\n",
	    "2:8: invalid YAML: control characters are not allowed "
	    "(U+001B)");
	check_error_bytes(text, sizeof(text) - 1,
	    "2:13: invalid YAML: control characters are not allowed "
	    "(U+0000)");
}

/* A byte order mark and CR LF line ends change no line or column. */
static void
bom_crlf(void **state)
{
	struct ehc_config *config = load_ok("\xef\xbb\xbftimeframes:\r\n"
	    "  com: 13w\r\n");

	(void)state;
	assert_int_equal(config->timeframes[EHC_TIMEFRAME_COM].count, 13);
	ehc_config_destroy(config);
	check_error("\xef\xbb\xbftimeframes:\r\n  com: 0w\r\n",
	    "2:8: invalid duration '0w': out of range; a timeframe is from "
	    "1d to 104w (728 days)");
	check_error("\xef\xbb\xbf\tcom: 1\r\n",
	    "1:1: tab character used for indentation; indent with spaces");
}

/* Columns count characters, not bytes. */
static void
column_characters(void **state)
{
	(void)state;
	check_error("acronyms:\n  \xc3\xa9\xc3\xa9: {}\n",
	    "2:7: expected a meaning for '\xc3\xa9\xc3\xa9' in 'acronyms', "
	    "found a mapping");
}

/* A failed load changes nothing, not even what an earlier load set. */
static void
all_or_nothing(void **state)
{
	struct ehc_config *config = load_ok("timeframes:\n  com: 13w\n"
	    "acronyms:\n  ABC: first\n");
	struct ehc_config *before = load_ok("timeframes:\n  com: 13w\n"
	    "acronyms:\n  ABC: first\n");
	struct ehc_error err = { 0 };
	char *source = strdup(config->source);
	char path[PATH_LEN];

	(void)state;
	make_file(path, "timeframes:\n  com: 12w\n  support-meeting: 2w\n"
	    "com:\n  minutes: 60\nacronyms:\n  ABC: second\n  DEF: new\n"
	    "  EP: replaced\n  GHI: 06w\n  X: [bad]\n");
	assert_int_equal(ehc_config_load(config, path, &err), EHC_CONFIG);
	assert_config_equal(config, before);
	assert_string_equal(config->source, source);
	assert_null(ehc_config_acronym(config, "DEF"));
	unlink(path);
	free(source);
	ehc_config_destroy(before);
	ehc_config_destroy(config);
}

static void
missing_file(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_error err = { 0 };

	(void)state;
	assert_int_equal(ehc_config_load(config, "/nonexistent/ehc.yaml",
	    &err), EHC_NOINPUT);
	assert_int_equal(err.status, EHC_NOINPUT);
	assert_string_equal(err.message, "/nonexistent/ehc.yaml: cannot "
	    "open: No such file or directory");
	assert_null(config->source);
	ehc_config_destroy(config);
}

static void
unreadable_file(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_error err = { 0 };

	(void)state;
	assert_int_equal(ehc_config_load(config, "/tmp", &err), EHC_CONFIG);
	assert_int_equal(err.status, EHC_CONFIG);
	assert_string_equal(err.message, "/tmp: cannot read: Is a directory");
	ehc_config_destroy(config);
}

/* A file over 1 MiB is rejected before parsing, even if it is valid. */
static void
large_file(void **state)
{
	size_t len = 1024 * 1024 + 1;
	struct ehc_config *config = ehc_config_create();
	struct ehc_error err = { 0 };
	char *text = malloc(len);
	char path[PATH_LEN], want[256];

	(void)state;
	assert_non_null(text);
	memset(text, '#', len);
	make_file_bytes(path, text, len);
	snprintf(want, sizeof(want), "%s: file is larger than 1048576 bytes; "
	    "is it the right file?", path);
	assert_int_equal(ehc_config_load(config, path, &err), EHC_CONFIG);
	assert_string_equal(err.message, want);
	unlink(path);
	free(text);
	ehc_config_destroy(config);
}

/* Writes config to a temporary file and returns the text, to be freed. */
static char *
write_text(const struct ehc_config *config)
{
	struct ehc_error err = { 0 };
	FILE *f = tmpfile();
	char *text;
	long len;

	assert_non_null(f);
	assert_int_equal(ehc_config_write(config, f, &err), EHC_OK);
	len = ftell(f);
	assert_true(len > 0);
	text = calloc(1, (size_t)len + 1);
	assert_non_null(text);
	rewind(f);
	assert_int_equal(fread(text, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	return text;
}

static void
write_default(void **state)
{
	static const char head[] = "# configuration: built-in default\n"
	    "timeframes:\n  assess-decision: 6w\n  advice-gathered: 12w\n"
	    "  com: 14w\n  issue-decision: 16w\n  final-plan: 20w\n"
	    "  advice-response: 6w\n  draft-comments: 15d\n"
	    "com:\n  minutes: 120\ndatabase:\n  journal: wal\n"
	    "acronyms:\n  \"ARO\": \"";
	struct ehc_config *config = ehc_config_create();
	char *text = write_text(config);

	(void)state;
	assert_true(strncmp(text, head, sizeof(head) - 1) == 0);
	assert_null(strstr(text, "support-meeting"));
	assert_non_null(strstr(text, "\n  \"SENCO\": \"special educational "));
	free(text);
	ehc_config_destroy(config);
}

static void
write_source(void **state)
{
	struct ehc_config *config = load_ok("com:\n  minutes: 90\n");
	char *text = write_text(config);
	char want[128];

	(void)state;
	snprintf(want, sizeof(want), "# configuration: %s\n", config->source);
	assert_true(strncmp(text, want, strlen(want)) == 0);
	assert_non_null(strstr(text, "\ncom:\n  minutes: 90\n"));
	free(text);
	ehc_config_destroy(config);
}

static void
write_escapes(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_acronym *a = &config->acronyms[0];
	char *text;

	(void)state;
	free(a->meaning);
	a->meaning = strdup("a\"b\\c\td\x01" "e\xc2\x85" "f\xe2\x80\xa8g");
	text = write_text(config);
	assert_non_null(strstr(text, "\n  \"ARO\": "
	    "\"a\\\"b\\\\c\\td\\x01e\\x85f\\Lg\"\n"));
	free(text);
	ehc_config_destroy(config);
}

/* What ehc_config_write prints loads back as the same configuration. */
static void
write_round_trip(void **state)
{
	struct ehc_config *config = load_ok("timeframes:\n"
	    "  draft-comments: 3w\n  support-meeting: 10d\n"
	    "com:\n  minutes: 45\nacronyms:\n"
	    "  NO: \"no\"\n  Y: 'yes'\n  \"~\": \"null\"\n  \"12\": \"012\"\n"
	    "  \"a: b\": \"c: d # e\"\n  \"#x\": \"-y\"\n  \"[z]\": \"{q}\"\n"
	    "  \"&amp\": \"*star\"\n  \"!bang\": \"%pc @at `tick\"\n"
	    "  \"|pipe\": \">gt\"\n  \"'single\": \"'\"\n"
	    "  \"quote\\\"d\": \"back\\\\slash\"\n"
	    "  \"?q\": \" padded \"\n  \"caf\xc3\xa9\": \"line\\Lsep\"\n"
	    "  \",comma\": \"true\"\n");
	struct ehc_config *loaded = ehc_config_create();
	struct ehc_error err = { 0 };
	char *text = write_text(config);
	char path[PATH_LEN];

	(void)state;
	make_file(path, text);
	assert_int_equal(ehc_config_load(loaded, path, &err), EHC_OK);
	assert_config_equal(loaded, config);
	assert_string_equal(ehc_config_acronym(loaded, "NO")->meaning, "no");
	assert_string_equal(ehc_config_acronym(loaded, "?q")->meaning,
	    " padded ");
	unlink(path);
	free(text);
	ehc_config_destroy(loaded);
	ehc_config_destroy(config);
}

static void
write_error(void **state)
{
	struct ehc_config *config = ehc_config_create();
	struct ehc_error err = { 0 };
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (f == NULL) {
		ehc_config_destroy(config);
		skip();
	}
	assert_int_equal(ehc_config_write(config, f, &err), EHC_IOERR);
	assert_int_equal(err.status, EHC_IOERR);
	assert_string_equal(err.message, "cannot write the configuration: "
	    "No space left on device");
	fclose(f);
	ehc_config_destroy(config);
}

static void
test_journal_default(void **state)
{
	struct ehc_config *config = ehc_config_create();

	(void)state;
	assert_int_equal(config->journal, EHC_JOURNAL_WAL);
	ehc_config_destroy(config);
}

static void
test_journal_set(void **state)
{
	static const char *const names[] = { "delete", "truncate", "persist" };
	static const enum ehc_journal modes[] = {
		EHC_JOURNAL_DELETE, EHC_JOURNAL_TRUNCATE, EHC_JOURNAL_PERSIST,
	};
	char text[64];

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		struct ehc_config *config;

		snprintf(text, sizeof(text), "database:\n  journal: %s\n",
		    names[i]);
		config = load_ok(text);
		assert_int_equal(config->journal, modes[i]);
		assert_string_equal(ehc_journal_name(config->journal),
		    names[i]);
		ehc_config_destroy(config);
	}
}

static void
test_journal_invalid(void **state)
{
	(void)state;
	check_error("database:\n  journal: memory\n",
	    "2:12: invalid journal 'memory': expected wal, delete, truncate "
	    "or persist");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_journal_default),
		cmocka_unit_test(test_journal_set),
		cmocka_unit_test(test_journal_invalid),
		cmocka_unit_test(default_timeframes),
		cmocka_unit_test(default_acronyms),
		cmocka_unit_test(default_sorted),
		cmocka_unit_test(timeframe_names),
		cmocka_unit_test(acronym_ignores_case),
		cmocka_unit_test(destroy_null),
		cmocka_unit_test(load_overlay),
		cmocka_unit_test(load_twice),
		cmocka_unit_test(load_empty),
		cmocka_unit_test(load_boolean_keys),
		cmocka_unit_test(load_null_keys),
		cmocka_unit_test(shared_boolean_keys),
		cmocka_unit_test(duration_accepts),
		cmocka_unit_test(duration_leading_zeros),
		cmocka_unit_test(duration_junk),
		cmocka_unit_test(duration_range),
		cmocka_unit_test(duration_missing),
		cmocka_unit_test(leading_zeros_file),
		cmocka_unit_test(leading_zeros_example),
		cmocka_unit_test(shared_leading_zeros),
		cmocka_unit_test(minutes_accepts),
		cmocka_unit_test(minutes_rejects),
		cmocka_unit_test(order_rejects),
		cmocka_unit_test(order_accepts),
		cmocka_unit_test(unknown_keys),
		cmocka_unit_test(duplicate_keys),
		cmocka_unit_test(duplicate_acronyms),
		cmocka_unit_test(tab_indent_file),
		cmocka_unit_test(tab_indent_inline),
		cmocka_unit_test(tab_in_block_scalar),
		cmocka_unit_test(tab_after_key),
		cmocka_unit_test(shared_tab_indent),
		cmocka_unit_test(syntax_errors),
		cmocka_unit_test(wrong_shapes),
		cmocka_unit_test(empty_keys),
		cmocka_unit_test(acronym_meanings),
		cmocka_unit_test(acronym_terms),
		cmocka_unit_test(anchors_aliases),
		cmocka_unit_test(multiple_documents),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(control_characters),
		cmocka_unit_test(bom_crlf),
		cmocka_unit_test(column_characters),
		cmocka_unit_test(all_or_nothing),
		cmocka_unit_test(missing_file),
		cmocka_unit_test(unreadable_file),
		cmocka_unit_test(large_file),
		cmocka_unit_test(write_default),
		cmocka_unit_test(write_source),
		cmocka_unit_test(write_escapes),
		cmocka_unit_test(write_round_trip),
		cmocka_unit_test(write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
