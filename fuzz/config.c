/*
 * A libFuzzer target for the configuration loader. The input is the YAML
 * file, held in a memfd and loaded through /dev/fd. A file that loads is
 * written out, loaded again and written again: both texts must match,
 * apart from the comment line that names the file.
 */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "ehc/config.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int input_fd = -1, copy_fd = -1;
static char input_path[64], copy_path[64];

static int
open_memfd(const char *name, char *path, size_t path_size)
{
	int fd = memfd_create(name, 0);

	if (fd == -1) {
		perror("fuzz-config: memfd_create");
		abort();
	}
	snprintf(path, path_size, "/dev/fd/%d", fd);
	return fd;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	input_fd = open_memfd("input.yaml", input_path, sizeof(input_path));
	copy_fd = open_memfd("copy.yaml", copy_path, sizeof(copy_path));
	return 0;
}

/* Replaces the content of fd with size bytes of data. */
static void
fill(int fd, const void *data, size_t size)
{
	const char *p = data;
	ssize_t n;

	if (ftruncate(fd, 0) == -1)
		abort();
	for (off_t offset = 0; size > 0; offset += n, p += n, size -= n) {
		n = pwrite(fd, p, size, offset);
		if (n <= 0)
			abort();
	}
}

/* Returns config as ehc_config_write prints it, in a malloc'd string. */
static char *
print_config(const struct ehc_config *config, size_t *length)
{
	struct ehc_error err = { 0 };
	char *text = NULL;
	FILE *out = open_memstream(&text, length);

	if (out == NULL)
		abort();
	if (ehc_config_write(config, out, &err) != EHC_OK) {
		fprintf(stderr, "fuzz-config: write failed: %s\n", err.message);
		abort();
	}
	fclose(out);
	return text;
}

/* Skips the comment line naming the file the configuration came from. */
static const char *
skip_source_line(const char *text)
{
	const char *newline;

	if (strncmp(text, "# ", 2) != 0 ||
	    (newline = strchr(text, '\n')) == NULL)
		return text;
	return newline + 1;
}

/* Checks that the configuration written from config loads back unchanged. */
static void
check_round_trip(const struct ehc_config *config)
{
	struct ehc_error err = { 0 };
	struct ehc_config *again;
	char *first, *second;
	size_t first_length, second_length;

	first = print_config(config, &first_length);
	fill(copy_fd, first, first_length);
	again = ehc_config_create();
	if (again == NULL)
		abort();
	if (ehc_config_load(again, copy_path, &err) != EHC_OK) {
		fprintf(stderr, "fuzz-config: the written configuration is invalid: "
			"%s\n%s", err.message, first);
		abort();
	}
	second = print_config(again, &second_length);
	if (strcmp(skip_source_line(first), skip_source_line(second)) != 0) {
		fprintf(stderr, "fuzz-config: the written configuration loads "
			"back changed:\n%s"
			"---\n%s", first, second);
		abort();
	}
	free(first);
	free(second);
	ehc_config_destroy(again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ehc_error err = { 0 };
	struct ehc_config *config;

	fill(input_fd, data, size);
	config = ehc_config_create();
	if (config == NULL)
		return 0;
	if (ehc_config_load(config, input_path, &err) == EHC_OK)
		check_round_trip(config);
	ehc_config_destroy(config);
	return 0;
}
