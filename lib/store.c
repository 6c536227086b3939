/*
 * The case store on SQLite: creating, opening and migrating the database
 * file, and every SQL statement that ehc runs.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ehc/store.h"
#include "store-private.h"

struct ehc_store {
	sqlite3 *db;
	char *path;
};

/*
 * A date column contains "YYYY-MM-DD" text naming a real day. SQLite 3.40
 * date() returns an impossible day such as 2026-02-30 unchanged when it has
 * no modifier, so the check adds '+0 days', which makes date() recompute the
 * day from its Julian day number and turn 2026-02-30 into 2026-03-02.
 */
#define DATE_CHECK(column)						\
	"CHECK (date(" column ", '+0 days') IS " column			\
	" AND " column " >= '0001-01-01')"

/*
 * Schema version 1. The partial index keeps the open cases apart from the
 * closed history, so listing open cases reads only those. Events are the
 * audit trail, so triggers reject every UPDATE and DELETE of them.
 *
 * NOTE: SQLite cannot alter a CHECK constraint, so a later step that adds an
 * event kind must rebuild the events table. DROP TABLE fires no triggers.
 */
static const char schema_v1[] =
	"CREATE TABLE cases ("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT NOT NULL UNIQUE CHECK (ref <> ''),"
	" child TEXT,"
	" dob TEXT " DATE_CHECK("dob") ","
	" received TEXT NOT NULL " DATE_CHECK("received") ","
	" source TEXT CHECK (source IN ('parent', 'young-person', 'school',"
	"  'health', 'social-care', 'other')),"
	" setting TEXT,"
	" aro TEXT,"
	" ep TEXT,"
	" ended TEXT " DATE_CHECK("ended")
	") STRICT;"
	"CREATE INDEX cases_open ON cases (received, ref) WHERE ended IS NULL;"
	"CREATE TABLE events ("
	" id INTEGER PRIMARY KEY,"
	" case_id INTEGER NOT NULL REFERENCES cases (id),"
	" at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-"
	"[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'"
	"  AND strftime('%Y-%m-%dT%H:%M:%SZ', at, '+0 seconds') IS at),"
	" user TEXT NOT NULL CHECK (user <> ''),"
	" kind TEXT NOT NULL CHECK (kind IN ('request')),"
	" detail TEXT NOT NULL"
	"  CHECK (json_valid(detail) AND json_type(detail) = 'object'),"
	" note TEXT"
	") STRICT;"
	"CREATE INDEX events_case ON events (case_id);"
	"CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN"
	" SELECT RAISE(ABORT, 'events are append-only: an event cannot be"
	" changed'); END;"
	"CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN"
	" SELECT RAISE(ABORT, 'events are append-only: an event cannot be"
	" deleted'); END;";

/*
 * The migration steps in order: migrations[n] takes a database from schema
 * version n to n + 1. A new schema version appends its step here.
 */
static const char *const migrations[] = {
	schema_v1,
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) ==
	       EHC_STORE_SCHEMA_VERSION,
	       "each schema version needs one migration step");

#define CASE_COLUMNS \
	"ref, child, dob, received, source, setting, aro, ep, ended"

/* Generated references carry numbers of four to nine digits. */
#define REF_NUMBER_MAX 999999999LL

static int	store_fail(struct ehc_store *, int, struct ehc_error *,
			   const char *, ...)
		    __attribute__((format(printf, 4, 5)));

/*
 * Maps a SQLite result to an ehc status. A write to a read-only file and a
 * file that cannot be opened are I/O failures, not bugs in ehc.
 */
static int
sqlite_status(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return EHC_IOERR;
	case SQLITE_BUSY:
		return EHC_TEMPFAIL;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
	case SQLITE_CONSTRAINT:
		return EHC_DATAERR;
	default:
		return EHC_SOFTWARE;
	}
}

/*
 * Fills err for the SQLite result rc. The context names what failed, such as
 * "cannot store case 'X'", and SQLite's message gives the reason.
 */
static int
store_fail(struct ehc_store *store, int rc, struct ehc_error *err,
	   const char *fmt, ...)
{
	char context[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(context, sizeof(context), fmt, ap);
	va_end(ap);

	switch (rc & 0xff) {
	case SQLITE_BUSY:
		return ehc_error_set(err, EHC_TEMPFAIL,
				     "database '%s' is locked by another ehc "
				     "command; try again", store->path);
	case SQLITE_NOTADB:
		return ehc_error_set(err, EHC_DATAERR,
				     "'%s' is not a SQLite database",
				     store->path);
	case SQLITE_CONSTRAINT:
		return ehc_error_set(err, EHC_DATAERR, "%s: %s", context,
				     sqlite3_errmsg(store->db));
	}
	return ehc_error_set(err, sqlite_status(rc), "database '%s': %s: %s",
			     store->path, context, sqlite3_errmsg(store->db));
}

static int
exec_sql(struct ehc_store *store, const char *sql, const char *context,
	 struct ehc_error *err)
{
	int rc;

	rc = sqlite3_exec(store->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, "%s", context);
	return EHC_OK;
}

static int
prepare(struct ehc_store *store, const char *sql, sqlite3_stmt **stmt,
	const char *context, struct ehc_error *err)
{
	int rc;

	rc = sqlite3_prepare_v2(store->db, sql, -1, stmt, NULL);
	if (rc != SQLITE_OK)
		return store_fail(store, rc, err, "%s", context);
	return EHC_OK;
}

/* Binds text that must stay valid until the statement is finalized. */
static void
bind_text(sqlite3_stmt *stmt, int index, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(stmt, index);
	else
		sqlite3_bind_text(stmt, index, text, -1, SQLITE_STATIC);
}

static void
bind_date(sqlite3_stmt *stmt, int index, ehc_date date)
{
	char text[EHC_DATE_LEN];

	if (date == EHC_DATE_NONE) {
		sqlite3_bind_null(stmt, index);
		return;
	}
	ehc_date_format(date, text);
	sqlite3_bind_text(stmt, index, text, -1, SQLITE_TRANSIENT);
}

/*
 * Creates one directory 0700. mkdir(2) applies the umask, which could make
 * the mode wider or narrower than intended, so chmod(2) sets it exactly.
 */
static int
make_dir(const char *dir, struct ehc_error *err)
{
	if (mkdir(dir, 0700) == 0) {
		if (chmod(dir, 0700) == 0)
			return EHC_OK;
	} else if (errno == EEXIST)
		return EHC_OK;
	return ehc_error_set(err, EHC_CANTCREAT,
			     "cannot create directory '%s': %s", dir,
			     strerror(errno));
}

/* Creates the directory that will contain path, and its missing parents. */
static int
make_parent(const char *path, struct ehc_error *err)
{
	char *dir, *slash, *p, saved;
	int status = EHC_OK;

	if ((dir = strdup(path)) == NULL)
		return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
	slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir) {
		free(dir);
		return EHC_OK;
	}
	*slash = '\0';

	/* Each '/' ends an ancestor, and the terminating NUL the parent. */
	for (p = dir + 1; status == EHC_OK; p++) {
		if (*p != '/' && *p != '\0')
			continue;
		saved = *p;
		*p = '\0';
		status = make_dir(dir, err);
		*p = saved;
		if (saved == '\0')
			break;
	}
	free(dir);
	return status;
}

/*
 * Creates the database file 0600 before SQLite opens it, so that the file
 * never exists with a wider mode, and fchmod(2) undoes the umask. SQLite
 * 3.40 gives the -wal and -shm files the mode of this file.
 */
static int
create_file(const char *path, struct ehc_error *err)
{
	int fd, status;

	if ((status = make_parent(path, err)) != EHC_OK)
		return status;

	fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd == -1 && errno == EEXIST)
		return EHC_OK;
	if (fd == -1 || fchmod(fd, 0600) == -1) {
		status = ehc_error_set(err, EHC_CANTCREAT,
				       "cannot create database '%s': %s", path,
				       strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(path);
		}
		return status;
	}
	close(fd);
	return EHC_OK;
}

static int
check_exists(const char *path, struct ehc_error *err)
{
	struct stat sb;

	if (stat(path, &sb) == 0)
		return EHC_OK;
	if (errno == ENOENT)
		return ehc_error_set(err, EHC_NOINPUT,
				     "database '%s' does not exist; record a "
				     "request first, or pass --db", path);
	return ehc_error_set(err, EHC_NOINPUT, "cannot read database '%s': %s",
			     path, strerror(errno));
}

/*
 * Opens the connection read-write but never lets SQLite create the file,
 * because create_file made it in write mode and read mode needs it to exist.
 * Read mode still needs write access to migrate and to use the -shm file.
 */
static int
connect_db(struct ehc_store *store, enum ehc_store_mode mode,
	   struct ehc_error *err)
{
	int rc, errnum, status;

	rc = sqlite3_open_v2(store->path, &store->db, SQLITE_OPEN_READWRITE,
			     NULL);
	if (rc != SQLITE_OK) {
		errnum = 0;
		if (store->db != NULL)
			errnum = sqlite3_system_errno(store->db);
		status = mode == EHC_STORE_READ ? EHC_NOINPUT : EHC_CANTCREAT;
		if ((rc & 0xff) != SQLITE_CANTOPEN)
			status = sqlite_status(rc);
		return ehc_error_set(err, status,
				     "cannot open database '%s': %s",
				     store->path, errnum != 0 ?
				     strerror(errnum) : sqlite3_errstr(rc));
	}

	sqlite3_extended_result_codes(store->db, 1);
	sqlite3_busy_timeout(store->db, EHC_STORE_BUSY_TIMEOUT_MS);
	return exec_sql(store, "PRAGMA foreign_keys = ON",
			"cannot enable foreign keys", err);
}

/*
 * Switches a database opened for writing to WAL, so that readers need not
 * wait for a writer to commit. In WAL mode synchronous=NORMAL keeps the file
 * consistent, though a power loss can undo the last commits (SQLite pragma
 * documentation). It is less safe with a rollback journal, so it is set only
 * in WAL mode.
 */
static int
set_journal_mode(struct ehc_store *store, enum ehc_store_mode mode,
		 struct ehc_error *err)
{
	static const char context[] = "cannot set the journal mode";
	sqlite3_stmt *stmt;
	const char *sql, *journal;
	int rc, status, wal = 0;

	if (mode == EHC_STORE_WRITE)
		sql = "PRAGMA journal_mode = WAL";
	else
		sql = "PRAGMA journal_mode";
	if ((status = prepare(store, sql, &stmt, context, err)) != EHC_OK)
		return status;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		journal = (const char *)sqlite3_column_text(stmt, 0);
		wal = journal != NULL && strcmp(journal, "wal") == 0;
	} else
		status = store_fail(store, rc, err, "%s", context);
	sqlite3_finalize(stmt);

	if (status == EHC_OK && wal)
		status = exec_sql(store, "PRAGMA synchronous = NORMAL",
				  "cannot set the synchronous mode", err);
	return status;
}

static int
read_int(struct ehc_store *store, const char *sql, const char *context,
	 int *out, struct ehc_error *err)
{
	sqlite3_stmt *stmt;
	int rc, status;

	if ((status = prepare(store, sql, &stmt, context, err)) != EHC_OK)
		return status;
	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*out = sqlite3_column_int(stmt, 0);
	else
		status = store_fail(store, rc, err, "%s", context);
	sqlite3_finalize(stmt);
	return status;
}

static int
read_version(struct ehc_store *store, int *version, struct ehc_error *err)
{
	int status;

	status = read_int(store, "PRAGMA user_version",
			  "cannot read the schema version", version, err);
	if (status == EHC_OK && *version > EHC_STORE_SCHEMA_VERSION)
		return ehc_error_set(err, EHC_DATAERR,
				     "database '%s' was written by a newer ehc "
				     "(schema version %d, this ehc reads up to "
				     "%d); upgrade ehc", store->path, *version,
				     EHC_STORE_SCHEMA_VERSION);
	return status;
}

/*
 * Version 0 must mean a new, empty file. Tables there belong to another
 * program, and adding ours beside them would hide a mistaken --db.
 */
static int
check_empty(struct ehc_store *store, struct ehc_error *err)
{
	int count = 0, status;

	status = read_int(store, "SELECT count(*) FROM sqlite_master",
			  "cannot read the schema", &count, err);
	if (status == EHC_OK && count > 0)
		return ehc_error_set(err, EHC_DATAERR,
				     "database '%s' is not an ehc database: "
				     "it has tables but no ehc schema version",
				     store->path);
	return status;
}

/*
 * Runs the next migration step and its version bump in one transaction. The
 * version is read again under the write lock because another ehc may have
 * migrated the file meanwhile. *version is the file's version on return.
 */
static int
migrate_step(struct ehc_store *store, int *version, struct ehc_error *err)
{
	char bump[64];
	int status;

	if ((status = ehc_store_begin(store, err)) != EHC_OK)
		return status;
	status = read_version(store, version, err);
	if (status == EHC_OK && *version == 0)
		status = check_empty(store, err);

	if (status == EHC_OK && *version < EHC_STORE_SCHEMA_VERSION) {
		snprintf(bump, sizeof(bump), "PRAGMA user_version = %d",
			 *version + 1);
		status = exec_sql(store, migrations[*version],
				  "cannot migrate the schema", err);
		if (status == EHC_OK)
			status = exec_sql(store, bump,
					  "cannot set the schema version", err);
	}
	if (status == EHC_OK)
		status = ehc_store_commit(store, err);
	if (status != EHC_OK) {
		ehc_store_rollback(store);
		return status;
	}
	if (*version < EHC_STORE_SCHEMA_VERSION)
		(*version)++;
	return EHC_OK;
}

static int
migrate(struct ehc_store *store, struct ehc_error *err)
{
	int version = 0, status;

	/* Most opens find the current schema and take no write lock. */
	if ((status = read_version(store, &version, err)) != EHC_OK)
		return status;
	while (status == EHC_OK && version < EHC_STORE_SCHEMA_VERSION)
		status = migrate_step(store, &version, err);
	return status;
}

int
ehc_store_open(struct ehc_store **out, const char *path,
	       enum ehc_store_mode mode, struct ehc_error *err)
{
	struct ehc_store *store;
	int status;

	*out = NULL;
	if (mode == EHC_STORE_WRITE)
		status = create_file(path, err);
	else
		status = check_exists(path, err);
	if (status != EHC_OK)
		return status;

	if ((store = calloc(1, sizeof(*store))) == NULL ||
	    (store->path = strdup(path)) == NULL) {
		free(store);
		return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
	}

	/* A file too new for this build is rejected before anything writes. */
	status = connect_db(store, mode, err);
	if (status == EHC_OK)
		status = migrate(store, err);
	if (status == EHC_OK)
		status = set_journal_mode(store, mode, err);
	if (status != EHC_OK) {
		ehc_store_close(store);
		return status;
	}
	*out = store;
	return EHC_OK;
}

void
ehc_store_close(struct ehc_store *store)
{
	if (store == NULL)
		return;
	ehc_store_rollback(store);
	sqlite3_close(store->db);
	free(store->path);
	free(store);
}

void
ehc_store_set_busy_timeout(struct ehc_store *store, int ms)
{
	sqlite3_busy_timeout(store->db, ms);
}

int
ehc_store_begin(struct ehc_store *store, struct ehc_error *err)
{
	if (!sqlite3_get_autocommit(store->db))
		return ehc_error_set(err, EHC_SOFTWARE,
				     "database '%s': a transaction is already "
				     "open", store->path);
	return exec_sql(store, "BEGIN IMMEDIATE", "cannot begin a transaction",
			err);
}

int
ehc_store_commit(struct ehc_store *store, struct ehc_error *err)
{
	return exec_sql(store, "COMMIT", "cannot commit", err);
}

void
ehc_store_rollback(struct ehc_store *store)
{
	if (store->db != NULL && !sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

static int
insert_row(struct ehc_store *store, const struct ehc_case *c,
	   sqlite3_int64 *id, struct ehc_error *err)
{
	static const char sql[] =
		"INSERT INTO cases (" CASE_COLUMNS ")"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
	sqlite3_stmt *stmt;
	int rc, status;

	status = prepare(store, sql, &stmt, "cannot store a case", err);
	if (status != EHC_OK)
		return status;
	bind_text(stmt, 1, c->ref);
	bind_text(stmt, 2, c->child);
	bind_date(stmt, 3, c->dob);
	bind_date(stmt, 4, c->received);
	bind_text(stmt, 5, c->source);
	bind_text(stmt, 6, c->setting);
	bind_text(stmt, 7, c->aro);
	bind_text(stmt, 8, c->ep);
	bind_date(stmt, 9, c->ended);

	rc = sqlite3_step(stmt);
	if (rc == SQLITE_DONE)
		*id = sqlite3_last_insert_rowid(store->db);
	else if (rc == SQLITE_CONSTRAINT_UNIQUE)
		status = ehc_error_set(err, EHC_DATAERR,
				       "reference '%s' is already used by "
				       "another case", c->ref);
	else
		status = store_fail(store, rc, err, "cannot store case '%s'",
				    c->ref);
	sqlite3_finalize(stmt);
	return status;
}

/* Binds the OS user who runs ehc, or the numeric uid when it has no name. */
static void
bind_user(sqlite3_stmt *stmt, int index)
{
	struct passwd *pw;
	char uid[32];

	pw = getpwuid(geteuid());
	if (pw != NULL && pw->pw_name != NULL && pw->pw_name[0] != '\0') {
		sqlite3_bind_text(stmt, index, pw->pw_name, -1,
				  SQLITE_TRANSIENT);
		return;
	}
	snprintf(uid, sizeof(uid), "%lu", (unsigned long)geteuid());
	sqlite3_bind_text(stmt, index, uid, -1, SQLITE_TRANSIENT);
}

/*
 * Records the request event from the row just stored. json_patch() onto
 * '{}' drops the members whose value is null (RFC 7396 merge patch), so the
 * detail lists only the fields that were given.
 */
static int
insert_request_event(struct ehc_store *store, sqlite3_int64 id,
		     const char *ref, const char *note, struct ehc_error *err)
{
	static const char sql[] =
		"INSERT INTO events (case_id, at, user, kind, detail, note)"
		" SELECT id, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2,"
		"  'request', json_patch('{}', json_object('ref', ref,"
		"  'child', child, 'dob', dob, 'received', received,"
		"  'source', source, 'setting', setting, 'aro', aro,"
		"  'ep', ep, 'ended', ended)), ?3"
		" FROM cases WHERE id = ?1";
	sqlite3_stmt *stmt;
	int rc, status;

	status = prepare(store, sql, &stmt, "cannot record a request", err);
	if (status != EHC_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, id);
	bind_user(stmt, 2);
	bind_text(stmt, 3, note);

	if ((rc = sqlite3_step(stmt)) != SQLITE_DONE)
		status = store_fail(store, rc, err,
				    "cannot record the request of case '%s'",
				    ref);
	sqlite3_finalize(stmt);
	return status;
}

int
ehc_store_insert_case(struct ehc_store *store, const struct ehc_case *c,
		      const char *note, struct ehc_error *err)
{
	sqlite3_int64 id = 0;
	int status;

	if (c->ref == NULL)
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot store a case without a reference");
	if (sqlite3_get_autocommit(store->db))
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot store case '%s': no transaction "
				     "is open", c->ref);

	if ((status = insert_row(store, c, &id, err)) != EHC_OK)
		return status;
	return insert_request_event(store, id, c->ref, note, err);
}

/*
 * Finds the highest number among the generated references of a year. A
 * reference counts only when it is exactly what ehc_store_next_ref writes:
 * four digits, or more without a leading zero. The range on ref lets SQLite
 * read only that year's entries of the unique index on ref.
 */
static int
max_ref_number(struct ehc_store *store, int year, sqlite3_int64 *max,
	       struct ehc_error *err)
{
	static const char sql[] =
		"SELECT coalesce(max(CAST(substr(ref, 10) AS INTEGER)), 0)"
		" FROM cases WHERE ref > ?1 AND ref < ?2"
		" AND length(ref) BETWEEN 13 AND 18"
		" AND substr(ref, 10) NOT GLOB '*[^0-9]*'"
		" AND (length(ref) = 13 OR substr(ref, 10, 1) <> '0')";
	static const char context[] = "cannot read the references";
	char low[32], high[32];
	sqlite3_stmt *stmt;
	int rc, status;

	/* '.' follows '-' in ASCII, so the range contains every "EHC-YYYY-". */
	snprintf(low, sizeof(low), "EHC-%04d-", year);
	snprintf(high, sizeof(high), "EHC-%04d.", year);
	if ((status = prepare(store, sql, &stmt, context, err)) != EHC_OK)
		return status;
	sqlite3_bind_text(stmt, 1, low, -1, SQLITE_STATIC);
	sqlite3_bind_text(stmt, 2, high, -1, SQLITE_STATIC);

	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*max = sqlite3_column_int64(stmt, 0);
	else
		status = store_fail(store, rc, err, "%s", context);
	sqlite3_finalize(stmt);
	return status;
}

int
ehc_store_next_ref(struct ehc_store *store, int year, char *buf,
		   size_t size, struct ehc_error *err)
{
	sqlite3_int64 max = 0;
	int status, len;

	if (year < EHC_DATE_YEAR_MIN || year > EHC_DATE_YEAR_MAX)
		return ehc_error_set(err, EHC_DATAERR,
				     "cannot make a reference for year %d: "
				     "expected 1 to 9999", year);
	if ((status = max_ref_number(store, year, &max, err)) != EHC_OK)
		return status;
	if (max >= REF_NUMBER_MAX)
		return ehc_error_set(err, EHC_DATAERR,
				     "no generated reference is left for year "
				     "%d; give one with --ref", year);

	len = snprintf(buf, size, "EHC-%04d-%04lld", year, (long long)max + 1);
	if (len < 0 || (size_t)len >= size)
		return ehc_error_set(err, EHC_SOFTWARE,
				     "reference buffer of %zu bytes is too "
				     "small", size);
	return EHC_OK;
}

static int
column_date(sqlite3_stmt *stmt, int column, ehc_date *out,
	    struct ehc_error *err)
{
	const char *text, *reason;

	text = (const char *)sqlite3_column_text(stmt, column);
	if (text == NULL) {
		*out = EHC_DATE_NONE;
		return EHC_OK;
	}
	if ((reason = ehc_date_parse(text, out)) == NULL)
		return EHC_OK;
	return ehc_error_set(err, EHC_DATAERR,
			     "case '%s': stored %s '%s' is invalid: %s",
			     (const char *)sqlite3_column_text(stmt, 0),
			     sqlite3_column_name(stmt, column), text, reason);
}

/* Reads a row of CASE_COLUMNS. Its strings live until the next step. */
static int
column_case(sqlite3_stmt *stmt, struct ehc_case *c, struct ehc_error *err)
{
	int status;

	c->ref = (const char *)sqlite3_column_text(stmt, 0);
	c->child = (const char *)sqlite3_column_text(stmt, 1);
	c->source = (const char *)sqlite3_column_text(stmt, 4);
	c->setting = (const char *)sqlite3_column_text(stmt, 5);
	c->aro = (const char *)sqlite3_column_text(stmt, 6);
	c->ep = (const char *)sqlite3_column_text(stmt, 7);
	if ((status = column_date(stmt, 2, &c->dob, err)) != EHC_OK ||
	    (status = column_date(stmt, 3, &c->received, err)) != EHC_OK ||
	    (status = column_date(stmt, 8, &c->ended, err)) != EHC_OK)
		return status;
	return EHC_OK;
}

int
ehc_store_get_case(struct ehc_store *store, const char *ref,
		   ehc_case_fn fn, void *context, struct ehc_error *err)
{
	static const char sql[] =
		"SELECT " CASE_COLUMNS " FROM cases WHERE ref = ?1";
	struct ehc_case c;
	sqlite3_stmt *stmt;
	int rc, status;

	status = prepare(store, sql, &stmt, "cannot read a case", err);
	if (status != EHC_OK)
		return status;
	bind_text(stmt, 1, ref);

	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((status = column_case(stmt, &c, err)) == EHC_OK)
			status = fn(&c, context);
	} else if (rc == SQLITE_DONE)
		status = ehc_error_set(err, EHC_NOINPUT, "case '%s' not found",
				       ref);
	else
		status = store_fail(store, rc, err, "cannot read case '%s'",
				    ref);
	sqlite3_finalize(stmt);
	return status;
}

int
ehc_store_each_case(struct ehc_store *store,
		    const struct ehc_case_filter *filter, ehc_case_fn fn,
		    void *context, struct ehc_error *err)
{
	/*
	 * The open list repeats "ended IS NULL" from the partial index
	 * cases_open, so SQLite walks that index in order and never reads the
	 * closed cases.
	 */
	static const char open_sql[] =
		"SELECT " CASE_COLUMNS " FROM cases"
		" WHERE ended IS NULL AND (?1 IS NULL OR aro = ?1)"
		" ORDER BY received, ref";
	static const char all_sql[] =
		"SELECT " CASE_COLUMNS " FROM cases"
		" WHERE ?1 IS NULL OR aro = ?1"
		" ORDER BY received, ref";
	bool open_only = filter != NULL && filter->open_only;
	struct ehc_case c;
	sqlite3_stmt *stmt;
	int rc = SQLITE_DONE, status;

	status = prepare(store, open_only ? open_sql : all_sql, &stmt,
			 "cannot read the cases", err);
	if (status != EHC_OK)
		return status;
	bind_text(stmt, 1, filter != NULL ? filter->aro : NULL);

	while (status == EHC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((status = column_case(stmt, &c, err)) == EHC_OK)
			status = fn(&c, context);
	}
	if (status == EHC_OK && rc != SQLITE_DONE)
		status = store_fail(store, rc, err, "cannot read the cases");
	sqlite3_finalize(stmt);
	return status;
}

static int
find_case_id(struct ehc_store *store, const char *ref, sqlite3_int64 *id,
	     struct ehc_error *err)
{
	sqlite3_stmt *stmt;
	int rc, status;

	status = prepare(store, "SELECT id FROM cases WHERE ref = ?1", &stmt,
			 "cannot read a case", err);
	if (status != EHC_OK)
		return status;
	bind_text(stmt, 1, ref);

	if ((rc = sqlite3_step(stmt)) == SQLITE_ROW)
		*id = sqlite3_column_int64(stmt, 0);
	else if (rc == SQLITE_DONE)
		status = ehc_error_set(err, EHC_NOINPUT, "case '%s' not found",
				       ref);
	else
		status = store_fail(store, rc, err, "cannot read case '%s'",
				    ref);
	sqlite3_finalize(stmt);
	return status;
}

int
ehc_store_each_event(struct ehc_store *store, const char *ref,
		     ehc_event_fn fn, void *context, struct ehc_error *err)
{
	/*
	 * The triggers forbid deleting events, so SQLite gives each new event
	 * an id above every earlier one, and ids order events as recorded.
	 */
	static const char sql[] =
		"SELECT id, at, user, kind, detail, note FROM events"
		" WHERE case_id = ?1 ORDER BY id";
	struct ehc_event e;
	sqlite3_int64 id = 0;
	sqlite3_stmt *stmt;
	int rc = SQLITE_DONE, status;

	if ((status = find_case_id(store, ref, &id, err)) != EHC_OK)
		return status;
	status = prepare(store, sql, &stmt, "cannot read the events", err);
	if (status != EHC_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, id);

	while (status == EHC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		e.id = sqlite3_column_int64(stmt, 0);
		e.at = (const char *)sqlite3_column_text(stmt, 1);
		e.user = (const char *)sqlite3_column_text(stmt, 2);
		e.kind = (const char *)sqlite3_column_text(stmt, 3);
		e.detail = (const char *)sqlite3_column_text(stmt, 4);
		e.note = (const char *)sqlite3_column_text(stmt, 5);
		status = fn(&e, context);
	}
	if (status == EHC_OK && rc != SQLITE_DONE)
		status = store_fail(store, rc, err,
				    "cannot read the events of case '%s'", ref);
	sqlite3_finalize(stmt);
	return status;
}
