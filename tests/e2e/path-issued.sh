# A case that runs the whole way: assessed, advice gathered, COM held,
# outcomes agreed, a plan issued. After each step the deadlines show what
# is due next.
. "$(dirname "$0")/lib.sh"

export EHC_TODAY=2027-03-01
run() { "$EHC" "$@"; }

ref=$(run request --child "Ada Test" --dob 2016-03-04 --received 2026-09-01 \
	--aro "Jo Officer" --ep "Dr Psych" --setting "Oak School" --ref P-1)
deadlines_are "after the request" 2026-09-10 paths/issued-1.tsv

step "assess" assess P-1 --decision assess --date 2026-10-05 \
	--note "panel of 5 October"
deadlines_are "after the decision to assess" 2026-10-06 paths/issued-2.tsv

step "ask the parent" assess P-1 --advice-requested parent --date 2026-10-06
step "ask health" assess P-1 --advice-requested health --date 2026-10-06
step "ask the EP" assess P-1 --advice-requested psychology --date 2026-10-07
deadlines_are "advice asked" 2026-10-08 paths/issued-3.tsv

step "parent replies" assess P-1 --advice-received parent --date 2026-10-20
step "health replies late" assess P-1 --advice-received health \
	--date 2026-11-20
step "EP replies" assess P-1 --advice-received psychology --date 2026-11-10
deadlines_are "advice in" 2026-11-21 paths/issued-4.tsv

check "book the COM" 0 "$EHC" schedule-com P-1 --at "2026-12-07 10:00" \
	--chair "Dr Psych" --location "Online" --invite "Parent carer" \
	--invite "Class teacher" --date 2026-11-21
out_empty "booking prints nothing"
err_empty "a weekday before 14 weeks gives no warning"
deadlines_are "COM booked" 2026-11-22 paths/issued-5.tsv

step "COM held" record-outcome P-1 --held --date 2026-12-07
step "outcome ci" record-outcome P-1 --area ci \
	--outcome "asks for help with words" \
	--provision "speech and language therapy, weekly" --date 2026-12-07
step "outcome semh" record-outcome P-1 \
	--area social-emotional-and-mental-health \
	--outcome "joins a group game at break" \
	--provision "key adult at breaks" --by 2027-07-20 --date 2026-12-07
deadlines_are "COM held" 2026-12-08 paths/issued-6.tsv
check "com record after the COM" 0 "$EHC" --today 2026-12-08 com-record P-1
out_matches "com record after the COM" paths/issued-com-record-1.txt

step "decide to issue" panel-decide P-1 --decision issue --date 2026-12-15
step "serve the draft" issue-plan P-1 --draft --date 2026-12-21
deadlines_are "draft served" 2026-12-22 paths/issued-7.tsv
step "parent comments" issue-plan P-1 --comments-received --date 2027-01-04
step "final plan" issue-plan P-1 --final --placement "Oak School" \
	--date 2027-01-11
check "nothing left" 0 "$EHC" --today 2027-01-12 deadlines
out_empty "nothing left to list"

check "show" 0 "$EHC" show P-1
mask_history
out_matches "show" paths/issued-show.txt
check "log" 0 "$EHC" log P-1 --format tsv
mask_history
out_matches "log" paths/issued-log.tsv
check "com record" 0 "$EHC" com-record P-1
out_matches "com record" paths/issued-com-record.txt
check "list" 0 "$EHC" list --format tsv
out_is "list shows the stage" "$(printf 'ref\treceived\tstage\tended\taro\nP-1\t2026-09-01\tplan-issued\t2027-01-11\tJo Officer')"

finish
