# The demo caseload: it loads, and on any day it has cases at every stage
# and milestones overdue, due soon, excused and still to come.
. "$(dirname "$0")/lib.sh"

demo="$here/../../demo"

for day in 2026-12-01 2027-07-15; do
	check "load on $day" 0 "$demo/load" "$EHC" "$EHC_DB" "$day"
	check "list on $day" 0 "$EHC" list --format tsv
	cases=$(($(wc -l <"$tmp/out") - 1))
	if [ "$cases" -eq 300 ]; then pass; else
		fail "demo on $day: $cases cases, expected 300"; fi

	for stage in requested assessment com-held drafting draft-served \
		support-meeting not-assessed plan-issued support-agreed \
		withdrawn; do
		if cut -f 3 "$tmp/out" | grep -qx "$stage"; then pass; else
			fail "demo on $day: no case at stage $stage"; fi
	done

	check "deadlines on $day" 0 "$EHC" --today "$day" deadlines \
		--format tsv
	for state in overdue upcoming exception; do
		if cut -f 5 "$tmp/out" | grep -qx "$state"; then pass; else
			fail "demo on $day: no $state milestone"; fi
	done
	check "next week on $day" 0 "$EHC" --today "$day" deadlines \
		--within 7 --format tsv
	soon=$(awk -F '\t' 'NR > 1 && $4 >= 0' "$tmp/out" | wc -l)
	if [ "$soon" -gt 0 ]; then pass; else
		fail "demo on $day: nothing due in the next week"; fi
done

finish
