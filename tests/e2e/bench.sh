#!/bin/sh
# Tests the benchmark on a small size. The generated caseload must import
# whole, and bench/run must write a row with a ratio for each measurement.
. "$(dirname "$0")/lib.sh"
bench=$here/../../bench

for tool in hyperfine task; do
	if ! command -v "$tool" >/dev/null; then
		echo "bench: '$tool' not found: run scripts/install-deps" >&2
		exit 1
	fi
done

check "generate runs" 0 "$bench/generate" 2000 --open 150 --seed 7 \
	--today "$EHC_TODAY"
cp "$tmp/out" "$tmp/cases.csv"
check "generate repeats itself" 0 "$bench/generate" 2000 --open 150 \
	--seed 7 --today "$EHC_TODAY"
cmp -s "$tmp/out" "$tmp/cases.csv" && pass ||
	fail "generate gives other rows for the same seed"

check "import of generated cases" 0 "$EHC" import "$tmp/cases.csv"
err_empty "import of generated cases is quiet"

check "list all" 0 "$EHC" list --format tsv --no-header
cases=$(wc -l <"$tmp/out")
[ "$cases" -eq 2000 ] && pass || fail "imported $cases cases, expected 2000"
stages=$(cut -f 3 "$tmp/out" | sort -u | wc -l)
[ "$stages" -ge 8 ] && pass || fail "only $stages stages, expected 8 or more"

check "list open" 0 "$EHC" list --open --format tsv --no-header
open=$(wc -l <"$tmp/out")
[ "$open" -eq 150 ] && pass || fail "$open cases open, expected 150"

check "generate rejects bad open" 2 "$bench/generate" 10 --open 11

check "run small" 0 "$bench/run" --size small --ehc "$EHC" \
	--output "$tmp/BENCHMARKS.md"
for row in '`ehc import` of' 'peak memory of' \
	'`ehc deadlines --overdue` on 10000 cases' '`ehc show REF`' \
	'`task overdue`'; do
	if grep -F -- "$row" "$tmp/BENCHMARKS.md" |
		grep -Eq '\| [0-9]+\.[0-9]+x [a-z-]+ \| at (most|least)'; then
		pass
	else
		fail "results page lacks a row with a ratio for '$row'"
	fi
done
grep -q '^- processors (`nproc`): [0-9]' "$tmp/BENCHMARKS.md" && pass ||
	fail "results page lacks the machine"

finish
