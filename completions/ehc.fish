# fish completion for ehc. The candidates come from ehc itself
# ("ehc __complete"), so they follow its commands, options and database.

function __ehc_candidates
	set -l words (commandline -opc) (commandline -ct)
	command ehc __complete -- $words 2>/dev/null
end

complete -c ehc -f -a '(__ehc_candidates)'
# Files where a value is a path: the file to import, the database, the
# configuration file.
complete -c ehc -n '__fish_seen_subcommand_from import;
	and not __fish_prev_arg_in --format --date-format --on-duplicate' -F
complete -c ehc -l db -r -F
complete -c ehc -l config -r -F
complete -c ehc -n '__fish_seen_subcommand_from config' -l check -r -F
