/* Status codes and error messages shared by the library and the ehc command. */
#ifndef EHC_ERROR_H
#define EHC_ERROR_H

/*
 * Every library call that can fail returns one of these. They double as the
 * exit statuses of ehc, so the values follow sysexits(3).
 */
enum ehc_status {
	EHC_OK = 0,
	EHC_OVERDUE = 1,	/* deadlines --exit-status listed an overdue */
	EHC_USAGE = 64,		/* bad command line */
	EHC_DATAERR = 65,	/* invalid data, or a step out of order */
	EHC_NOINPUT = 66,	/* a case or an input file was not found */
	EHC_SOFTWARE = 70,	/* internal error, out of memory */
	EHC_CANTCREAT = 73,	/* the database cannot be created */
	EHC_IOERR = 74,		/* read or write failed */
	EHC_TEMPFAIL = 75,	/* the database stayed locked too long */
	EHC_CONFIG = 78,	/* invalid or missing configuration */
};

/*
 * A failure, as the status and one line saying what failed and why, with no
 * program or subcommand prefix and no trailing newline or full stop.
 */
struct ehc_error {
	int status;
	char message[1024];
};

/*
 * Fills err (which may be NULL) and returns status, so that a caller can
 * write "return ehc_error_set(err, EHC_DATAERR, ...)".
 */
int ehc_error_set(struct ehc_error *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
