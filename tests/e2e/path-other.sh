# The other ways a case ends: not assessed; assessed but no plan, then a
# SEN support meeting; withdrawn; and one with an exception.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2027-03-01
for ref in NA-1 NI-2 WD-3 EX-4; do
	"$EHC" request --child "Test $ref" --dob 2015-05-05 --ref "$ref" \
		--received 2026-09-01 --aro "Sam Officer" >/dev/null
done

# Not assessed: the case ends, and no later milestone is listed.
step "no-assess" assess NA-1 --decision no-assess --date 2026-10-10
check "not assessed lists nothing" 0 "$EHC" --today 2026-10-11 deadlines \
	--format tsv
if grep -q '^NA-1' "$tmp/out"; then fail "NA-1 still listed"; else pass; fi
check "not assessed show" 0 "$EHC" show NA-1
mask_history
out_matches "not assessed show" paths/not-assessed-show.txt

# No plan: the final plan drops out; the SEN support meeting ends the case.
step "NI assess" assess NI-2 --decision assess --date 2026-10-01
step "NI book" schedule-com NI-2 --at "2026-12-01 14:00" --date 2026-11-01
step "NI held" record-outcome NI-2 --held --date 2026-12-01
step "NI no-issue" panel-decide NI-2 --decision no-issue --date 2026-12-10
deadlines_are "no-issue" 2026-12-11 paths/not-issued-1.tsv
check "no-issue with a support meeting time" 0 "$EHC" \
	--config "$data_dir/config/support-meeting.yaml" --today 2026-12-11 \
	deadlines --format tsv --milestone support-meeting
out_is "support meeting due" "$(printf 'ref\tmilestone\tdue\tdays\tstatus\taro\nNI-2\tsupport-meeting\t2027-01-07\t27\tupcoming\tSam Officer')"
step "NI support meeting" panel-decide NI-2 --support-meeting 2027-01-05
check "NI show" 0 "$EHC" show NI-2
mask_history
out_matches "not issued show" paths/not-issued-show.txt

# Withdrawn: the case ends with its reason.
step "withdraw" withdraw WD-3 --reason "moved out of the area" \
	--date 2026-09-20
check "withdrawn list" 0 "$EHC" list --ended --format tsv
out_is "ended cases" "$(printf 'ref\treceived\tstage\tended\taro\nNA-1\t2026-09-01\tnot-assessed\t2026-10-10\tSam Officer\nNI-2\t2026-09-01\tsupport-agreed\t2027-01-05\tSam Officer\nWD-3\t2026-09-01\twithdrawn\t2026-09-20\tSam Officer')"

# An exception: overdue milestones become exceptions, and --exit-status
# stops counting them.
step "EX assess late" assess EX-4 --decision assess --date 2026-10-20
check "EX overdue" 1 "$EHC" --today 2027-02-01 deadlines --exit-status \
	--format tsv
step "EX exception" exception EX-4 --reason personal-circumstances \
	--from 2026-11-01 --to 2026-12-20 --date 2026-11-02
deadlines_are "EX exception" 2027-02-01 paths/exception.tsv
check "EX exit status" 0 "$EHC" --today 2027-02-01 deadlines --exit-status
check "EX overdue only" 0 "$EHC" --today 2027-02-01 deadlines --overdue
out_empty "exceptions are not overdue"
check "EX show" 0 "$EHC" show EX-4
mask_history
out_matches "exception show" paths/exception-show.txt

check "stage filter" 0 "$EHC" list --stage assessment --format tsv
out_is "stage filter" "$(printf 'ref\treceived\tstage\tended\taro\nEX-4\t2026-09-01\tassessment\t\tSam Officer')"

finish
