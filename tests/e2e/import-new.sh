# ehc import into a database that does not exist yet: the database appears
# only when the import is complete, never half imported, and a database that
# another command creates meanwhile is kept as that command left it.
. "$(dirname "$0")/lib.sh"

printf 'ref,child_name,date_of_birth,received\n' >"$tmp/one.csv"
printf 'IMP-1,Ada Example,2016-03-04,2026-11-02\n' >>"$tmp/one.csv"
db=$tmp/new/ehc.db

# A FIFO that this shell has open for writing keeps an import waiting
# for its rows, at the point where its own file exists and the database
# does not yet.
mkfifo "$tmp/rows"
exec 3<>"$tmp/rows"

# wait_for_file GLOB: waits up to 10 s for a file that GLOB matches.
wait_for_file() {
	tries=0
	while [ "$tries" -lt 100 ]; do
		for f in $1; do
			[ -e "$f" ] && return 0
		done
		sleep 0.1
		tries=$((tries + 1))
	done
	return 1
}

no_database() {
	if [ -e "$db" ]; then fail "$1: '$db' exists"; else pass; fi
}

"$EHC" --db "$db" import - <"$tmp/rows" >"$tmp/import.out" \
	2>"$tmp/import.err" 3>&- &
importer=$!
if wait_for_file "$db.import-*"; then pass; else
	fail "the import's own file never appeared"; fi
no_database "while the import reads"
check "a reader while the import reads" 66 "$EHC" --db "$db" deadlines
err_has "a reader while the import reads" "does not exist"

cat "$tmp/one.csv" >&3
exec 3>&-
wait "$importer"
status=$?
if [ "$status" -eq 0 ]; then pass; else
	fail "the import exited $status: $(cat "$tmp/import.err")"; fi
check "the imported case" 0 "$EHC" --db "$db" show IMP-1
if [ -z "$(ls "$tmp/new" | grep -v '^ehc\.db$')" ]; then pass; else
	fail "files left beside the database: $(ls "$tmp/new")"; fi

# A database that a request creates during the import is kept, and the
# import stores nothing.
rm -rf "$tmp/new"
exec 3<>"$tmp/rows"
"$EHC" --db "$db" import - <"$tmp/rows" >"$tmp/import.out" \
	2>"$tmp/import.err" 3>&- &
importer=$!
wait_for_file "$db.import-*" || fail "the second import's file never appeared"
check "a request during the import" 0 "$EHC" --db "$db" request \
	--child "Bo Example" --dob 2016-01-01 --received 2026-11-01
cat "$tmp/one.csv" >&3
exec 3>&-
wait "$importer"
status=$?
if [ "$status" -eq 73 ]; then pass; else
	fail "an import racing a request exited $status, expected 73"; fi
cp "$tmp/import.err" "$tmp/err"
err_has "an import racing a request" \
	"ehc: import: database '$db' was created by another command during the import, so nothing was imported; run the import again to add the cases to it"
check "the request's case is kept" 0 "$EHC" --db "$db" show EHC-2026-0001
check "the imported case is absent" 66 "$EHC" --db "$db" show IMP-1
if [ -z "$(ls "$tmp/new" | grep '\.import-')" ]; then pass; else
	fail "the import's file was left: $(ls "$tmp/new")"; fi

# A killed import leaves no database, so the next import creates it.
rm -rf "$tmp/new"
exec 3<>"$tmp/rows"
"$EHC" --db "$db" import - <"$tmp/rows" >/dev/null 2>&1 3>&- &
importer=$!
wait_for_file "$db.import-*" || fail "the killed import's file never appeared"
kill -KILL "$importer"
wait "$importer" 2>/dev/null
exec 3>&-
no_database "after a killed import"
check "an import after a killed one" 0 "$EHC" --db "$db" import \
	"$tmp/one.csv"
check "the case of the import after a killed one" 0 "$EHC" --db "$db" \
	show IMP-1

# A write that fails, here past a file size limit, is reported with the
# database's name, not that of the import's own file, which is removed.
awk 'BEGIN {
	print "ref,child_name,date_of_birth,received,notes"
	for (i = 1; i <= 20000; i++)
		printf "BIG-%d,Child%d Example,2016-01-01,2026-09-01,note %d\n",
		       i, i, i
}' >"$tmp/big.csv"
rm -rf "$tmp/new"
(trap '' XFSZ; ulimit -f 1000; "$EHC" --db "$db" import "$tmp/big.csv") \
	>"$tmp/out" 2>"$tmp/err"
status=$?
if [ "$status" -eq 74 ]; then pass; else
	fail "an import past a size limit exited $status, expected 74"; fi
err_has "an import past a size limit names the database" \
	"ehc: import: database '$db': "
if grep -q '\.import-' "$tmp/err"; then
	fail "an import past a size limit names its own file"; else pass; fi
if [ -z "$(ls "$tmp/new")" ]; then pass; else
	fail "an import past a size limit left $(ls "$tmp/new")"; fi

# A symbolic link to a missing file is a name already taken, and a path
# that ends in a slash names a directory: both fail before any row is read.
ln -s "$tmp/missing.db" "$tmp/link.db"
check "an import at a dangling link" 66 "$EHC" --db "$tmp/link.db" import \
	"$tmp/one.csv"
err_has "an import at a dangling link" \
	"database '$tmp/link.db' does not exist"
check "an import at a directory path" 73 "$EHC" --db "$tmp/newdir/" import \
	"$tmp/one.csv"
err_has "an import at a directory path" \
	"cannot create database '$tmp/newdir/': it names a directory; give a file name"
if [ -e "$tmp/newdir" ] || [ -e "$tmp/missing.db" ]; then
	fail "an import at a bad path created a file"; else pass; fi

finish
