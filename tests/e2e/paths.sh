# Where ehc keeps its database: --db, EHC_DB, XDG_DATA_HOME, HOME; and the
# modes of what it creates, whatever the umask.
. "$(dirname "$0")/lib.sh"

unset EHC_DB

check "default under HOME" 0 "$EHC" request --child A --dob 2015-01-01
if [ -f "$HOME/.local/share/ehc/ehc.db" ]; then pass; else
	fail "default under HOME: no ~/.local/share/ehc/ehc.db"; fi

export XDG_DATA_HOME="$tmp/xdg"
check "XDG_DATA_HOME" 0 "$EHC" request --child A --dob 2015-01-01
out_is "XDG_DATA_HOME is a new database" EHC-2026-0001
if [ -f "$tmp/xdg/ehc/ehc.db" ]; then pass; else
	fail "XDG_DATA_HOME: no \$XDG_DATA_HOME/ehc/ehc.db"; fi

export XDG_DATA_HOME=relative/dir
check "relative XDG_DATA_HOME ignored" 0 "$EHC" request --child A \
	--dob 2015-01-01
out_is "relative XDG_DATA_HOME falls back to HOME" EHC-2026-0002
unset XDG_DATA_HOME

export EHC_DB="$tmp/env.db"
check "EHC_DB" 0 "$EHC" request --child A --dob 2015-01-01
if [ -f "$tmp/env.db" ]; then pass; else fail "EHC_DB: file not made"; fi

check "--db beats EHC_DB" 0 "$EHC" --db "$tmp/option.db" request \
	--child A --dob 2015-01-01
if [ -f "$tmp/option.db" ]; then pass; else fail "--db: file not made"; fi
check "--db after the command" 0 "$EHC" request --db "$tmp/option.db" \
	--child A --dob 2015-01-01
out_is "--db after the command" EHC-2026-0002

for mask in 022 000 077; do
	dir="$tmp/mask$mask/a/b"
	check "umask $mask" 0 sh -c "umask $mask && exec \"\$EHC\" \
		--db '$dir/ehc.db' request --child A --dob 2015-01-01"
	mode_is "umask $mask database" "$dir/ehc.db" 600
	mode_is "umask $mask directory" "$dir" 700
	mode_is "umask $mask parent directory" "$tmp/mask$mask/a" 700
done

check "read of a missing database" 66 "$EHC" --db "$tmp/none.db" deadlines
err_has "missing database named" "$tmp/none.db"
if [ -e "$tmp/none.db" ]; then fail "a read created the database"; else
	pass; fi

check "no HOME and no EHC_DB" 64 env -u HOME -u EHC_DB "$EHC" deadlines
err_has "no HOME names the way out" "--db"
out_empty "no HOME prints nothing"

check "database in an unwritable place" 73 "$EHC" \
	--db /proc/ehc-test/ehc.db request --child A --dob 2015-01-01
err_has "unwritable place named" "/proc/ehc-test"

finish
