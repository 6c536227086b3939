# ehc import killed with SIGKILL at many points of a large file: after each
# kill the database is intact, contains all of that import or none of it, and
# the next commands work.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null; then
	echo "sqlite3 not found: crash test skipped"
	exit 77
fi

rows=30000
awk -v n="$rows" 'BEGIN {
	print "ref,child_name,date_of_birth,received,source,setting,notes"
	for (i = 1; i <= n; i++)
		printf "BIG-%d,Child%d Example,2016-01-01,2026-09-01," \
		       "parent,Oak School,\"note %d, with a comma\"\n", i, i, i
}' >"$tmp/big.csv"

count_cases() {
	sqlite3 "$EHC_DB" 'SELECT count(*) FROM cases'
}

"$EHC" request --child "Seed Example" --dob 2016-01-01 \
	--received 2026-08-01 --ref SEED-1 >/dev/null
# Events are append-only, so a finished import is undone by restoring this
# copy of the database from before it.
cp "$EHC_DB" "$tmp/base.db"
partial=0
finished=0

# The delays rise from almost at once to past the end of a typical import,
# so that kills land in the opening, the row checks, the inserts and the
# commit.
for delay in 0.01 0.02 0.05 0.08 0.1 0.15 0.2 0.25 0.3 0.4 0.5 0.6 0.8 \
	1.0 1.5; do
	before=$(count_cases)
	"$EHC" import "$tmp/big.csv" >/dev/null 2>&1 &
	importer=$!
	sleep "$delay"
	kill -KILL "$importer" 2>/dev/null
	wait "$importer" 2>/dev/null

	integrity=$(sqlite3 "$EHC_DB" 'PRAGMA integrity_check' 2>&1)
	if [ "$integrity" = ok ]; then pass; else
		fail "kill after ${delay}s: integrity check: $integrity"; fi

	count=$(count_cases)
	if [ "$count" -eq "$before" ]; then
		pass
	elif [ "$count" -eq $((before + rows)) ]; then
		finished=$((finished + 1))
		pass
	else
		partial=$((partial + 1))
		fail "kill after ${delay}s: $count cases, expected $before" \
			"or $((before + rows))"
	fi

	check "deadlines after a kill at ${delay}s" 0 "$EHC" deadlines \
		--format tsv
	check "request after a kill at ${delay}s" 0 "$EHC" request \
		--child "After Example" --dob 2016-01-01 --received 2026-11-01

	if [ "$count" -ne "$before" ]; then
		rm -f "$EHC_DB-wal" "$EHC_DB-shm"
		cp "$tmp/base.db" "$EHC_DB"
	fi
done

# Kills that all land after the commit would prove nothing.
if [ "$finished" -lt 15 ]; then pass; else
	fail "every import finished before its kill; the file is too small"; fi
if [ "$partial" -eq 0 ]; then pass; else
	fail "$partial kills left part of an import"; fi
echo "# $finished of 15 imports finished before the kill"

# The file still imports whole after all the kills.
before=$(count_cases)
check "import after the kills" 0 "$EHC" import "$tmp/big.csv"
count=$(count_cases)
if [ "$count" -eq $((before + rows)) ]; then pass; else
	fail "import after the kills stored $count cases, expected" \
		"$((before + rows))"; fi

finish
