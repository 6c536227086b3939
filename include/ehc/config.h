/* The configuration: statutory timeframes, COM length and acronyms. */
#ifndef EHC_CONFIG_H
#define EHC_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "ehc/error.h"

/*
 * The configurable time limits, in the order the configuration file and
 * `ehc config` list them. The first five count from the day the request is
 * received; advice-response from each request for advice; draft-comments
 * from the day the draft plan is served; support-meeting from a decision not
 * to issue a plan, and only when a file sets it.
 */
enum ehc_timeframe {
	EHC_TIMEFRAME_ASSESS_DECISION,
	EHC_TIMEFRAME_ADVICE_GATHERED,
	EHC_TIMEFRAME_COM,
	EHC_TIMEFRAME_ISSUE_DECISION,
	EHC_TIMEFRAME_FINAL_PLAN,
	EHC_TIMEFRAME_ADVICE_RESPONSE,
	EHC_TIMEFRAME_DRAFT_COMMENTS,
	EHC_TIMEFRAME_SUPPORT_MEETING,
	EHC_TIMEFRAME_COUNT
};

/* A length of time as written in the file: count days or count weeks. */
struct ehc_duration {
	int count;	/* 0 with unit 0: not set */
	char unit;	/* 'd' or 'w' */
};

struct ehc_acronym {
	char *term;
	char *meaning;
};

/* How long a COM may be booked for, in minutes. */
#define EHC_COM_MINUTES_MIN 15
#define EHC_COM_MINUTES_MAX 480

/*
 * The SQLite journal mode that ehc sets on a database it writes. WAL lets
 * readers run beside a writer but needs shared memory, so a database on a
 * network share must use one of the rollback journals.
 */
enum ehc_journal {
	EHC_JOURNAL_WAL,	/* the default */
	EHC_JOURNAL_DELETE,
	EHC_JOURNAL_TRUNCATE,
	EHC_JOURNAL_PERSIST,
	EHC_JOURNAL_COUNT
};

struct ehc_config {
	struct ehc_duration timeframes[EHC_TIMEFRAME_COUNT];
	int com_minutes;
	enum ehc_journal journal;
	struct ehc_acronym *acronyms;	/* sorted by term, ignoring case */
	size_t acronym_count;
	char *source;	/* the file loaded last, or NULL for the default */
};

/* Returns the key of a timeframe in the file, such as "assess-decision". */
const char *ehc_timeframe_name(enum ehc_timeframe timeframe);

/* Returns the name of a journal mode in the file, such as "wal". */
const char *ehc_journal_name(enum ehc_journal journal);

/* Returns a new configuration holding the built-in default, or NULL. */
struct ehc_config *ehc_config_create(void);

/*
 * Reads the YAML file at path over config: what the file sets replaces the
 * value, the rest keeps it. On any error (EHC_CONFIG, or EHC_NOINPUT when the
 * file is missing) config is left as it was and err names the file, line
 * and column.
 */
int ehc_config_load(struct ehc_config *config, const char *path,
		    struct ehc_error *err);

/* Writes config as YAML that ehc_config_load reads back unchanged. */
int ehc_config_write(const struct ehc_config *config, FILE *out,
		     struct ehc_error *err);

/* Finds an acronym ignoring case, or returns NULL. */
const struct ehc_acronym *ehc_config_acronym(const struct ehc_config *config,
					     const char *term);

void ehc_config_destroy(struct ehc_config *config);

#endif
