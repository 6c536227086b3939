# Exit statuses that need an unusual machine state: a failed write, a
# database locked by another writer, a damaged database.
. "$(dirname "$0")/lib.sh"

"$EHC" request --child A --dob 2015-01-01 --received 2026-11-01 >/dev/null

if [ -w /dev/full ]; then
	check "write error" 74 sh -c 'exec "$EHC" deadlines >/dev/full'
	err_has "write error named" "cannot write"
	for args in "--help" "--version" "request --help" "help"; do
		# shellcheck disable=SC2086
		check "write error of $args" 74 sh -c \
			"exec \"\$EHC\" $args >/dev/full"
	done
fi

# Another writer holds the lock for longer than ehc waits (10 seconds).
if command -v sqlite3 >/dev/null; then
	snapshot
	{ echo 'BEGIN IMMEDIATE;'; sleep 14; echo 'ROLLBACK;'; } |
		sqlite3 "$EHC_DB" &
	holder=$!
	sleep 1
	check "locked database" 75 "$EHC" request --child B --dob 2015-01-01
	err_has "locked database says to try again" "try again"
	out_empty "locked database prints no reference"
	check "reader beside a writer" 0 "$EHC" deadlines --format tsv
	wait "$holder"
	unchanged "locked database left as it was"

	# A database whose tables were dropped by hand is not ehc's any more.
	cp "$EHC_DB" "$tmp/damaged.db"
	sqlite3 "$tmp/damaged.db" 'DROP TABLE people;' 2>/dev/null
	check "database without its tables" 65 "$EHC" --db "$tmp/damaged.db" \
		deadlines
	err_has "database without its tables" "not an ehc database"

	# One whose columns were changed by hand fails inside ehc.
	cp "$EHC_DB" "$tmp/altered.db"
	sqlite3 "$tmp/altered.db" \
		'ALTER TABLE cases RENAME COLUMN aro TO officer;' 2>/dev/null
	check "altered database" 70 "$EHC" --db "$tmp/altered.db" deadlines
	out_empty "altered database prints nothing"
fi

printf 'not a database, just text\n' >"$tmp/text.db"
check "file that is not a database" 65 "$EHC" --db "$tmp/text.db" list
err_has "file that is not a database named" "text.db"

finish
