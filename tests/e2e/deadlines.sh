# ehc deadlines: which milestones are listed on a pinned day, in each
# format, with each filter, and what cron sees when there is nothing.
. "$(dirname "$0")/lib.sh"

# One case, long overdue, of an officer that the filters below leave out.
check "old case" 0 "$EHC" request --child A --dob 2015-01-01 \
	--ref OLD-1 --received 2020-01-01 --aro "Al Officer"
check "nothing to list" 0 "$EHC" deadlines --aro nobody
out_empty "nothing to list prints nothing"
err_empty "nothing to list is quiet"
check "json of nothing" 0 "$EHC" deadlines --aro nobody --format json
out_is "json of nothing is an empty array" "[]"
check "exit status with nothing" 0 "$EHC" deadlines --aro nobody \
	--exit-status
out_empty "exit status with nothing prints nothing"

rm -f "$EHC_DB"
request() {
	"$EHC" request --dob 2015-01-01 "$@" >/dev/null ||
		fail "request $*"
}
request --child "Ada" --ref A-1 --received 2026-10-01 --aro "Jo Officer"
request --child "Ben" --ref B-2 --received 2026-10-20 --aro "O'Brien, Pat"
request --child "Cy" --ref C-3 --received 2026-11-25
request --child "Di" --ref D-4 --received 2026-06-01 --aro "=SUM(A1)"
request --child "Ed" --ref E-5 --received 2026-10-20 --aro "Zoë Ñandú"

check "tsv" 0 "$EHC" deadlines --format tsv
out_matches "tsv" deadlines.tsv
check "csv" 0 "$EHC" deadlines --format csv
out_matches "csv" deadlines.csv
check "json" 0 "$EHC" deadlines --format json
out_matches "json" deadlines.json
check "table" 0 "$EHC" deadlines
out_matches "table" deadlines.table
check "overdue" 0 "$EHC" deadlines --overdue --format tsv
out_matches "overdue" deadlines-overdue.tsv
check "within 7 days" 0 "$EHC" deadlines --within 7 --format tsv
out_matches "within 7 days" deadlines-within.tsv
check "one officer" 0 "$EHC" deadlines --aro "Jo Officer" --format tsv
out_matches "one officer" deadlines-aro.tsv
check "one milestone" 0 "$EHC" deadlines --milestone com --format tsv
out_matches "one milestone" deadlines-com.tsv
check "names left out" 0 "$EHC" deadlines --format json
if grep -q Ada "$tmp/out"; then fail "names left out: child shown"; else
	pass; fi

check "exit status when overdue" 1 "$EHC" deadlines --overdue --exit-status \
	--format tsv
out_matches "exit status still lists" deadlines-overdue.tsv
check "exit status when not overdue" 0 "$EHC" deadlines --exit-status \
	--aro "Jo Officer" --milestone com

check "another day" 0 "$EHC" deadlines --today 2026-10-01 --format tsv \
	--aro "Jo Officer" --milestone assess-decision
out_is "counted from --today" "$(printf 'ref\tmilestone\tdue\tdays\tstatus\taro\nA-1\tassess-decision\t2026-11-12\t42\tupcoming\tJo Officer')"

printf 'timeframes:\n  assess-decision: 4w\n' >"$tmp/short.yaml"
check "configured timeframe" 0 "$EHC" --config "$tmp/short.yaml" deadlines \
	--format tsv --aro "Jo Officer" --milestone assess-decision
out_is "due after the configured weeks" "$(printf 'ref\tmilestone\tdue\tdays\tstatus\taro\nA-1\tassess-decision\t2026-10-29\t-33\toverdue\tJo Officer')"

printf 'timeframes:\n\tcom: 14w\n' >"$tmp/bad.yaml"
check "invalid configuration stops" 78 "$EHC" --config "$tmp/bad.yaml" \
	deadlines
out_empty "invalid configuration lists nothing"
err_has "invalid configuration named" "bad.yaml:2"

for args in "--within -1" "--within 1x" "--within 007" "--milestone plan" \
	"--format xml" "--overdue --within 3" "--today 2026-02-29"; do
	# shellcheck disable=SC2086
	check "usage $args" 64 "$EHC" deadlines $args
	out_empty "usage $args prints nothing"
	err_has "usage $args names --help" "--help"
done

finish
