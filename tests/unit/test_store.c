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
#include <stdbool.h>
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

/* The detail that the tests record with a request. */
#define REQUEST_DETAIL "{\"ref\":\"EHC-2026-0001\"}"

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
	struct ehc_case c = ehc_case_empty();

	c.ref = ref;
	assert_null(ehc_date_parse(received, &c.received));
	return c;
}

/* Inserts c, or updates it when update is set, in one transaction. */
static int
write_case(struct ehc_store *store, bool update, const struct ehc_case *c,
	   const char *kind, const char *detail, const char *note,
	   struct ehc_error *err)
{
	int status;

	if ((status = ehc_store_begin(store, err)) != EHC_OK)
		return status;
	if (update)
		status = ehc_store_update_case(store, c, kind, detail, note,
					       err);
	else
		status = ehc_store_insert_case(store, c, kind, detail, note,
					       err);
	if (status != EHC_OK) {
		ehc_store_rollback(store);
		return status;
	}
	return ehc_store_commit(store, err);
}

static int
insert(struct ehc_store *store, const struct ehc_case *c, const char *note,
       struct ehc_error *err)
{
	return write_case(store, false, c, "request", REQUEST_DETAIL, note,
			  err);
}

static int
update(struct ehc_store *store, const struct ehc_case *c,
       struct ehc_error *err)
{
	return write_case(store, true, c, "correction", "{}", NULL, err);
}

static void
insert_ok(struct ehc_store *store, const struct ehc_case *c)
{
	struct ehc_error err = { 0 };

	if (insert(store, c, NULL, &err) != EHC_OK)
		fail_msg("cannot insert '%s': %s", c->ref, err.message);
}

static void
update_ok(struct ehc_store *store, const struct ehc_case *c)
{
	struct ehc_error err = { 0 };

	if (update(store, c, &err) != EHC_OK)
		fail_msg("cannot update '%s': %s", c->ref, err.message);
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

static void raw_text(const char *path, const char *sql, char *buf,
		     size_t size);

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

	store = open_store(f->path, EHC_STORE_WRITE);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"
				 " WHERE name IN ('cases', 'events')"), 2);
}

/* A command that only reads must leave an empty file as it was. */
static void
store_read_empty_unchanged(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	struct stat sb;
	int fd;

	assert_int_not_equal(fd = open(f->path, O_WRONLY | O_CREAT, 0600), -1);
	close(fd);

	assert_int_equal(ehc_store_open(&store, f->path, EHC_STORE_READ, &err),
			 EHC_NOINPUT);
	assert_non_null(strstr(err.message, "is empty"));
	assert_int_equal(stat(f->path, &sb), 0);
	assert_int_equal(sb.st_size, 0);
}

static void
store_migrate_zero_bytes(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	int fd;

	assert_int_not_equal(fd = open(f->path, O_WRONLY | O_CREAT, 0600), -1);
	close(fd);

	store = open_store(f->path, EHC_STORE_WRITE);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "PRAGMA user_version"), 1);
}

/* Another program's file that sets user_version 1 is not touched. */
static void
store_foreign_version_rejected(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store = NULL;
	struct ehc_error err = { 0 };
	char mode[16];

	assert_int_equal(raw_exec(f->path, "CREATE TABLE t (x);"
					   "PRAGMA user_version = 1;"),
			 SQLITE_OK);
	assert_int_equal(ehc_store_open(&store, f->path, EHC_STORE_WRITE,
					&err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "not an ehc database"));
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"),
			 1);
	raw_text(f->path, "PRAGMA journal_mode", mode, sizeof(mode));
	assert_string_equal(mode, "delete");
}

/* SQLite gives ":memory:" and "file:" names a meaning of their own. */
static void
store_special_names_are_files(void **state)
{
	struct fixture *f = *state;
	char cwd[4096];
	struct ehc_store *store;
	struct stat sb;

	assert_non_null(getcwd(cwd, sizeof(cwd)));
	assert_int_equal(chdir(f->dir), 0);
	store = open_store(":memory:", EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	ehc_store_close(store);
	store = open_store("file:x.db?mode=memory", EHC_STORE_WRITE);
	ehc_store_close(store);
	assert_int_equal(stat(":memory:", &sb), 0);
	assert_true(sb.st_size > 0);
	assert_int_equal(stat("file:x.db?mode=memory", &sb), 0);
	assert_int_equal(raw_int("./:memory:", "SELECT count(*) FROM cases"),
			 1);
	assert_int_equal(chdir(cwd), 0);
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
	assert_int_equal(ehc_store_insert_case(store, &c, "request", "{}", NULL,
					       &err), EHC_SOFTWARE);
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
		"EHC-2026-0099x", "EHC-2026-1234567890", "EHC-2026-+900",
		NULL,
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

	/* References ignore case, so a lower-case one takes its number. */
	insert_ref(store, "ehc-2026-0900");
	expect_next_ref(store, 2026, "EHC-2026-0901");
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

/* The newest event of a walk, copied, and how many events the walk saw. */
struct event_copy {
	int calls;
	int64_t id;
	char at[32], user[64], kind[32], detail[1024], note[64];
	char changes[1024];
	int has_note;
};

/* Copies each event over the last, so the copy is of the newest one. */
static int
copy_event(const struct ehc_event *e, void *context)
{
	struct event_copy *copy = context;

	copy->calls++;
	copy->id = e->id;
	snprintf(copy->at, sizeof(copy->at), "%s", e->at);
	snprintf(copy->user, sizeof(copy->user), "%s", e->user);
	snprintf(copy->kind, sizeof(copy->kind), "%s", e->kind);
	snprintf(copy->detail, sizeof(copy->detail), "%s", e->detail);
	snprintf(copy->changes, sizeof(copy->changes), "%s", e->changes);
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
	assert_string_equal(copy.detail, REQUEST_DETAIL);
	assert_string_equal(copy.changes, "ref: EHC-2026-0001");
	assert_true(copy.has_note);
	assert_string_equal(copy.note, "by phone");
	ehc_store_close(store);
}

/* Returns a JSON object of child and setting, made by SQLite's json_object. */
static char *
json_detail(const char *child, const char *setting)
{
	sqlite3_stmt *stmt;
	sqlite3 *db;
	char *json;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT json_object('child',"
	    " ?1, 'setting', ?2)", -1, &stmt, NULL), SQLITE_OK);
	sqlite3_bind_text(stmt, 1, child, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, setting, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
	assert_non_null(json = strdup((const char *)sqlite3_column_text(stmt,
	    0)));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
	return json;
}

static void
store_event_escaped(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct event_copy copy = { 0 };
	char *detail = json_detail(HARD_NAME, HARD_SETTING);
	sqlite3_stmt *stmt;
	sqlite3 *db;

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(write_case(store, false, &c, "request", detail, NULL,
				    NULL), EHC_OK);
	assert_int_equal(ehc_store_each_event(store, c.ref, copy_event, &copy,
					      NULL), EHC_OK);
	assert_string_equal(copy.detail, detail);
	assert_string_equal(copy.changes, "child: " HARD_NAME "; setting: "
			    HARD_SETTING);
	ehc_store_close(store);
	free(detail);

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
		"INSERT INTO cases (ref, received, stage)"
		" VALUES ('A', '2026-01-05', 'panel')",
		"INSERT INTO cases (ref, received, stage)"
		" VALUES ('A', '2026-01-05', NULL)",
		"INSERT INTO cases (ref, received, stage)"
		" VALUES ('A', '2026-01-05', 'plan-issued')",
		"INSERT INTO cases (ref, received, ended)"
		" VALUES ('A', '2026-01-05', '2026-03-01')",
		"INSERT INTO cases (ref, received, assess)"
		" VALUES ('A', '2026-01-05', 'yes')",
		"INSERT INTO cases (ref, received, issue)"
		" VALUES ('A', '2026-01-05', 'assess')",
		"INSERT INTO cases (ref, received, advice_social_care_received)"
		" VALUES ('A', '2026-01-05', '2026-04-31')",
		"INSERT INTO cases (ref, received, final)"
		" VALUES ('A', '2026-01-05', '2026-1-5')",
		"INSERT INTO cases (ref, received, com_at)"
		" VALUES ('A', '2026-01-05', '2026-13-01 10:00')",
		"INSERT INTO cases (ref, received, com_at)"
		" VALUES ('A', '2026-01-05', '2026-01-01 25:00')",
		"INSERT INTO cases (ref, received, com_at)"
		" VALUES ('A', '2026-01-05', '2026-01-01 24:00')",
		"INSERT INTO cases (ref, received, com_at)"
		" VALUES ('A', '2026-01-05', '2026-02-30 10:00')",
		"INSERT INTO cases (ref, received, com_at)"
		" VALUES ('A', '2026-01-05', '2026-01-01 10:60')",
		"INSERT INTO cases (ref, received, com_at)"
		" VALUES ('A', '2026-01-05', '2026-01-01T10:00')",
		"INSERT INTO cases (ref, received, com_at)"
		" VALUES ('A', '2026-01-05', '2026-01-01 10:00:00')",
		"INSERT INTO cases (ref, received, com_at)"
		" VALUES ('A', '2026-01-05', '2026-01-01 9:30')",
		"INSERT INTO cases (ref, received, com_minutes)"
		" VALUES ('A', '2026-01-05', 0)",
		"INSERT INTO cases (ref, received, com_minutes)"
		" VALUES ('A', '2026-01-05', 1441)",
		"INSERT INTO cases (ref, received, com_minutes)"
		" VALUES ('A', '2026-01-05', 'long')",
		"INSERT INTO outcomes"
		" (case_id, area, outcome, provision, agreed)"
		" VALUES (1, 'communication', 'o', 'p', '2026-03-02')",
		"INSERT INTO outcomes"
		" (case_id, area, outcome, provision, agreed)"
		" VALUES (1, 'sensory-and-physical', 'o', 'p', NULL)",
		"INSERT INTO outcomes"
		" (case_id, area, outcome, provision, agreed)"
		" VALUES (1, 'sensory-and-physical', NULL, 'p', '2026-03-02')",
		"INSERT INTO outcomes"
		" (case_id, area, outcome, provision, agreed)"
		" VALUES (1, 'sensory-and-physical', 'o', NULL, '2026-03-02')",
		"INSERT INTO outcomes"
		" (case_id, area, outcome, provision, by_date, agreed)"
		" VALUES (1, 'sensory-and-physical', 'o', 'p', '2026-02-30',"
		" '2026-03-02')",
		"INSERT INTO outcomes"
		" (case_id, area, outcome, provision, agreed)"
		" VALUES (99, 'sensory-and-physical', 'o', 'p', '2026-03-02')",
		"INSERT INTO exceptions (case_id, reason, from_date)"
		" VALUES (1, 'illness', '2026-03-02')",
		"INSERT INTO exceptions (case_id, reason, from_date)"
		" VALUES (1, 'absence', NULL)",
		"INSERT INTO exceptions (case_id, reason, from_date, to_date)"
		" VALUES (1, 'absence', '2026-03-02', '2026-03-01')",
		"INSERT INTO exceptions (case_id, reason, from_date)"
		" VALUES (99, 'absence', '2026-03-02')",
		"INSERT INTO people (case_id, list, position, name)"
		" VALUES (1, 'absent', 1, 'Jo')",
		"INSERT INTO people (case_id, list, position, name)"
		" VALUES (1, 'invited', 1, NULL)",
		"INSERT INTO people (case_id, list, position, name)"
		" VALUES (1, 'invited', -1, 'Jo')",
		"INSERT INTO people (case_id, list, position, name)"
		" VALUES (1, 'invited', 0, 'Sam')",
		"INSERT INTO people (case_id, list, position, name)"
		" VALUES (99, 'invited', 1, 'Jo')",
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
	    " VALUES (1, '2026-01-05T10:00:00Z', 'u', 'request', '{}');"
	    "INSERT INTO cases (ref, received, stage, ended, com_at,"
	    " com_minutes) VALUES ('C', '2026-01-05', 'plan-issued',"
	    " '2026-06-01', '2026-02-28 23:59', 1440);"
	    "INSERT INTO outcomes"
	    " (case_id, area, outcome, provision, by_date, agreed)"
	    " VALUES (1, 'sensory-and-physical', 'o', 'p', '2026-07-01',"
	    " '2026-03-02');"
	    "INSERT INTO exceptions (case_id, reason, from_date, to_date)"
	    " VALUES (1, 'absence', '2026-03-02', '2026-03-02');"
	    "INSERT INTO people (case_id, list, position, name)"
	    " VALUES (1, 'invited', 0, 'Jo')"), SQLITE_OK);
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

	snprintf(sql, sizeof(sql), "UPDATE cases SET stage = 'withdrawn',"
		 " ended = '2026-03-01' WHERE ref = '%s'", ref);
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
	struct ehc_case_filter filter = { .stage = -1 };
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
	struct ehc_case_filter filter = { .open_only = true, .stage = -1 };
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
	struct ehc_case_filter filter = {
		.open_only = true, .stage = -1, .aro = "Ann",
	};
	struct ehc_case_filter lower = { .stage = -1, .aro = "ann" };
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
	assert_non_null(strstr(err.message, "locked by another program"));

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
	assert_int_equal(ehc_store_insert_case(store, &c, "request", "{}", NULL,
					       &err), EHC_OK);
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
	assert_int_equal(ehc_store_insert_case(store, &c, "request", "{}", NULL,
					       NULL), EHC_OK);
	ehc_store_close(store);
	ehc_store_close(NULL);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 0);
}

static ehc_date
day(const char *text)
{
	ehc_date date = EHC_DATE_NONE;

	assert_null(ehc_date_parse(text, &date));
	return date;
}

/* Reads one text value with SQL on the test's own connection. */
static void
raw_text(const char *path, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *stmt;
	sqlite3 *db;

	buf[0] = '\0';
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		fail_msg("cannot open '%s'", path);
	if (sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK)
		fail_msg("cannot prepare '%s': %s", sql, sqlite3_errmsg(db));
	if (sqlite3_step(stmt) == SQLITE_ROW &&
	    sqlite3_column_type(stmt, 0) != SQLITE_NULL)
		snprintf(buf, size, "%s", sqlite3_column_text(stmt, 0));
	sqlite3_finalize(stmt);
	sqlite3_close(db);
}

/*
 * A case with every field set, each date on its own day, so that a field
 * written to or read from the wrong column shows up as a wrong date.
 */
static struct ehc_case
full_case(void)
{
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	ehc_date base = c.received;

	c.child = HARD_NAME;
	c.dob = day("2015-03-31");
	c.source = "school";
	c.setting = HARD_SETTING;
	c.aro = "Ann Smith";
	c.ep = "Dr Lee";
	c.stage = EHC_STAGE_PLAN_ISSUED;
	c.assess = EHC_DECISION_YES;
	c.assess_date = base + 1;
	for (int i = 0; i < EHC_ADVICE_COUNT; i++) {
		c.advice[i].requested = base + 10 + 2 * i;
		c.advice[i].received = base + 11 + 2 * i;
	}
	c.com.at = "2026-03-02 09:30";
	c.com.minutes = 120;
	c.com.location = "Online, Teams";
	c.com.chair = "Dr Lee";
	c.com.booked = base + 30;
	c.com.held = base + 31;
	c.issue = EHC_DECISION_NO;
	c.issue_date = base + 32;
	c.draft = base + 33;
	c.comments = base + 34;
	c.final = base + 35;
	c.placement = "Hill School";
	c.support_meeting = base + 36;
	c.withdrawn = base + 37;
	c.withdraw_reason = "moved out of the area";
	c.exception_from = base + 38;
	c.ended = base + 39;
	return c;
}

static void
assert_same_text(const char *got, const char *expected)
{
	if (expected == NULL) {
		assert_null(got);
		return;
	}
	assert_non_null(got);
	assert_string_equal(got, expected);
}

/* A case that a callback compares with the one it expects. */
struct expect {
	const struct ehc_case *c;
	int calls;
};

static void
assert_same_steps(const struct ehc_case *got, const struct ehc_case *want)
{
	assert_int_equal(got->stage, want->stage);
	assert_int_equal(got->assess, want->assess);
	assert_int_equal(got->assess_date, want->assess_date);
	for (int i = 0; i < EHC_ADVICE_COUNT; i++) {
		assert_int_equal(got->advice[i].requested,
				 want->advice[i].requested);
		assert_int_equal(got->advice[i].received,
				 want->advice[i].received);
	}
	assert_same_text(got->com.at, want->com.at);
	assert_int_equal(got->com.minutes, want->com.minutes);
	assert_same_text(got->com.location, want->com.location);
	assert_same_text(got->com.chair, want->com.chair);
	assert_int_equal(got->com.booked, want->com.booked);
	assert_int_equal(got->com.held, want->com.held);
	assert_int_equal(got->issue, want->issue);
	assert_int_equal(got->issue_date, want->issue_date);
	assert_int_equal(got->draft, want->draft);
	assert_int_equal(got->comments, want->comments);
	assert_int_equal(got->final, want->final);
	assert_same_text(got->placement, want->placement);
	assert_int_equal(got->support_meeting, want->support_meeting);
	assert_int_equal(got->withdrawn, want->withdrawn);
	assert_same_text(got->withdraw_reason, want->withdraw_reason);
	assert_int_equal(got->exception_from, want->exception_from);
	assert_int_equal(got->ended, want->ended);
}

static int
expect_case(const struct ehc_case *got, void *context)
{
	struct expect *expect = context;
	const struct ehc_case *want = expect->c;

	expect->calls++;
	assert_same_text(got->ref, want->ref);
	assert_same_text(got->child, want->child);
	assert_int_equal(got->dob, want->dob);
	assert_int_equal(got->received, want->received);
	assert_same_text(got->source, want->source);
	assert_same_text(got->setting, want->setting);
	assert_same_text(got->aro, want->aro);
	assert_same_text(got->ep, want->ep);
	assert_same_steps(got, want);
	return EHC_OK;
}

static void
expect_stored(struct ehc_store *store, const struct ehc_case *c)
{
	struct expect expect = { .c = c };

	assert_int_equal(ehc_store_get_case(store, c->ref, expect_case, &expect,
					    NULL), EHC_OK);
	assert_int_equal(expect.calls, 1);
}

static void
store_update_round_trip(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_case full = full_case();

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	expect_stored(store, &c);
	update_ok(store, &full);
	expect_stored(store, &full);

	/* Writing the plain case back clears every field again. */
	update_ok(store, &c);
	expect_stored(store, &c);
	ehc_store_close(store);
}

static void
store_update_decisions(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = full_case();
	char text[32];

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	expect_stored(store, &c);
	raw_text(f->path, "SELECT assess || ' ' || issue FROM cases", text,
		 sizeof(text));
	assert_string_equal(text, "assess no-issue");

	c.assess = EHC_DECISION_NO;
	c.issue = EHC_DECISION_YES;
	update_ok(store, &c);
	expect_stored(store, &c);
	raw_text(f->path, "SELECT assess || ' ' || issue FROM cases", text,
		 sizeof(text));
	assert_string_equal(text, "no-assess issue");

	c.assess = EHC_DECISION_NONE;
	c.issue = EHC_DECISION_NONE;
	update_ok(store, &c);
	expect_stored(store, &c);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"
				 " WHERE assess IS NULL AND issue IS NULL"), 1);
	ehc_store_close(store);
}

static void
store_update_stages(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	char text[32];

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	for (int stage = 0; stage < EHC_STAGE_COUNT; stage++) {
		c.stage = (enum ehc_stage)stage;
		c.ended = EHC_DATE_NONE;
		if (ehc_stage_ended(c.stage))
			c.ended = day("2026-05-01");
		update_ok(store, &c);
		expect_stored(store, &c);
		raw_text(f->path, "SELECT stage FROM cases", text,
			 sizeof(text));
		assert_string_equal(text, ehc_stage_names[stage]);
	}
	ehc_store_close(store);
}

static void
store_update_event(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct event_copy copy = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	c.assess = EHC_DECISION_YES;
	c.assess_date = day("2026-02-10");
	c.stage = EHC_STAGE_ASSESSMENT;
	assert_int_equal(write_case(store, true, &c, "assess-decision",
				    "{\"decision\":\"assess\"}", "at panel",
				    NULL), EHC_OK);

	assert_int_equal(ehc_store_each_event(store, c.ref, copy_event, &copy,
					      NULL), EHC_OK);
	assert_int_equal(copy.calls, 2);
	assert_string_equal(copy.kind, "assess-decision");
	assert_string_equal(copy.detail, "{\"decision\":\"assess\"}");
	assert_true(copy.has_note);
	assert_string_equal(copy.note, "at panel");
	ehc_store_close(store);
}

static void
store_update_missing(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(update(store, &c, &err), EHC_NOINPUT);
	assert_string_equal(err.message, "case 'EHC-2026-0001' not found");
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 0);
}

static void
store_update_no_transaction(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	c.child = "Sam";
	assert_int_equal(ehc_store_update_case(store, &c, "correction", "{}",
					       NULL, &err), EHC_SOFTWARE);
	assert_non_null(strstr(err.message, "no transaction"));
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"
				 " WHERE child IS NULL"), 1);
}

static void
store_update_bad_event(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	c.child = "Sam";
	assert_int_equal(write_case(store, true, &c, "panel", "{}", NULL,
				    &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "CHECK constraint failed"));
	assert_int_equal(write_case(store, true, &c, "correction", "[1]", NULL,
				    &err), EHC_DATAERR);
	assert_int_equal(write_case(store, true, &c, "correction", NULL, NULL,
				    &err), EHC_SOFTWARE);
	ehc_store_close(store);

	/* Each failure rolled the whole update back. */
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"
				 " WHERE child IS NULL"), 1);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM events"), 1);
}

static void
store_ended_needs_date(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	c.stage = EHC_STAGE_PLAN_ISSUED;
	assert_int_equal(update(store, &c, &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "EHC-2026-0001"));
	assert_non_null(strstr(err.message, "ended_with_stage"));

	c.stage = EHC_STAGE_DRAFTING;
	c.ended = day("2026-05-01");
	assert_int_equal(update(store, &c, &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "ended_with_stage"));
	ehc_store_close(store);
}

static void
store_com_at_rejected(void **state)
{
	static const char *const bad[] = {
		"2026-13-01 10:00", "2026-01-01 25:00", "2026-02-30 10:00",
		"2026-01-01 10:60", "2026-01-01T10:00", "2026-01-01",
		"2026-01-01 10:00:00", " 2026-01-01 10:00", NULL,
	};
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	for (const char *const *at = bad; *at != NULL; at++) {
		c.com.at = *at;
		if (update(store, &c, &err) != EHC_DATAERR)
			fail_msg("accepted COM time '%s'", *at);
	}
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"
				 " WHERE com_at IS NULL"), 1);
}

static void
store_com_minutes(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"
				 " WHERE com_minutes IS NULL"), 1);
	c.com.minutes = 1441;
	assert_int_equal(update(store, &c, &err), EHC_DATAERR);
	c.com.minutes = -1;
	assert_int_equal(update(store, &c, &err), EHC_DATAERR);
	c.com.minutes = 1440;
	update_ok(store, &c);
	expect_stored(store, &c);
	ehc_store_close(store);
}

static void
store_stage_sql_rejected(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	ehc_store_close(store);

	assert_int_equal(raw_exec(f->path, "UPDATE cases SET stage = 'panel'"),
			 SQLITE_CONSTRAINT);
	assert_int_equal(raw_exec(f->path, "UPDATE cases"
				  " SET stage = 'Requested'"),
			 SQLITE_CONSTRAINT);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM cases"
				 " WHERE stage = 'requested'"), 1);
}

/* A stage that the CHECK would reject, stored with the checks turned off. */
static void
store_stage_unknown_read(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_error err = { 0 };
	struct refs refs = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	assert_int_equal(raw_exec(f->path, "PRAGMA ignore_check_constraints ="
				  " ON; UPDATE cases SET stage = 'panel'"),
			 SQLITE_OK);

	assert_int_equal(ehc_store_get_case(store, "EHC-2026-0001",
					    copy_case, &(struct copy){ 0 },
					    &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "EHC-2026-0001"));
	assert_non_null(strstr(err.message, "stage"));
	assert_non_null(strstr(err.message, "'panel'"));
	assert_int_equal(ehc_store_each_case(store, NULL, collect_ref, &refs,
					     &err), EHC_DATAERR);
	assert_int_equal(refs.count, 0);
	ehc_store_close(store);
}

static void
store_stage_out_of_range(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_case_filter filter = { .stage = EHC_STAGE_COUNT };
	struct ehc_error err = { 0 };
	struct refs refs = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	c.stage = EHC_STAGE_COUNT;
	assert_int_equal(update(store, &c, &err), EHC_SOFTWARE);
	c.stage = EHC_STAGE_REQUESTED;
	c.assess = (enum ehc_decision)3;
	assert_int_equal(update(store, &c, &err), EHC_SOFTWARE);
	assert_int_equal(ehc_store_each_case(store, &filter, collect_ref,
					     &refs, &err), EHC_SOFTWARE);
	assert_int_equal(refs.count, 0);
	ehc_store_close(store);
}

/* The outcomes or exceptions a walk saw, copied. */
struct items {
	int count;
	struct {
		int kind;		/* the area or the reason */
		char text[64];		/* the outcome and its provision */
		ehc_date from, to;	/* by and agreed, or from and to */
	} item[8];
};

static int
copy_outcome(const struct ehc_outcome *o, void *context)
{
	struct items *items = context;

	if (items->count < 8) {
		items->item[items->count].kind = (int)o->area;
		snprintf(items->item[items->count].text,
			 sizeof(items->item[0].text), "%s / %s", o->outcome,
			 o->provision);
		items->item[items->count].from = o->by;
		items->item[items->count].to = o->agreed;
	}
	items->count++;
	return EHC_OK;
}

static int
copy_exception(const struct ehc_exception *e, void *context)
{
	struct items *items = context;

	if (items->count < 8) {
		items->item[items->count].kind = (int)e->reason;
		items->item[items->count].from = e->from;
		items->item[items->count].to = e->to;
	}
	items->count++;
	return EHC_OK;
}

static void
add_outcome_ok(struct ehc_store *store, enum ehc_area area,
	       const char *outcome, ehc_date by)
{
	struct ehc_outcome o = {
		.area = area, .outcome = outcome, .provision = "weekly",
		.by = by, .agreed = day("2026-03-02"),
	};
	struct ehc_error err = { 0 };

	if (ehc_store_add_outcome(store, "EHC-2026-0001", &o, &err) != EHC_OK)
		fail_msg("cannot add outcome '%s': %s", outcome, err.message);
}

static void
store_outcomes_order(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct items items = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	add_outcome_ok(store, EHC_AREA_SENSORY, "A", EHC_DATE_NONE);
	add_outcome_ok(store, EHC_AREA_COMMUNICATION, "B", day("2026-07-01"));
	add_outcome_ok(store, EHC_AREA_SEMH, "C", EHC_DATE_NONE);
	add_outcome_ok(store, EHC_AREA_COMMUNICATION, "D", EHC_DATE_NONE);
	add_outcome_ok(store, EHC_AREA_COGNITION, "E", EHC_DATE_NONE);
	assert_int_equal(ehc_store_commit(store, NULL), EHC_OK);

	assert_int_equal(ehc_store_each_outcome(store, "EHC-2026-0001",
						copy_outcome, &items, NULL),
			 EHC_OK);
	assert_int_equal(items.count, 5);
	assert_string_equal(items.item[0].text, "B / weekly");
	assert_string_equal(items.item[1].text, "D / weekly");
	assert_string_equal(items.item[2].text, "E / weekly");
	assert_string_equal(items.item[3].text, "C / weekly");
	assert_string_equal(items.item[4].text, "A / weekly");
	assert_int_equal(items.item[0].kind, EHC_AREA_COMMUNICATION);
	assert_int_equal(items.item[2].kind, EHC_AREA_COGNITION);
	assert_int_equal(items.item[3].kind, EHC_AREA_SEMH);
	assert_int_equal(items.item[4].kind, EHC_AREA_SENSORY);
	assert_int_equal(items.item[0].from, day("2026-07-01"));
	assert_int_equal(items.item[1].from, EHC_DATE_NONE);
	assert_int_equal(items.item[0].to, day("2026-03-02"));
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM outcomes"
				 " WHERE area = 'social-emotional-and-mental-"
				 "health'"), 1);
}

static void
store_exceptions_order(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_exception later = {
		.reason = EHC_EXCEPTION_ABSENCE, .from = day("2026-04-01"),
		.to = EHC_DATE_NONE,
	};
	struct ehc_exception earlier = {
		.reason = EHC_EXCEPTION_SCHOOL_CLOSURE,
		.from = day("2026-02-01"), .to = day("2026-03-01"),
	};
	struct items items = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_add_exception(store, "EHC-2026-0001",
						 &later, NULL), EHC_OK);
	assert_int_equal(ehc_store_add_exception(store, "EHC-2026-0001",
						 &earlier, NULL), EHC_OK);
	assert_int_equal(ehc_store_commit(store, NULL), EHC_OK);

	assert_int_equal(ehc_store_each_exception(store, "EHC-2026-0001",
						  copy_exception, &items,
						  NULL), EHC_OK);
	assert_int_equal(items.count, 2);
	assert_int_equal(items.item[0].kind, EHC_EXCEPTION_ABSENCE);
	assert_int_equal(items.item[0].from, later.from);
	assert_int_equal(items.item[0].to, EHC_DATE_NONE);
	assert_int_equal(items.item[1].kind, EHC_EXCEPTION_SCHOOL_CLOSURE);
	assert_int_equal(items.item[1].from, earlier.from);
	assert_int_equal(items.item[1].to, earlier.to);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM exceptions"
				 " WHERE reason = 'school-closure'"), 1);
}

static void
store_exception_period(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_exception e = {
		.reason = EHC_EXCEPTION_PERSONAL_CIRCUMSTANCES,
		.from = day("2026-04-01"), .to = day("2026-03-31"),
	};
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_add_exception(store, "EHC-2026-0001", &e,
						 &err), EHC_DATAERR);
	assert_non_null(strstr(err.message, "exception_period"));
	e.reason = EHC_EXCEPTION_COUNT;
	e.to = EHC_DATE_NONE;
	assert_int_equal(ehc_store_add_exception(store, "EHC-2026-0001", &e,
						 &err), EHC_SOFTWARE);
	ehc_store_close(store);
}

/* The names a walk over people saw, in order. */
struct names {
	int count;
	char name[8][64];
};

static int
copy_name(const char *name, void *context)
{
	struct names *names = context;

	if (names->count < 8)
		snprintf(names->name[names->count], sizeof(names->name[0]),
			 "%s", name);
	names->count++;
	return EHC_OK;
}

static void
set_people_ok(struct ehc_store *store, enum ehc_attendance list,
	      const char *const *names, size_t count)
{
	struct ehc_error err = { 0 };

	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	if (ehc_store_set_people(store, "EHC-2026-0001", list, names, count,
				 &err) != EHC_OK)
		fail_msg("cannot set people: %s", err.message);
	assert_int_equal(ehc_store_commit(store, NULL), EHC_OK);
}

static struct names
people_of(struct ehc_store *store, enum ehc_attendance list)
{
	struct names names = { 0 };

	assert_int_equal(ehc_store_each_person(store, "EHC-2026-0001", list,
					       copy_name, &names, NULL),
			 EHC_OK);
	return names;
}

static void
store_people_order(void **state)
{
	static const char *const invited[] = { "Zoe", "Amir", HARD_NAME };
	static const char *const attended[] = { "Amir" };
	struct fixture *f = *state;
	struct ehc_store *store;
	struct names names;

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	set_people_ok(store, EHC_INVITED, invited, 3);
	set_people_ok(store, EHC_ATTENDED, attended, 1);

	names = people_of(store, EHC_INVITED);
	assert_int_equal(names.count, 3);
	assert_string_equal(names.name[0], "Zoe");
	assert_string_equal(names.name[1], "Amir");
	assert_string_equal(names.name[2], HARD_NAME);
	names = people_of(store, EHC_ATTENDED);
	assert_int_equal(names.count, 1);
	assert_string_equal(names.name[0], "Amir");
	ehc_store_close(store);
}

static void
store_people_replaced(void **state)
{
	static const char *const first[] = { "Zoe", "Amir", "Jo" };
	static const char *const second[] = { "Jo", "Sam" };
	struct fixture *f = *state;
	struct ehc_store *store;
	struct names names;

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	set_people_ok(store, EHC_INVITED, first, 3);
	set_people_ok(store, EHC_ATTENDED, first, 2);
	set_people_ok(store, EHC_INVITED, second, 2);

	names = people_of(store, EHC_INVITED);
	assert_int_equal(names.count, 2);
	assert_string_equal(names.name[0], "Jo");
	assert_string_equal(names.name[1], "Sam");
	names = people_of(store, EHC_ATTENDED);
	assert_int_equal(names.count, 2);

	set_people_ok(store, EHC_INVITED, NULL, 0);
	names = people_of(store, EHC_INVITED);
	assert_int_equal(names.count, 0);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM people"), 2);
}

static int
count_person(const char *name, void *context)
{
	(void)name;
	(*(int *)context)++;
	return EHC_OK;
}

static void
store_unknown_ref(void **state)
{
	static const char missing[] = "EHC-2026-0404";
	static const char *const names[] = { "Jo" };
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case(missing, "2026-01-05");
	struct ehc_outcome o = {
		.area = EHC_AREA_COGNITION, .outcome = "o", .provision = "p",
		.by = EHC_DATE_NONE, .agreed = day("2026-03-02"),
	};
	struct ehc_exception e = {
		.reason = EHC_EXCEPTION_ABSENCE, .from = day("2026-03-02"),
		.to = EHC_DATE_NONE,
	};
	struct items items = { 0 };
	int calls = 0;

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_update_case(store, &c, "correction", "{}",
					       NULL, NULL), EHC_NOINPUT);
	assert_int_equal(ehc_store_add_outcome(store, missing, &o, NULL),
			 EHC_NOINPUT);
	assert_int_equal(ehc_store_add_exception(store, missing, &e, NULL),
			 EHC_NOINPUT);
	assert_int_equal(ehc_store_set_people(store, missing, EHC_INVITED,
					      names, 1, NULL), EHC_NOINPUT);
	ehc_store_rollback(store);

	assert_int_equal(ehc_store_each_outcome(store, missing, copy_outcome,
						&items, NULL), EHC_NOINPUT);
	assert_int_equal(ehc_store_each_exception(store, missing,
						  copy_exception, &items,
						  NULL), EHC_NOINPUT);
	assert_int_equal(items.count, 0);
	assert_int_equal(ehc_store_each_person(store, missing, EHC_ATTENDED,
					       count_person, &calls, NULL),
			 EHC_NOINPUT);
	assert_int_equal(calls, 0);
	ehc_store_close(store);
}

/*
 * The store remembers the case it inserted last, so that its event and
 * lists need no search. A rollback takes that case away, and the memory of
 * it must go too.
 */
static void
store_rollback_forgets_last_case(void **state)
{
	static const char *const names[] = { "Jo" };
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct ehc_outcome o = {
		.area = EHC_AREA_SENSORY, .outcome = "Reads",
		.provision = "Aid", .by = EHC_DATE_NONE,
		.agreed = day("2026-03-02"),
	};

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_insert_case(store, &c, "request", "{}", NULL,
					       NULL), EHC_OK);
	ehc_store_rollback(store);
	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_add_outcome(store, c.ref, &o, NULL),
			 EHC_NOINPUT);
	assert_int_equal(ehc_store_set_people(store, c.ref, EHC_INVITED, names,
					      1, NULL), EHC_NOINPUT);
	ehc_store_rollback(store);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM outcomes"), 0);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM people"), 0);
}

/* A list set twice on the case just inserted contains the second names. */
static void
store_people_replaced_on_new_case(void **state)
{
	static const char *const first[] = { "Jo", "Sam" };
	static const char *const second[] = { "Ali" };
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	int calls = 0;

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_insert_case(store, &c, "request", "{}", NULL,
					       NULL), EHC_OK);
	assert_int_equal(ehc_store_set_people(store, c.ref, EHC_INVITED, first,
					      2, NULL), EHC_OK);
	assert_int_equal(ehc_store_set_people(store, c.ref, EHC_INVITED,
					      second, 1, NULL), EHC_OK);
	assert_int_equal(ehc_store_commit(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_each_person(store, c.ref, EHC_INVITED,
					       count_person, &calls, NULL),
			 EHC_OK);
	assert_int_equal(calls, 1);
	ehc_store_close(store);
}

/*
 * Once a commit lets the lock go, another connection may set the people of
 * the case inserted last, so a later setting must replace them.
 */
static void
store_people_replaced_after_commit(void **state)
{
	static const char *const theirs[] = { "Jo", "Sam" };
	static const char *const ours[] = { "Ali" };
	struct fixture *f = *state;
	struct ehc_store *store, *other;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	int calls = 0;

	store = open_store(f->path, EHC_STORE_WRITE);
	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_insert_case(store, &c, "request", "{}", NULL,
					       NULL), EHC_OK);
	assert_int_equal(ehc_store_commit(store, NULL), EHC_OK);

	other = open_store(f->path, EHC_STORE_UPDATE);
	assert_int_equal(ehc_store_begin(other, NULL), EHC_OK);
	assert_int_equal(ehc_store_set_people(other, c.ref, EHC_INVITED, theirs,
					      2, NULL), EHC_OK);
	assert_int_equal(ehc_store_commit(other, NULL), EHC_OK);
	ehc_store_close(other);

	assert_int_equal(ehc_store_begin(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_set_people(store, c.ref, EHC_INVITED, ours,
					      1, NULL), EHC_OK);
	assert_int_equal(ehc_store_commit(store, NULL), EHC_OK);
	assert_int_equal(ehc_store_each_person(store, c.ref, EHC_INVITED,
					       count_person, &calls, NULL),
			 EHC_OK);
	assert_int_equal(calls, 1);
	ehc_store_close(store);
}

static void
store_lists_no_transaction(void **state)
{
	static const char *const names[] = { "Jo" };
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_outcome o = {
		.area = EHC_AREA_COGNITION, .outcome = "o", .provision = "p",
		.by = EHC_DATE_NONE, .agreed = day("2026-03-02"),
	};
	struct ehc_exception e = {
		.reason = EHC_EXCEPTION_ABSENCE, .from = day("2026-03-02"),
		.to = EHC_DATE_NONE,
	};
	struct ehc_error err = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ref(store, "EHC-2026-0001");
	assert_int_equal(ehc_store_add_outcome(store, "EHC-2026-0001", &o,
					       &err), EHC_SOFTWARE);
	assert_non_null(strstr(err.message, "no transaction"));
	assert_int_equal(ehc_store_add_exception(store, "EHC-2026-0001", &e,
						 &err), EHC_SOFTWARE);
	assert_int_equal(ehc_store_set_people(store, "EHC-2026-0001",
					      EHC_INVITED, names, 1, &err),
			 EHC_SOFTWARE);
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT (SELECT count(*) FROM"
				 " outcomes) + (SELECT count(*) FROM"
				 " exceptions) + (SELECT count(*) FROM"
				 " people)"), 0);
}

/*
 * Stores four cases: 0001 and 0003 at assessment (0003 received first),
 * 0002 withdrawn and 0004 drafting.
 */
static void
insert_stages(struct ehc_store *store)
{
	struct ehc_case a = plain_case("EHC-2026-0001", "2026-02-01");
	struct ehc_case b = plain_case("EHC-2026-0002", "2026-01-05");
	struct ehc_case c = plain_case("EHC-2026-0003", "2026-01-20");
	struct ehc_case d = plain_case("EHC-2026-0004", "2026-01-10");

	a.stage = c.stage = EHC_STAGE_ASSESSMENT;
	b.stage = EHC_STAGE_WITHDRAWN;
	b.withdrawn = b.ended = day("2026-02-10");
	d.stage = EHC_STAGE_DRAFTING;
	insert_ok(store, &a);
	insert_ok(store, &b);
	insert_ok(store, &c);
	insert_ok(store, &d);
}

static struct refs
cases_of(struct ehc_store *store, const struct ehc_case_filter *filter)
{
	struct refs refs = { 0 };

	assert_int_equal(ehc_store_each_case(store, filter, collect_ref, &refs,
					     NULL), EHC_OK);
	return refs;
}

static void
store_each_stage(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case_filter filter = { .stage = EHC_STAGE_ASSESSMENT };
	struct refs refs;

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_stages(store);
	refs = cases_of(store, &filter);
	assert_int_equal(refs.count, 2);
	assert_string_equal(refs.ref[0], "EHC-2026-0003");
	assert_string_equal(refs.ref[1], "EHC-2026-0001");

	filter.open_only = true;
	refs = cases_of(store, &filter);
	assert_int_equal(refs.count, 2);

	filter.stage = EHC_STAGE_DRAFTING;
	refs = cases_of(store, &filter);
	assert_int_equal(refs.count, 1);
	assert_string_equal(refs.ref[0], "EHC-2026-0004");
	ehc_store_close(store);
}

static void
store_each_ended_stage(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case_filter filter = { .stage = EHC_STAGE_WITHDRAWN };
	struct refs refs;

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_stages(store);
	refs = cases_of(store, &filter);
	assert_int_equal(refs.count, 1);
	assert_string_equal(refs.ref[0], "EHC-2026-0002");

	filter.open_only = true;
	refs = cases_of(store, &filter);
	assert_int_equal(refs.count, 0);
	ehc_store_close(store);
}

static void
store_each_ended_only(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case_filter filter = { .ended_only = true, .stage = -1 };
	struct refs refs;

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_stages(store);
	refs = cases_of(store, &filter);
	assert_int_equal(refs.count, 1);
	assert_string_equal(refs.ref[0], "EHC-2026-0002");

	filter.stage = EHC_STAGE_ASSESSMENT;
	refs = cases_of(store, &filter);
	assert_int_equal(refs.count, 0);

	filter = (struct ehc_case_filter){ .open_only = true, .stage = -1 };
	refs = cases_of(store, &filter);
	assert_int_equal(refs.count, 3);
	assert_string_equal(refs.ref[0], "EHC-2026-0004");
	assert_string_equal(refs.ref[1], "EHC-2026-0003");
	assert_string_equal(refs.ref[2], "EHC-2026-0001");
	ehc_store_close(store);
}

/* Records an update with detail and checks how its changes read. */
static void
expect_changes(struct fixture *f, const char *detail, const char *expected)
{
	struct ehc_store *store;
	struct ehc_case c = plain_case("EHC-2026-0001", "2026-01-05");
	struct event_copy copy = { 0 };

	store = open_store(f->path, EHC_STORE_WRITE);
	insert_ok(store, &c);
	assert_int_equal(write_case(store, true, &c, "correction", detail,
				    NULL, NULL), EHC_OK);
	assert_int_equal(ehc_store_each_event(store, c.ref, copy_event, &copy,
					      NULL), EHC_OK);
	assert_int_equal(copy.calls, 2);
	assert_string_equal(copy.changes, expected);
	ehc_store_close(store);
}

static void
store_changes_scalar(void **state)
{
	expect_changes(*state, "{\"decision\":\"assess\","
		       "\"date\":\"2026-10-01\",\"minutes\":90,"
		       "\"urgent\":true,\"late\":false}",
		       "decision: assess; date: 2026-10-01; minutes: 90; "
		       "urgent: true; late: false");
}

static void
store_changes_pair(void **state)
{
	expect_changes(*state, "{\"aro\":[\"Jo\",\"Sam\"],"
		       "\"minutes\":[90,120]}",
		       "aro: Jo -> Sam; minutes: 90 -> 120");
}

static void
store_changes_null(void **state)
{
	expect_changes(*state, "{\"chair\":null,\"ep\":[null,\"Dr Lee\"],"
		       "\"aro\":[\"Jo\",null]}",
		       "chair: -; ep: - -> Dr Lee; aro: Jo -> -");
}

static void
store_changes_other_json(void **state)
{
	expect_changes(*state, "{\"names\":[\"a\",\"b\",\"c\"],"
		       "\"com\":{\"at\":\"2026-03-02 09:30\"}}",
		       "names: [\"a\",\"b\",\"c\"]; "
		       "com: {\"at\":\"2026-03-02 09:30\"}");
}

static void
store_changes_empty(void **state)
{
	expect_changes(*state, "{}", "");
}

static void
explain(struct ehc_store *store, const struct ehc_case_filter *filter,
	char *plan, size_t size)
{
	struct ehc_error err = { 0 };

	if (ehc_store_explain_cases(store, filter, plan, size, &err) != EHC_OK)
		fail_msg("cannot explain: %s", err.message);
}

static void
store_plan_open(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case_filter filter = { .open_only = true, .stage = -1 };
	char plan[1024];

	store = open_store(f->path, EHC_STORE_WRITE);
	explain(store, &filter, plan, sizeof(plan));
	assert_non_null(strstr(plan, "USING INDEX cases_open\n"));
	assert_null(strstr(plan, "TEMP B-TREE"));

	filter.aro = "Ann";
	explain(store, &filter, plan, sizeof(plan));
	assert_non_null(strstr(plan, "USING INDEX cases_open\n"));
	ehc_store_close(store);
	assert_int_equal(raw_int(f->path, "SELECT count(*) FROM sqlite_master"
				 " WHERE name IN ('cases_open', 'cases_stage')"
				 " AND sql LIKE '% WHERE ended IS NULL'"), 2);
}

static void
store_plan_stage(void **state)
{
	struct fixture *f = *state;
	struct ehc_store *store;
	struct ehc_case_filter filter = {
		.open_only = true, .stage = EHC_STAGE_DRAFTING,
	};
	char plan[1024];

	store = open_store(f->path, EHC_STORE_WRITE);
	explain(store, &filter, plan, sizeof(plan));
	assert_non_null(strstr(plan, "USING INDEX cases_stage (stage=?)"));
	assert_null(strstr(plan, "TEMP B-TREE"));

	/* An open stage implies an open case, so open_only changes nothing. */
	filter.open_only = false;
	explain(store, &filter, plan, sizeof(plan));
	assert_non_null(strstr(plan, "USING INDEX cases_stage (stage=?)"));
	ehc_store_close(store);
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
		STORE_TEST(store_read_empty_unchanged),
		STORE_TEST(store_foreign_version_rejected),
		STORE_TEST(store_special_names_are_files),
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
		STORE_TEST(store_rollback_forgets_last_case),
		STORE_TEST(store_people_replaced_on_new_case),
		STORE_TEST(store_people_replaced_after_commit),
		STORE_TEST(store_close_rolls_back),
		STORE_TEST(store_update_round_trip),
		STORE_TEST(store_update_decisions),
		STORE_TEST(store_update_stages),
		STORE_TEST(store_update_event),
		STORE_TEST(store_update_missing),
		STORE_TEST(store_update_no_transaction),
		STORE_TEST(store_update_bad_event),
		STORE_TEST(store_ended_needs_date),
		STORE_TEST(store_com_at_rejected),
		STORE_TEST(store_com_minutes),
		STORE_TEST(store_stage_sql_rejected),
		STORE_TEST(store_stage_unknown_read),
		STORE_TEST(store_stage_out_of_range),
		STORE_TEST(store_outcomes_order),
		STORE_TEST(store_exceptions_order),
		STORE_TEST(store_exception_period),
		STORE_TEST(store_people_order),
		STORE_TEST(store_people_replaced),
		STORE_TEST(store_unknown_ref),
		STORE_TEST(store_lists_no_transaction),
		STORE_TEST(store_each_stage),
		STORE_TEST(store_each_ended_stage),
		STORE_TEST(store_each_ended_only),
		STORE_TEST(store_changes_scalar),
		STORE_TEST(store_changes_pair),
		STORE_TEST(store_changes_null),
		STORE_TEST(store_changes_other_json),
		STORE_TEST(store_changes_empty),
		STORE_TEST(store_plan_open),
		STORE_TEST(store_plan_stage),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
