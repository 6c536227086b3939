# Invalid invocations of every subcommand: each exits with its documented
# status, writes one line to stderr and nothing to stdout, and leaves the
# database byte for byte as it was.
. "$(dirname "$0")/lib.sh"

# repeat COUNT TEXT: TEXT written COUNT times, with no separator.
repeat() {
	awk -v n="$1" -v s="$2" 'BEGIN { while (n-- > 0) printf "%s", s }'
}

# The documented maximum lengths (ehc(1), LIMITS), and one byte more.
name_max=$(repeat 200 n)
name_over=$(repeat 201 n)
ref_over=$(repeat 33 R)
note_over=$(repeat 4001 t)
# 51 people invited to one COM, where 50 is the maximum.
invite_over=$(awk 'BEGIN { for (i = 1; i <= 51; i++)
	printf " --invite Person%d", i }')

# Cases at several stages, with fixed references.
setup() {
	"$EHC" "$@" >/dev/null 2>"$tmp/err" ||
		{ fail "setup: ehc $*"; cat "$tmp/err"; }
}
setup request --child "Ann Example" --dob 2016-01-01 --received 2026-11-01 \
	--ref REQ-1
setup request --child "Bo Example" --dob 2015-02-02 --received 2026-10-01 \
	--ref ASM-1
setup assess ASM-1 --decision assess --date 2026-10-20
setup request --child "Cy Example" --dob 2014-03-03 --received 2026-09-01 \
	--ref END-1
setup assess END-1 --decision no-assess --date 2026-09-20
setup request --child "Di Example" --dob 2015-04-04 --received 2026-08-01 \
	--ref "$(repeat 32 M)"

# The 200-byte name is accepted: the limit is not one byte too small.
check "name of the maximum length" 0 "$EHC" request --child "$name_max" \
	--dob 2016-01-01 --received 2026-11-02 --ref MAX-NAME

# Configuration files that ehc rejects, and import files it rejects.
printf 'timeframes:\n  com: [unclosed\n' >"$tmp/broken.yaml"
printf 'colour: blue\n' >"$tmp/unknown-key.yaml"
printf 'timeframes:\n  com: 3 fortnights\n' >"$tmp/bad-duration.yaml"
printf 'com:\n  minutes: 5\n' >"$tmp/short-com.yaml"
printf 'timeframes:\n\tcom: 20w\n' >"$tmp/tab.yaml"
printf 'ref,child_name,date_of_birth,received\n' >"$tmp/header.csv"
cp "$tmp/header.csv" "$tmp/bad-date.csv"
printf 'IMP-1,Ann Example,2016-01-01,2026-02-30\n' >>"$tmp/bad-date.csv"
printf 'ref,shoe_size\nIMP-2,9\n' >"$tmp/unknown-column.csv"
cp "$tmp/header.csv" "$tmp/taken-ref.csv"
printf 'REQ-1,Ann Example,2016-01-01,2026-09-01\n' >>"$tmp/taken-ref.csv"
cp "$tmp/header.csv" "$tmp/future.csv"
printf 'IMP-3,Ann Example,2016-01-01,2027-01-01\n' >>"$tmp/future.csv"
cp "$tmp/header.csv" "$tmp/long-name.csv"
printf 'IMP-4,%s,2016-01-01,2026-09-01\n' "$name_over" >>"$tmp/long-name.csv"
printf '{"ref":"IMP-5","child_name":\n' >"$tmp/broken.jsonl"
printf '[1, 2]\n' >"$tmp/array.jsonl"
printf 'ref,child_name,date_of_birth,received\n' >"$tmp/dmy.csv"
printf 'IMP-6,Ann Example,01/01/2016,31/02/2026\n' >>"$tmp/dmy.csv"

snapshot
cases=0

# Each line: the expected exit status, a bar, then the arguments as shell
# words. The words are expanded by eval, so $name_over and $tmp are the
# variables above and quotes group words.
while IFS='|' read -r want args; do
	case $want in '' | '#'*) continue ;; esac
	cases=$((cases + 1))
	eval "set -- $args"
	label="ehc $(printf '%s' "$args" | cut -c 1-60)"
	check "$label" "$want" "$EHC" "$@"
	out_empty "$label prints nothing"
	if [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ -s "$tmp/err" ]; then
		pass
	else
		fail "$label: stderr has $(wc -l <"$tmp/err") lines, expected 1"
		sed 's/^/    stderr: /' "$tmp/err"
	fi
	unchanged "$label leaves the database"
	if [ -e "$EHC_DB-wal" ] || [ -e "$EHC_DB-journal" ]; then
		fail "$label left a journal file beside the database"
	fi
done <<'EOF'
# The command line as a whole.
64|
64|frobnicate
64|--bogus list
64|--db
64|--today
64|--today 2026-13-01 list
64|--today yesterday deadlines
# request
64|request
64|request --child "Eve Example"
64|request --dob 2016-01-01
64|request --child "Eve Example" --dob 2016-02-30
64|request --child "Eve Example" --dob 01/02/2016
64|request --child "Eve Example" --dob 2016-01-01 --received
64|request --child "Eve Example" --dob 2016-01-01 --source neighbour
64|request --child "Eve Example" --dob 2016-01-01 --colour red
64|request --child "Eve Example" --dob 2016-01-01 extra
65|request --child "Eve Example" --dob 2016-01-01 --received 2026-12-02
65|request --child "Eve Example" --dob 2016-01-01 --ref REQ-1
65|request --child "Eve Example" --dob 2027-01-01 --received 2026-11-01
65|request --child "$name_over" --dob 2016-01-01
65|request --child "Eve Example" --dob 2016-01-01 --ref "$ref_over"
65|request --child "Eve Example" --dob 2016-01-01 --note "$note_over"
65|request --child "Eve Example" --dob 2016-01-01 --aro "$name_over"
65|request --child "$(printf 'Eve\033[31m Example')" --dob 2016-01-01
65|request --child "$(printf 'Eve\tExample')" --dob 2016-01-01
# assess
64|assess
64|assess REQ-1
64|assess REQ-1 --decision maybe
64|assess REQ-1 --decision assess --date 2026-11-31
64|assess REQ-1 --advice-requested astrology
64|assess REQ-1 --decision assess --advice-received health
66|assess NOPE-1 --decision assess
65|assess REQ-1 --decision assess --date 2026-10-01
65|assess REQ-1 --decision assess --date 2026-12-25
65|assess END-1 --decision assess
65|assess REQ-1 --advice-requested health
65|assess ASM-1 --decision no-assess
65|assess REQ-1 --decision assess --note "$note_over"
# schedule-com
64|schedule-com
64|schedule-com ASM-1
64|schedule-com ASM-1 --at 2027-01-12
64|schedule-com ASM-1 --at '2027-01-12 25:00'
64|schedule-com ASM-1 --at '2027-01-12 10:00' --minutes ten
64|schedule-com ASM-1 --at '2027-01-12 10:00' --minutes 5
65|schedule-com REQ-1 --at '2027-01-12 10:00'
66|schedule-com NOPE-1 --at '2027-01-12 10:00'
65|schedule-com ASM-1 --at '2027-01-12 10:00' --chair "$name_over"
65|schedule-com ASM-1 --at '2027-01-12 10:00' --location "$note_over"
65|schedule-com ASM-1 --at '2027-01-12 10:00' $invite_over
65|schedule-com ASM-1 --at '2027-01-12 10:00' --invite "$name_over"
# com-record
64|com-record
64|com-record ASM-1 extra
66|com-record NOPE-1
# record-outcome
64|record-outcome
64|record-outcome ASM-1
64|record-outcome ASM-1 --area cl
64|record-outcome ASM-1 --area hobbies --outcome a --provision b
64|record-outcome ASM-1 --held --by 2027-02-30
65|record-outcome ASM-1 --held
65|record-outcome REQ-1 --area cl --outcome a --provision b
66|record-outcome NOPE-1 --held
# panel-decide
64|panel-decide
64|panel-decide ASM-1 --decision perhaps
64|panel-decide ASM-1 --support-meeting someday
65|panel-decide ASM-1 --decision issue
65|panel-decide REQ-1 --decision no-issue
66|panel-decide NOPE-1 --decision issue
# issue-plan
64|issue-plan
64|issue-plan ASM-1 --final
64|issue-plan ASM-1 --draft --final --placement 'Oak School'
65|issue-plan ASM-1 --draft
65|issue-plan REQ-1 --final --placement 'Oak School'
66|issue-plan NOPE-1 --draft
# withdraw
64|withdraw
64|withdraw REQ-1
64|withdraw REQ-1 --reason moved --date 2026-02-29
65|withdraw END-1 --reason moved
65|withdraw REQ-1 --reason "$note_over"
65|withdraw REQ-1 --reason moved --date 2026-10-01
66|withdraw NOPE-1 --reason moved
# exception
64|exception
64|exception REQ-1
64|exception REQ-1 --reason weather
64|exception REQ-1 --reason absence --from 2026-12-32
66|exception NOPE-1 --reason absence
# correct
64|correct
64|correct REQ-1
64|correct REQ-1 --step received
64|correct REQ-1 --date 2026-10-01
64|correct REQ-1 --step birthday --date 2026-10-01
64|correct REQ-1 --source neighbour
64|correct REQ-1 --dob 2016-02-30
65|correct REQ-1 --step received --date 2026-12-25
65|correct REQ-1 --step assess-decision --date 2026-11-05
65|correct REQ-1 --child "$name_over"
66|correct NOPE-1 --child "Ann Example"
# show, list, log, export
64|show
64|show REQ-1 --format yaml
64|show REQ-1 --fields ref,shoe_size
64|show REQ-1 ASM-1
66|show NOPE-1
66|show "$ref_over"
64|list --open --ended
64|list --stage nowhere
64|list --format xml
64|list --fields ''
64|log
66|log NOPE-1
64|log REQ-1 --format yaml
64|export --format xml
64|export extra
# deadlines
64|deadlines --within
64|deadlines --within soon
64|deadlines --within -3
64|deadlines --overdue --within 7
64|deadlines --milestone birthday
64|deadlines --fields ref,shoe_size
# acronym
64|acronym --format yaml
66|acronym NOSUCHTERM
# import
66|import "$tmp/no-such-file.csv"
64|import "$tmp/bad-date.csv" --format xml
64|import "$tmp/bad-date.csv" --date-format us
64|import "$tmp/bad-date.csv" --on-duplicate merge
64|import "$tmp/bad-date.csv" "$tmp/future.csv"
65|import "$tmp/bad-date.csv"
65|import "$tmp/unknown-column.csv"
65|import "$tmp/taken-ref.csv"
65|import "$tmp/future.csv"
65|import "$tmp/long-name.csv"
65|import "$tmp/broken.jsonl"
65|import "$tmp/array.jsonl"
65|import "$tmp/dmy.csv" --date-format dmy
65|import "$tmp/header.csv" --format jsonl
# configuration
78|--config "$tmp/no-such-file.yaml" deadlines
78|--config "$tmp/broken.yaml" deadlines
78|--config "$tmp/unknown-key.yaml" request --child "Eve Example" --dob 2016-01-01
78|--config "$tmp/bad-duration.yaml" deadlines
78|--config "$tmp/short-com.yaml" list
78|--config "$tmp/tab.yaml" deadlines
66|config --check "$tmp/no-such-file.yaml"
78|config --check "$tmp/broken.yaml"
78|config --check "$tmp/unknown-key.yaml"
64|config --check
64|config --check "$tmp/broken.yaml" --default
EOF

if [ "$cases" -ge 60 ]; then pass; else
	fail "the table has $cases cases, expected at least 60"; fi

# A configuration named by EHC_CONFIG that is missing.
check "missing EHC_CONFIG" 78 env EHC_CONFIG="$tmp/no-such-file.yaml" \
	"$EHC" deadlines
out_empty "missing EHC_CONFIG prints nothing"
err_has "missing EHC_CONFIG named" "no-such-file.yaml"
unchanged "missing EHC_CONFIG leaves the database"

# A database that does not exist is not created by a command that reads.
check "missing database" 66 "$EHC" --db "$tmp/none.db" list
err_has "missing database named" "none.db"
if [ -e "$tmp/none.db" ]; then fail "list created a database"; else pass; fi

finish
