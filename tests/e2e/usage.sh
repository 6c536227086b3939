# The command line itself: help, version, unknown commands and options, and a
# usage error for every subcommand.
. "$(dirname "$0")/lib.sh"

commands="acronym config deadlines help list request show"

check "help" 0 "$EHC" --help
listed=$(awk '/^commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }' \
	"$tmp/out" | tr '\n' ' ')
if [ "$listed" = "$commands " ]; then pass; else
	fail "help lists '$listed', expected '$commands '"; fi

check "version" 0 "$EHC" --version
if grep -qx 'ehc [0-9][0-9.]*' "$tmp/out"; then pass; else
	fail "version: '$(cat "$tmp/out")'"; fi

check "no command" 64 "$EHC"
out_empty "no command prints nothing"
err_has "no command" "missing command"

check "unknown command" 64 "$EHC" reqest
err_has "unknown command suggests" "did you mean 'request'?"
check "far-off command" 64 "$EHC" frobnicate
err_has "far-off command" "unknown command 'frobnicate'"

check "unknown global option" 64 "$EHC" --frob deadlines
err_has "unknown global option" "unknown option '--frob'"

check "global option without value" 64 "$EHC" --db
err_has "global option without value" "'--db' needs a value"

for command in $commands; do
	check "$command --help" 0 "$EHC" "$command" --help
	if head -n 1 "$tmp/out" | grep -q "^usage: ehc $command"; then pass
	else fail "$command --help: first line '$(head -n 1 "$tmp/out")'"; fi

	"$EHC" help "$command" >"$tmp/help" 2>&1
	if cmp -s "$tmp/out" "$tmp/help"; then pass; else
		fail "ehc help $command differs from $command --help"; fi

	check "$command unknown option" 64 "$EHC" "$command" --no-such-option
	out_empty "$command unknown option prints nothing"
	err_has "$command unknown option" \
		"ehc: $command: unknown option '--no-such-option'; see 'ehc $command --help'"

	check "$command option without value" 64 "$EHC" "$command" --db
	err_has "$command option without value" "'--db' needs a value"
done

check "value for a flag" 64 "$EHC" deadlines --overdue=yes
err_has "value for a flag" "option '--overdue=yes' takes no value"
check "value for help" 64 "$EHC" --help=x
err_has "value for help" "option '--help=x' takes no value"
check "ambiguous abbreviation" 64 "$EHC" request --re X
err_has "ambiguous abbreviation" "ambiguous option '--re'"
check "unique abbreviation" 0 "$EHC" request --chi X --dob 2015-01-01
check "empty --db" 64 "$EHC" --db '' list
err_has "empty --db" "invalid --db ''"
check "empty --config" 64 "$EHC" list --config ''
err_has "empty --config" "invalid --config ''"
for command in list config acronym deadlines; do
	check "$command bad --today" 64 "$EHC" "$command" --today 2026-02-30
	err_has "$command bad --today" "invalid --today '2026-02-30'"
done
check "escape in command name" 64 "$EHC" "$(printf 'x\033[2Jy')"
err_has "escape in command name is escaped" 'x\x1b[2Jy'

# Operands where a command takes none, or more than it takes.
for args in "deadlines extra" "list extra" "config extra" "show A B" \
	"acronym A B" "help show extra" "show" "help nosuch"; do
	# shellcheck disable=SC2086
	check "usage: $args" 64 "$EHC" $args
	out_empty "usage: $args prints nothing"
	err_has "usage: $args names --help" "--help"
done

finish
