/*
 * The case store: every case and its history in one SQLite file. All SQL
 * lives behind this interface, so another backend needs no change elsewhere.
 */
#ifndef EHC_STORE_H
#define EHC_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ehc/case.h"
#include "ehc/config.h"
#include "ehc/date.h"
#include "ehc/error.h"

struct ehc_store;

enum ehc_store_mode {
	EHC_STORE_READ,		/* the file must exist */
	EHC_STORE_UPDATE,	/* the file must exist; the command writes */
	EHC_STORE_WRITE,	/* the file and its directory made if missing */
};

/* The schema version this build creates and reads (PRAGMA user_version). */
#define EHC_STORE_SCHEMA_VERSION 1

/* How long a command waits for another writer before it gives up. */
#define EHC_STORE_BUSY_TIMEOUT_MS 10000

/* One entry of a case's history. Valid only during the callback. */
struct ehc_event {
	int64_t id;
	const char *at;		/* UTC, "YYYY-MM-DDTHH:MM:SSZ" */
	const char *user;	/* the OS user who recorded it */
	const char *kind;	/* "request", "assess-decision", ... */
	const char *detail;	/* a JSON object with the values recorded */
	const char *changes;	/* detail for people: "key: value; ..." */
	const char *note;	/* NULL when none was given */
};

struct ehc_case_filter {
	bool open_only;
	bool ended_only;
	int stage;		/* an enum ehc_stage, or -1 for all */
	const char *aro;	/* NULL for every officer */
};

/* A callback returns EHC_OK to go on, anything else to stop with that. */
typedef int (*ehc_case_fn)(const struct ehc_case *c, void *context);
typedef int (*ehc_event_fn)(const struct ehc_event *e, void *context);
typedef int (*ehc_outcome_fn)(const struct ehc_outcome *o, void *context);
typedef int (*ehc_exception_fn)(const struct ehc_exception *e,
				void *context);
typedef int (*ehc_person_fn)(const char *name, void *context);

/*
 * Creates the directory that is to contain the database at path, and its
 * missing parents, each 0700 as ehc_store_open does in write mode.
 */
int ehc_store_make_parent(const char *path, struct ehc_error *err);

/*
 * Opens the database at path and migrates its schema forward. In write mode a
 * missing file is created 0600, in a directory created 0700, whatever the
 * umask (EHC_CANTCREAT when that fails). In the other modes a missing or
 * empty file is EHC_NOINPUT. A schema newer than this build is EHC_DATAERR.
 */
int ehc_store_open(struct ehc_store **out, const char *path,
		   enum ehc_store_mode mode, struct ehc_error *err);

/*
 * Opens the database as ehc_store_open does, but sets the journal mode
 * journal on a database opened to write, in place of WAL. A database opened
 * only to read keeps the journal mode it has.
 */
int ehc_store_open_journal(struct ehc_store **out, const char *path,
			   enum ehc_store_mode mode, enum ehc_journal journal,
			   struct ehc_error *err);

/*
 * Sets the journal mode of a database opened to write, outside any
 * transaction.
 */
int ehc_store_set_journal(struct ehc_store *store, enum ehc_journal journal,
			  struct ehc_error *err);

/* Closes the store, rolling back an open transaction; accepts NULL. */
void ehc_store_close(struct ehc_store *store);

/*
 * Starts the write transaction (BEGIN IMMEDIATE). EHC_TEMPFAIL when another
 * writer kept the database locked past EHC_STORE_BUSY_TIMEOUT_MS.
 */
int ehc_store_begin(struct ehc_store *store, struct ehc_error *err);
int ehc_store_commit(struct ehc_store *store, struct ehc_error *err);
void ehc_store_rollback(struct ehc_store *store);

/*
 * The writes below must run inside a transaction begun with
 * ehc_store_begin (EHC_SOFTWARE otherwise). Each one that takes an event
 * kind records an event with that kind, the JSON object detail, the note,
 * the time and the OS user.
 */

/* Stores a new case; a reference already in use is EHC_DATAERR. */
int ehc_store_insert_case(struct ehc_store *store, const struct ehc_case *c,
			  const char *kind, const char *detail,
			  const char *note, struct ehc_error *err);

/* Writes every field of the case c->ref as c has it. */
int ehc_store_update_case(struct ehc_store *store, const struct ehc_case *c,
			  const char *kind, const char *detail,
			  const char *note, struct ehc_error *err);

/* Adds an outcome to case ref (no event: the caller records one). */
int ehc_store_add_outcome(struct ehc_store *store, const char *ref,
			  const struct ehc_outcome *o, struct ehc_error *err);

/* Adds an exception to case ref (no event: the caller records one). */
int ehc_store_add_exception(struct ehc_store *store, const char *ref,
			    const struct ehc_exception *e,
			    struct ehc_error *err);

/* Replaces the people invited to, or who attended, the COM of case ref. */
int ehc_store_set_people(struct ehc_store *store, const char *ref,
			 enum ehc_attendance list, const char *const *names,
			 size_t count, struct ehc_error *err);

/*
 * Writes into buf (at least 32 bytes) the next free generated reference for
 * a year, "EHC-YYYY-NNNN", one past the highest one already stored.
 */
int ehc_store_next_ref(struct ehc_store *store, int year, char *buf,
		       size_t size, struct ehc_error *err);

/* Calls fn with the case ref; EHC_NOINPUT when there is none. */
int ehc_store_get_case(struct ehc_store *store, const char *ref,
		       ehc_case_fn fn, void *context, struct ehc_error *err);

/* Calls fn for each case the filter selects, by received date then ref. */
int ehc_store_each_case(struct ehc_store *store,
			const struct ehc_case_filter *filter, ehc_case_fn fn,
			void *context, struct ehc_error *err);

/* The lists of one case; each is EHC_NOINPUT when the case does not exist. */

/* Calls fn for each event of the case ref, oldest first. */
int ehc_store_each_event(struct ehc_store *store, const char *ref,
			 ehc_event_fn fn, void *context, struct ehc_error *err);

/* Calls fn for each outcome, by area, then in the order recorded. */
int ehc_store_each_outcome(struct ehc_store *store, const char *ref,
			   ehc_outcome_fn fn, void *context,
			   struct ehc_error *err);

/* Calls fn for each exception, in the order recorded. */
int ehc_store_each_exception(struct ehc_store *store, const char *ref,
			     ehc_exception_fn fn, void *context,
			     struct ehc_error *err);

/* Calls fn for each person on a list, in the order given. */
int ehc_store_each_person(struct ehc_store *store, const char *ref,
			  enum ehc_attendance list, ehc_person_fn fn,
			  void *context, struct ehc_error *err);

#endif
