# ehc export, and export | import: a caseload built with the step commands
# down every path comes back into an empty database with the same cases,
# deadlines, stages, outcomes, people and exceptions, in csv and in jsonl.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2027-03-01
export EHC_DB="$tmp/a.db"

# run ARGS...: a step that must succeed; its warnings are not checked here.
run() {
	"$EHC" "$@" >/dev/null 2>"$tmp/step-err" ||
		fail "step failed: $* ($(cat "$tmp/step-err"))"
}

request() {
	ref=$1
	shift
	run request --ref "$ref" --dob 2016-03-04 --received 2026-09-01 \
		--aro "Jo Officer" "$@"
}

check "export of no database" 66 "$EHC" export
err_has "export of no database" "does not exist"

# Assessed, advice gathered, COM booked twice and held, outcomes, a plan.
request ISS-1 --child "-Ann O'Neil, \"Nan\"" --source parent \
	--setting "=Oak School" --ep "Dr Psych" \
	--note "$(printf 'asked by\tphone\nthen in writing')"
run assess ISS-1 --decision assess --date 2026-10-05
run assess ISS-1 --advice-requested parent --date 2026-10-06
run assess ISS-1 --advice-requested health --date 2026-10-06
run assess ISS-1 --advice-requested social-care --date 2026-10-07
run assess ISS-1 --advice-received parent --date 2026-10-20
run assess ISS-1 --advice-received health --date 2026-11-20
run assess ISS-1 --advice-received social-care --date 2026-11-10
run schedule-com ISS-1 --at "2026-12-01 10:00" --date 2026-11-20 \
	--invite "Parent carer"
run schedule-com ISS-1 --at "2026-12-07 14:30" --minutes 90 \
	--chair "Dr Psych" --location "Online, Teams" --invite "+Parent carer" \
	--invite "Class teacher \"Mr B\"" --invite "Zoë Ødegård" \
	--date 2026-11-21
run record-outcome ISS-1 --held --attended "+Parent carer" \
	--attended "Zoë Ødegård" --date 2026-12-07
run record-outcome ISS-1 --area ci --outcome "asks for help, in words" \
	--provision "$(printf 'speech therapy\nweekly, 30 min')" \
	--by 2027-07-20 --date 2026-12-07
run record-outcome ISS-1 --area semh --outcome "@joins a game" \
	--provision "key adult at breaks" --date 2026-12-08
run record-outcome ISS-1 --area ci --outcome "second ci outcome" \
	--provision "group work" --date 2026-12-09
run panel-decide ISS-1 --decision issue --date 2026-12-15
run issue-plan ISS-1 --draft --date 2026-12-21
run issue-plan ISS-1 --comments-received --date 2027-01-04
run issue-plan ISS-1 --final --placement "Oak School, Lower Site" \
	--date 2027-01-11
run correct ISS-1 --step draft-plan --date 2026-12-22 --note "typo"

# Not assessed.
request NA-2 --child "Bo Example"
run assess NA-2 --decision no-assess --date 2026-10-10

# No plan, then the SEN support meeting; everyone invited attended.
request NI-3 --child "Cy Example" --source school
run assess NI-3 --decision assess --date 2026-10-01
run schedule-com NI-3 --at "2026-12-01 14:00" --date 2026-11-01 \
	--invite "Mum" --invite "SENCO"
run record-outcome NI-3 --held --date 2026-12-01
run record-outcome NI-3 --area sp --outcome "uses a writing slope" \
	--provision "occupational therapy review" --date 2026-12-01
run panel-decide NI-3 --decision no-issue --date 2026-12-10
run panel-decide NI-3 --support-meeting 2027-01-05

# Withdrawn before any decision, and after the draft.
request WD-4 --child "Di Example"
run withdraw WD-4 --reason "moved away, to \"Leeds\"" --date 2026-09-20
request WD-5 --child "Ed Example"
run assess WD-5 --decision assess --date 2026-10-01
run schedule-com WD-5 --at "2026-11-02 09:00" --date 2026-10-15
run record-outcome WD-5 --held --date 2026-11-02
run panel-decide WD-5 --decision issue --date 2026-11-20
run issue-plan WD-5 --draft --date 2026-11-25
run withdraw WD-5 --reason "parents withdrew the request" --date 2026-12-01

# Exceptions on an open case whose COM is booked but not held.
request EX-6 --child "Zoë Ødegård" --setting "Elm School"
run assess EX-6 --decision assess --date 2026-10-20
run exception EX-6 --reason personal-circumstances --from 2026-11-01 \
	--to 2026-12-20 --date 2026-11-02
run exception EX-6 --reason absence --from 2026-10-25 --date 2026-11-03
run assess EX-6 --advice-requested psychology --date 2026-10-21
run schedule-com EX-6 --at "2027-03-15 10:00" --date 2027-02-01 \
	--invite "Parent carer"

# Open cases at the other stages.
request REQ-7 --child "Fay Example" --received 2027-02-01
request HELD-8 --child "Gus Example"
run assess HELD-8 --decision assess --date 2026-10-01
run schedule-com HELD-8 --at "2026-12-02 10:00" --date 2026-11-02
run record-outcome HELD-8 --held --date 2026-12-02
request DRAFT-9 --child "Hal Example"
run assess DRAFT-9 --decision assess --date 2026-10-01
run schedule-com DRAFT-9 --at "2026-12-03 10:00" --date 2026-11-03
run record-outcome DRAFT-9 --held --attended "Dad" --date 2026-12-03
run panel-decide DRAFT-9 --decision issue --date 2026-12-20
request NI-10 --child "Ivy Example" --received 2026-09-02
run assess NI-10 --decision assess --date 2026-10-01
run schedule-com NI-10 --at "2026-12-04 10:00" --date 2026-11-04
run record-outcome NI-10 --held --date 2026-12-04
run panel-decide NI-10 --decision no-issue --date 2026-12-21

check "csv export" 0 "$EHC" export
out_matches "csv export" import/round-trip.csv
cp "$tmp/out" "$tmp/a.csv"
check "jsonl export" 0 "$EHC" export --format jsonl
out_matches "jsonl export" import/round-trip.jsonl
cp "$tmp/out" "$tmp/a.jsonl"
if grep -q "'-Ann" "$tmp/a.csv"; then fail "export guarded a formula"
else pass; fi

# views DB: what must come back the same, for database DB.
views() {
	for day in 2026-10-01 2026-12-06 2027-01-04 2027-03-01; do
		EHC_DB=$1 "$EHC" --today "$day" deadlines --format tsv
	done
	EHC_DB=$1 "$EHC" list --format tsv
	for ref in ISS-1 NI-3 HELD-8 DRAFT-9; do
		EHC_DB=$1 "$EHC" com-record "$ref"
	done
}

# The history names the file as given, so it is read from where it is.
cd "$tmp" || exit 99
views "$EHC_DB" >"$tmp/views-a"
for format in csv jsonl; do
	b="$tmp/b-$format.db"
	check "import the $format export" 0 env EHC_DB="$b" "$EHC" import \
		"a.$format"
	err_empty "import the $format export is quiet"
	check "export again from $format" 0 env EHC_DB="$b" "$EHC" export \
		--format "$format"
	if cmp -s "$tmp/out" "$tmp/a.$format"; then pass; else
		fail "$format export | import | export differs"
		diff "$tmp/a.$format" "$tmp/out" | sed 's/^/    /' | head -20
	fi
	views "$b" >"$tmp/views-b"
	if cmp -s "$tmp/views-a" "$tmp/views-b"; then pass; else
		fail "$format round trip: deadlines, list or COM record differ"
		diff "$tmp/views-a" "$tmp/views-b" | sed 's/^/    /' | head -20
	fi
	check "history of a $format import" 0 env EHC_DB="$b" "$EHC" log \
		NA-2 --format tsv
	mask_history
	out_matches "history of a $format import" "import/log-na-2-$format.tsv"
done

# A pipe works too, and an empty database exports nothing.
check "export | import" 0 sh -c \
	'"$EHC" export | EHC_DB="$1" "$EHC" import' sh "$tmp/c.db"
check "export from the pipe" 0 env EHC_DB="$tmp/c.db" "$EHC" export
if cmp -s "$tmp/out" "$tmp/a.csv"; then pass; else
	fail "export | import through a pipe differs"; fi
printf 'ref,child_name,date_of_birth,received\n' >"$tmp/empty.csv"
check "import of a header alone" 0 "$EHC" --db "$tmp/empty.db" import \
	"$tmp/empty.csv"
check "export of an empty database" 0 "$EHC" --db "$tmp/empty.db" export
out_empty "export of an empty database"
check "jsonl export of an empty database" 0 "$EHC" --db "$tmp/empty.db" \
	export --format jsonl
out_empty "jsonl export of an empty database"

finish
