# ehc import: files as spreadsheets and other systems write them, every kind
# of bad file rejected with the database left as it was, and the inputs that
# broke other tools.
. "$(dirname "$0")/lib.sh"

# The files are read from a folder of their own, so that messages and the
# history name them without a path.
mkdir "$tmp/files"
cp "$data_dir/import/"* "$tmp/files/"
cd "$tmp/files" || exit 99

# err_is NAME TEXT: stderr is exactly TEXT, which may be several lines.
err_is() {
	if [ "$(cat "$tmp/err")" = "$2" ]; then pass; else
		fail "$1: stderr is"
		sed 's/^/    got:      /' "$tmp/err"
		printf '%s\n' "$2" | sed 's/^/    expected: /'
	fi
}

# rejected NAME TEXT ARGS...: "ehc import ARGS" exits 65 with stderr exactly
# TEXT, prints nothing on stdout, and leaves the database byte for byte.
rejected() {
	name=$1
	text=$2
	shift 2
	snapshot
	check "$name" 65 "$EHC" import "$@"
	out_empty "$name prints nothing"
	err_is "$name message" "$text"
	unchanged "$name leaves the database"
}

# imported NAME ARGS...: "ehc import ARGS" succeeds and prints nothing.
imported() {
	name=$1
	shift
	check "$name" 0 "$EHC" import "$@"
	out_empty "$name prints nothing on stdout"
	err_empty "$name prints nothing on stderr off a terminal"
}

# refs: the references of every case, by received date, on one line.
refs() {
	"$EHC" list --format tsv | tail -n +2 | cut -f 1 | tr '\n' ' '
}

# same NAME GOT EXPECTED
same() {
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: got '$2', expected '$3'"; fi
}

# field REF COLUMN: the value of one column of case REF in the jsonl
# export, as JSON: a string in quotes, a number or null.
field() {
	value='("([^"\\]|\\.)*"|[^,}]*)'
	"$EHC" export --format jsonl |
		sed -E -n "/^\{\"ref\":\"$1\",/s/.*\"$2\":$value.*/\\1/p"
}

# The columns that a message about an unknown one lists.
expected="ref, child_name, date_of_birth, received, source, setting, aro, ep,"
expected="$expected notes, assess_decision, assess_decision_date,"
expected="$expected advice_SOURCE_requested, advice_SOURCE_received (SOURCE:"
expected="$expected parent, education, health, psychology, social_care or"
expected="$expected other), com_at, com_minutes, com_location, com_chair,"
expected="$expected com_booked_date, com_invited, com_held_date, com_attended,"
expected="$expected outcomes, issue_decision, issue_decision_date,"
expected="$expected support_meeting_date, draft_plan_date,"
expected="$expected comments_received_date, final_plan_date, placement,"
expected="$expected withdrawn_date, withdraw_reason, exceptions"

"$EHC" request --child "Seed Example" --dob 2016-01-01 --received 2026-08-01 \
	--ref SEED-1 >/dev/null

# A spreadsheet's file: a byte order mark, CRLF, padded header names in any
# case, quoted commas, quotes and line breaks, two trailing empty columns, a
# short row, a blank line, a row of empty cells and no newline at the end.
imported "spreadsheet file" caseload.csv
same "spreadsheet cases" "$(refs)" "SEED-1 IMP-1 IMP-2 IMP-3 IMP-4 "
same "quoted comma" "$(field IMP-1 setting)" '"Oak School, Lower Site"'
same "doubled quotes" "$(field IMP-1 notes)" '"a \"quoted\" word"'
same "line break inside quotes" "$(field IMP-2 notes)" \
	'"first line\nsecond line"'
same "non-ASCII name" "$(field IMP-2 child_name)" '"Zoë Example"'
same "text like a formula kept" "$(field IMP-3 notes)" '"=1+1"'
same "name like a formula kept" "$(field IMP-4 child_name)" '"@Bo Example"'
"$EHC" export --format jsonl >"$tmp/out"
if grep -q '\\r' "$tmp/out"; then fail "a value holds a carriage return"
else pass; fi

check "history records the import" 0 "$EHC" log IMP-2 --format tsv
mask_history
out_matches "history records the import" import/log-imp-2.tsv

# Cases under way in another system, with the columns it has.
imported "cases under way" under-way.csv
same "under way stages" "$("$EHC" list --format tsv | awk -F '\t' \
	'$1 ~ /^WAY/ { printf "%s=%s,%s ", $1, $3, $4 }')" \
	"WAY-1=draft-served, WAY-2=not-assessed,2026-07-01 WAY-3=withdrawn,2026-08-01 "

# JSON lines, its format taken from the extension, then from stdin.
imported "jsonl file" caseload.jsonl
same "jsonl escapes" "$(field JS-2 child_name)" '"Bo \"Bob\" Example"'
same "jsonl list column" "$(field JS-2 com_invited)" \
	'"[\"Parent carer\",\"SENCO\"]"'
same "jsonl number" "$(field JS-2 com_minutes)" "90"
printf '{"ref":"STD-1","child_name":"Ann Example",%s}\n' \
	'"date_of_birth":"2016-01-01","received":"2026-09-05"' >stdin.jsonl
check "jsonl on stdin" 0 sh -c '"$EHC" import - --format jsonl <stdin.jsonl'
err_empty "jsonl on stdin is quiet"
printf 'ref,child_name,date_of_birth,received\nSTD-2,Bo,2016-01-01,%s\n' \
	2026-09-06 >stdin.csv
check "csv on stdin without a name" 0 sh -c '"$EHC" import <stdin.csv'
same "stdin cases" "$(refs | grep -o 'STD-[0-9]' | tr '\n' ' ')" \
	"STD-1 STD-2 "

# UK dates, with and without leading zeros; two-digit years never.
imported "dd/mm/yyyy dates" --date-format dmy dmy.csv
same "dmy received" "$("$EHC" list --format tsv | awk -F '\t' \
	'$1 ~ /^DMY/ { printf "%s ", $2 }')" "2026-04-01 2026-04-01 2026-04-13 "
same "dmy date of birth" "$(field DMY-2 date_of_birth)" '"2015-11-05"'
rejected "two-digit year" \
	"ehc: import: two-digit-year.csv:3: column 'received': '01/04/26' is not a valid date: two-digit years are not accepted" \
	--date-format dmy two-digit-year.csv
sed 's/^DMY-/NEW-/' dmy.csv >dmy-iso.csv
rejected "dd/mm/yyyy without --date-format" \
	"ehc: import: dmy-iso.csv:2: column 'date_of_birth': '05/11/2015' is not a valid date: expected YYYY-MM-DD; for dd/mm/yyyy dates use --date-format dmy
ehc: import: dmy-iso.csv:2: column 'received': '01/04/2026' is not a valid date: expected YYYY-MM-DD; for dd/mm/yyyy dates use --date-format dmy
ehc: import: dmy-iso.csv:3: column 'date_of_birth': '5/11/2015' is not a valid date: expected YYYY-MM-DD; for dd/mm/yyyy dates use --date-format dmy
ehc: import: dmy-iso.csv:3: column 'received': '1/4/2026' is not a valid date: expected YYYY-MM-DD; for dd/mm/yyyy dates use --date-format dmy
ehc: import: dmy-iso.csv:4: column 'date_of_birth': '31/12/2015' is not a valid date: expected YYYY-MM-DD; for dd/mm/yyyy dates use --date-format dmy
ehc: import: dmy-iso.csv:4: column 'received': '13/04/2026' is not a valid date: expected YYYY-MM-DD; for dd/mm/yyyy dates use --date-format dmy" \
	dmy-iso.csv

check "every case exported" 0 "$EHC" export
out_matches "every case exported" import/caseload-export.csv
deadlines_are "deadlines of the imported cases" 2026-12-01 import/deadlines.tsv

# A dry run checks everything and writes nothing.
header='ref,child_name,date_of_birth,received'
printf '%s\nDRY-1,Ann,2016-01-01,2026-09-01\n' "$header" >dry.csv
snapshot
check "dry run" 0 "$EHC" import --dry-run dry.csv
out_empty "dry run prints nothing"
err_empty "dry run is quiet off a terminal"
unchanged "dry run leaves the database"
printf '%s\nDRY-1,Ann,2016-01-01,2026-09-01\nDRY-1,Ann,2016-01-01,%s\n' \
	"$header" 2026-09-31 >dry-bad.csv
rejected "dry run of a bad file" \
	"ehc: import: dry-bad.csv:3: column 'received': '2026-09-31' is not a valid date: September has 30 days" \
	--dry-run dry-bad.csv
check "dry run without a database" 0 env EHC_DB="$tmp/none/ehc.db" \
	"$EHC" import --dry-run dry.csv
if [ -e "$tmp/none" ]; then fail "a dry run created the database"
else pass; fi

# References already in use, in the database or earlier in the file.
rejected "references in use" \
	"ehc: import: caseload.csv:2: column 'ref': 'IMP-1' is already used by another case
ehc: import: caseload.csv:3: column 'ref': 'IMP-2' is already used by another case
ehc: import: caseload.csv:5: column 'ref': 'IMP-3' is already used by another case
ehc: import: caseload.csv:8: column 'ref': 'IMP-4' is already used by another case" \
	caseload.csv
printf '%s\nimp-1,Ann,2016-01-01,2026-09-01\n' "$header" >case.csv
rejected "references ignore case" \
	"ehc: import: case.csv:2: column 'ref': 'imp-1' is already used by case 'IMP-1', and references ignore case" \
	case.csv
printf '%s\nTWICE-1,Ann,2016-01-01,2026-09-01\nTWICE-1,Bo,2016-01-01,%s\n' \
	"$header" 2026-09-02 >twice.csv
rejected "reference twice in the file" \
	"ehc: import: twice.csv:3: column 'ref': 'TWICE-1' is already used by another case" \
	twice.csv
snapshot
imported "skip every row in use" --on-duplicate skip caseload.csv
unchanged "skipping every row leaves the database"
imported "skip the rows in use" --on-duplicate skip twice.csv
same "the first of two rows is kept" "$(field TWICE-1 child_name)" '"Ann"'

# Bad files: each is rejected whole, before any row when the header is bad.
printf 'reff,child_name,date_of_birth,received\nX-1,Ann,2016-01-01,%s\n' \
	2026-09-01 >unknown.csv
rejected "unknown column" \
	"ehc: import: unknown.csv: unknown column 'reff'; did you mean 'ref'? expected $expected" \
	unknown.csv
printf '%s,school\n' "$header" >far.csv
rejected "unknown column with no near name" \
	"ehc: import: far.csv: unknown column 'school'; expected $expected" \
	far.csv
printf 'ref,child_name,received\nX-1,Ann,2026-09-01\n' >missing.csv
rejected "missing column" \
	"ehc: import: missing.csv: missing column 'date_of_birth'; every file needs ref, child_name, date_of_birth and received" \
	missing.csv
printf '%s,Child_Name\n' "$header" >named-twice.csv
rejected "column named twice" \
	"ehc: import: named-twice.csv: column 'child_name' is named twice in the header, as fields 2 and 5" \
	named-twice.csv
printf 'ref,,child_name,date_of_birth,received\n' >gap.csv
rejected "empty header cell before the last" \
	"ehc: import: gap.csv: field 2 of the header has no column name" gap.csv
printf '%s\nX-1,Ann,2016-01-01,2026-09-01,,extra\n' "$header" >extra.csv
rejected "more values than columns" \
	"ehc: import: extra.csv:2: field 6 holds a value, but the header names only 4 columns" \
	extra.csv
printf '%s\nX-1,,2016-01-01,2026-09-01\nX-2,Bo,2016-01-01,2027-01-01\n' \
	"$header" >values.csv
rejected "missing value and date after today" \
	"ehc: import: values.csv:2: column 'child_name': missing value; every case needs one
ehc: import: values.csv:3: column 'received': '2027-01-01' is after today (2026-12-01)" \
	values.csv
printf '%s,source,com_minutes,notes\nX-1,Ann,2016-01-01,2026-09-01,%s\n' \
	"$header" 'mum,,"a	b"' >kinds.csv
rejected "value not one of the choices" \
	"ehc: import: kinds.csv:2: column 'source': 'mum' is not one of parent, young-person, school, health, social-care or other" \
	kinds.csv
printf '%s,assess_decision,assess_decision_date,com_at,com_booked_date,%s\n' \
	"$header" "com_minutes,com_invited" >com.csv
printf 'X-1,Ann,2016-01-01,2026-09-01,assess,2026-10-01,%s\n' \
	'2026-11-01 9:00,2026-10-02,,' '2026-11-01 09:00,2026-10-02,090,' \
	'2026-11-01 09:00,2026-10-02,,Mum' >>com.csv
rejected "COM values" \
	"ehc: import: com.csv:2: column 'com_at': '2026-11-01 9:00' is not a valid COM time: expected 'YYYY-MM-DD HH:MM' on the 24-hour clock, such as '2027-01-12 10:00'
ehc: import: com.csv:3: column 'com_minutes': '090' is not a whole number of minutes from 15 to 480
ehc: import: com.csv:4: column 'com_invited': not a valid JSON list: byte 1: expected '[' to start the list" \
	com.csv
long=$(printf '%0201d' 0)
printf '%s\nX-1,%s,2016-01-01,2026-09-01\n' "$header" "$long" >long.csv
rejected "value too long" \
	"ehc: import: long.csv:2: column 'child_name': '000000000000000000000000000000000000000000000000000000000000...' is too long: 201 bytes, the maximum is 200" \
	long.csv
cols='assess_decision,assess_decision_date,com_held_date,issue_decision'
cols="$cols,issue_decision_date,draft_plan_date,final_plan_date,placement"
printf '%s,%s,withdrawn_date\n' "$header" "$cols" >rules.csv
printf 'X-%s,Ann,2016-01-01,2026-06-01,assess,2026-07-01,%s\n' \
	'1' '2026-08-01,issue,2026-08-02,2026-08-03,2026-08-10,Oak,' \
	'2' ',issue,2026-08-02,,,,' \
	'3' '2026-08-01,issue,2026-08-02,2026-08-03,2026-09-10,Oak,2026-09-11' \
	>>rules.csv
rejected "steps out of order" \
	"ehc: import: rules.csv:2: column 'final_plan_date': '2026-08-10' is inside the parent's time to comment on the draft plan, which lasts until 2026-08-17, and column 'comments_received_date' shows no reply by then
ehc: import: rules.csv:3: column 'issue_decision' needs a value in column 'com_held_date'
ehc: import: rules.csv:4: column 'withdrawn_date': the case has already ended by column 'final_plan_date', and a case ends once" \
	rules.csv
rejected "not UTF-8" \
	"ehc: import: not-utf8.csv:3: byte 11 (0xe9) is not valid UTF-8; save the file as UTF-8" \
	not-utf8.csv
printf '\377\376r\000e\000f\000\n\000' >utf16.csv
rejected "UTF-16" \
	"ehc: import: utf16.csv:1: the file is UTF-16; save it as UTF-8" \
	utf16.csv
printf '%s\nX-1,A\000nn,2016-01-01,2026-09-01\n' "$header" >nul.csv
rejected "NUL byte" \
	"ehc: import: nul.csv:2: byte 6 (0x00) is a NUL byte; save the file as UTF-8 text" \
	nul.csv
printf '%s\nX-1,An"n,2016-01-01,2026-09-01\n' "$header" >stray.csv
rejected "stray quote" \
	"ehc: import: stray.csv:2: field 2 has a quote but does not start with one; put the whole field in quotes and double the quote" \
	stray.csv
printf '%s\nX-1,Ann,2016-01-01,2026-02-30\nX-2,"Bo,2016-01-01,%s\n' \
	"$header" 2026-09-01 >open.csv
rejected "unterminated quote after a bad row" \
	"ehc: import: open.csv:2: column 'received': '2026-02-30' is not a valid date: February has 28 days, or 29 in a leap year
ehc: import: open.csv:3: field 2 has an unterminated quote" \
	open.csv
printf '{"ref":"X-1","reff":"X-2"}\n{"ref":"X-3",\n' >bad.jsonl
rejected "bad jsonl" \
	"ehc: import: bad.jsonl:1: unknown column 'reff'; did you mean 'ref'? expected $expected
ehc: import: bad.jsonl:2: column 14: expected a key in double quotes" \
	bad.jsonl

# Past 20 messages, the rest are counted.
{
	echo "$header"
	i=1
	while [ "$i" -le 25 ]; do
		echo "MANY-$i,Ann,2016-01-01,2026-13-01"
		i=$((i + 1))
	done
} >many.csv
snapshot
check "many bad rows" 65 "$EHC" import many.csv
same "many bad rows: lines" "$(wc -l <"$tmp/err" | tr -d ' ')" 21
same "many bad rows: first" "$(head -n 1 "$tmp/err")" \
	"ehc: import: many.csv:2: column 'received': '2026-13-01' is not a valid date: month must be 1 to 12"
same "many bad rows: 20th" "$(sed -n 20p "$tmp/err" | cut -d: -f3-4)" \
	" many.csv:21"
same "many bad rows: last" "$(tail -n 1 "$tmp/err")" \
	"ehc: import: 5 more errors not shown"
unchanged "many bad rows leave the database"

# A header alone imports nothing and succeeds; missing input is exit 66.
snapshot
echo "$header" >header.csv
imported "header only" header.csv
unchanged "header only leaves the database"
check "missing file" 66 "$EHC" import nosuch.csv
err_is "missing file" \
	"ehc: import: cannot open 'nosuch.csv': No such file or directory"
check "directory" 66 "$EHC" import .
err_is "directory" "ehc: import: cannot read '.': it is a directory"

# A new database is made only by an import that succeeds.
check "bad file and no database" 65 env EHC_DB="$tmp/new/ehc.db" \
	"$EHC" import dry-bad.csv
if [ -e "$tmp/new/ehc.db" ]; then fail "a failed import left a database"
else pass; fi
check "good file and no database" 0 env EHC_DB="$tmp/new/ehc.db" \
	"$EHC" import dry.csv
mode_is "new database" "$tmp/new/ehc.db" 600

# On a terminal: a progress line every 10,000 rows, then a summary.
if script -qec true /dev/null >/dev/null 2>&1; then
	{
		echo "$header"
		i=1
		while [ "$i" -le 10001 ]; do
			echo "BIG-$i,Ann,2016-01-01,2026-09-01"
			i=$((i + 1))
		done
	} >big.csv
	EHC_DB="$tmp/big.db" script -qec "'$EHC' import big.csv" /dev/null \
		>"$tmp/out" 2>&1
	same "progress line" "$(grep -c 'ehc: import: 10000 rows read' \
		"$tmp/out")" 1
	same "summary line" "$(tr '\r' '\n' <"$tmp/out" | tail -n 2 |
		head -n 1 | sed 's/ *$//')" \
		"ehc: import: imported 10001 cases, skipped 0"
else
	echo "skipped: no terminal for the progress line (script(1) failed)"
fi

# The inputs that broke other tools, when they are at hand.
cases=${EHC_SHARED_CASES:-}
if [ -n "$cases" ] && [ -f "$cases/bom-crlf.csv" ]; then
	use() { export EHC_DB="$tmp/shared-$1.db"; }

	use bom
	imported "shared BOM and CRLF" "$cases/bom-crlf.csv"
	same "shared BOM: header read as ref" "$(refs)" "TEST-1 TEST-2 "
	"$EHC" export --format jsonl >"$tmp/out"
	if grep -q '\\r' "$tmp/out"; then fail "shared BOM: a value holds \\r"
	else pass; fi

	use crlf
	imported "shared CRLF last column" "$cases/crlf-last-column.csv"
	same "shared CRLF: received" "$("$EHC" list --format tsv |
		tail -n +2 | cut -f 2 | tr '\n' ' ')" \
		"2026-09-14 2026-09-15 2026-09-16 "
	same "shared CRLF: quoted comma" "$(field TEST-2 notes)" \
		'"quoted, with comma"'

	use weeks
	imported "shared weeks" "$cases/dst-add-weeks.csv"
	for zone in Europe/London UTC America/New_York Pacific/Auckland; do
		same "shared TEST-1 weeks in $zone" "$(TZ=$zone "$EHC" \
			deadlines --format tsv --today 2026-10-05 |
			awk -F '\t' '$1 == "TEST-1" { printf "%s ", $3 }')" \
			"2026-11-16 2026-12-28 2027-01-11 2027-01-25 2027-02-22 "
		same "shared TEST-2 weeks in $zone" "$(TZ=$zone "$EHC" \
			deadlines --format tsv --today 2026-03-23 |
			awk -F '\t' '$1 == "TEST-2" { printf "%s ", $3 }')" \
			"2026-05-04 2026-06-15 2026-06-29 2026-07-13 2026-08-10 "
	done

	use days
	imported "shared days overdue" "$cases/days-overdue-dst.csv"
	for pair in TEST-1:2026-03-30:-3 TEST-2:2026-03-30:-2 \
		TEST-3:2026-03-30:-1 TEST-4:2026-10-24:0 TEST-5:2026-10-24:2; do
		ref=${pair%%:*}
		rest=${pair#*:}
		same "shared $ref days" "$("$EHC" deadlines --format tsv \
			--today "${rest%%:*}" --milestone assess-decision |
			awk -F '\t' -v ref="$ref" '$1 == ref { print $4 }')" \
			"${rest#*:}"
	done

	use invalid
	check "shared impossible dates" 65 "$EHC" --today 2028-03-01 import \
		--date-format dmy "$cases/invalid-dates-dmy.csv"
	err_is "shared impossible dates: each row named" \
		"ehc: import: $cases/invalid-dates-dmy.csv:2: column 'received': '31/02/2026' is not a valid date: February has 28 days, or 29 in a leap year
ehc: import: $cases/invalid-dates-dmy.csv:3: column 'received': '29/02/2026' is not a valid date: February 29 exists only in leap years
ehc: import: $cases/invalid-dates-dmy.csv:4: column 'received': '31/04/2026' is not a valid date: April has 30 days
ehc: import: $cases/invalid-dates-dmy.csv:5: column 'received': '2026-02-30' is not a valid date: expected dd/mm/yyyy"
	if [ -e "$EHC_DB" ]; then fail "shared impossible dates made a database"
	else pass; fi
	grep -v '^TEST-[1-4],' "$cases/invalid-dates-dmy.csv" >leap.csv
	check "shared leap day" 0 "$EHC" --today 2028-03-01 import \
		--date-format dmy leap.csv
	same "shared leap day received" "$(field TEST-5 received)" \
		'"2028-02-29"'

	use uk
	check "shared two-digit year" 65 "$EHC" import --date-format dmy \
		"$cases/uk-dates-dmy.csv"
	err_is "shared two-digit year" \
		"ehc: import: $cases/uk-dates-dmy.csv:6: column 'received': '01/04/26' is not a valid date: two-digit years are not accepted"
	grep -v '^TEST-5,' "$cases/uk-dates-dmy.csv" >uk.csv
	imported "shared UK dates" --date-format dmy uk.csv
	same "shared UK dates: received" "$("$EHC" list --format tsv |
		tail -n +2 | sort | cut -f 2 | tr '\n' ' ')" \
		"2026-04-01 2026-05-12 2026-04-01 2026-04-13 "
	same "shared UK dates: date of birth" \
		"$(field TEST-1 date_of_birth)" '"2015-11-05"'

	use cp1252
	check "shared Windows-1252" 65 "$EHC" import "$cases/windows-1252.csv"
	err_is "shared Windows-1252: line and byte" \
		"ehc: import: $cases/windows-1252.csv:2: byte 20 (0x92) is not valid UTF-8; save the file as UTF-8"
	if [ -e "$EHC_DB" ]; then fail "shared Windows-1252 made a database"
	else pass; fi
else
	echo "skipped: the shared cases are not at hand (set EHC_SHARED_CASES)"
fi

# A JSON true or number where text belongs is an error, never "true".
printf '{"ref":"J-1","child_name":true,"date_of_birth":"2015-01-01","received":"2026-01-01"}\n{"ref":5,"child_name":"Al","date_of_birth":"2015-01-01","received":"2026-01-01"}\n' \
	>"$tmp/typed.jsonl"
check "json true as a name" 65 "$EHC" --db "$tmp/typed.db" import \
	"$tmp/typed.jsonl"
if grep -qF "typed.jsonl:1: column 'child_name': true is not text" \
	"$tmp/err" && grep -qF "typed.jsonl:2: column 'ref': 5 is not text" \
	"$tmp/err"; then pass; else fail "json types: $(cat "$tmp/err")"; fi

# A list of people that the database rejects makes its row invalid: the
# import stores nothing, rather than the case without its people.
list_db=$tmp/lists.db
"$EHC" --db "$list_db" request --child "Seed Example" --dob 2016-01-01 \
	--received 2026-11-01 >/dev/null
sqlite3 "$list_db" "CREATE TRIGGER no_people BEFORE INSERT ON people BEGIN
	SELECT RAISE(ABORT, 'no people here'); END"
printf '%s\n%s\n' \
	'ref,child_name,date_of_birth,received,assess_decision,assess_decision_date,com_at,com_booked_date,com_invited' \
	'L-1,Ada Example,2016-03-04,2026-04-01,assess,2026-04-20,2026-06-01 10:00,2026-05-01,"[""Jo Okafor""]"' \
	>"$tmp/lists.csv"
cp "$list_db" "$tmp/lists-before.db"
check "a list the database rejects" 65 "$EHC" --db "$list_db" import \
	"$tmp/lists.csv"
err_has "a list the database rejects is reported" \
	"lists.csv:2: cannot store the people invited of case 'L-1': no people here"
if cmp -s "$list_db" "$tmp/lists-before.db"; then pass; else
	fail "a list the database rejects: the database changed"; fi

# An import event that the database rejects makes its row invalid too, and
# is never taken for a reference used twice, with or without skipping.
event_db=$tmp/events.db
cp "$tmp/lists-before.db" "$event_db"
sqlite3 "$event_db" "DROP TRIGGER no_people; CREATE TRIGGER no_events
	BEFORE INSERT ON events BEGIN
	SELECT RAISE(ABORT, 'no events here'); END"
cp "$event_db" "$tmp/events-before.db"
for skip in "" "--on-duplicate skip"; do
	# shellcheck disable=SC2086
	check "an event the database rejects $skip" 65 "$EHC" --db "$event_db" \
		import $skip "$tmp/lists.csv"
	err_has "an event the database rejects is reported $skip" \
		"lists.csv:2: cannot record the import event of case 'L-1': no events here"
	if cmp -s "$event_db" "$tmp/events-before.db"; then pass; else
		fail "an event the database rejects $skip: the database changed"
	fi
done

# An empty file has no header, so it lacks the required columns.
: >"$tmp/empty.csv"
check "empty file" 65 "$EHC" --db "$tmp/empty.db" import "$tmp/empty.csv"
err_has "empty file names a missing column" "missing column 'ref'"

finish
