/* Declarations shared by the ehc entry point and its subcommands. */
#ifndef EHC_CMD_H
#define EHC_CMD_H

#include <getopt.h>
#include <stdbool.h>

#include "ehc/config.h"
#include "ehc/date.h"
#include "ehc/error.h"
#include "ehc/output.h"
#include "ehc/steps.h"
#include "ehc/store.h"

/* The options every subcommand accepts, also before the subcommand. */
enum {
	OPT_DB = 0x100,
	OPT_CONFIG,
	OPT_TODAY,
	OPT_HELP,
	OPT_STEP_DATE,		/* --date and --note of the step commands */
	OPT_STEP_NOTE,
	OPT_LISTING_FORMAT,	/* the output options of a listing command */
	OPT_LISTING_FIELDS,
	OPT_LISTING_NO_HEADER,
	OPT_FIRST_OWN,		/* a subcommand's own long options start here */
};

#define EHC_COMMON_OPTIONS \
	{ "db", required_argument, NULL, OPT_DB }, \
	{ "config", required_argument, NULL, OPT_CONFIG }, \
	{ "today", required_argument, NULL, OPT_TODAY }, \
	{ "help", no_argument, NULL, OPT_HELP }

#define EHC_COMMON_HELP \
	"  --db PATH          use this database file\n" \
	"  --config PATH      read this configuration file\n" \
	"  --today DATE       count deadlines as on this day\n" \
	"  --help             print this help\n"

#define EHC_FORMAT_HELP \
	"  --format FORMAT    table (default), tsv, csv, json or jsonl\n"

/* The options of every command that prints a listing. */
#define EHC_LISTING_OPTIONS \
	{ "format", required_argument, NULL, OPT_LISTING_FORMAT }, \
	{ "fields", required_argument, NULL, OPT_LISTING_FIELDS }, \
	{ "no-header", no_argument, NULL, OPT_LISTING_NO_HEADER }, \
	EHC_COMMON_OPTIONS

#define EHC_LISTING_HELP \
	EHC_FORMAT_HELP \
	"  --fields LIST      print the columns named, comma-separated, in\n" \
	"                     that order\n" \
	"  --no-header        leave out the header line of tsv and csv\n" \
	EHC_COMMON_HELP

/* The options of every command that records a step of a case. */
#define EHC_STEP_OPTIONS \
	{ "date", required_argument, NULL, OPT_STEP_DATE }, \
	{ "note", required_argument, NULL, OPT_STEP_NOTE }, \
	EHC_COMMON_OPTIONS

#define EHC_STEP_HELP \
	"  --date DATE        the day it happened (default: today)\n" \
	"  --note TEXT        a note kept with the step in the history\n" \
	EHC_COMMON_HELP

struct ehc_command {
	const char *name;
	const char *summary;	/* one line for "ehc --help" */
	const char *usage;	/* the synopsis, without "usage: " */
	const char *help;	/* what each option does */
	const struct option *options;	/* for getopt_long */
	int (*run)(int argc, char **argv);

	/*
	 * A listing command's columns, with the ones it prints by default
	 * first and those that only --fields selects after them. The help
	 * lists them.
	 */
	const struct ehc_column *columns;
	size_t column_count;
	size_t default_columns;
};

/* Settings gathered from the command line before and after the name. */
struct ehc_context {
	const struct ehc_command *command;
	const char *db;
	const char *config;
	const char *today;
};

extern struct ehc_context ehc_context;

/* Returned by a helper that has already done all there is, such as --help. */
#define EHC_CMD_DONE (-1)

/* The subcommands, sorted by name. */
extern const struct ehc_command *const ehc_commands[];
extern const unsigned ehc_command_count;

const struct ehc_command *ehc_command_find(const char *name);

/*
 * Handles option opt of the current subcommand if it is a common one or a
 * getopt error. Returns EHC_OK when handled, EHC_CMD_DONE after --help, or
 * EHC_USAGE after printing the error.
 */
int ehc_cmd_option(int opt, char **argv);

/*
 * Prints the candidates for the last of the words in argv (argv[0] is
 * "ehc"), for the shell completions.
 */
int ehc_complete(int argc, char **argv);

/* Prints the usage of ehc and the list of commands to stdout. */
void ehc_print_main_help(void);

/* Prints the usage of a command and its options to stdout. */
void ehc_cmd_print_help(const struct ehc_command *command);

/* Prints "ehc: COMMAND: MESSAGE" to stderr and returns status. */
int ehc_cmd_fail(int status, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Prints a usage error with a pointer to --help and returns EHC_USAGE. */
int ehc_cmd_usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prints err and returns its status. */
int ehc_cmd_error(const struct ehc_error *err);

/* Reports a listing that could not be written, and returns status. */
int ehc_cmd_output_failed(int status);

/* Writes date into buf and returns buf, or NULL for EHC_DATE_NONE. */
const char *ehc_cmd_date_text(ehc_date date, char buf[EHC_DATE_LEN]);

/* Parses a date option; a bad one is a usage error naming the option. */
int ehc_cmd_date(const char *option, const char *text, ehc_date *out);

/* Parses a whole decimal number from min to max for an option. */
int ehc_cmd_number(const char *option, const char *text, long min, long max,
		   long *out);

/* Parses a --format value. */
int ehc_cmd_format(const char *text, enum ehc_format *out);

/* The output options given to a listing command. */
struct ehc_cmd_output {
	enum ehc_format format;
	const char *fields;	/* --fields, NULL for the default columns */
	bool no_header;
	struct ehc_selection selection;	/* set by ehc_cmd_output_check */
};

/* The output options before any is read: the table format. */
#define EHC_CMD_OUTPUT_INIT { .format = EHC_FORMAT_TABLE }

/*
 * Handles --format, --fields and --no-header, or else any option that
 * ehc_cmd_option handles, with the same results.
 */
int ehc_cmd_output_option(int opt, char **argv, struct ehc_cmd_output *output);

/*
 * Checks the output options once all are read, and selects the columns of
 * the current command that --fields names, or its default ones. An unknown
 * column, or --no-header with a format other than tsv or csv, is a usage
 * error.
 */
int ehc_cmd_output_check(struct ehc_cmd_output *output);

/*
 * Starts a listing of the current command's columns on stdout in the
 * form output sets. Returns NULL, after printing the error, when out of
 * memory.
 */
struct ehc_listing *ehc_cmd_output_start(const struct ehc_cmd_output *output);

/* Sets *today from --today, else $EHC_TODAY, else the local date. */
int ehc_cmd_today(ehc_date *today);

/* Loads the configuration that --config or the environment names. */
int ehc_cmd_config(struct ehc_config **config);

/* Opens the database that --db or the environment names. */
int ehc_cmd_open(enum ehc_store_mode mode, struct ehc_store **store);

/* Rejects arguments left after the options, and returns EHC_OK if none. */
int ehc_cmd_no_operands(int argc, char **argv);

/* Sets *ref to the one operand, the case reference, or rejects the rest. */
int ehc_cmd_ref(int argc, char **argv, const char **ref);

/* Writes the NULL-terminated names into buf as "a, b or c". */
void ehc_cmd_join(const char *const *names, char *buf, size_t size);

/*
 * Looks text up in the NULL-terminated names and sets *out to its index; an
 * unknown value is a usage error that lists the names.
 */
int ehc_cmd_name(const char *option, const char *text,
		 const char *const *names, int *out);

/*
 * Checks a COM time, "YYYY-MM-DD HH:MM" on the 24-hour clock, and sets *day
 * to its date. A malformed time is a usage error.
 */
int ehc_cmd_com_time(const char *option, const char *text, ehc_date *day);

/*
 * Records that option was given, one of a set that cannot be combined:
 * *given names the one seen before, if any, and a second is a usage error.
 */
int ehc_cmd_one_of(const char **given, const char *option);

/* Handles --date, --note and the common options of a step command. */
int ehc_cmd_step_option(int opt, char **argv, struct ehc_step *step);

/* Reports the warnings of a step that was stored. */
typedef void (*ehc_cmd_warn_fn)(const struct ehc_config *config,
				const struct ehc_step *step,
				const struct ehc_step_warnings *warnings);

/*
 * Records step on case ref: the date defaults to today, then the
 * configuration is loaded, the store opened for writing and the step
 * stored. Prints the error and returns its status when that fails; calls
 * warn, unless NULL, when it succeeds.
 */
int ehc_cmd_record(const char *ref, struct ehc_step *step,
		   ehc_cmd_warn_fn warn);

/*
 * Prints label padded to width columns, then value, or "-" for NULL. A
 * value of several lines continues at the same column.
 */
void ehc_print_field(int width, const char *label, const char *value);

/* Prints a date as ehc_print_field does, "-" for EHC_DATE_NONE. */
void ehc_print_date(int width, const char *label, ehc_date date);

/* Prints text, starting each line after the first with indent spaces. */
void ehc_print_text(int indent, const char *text);

/*
 * Copies case ref into *out, to be freed with ehc_case_release; prints the
 * error and returns its status when there is none.
 */
int ehc_cmd_get_case(struct ehc_store *store, const char *ref,
		     struct ehc_case *out);

/* Prints the people on a list of the COM, one a line, "-" for none. */
int ehc_print_people(struct ehc_store *store, const char *ref,
		     enum ehc_attendance list, int width, const char *label);

/* The columns of ehc show in the formats other than table. */
#define EHC_SHOW_FACT_COLUMNS 3
extern const struct ehc_column ehc_show_fact_columns[EHC_SHOW_FACT_COLUMNS];

/*
 * Lists every fact of case c that the table layout of ehc show prints, one
 * row a fact, and finishes the listing. Prints the error and returns its
 * status when the store or the output fails.
 */
int ehc_show_facts(struct ehc_listing *listing, struct ehc_store *store,
		   const struct ehc_config *config, const struct ehc_case *c,
		   ehc_date today);

/*
 * The progress of a report through the four areas of need. The store gives
 * outcomes by area, so each heading is printed when the first outcome after
 * it arrives, and an area without one gets empty().
 */
struct ehc_area_cursor {
	int current;		/* the area headed last, -1 before the first */
	bool filled;		/* set by the caller after an outcome */
	void (*heading)(enum ehc_area area);
	void (*empty)(void);
};

/*
 * Prints the headings of the areas up to area, and empty() under each of
 * them left without an outcome. EHC_AREA_COUNT finishes the report.
 */
void ehc_area_advance(struct ehc_area_cursor *cursor, int area);

#endif
