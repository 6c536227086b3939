/* Unit tests for the checks on a request before it is stored. */
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
};

static int
setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));
	struct ehc_error err = { 0 };

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/ehc-case.XXXXXX");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->path, sizeof(f->path), "%s/ehc.db", f->dir);
	if (ehc_store_open(&f->store, f->path, EHC_STORE_WRITE, &err) != 0)
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
	unlink(f->path);
	snprintf(path, sizeof(path), "%s-wal", f->path);
	unlink(path);
	snprintf(path, sizeof(path), "%s-shm", f->path);
	unlink(path);
	rmdir(f->dir);
	free(f);
	return 0;
}

static ehc_date
day(int y, int m, int d)
{
	return ehc_date_from_ymd(y, m, d);
}

/* A valid request received 2026-11-02 from a child born 2015-01-01. */
static struct ehc_request
valid_request(void)
{
	return (struct ehc_request){
		.child = "Made-up Child",
		.dob = day(2015, 1, 1),
		.received = day(2026, 11, 2),
	};
}

static int
submit(struct fixture *f, const struct ehc_request *req,
       char ref[EHC_REF_MAX + 1], struct ehc_error *err)
{
	return ehc_case_request(f->store, req, day(2026, 12, 1), ref, err);
}

/* Expects req to be rejected with EHC_DATAERR and a message holding text. */
static void
expect_rejected(struct fixture *f, const struct ehc_request *req,
		const char *text)
{
	struct ehc_error err = { 0 };
	char ref[EHC_REF_MAX + 1];

	assert_int_equal(submit(f, req, ref, &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, text));
}

static void
request_generates_ref(void **state)
{
	struct ehc_request req = valid_request();
	struct ehc_error err = { 0 };
	char ref[EHC_REF_MAX + 1];

	assert_int_equal(submit(*state, &req, ref, &err), EHC_OK);
	assert_string_equal(ref, "EHC-2026-0001");
	assert_int_equal(submit(*state, &req, ref, &err), EHC_OK);
	assert_string_equal(ref, "EHC-2026-0002");
}

static void
request_keeps_given_ref(void **state)
{
	struct ehc_request req = valid_request();
	struct ehc_error err = { 0 };
	char ref[EHC_REF_MAX + 1];

	req.ref = "LA/2026/7";
	assert_int_equal(submit(*state, &req, ref, &err), EHC_OK);
	assert_string_equal(ref, "LA/2026/7");
	expect_rejected(*state, &req, "already used");
}

static void
request_received_today_accepted(void **state)
{
	struct ehc_request req = valid_request();
	struct ehc_error err = { 0 };
	char ref[EHC_REF_MAX + 1];

	req.received = day(2026, 12, 1);
	assert_int_equal(submit(*state, &req, ref, &err), EHC_OK);
}

static void
request_received_after_today(void **state)
{
	struct ehc_request req = valid_request();

	req.received = day(2026, 12, 2);
	expect_rejected(*state, &req, "after today");
}

static void
request_born_after_received(void **state)
{
	struct ehc_request req = valid_request();

	req.dob = day(2026, 11, 3);
	expect_rejected(*state, &req, "after the received date");
}

static void
request_age_limit(void **state)
{
	struct ehc_request req = valid_request();
	struct ehc_error err = { 0 };
	char ref[EHC_REF_MAX + 1];

	/* 25 until the day before the 26th birthday, then too old. */
	req.dob = day(2000, 11, 3);
	assert_int_equal(submit(*state, &req, ref, &err), EHC_OK);
	req.dob = day(2000, 11, 2);
	expect_rejected(*state, &req, "ages 0 to 25");
}

static void
request_name_checks(void **state)
{
	struct ehc_request req = valid_request();
	char long_name[EHC_NAME_MAX + 2];

	req.child = "";
	expect_rejected(*state, &req, "empty");
	req.child = "  ";
	expect_rejected(*state, &req, "empty");
	req.child = "A\nB";
	expect_rejected(*state, &req, "control characters");
	req.child = "A\xc2\x9b" "B";
	expect_rejected(*state, &req, "control characters");
	req.child = "\xc2\xa0\xe2\x80\x8b";
	expect_rejected(*state, &req, "empty");
	req.child = " Ada";
	expect_rejected(*state, &req, "starts or ends with a space");
	req.child = "Ada\xc2\xa0";
	expect_rejected(*state, &req, "starts or ends with a space");
	req.child = "Ada \xe2\x80\xae" "ecalevoL";
	expect_rejected(*state, &req, "bidirectional");
	req.child = "Ada\xe2\x80\x8b" "Lovelace";
	expect_rejected(*state, &req, "invisible");
	req.child = "Ada\xe2\x80\xa8" "Lovelace";
	expect_rejected(*state, &req, "line separators");
	req.child = "D\x92" "Arcy";
	expect_rejected(*state, &req, "byte 2 (0x92) is not UTF-8");
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	req.child = long_name;
	expect_rejected(*state, &req, "maximum of 200");
}

static void
request_optional_fields_checked(void **state)
{
	struct ehc_request req = valid_request();

	req.aro = "";
	expect_rejected(*state, &req, "invalid ARO");
	req.aro = NULL;
	req.setting = "Oak\tSchool";
	expect_rejected(*state, &req, "invalid setting");
	req.setting = NULL;
	req.source = "mum";
	expect_rejected(*state, &req, "invalid source 'mum'");
}

static void
request_note_checks(void **state)
{
	struct ehc_request req = valid_request();
	struct ehc_error err = { 0 };
	char ref[EHC_REF_MAX + 1];

	req.note = "two\nlines\tand a tab";
	assert_int_equal(submit(*state, &req, ref, &err), EHC_OK);
	req.note = "bell\a";
	expect_rejected(*state, &req, "control character 0x07");
	req.note = "turn \xe2\x80\xae" "around";
	expect_rejected(*state, &req, "bidirectional");
}

static void
request_ref_checks(void **state)
{
	static const char *const bad[] = {
		"", "-lead", "with space", "semi;colon", "quote'",
		"EHC-2026-000000000000000000000001",
	};
	struct ehc_request req = valid_request();

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		req.ref = bad[i];
		expect_rejected(*state, &req, "invalid reference");
	}
}

static void
request_sources(void **state)
{
	assert_int_equal(ehc_name_index(ehc_request_sources, "parent"), 0);
	assert_true(ehc_name_index(ehc_request_sources, "social-care") > 0);
	assert_int_equal(ehc_name_index(ehc_request_sources, "Parent"), -1);
	assert_int_equal(ehc_name_index(ehc_request_sources, ""), -1);
}

static void
area_short_forms(void **state)
{
	enum ehc_area area = EHC_AREA_COUNT;

	assert_true(ehc_area_lookup("semh", &area));
	assert_int_equal(area, EHC_AREA_SEMH);
	assert_true(ehc_area_lookup("cognition-and-learning", &area));
	assert_int_equal(area, EHC_AREA_COGNITION);
	assert_true(ehc_area_lookup("sp", &area));
	assert_int_equal(area, EHC_AREA_SENSORY);
	assert_false(ehc_area_lookup("SEMH", &area));
	assert_false(ehc_area_lookup("", &area));
}

static void
stage_names_and_ends(void **state)
{
	assert_string_equal(ehc_stage_names[EHC_STAGE_DRAFT_SERVED],
			    "draft-served");
	assert_false(ehc_stage_ended(EHC_STAGE_SUPPORT_MEETING));
	assert_true(ehc_stage_ended(EHC_STAGE_NOT_ASSESSED));
	assert_true(ehc_stage_ended(EHC_STAGE_WITHDRAWN));
	assert_null(ehc_stage_names[EHC_STAGE_COUNT]);
}

static void
case_copy_owns_strings(void **state)
{
	char aro[] = "Jo Officer";
	struct ehc_case c = ehc_case_empty(), copy;

	c.ref = "T-1";
	c.aro = aro;
	c.com.at = "2027-01-12 10:00";
	assert_true(ehc_case_copy(&copy, &c));
	aro[0] = 'X';
	assert_string_equal(copy.aro, "Jo Officer");
	assert_string_equal(copy.com.at, "2027-01-12 10:00");
	assert_null(copy.ep);
	assert_int_equal(copy.received, EHC_DATE_NONE);
	ehc_case_release(&copy);
	assert_null(copy.ref);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(request_generates_ref, setup,
						teardown),
		cmocka_unit_test_setup_teardown(request_keeps_given_ref, setup,
						teardown),
		cmocka_unit_test_setup_teardown(request_received_today_accepted,
						setup, teardown),
		cmocka_unit_test_setup_teardown(request_received_after_today,
						setup, teardown),
		cmocka_unit_test_setup_teardown(request_born_after_received,
						setup, teardown),
		cmocka_unit_test_setup_teardown(request_age_limit, setup,
						teardown),
		cmocka_unit_test_setup_teardown(request_name_checks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(request_optional_fields_checked,
						setup, teardown),
		cmocka_unit_test_setup_teardown(request_note_checks, setup,
						teardown),
		cmocka_unit_test_setup_teardown(request_ref_checks, setup,
						teardown),
		cmocka_unit_test(request_sources),
		cmocka_unit_test(area_short_forms),
		cmocka_unit_test(stage_names_and_ends),
		cmocka_unit_test(case_copy_owns_strings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
