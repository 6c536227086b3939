# Statutory dates across clock changes: weeks are calendar days, and "days
# overdue" is a count of days, in every time zone.
. "$(dirname "$0")/lib.sh"

# load FILE: registers each row of a simple CSV (no quoted fields) with
# columns ref, child_name, date_of_birth, received, setting, notes.
load() {
	tail -n +2 "$1" | tr -d '\r' |
	while IFS=, read -r ref child dob received setting notes; do
		"$EHC" request --today 2030-01-01 --ref "$ref" --child "$child" \
			--dob "$dob" --received "$received" \
			--setting "$setting" --note "$notes" >/dev/null ||
			echo "cannot register $ref" >&2
	done
}

# dues REF: the five due dates of a case, space-separated.
dues() {
	"$EHC" deadlines --format tsv --today "$1" |
		awk -F '\t' -v ref="$2" '$1 == ref { printf "%s ", $3 }'
}

# state REF MILESTONE TODAY: "days status" of one milestone.
state() {
	"$EHC" deadlines --format tsv --today "$3" --milestone "$2" |
		awk -F '\t' -v ref="$1" '$1 == ref { print $4, $5 }'
}

same() {
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: got '$2', expected '$3'"; fi
}

load "$data_dir/requests/clock-change.csv"
load "$data_dir/requests/overdue-days.csv"

for zone in Europe/London UTC America/New_York Pacific/Auckland; do
	export TZ=$zone
	same "autumn request in $zone" "$(dues 2027-10-04 AUT-1)" \
		"2027-11-15 2027-12-27 2028-01-10 2028-01-24 2028-02-21 "
	same "spring request in $zone" "$(dues 2027-03-22 SPR-2)" \
		"2027-05-03 2027-06-14 2027-06-28 2027-07-12 2027-08-09 "
	same "3 days overdue in $zone" \
		"$(state OD-1 assess-decision 2027-03-29)" "-3 overdue"
	same "2 days overdue in $zone" \
		"$(state OD-2 assess-decision 2027-03-29)" "-2 overdue"
	same "1 day overdue in $zone" \
		"$(state OD-3 assess-decision 2027-03-29)" "-1 overdue"
	same "due on the day in $zone" \
		"$(state OD-4 assess-decision 2027-10-30)" "0 due"
	same "due in 2 days in $zone" \
		"$(state OD-5 assess-decision 2027-10-30)" "2 upcoming"
done

# The same faults in inputs that broke other tools, where they are at hand.
cases=${EHC_SHARED_CASES:-}
if [ -n "$cases" ] && [ -f "$cases/dst-add-weeks.csv" ]; then
	# Both files use the references TEST-1 and TEST-2.
	export EHC_DB="$tmp/weeks.db"
	load "$cases/dst-add-weeks.csv"
	export EHC_DB="$tmp/days.db"
	load "$cases/days-overdue-dst.csv"
	for zone in Europe/London UTC America/New_York Pacific/Auckland; do
		export TZ=$zone
		export EHC_DB="$tmp/weeks.db"
		same "shared TEST-1 in $zone" "$(dues 2026-10-05 TEST-1)" \
			"2026-11-16 2026-12-28 2027-01-11 2027-01-25 2027-02-22 "
		same "shared TEST-2 in $zone" "$(dues 2026-03-23 TEST-2)" \
			"2026-05-04 2026-06-15 2026-06-29 2026-07-13 2026-08-10 "
		export EHC_DB="$tmp/days.db"
		same "shared overdue 3 in $zone" \
			"$(state TEST-1 assess-decision 2026-03-30)" "-3 overdue"
		same "shared overdue 2 in $zone" \
			"$(state TEST-2 assess-decision 2026-03-30)" "-2 overdue"
		same "shared overdue 1 in $zone" \
			"$(state TEST-3 assess-decision 2026-03-30)" "-1 overdue"
		same "shared due today in $zone" \
			"$(state TEST-4 assess-decision 2026-10-24)" "0 due"
		same "shared due in 2 in $zone" \
			"$(state TEST-5 assess-decision 2026-10-24)" "2 upcoming"
	done
else
	echo "skipped: the shared cases are not at hand (set EHC_SHARED_CASES)"
fi

finish
