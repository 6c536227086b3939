# Who may touch the database: a warning when others can write to it, and a
# journal mode that the configuration sets and ehc never overrides.
. "$(dirname "$0")/lib.sh"

"$EHC" request --child A --dob 2015-01-01 --received 2026-11-01 >/dev/null

chmod 664 "$EHC_DB"
check "group can write" 0 "$EHC" list
err_has "group can write warns" \
	"warning: database '$EHC_DB' can be written by other users; chmod 600 it"
chmod 600 "$EHC_DB"
check "only the owner can write" 0 "$EHC" list
err_empty "only the owner can write is quiet"

journal() {
	sqlite3 "$1" 'PRAGMA journal_mode' 2>/dev/null
}

same() {
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: got '$2', expected '$3'"; fi
}

same "WAL by default" "$(journal "$EHC_DB")" wal

printf 'database:\n  journal: delete\n' >"$tmp/share.yaml"
export EHC_CONFIG="$tmp/share.yaml"
check "request on a share" 0 "$EHC" --db "$tmp/share.db" request \
	--child A --dob 2015-01-01 --received 2026-11-01
same "delete as configured" "$(journal "$tmp/share.db")" delete
check "a step on a share" 0 "$EHC" --db "$tmp/share.db" assess \
	EHC-2026-0001 --decision assess --date 2026-11-20
check "a read on a share" 0 "$EHC" --db "$tmp/share.db" deadlines
printf 'ref,child_name,date_of_birth,received\nS-2,B,2015-01-01,2026-11-02\n' \
	>"$tmp/one.csv"
check "an import on a share" 0 "$EHC" --db "$tmp/share.db" import \
	"$tmp/one.csv"
same "still delete" "$(journal "$tmp/share.db")" delete
if [ -e "$tmp/share.db-wal" ]; then fail "a -wal file on a share"; else
	pass; fi

# An import that creates the database fills it with a rollback journal and
# then gives it the configured mode.
check "an import into a new database" 0 "$EHC" --db "$tmp/new.db" import \
	"$tmp/one.csv"
same "a new database imported is delete as configured" \
	"$(journal "$tmp/new.db")" delete
unset EHC_CONFIG
check "an import into a new database by default" 0 "$EHC" \
	--db "$tmp/new-wal.db" import "$tmp/one.csv"
same "a new database imported is WAL by default" \
	"$(journal "$tmp/new-wal.db")" wal
check "the new WAL database reads" 0 "$EHC" --db "$tmp/new-wal.db" show S-2
if [ -e "$tmp/new-wal.db-journal" ]; then
	fail "a rollback journal left beside an imported database"; else
	pass; fi

# A dry run writes nothing, not even the journal mode of the configuration.
printf 'ref,child_name,date_of_birth,received\nS-3,C,2015-01-01,2026-11-02\n' \
	>"$tmp/two.csv"
check "a dry run with the default" 0 "$EHC" --db "$tmp/share.db" import \
	--dry-run "$tmp/two.csv"
same "a dry run keeps delete" "$(journal "$tmp/share.db")" delete

# A failed import stores nothing, so the journal mode stays as it was too.
printf 'ref,child_name,date_of_birth,received\nS-4,D,2015-01-01,2030-01-01\n' \
	>"$tmp/late.csv"
check "a failed import with the default" 65 "$EHC" --db "$tmp/share.db" \
	import "$tmp/late.csv"
same "a failed import keeps delete" "$(journal "$tmp/share.db")" delete

# A file in delete mode that another tool made stays in it when read.
check "read with the default" 0 "$EHC" --db "$tmp/share.db" list
same "a read keeps delete" "$(journal "$tmp/share.db")" delete

finish
