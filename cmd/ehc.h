/* Declarations shared by the ehc entry point and its subcommands. */
#ifndef EHC_CMD_H
#define EHC_CMD_H

#include <getopt.h>
#include <stdbool.h>

#include "ehc/config.h"
#include "ehc/date.h"
#include "ehc/error.h"
#include "ehc/output.h"
#include "ehc/store.h"

/* The options every subcommand accepts, also before the subcommand. */
enum {
	OPT_DB = 0x100,
	OPT_CONFIG,
	OPT_TODAY,
	OPT_HELP,
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

struct ehc_command {
	const char *name;
	const char *summary;	/* one line for "ehc --help" */
	const char *usage;	/* the synopsis, without "usage: " */
	const char *help;	/* what each option does */
	const struct option *options;	/* for getopt_long */
	int (*run)(int argc, char **argv);
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

/* Parses a date option; a bad one is a usage error naming the option. */
int ehc_cmd_date(const char *option, const char *text, ehc_date *out);

/* Parses a whole decimal number from min to max for an option. */
int ehc_cmd_number(const char *option, const char *text, long min, long max,
		   long *out);

/* Parses a --format value. */
int ehc_cmd_format(const char *text, enum ehc_format *out);

/* Sets *today from --today, else $EHC_TODAY, else the local date. */
int ehc_cmd_today(ehc_date *today);

/* Loads the configuration that --config or the environment names. */
int ehc_cmd_config(struct ehc_config **config);

/* Opens the database that --db or the environment names. */
int ehc_cmd_open(enum ehc_store_mode mode, struct ehc_store **store);

/* Rejects arguments left after the options, and returns EHC_OK if none. */
int ehc_cmd_no_operands(int argc, char **argv);

#endif
