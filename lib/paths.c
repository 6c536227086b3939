/* Database and configuration locations, after the XDG base directories. */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ehc/paths.h"

#define SYSTEM_CONFIG "/etc/ehc/config.yaml"

/* Returns a new string joining a and b, or NULL when out of memory. */
static char *
join(const char *a, const char *b)
{
	size_t len = strlen(a) + strlen(b) + 1;
	char *s = malloc(len);

	if (s != NULL)
		snprintf(s, len, "%s%s", a, b);
	return s;
}

/* The XDG spec says to ignore a base directory that is not absolute. */
static const char *
xdg_base(const char *name)
{
	const char *value = getenv(name);

	return value != NULL && value[0] == '/' ? value : NULL;
}

static const char *
nonempty_env(const char *name)
{
	const char *value = getenv(name);

	return value != NULL && value[0] != '\0' ? value : NULL;
}

int
ehc_paths_database(const char *option, char **out, struct ehc_error *err)
{
	const char *base;

	if (option == NULL)
		option = nonempty_env("EHC_DB");
	if (option != NULL)
		*out = strdup(option);
	else if ((base = xdg_base("XDG_DATA_HOME")) != NULL)
		*out = join(base, "/ehc/ehc.db");
	else if ((base = xdg_base("HOME")) != NULL)
		*out = join(base, "/.local/share/ehc/ehc.db");
	else
		return ehc_error_set(err, EHC_USAGE,
				     "no database given and HOME is not set to "
				     "an absolute path; pass --db PATH or set "
				     "EHC_DB");
	if (*out == NULL)
		return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
	return EHC_OK;
}

/* Sets *path to the user's config file name, or NULL without a home. */
static int
user_config(char **path)
{
	const char *base;

	*path = NULL;
	if ((base = xdg_base("XDG_CONFIG_HOME")) != NULL)
		*path = join(base, "/ehc/config.yaml");
	else if ((base = xdg_base("HOME")) != NULL)
		*path = join(base, "/.config/ehc/config.yaml");
	else
		return EHC_OK;
	return *path != NULL ? EHC_OK : EHC_SOFTWARE;
}

/*
 * Loads path over config when it exists; a missing file is no error. lstat
 * finds a dangling symbolic link, which must fail rather than be skipped.
 */
static int
load_optional(struct ehc_config *config, const char *path, bool *loaded,
	      struct ehc_error *err)
{
	struct stat sb;

	if (lstat(path, &sb) != 0 && errno == ENOENT)
		return EHC_OK;
	*loaded = true;
	if (ehc_config_load(config, path, err) == EHC_OK)
		return EHC_OK;
	if (err != NULL && err->status == EHC_NOINPUT)
		err->status = EHC_CONFIG;
	return EHC_CONFIG;
}

int
ehc_paths_config(const char *option, struct ehc_config **out,
		 struct ehc_error *err)
{
	struct ehc_config *config = ehc_config_create();
	bool loaded = false;
	char *path = NULL;
	int status;

	if (config == NULL)
		return ehc_error_set(err, EHC_SOFTWARE, "out of memory");
	if (option == NULL)
		option = nonempty_env("EHC_CONFIG");
	if (option != NULL) {
		/* A file the user named is part of the set-up, not input. */
		status = ehc_config_load(config, option, err);
		if (status == EHC_NOINPUT) {
			status = EHC_CONFIG;
			if (err != NULL)
				err->status = status;
		}
		goto done;
	}

	status = user_config(&path);
	if (status != EHC_OK) {
		ehc_error_set(err, status, "out of memory");
		goto done;
	}
	if (path != NULL)
		status = load_optional(config, path, &loaded, err);
	if (status == EHC_OK && !loaded)
		status = load_optional(config, SYSTEM_CONFIG, &loaded, err);

done:
	free(path);
	if (status != EHC_OK) {
		ehc_config_destroy(config);
		return status;
	}
	*out = config;
	return EHC_OK;
}
