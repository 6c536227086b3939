# Values that look like SQL, shell commands, right-to-left text and emoji
# come back byte for byte; control characters are rejected where they make
# no sense; the database files are private whatever the umask.
. "$(dirname "$0")/lib.sh"

if ! command -v python3 >/dev/null; then
	echo "python3 not found: hostile input test skipped"
	exit 77
fi

# show_value REF FIELD: the value of a case field in "show --format json".
show_value() {
	"$EHC" show "$1" --format json | python3 -c '
import json, sys
rows = json.load(sys.stdin)
value = [r["value"] for r in rows
	 if r["section"] == "case" and r["field"] == sys.argv[1]][0]
sys.stdout.write(value)' "$2"
}

# export_value REF COLUMN FORMAT: the value of a column in the export.
export_value() {
	"$EHC" export --format "$3" | python3 -c '
import csv, json, sys
ref, column, form = sys.argv[1:]
if form == "jsonl":
	rows = [json.loads(line) for line in sys.stdin]
else:
	rows = list(csv.DictReader(sys.stdin))
sys.stdout.write([r for r in rows if r["ref"] == ref][0][column])' "$1" "$2" "$3"
}

# same NAME GOT EXPECTED
same() {
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: got '$2', expected '$3'"; fi
}

n=0
while IFS= read -r value; do
	[ -z "$value" ] && continue
	n=$((n + 1))
	ref="HOST-$n"
	note="note: $value
second line	with a tab"
	check "request with $value" 0 "$EHC" request --child "$value" \
		--dob 2016-01-01 --received 2026-11-01 --ref "$ref" \
		--setting "$value" --aro "$value" --note "$note"
	same "show child of $ref" "$(show_value "$ref" child)" "$value"
	same "show setting of $ref" "$(show_value "$ref" setting)" "$value"
	same "show aro of $ref" "$(show_value "$ref" aro)" "$value"
	same "jsonl export of $ref" \
		"$(export_value "$ref" child_name jsonl)" "$value"
	same "csv export of $ref" \
		"$(export_value "$ref" child_name csv)" "$value"
	same "jsonl export note of $ref" \
		"$(export_value "$ref" notes jsonl)" "$note"
	same "csv export note of $ref" \
		"$(export_value "$ref" notes csv)" "$note"
done <<'EOF'
'); DROP TABLE cases;--
Robert'); DELETE FROM events; --
$(rm -rf /)
`rm -rf /` and ${HOME}
"quoted" \back\slash\ and 'single'
%s %n %x %%
مريم الحسن
שרה כהן
Zoë Müller-Ñúñez
👩‍👩‍👧 family 🧒🏽 child 🏳️‍🌈
=HYPERLINK("http://127.0.0.1/")
-2+3
EOF

# The tables survived the values that look like SQL.
check "tables still there" 0 "$EHC" list --format tsv
if [ "$(tail -n +2 "$tmp/out" | wc -l)" -eq "$n" ]; then pass; else
	fail "list shows $(tail -n +2 "$tmp/out" | wc -l) cases, expected $n"
fi

# Control characters make no sense in a name and are rejected; a note keeps
# newlines and tabs but no terminal escape.
esc=$(printf '\033')
for field in --child --setting --aro --ep; do
	refused "escape in $field" "control character" request \
		--child "Eve Example" --dob 2016-01-01 $field "a${esc}[2Jb"
done
refused "newline in a name" "control character" request \
	--child "$(printf 'Eve\nExample')" --dob 2016-01-01
refused "escape in a note" "control character" request \
	--child "Eve Example" --dob 2016-01-01 --note "red ${esc}[31m text"
refused "bell in a note" "control character" request \
	--child "Eve Example" --dob 2016-01-01 --note "$(printf 'ring\007')"
printf '{"ref":"ESC-1","child_name":"Eve Example","date_of_birth":"2016-01-01","received":"2026-11-01","notes":"\\u001b[2J"}\n' \
	>"$tmp/escape.jsonl"
refused "escape in an imported note" "control character" import \
	"$tmp/escape.jsonl"

# No output format passes an escape character through raw.
for format in table tsv csv json; do
	"$EHC" list --format "$format" >"$tmp/list.out" 2>&1
	if grep -q "$esc" "$tmp/list.out"; then
		fail "list --format $format printed an escape character"
	else
		pass
	fi
done

# modes UMASK: a new database and its -wal and -shm are 0600 under UMASK.
# A second connection keeps the -wal and -shm files while ehc writes.
modes() {
	db="$tmp/umask$1/ehc.db"
	(umask "$1" && "$EHC" --db "$db" request --child "Eve Example" \
		--dob 2016-01-01 >/dev/null)
	{ echo 'BEGIN; SELECT count(*) FROM cases;'; sleep 3; echo 'COMMIT;'; } |
		sqlite3 "$db" >/dev/null &
	holder=$!
	sleep 0.5
	(umask "$1" && "$EHC" --db "$db" request --child "Fay Example" \
		--dob 2016-01-01 >/dev/null)
	mode_is "database under umask $1" "$db" 600
	mode_is "directory under umask $1" "$(dirname "$db")" 700
	for suffix in -wal -shm; do
		if [ -e "$db$suffix" ]; then
			mode_is "$suffix under umask $1" "$db$suffix" 600
		else
			fail "$suffix under umask $1: no file while a reader is open"
		fi
	done
	wait "$holder"
}
if command -v sqlite3 >/dev/null; then
	modes 022
	modes 000
fi

finish
