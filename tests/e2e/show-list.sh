# ehc show and ehc list: one case in full, and the cases one a line.
. "$(dirname "$0")/lib.sh"

"$EHC" request --child "Ada Test" --dob 2016-03-04 --ref A-1 \
	--received 2026-10-01 --source parent --setting "Oak School" \
	--aro "Jo Officer" --note "$(printf 'two\nlines')" >/dev/null
"$EHC" request --child "Ben Test" --dob 2015-01-01 --ref B-2 \
	--received 2026-11-20 >/dev/null
"$EHC" request --child "Cy Test" --dob 2015-01-01 --ref C-3 \
	--received 2026-09-01 --aro "Sam Officer" >/dev/null

# History lines start with the UTC time and the OS user; both vary.
mask() {
	sed -E 's/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z  [^ ]+  /TIME  USER  /' \
		"$tmp/out" >"$tmp/masked"
	mv "$tmp/masked" "$tmp/out"
}

check "show" 0 "$EHC" show A-1
user=$(id -un)
if grep -qE "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z  $user  request" \
	"$tmp/out"; then pass; else fail "show: no event by $user"; fi
mask
out_matches "show" show-a1.txt

check "show with few fields" 0 "$EHC" show B-2
mask
out_matches "show with few fields" show-b2.txt

check "show unknown case" 66 "$EHC" show NOPE
out_empty "show unknown case prints nothing"
err_has "show unknown case" "'NOPE'"

check "list" 0 "$EHC" list
out_matches "list" list.table
check "list tsv" 0 "$EHC" list --format tsv
out_matches "list tsv" list.tsv
check "list by officer" 0 "$EHC" list --aro "Sam Officer" --format tsv
out_is "list by officer" "$(printf 'ref\treceived\tstage\tended\taro\nC-3\t2026-09-01\trequested\t\tSam Officer')"
check "list open" 0 "$EHC" list --open --format csv
if [ "$(wc -l <"$tmp/out")" -eq 4 ]; then pass; else
	fail "list open: $(wc -l <"$tmp/out") lines, expected 4"; fi
check "list ended" 0 "$EHC" list --ended
out_empty "no case has ended"
check "list of nobody" 0 "$EHC" list --aro nobody --format json
out_is "list of nobody" "[]"

finish
