/* The locations of the database and the configuration. */
#ifndef EHC_PATHS_H
#define EHC_PATHS_H

#include "ehc/config.h"
#include "ehc/error.h"

/*
 * Sets *out to a new string naming the database: option (from --db) if not
 * NULL, else $EHC_DB, else $XDG_DATA_HOME/ehc/ehc.db, else
 * $HOME/.local/share/ehc/ehc.db. EHC_USAGE when none of these is set.
 */
int ehc_paths_database(const char *option, char **out, struct ehc_error *err);

/*
 * Loads the configuration: the file named by option (from --config) or
 * $EHC_CONFIG, which must exist, else the first of
 * $XDG_CONFIG_HOME/ehc/config.yaml (or ~/.config/ehc/config.yaml) and
 * /etc/ehc/config.yaml that exists, else the built-in default.
 */
int ehc_paths_config(const char *option, struct ehc_config **out,
		     struct ehc_error *err);

#endif
