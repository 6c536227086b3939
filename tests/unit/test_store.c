/* Unit tests for the case store, each on a new temporary directory. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ehc/store.h"
#include "store-private.h"

/* A child name that SQL, JSON and display code could each get wrong. */
#define HARD_NAME							\
	"Zo\xc3\xab O'Brien \"Zo\" '; DROP TABLE cases; -- "		\
	"\xf0\x9f\x98\x80 "	/* U+1F600, an emoji */			\
	"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"	/* Hebrew, right to left */

/* An Arabic setting name ("school"), also right to left. */
#define HARD_SETTING "\xd9\x85\xd8\xaf\xd8\xb1\xd8\xb3\xd8\xa9 \\ 1"

struct fixture {
	char dir[64];
	char path[128];
};

/* A copy of a case, made by the callback so it outlives the walk. */
struct copy {
	int calls;
	char *ref, *child, *source, *setting, *aro, *ep;
	ehc_date dob, received, ended;
};

/* The references a walk saw, in order. */
struct refs {
	int count;
	int stop_after;		/* 0 to see them all */
	char ref[8][32];
};

static int
setup(void **state)
{
	struct fixture *f;

	if ((f = calloc(1, sizeof(*f))) == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/ehc-store-XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/ehc.db", f->dir);
	*state = f;
	return 0;
}

static void
remove_tree(const char *path)
{
	struct dirent *entry;
	struct stat sb;
	char child[512];
	DIR *dir;

	if (lstat(path, &sb) == -1)
		return;
	if (S_ISDIR(sb.st_mode) && (dir = opendir(path)) != NULL) {
		chmod(path, 0700);
		while ((entry = readdir(dir)) != NULL) {
			if (strcmp(entry->d_name, ".") == 0 ||
			    strcmp(entry->d_name, "..") == 0)
				continue;
			snprintf(child, sizeof(child), "%s/%s", path,
				 entry->d_name);
			remove_tree(child);
		}
		closedir(dir);
		rmdir(path);
		return;
	}
	unlink(path);
}

static int
teardown(void **state)
{
	struct fixture *f = *state;

	remove_tree(f->dir);
	free(f);
	return 0;
}

static struct ehc_store *
open_store(const char *path, enum ehc_store_mode mode)
{
	struct ehc_store *store;
	struct ehc_error err = { 0 };

	if (ehc_store_open(&store, path, mode, &err) != EHC_OK)
		fail_msg("cannot open store: %s", err.message);
	return store;
}

static struct ehc_case
plain_case(const char *ref, const char *received)
{
	struct ehc_case c = {
		.ref = ref, .dob = EHC_DATE_NONE, .ended = EHC_DATE_NONE,
	};

	assert_null(ehc_date_parse(received, &c.received));
	return c;
}

static int
insert(struct ehc_store *store, const struct ehc_case *c, const char *note,
       struct ehc_error *err)
{
	int status;

	if ((status = ehc_store_begin(store, err)) != EHC_OK)
		return status;
	if ((status = ehc_store_insert_case(store, c, note, err)) != EHC_OK) {
		ehc_store_rollback(store);
		return status;
	}
	return ehc_store_commit(store, err);
}

static void
insert_ok(struct ehc_store *store, const struct ehc_case *c)
{
	struct ehc_error err = { 0 };

	if (insert(store, c, NULL, &err) != EHC_OK)
		fail_msg("cannot insert '%s': %s", c->ref, err.message);
}

/* Stores a case with only a reference and a received date. */
static void
insert_ref(struct ehc_store *store, const char *ref)
{
	struct ehc_case c = plain_case(ref, "2026-01-05");

	insert_ok(store, &c);
}

/* Runs SQL on the test's own connection and returns the SQLite result. */
static int
raw_exec(const char *path, const char *sql)
{
	sqlite3 *db;
	int rc;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
			    SQLITE_OPEN_CREATE, NULL) != SQLITE_OK)
		fail_msg("cannot open '%s'", path);
	rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
	sqlite3_close(db);
	return rc;
}

static int64_t
raw_int(const char *path, const char *sql)
{
	sqlite3_stmt *stmt;
	sqlite3 *db;
	int64_t value = -1;

	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		fail_msg("cannot open '%s'", path);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("cannot prepare '%s': %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW)
		value = sqlite3_column_int64(stmt, 0);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return value;
}

static char *
dup_or_null(const char *s)
{
	return s == NULL ? NULL : strdup(s);
}

static int
copy_case(const struct ehc_case *c, void *context)
{
	struct copy *copy = context;

	copy->calls++;
	copy->ref = dup_or_null(c->ref);
	copy->child = dup_or_null(c->child);
	copy->source = dup_or_null(c->source);
	copy->setting = dup_or_null(c->setting);
	copy->aro = dup_or_null(c->aro);
	copy->ep = dup_or_null(c->ep);
	copy->dob = c->dob;
	copy->received = c->received;
	copy->ended = c->ended;
	return EHC_OK;
}

static void
free_copy(struct copy *copy)
{
	free(copy->ref);
	free(copy->child);
	free(copy->source);
	free(copy->setting);
	free(copy->aro);
	free(copy->ep);
}

static int
collect_ref(const struct ehc_case *c, void *context)
{
	struct refs *refs = context;

	if (refs->count < 8)
		snprintf(refs->ref[refs->count], sizeof(refs->ref[0]), "%s",
			 c->ref);
	refs->count++;
	if (refs->stop_after != 0 && refs->count == refs->stop_after)
		return 42;
	return EHC_OK;
}

static mode_t
mode_of(const char *path)
{
	struct stat sb;

	if (stat(path, &sb) == -1)
		fail_msg("cannot stat '%s'", path);
	return sb.st_mode & 07777;
}

static void
store_create_reopen(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct copy copy = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	ehc_store_close(store);

	store = open_store(f->path, EHC_STORE_READ);
	assert_int_equal(ehc_store_get_case(store, "EHC-2026-0001", copy_case,
					    &copy, NULL), EHC_OK);
	assert_int_equal(copy.calls, 1);
	free_copy(&copy);
	ehc_store_close(store);

	store = open_store(f->path, EHC_STORE_WRITE);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"), 1);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"),
			 EHC_STORE_SCHEMA_VERSION);
}

/*
 * Creates the store two directories down with the umask set to mask, writes
 * to it, and checks every mode while the -wal and -shm files still exist.
 */
static void
check_modes(struct fixture *f, mode_t mask)
{
	char outer[160], inner[160], path[192], wal[200], shm[200];
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	mode_t old;

	snprintf(outer, sizeof(outer), "%s/a", f->dir);
	snprintf(inner, sizeof(inner), "%s/a/b", f->dir);
	snprintf(path, sizeof(path), "%s/a/b/ehc.db", f->dir);
	snprintf(wal, sizeof(wal), "%s-wal", path);
	snprintf(shm, sizeof(shm), "%s-shm", path);

	old = umask(mask);
	store = open_store(path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	umask(old);

	assert_int_equal(mode_of(outer), 0700);
	assert_int_equal(mode_of(inner), 0700);
	assert_int_equal(mode_of(path), 0600);
	assert_int_equal(mode_of(wal), 0600);
	assert_int_equal(mode_of(shm), 0600);
	ehc_store_close(store);
}

static void
store_modes_umask_022(void **state)
{
	check_modes(*state, 022);
}

static void
store_modes_umask_000(void **state)
{
	check_modes(*state, 0);
}

static void
store_modes_umask_277(void **state)
{
	check_modes(*state, 0277);
}

static void
store_read_missing(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store = (struct ehc_store *)1;
	struct ehc_error err = { 0 };
	struct stat sb;

	assert_int_equal(ehc_store_open(&store, f->path, EHC_STORE_READ, &err),
			 EHC_NOINPUT);
	assert_null(store);
	assert_non_null(strstr(err.message, f->path));
	assert_non_null(strstr(err.message, "does not exist"));
	assert_int_equal(stat(f->path, &sb), -1);
}

static void
store_migrate_empty(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;

	/* A real SQLite file with no tables and user_version 0. */
	assert_int_equal(raw_exec(f->path, "CREATE TABLE t (x);"
					   "DROP TABLE t;"), SQLITE_OK);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 0);

	store = open_store(f->path, EHC_STORE_READ);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"
				 " WHERE name IN ('cases', 'events')"), 2);
}

static void
store_migrate_zero_bytes(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	int fd;

	assert_int_not_equal(fd = open(f->path, O_WRONLY | O_CREAT, 0600), -1);
	close(fd);

	store = open_store(f->path, EHC_STORE_READ);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);
}

static void
store_migrate_current(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	int64_t schema;

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	ehc_store_close(store);
	schema = raw_int(f->path, "PRAGMA schema_version");

	store = open_store(f->path, EHC_STORE_WRITE);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "PRAGMA schema_version"), schema);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"), 1);
}

static void
store_newer_rejected(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	ehc_store_close(store);
	assert_int_equal(raw_exec(f->path, "PRAGMA user_version = 2"),
			 SQLITE_OK);

	assert_int_equal(ehc_store_open(&store, f->path, EHC_STORE_READ, &err),
			 EHC_DATAERR);
	assert_null(store);
	assert_non_null(strstr(err.message, "newer ehc"));
	assert_non_null(strstr(err.message, "upgrade"));
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 2);
}

static void
store_foreign_rejected(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_error err = { 0 };

	assert_int_equal(raw_exec(f->path, "CREATE TABLE photos (x)"),
			 SQLITE_OK);

	assert_int_equal(ehc_store_open(&store, f->path, EHC_STORE_WRITE,
					&err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "not an ehc database"));
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"),
			 1);
}

static void
store_not_database(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_error err = { 0 };
	FILE *fp;

	assert_non_null(fp = fopen(f->path, "w"));
	for (int i = 0; i < 100; i++)
		fputs("ref,child,received\nEHC-1,Ann,2026-01-05\n", fp);
	fclose(fp);

	assert_int_equal(ehc_store_open(&store, f->path, EHC_STORE_READ, &err),
			 EHC_DATAERR);
	assert_non_null(strstr(err.message, f->path));
	assert_non_null(strstr(err.message, "not a SQLite database"));

	assert_int_equal(ehc_store_open(&store, f->path, EHC_STORE_WRITE,
					&err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "not a SQLite database"));
}

static void
store_insert_get(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct copy copy = { 0 };

	c.child = HARD_NAME;
	assert_null(ehc_date_parse("2015-03-31", &c.dob));
	c.source = "social-care";
	c.setting = HARD_SETTING;
	c.aro = "Ann Smith";
	c.ep = "Dr Lee";
	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);

	assert_int_equal(ehc_store_get_case(store, c.ref, copy_case, &copy,
					    NULL), EHC_OK);
	assert_int_equal(copy.calls, 1);
	assert_string_equal(copy.ref, c.ref);
	assert_string_equal(copy.child, HARD_NAME);
	assert_int_equal(copy.dob, c.dob);
	assert_int_equal(copy.received, c.received);
	assert_string_equal(copy.source, "social-care");
	assert_string_equal(copy.setting, HARD_SETTING);
	assert_string_equal(copy.aro, "Ann Smith");
	assert_string_equal(copy.ep, "Dr Lee");
	assert_int_equal(copy.ended, EHC_DATE_NONE);
	free_copy(&copy);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"
				 " WHERE name = 'cases'"), 1);
}

static void
store_insert_nulls(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct copy copy = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);

	assert_int_equal(ehc_store_get_case(store, c.ref, copy_case, &copy,
					    NULL), EHC_OK);
	assert_null(copy.child);
	assert_int_equal(copy.dob, EHC_DATE_NONE);
	assert_null(copy.source);
	assert_null(copy.setting);
	assert_null(copy.aro);
	assert_null(copy.ep);
	assert_int_equal(copy.ended, EHC_DATE_NONE);
	free_copy(&copy);
	ehc_store_close(store);
}

static void
store_get_missing(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_error err = { 0 };
	struct copy copy = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_get_case(store, "EHC-2026-0001", copy_case,
					    &copy, &err), EHC_NOINPUT);
	assert_int_equal(copy.calls, 0);
	assert_string_equal(err.message, "case 'EHC-2026-0001' not found");
	ehc_store_close(store);
}

static void
store_duplicate_ref(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	assert_int_equal(insert(store, &c, NULL, &err), EHC_DATAERR);
	assert_string_equal(err.message, "reference 'EHC-2026-0001' is "
			    "already used by another case");
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 1);
}

static void
store_invalid_source(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_error err = { 0 };

	c.source = "teacher";
	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(insert(store, &c, NULL, &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "EHC-2026-0001"));
	assert_non_null(strstr(err.message, "CHECK constraint failed"));
	ehc_store_close(store);
}

static void
store_insert_no_transaction(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_insert_case(store, &c, NULL, &err),
			 EHC_SOFTWARE);
	assert_non_null(strstr(err.message, "no transaction"));
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"), 0);
}

static void
store_begin_twice(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_begin(store, &err), EHC_OK);
	assert_int_equal(ehc_store_begin(store, &err), EHC_SOFTWARE);
	ehc_store_close(store);
}

static void
expect_next_ref(struct ehc_store *store, int year, const char *expected)
{
	struct ehc_error err = { 0 };
	char ref[32];

	if (ehc_store_next_ref(store, year, ref, sizeof(ref), &err) != EHC_OK)
		fail_msg("next_ref %d: %s", year, err.message);
	assert_string_equal(ref, expected);
}

static void
store_next_ref(void **state)
{
	/* Hand-made references that the generated sequence ignores. */
	static const char *const ignored[] = {
		"EHC-2026-77x", "EHC-2026-123", "EHC-2026-00500",
		"EHC-2026-0099x", "EHC-2026-1234567890", "ehc-2026-0900",
		"EHC-2026-+900", NULL,
	};
	struct fixture *f = *state;
	struct ehc_store *store;

	store = open_store(f->path, EHC_STORE_WRITE);
	expect_next_ref(store, 2026, "EHC-2026-0001");
	insert_ref(store, "EHC-2026-0001");
	expect_next_ref(store, 2026, "EHC-2026-0002");
	expect_next_ref(store, 2027, "EHC-2027-0001");
	expect_next_ref(store, 2025, "EHC-2025-0001");

	for (const char *const *ref = ignored; *ref != NULL; ref++)
		insert_ref(store, *ref);
	expect_next_ref(store, 2026, "EHC-2026-0002");
	ehc_store_close(store);
}

static void
store_next_ref_five_digits(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-9999");
	expect_next_ref(store, 2026, "EHC-2026-10000");
	insert_ref(store, "EHC-2026-10000");
	expect_next_ref(store, 2026, "EHC-2026-10001");
	expect_next_ref(store, 2027, "EHC-2027-0001");
	ehc_store_close(store);
}

static void
store_next_ref_small_buffer(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_error err = { 0 };
	char ref[8];

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_next_ref(store, 2026, ref, sizeof(ref),
					    &err), EHC_SOFTWARE);
	ehc_store_close(store);
}

/* The first event of a walk, copied. */
struct event_copy {
	int calls;
	int64_t id;
	char at[32], user[64], kind[16], detail[1024], note[64];
	int has_note;
};

static int
copy_event(const struct ehc_event *e, void *context)
{
	struct event_copy *copy = context;

	if (copy->calls++ > 0)
		return EHC_OK;
	copy->id = e->id;
	snprintf(copy->at, sizeof(copy->at), "%s", e->at);
	snprintf(copy->user, sizeof(copy->user), "%s", e->user);
	snprintf(copy->kind, sizeof(copy->kind), "%s", e->kind);
	snprintf(copy->detail, sizeof(copy->detail), "%s", e->detail);
	copy->has_note = e->note != NULL;
	if (e->note != NULL)
		snprintf(copy->note, sizeof(copy->note), "%s", e->note);
	return EHC_OK;
}

static void
utc_now(char buf[32])
{
	struct tm tm;
	time_t now = time(NULL);

	gmtime_r(&now, &tm);
	strftime(buf, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static void
store_event_recorded(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct event_copy copy = { 0 };
	struct passwd *pw;
	char before[32], after[32];

	assert_non_null(pw = getpwuid(geteuid()));
	c.child = "Sam";
	c.source = "parent";
	store = open_store(f->path, EHC_STORE_WRITE);
	utc_now(before);
	assert_int_equal(insert(store, &c, "by phone", NULL), EHC_OK);
	utc_now(after);

	assert_int_equal(ehc_store_each_event(store, c.ref, copy_event, &copy,
					      NULL), EHC_OK);
	assert_int_equal(copy.calls, 1);
	assert_string_equal(copy.kind, "request");
	assert_string_equal(copy.user, pw->pw_name);
	assert_true(strcmp(copy.at, before) >= 0);
	assert_true(strcmp(copy.at, after) <= 0);
	assert_string_equal(copy.detail, "{\"ref\":\"EHC-2026-0001\","
			    "\"child\":\"Sam\",\"received\":\"2026-01-05\","
			    "\"source\":\"parent\"}");
	assert_true(copy.has_note);
	assert_string_equal(copy.note, "by phone");
	ehc_store_close(store);
}

static void
store_event_escaped(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	sqlite3_stmt *stmt;
	sqlite3 *db;

	c.child = HARD_NAME;
	c.setting = HARD_SETTING;
	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	ehc_store_close(store);

	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT"
	    " json_extract(detail, '$.child'),"
	    " json_extract(detail, '$.setting'), note FROM events",
	    -1, &stmt, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_string_equal(sqlite3_column_text(stmt, 0), HARD_NAME);
	assert_string_equal(sqlite3_column_text(stmt, 1), HARD_SETTING);
	assert_int_equal(sqlite3_column_type(stmt, 2), SQLITE_NULL);
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

static void
store_event_missing_case(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_error err = { 0 };
	struct event_copy copy = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_each_event(store, "EHC-2026-0001",
					      copy_event, &copy, &err),
			 EHC_NOINPUT);
	assert_int_equal(copy.calls, 0);
	ehc_store_close(store);
}

static void
store_events_append_only(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	ehc_store_close(store);

	assert_int_equal(raw_exec(f->path, "UPDATE events SET note = 'x'"),
			 SQLITE_CONSTRAINT);
	assert_int_equal(raw_exec(f->path, "DELETE FROM events"),
			 SQLITE_CONSTRAINT);
	assert_int_equal(raw_exec(f->path, "PRAGMA foreign_keys = ON;"
				   "DELETE FROM cases"), SQLITE_CONSTRAINT);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"
				 " WHERE note IS NULL"), 1);
}

/* Rows inserted past the store, each of which a constraint rejects. */
static void
store_check_rejects(void **state)
{
	static const char *const bad[] = {
		"INSERT INTO cases (ref, received) VALUES ('A', '2026-02-30')",
		"INSERT INTO cases (ref, received) VALUES ('A', '2026-02-29')",
		"INSERT INTO cases (ref, received) VALUES ('A', '2026-2-3')",
		"INSERT INTO cases (ref, received) VALUES ('A', '2026-13-01')",
		"INSERT INTO cases (ref, received) VALUES ('A', '0000-01-01')",
		"INSERT INTO cases (ref, received)"
		" VALUES ('A', '2026-01-05 10:00')",
		"INSERT INTO cases (ref, received) VALUES ('A', 2461046)",
		"INSERT INTO cases (ref, received) VALUES ('A', NULL)",
		"INSERT INTO cases (ref, received, dob)"
		" VALUES ('A', '2026-01-05', '2015-04-31')",
		"INSERT INTO cases (ref, received, ended)"
		" VALUES ('A', '2026-01-05', 'soon')",
		"INSERT INTO cases (ref, received, source)"
		" VALUES ('A', '2026-01-05', 'Parent')",
		"INSERT INTO cases (ref, received) VALUES ('', '2026-01-05')",
		"INSERT INTO events (case_id, at, user, kind, detail)"
		" VALUES (1, '2026-01-05 10:00:00', 'u', 'request', '{}')",
		"INSERT INTO events (case_id, at, user, kind, detail)"
		" VALUES (1, '2026-02-30T10:00:00Z', 'u', 'request', '{}')",
		"INSERT INTO events (case_id, at, user, kind, detail)"
		" VALUES (1, '2026-01-05T10:00:00Z', 'u', 'request', '{')",
		"INSERT INTO events (case_id, at, user, kind, detail)"
		" VALUES (1, '2026-01-05T10:00:00Z', 'u', 'request', '[]')",
		"INSERT INTO events (case_id, at, user, kind, detail)"
		" VALUES (1, '2026-01-05T10:00:00Z', 'u', 'panel', '{}')",
		"INSERT INTO events (case_id, at, user, kind, detail)"
		" VALUES (99, '2026-01-05T10:00:00Z', 'u', 'request', '{}')",
		NULL,
	};
	struct fixture *f = *state;
	struct ehc_store *store;

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	ehc_store_close(store);

	/* Valid rows pass, so each failure below comes from its bad value. */
	assert_int_equal(raw_exec(f->path, "PRAGMA foreign_keys = ON;"
	    "INSERT INTO cases (ref, received, dob)"
	    " VALUES ('B', '2024-02-29', '2015-04-30');"
	    "INSERT INTO events (case_id, at, user, kind, detail)"
	    " VALUES (1, '2026-01-05T10:00:00Z', 'u', 'request', '{}')"),
			 SQLITE_OK);
	for (const char *const *sql = bad; *sql != NULL; sql++) {
		char guarded[512];

		snprintf(guarded, sizeof(guarded),
			 "PRAGMA foreign_keys = ON; %s", *sql);
		if (raw_exec(f->path, guarded) != SQLITE_CONSTRAINT)
			fail_msg("accepted: %s", *sql);
	}
}

static void
mark_ended(const char *path, const char *ref)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "UPDATE cases SET ended = '2026-03-01'"
		 " WHERE ref = '%s'", ref);
	assert_int_equal(raw_exec(path, sql), SQLITE_OK);
}

static void
insert_three(struct ehc_store *store)
{
	struct ehc_case a = plain_case("EHC-2026-0003", "2026-01-05");
	struct ehc_case b = plain_case("EHC-2026-0002", "2026-01-05");
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-02-01");

	a.aro = "Ann";
	b.aro = "Bob";
	c.aro = "Ann";
	insert_ok(store, &c);
	insert_ok(store, &a);
	insert_ok(store, &b);
}

static void
store_each_all(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case_filter filter = { 0 };
	struct refs refs = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_three(store);
	mark_ended(f->path, "EHC-2026-0002");

	assert_int_equal(ehc_store_each_case(store, &filter, collect_ref,
					     &refs, NULL), EHC_OK);
	assert_int_equal(refs.count, 3);
	assert_string_equal(refs.ref[0], "EHC-2026-0002");
	assert_string_equal(refs.ref[1], "EHC-2026-0003");
	assert_string_equal(refs.ref[2], "EHC-2026-0001");
	ehc_store_close(store);
}

static void
store_each_open_only(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case_filter filter = { .open_only = true };
	struct refs refs = { 0 };
	struct copy copy = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_three(store);
	mark_ended(f->path, "EHC-2026-0002");

	assert_int_equal(ehc_store_each_case(store, &filter, collect_ref,
					     &refs, NULL), EHC_OK);
	assert_int_equal(refs.count, 2);
	assert_string_equal(refs.ref[0], "EHC-2026-0003");
	assert_string_equal(refs.ref[1], "EHC-2026-0001");

	assert_int_equal(ehc_store_get_case(store, "EHC-2026-0002", copy_case,
					    &copy, NULL), EHC_OK);
	assert_int_not_equal(copy.ended, EHC_DATE_NONE);
	free_copy(&copy);
	ehc_store_close(store);
}

static void
store_each_aro(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case_filter filter = { .open_only = true, .aro = "Ann" };
	struct ehc_case_filter lower = { .aro = "ann" };
	struct refs refs = { 0 };
	struct refs none = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_three(store);
	mark_ended(f->path, "EHC-2026-0003");

	assert_int_equal(ehc_store_each_case(store, &filter, collect_ref,
					     &refs, NULL), EHC_OK);
	assert_int_equal(refs.count, 1);
	assert_string_equal(refs.ref[0], "EHC-2026-0001");

	assert_int_equal(ehc_store_each_case(store, &lower, collect_ref,
					     &none, NULL), EHC_OK);
	assert_int_equal(none.count, 0);
	ehc_store_close(store);
}

static void
store_each_stops(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct refs refs = { .stop_after = 1 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_three(store);

	assert_int_equal(ehc_store_each_case(store, NULL, collect_ref, &refs,
					     NULL), 42);
	assert_int_equal(refs.count, 1);
	ehc_store_close(store);
}

static void
store_busy(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *first, *second;
	struct ehc_error err = { 0 };

	/* Opening a current database takes no write lock, so it succeeds. */
	first = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_begin(first, &err), EHC_OK);
	second = open_store(f->path, EHC_STORE_WRITE);
	ehc_store_set_busy_timeout(second, 100);

	assert_int_equal(ehc_store_begin(second, &err), EHC_TEMPFAIL);
	assert_non_null(strstr(err.message, f->path));
	assert_non_null(strstr(err.message, "locked by another ehc command"));

	ehc_store_rollback(first);
	assert_int_equal(ehc_store_begin(second, &err), EHC_OK);
	ehc_store_close(second);
	ehc_store_close(first);
}

static void
store_busy_open_read(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *writer, *reader;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct refs refs = { 0 };

	writer = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(writer, &c);
	assert_int_equal(ehc_store_begin(writer, NULL), EHC_OK);

	/* WAL lets a reader open and read during a writer's transaction. */
	reader = open_store(f->path, EHC_STORE_READ);
	assert_int_equal(ehc_store_each_case(reader, NULL, collect_ref, &refs,
					     NULL), EHC_OK);
	assert_int_equal(refs.count, 1);
	ehc_store_close(reader);
	ehc_store_close(writer);
}

static void
store_rollback(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_begin(store, &err), EHC_OK);
	assert_int_equal(ehc_store_insert_case(store, &c, NULL, &err), EHC_OK);
	ehc_store_rollback(store);
	assert_int_equal(ehc_store_get_case(store, c.ref, copy_case,
					    &(struct copy){ 0 }, &err),
			 EHC_NOINPUT);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 0);
}

static void
store_close_rolls_back(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_insert_case(store, &c, NULL, NULL), EHC_OK);
	ehc_store_close(store);
	ehc_store_close(NULL);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 0);
}

#define STORE_TEST(name) \
	cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		STORE_TEST(store_create_reopen),
		STORE_TEST(store_modes_umask_022),
		STORE_TEST(store_modes_umask_000),
		STORE_TEST(store_modes_umask_277),
		STORE_TEST(store_read_missing),
		STORE_TEST(store_migrate_empty),
		STORE_TEST(store_migrate_zero_bytes),
		STORE_TEST(store_migrate_current),
		STORE_TEST(store_newer_rejected),
		STORE_TEST(store_foreign_rejected),
		STORE_TEST(store_not_database),
		STORE_TEST(store_insert_get),
		STORE_TEST(store_insert_nulls),
		STORE_TEST(store_get_missing),
		STORE_TEST(store_duplicate_ref),
		STORE_TEST(store_invalid_source),
		STORE_TEST(store_insert_no_transaction),
		STORE_TEST(store_begin_twice),
		STORE_TEST(store_next_ref),
		STORE_TEST(store_next_ref_five_digits),
		STORE_TEST(store_next_ref_small_buffer),
		STORE_TEST(store_event_recorded),
		STORE_TEST(store_event_escaped),
		STORE_TEST(store_event_missing_case),
		STORE_TEST(store_events_append_only),
		STORE_TEST(store_check_rejects),
		STORE_TEST(store_each_all),
		STORE_TEST(store_each_open_only),
		STORE_TEST(store_each_aro),
		STORE_TEST(store_each_stops),
		STORE_TEST(store_busy),
		STORE_TEST(store_busy_open_read),
		STORE_TEST(store_rollback),
		STORE_TEST(store_close_rolls_back),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
