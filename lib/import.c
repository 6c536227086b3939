/*
 * Importing a file of cases in one transaction: every row or none. Rows are
 * read one at a time and each valid one is stored at once, so memory does
 * not grow with the file and the database finds references used twice.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ehc/csv.h"
#include "ehc/jsonl.h"
#include "ehc/text.h"
#include "ehc/transfer.h"
#include "columns.h"
#include "detail.h"
#include "import-row.h"

/* An import in progress. */
struct import {
	struct ehc_store *store;
	const struct ehc_import_options *options;
	struct ehc_import_counts *counts;
	struct ehc_import_settings settings;
	struct ehc_import_row row;
	unsigned long line;	/* where the current row starts */
	int *header;		/* CSV: the column of each field, or -1 */
	size_t header_count;
	struct ehc_error *err;
};

static void	report(struct import *, const char *, ...)
		    __attribute__((format(printf, 2, 3)));

enum ehc_format
ehc_import_format_of(const char *name)
{
	size_t len = strlen(name);

	if (len > 6 && strcasecmp(name + len - 6, ".jsonl") == 0)
		return EHC_FORMAT_JSONL;
	return EHC_FORMAT_CSV;
}

/* Reports a problem with the current row, after "FILE:LINE: ". */
static void
report(struct import *im, const char *fmt, ...)
{
	char what[1024], message[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	snprintf(message, sizeof(message), "%s:%lu: %s", im->options->name,
		 im->line, what);
	im->options->report(message, im->options->context);
}

/* Passes a message of the row check on, in the form report gives it. */
static void
report_row(const char *message, void *context)
{
	report(context, "%s", message);
}

/* Restates an error of a reader, "line N: ...", as "FILE:N: ...". */
static int
reader_failed(struct import *im, const struct ehc_error *reader)
{
	unsigned long line;
	int skip = 0;

	if (sscanf(reader->message, "line %lu: %n", &line, &skip) == 1 &&
	    skip > 0)
		return ehc_error_set(im->err, reader->status, "%s:%lu: %s",
				     im->options->name, line,
				     reader->message + skip);
	return ehc_error_set(im->err, reader->status, "%s: %s",
			     im->options->name, reader->message);
}

/* Returns the column names, NULL-terminated, for suggestions. */
static const char *const *
column_names(void)
{
	static const char *names[EHC_TRANSFER_COLUMN_COUNT + 1];

	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++)
		names[i] = ehc_transfer_columns[i].name;
	return names;
}

/* Writes "unknown column 'NAME'; did you mean ...? expected ..." to buf. */
static void
unknown_column(const char *name, char *buf, size_t size)
{
	const char *nearest = ehc_text_nearest(name, column_names());
	char expected[768], guess[96] = "";

	if (nearest != NULL)
		snprintf(guess, sizeof(guess), "; did you mean '%s'?",
			 nearest);
	ehc_transfer_column_list(expected, sizeof(expected));
	snprintf(buf, size, "unknown column '%s'%s%s expected %s", name,
		 guess, nearest != NULL ? "" : ";", expected);
}

/* Returns whether a header cell is empty or only blanks. */
static bool
blank_cell(const char *cell)
{
	return cell[strspn(cell, " \t")] == '\0';
}

/*
 * Checks that the header names every required column. seen[i] is the field,
 * counted from 1, that names column i, or 0 when none does.
 */
static int
check_required(struct import *im, const size_t *seen)
{
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++)
		if (ehc_transfer_columns[i].required && seen[i] == 0)
			return ehc_error_set(im->err, EHC_DATAERR,
					     "%s: missing column '%s'; every "
					     "file needs ref, child_name, "
					     "date_of_birth and received",
					     im->options->name,
					     ehc_transfer_columns[i].name);
	return EHC_OK;
}

/* Maps one named header cell, field i, to its column. */
static int
map_header_cell(struct import *im, size_t i, const char *cell, size_t *seen)
{
	char message[1024];
	int column = ehc_transfer_column_find(cell);

	if (column < 0) {
		unknown_column(cell, message, sizeof(message));
		return ehc_error_set(im->err, EHC_DATAERR, "%s: %s",
				     im->options->name, message);
	}
	if (seen[column] != 0)
		return ehc_error_set(im->err, EHC_DATAERR,
				     "%s: column '%s' is named twice in the "
				     "header, as fields %zu and %zu",
				     im->options->name,
				     ehc_transfer_columns[column].name,
				     seen[column], i + 1);
	seen[column] = i + 1;
	im->header[i] = column;
	return EHC_OK;
}

/*
 * Maps the header's fields to columns. Spreadsheets write empty cells after
 * the last column, so those are allowed, but not an empty one before it.
 */
static int
read_header(struct import *im, char **fields, size_t count)
{
	size_t seen[EHC_TRANSFER_COLUMN_COUNT] = { 0 };
	size_t named = count;
	int status;

	while (named > 0 && blank_cell(fields[named - 1]))
		named--;
	if ((im->header = malloc((count + 1) * sizeof(*im->header))) == NULL)
		return ehc_error_set(im->err, EHC_SOFTWARE, "out of memory");
	im->header_count = count;
	for (size_t i = 0; i < count; i++) {
		im->header[i] = -1;
		if (i < named && blank_cell(fields[i]))
			return ehc_error_set(im->err, EHC_DATAERR,
					     "%s: field %zu of the header has "
					     "no column name",
					     im->options->name, i + 1);
		if (i < named &&
		    (status = map_header_cell(im, i, fields[i], seen)))
			return status;
	}
	return check_required(im, seen);
}

/* An empty file lacks the header, so it lacks every required column. */
static int
no_header(struct import *im)
{
	size_t seen[EHC_TRANSFER_COLUMN_COUNT] = { 0 };

	return check_required(im, seen);
}

/* Returns an event detail naming the file, the line and the values. */
static char *
import_detail(struct import *im)
{
	const struct ehc_import_row *row = &im->row;
	struct ehc_detail d;

	if (!ehc_detail_begin(&d))
		return NULL;
	ehc_detail_text(&d, "file", im->options->name);
	ehc_detail_number(&d, "line", (long)im->line);
	for (size_t i = 0; i < EHC_TRANSFER_COLUMN_COUNT; i++) {
		const struct ehc_transfer_column *col =
			&ehc_transfer_columns[i];
		const void *field = ehc_transfer_field_const(&row->c, i);

		if (row->values[i] == NULL || col->kind == EHC_KIND_NOTE)
			continue;
		if (col->kind == EHC_KIND_DATE)
			ehc_detail_date(&d, col->name,
					*(const ehc_date *)field);
		else if (col->kind == EHC_KIND_MINUTES)
			ehc_detail_number(&d, col->name,
					  *(const int *)field);
		else
			ehc_detail_text(&d, col->name, row->values[i]);
	}
	return ehc_detail_end(&d);
}

/* Stores the outcomes, exceptions and people of the case just stored. */
static int
store_lists(struct import *im, struct ehc_error *err)
{
	const struct ehc_import_row *row = &im->row;
	const char *ref = row->c.ref;
	int status = EHC_OK;

	for (size_t k = 0; k < row->outcome_count && status == EHC_OK; k++)
		status = ehc_store_add_outcome(im->store, ref,
					       &row->outcomes[k], err);
	for (size_t k = 0; k < row->exception_count && status == EHC_OK; k++)
		status = ehc_store_add_exception(im->store, ref,
						 &row->exceptions[k], err);
	for (int list = EHC_INVITED; list <= EHC_ATTENDED; list++)
		if (status == EHC_OK && row->people_count[list] > 0)
			status = ehc_store_set_people(im->store, ref,
				(enum ehc_attendance)list, row->people[list],
				row->people_count[list], err);
	return status;
}

static int
copy_ref(const struct ehc_case *c, void *context)
{
	snprintf(context, EHC_REF_MAX + 1, "%s", c->ref);
	return EHC_OK;
}

/*
 * Handles a row that the store rejected. A reference already in use, by a
 * case stored before or by an earlier row, is left out or reported as the
 * options set. Any other reason is reported as the store gave it.
 */
static int
rejected(struct import *im, const struct ehc_error *failure)
{
	const char *ref = im->row.c.ref;
	char used[EHC_REF_MAX + 1];
	struct ehc_error err = { 0 };
	int status;

	status = ehc_store_get_case(im->store, ref, copy_ref, used, &err);
	if (status == EHC_NOINPUT) {
		report(im, "%s", failure->message);
		im->counts->invalid++;
		return EHC_OK;
	}
	if (status != EHC_OK) {
		*im->err = err;
		return status;
	}
	if (im->options->skip_duplicates) {
		im->counts->skipped++;
		return EHC_OK;
	}
	if (strcmp(used, ref) == 0)
		report(im, "column 'ref': '%s' is already used by another case",
		       ref);
	else
		report(im, "column 'ref': '%s' is already used by case '%s', "
		       "and references ignore case", ref, used);
	im->counts->invalid++;
	return EHC_OK;
}

/* Stores the case of a valid row with its import event and its lists. */
static int
store_row(struct import *im)
{
	struct ehc_error failure = { 0 };
	char *detail = import_detail(im);
	int status;

	if (detail == NULL)
		return ehc_error_set(im->err, EHC_SOFTWARE, "out of memory");
	status = ehc_store_insert_case(im->store, &im->row.c, "import",
				       detail, im->row.note, &failure);
	free(detail);
	if (status == EHC_DATAERR)
		return rejected(im, &failure);
	if (status != EHC_OK) {
		*im->err = failure;
		return status;
	}

	/*
	 * A list the database rejects makes the row invalid, so that the
	 * import stores nothing rather than a case without it.
	 */
	status = store_lists(im, &failure);
	if (status == EHC_DATAERR) {
		report(im, "%s", failure.message);
		im->counts->invalid++;
		return EHC_OK;
	}
	if (status != EHC_OK) {
		*im->err = failure;
		return status;
	}
	im->counts->imported++;
	return EHC_OK;
}

/* Checks the row whose values are set, and stores it if it is valid. */
static int
take_row(struct import *im, bool valid)
{
	const struct ehc_import_options *o = im->options;
	int status = EHC_DATAERR;

	im->counts->rows++;
	if (valid)
		status = ehc_import_row_check(&im->row, &im->settings,
					      report_row, im);
	if (status == EHC_OK)
		status = store_row(im);
	else if (status == EHC_DATAERR)
		im->counts->invalid++;
	if (o->progress != NULL &&
	    im->counts->rows % EHC_IMPORT_PROGRESS_ROWS == 0)
		o->progress(im->counts, o->context);
	if (status == EHC_SOFTWARE && im->err->message[0] == '\0')
		ehc_error_set(im->err, EHC_SOFTWARE, "out of memory");
	return status == EHC_DATAERR ? EHC_OK : status;
}

/* Returns whether every field of a record is empty. */
static bool
empty_record(char **fields, size_t count)
{
	for (size_t i = 0; i < count; i++)
		if (fields[i][0] != '\0')
			return false;
	return true;
}

/*
 * Sets the values of a CSV record by the header's columns. Spreadsheets
 * write rows of empty cells after the last one, so such a record counts as
 * a blank line.
 */
static int
csv_row(struct import *im, char **fields, size_t count)
{
	if (empty_record(fields, count))
		return EHC_OK;
	ehc_import_row_clear(&im->row);
	for (size_t i = 0; i < count; i++) {
		if (i < im->header_count && im->header[i] >= 0) {
			ehc_import_row_set(&im->row, (size_t)im->header[i],
					   fields[i]);
		} else if (fields[i][0] != '\0') {
			report(im, "field %zu holds a value, but the header "
			       "names only %zu columns", i + 1,
			       im->header_count);
			return take_row(im, false);
		}
	}
	return take_row(im, true);
}

static int
import_csv(struct import *im, FILE *in)
{
	struct ehc_csv *csv = ehc_csv_create(in);
	struct ehc_error reader = { 0 };
	char **fields;
	size_t count;
	int status;

	if (csv == NULL)
		return ehc_error_set(im->err, EHC_SOFTWARE, "out of memory");
	status = ehc_csv_next(csv, &fields, &count, &reader);
	if (status == EHC_OK)
		status = read_header(im, fields, count);
	else if (status == EHC_NOINPUT)
		status = no_header(im);
	while (status == EHC_OK &&
	       (status = ehc_csv_next(csv, &fields, &count, &reader)) ==
	       EHC_OK) {
		im->line = ehc_csv_line(csv);
		status = csv_row(im, fields, count);
	}
	if (status == EHC_NOINPUT)
		status = EHC_OK;
	else if (reader.status != EHC_OK)
		status = reader_failed(im, &reader);
	ehc_csv_destroy(csv);
	return status;
}

/*
 * Sets the values of a JSON lines object. Its member names are column
 * names, matched as the header's are, so each object is checked alone. A
 * value in a column of text or dates must be a JSON string: true, false or
 * a number there is an error, never the text "true" or "5".
 */
static int
jsonl_row(struct import *im, const struct ehc_jsonl *jsonl, char **keys,
	  char **values, size_t count)
{
	size_t seen[EHC_TRANSFER_COLUMN_COUNT] = { 0 };
	char message[1024];
	int column;

	ehc_import_row_clear(&im->row);
	for (size_t i = 0; i < count; i++) {
		if ((column = ehc_transfer_column_find(keys[i])) < 0) {
			unknown_column(keys[i], message, sizeof(message));
			report(im, "%s", message);
			return take_row(im, false);
		}
		if (seen[column] != 0) {
			report(im, "column '%s' is given twice, as '%s' and "
			       "'%s'", ehc_transfer_columns[column].name,
			       keys[seen[column] - 1], keys[i]);
			return take_row(im, false);
		}
		seen[column] = i + 1;
		if (values[i] != NULL && !ehc_jsonl_string(jsonl, i) &&
		    ehc_transfer_columns[column].kind != EHC_KIND_MINUTES) {
			report(im, "column '%s': %s is not text; write it in "
			       "double quotes",
			       ehc_transfer_columns[column].name, values[i]);
			return take_row(im, false);
		}
		ehc_import_row_set(&im->row, (size_t)column, values[i]);
	}
	return take_row(im, true);
}

static int
import_jsonl(struct import *im, FILE *in)
{
	struct ehc_jsonl *jsonl = ehc_jsonl_create(in);
	struct ehc_error reader = { 0 };
	char **keys, **values;
	size_t count;
	int status;

	if (jsonl == NULL)
		return ehc_error_set(im->err, EHC_SOFTWARE, "out of memory");
	while ((status = ehc_jsonl_next(jsonl, &keys, &values, &count,
					&reader)) == EHC_OK) {
		im->line = ehc_jsonl_line(jsonl);
		status = jsonl_row(im, jsonl, keys, values, count);
		if (status != EHC_OK)
			break;
	}
	if (status == EHC_NOINPUT)
		status = EHC_OK;
	else if (reader.status != EHC_OK)
		status = reader_failed(im, &reader);
	ehc_jsonl_destroy(jsonl);
	return status;
}

int
ehc_import(struct ehc_store *store, FILE *in,
	   const struct ehc_import_options *options,
	   struct ehc_import_counts *counts, struct ehc_error *err)
{
	struct import im = {
		.store = store, .options = options, .counts = counts,
		.settings = { options->dates, options->today,
			      options->config },
		.err = err,
	};
	int status;

	*counts = (struct ehc_import_counts){ 0 };
	err->message[0] = '\0';
	if ((status = ehc_store_begin(store, err)) != EHC_OK)
		return status;
	if (options->format == EHC_FORMAT_JSONL)
		status = import_jsonl(&im, in);
	else
		status = import_csv(&im, in);
	if (status == EHC_OK && counts->invalid > 0) {
		status = err->status = EHC_DATAERR;
		err->message[0] = '\0';
	}
	if (status == EHC_OK && !options->dry_run)
		status = ehc_store_commit(store, err);
	if (status != EHC_OK || options->dry_run)
		ehc_store_rollback(store);
	ehc_import_row_release(&im.row);
	free(im.header);
	return status;
}

/* Removes a database file and the files SQLite keeps beside it. */
static void
remove_database(const char *path)
{
	static const char *const suffixes[] = { "-wal", "-shm", "-journal" };
	size_t size = strlen(path) + sizeof("-journal");
	char *name = malloc(size);

	unlink(path);
	for (size_t i = 0; name != NULL && i < 3; i++) {
		snprintf(name, size, "%s%s", path, suffixes[i]);
		unlink(name);
	}
	free(name);
}

/*
 * Imports into the existing database at path. Read mode sets no journal
 * mode, so the configured one is set only after the commit, and a dry run
 * or a failed import leaves even that unchanged.
 */
static int
import_existing(const char *path, FILE *in,
		const struct ehc_import_options *options,
		struct ehc_import_counts *counts, struct ehc_error *err)
{
	struct ehc_store *store = NULL;
	int status;

	status = ehc_store_open_journal(&store, path, EHC_STORE_READ,
					options->config->journal, err);
	if (status != EHC_OK)
		return status;
	status = ehc_import(store, in, options, counts, err);
	if (status == EHC_OK && !options->dry_run)
		status = ehc_store_set_journal(store, options->config->journal,
					       err);
	ehc_store_close(store);
	return status;
}

/*
 * Fills the new database at path and removes it when the import fails. In
 * WAL mode all of a transaction's pages go to the WAL, whose index in shared
 * memory grows with them, so a large import would grow in memory with its
 * file. No other command can see this file, so it is filled with a rollback
 * journal and given the configured mode after the commit.
 */
static int
fill_new(const char *path, FILE *in, const struct ehc_import_options *options,
	 struct ehc_import_counts *counts, struct ehc_error *err)
{
	struct ehc_store *store = NULL;
	int status;

	status = ehc_store_open_journal(&store, path, EHC_STORE_WRITE,
					EHC_JOURNAL_DELETE, err);
	if (status == EHC_OK)
		status = ehc_import(store, in, options, counts, err);
	if (status == EHC_OK && !options->dry_run)
		status = ehc_store_set_journal(store, options->config->journal,
					       err);
	ehc_store_close(store);
	if (status != EHC_OK)
		remove_database(path);
	return status;
}

/*
 * Gives the finished database at tmp the name path, unless another command
 * created a database there during the import: a hard link, unlike a rename,
 * never replaces a file.
 */
static int
created_meanwhile(const char *path, struct ehc_error *err)
{
	return ehc_error_set(err, EHC_CANTCREAT,
			     "database '%s' was created by another command "
			     "during the import, so nothing was imported; "
			     "run the import again to add the cases to it",
			     path);
}

static int
put_in_place(const char *tmp, const char *path, struct ehc_error *err)
{
	if (link(tmp, path) == 0)
		return EHC_OK;
	if (errno == EEXIST)
		return created_meanwhile(path, err);

	/*
	 * NOTE: some network file systems have no hard links. There a rename
	 * takes the link's place, and a database that another command creates
	 * between the check and the rename is replaced.
	 */
	if (access(path, F_OK) == 0)
		return created_meanwhile(path, err);
	if (errno == ENOENT && rename(tmp, path) == 0)
		return EHC_OK;
	return ehc_error_set(err, EHC_CANTCREAT,
			     "cannot create database '%s': %s", path,
			     strerror(errno));
}

/*
 * Puts path in place of the name of the import's own file in a message,
 * because that file is removed once the import fails.
 */
static void
name_database(struct ehc_error *err, const char *tmp, const char *path)
{
	char message[sizeof(err->message)];
	char *at = strstr(err->message, tmp);

	if (at == NULL)
		return;
	snprintf(message, sizeof(message), "%.*s%s%s",
		 (int)(at - err->message), err->message, path,
		 at + strlen(tmp));
	memcpy(err->message, message, sizeof(message));
}

/*
 * Imports into a database that does not exist yet. The import fills a file
 * of its own beside path, named path.import-XXXXXX, and gives it the name
 * path only once it is complete. No other command can open a half-imported
 * database, and a killed import leaves only that file.
 */
static int
import_new(const char *path, FILE *in,
	   const struct ehc_import_options *options,
	   struct ehc_import_counts *counts, struct ehc_error *err)
{
	static const char suffix[] = ".import-XXXXXX";
	char *tmp;
	int fd, status;

	if ((status = ehc_store_make_parent(path, err)) != EHC_OK)
		return status;
	if ((tmp = malloc(strlen(path) + sizeof(suffix))) == NULL)
		return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
	sprintf(tmp, "%s%s", path, suffix);
	if ((fd = mkstemp(tmp)) == -1 || fchmod(fd, 0600) == -1) {
		status = ehc_error_set(err, EHC_CANTCREAT,
				       "cannot create database '%s': %s", path,
				       strerror(errno));
		if (fd != -1) {
			close(fd);
			unlink(tmp);
		}
		free(tmp);
		return status;
	}
	close(fd);

	status = fill_new(tmp, in, options, counts, err);
	if (status == EHC_OK)
		status = put_in_place(tmp, path, err);
	else
		name_database(err, tmp, path);
	remove_database(tmp);
	free(tmp);
	return status;
}

/* Checks a file in a dry run against an empty database made for it. */
static int
import_scratch(FILE *in, const struct ehc_import_options *options,
	       struct ehc_import_counts *counts, struct ehc_error *err)
{
	const char *tmpdir = getenv("TMPDIR");
	char dir[4096], path[4200];
	int status;

	snprintf(dir, sizeof(dir), "%s/ehc-import.XXXXXX",
		 tmpdir != NULL && *tmpdir != '\0' ? tmpdir : "/tmp");
	if (mkdtemp(dir) == NULL)
		return ehc_error_set(err, EHC_CANTCREAT,
				     "cannot create a temporary directory "
				     "for the dry run in '%s': %s",
				     tmpdir != NULL ? tmpdir : "/tmp",
				     strerror(errno));
	snprintf(path, sizeof(path), "%s/ehc.db", dir);
	status = fill_new(path, in, options, counts, err);
	remove_database(path);
	rmdir(dir);
	return status;
}

int
ehc_import_file(const char *path, FILE *in,
		const struct ehc_import_options *options,
		struct ehc_import_counts *counts, struct ehc_error *err)
{
	struct stat sb;
	size_t len = strlen(path);
	bool existed;

	*counts = (struct ehc_import_counts){ 0 };

	/*
	 * lstat, not stat: a symbolic link to a missing file is a name taken,
	 * which the store then reports as a database that does not exist.
	 */
	existed = lstat(path, &sb) == 0 || errno != ENOENT;
	if (!existed && len > 0 && path[len - 1] == '/')
		return ehc_error_set(err, EHC_CANTCREAT,
				     "cannot create database '%s': it names a "
				     "directory; give a file name", path);
	if (existed)
		return import_existing(path, in, options, counts, err);
	if (options->dry_run)
		return import_scratch(in, options, counts, err);
	return import_new(path, in, options, counts, err);
}
