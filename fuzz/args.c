/*
 * A libFuzzer target for the ehc command line. The input, split on NUL
 * bytes, is the argument list after "ehc --db DB", and the whole of main
 * (built here as ehc_main) runs on it with stdin, stdout and stderr sent to
 * /dev/null. Each run gets a fresh directory, as its working directory,
 * holding a copy of a database with one case (ref F-1) in it.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ehc.h"

int ehc_main(int argc, char **argv);
int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Longer argument lists only slow the search down. */
#define ARGS_MAX 64

static char base_dir[4096];
static char start_dir[4096];	/* where libFuzzer reads and writes corpora */
static char template_db[4200];
static FILE *null_out;

/* Runs ehc_main on argv as a fresh process would, quietly. */
static int
run_ehc(int argc, char **argv)
{
	FILE *saved_stderr = stderr;
	int status;

	memset(&ehc_context, 0, sizeof(ehc_context));
	optind = 0;	/* glibc: 0 also resets getopt's inner state */
	opterr = 1;
	stderr = null_out;
	status = ehc_main(argc, argv);
	fflush(stdout);
	clearerr(stdout);
	stderr = saved_stderr;
	return status;
}

static int
remove_entry(const char *path, const struct stat *st, int type,
	     struct FTW *ftw)
{
	return remove(path);
}

/* Removes the base directory when libFuzzer exits normally. */
static void
remove_base_dir(void)
{
	if (chdir("/") == 0)
		nftw(base_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = getenv("TMPDIR");
	char *request[] = {
		"ehc", "--db", template_db, "request", "--child", "Fuzz Child",
		"--dob", "2016-03-04", "--received", "2026-09-01",
		"--ref", "F-1", NULL,
	};

	snprintf(base_dir, sizeof(base_dir), "%s/ehc-fuzz-args.XXXXXX",
		 tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
	if (mkdtemp(base_dir) == NULL) {
		perror("fuzz-args: mkdtemp");
		abort();
	}
	if (getcwd(start_dir, sizeof(start_dir)) == NULL) {
		perror("fuzz-args: getcwd");
		abort();
	}
	atexit(remove_base_dir);
	snprintf(template_db, sizeof(template_db), "%s/template.db", base_dir);

	/*
	 * Nothing of the developer's set-up may be read, and help must not
	 * start man(1), so PATH names nothing.
	 */
	unsetenv("EHC_CONFIG");
	unsetenv("EHC_DB");
	setenv("HOME", base_dir, 1);
	setenv("XDG_DATA_HOME", base_dir, 1);
	setenv("XDG_CONFIG_HOME", base_dir, 1);
	setenv("EHC_TODAY", "2026-12-01", 1);
	setenv("TZ", "Europe/London", 1);
	setenv("PATH", "/nonexistent", 1);

	null_out = fopen("/dev/null", "w");
	if (null_out == NULL || freopen("/dev/null", "r", stdin) == NULL ||
	    freopen("/dev/null", "w", stdout) == NULL) {
		perror("fuzz-args: /dev/null");
		abort();
	}
	if (run_ehc(12, request) != 0) {
		fprintf(stderr, "fuzz-args: cannot create %s\n", template_db);
		abort();
	}
	return 0;
}

/* Copies the template database to path. Returns 0, or -1 on failure. */
static int
copy_template(const char *path)
{
	char buf[65536];
	FILE *in, *out;
	size_t n;
	int status = 0;

	if ((in = fopen(template_db, "rb")) == NULL)
		return -1;
	if ((out = fopen(path, "wb")) == NULL) {
		fclose(in);
		return -1;
	}
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		if (fwrite(buf, 1, n, out) != n)
			status = -1;
	if (ferror(in))
		status = -1;
	fclose(in);
	if (fclose(out) != 0)
		status = -1;
	return status;
}

/*
 * Returns whether arg is safe to run. An argument with a slash could name
 * a file outside the run's directory, so only dates such as 1/4/2026 may
 * contain one.
 */
static int
is_safe(const char *arg)
{
	if (strchr(arg, '/') == NULL)
		return 1;
	return strspn(arg, "0123456789/") == strlen(arg);
}

/*
 * Splits data on NUL bytes into argv after its first head entries. Returns
 * the new argc, or -1 when an argument is unsafe or there are too many.
 */
static int
split_args(char *data, size_t size, char **argv, int head)
{
	int argc = head;
	char *p = data, *end = data + size;

	/* data[size] is a NUL, so each strlen stops at or before it. */
	while (p < end && argc < head + ARGS_MAX) {
		if (!is_safe(p))
			return -1;
		argv[argc++] = p;
		p += strlen(p) + 1;
	}
	if (p < end)
		return -1;
	argv[argc] = NULL;
	return argc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char run_dir[4200], db[4300];
	char *argv[ARGS_MAX + 4], *copy;
	int argc;

	if (size > 4096)
		return 0;

	/* The copy ends in a NUL, so the last argument is terminated too. */
	copy = malloc(size + 1);
	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';

	snprintf(run_dir, sizeof(run_dir), "%s/run.XXXXXX", base_dir);
	argv[0] = "ehc";
	argv[1] = "--db";
	argv[2] = db;
	argc = split_args(copy, size, argv, 3);
	if (argc < 0) {
		free(copy);
		return 0;
	}
	if (mkdtemp(run_dir) == NULL || chdir(run_dir) == -1) {
		perror("fuzz-args: run directory");
		abort();
	}
	snprintf(db, sizeof(db), "%s/ehc.db", run_dir);
	if (copy_template(db) == -1) {
		perror("fuzz-args: copy of the template database");
		abort();
	}

	run_ehc(argc, argv);

	if (chdir(start_dir) == -1 ||
	    nftw(run_dir, remove_entry, 16, FTW_DEPTH | FTW_PHYS) == -1) {
		perror("fuzz-args: cleaning the run directory");
		abort();
	}
	free(copy);
	return 0;
}
