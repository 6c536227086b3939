/*
 * The case store on SQLite: creating, opening and migrating the database
 * file, and every SQL statement that ehc runs.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "ehc/store.h"
#include "store-private.h"

/*
 * The statements a bulk import runs once a row, kept prepared for the life
 * of the store so that a row does not pay for parsing SQL again.
 */
enum cached_statement {
	CACHED_INSERT_CASE,
	CACHED_INSERT_EVENT,
	CACHED_INSERT_OUTCOME,
	CACHED_INSERT_EXCEPTION,
	CACHED_FIND_CASE,
	CACHED_DELETE_PEOPLE,
	CACHED_INSERT_PERSON,
	CACHED_COUNT
};

struct ehc_store {
	sqlite3 *db;
	char *path;
	sqlite3_stmt *cached[CACHED_COUNT];
	char user[64];		/* the OS user, looked up once */
	/*
	 * The case inserted last in the open transaction, whose event and
	 * lists then need no search for its id. A last_id of 0 means none.
	 */
	sqlite3_int64 last_id;
	char last_ref[EHC_REF_MAX + 1];
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

#define DATE_COLUMN(column) " " column " TEXT " DATE_CHECK(column) ","

/*
 * A COM start contains "YYYY-MM-DD HH:MM" text. As with DATE_CHECK, the
 * '+0 minutes' modifier makes strftime() recompute the time, so an
 * impossible day or an hour such as 25:00 comes back changed or as NULL.
 */
#define MINUTE_CHECK(column)						\
	"CHECK (" column " GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-"	\
	"[0-9][0-9] [0-9][0-9]:[0-9][0-9]'"				\
	" AND strftime('%Y-%m-%d %H:%M', " column ", '+0 minutes')"	\
	" IS " column " AND " column " >= '0001-01-01')"

#define ADVICE_COLUMNS(source)						\
	DATE_COLUMN("advice_" source "_requested")			\
	DATE_COLUMN("advice_" source "_received")

/* The stages that end a case, the last four of enum ehc_stage. */
#define ENDED_STAGES							\
	"'not-assessed', 'plan-issued', 'support-agreed', 'withdrawn'"

#define CASE_CHILD_TABLE(name)						\
	"CREATE TABLE " name " ("					\
	" id INTEGER PRIMARY KEY,"					\
	" case_id INTEGER NOT NULL REFERENCES cases (id),"

/*
 * Schema version 1. The partial indexes keep the open cases apart from the
 * closed history, so listing open cases reads only those. Events are the
 * audit trail, so triggers reject every UPDATE and DELETE of them.
 *
 * NOTE: SQLite cannot alter a CHECK constraint, so a later step that adds an
 * event kind or a stage must rebuild its table. DROP TABLE fires no
 * triggers.
 */
static const char *const schema_v1[] = {
	"CREATE TABLE cases ("
	" id INTEGER PRIMARY KEY,"
	" ref TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (ref <> ''),"
	" child TEXT,"
	DATE_COLUMN("dob")
	" received TEXT NOT NULL " DATE_CHECK("received") ","
	" source TEXT CHECK (source IN ('parent', 'young-person', 'school',"
	"  'health', 'social-care', 'other')),"
	" setting TEXT,"
	" aro TEXT,"
	" ep TEXT,",

	" stage TEXT NOT NULL DEFAULT 'requested' CHECK (stage IN ("
	"  'requested', 'assessment', 'com-held', 'drafting', 'draft-served',"
	"  'support-meeting', " ENDED_STAGES ")),"
	" assess TEXT CHECK (assess IN ('assess', 'no-assess')),"
	DATE_COLUMN("assess_date")
	ADVICE_COLUMNS("parent")
	ADVICE_COLUMNS("education")
	ADVICE_COLUMNS("health")
	ADVICE_COLUMNS("psychology")
	ADVICE_COLUMNS("social_care")
	ADVICE_COLUMNS("other")
	" com_at TEXT " MINUTE_CHECK("com_at") ","
	" com_minutes INTEGER CHECK (com_minutes BETWEEN 1 AND 1440),"
	" com_location TEXT,"
	" com_chair TEXT,"
	DATE_COLUMN("com_booked")
	DATE_COLUMN("com_held")
	" issue TEXT CHECK (issue IN ('issue', 'no-issue')),"
	DATE_COLUMN("issue_date")
	DATE_COLUMN("draft")
	DATE_COLUMN("comments")
	DATE_COLUMN("final")
	" placement TEXT,"
	DATE_COLUMN("support_meeting")
	DATE_COLUMN("withdrawn")
	" withdraw_reason TEXT,"
	DATE_COLUMN("exception_from")
	DATE_COLUMN("ended")
	" CONSTRAINT ended_with_stage CHECK ((ended IS NULL) ="
	"  (stage NOT IN (" ENDED_STAGES ")))"
	") STRICT;"
	"CREATE INDEX cases_open ON cases (received, ref) WHERE ended IS NULL;"
	"CREATE INDEX cases_stage ON cases (stage, received, ref)"
	" WHERE ended IS NULL;",

	CASE_CHILD_TABLE("outcomes")
	" area TEXT NOT NULL CHECK (area IN ('communication-and-interaction',"
	"  'cognition-and-learning', 'social-emotional-and-mental-health',"
	"  'sensory-and-physical')),"
	" outcome TEXT NOT NULL,"
	" provision TEXT NOT NULL,"
	" by_date TEXT " DATE_CHECK("by_date") ","
	" agreed TEXT NOT NULL " DATE_CHECK("agreed")
	") STRICT;"
	"CREATE INDEX outcomes_case ON outcomes (case_id);"
	CASE_CHILD_TABLE("exceptions")
	" reason TEXT NOT NULL CHECK (reason IN ('school-closure',"
	"  'early-years-closure', 'personal-circumstances', 'absence')),"
	" from_date TEXT NOT NULL " DATE_CHECK("from_date") ","
	" to_date TEXT " DATE_CHECK("to_date") ","
	" CONSTRAINT exception_period"
	"  CHECK (to_date IS NULL OR to_date >= from_date)"
	") STRICT;"
	"CREATE INDEX exceptions_case ON exceptions (case_id);"
	CASE_CHILD_TABLE("people")
	" list TEXT NOT NULL CHECK (list IN ('invited', 'attended')),"
	" position INTEGER NOT NULL CHECK (position >= 0),"
	" name TEXT NOT NULL"
	") STRICT;"
	"CREATE UNIQUE INDEX people_case ON people (case_id, list, position);",

	"CREATE TABLE events ("
	" id INTEGER PRIMARY KEY,"
	" case_id INTEGER NOT NULL REFERENCES cases (id),"
	" at TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-"
	"[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]Z'"
	"  AND strftime('%Y-%m-%dT%H:%M:%SZ', at, '+0 seconds') IS at),"
	" user TEXT NOT NULL CHECK (user <> ''),"
	" kind TEXT NOT NULL CHECK (kind IN ('request', 'assess-decision',"
	"  'advice-requested', 'advice-received', 'com-booked', 'com-held',"
	"  'outcome', 'issue-decision', 'support-meeting', 'draft-plan',"
	"  'comments-received', 'final-plan', 'withdrawal', 'exception',"
	"  'correction', 'import')),"
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
	" deleted'); END;",

	NULL,
};

/*
 * The migration steps in order: migrations[n] takes a database from schema
 * version n to n + 1. A new schema version appends its step here. ISO C
 * requires compilers to accept string literals of only 4095 bytes, and
 * -Wpedantic rejects longer ones, so a step is a NULL-terminated list of
 * parts that run joined as one script.
 */
static const char *const *const migrations[] = {
	schema_v1,
};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) ==
	       EHC_STORE_SCHEMA_VERSION,
	       "each schema version needs one migration step");

#ifndef nitems
#define nitems(a) (sizeof(a) / sizeof((a)[0]))
#endif

/*
 * The storage form of a field of struct ehc_case in the cases table. Stages
 * and decisions are stored by name, and a NULL name is a NULL column.
 */
enum column_type {
	COLUMN_TEXT,
	COLUMN_DATE,
	COLUMN_MINUTES,		/* 0 in the struct is NULL in the table */
	COLUMN_STAGE,
	COLUMN_DECISION,
};

struct case_column {
	const char *name;
	enum column_type type;
	size_t offset;			/* of the field in struct ehc_case */
	const char *const *names;	/* by value, for stage and decisions */
	int count;			/* of names */
};

/* Decision names indexed by enum ehc_decision. */
static const char *const assess_names[] = { NULL, "assess", "no-assess" };
static const char *const issue_names[] = { NULL, "issue", "no-issue" };

#define CASE_FIELD(column, type, member, names, count)			\
	{ column, type, offsetof(struct ehc_case, member), names, count }
#define CASE_TEXT(column, member)					\
	CASE_FIELD(column, COLUMN_TEXT, member, NULL, 0)
#define CASE_DATE(column, member)					\
	CASE_FIELD(column, COLUMN_DATE, member, NULL, 0)
#define CASE_DECISION(column, member, names)				\
	CASE_FIELD(column, COLUMN_DECISION, member, names,		\
		   EHC_DECISION_NO + 1)
#define CASE_ADVICE(source, index)					\
	CASE_DATE("advice_" source "_requested", advice[index].requested), \
	CASE_DATE("advice_" source "_received", advice[index].received)

/*
 * Every field of struct ehc_case, in the order that the statements below
 * select and bind them. The UPDATE finds its row by ref, so ref comes first.
 */
static const struct case_column case_columns[] = {
	CASE_TEXT("ref", ref),
	CASE_TEXT("child", child),
	CASE_DATE("dob", dob),
	CASE_DATE("received", received),
	CASE_TEXT("source", source),
	CASE_TEXT("setting", setting),
	CASE_TEXT("aro", aro),
	CASE_TEXT("ep", ep),
	CASE_FIELD("stage", COLUMN_STAGE, stage, ehc_stage_names,
		   EHC_STAGE_COUNT),
	CASE_DECISION("assess", assess, assess_names),
	CASE_DATE("assess_date", assess_date),
	CASE_ADVICE("parent", EHC_ADVICE_PARENT),
	CASE_ADVICE("education", EHC_ADVICE_EDUCATION),
	CASE_ADVICE("health", EHC_ADVICE_HEALTH),
	CASE_ADVICE("psychology", EHC_ADVICE_PSYCHOLOGY),
	CASE_ADVICE("social_care", EHC_ADVICE_SOCIAL_CARE),
	CASE_ADVICE("other", EHC_ADVICE_OTHER),
	CASE_TEXT("com_at", com.at),
	CASE_FIELD("com_minutes", COLUMN_MINUTES, com.minutes, NULL, 0),
	CASE_TEXT("com_location", com.location),
	CASE_TEXT("com_chair", com.chair),
	CASE_DATE("com_booked", com.booked),
	CASE_DATE("com_held", com.held),
	CASE_DECISION("issue", issue, issue_names),
	CASE_DATE("issue_date", issue_date),
	CASE_DATE("draft", draft),
	CASE_DATE("comments", comments),
	CASE_DATE("final", final),
	CASE_TEXT("placement", placement),
	CASE_DATE("support_meeting", support_meeting),
	CASE_DATE("withdrawn", withdrawn),
	CASE_TEXT("withdraw_reason", withdraw_reason),
	CASE_DATE("exception_from", exception_from),
	CASE_DATE("ended", ended),
};

#define CASE_COLUMN_COUNT ((int)nitems(case_columns))

/* The forms in which append_columns writes the columns of case_columns. */
enum column_list {
	LIST_NAMES,		/* "ref, child, ..." */
	LIST_PARAMETERS,	/* "?1, ?2, ..." */
	LIST_ASSIGNMENTS,	/* "child = ?2, ..." */
};

/* Names of enum ehc_attendance, as the people table stores them. */
static const char *const attendance_names[] = { "invited", "attended" };

#define ATTENDANCE_COUNT ((int)nitems(attendance_names))

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
				     "database '%s' is locked by another "
				     "program; try again", store->path);
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

/* Runs the NULL-terminated parts of a script joined as one. */
static int
exec_script(struct ehc_store *store, const char *const *parts,
	    const char *context, struct ehc_error *err)
{
	sqlite3_str *sql = sqlite3_str_new(store->db);
	char *text;
	int status;

	for (; *parts != NULL; parts++)
		sqlite3_str_appendall(sql, *parts);
	if ((text = sqlite3_str_finish(sql)) == NULL)
		return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
	status = exec_sql(store, text, context, err);
	sqlite3_free(text);
	return status;
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

/*
 * Returns the statement cached in slot, reset and ready to bind, or NULL
 * when the caller is still to prepare it and fill the slot.
 */
static sqlite3_stmt *
take_cached(struct ehc_store *store, enum cached_statement slot)
{
	sqlite3_stmt *stmt = store->cached[slot];

	if (stmt != NULL) {
		sqlite3_reset(stmt);
		sqlite3_clear_bindings(stmt);
	}
	return stmt;
}

/*
 * Sets *stmt to the statement of slot, prepared from sql the first time and
 * reset on later calls. The store finalizes it when it closes.
 */
static int
prepare_cached(struct ehc_store *store, enum cached_statement slot,
	       const char *sql, sqlite3_stmt **stmt, const char *context,
	       struct ehc_error *err)
{
	int status;

	if ((*stmt = take_cached(store, slot)) != NULL)
		return EHC_OK;
	if ((status = prepare(store, sql, stmt, context, err)) != EHC_OK)
		return status;
	store->cached[slot] = *stmt;
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

int
ehc_store_make_parent(const char *path, struct ehc_error *err)
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

	if ((status = ehc_store_make_parent(path, err)) != EHC_OK)
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
	char *name;

	/*
	 * SQLite reads ":memory:" and names that start with "file:" as
	 * special, so a relative path is opened as "./path": --db names a
	 * file, always.
	 */
	if ((name = malloc(strlen(store->path) + 3)) == NULL)
		return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
	sprintf(name, "%s%s", store->path[0] == '/' ? "" : "./", store->path);
	rc = sqlite3_open_v2(name, &store->db, SQLITE_OPEN_READWRITE |
			     SQLITE_OPEN_NOMUTEX, NULL);
	free(name);
	if (rc != SQLITE_OK) {
		errnum = 0;
		if (store->db != NULL)
			errnum = sqlite3_system_errno(store->db);
		if (access(store->path, F_OK) == 0)
			status = EHC_IOERR;
		else if (mode != EHC_STORE_WRITE)
			status = EHC_NOINPUT;
		else
			status = EHC_CANTCREAT;
		if ((rc & 0xff) != SQLITE_CANTOPEN)
			status = sqlite_status(rc);
		return ehc_error_set(err, status,
				     "cannot open database '%s': %s",
				     store->path, errnum != 0 ?
				     strerror(errnum) : sqlite3_errstr(rc));
	}

	sqlite3_extended_result_codes(store->db, 1);
	sqlite3_busy_timeout(store->db, EHC_STORE_BUSY_TIMEOUT_MS);
	/* Temporary tables and indexes stay in memory, not in a file. */
	status = exec_sql(store, "PRAGMA temp_store = MEMORY",
			  "cannot set the temporary store", err);
	if (status != EHC_OK)
		return status;
	return exec_sql(store, "PRAGMA foreign_keys = ON",
			"cannot enable foreign keys", err);
}

/*
 * Sets the configured journal mode on a database opened for writing. WAL,
 * the default, lets readers go on while a writer commits. In WAL mode
 * synchronous=NORMAL keeps the file consistent, though a power loss can undo
 * the last commits (SQLite pragma documentation). It is less safe with a
 * rollback journal, so it is set only in WAL mode.
 */
static int
set_journal_mode(struct ehc_store *store, enum ehc_store_mode mode,
		 enum ehc_journal want, struct ehc_error *err)
{
	static const char context[] = "cannot set the journal mode";
	sqlite3_stmt *stmt;
	const char *journal;
	char sql[64];
	int rc, status, wal = 0;

	if (mode != EHC_STORE_READ)
		snprintf(sql, sizeof(sql), "PRAGMA journal_mode = %s",
			 ehc_journal_name(want));
	else
		snprintf(sql, sizeof(sql), "PRAGMA journal_mode");
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
		status = exec_script(store, migrations[*version],
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

/*
 * Checks that a file claiming the current version contains ehc's tables: a
 * file of another program that happens to set user_version is rejected
 * before anything, even the journal mode, is written to it.
 */
static int
check_tables(struct ehc_store *store, struct ehc_error *err)
{
	static const char sql[] =
		"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND"
		" name IN ('cases', 'events', 'outcomes', 'exceptions',"
		" 'people')";
	int count = 0, status;

	status = read_int(store, sql, "cannot read the schema", &count, err);
	if (status == EHC_OK && count != 5)
		return ehc_error_set(err, EHC_DATAERR,
				     "database '%s' is not an ehc database: "
				     "its tables are not ehc's", store->path);
	return status;
}

static int
migrate(struct ehc_store *store, enum ehc_store_mode mode,
	struct ehc_error *err)
{
	int version = 0, status;

	/* Most opens find the current schema and take no write lock. */
	if ((status = read_version(store, &version, err)) != EHC_OK)
		return status;
	if (version == EHC_STORE_SCHEMA_VERSION)
		return check_tables(store, err);

	/* A command that only reads leaves an empty file as it found it. */
	if (version == 0 && mode != EHC_STORE_WRITE) {
		if ((status = check_empty(store, err)) != EHC_OK)
			return status;
		return ehc_error_set(err, EHC_NOINPUT,
				     "database '%s' is empty; record a "
				     "request first, or pass --db",
				     store->path);
	}
	while (status == EHC_OK && version < EHC_STORE_SCHEMA_VERSION)
		status = migrate_step(store, &version, err);
	return status;
}

int
ehc_store_open(struct ehc_store **out, const char *path,
	       enum ehc_store_mode mode, struct ehc_error *err)
{
	return ehc_store_open_journal(out, path, mode, EHC_JOURNAL_WAL, err);
}

int
ehc_store_open_journal(struct ehc_store **out, const char *path,
		       enum ehc_store_mode mode, enum ehc_journal journal,
		       struct ehc_error *err)
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
		status = migrate(store, mode, err);
	if (status == EHC_OK)
		status = set_journal_mode(store, mode, journal, err);
	if (status != EHC_OK) {
		ehc_store_close(store);
		return status;
	}
	*out = store;
	return EHC_OK;
}

int
ehc_store_set_journal(struct ehc_store *store, enum ehc_journal journal,
		      struct ehc_error *err)
{
	return set_journal_mode(store, EHC_STORE_UPDATE, journal, err);
}

void
ehc_store_close(struct ehc_store *store)
{
	if (store == NULL)
		return;
	ehc_store_rollback(store);
	for (int i = 0; i < CACHED_COUNT; i++)
		sqlite3_finalize(store->cached[i]);
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
	/* Once the commit ends the lock, others may change the case. */
	store->last_id = 0;
	return exec_sql(store, "COMMIT", "cannot commit", err);
}

void
ehc_store_rollback(struct ehc_store *store)
{
	store->last_id = 0;
	if (store->db != NULL && !sqlite3_get_autocommit(store->db))
		sqlite3_exec(store->db, "ROLLBACK", NULL, NULL, NULL);
}

static bool
in_range(int value, int count)
{
	return value >= 0 && value < count;
}

/* Returns the value whose name is text, where a NULL name matches NULL. */
static int
name_value(const char *const *names, int count, const char *text)
{
	for (int i = 0; i < count; i++) {
		if (names[i] == NULL ? text == NULL :
		    text != NULL && strcmp(names[i], text) == 0)
			return i;
	}
	return -1;
}

/* Appends the columns of case_columns from index first on. */
static void
append_columns(sqlite3_str *sql, enum column_list form, int first)
{
	for (int i = first; i < CASE_COLUMN_COUNT; i++) {
		if (i > first)
			sqlite3_str_appendall(sql, ", ");
		switch (form) {
		case LIST_NAMES:
			sqlite3_str_appendall(sql, case_columns[i].name);
			break;
		case LIST_PARAMETERS:
			sqlite3_str_appendf(sql, "?%d", i + 1);
			break;
		case LIST_ASSIGNMENTS:
			sqlite3_str_appendf(sql, "%s = ?%d",
					    case_columns[i].name, i + 1);
			break;
		}
	}
}

/* Prepares the statement built in sql and frees sql. */
static int
prepare_built(struct ehc_store *store, sqlite3_str *sql, sqlite3_stmt **stmt,
	      const char *context, struct ehc_error *err)
{
	char *text;
	int status;

	if ((text = sqlite3_str_finish(sql)) == NULL)
		return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
	status = prepare(store, text, stmt, context, err);
	sqlite3_free(text);
	return status;
}

/*
 * Binds field col of c to parameter index. An enum value out of range is
 * EHC_SOFTWARE, because only a bug in the caller can make one.
 */
static int
bind_column(sqlite3_stmt *stmt, int index, const struct case_column *col,
	    const struct ehc_case *c, struct ehc_error *err)
{
	const char *field = (const char *)c + col->offset;
	int value = 0;

	switch (col->type) {
	case COLUMN_TEXT:
		bind_text(stmt, index, *(const char *const *)field);
		return EHC_OK;
	case COLUMN_DATE:
		bind_date(stmt, index, *(const ehc_date *)field);
		return EHC_OK;
	case COLUMN_MINUTES:
		if ((value = *(const int *)field) == 0)
			sqlite3_bind_null(stmt, index);
		else
			sqlite3_bind_int(stmt, index, value);
		return EHC_OK;
	case COLUMN_STAGE:
		value = (int)*(const enum ehc_stage *)field;
		break;
	case COLUMN_DECISION:
		value = (int)*(const enum ehc_decision *)field;
		break;
	}
	if (!in_range(value, col->count))
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot store case '%s': %d is not a "
				     "valid %s", c->ref, value, col->name);
	bind_text(stmt, index, col->names[value]);
	return EHC_OK;
}

/* Binds every field of c, field i of case_columns to parameter i + 1. */
static int
bind_case(sqlite3_stmt *stmt, const struct ehc_case *c,
	  struct ehc_error *err)
{
	int status;

	for (int i = 0; i < CASE_COLUMN_COUNT; i++) {
		status = bind_column(stmt, i + 1, &case_columns[i], c, err);
		if (status != EHC_OK)
			return status;
	}
	return EHC_OK;
}

static int
column_date(sqlite3_stmt *stmt, int column, const char *ref, ehc_date *out,
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
			     "case '%s': stored %s '%s' is invalid: %s", ref,
			     sqlite3_column_name(stmt, column), text, reason);
}

/*
 * Reads a name from column into *out, its index in names. A name outside the
 * list means the CHECK constraints and this build disagree, as after editing
 * the file by hand.
 */
static int
column_name(sqlite3_stmt *stmt, int column, const char *ref,
	    const char *const *names, int count, int *out,
	    struct ehc_error *err)
{
	const char *text;

	text = (const char *)sqlite3_column_text(stmt, column);
	if ((*out = name_value(names, count, text)) != -1)
		return EHC_OK;
	return ehc_error_set(err, EHC_DATAERR,
			     "case '%s': stored %s '%s' is invalid: it is "
			     "not a name this ehc knows", ref,
			     sqlite3_column_name(stmt, column),
			     text != NULL ? text : "NULL");
}

/*
 * Reads column index into field col of c. The error messages name the case,
 * so c->ref must be read first.
 */
static int
column_field(sqlite3_stmt *stmt, int index, const struct case_column *col,
	     struct ehc_case *c, struct ehc_error *err)
{
	char *field = (char *)c + col->offset;
	int value, status;

	switch (col->type) {
	case COLUMN_TEXT:
		*(const char **)field =
		    (const char *)sqlite3_column_text(stmt, index);
		return EHC_OK;
	case COLUMN_DATE:
		return column_date(stmt, index, c->ref, (ehc_date *)field, err);
	case COLUMN_MINUTES:
		*(int *)field = sqlite3_column_int(stmt, index);
		return EHC_OK;
	case COLUMN_STAGE:
	case COLUMN_DECISION:
		break;
	}
	status = column_name(stmt, index, c->ref, col->names, col->count,
			     &value, err);
	if (status != EHC_OK)
		return status;
	if (col->type == COLUMN_STAGE)
		*(enum ehc_stage *)field = (enum ehc_stage)value;
	else
		*(enum ehc_decision *)field = (enum ehc_decision)value;
	return EHC_OK;
}

/* Reads a row of case_columns. Its strings live until the next step. */
static int
column_case(sqlite3_stmt *stmt, struct ehc_case *c, struct ehc_error *err)
{
	int status;

	memset(c, 0, sizeof(*c));
	for (int i = 0; i < CASE_COLUMN_COUNT; i++) {
		status = column_field(stmt, i, &case_columns[i], c, err);
		if (status != EHC_OK)
			return status;
	}
	return EHC_OK;
}

/* Checks what every write needs: a reference and an open transaction. */
static int
check_writable(struct ehc_store *store, const char *ref,
	       struct ehc_error *err)
{
	if (ref == NULL)
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot change a case without a "
				     "reference");
	if (sqlite3_get_autocommit(store->db))
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot change case '%s': no transaction "
				     "is open", ref);
	return EHC_OK;
}

static int
insert_row(struct ehc_store *store, const struct ehc_case *c,
	   struct ehc_error *err)
{
	sqlite3_stmt *stmt = take_cached(store, CACHED_INSERT_CASE);
	sqlite3_str *sql;
	int rc, status = EHC_OK;

	if (stmt == NULL) {
		sql = sqlite3_str_new(store->db);
		sqlite3_str_appendall(sql, "INSERT INTO cases (");
		append_columns(sql, LIST_NAMES, 0);
		sqlite3_str_appendall(sql, ") VALUES (");
		append_columns(sql, LIST_PARAMETERS, 0);
		sqlite3_str_appendall(sql, ")");
		status = prepare_built(store, sql, &stmt,
				       "cannot store a case", err);
		if (status != EHC_OK)
			return status;
		store->cached[CACHED_INSERT_CASE] = stmt;
	}

	if ((status = bind_case(stmt, c, err)) == EHC_OK) {
		rc = sqlite3_step(stmt);
		if (rc == SQLITE_CONSTRAINT_UNIQUE)
			status = ehc_error_set(err, EHC_DATAERR,
					       "reference '%s' is already used "
					       "by another case", c->ref);
		else if (rc != SQLITE_DONE)
			status = store_fail(store, rc, err,
					    "cannot store case '%s'", c->ref);
	}
	sqlite3_reset(stmt);
	if (status == EHC_OK && strlen(c->ref) <= EHC_REF_MAX) {
		store->last_id = sqlite3_last_insert_rowid(store->db);
		strcpy(store->last_ref, c->ref);
	}
	return status;
}

static int
update_row(struct ehc_store *store, const struct ehc_case *c,
	   struct ehc_error *err)
{
	sqlite3_str *sql = sqlite3_str_new(store->db);
	sqlite3_stmt *stmt;
	int rc, status;

	sqlite3_str_appendall(sql, "UPDATE cases SET ");
	append_columns(sql, LIST_ASSIGNMENTS, 1);
	sqlite3_str_appendall(sql, " WHERE ref = ?1");
	status = prepare_built(store, sql, &stmt, "cannot update a case", err);
	if (status != EHC_OK)
		return status;

	if ((status = bind_case(stmt, c, err)) == EHC_OK) {
		rc = sqlite3_step(stmt);
		if (rc != SQLITE_DONE)
			status = store_fail(store, rc, err,
					    "cannot update case '%s'", c->ref);
		else if (sqlite3_changes(store->db) == 0)
			status = ehc_error_set(err, EHC_NOINPUT,
					       "case '%s' not found", c->ref);
	}
	sqlite3_finalize(stmt);
	return status;
}

/*
 * Binds the OS user who runs ehc, or the numeric uid when it has no name.
 * The user is looked up once a store, because getpwuid reads the password
 * database each time.
 */
static void
bind_user(struct ehc_store *store, sqlite3_stmt *stmt, int index)
{
	struct passwd *pw;

	if (store->user[0] == '\0') {
		pw = getpwuid(geteuid());
		if (pw != NULL && pw->pw_name != NULL &&
		    pw->pw_name[0] != '\0')
			snprintf(store->user, sizeof(store->user), "%s",
				 pw->pw_name);
		else
			snprintf(store->user, sizeof(store->user), "%lu",
				 (unsigned long)geteuid());
	}
	sqlite3_bind_text(stmt, index, store->user, -1, SQLITE_STATIC);
}

/* Finds the id of case ref. A missing case is EHC_NOINPUT. */
static int
find_case_id(struct ehc_store *store, const char *ref, sqlite3_int64 *id,
	     struct ehc_error *err)
{
	sqlite3_stmt *stmt;
	int rc, status;

	if (ref == NULL)
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot read a case without a reference");
	if (store->last_id != 0 && strcmp(ref, store->last_ref) == 0) {
		*id = store->last_id;
		return EHC_OK;
	}
	status = prepare_cached(store, CACHED_FIND_CASE,
				"SELECT id FROM cases WHERE ref = ?1", &stmt,
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
	sqlite3_reset(stmt);
	return status;
}

/*
 * Records an event of case ref. The CHECK constraints of events reject an
 * unknown kind and a detail that is not a JSON object.
 */
static int
insert_event(struct ehc_store *store, const char *ref, const char *kind,
	     const char *detail, const char *note, struct ehc_error *err)
{
	static const char sql[] =
		"INSERT INTO events (case_id, at, user, kind, detail, note)"
		" VALUES (?1, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?2, ?3,"
		"  ?4, ?5)";
	sqlite3_stmt *stmt;
	sqlite3_int64 id = 0;
	int rc, status;

	if ((status = find_case_id(store, ref, &id, err)) != EHC_OK)
		return status;
	status = prepare_cached(store, CACHED_INSERT_EVENT, sql, &stmt,
				"cannot record an event", err);
	if (status != EHC_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, id);
	bind_user(store, stmt, 2);
	bind_text(stmt, 3, kind);
	bind_text(stmt, 4, detail);
	bind_text(stmt, 5, note);

	if ((rc = sqlite3_step(stmt)) != SQLITE_DONE)
		status = store_fail(store, rc, err,
				    "cannot record the %s event of case '%s'",
				    kind, ref);
	sqlite3_reset(stmt);
	return status;
}

/*
 * Deletes the case row just inserted when its event could not be stored,
 * so that no case is left without the event that records it. The row has
 * no outcomes, people or events yet, so nothing refers to it.
 */
static void
forget_row(struct ehc_store *store)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "DELETE FROM cases WHERE id = %lld",
		 (long long)sqlite3_last_insert_rowid(store->db));
	sqlite3_exec(store->db, sql, NULL, NULL, NULL);
	store->last_id = 0;
}

/* Checks a write of a case and its event before anything is written. */
static int
check_case_write(struct ehc_store *store, const struct ehc_case *c,
		 const char *kind, const char *detail, struct ehc_error *err)
{
	int status;

	if ((status = check_writable(store, c->ref, err)) != EHC_OK)
		return status;
	if (kind == NULL || detail == NULL)
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot record an event of case '%s' "
				     "without a kind and a detail", c->ref);
	return EHC_OK;
}

int
ehc_store_insert_case(struct ehc_store *store, const struct ehc_case *c,
		      const char *kind, const char *detail, const char *note,
		      struct ehc_error *err)
{
	int status;

	if ((status = check_case_write(store, c, kind, detail, err)) != EHC_OK)
		return status;
	if ((status = insert_row(store, c, err)) != EHC_OK)
		return status;
	if ((status = insert_event(store, c->ref, kind, detail, note,
				   err)) != EHC_OK)
		forget_row(store);
	return status;
}

int
ehc_store_update_case(struct ehc_store *store, const struct ehc_case *c,
		      const char *kind, const char *detail, const char *note,
		      struct ehc_error *err)
{
	int status;

	if ((status = check_case_write(store, c, kind, detail, err)) != EHC_OK)
		return status;
	if ((status = update_row(store, c, err)) != EHC_OK)
		return status;
	return insert_event(store, c->ref, kind, detail, note, err);
}

/* Runs a cached INSERT of a row of case ref and resets it. */
static int
step_insert(struct ehc_store *store, sqlite3_stmt *stmt, const char *what,
	    const char *ref, struct ehc_error *err)
{
	int rc, status = EHC_OK;

	if ((rc = sqlite3_step(stmt)) != SQLITE_DONE)
		status = store_fail(store, rc, err,
				    "cannot add %s to case '%s'", what, ref);
	sqlite3_reset(stmt);
	return status;
}

int
ehc_store_add_outcome(struct ehc_store *store, const char *ref,
		      const struct ehc_outcome *o, struct ehc_error *err)
{
	static const char sql[] =
		"INSERT INTO outcomes"
		" (case_id, area, outcome, provision, by_date, agreed)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	sqlite3_stmt *stmt;
	sqlite3_int64 id = 0;
	int status;

	if ((status = check_writable(store, ref, err)) != EHC_OK)
		return status;
	if (!in_range((int)o->area, EHC_AREA_COUNT))
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot add an outcome to case '%s': %d "
				     "is not a valid area", ref, (int)o->area);
	if ((status = find_case_id(store, ref, &id, err)) != EHC_OK)
		return status;
	status = prepare_cached(store, CACHED_INSERT_OUTCOME, sql, &stmt,
				"cannot add an outcome", err);
	if (status != EHC_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, id);
	bind_text(stmt, 2, ehc_area_names[o->area]);
	bind_text(stmt, 3, o->outcome);
	bind_text(stmt, 4, o->provision);
	bind_date(stmt, 5, o->by);
	bind_date(stmt, 6, o->agreed);
	return step_insert(store, stmt, "an outcome", ref, err);
}

int
ehc_store_add_exception(struct ehc_store *store, const char *ref,
			const struct ehc_exception *e, struct ehc_error *err)
{
	static const char sql[] =
		"INSERT INTO exceptions (case_id, reason, from_date, to_date)"
		" VALUES (?1, ?2, ?3, ?4)";
	sqlite3_stmt *stmt;
	sqlite3_int64 id = 0;
	int status;

	if ((status = check_writable(store, ref, err)) != EHC_OK)
		return status;
	if (!in_range((int)e->reason, EHC_EXCEPTION_COUNT))
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot add an exception to case '%s': "
				     "%d is not a valid reason", ref,
				     (int)e->reason);
	if ((status = find_case_id(store, ref, &id, err)) != EHC_OK)
		return status;
	status = prepare_cached(store, CACHED_INSERT_EXCEPTION, sql, &stmt,
				"cannot add an exception", err);
	if (status != EHC_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, id);
	bind_text(stmt, 2, ehc_exception_names[e->reason]);
	bind_date(stmt, 3, e->from);
	bind_date(stmt, 4, e->to);
	return step_insert(store, stmt, "an exception", ref, err);
}

/* Runs a cached statement that changes rows and resets it. */
static int
step_done(struct ehc_store *store, sqlite3_stmt *stmt, const char *context,
	  const char *ref, struct ehc_error *err)
{
	int rc, status = EHC_OK;

	if ((rc = sqlite3_step(stmt)) != SQLITE_DONE)
		status = store_fail(store, rc, err, "%s of case '%s'", context,
				    ref);
	sqlite3_reset(stmt);
	return status;
}

/* Inserts names as list, each at its index in names. */
static int
insert_people(struct ehc_store *store, sqlite3_int64 id, const char *list,
	      const char *const *names, size_t count, const char *ref,
	      struct ehc_error *err)
{
	static const char sql[] =
		"INSERT INTO people (case_id, list, position, name)"
		" VALUES (?1, ?2, ?3, ?4)";
	static const char context[] = "cannot store the people";
	sqlite3_stmt *stmt;
	int rc, status;

	status = prepare_cached(store, CACHED_INSERT_PERSON, sql, &stmt,
				context, err);
	if (status != EHC_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, id);
	bind_text(stmt, 2, list);

	for (size_t i = 0; i < count && status == EHC_OK; i++) {
		sqlite3_bind_int64(stmt, 3, (sqlite3_int64)i);
		bind_text(stmt, 4, names[i]);
		if ((rc = sqlite3_step(stmt)) != SQLITE_DONE)
			status = store_fail(store, rc, err, "%s %s of case "
					    "'%s'", context, list, ref);
		sqlite3_reset(stmt);
	}
	return status;
}

int
ehc_store_set_people(struct ehc_store *store, const char *ref,
		     enum ehc_attendance list, const char *const *names,
		     size_t count, struct ehc_error *err)
{
	static const char sql[] =
		"DELETE FROM people WHERE case_id = ?1 AND list = ?2";
	static const char context[] = "cannot replace the people";
	sqlite3_stmt *stmt;
	sqlite3_int64 id = 0;
	int status;

	if ((status = check_writable(store, ref, err)) != EHC_OK)
		return status;
	if (!in_range((int)list, ATTENDANCE_COUNT))
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot change case '%s': %d is not a "
				     "valid list of people", ref, (int)list);
	if ((status = find_case_id(store, ref, &id, err)) != EHC_OK)
		return status;

	status = prepare_cached(store, CACHED_DELETE_PEOPLE, sql, &stmt,
				context, err);
	if (status != EHC_OK)
		return status;
	sqlite3_bind_int64(stmt, 1, id);
	bind_text(stmt, 2, attendance_names[list]);
	if ((status = step_done(store, stmt, context, ref, err)) != EHC_OK)
		return status;
	return insert_people(store, id, attendance_names[list], names, count,
			     ref, err);
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

int
ehc_store_get_case(struct ehc_store *store, const char *ref,
		   ehc_case_fn fn, void *context, struct ehc_error *err)
{
	sqlite3_str *sql;
	struct ehc_case c;
	sqlite3_stmt *stmt;
	int rc, status;

	if (ref == NULL)
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot read a case without a reference");
	sql = sqlite3_str_new(store->db);
	sqlite3_str_appendall(sql, "SELECT ");
	append_columns(sql, LIST_NAMES, 0);
	sqlite3_str_appendall(sql, " FROM cases WHERE ref = ?1");
	status = prepare_built(store, sql, &stmt, "cannot read a case", err);
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

/*
 * Prepares the SELECT that ehc_store_each_case runs, after prefix. The
 * CHECK constraint ended_with_stage ties an open stage to "ended IS NULL",
 * so the query repeats that term from the partial indexes for an open stage
 * too. SQLite then walks cases_open, or cases_stage for one stage, in order
 * and never reads the closed cases.
 *
 * NOTE: a list of ended or of all cases reads the whole table and sorts it,
 * which took about 2.5 s for 1.5 million cases in one run on a 2-core AMD
 * EPYC virtual machine.
 */
static int
prepare_cases(struct ehc_store *store, const struct ehc_case_filter *filter,
	      const char *prefix, sqlite3_stmt **stmt, struct ehc_error *err)
{
	static const struct ehc_case_filter all = { .stage = -1 };
	sqlite3_str *sql;
	bool open;
	int status;

	if (filter == NULL)
		filter = &all;
	if (filter->stage != -1 && !in_range(filter->stage, EHC_STAGE_COUNT))
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot read the cases: %d is not a "
				     "valid stage", filter->stage);
	open = filter->open_only || (filter->stage != -1 &&
	    !ehc_stage_ended((enum ehc_stage)filter->stage));

	sql = sqlite3_str_new(store->db);
	sqlite3_str_appendall(sql, prefix);
	sqlite3_str_appendall(sql, "SELECT ");
	append_columns(sql, LIST_NAMES, 0);
	sqlite3_str_appendall(sql, " FROM cases"
			      " WHERE (?1 IS NULL OR aro = ?1)");
	if (open)
		sqlite3_str_appendall(sql, " AND ended IS NULL");
	if (filter->ended_only)
		sqlite3_str_appendall(sql, " AND ended IS NOT NULL");
	if (filter->stage != -1)
		sqlite3_str_appendall(sql, " AND stage = ?2");
	sqlite3_str_appendall(sql, " ORDER BY received, ref");
	status = prepare_built(store, sql, stmt, "cannot read the cases", err);
	if (status != EHC_OK)
		return status;

	bind_text(*stmt, 1, filter->aro);
	if (filter->stage != -1)
		bind_text(*stmt, 2, ehc_stage_names[filter->stage]);
	return EHC_OK;
}

int
ehc_store_each_case(struct ehc_store *store,
		    const struct ehc_case_filter *filter, ehc_case_fn fn,
		    void *context, struct ehc_error *err)
{
	struct ehc_case c;
	sqlite3_stmt *stmt;
	int rc = SQLITE_DONE, status;

	if ((status = prepare_cases(store, filter, "", &stmt, err)) != EHC_OK)
		return status;
	while (status == EHC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		if ((status = column_case(stmt, &c, err)) == EHC_OK)
			status = fn(&c, context);
	}
	if (status == EHC_OK && rc != SQLITE_DONE)
		status = store_fail(store, rc, err, "cannot read the cases");
	sqlite3_finalize(stmt);
	return status;
}

int
ehc_store_explain_cases(struct ehc_store *store,
			const struct ehc_case_filter *filter, char *buf,
			size_t size, struct ehc_error *err)
{
	sqlite3_stmt *stmt;
	size_t used = 0;
	int rc = SQLITE_DONE, status, len;

	status = prepare_cases(store, filter, "EXPLAIN QUERY PLAN ", &stmt,
			       err);
	if (status != EHC_OK)
		return status;
	buf[0] = '\0';
	while (status == EHC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
		/* The fourth column of EXPLAIN QUERY PLAN describes a step. */
		len = snprintf(buf + used, size - used, "%s\n",
			       (const char *)sqlite3_column_text(stmt, 3));
		if (len < 0 || (size_t)len >= size - used)
			status = ehc_error_set(err, EHC_SOFTWARE, "query plan "
					       "buffer of %zu bytes is too "
					       "small", size);
		else
			used += (size_t)len;
	}
	if (status == EHC_OK && rc != SQLITE_DONE)
		status = store_fail(store, rc, err, "cannot explain the query");
	sqlite3_finalize(stmt);
	return status;
}

/* A walk over the rows of one case's list, and the callback that gets them. */
struct walk {
	const char *ref;
	int (*row)(sqlite3_stmt *, const struct walk *, struct ehc_error *);
	union {
		ehc_event_fn event;
		ehc_outcome_fn outcome;
		ehc_exception_fn exception;
		ehc_person_fn person;
	} fn;
	void *context;
};

/*
 * Prepares sql, whose ?1 is the id of case ref and whose ?2, when it has
 * one, is list. A missing case is EHC_NOINPUT.
 */
static int
prepare_list(struct ehc_store *store, const char *ref, const char *sql,
	     const char *list, sqlite3_stmt **stmt, struct ehc_error *err)
{
	sqlite3_int64 id = 0;
	int status;

	if ((status = find_case_id(store, ref, &id, err)) != EHC_OK)
		return status;
	status = prepare(store, sql, stmt, "cannot read a case", err);
	if (status != EHC_OK)
		return status;
	sqlite3_bind_int64(*stmt, 1, id);
	if (list != NULL)
		bind_text(*stmt, 2, list);
	return EHC_OK;
}

/* Hands each row of stmt to w->row, then finalizes stmt. */
static int
walk_rows(struct ehc_store *store, sqlite3_stmt *stmt, const struct walk *w,
	  const char *what, struct ehc_error *err)
{
	int rc = SQLITE_DONE, status = EHC_OK;

	while (status == EHC_OK && (rc = sqlite3_step(stmt)) == SQLITE_ROW)
		status = w->row(stmt, w, err);
	if (status == EHC_OK && rc != SQLITE_DONE)
		status = store_fail(store, rc, err,
				    "cannot read the %s of case '%s'", what,
				    w->ref);
	sqlite3_finalize(stmt);
	return status;
}

static int
event_row(sqlite3_stmt *stmt, const struct walk *w, struct ehc_error *err)
{
	struct ehc_event e;

	(void)err;
	e.id = sqlite3_column_int64(stmt, 0);
	e.at = (const char *)sqlite3_column_text(stmt, 1);
	e.user = (const char *)sqlite3_column_text(stmt, 2);
	e.kind = (const char *)sqlite3_column_text(stmt, 3);
	e.detail = (const char *)sqlite3_column_text(stmt, 4);
	e.note = (const char *)sqlite3_column_text(stmt, 5);
	e.changes = (const char *)sqlite3_column_text(stmt, 6);
	return w->fn.event(&e, w->context);
}

/*
 * A JSON value of json_each() or json_extract() as text: "-" for null, and
 * true and false by name, because SQLite turns those into 1 and 0.
 */
#define JSON_TEXT(type, value)						\
	"CASE " type " WHEN 'null' THEN '-' WHEN 'true' THEN 'true'"	\
	" WHEN 'false' THEN 'false' ELSE " value " END"
#define JSON_ELEMENT(path)						\
	JSON_TEXT("json_type(value, '" path "')",			\
		  "json_extract(value, '" path "')")

/*
 * The detail of an event as readable text, "key: value; ...". A member that
 * is a pair [old, new] reads "key: old -> new". An empty detail gives "".
 */
#define EVENT_CHANGES							\
	"(SELECT coalesce(group_concat(key || ': ' || CASE"		\
	"  WHEN type = 'array' AND json_array_length(value) = 2 THEN"	\
	"  " JSON_ELEMENT("$[0]") " || ' -> ' || " JSON_ELEMENT("$[1]")	\
	"  ELSE " JSON_TEXT("type", "value") " END, '; '), '')"		\
	" FROM json_each(events.detail))"

int
ehc_store_each_event(struct ehc_store *store, const char *ref,
		     ehc_event_fn fn, void *context, struct ehc_error *err)
{
	/*
	 * The triggers forbid deleting events, so SQLite gives each new event
	 * an id above every earlier one, and ids order events as recorded.
	 */
	static const char sql[] =
		"SELECT id, at, user, kind, detail, note, " EVENT_CHANGES
		" FROM events WHERE case_id = ?1 ORDER BY id";
	struct walk w = {
		.ref = ref, .row = event_row, .fn.event = fn,
		.context = context,
	};
	sqlite3_stmt *stmt;
	int status;

	status = prepare_list(store, ref, sql, NULL, &stmt, err);
	if (status != EHC_OK)
		return status;
	return walk_rows(store, stmt, &w, "events", err);
}

static int
outcome_row(sqlite3_stmt *stmt, const struct walk *w, struct ehc_error *err)
{
	struct ehc_outcome o;
	int area, status;

	status = column_name(stmt, 0, w->ref, ehc_area_names, EHC_AREA_COUNT,
			     &area, err);
	if (status != EHC_OK)
		return status;
	o.area = (enum ehc_area)area;
	o.outcome = (const char *)sqlite3_column_text(stmt, 1);
	o.provision = (const char *)sqlite3_column_text(stmt, 2);
	if ((status = column_date(stmt, 3, w->ref, &o.by, err)) != EHC_OK ||
	    (status = column_date(stmt, 4, w->ref, &o.agreed, err)) != EHC_OK)
		return status;
	return w->fn.outcome(&o, w->context);
}

int
ehc_store_each_outcome(struct ehc_store *store, const char *ref,
		       ehc_outcome_fn fn, void *context,
		       struct ehc_error *err)
{
	/* The CASE puts the areas in the order of enum ehc_area. */
	static const char sql[] =
		"SELECT area, outcome, provision, by_date, agreed"
		" FROM outcomes WHERE case_id = ?1 ORDER BY CASE area"
		" WHEN 'communication-and-interaction' THEN 0"
		" WHEN 'cognition-and-learning' THEN 1"
		" WHEN 'social-emotional-and-mental-health' THEN 2"
		" WHEN 'sensory-and-physical' THEN 3 END, id";
	struct walk w = {
		.ref = ref, .row = outcome_row, .fn.outcome = fn,
		.context = context,
	};
	sqlite3_stmt *stmt;
	int status;

	status = prepare_list(store, ref, sql, NULL, &stmt, err);
	if (status != EHC_OK)
		return status;
	return walk_rows(store, stmt, &w, "outcomes", err);
}

static int
exception_row(sqlite3_stmt *stmt, const struct walk *w,
	      struct ehc_error *err)
{
	struct ehc_exception e;
	int reason, status;

	status = column_name(stmt, 0, w->ref, ehc_exception_names,
			     EHC_EXCEPTION_COUNT, &reason, err);
	if (status != EHC_OK)
		return status;
	e.reason = (enum ehc_exception_reason)reason;
	if ((status = column_date(stmt, 1, w->ref, &e.from, err)) != EHC_OK ||
	    (status = column_date(stmt, 2, w->ref, &e.to, err)) != EHC_OK)
		return status;
	return w->fn.exception(&e, w->context);
}

int
ehc_store_each_exception(struct ehc_store *store, const char *ref,
			 ehc_exception_fn fn, void *context,
			 struct ehc_error *err)
{
	static const char sql[] =
		"SELECT reason, from_date, to_date FROM exceptions"
		" WHERE case_id = ?1 ORDER BY id";
	struct walk w = {
		.ref = ref, .row = exception_row, .fn.exception = fn,
		.context = context,
	};
	sqlite3_stmt *stmt;
	int status;

	status = prepare_list(store, ref, sql, NULL, &stmt, err);
	if (status != EHC_OK)
		return status;
	return walk_rows(store, stmt, &w, "exceptions", err);
}

static int
person_row(sqlite3_stmt *stmt, const struct walk *w, struct ehc_error *err)
{
	(void)err;
	return w->fn.person((const char *)sqlite3_column_text(stmt, 0),
			    w->context);
}

int
ehc_store_each_person(struct ehc_store *store, const char *ref,
		      enum ehc_attendance list, ehc_person_fn fn,
		      void *context, struct ehc_error *err)
{
	static const char sql[] =
		"SELECT name FROM people WHERE case_id = ?1 AND list = ?2"
		" ORDER BY position";
	struct walk w = {
		.ref = ref, .row = person_row, .fn.person = fn,
		.context = context,
	};
	sqlite3_stmt *stmt;
	int status;

	if (!in_range((int)list, ATTENDANCE_COUNT))
		return ehc_error_set(err, EHC_SOFTWARE,
				     "cannot read the people: %d is not a "
				     "valid list", (int)list);
	status = prepare_list(store, ref, sql, attendance_names[list], &stmt,
			      err);
	if (status != EHC_OK)
		return status;
	return walk_rows(store, stmt, &w, "people", err);
}
