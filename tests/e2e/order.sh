# Steps out of order, on the wrong dates or on an ended case are rejected
# with the stage and what can come next, and write nothing; a mistyped
# entry is corrected by a new event that the history shows.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2027-03-01
"$EHC" request --child "Ada Test" --dob 2016-03-04 --ref O-1 \
	--received 2026-09-01 >/dev/null

refused "panel before the decision to assess" "is at stage 'requested'" \
	panel-decide O-1 --decision issue --date 2026-10-01
refused "next steps named" \
	"next: 'ehc assess --decision', 'ehc withdraw', 'ehc exception'" \
	issue-plan O-1 --draft
refused "advice before the decision" "cannot record a request for advice" \
	assess O-1 --advice-requested health
refused "date before the request" "before the request (2026-09-01)" \
	assess O-1 --decision assess --date 2026-08-31
refused "date after today" "after today (2027-03-01)" \
	assess O-1 --decision assess --date 2027-03-02

step "assess" assess O-1 --decision assess --date 2026-10-01
refused "decision twice" "is at stage 'assessment'" \
	assess O-1 --decision no-assess
refused "outcome before the COM" "cannot record an outcome" \
	record-outcome O-1 --area ci --outcome o --provision p
refused "COM held before booking" "not booked" record-outcome O-1 --held
refused "advice received before asked" "no advice was requested" \
	assess O-1 --advice-received health
step "ask health" assess O-1 --advice-requested health --date 2026-10-02
refused "asked twice" "already requested on 2026-10-02" \
	assess O-1 --advice-requested health --date 2026-10-03
refused "final before the draft" "cannot record a final plan" \
	issue-plan O-1 --final --placement X

check "COM on a Saturday, late" 0 "$EHC" schedule-com O-1 \
	--at "2026-12-12 10:00" --date 2026-11-01
out_empty "late booking prints nothing"
if grep -q "warning: the COM on 2026-12-12 is after its 14-week milestone" \
	"$tmp/err" && grep -q "Saturday" "$tmp/err" &&
	[ "$(wc -l <"$tmp/err")" -eq 2 ]; then pass; else
	fail "late booking warnings: $(cat "$tmp/err")"; fi
step "rebook" schedule-com O-1 --at "2026-12-07 10:00" --date 2026-11-02
refused "held before the booked day" "before the day it was booked for" \
	record-outcome O-1 --held --date 2026-12-06
step "held" record-outcome O-1 --held --date 2026-12-07
step "issue" panel-decide O-1 --decision issue --date 2026-12-10
step "draft" issue-plan O-1 --draft --date 2026-12-14
refused "final inside the comment window" "has until 2026-12-28 to comment" \
	issue-plan O-1 --final --placement "Oak School" --date 2026-12-20
step "final after the window" issue-plan O-1 --final --placement \
	"Oak School" --date 2026-12-29
refused "step on an ended case" "has ended" \
	withdraw O-1 --reason "changed mind"

# Corrections: new events, old and new value in the history.
step "correct a date" correct O-1 --step com-held --date 2026-12-08 \
	--note "the meeting ran on the next day"
refused "correction that breaks the order" "before the COM" \
	correct O-1 --step issue-decision --date 2026-12-07
refused "correct what is not recorded" "no support-meeting to correct" \
	correct O-1 --step support-meeting --date 2026-12-20
step "reassign the officer" correct O-1 --aro "Sam Officer"
refused "nothing to correct" "nothing to correct" correct O-1 \
	--aro "Sam Officer"
step "correct the COM details" correct O-1 --com-at "2026-12-08 09:30" \
	--com-chair "Dr Psych"
refused "COM time outside the booking" "before the day it was booked" \
	correct O-1 --com-at "2026-10-30 09:30"
refused "reason of a case not withdrawn" "no withdrawal" \
	correct O-1 --reason "typo"
step "remove advice asked in error" correct O-1 \
	--remove advice-requested:health --note "asked the wrong service"
refused "remove it twice" "no advice-requested:health to remove" \
	correct O-1 --remove advice-requested:health
check "history" 0 "$EHC" log O-1 --format tsv
mask_history
out_matches "history after corrections" paths/order-log.tsv

check "unknown case" 66 "$EHC" assess NOPE --decision assess
err_has "unknown case named" "'NOPE'"
check "step on a missing database" 66 "$EHC" --db "$tmp/none.db" \
	assess O-1 --decision assess
if [ -e "$tmp/none.db" ]; then fail "a step made a database"; else pass; fi
check "case found ignoring case" 0 "$EHC" show o-1
check "bad EHC_TODAY on any command" 64 env EHC_TODAY=2026-02-30 "$EHC" log \
	O-1
err_has "bad EHC_TODAY named" "invalid EHC_TODAY '2026-02-30'"

# A case that ended before its COM has no COM record to send.
"$EHC" request --child "Bo Test" --dob 2015-05-05 --ref O-2 \
	--received 2026-09-01 >/dev/null
"$EHC" withdraw O-2 --reason "moved away" --date 2026-09-10
check "com record of a withdrawn case" 65 "$EHC" com-record O-2
err_has "com record of a withdrawn case" "ended without a COM"

finish
