# The command line itself: help, version, unknown commands and options, and a
# usage error for every subcommand.
. "$(dirname "$0")/lib.sh"

commands="acronym assess com-record config correct deadlines exception export \
help import issue-plan list log panel-decide record-outcome request \
schedule-com show withdraw"

# usage_error NAME ARGS...: "ehc ARGS" is a usage error: exit 64, nothing on
# stdout, one line on stderr that points to --help, and no database made.
usage_error() {
	name=$1
	shift
	rm -f "$tmp/usage.db"
	check "$name" 64 env EHC_DB="$tmp/usage.db" "$EHC" "$@" || return
	out_empty "$name prints nothing"
	err_has "$name names --help" "--help"
	if [ -e "$tmp/usage.db" ]; then
		fail "$name created the database"
	else
		pass
	fi
}

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

	usage_error "$command unknown option" "$command" --no-such-option
	err_has "$command unknown option" \
		"ehc: $command: unknown option '--no-such-option'; see 'ehc $command --help'"

	usage_error "$command option without value" "$command" --db
	err_has "$command option without value" "'--db' needs a value"

	usage_error "$command bad --today" "$command" --today 2026-02-30
	err_has "$command bad --today" "invalid --today '2026-02-30'"
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
check "escape in command name" 64 "$EHC" "$(printf 'x\033[2Jy')"
err_has "escape in command name is escaped" 'x\x1b[2Jy'

# Operands where a command takes none, or more than it takes.
for args in "deadlines extra" "list extra" "config extra" "show A B" \
	"acronym A B" "help show extra" "show" "help nosuch" "log" "log A B" \
	"com-record" "com-record A B" "withdraw A B --reason x"; do
	# shellcheck disable=SC2086
	usage_error "usage: $args" $args
done

# usage_case NAME TEXT ARGS...: a usage error whose message contains TEXT.
usage_case() {
	name=$1
	text=$2
	shift 2
	usage_error "$name" "$@" && err_has "$name message" "$text"
}

usage_case "assess without ref" "missing case reference" \
	assess --decision assess
usage_case "assess without step" "missing --decision, --advice-requested" \
	assess A-1
usage_case "assess two steps" \
	"--decision and --advice-requested cannot be used together" \
	assess A-1 --decision assess --advice-requested health
usage_case "assess two sources" "--advice-received was given twice" \
	assess A-1 --advice-received health --advice-received education
usage_case "assess bad decision" \
	"invalid --decision 'maybe': expected assess or no-assess" \
	assess A-1 --decision maybe
usage_case "assess bad source" "invalid --advice-requested 'dentist'" \
	assess A-1 --advice-requested dentist
usage_case "assess bad date" "invalid --date '2026-02-30'" \
	assess A-1 --decision assess --date 2026-02-30

usage_case "schedule-com without ref" "missing case reference" \
	schedule-com --at '2027-01-12 10:00'
usage_case "schedule-com without time" "missing --at" schedule-com A-1
for at in '2027-01-12 24:00' '2027-01-12 10:60' '2027-01-12' \
	'2027-01-12T10:00' '2027-01-12 9:00' '12/01/2027 10:00'; do
	usage_case "schedule-com at '$at'" "invalid --at '$at': expected" \
		schedule-com A-1 --at "$at"
done
usage_case "schedule-com impossible day" \
	"invalid --at '2027-02-29 10:00': February" \
	schedule-com A-1 --at '2027-02-29 10:00'
for minutes in 14 481 090 -5 2h ''; do
	usage_case "schedule-com minutes '$minutes'" \
		"invalid --minutes '$minutes'" \
		schedule-com A-1 --at '2027-01-12 10:00' --minutes "$minutes"
done
usage_case "schedule-com bad date" "invalid --date '2026-13-01'" \
	schedule-com A-1 --at '2027-01-12 10:00' --date 2026-13-01

usage_case "record-outcome without ref" "missing case reference" \
	record-outcome --held
usage_case "record-outcome without step" "missing --held or --area" \
	record-outcome A-1
usage_case "record-outcome held and area" \
	"--held and --area cannot be used together" \
	record-outcome A-1 --held --area ci
usage_case "record-outcome held with outcome" \
	"--held and --outcome cannot be used together" \
	record-outcome A-1 --held --outcome x
usage_case "record-outcome held with by" \
	"--held and --by cannot be used together" \
	record-outcome A-1 --held --by 2027-07-01
usage_case "record-outcome area with attended" \
	"--area and --attended cannot be used together" \
	record-outcome A-1 --area ci --outcome x --provision y --attended Mum
usage_case "record-outcome without outcome" "missing --outcome" \
	record-outcome A-1 --area ci --provision y
usage_case "record-outcome without provision" "missing --provision" \
	record-outcome A-1 --area cl --outcome x
usage_case "record-outcome bad area" "invalid --area 'maths'" \
	record-outcome A-1 --area maths --outcome x --provision y
usage_case "record-outcome bad by" "invalid --by '2027-02-29'" \
	record-outcome A-1 --area sp --outcome x --provision y --by 2027-02-29
usage_case "record-outcome bad date" "invalid --date '31/12/2026'" \
	record-outcome A-1 --held --date 31/12/2026

usage_case "panel-decide without ref" "missing case reference" \
	panel-decide --decision issue
usage_case "panel-decide without step" "missing --decision or" \
	panel-decide A-1
usage_case "panel-decide two steps" \
	"--decision and --support-meeting cannot be used together" \
	panel-decide A-1 --decision no-issue --support-meeting 2026-11-01
usage_case "panel-decide meeting with date" \
	"--support-meeting and --date cannot be used together" \
	panel-decide A-1 --support-meeting 2026-11-01 --date 2026-11-02
usage_case "panel-decide bad decision" \
	"invalid --decision 'yes': expected issue or no-issue" \
	panel-decide A-1 --decision yes
usage_case "panel-decide bad meeting date" \
	"invalid --support-meeting '2026-02-29'" \
	panel-decide A-1 --support-meeting 2026-02-29
usage_case "panel-decide bad date" "invalid --date '2026-11-31'" \
	panel-decide A-1 --decision issue --date 2026-11-31

usage_case "issue-plan without ref" "missing case reference" \
	issue-plan --draft
usage_case "issue-plan without step" "missing --draft, --comments-received" \
	issue-plan A-1
usage_case "issue-plan two steps" "--draft and --final cannot be used" \
	issue-plan A-1 --draft --final --placement X
usage_case "issue-plan final without placement" "missing --placement" \
	issue-plan A-1 --final
usage_case "issue-plan draft with placement" \
	"--draft and --placement cannot be used together" \
	issue-plan A-1 --draft --placement X
usage_case "issue-plan value for a flag" "'--final=yes' takes no value" \
	issue-plan A-1 --final=yes --placement X
usage_case "issue-plan bad date" "invalid --date '2026-00-10'" \
	issue-plan A-1 --draft --date 2026-00-10

usage_case "withdraw without ref" "missing case reference" \
	withdraw --reason moved
usage_case "withdraw without reason" "missing --reason" withdraw A-1
usage_case "withdraw bad date" "invalid --date 'yesterday'" \
	withdraw A-1 --reason moved --date yesterday

usage_case "exception without ref" "missing case reference" \
	exception --reason absence
usage_case "exception without reason" "missing --reason" exception A-1
usage_case "exception bad reason" \
	"invalid --reason 'illness': expected school-closure" \
	exception A-1 --reason illness
usage_case "exception bad from" "invalid --from '2026-04-31'" \
	exception A-1 --reason absence --from 2026-04-31
usage_case "exception bad to" "invalid --to 'soon'" \
	exception A-1 --reason absence --to soon
usage_case "exception bad date" "invalid --date '2026-1-1'" \
	exception A-1 --reason absence --date 2026-1-1

usage_case "correct without ref" "missing case reference" correct --ep X
usage_case "correct nothing" "nothing to correct" correct A-1
usage_case "correct only a note" "nothing to correct" correct A-1 --note x
usage_case "correct step without date" "--step needs --date" \
	correct A-1 --step com-held
usage_case "correct date without step" "--date needs --step" \
	correct A-1 --date 2026-11-01
usage_case "correct bad step" "invalid --step 'com': expected received," \
	correct A-1 --step com --date 2026-11-01
usage_case "correct advice without source" \
	"invalid --step 'advice-received'" \
	correct A-1 --step advice-received --date 2026-11-01
usage_case "correct advice bad source" \
	"expected a source after 'advice-requested:'" \
	correct A-1 --step advice-requested:dentist --date 2026-11-01
usage_case "correct source on other step" "invalid --step 'com-held:health'" \
	correct A-1 --step com-held:health --date 2026-11-01
usage_case "correct bad date" "invalid --date '2026-02-30'" \
	correct A-1 --step com-held --date 2026-02-30
usage_case "correct bad dob" "invalid --dob '2016-02-30'" \
	correct A-1 --dob 2016-02-30
usage_case "correct bad source" "invalid --source 'mum'" \
	correct A-1 --source mum

usage_case "log bad format" "invalid --format 'xml'" log A-1 --format xml
usage_case "list bad stage" "invalid --stage 'open': expected requested," \
	list --stage open
usage_case "list open and ended" "--open and --ended cannot be used" \
	list --open --ended
usage_case "deadlines bad milestone" \
	"invalid --milestone 'advice:dentist': expected assess-decision" \
	deadlines --milestone advice:dentist
usage_case "deadlines overdue and within" \
	"--overdue and --within cannot be used together" \
	deadlines --overdue --within 7

usage_case "import two files" "unexpected argument 'b.csv'" \
	import a.csv b.csv
usage_case "import bad format" \
	"invalid --format 'tsv': expected csv or jsonl" import --format tsv a.csv
usage_case "import bad date format" \
	"invalid --date-format 'mdy': expected iso or dmy" \
	import --date-format mdy a.csv
usage_case "import bad duplicate choice" \
	"invalid --on-duplicate 'replace': expected error or skip" \
	import --on-duplicate replace a.csv
usage_case "import value for a flag" "option '--dry-run=yes' takes no value" \
	import --dry-run=yes a.csv
usage_case "export bad format" \
	"invalid --format 'json': expected csv or jsonl" export --format json
usage_case "export operand" "unexpected argument 'cases.csv'" \
	export cases.csv

finish
