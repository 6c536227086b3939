# The output formats of every listing command on awkward values: quotes,
# commas, tabs, line breaks, backslashes, text that looks like a formula and
# names beyond ASCII. Then --no-header, --fields and strict JSON.
. "$(dirname "$0")/lib.sh"

run() {
	"$EHC" "$@" >/dev/null || fail "setting up: ehc $*"
}

# Names may contain quotes, commas and leading formula characters, but no
# control characters. Notes, outcomes and provision may contain tab and
# newline as well.
run request --child "Zoë Ñandú" --dob 2016-03-04 --ref F-1 \
	--received 2026-09-01 --source parent \
	--setting 'Oak "Big" School, North' --aro "O'Brien, Pat" \
	--ep "Dr Ølsen" \
	--note "$(printf 'first\tsecond\nthird "q", back\\slash')"
run assess F-1 --decision assess --date 2026-09-20 --note "-starts with a dash"
run assess F-1 --advice-requested psychology --date 2026-09-21
run assess F-1 --advice-received psychology --date 2026-10-05
run schedule-com F-1 --at "2026-11-02 10:00" --minutes 90 \
	--location 'Room 1, Hall "B"' --chair "Łukasz Nowak" \
	--invite "Łukasz Nowak" --invite "王芳" --invite "@Parent carer" \
	--date 2026-10-01
run record-outcome F-1 --held --attended "王芳" --attended "@Parent carer" \
	--date 2026-11-02
run record-outcome F-1 --area ci --outcome 'says "hi", then waves' \
	--provision "$(printf '=weekly\tSALT\nwith a TA')" --date 2026-11-02
run record-outcome F-1 --area semh --outcome "+1 friend at break" \
	--provision "key adult, daily" --by 2027-07-20 --date 2026-11-02
run record-outcome F-1 --area ci --outcome "uses 10 signs" \
	--provision "Makaton, 王芳 to model" --date 2026-11-02
run exception F-1 --reason personal-circumstances --from 2026-11-10 \
	--to 2026-11-20 --date 2026-11-10

run request --child "Łukasz Nowak" --dob 2015-05-06 --ref F-2 \
	--received 2026-10-20 --source school --setting "@Home education" \
	--aro "王芳" --ep "+Plus EP"
run request --child "王芳" --dob 2014-07-08 --ref F-3 --received 2026-06-01 \
	--aro "=SUM(A1)"
run withdraw F-3 --reason 'moved, "far" away' --date 2026-07-01
run request --child "Zoë" --dob 2017-01-02 --ref F-4 --received 2026-11-25 \
	--aro "-Duty officer"
run request --child "Ana" --dob 2017-03-04 --ref F-5 --received 2026-11-30
run request --child "Ben" --dob 2016-01-01 --ref F-6 --received 2026-09-15 \
	--aro "Jo Officer"

cat >"$tmp/acronyms.yaml" <<'YAML'
acronyms:
  "Q,T": 'Quote "and" comma, here'
  "=F": "=1+2 looks like a formula"
  "-D": "-starts with a dash"
  "@A": "@at sign"
  'B\S': 'back\slash'
  "Ñ": "Zoë's ñ, 王芳"
YAML

time='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z'
tab=$(printf '\t')

# edit_out SED-ARGUMENTS...: rewrites stdout with sed -E.
edit_out() {
	sed -E "$@" "$tmp/out" >"$tmp/masked"
	mv "$tmp/masked" "$tmp/out"
}

# mask_log FORMAT: replaces the times and the OS user in the output of ehc
# log in FORMAT, which vary from run to run. The table keeps its layout: a
# time of the same width, and the user column as wide as its header.
mask_log() {
	case $1 in
	table)
		edit_out -e "s/^(id +at +)user +/\1user  /" \
			-e "s/$time  [^ ]+ +/YYYY-MM-DDTHH:MM:SSZ  USER  /"
		;;
	tsv) edit_out "s/^([0-9]+$tab)$time$tab[^$tab]*/\1TIME${tab}USER/" ;;
	csv) edit_out "s/^([0-9]+,)$time,[^,]*/\1TIME,USER/" ;;
	*) edit_out "s/(\"at\":\")$time(\",\"user\":\")[^\"]*/\1TIME\2USER/" ;;
	esac
}

# mask_show FORMAT: the same for ehc show.
mask_show() {
	case $1 in
	table)
		mask_history
		;;
	tsv)
		edit_out -e "s/^(event$tab[0-9]+\.at$tab)$time/\1TIME/" \
			-e "s/^(event$tab[0-9]+\.user$tab).*/\1USER/"
		;;
	csv)
		edit_out -e "s/^(event,[0-9]+\.at,)$time/\1TIME/" \
			-e "s/^(event,[0-9]+\.user,)[^\r]*/\1USER/"
		;;
	*)
		edit_out -e "s/(\"field\":\"[0-9]+\.at\",\"value\":\")$time/\1TIME/" \
			-e "s/(\"field\":\"[0-9]+\.user\",\"value\":\")[^\"]*/\1USER/"
		;;
	esac
}

# json_valid NAME FORMAT: stdout is valid UTF-8 and strict JSON (one array
# for json, one object a line for jsonl) with no raw control character.
json_valid() {
	if python3 - "$2" "$tmp/out" 2>"$tmp/python" <<'PYTHON'
import json
import sys

form, path = sys.argv[1], sys.argv[2]
text = open(path, "rb").read().decode("utf-8", errors="strict")

def reject(name):
    raise ValueError("not JSON: " + name)

for ch in text:
    if (ch < " " and ch != "\n") or "\x7f" <= ch <= "\x9f":
        raise ValueError("raw control character %r" % ch)
if not text.endswith("\n"):
    raise ValueError("no newline at the end")
if form == "json":
    value = json.loads(text, parse_constant=reject)
    if not isinstance(value, list):
        raise ValueError("not an array")
else:
    for line in text.splitlines():
        if not isinstance(json.loads(line, parse_constant=reject), dict):
            raise ValueError("a line that is not an object")
PYTHON
	then
		pass
	else
		fail "$1: not strict $2: $(tail -n 1 "$tmp/python")"
	fi
}

for format in table tsv csv json jsonl; do
	check "deadlines $format" 0 "$EHC" deadlines --format "$format"
	out_matches "deadlines $format" "formats/deadlines.$format"

	check "list $format" 0 "$EHC" list --format "$format"
	out_matches "list $format" "formats/list.$format"

	check "log $format" 0 "$EHC" log F-1 --format "$format"
	mask_log "$format"
	out_matches "log $format" "formats/log.$format"

	check "show $format" 0 "$EHC" show F-1 --format "$format"
	mask_show "$format"
	out_matches "show $format" "formats/show.$format"

	check "acronym $format" 0 "$EHC" --config "$tmp/acronyms.yaml" acronym \
		--format "$format"
	out_matches "acronym $format" "formats/acronym.$format"
done

# Every json and jsonl output, with every column, parses strictly.
deadline_columns=ref,milestone,due,days,status,aro,child,dob,received,stage
deadline_columns=$deadline_columns,setting,ep
case_columns=ref,received,stage,ended,aro,child,dob,source,setting,ep
for format in json jsonl; do
	for args in "deadlines --fields $deadline_columns" \
		"list --fields $case_columns" \
		"log F-1 --fields id,at,user,event,changes,note,detail" \
		"log F-2" "show F-1" "show F-3" "show F-4" \
		"--config $tmp/acronyms.yaml acronym"; do
		# shellcheck disable=SC2086
		check "$args $format" 0 "$EHC" $args --format "$format"
		json_valid "$args $format" "$format"
	done
done

check "show of nothing to list" 0 "$EHC" deadlines --aro nobody --format json
out_is "empty json is an array" "[]"
json_valid "empty json" json

# --no-header: tsv and csv only.
check "deadlines tsv without header" 0 "$EHC" deadlines --format tsv \
	--no-header
tail -n +2 "$expected_dir/formats/deadlines.tsv" >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/out"; then pass; else
	fail "deadlines tsv without header: not the rows of deadlines.tsv"; fi
check "list csv without header" 0 "$EHC" list --format csv --no-header
tail -n +2 "$expected_dir/formats/list.csv" >"$tmp/want"
if cmp -s "$tmp/want" "$tmp/out"; then pass; else
	fail "list csv without header: not the rows of list.csv"; fi
check "show tsv without header" 0 "$EHC" show F-1 --format tsv --no-header
if [ "$(head -n 1 "$tmp/out")" = "$(printf 'case\tref\tF-1')" ]; then
	pass; else fail "show tsv without header: '$(head -n 1 "$tmp/out")'"; fi
check "log csv without header" 0 "$EHC" log F-2 --format csv --no-header \
	--fields id,event
out_is "log csv without header" "$(printf '11,request\r')"
check "acronym tsv without header" 0 "$EHC" acronym --format tsv \
	--no-header ARO
if grep -q '^ARO	Assessment' "$tmp/out" && [ "$(wc -l <"$tmp/out")" -eq 1 ]
then pass; else fail "acronym tsv without header: '$(cat "$tmp/out")'"; fi

for command in deadlines list "log F-1" "show F-1" acronym; do
	for format in table json jsonl; do
		# shellcheck disable=SC2086
		check "$command --no-header $format" 64 "$EHC" $command \
			--no-header --format "$format"
		out_empty "$command --no-header $format prints nothing"
		err_has "$command --no-header $format" \
			"--no-header is for --format tsv or csv, not $format"
	done
done

# --fields: any order, columns left out by default, each format.
check "deadlines fields" 0 "$EHC" deadlines --format tsv \
	--fields days,ref,child,dob,received,stage,setting,ep
out_matches "deadlines fields" formats/deadlines-fields.tsv
check "deadlines fields json" 0 "$EHC" deadlines --format jsonl \
	--fields ref,child --aro "王芳"
out_is "deadlines fields json" "$(printf '%s\n' \
	'{"ref":"F-2","child":"Łukasz Nowak"}' \
	'{"ref":"F-2","child":"Łukasz Nowak"}' \
	'{"ref":"F-2","child":"Łukasz Nowak"}' \
	'{"ref":"F-2","child":"Łukasz Nowak"}' \
	'{"ref":"F-2","child":"Łukasz Nowak"}')"
check "deadlines fields blanks" 0 "$EHC" deadlines --format tsv \
	--fields ' ref , days ' --aro "O'Brien, Pat" --no-header
out_is "deadlines fields blanks" "$(printf 'F-1\t21\nF-1\t49')"
check "list fields" 0 "$EHC" list --format csv \
	--fields ref,child,dob,source,setting,ep,ended
out_matches "list fields" formats/list-fields.csv
check "list fields table" 0 "$EHC" list --fields child,ref --open
out_matches "list fields table" formats/list-fields.table
check "log fields" 0 "$EHC" log F-1 --format jsonl --fields event,detail
out_matches "log fields" formats/log-fields.jsonl
check "log detail tsv" 0 "$EHC" log F-3 --format tsv --fields id,detail
out_matches "log detail tsv" formats/log-detail.tsv
check "show fields" 0 "$EHC" show F-3 --format tsv --fields value,field \
	--no-header
edit_out -e "s/^$time($tab[0-9]+\.at)\$/TIME\1/" \
	-e "s/^[^$tab]*($tab[0-9]+\.user)\$/USER\1/"
out_matches "show fields" formats/show-fields.tsv
check "acronym fields" 0 "$EHC" --config "$tmp/acronyms.yaml" acronym \
	--format csv --fields meaning Q,T
out_is "acronym fields" "$(printf 'meaning\r\n"Quote ""and"" comma, here"\r')"

check "show fields table" 64 "$EHC" show F-1 --fields field
out_empty "show fields table prints nothing"
err_has "show fields table" "--fields is for --format tsv, csv, json or jsonl"

# An unknown, empty or repeated column is a usage error that lists them.
check "deadlines unknown field" 64 "$EHC" deadlines --fields ref,chld
out_empty "deadlines unknown field prints nothing"
err_has "deadlines unknown field" \
	"ehc: deadlines: invalid --fields 'ref,chld': unknown column 'chld'; did you mean 'child'? columns: ref, milestone, due, days, status, aro, child, dob, received, stage, setting, ep; see 'ehc deadlines --help'"
check "list unknown field" 64 "$EHC" list --fields nmae --format csv
err_has "list unknown field" "columns: ref, received, stage, ended, aro, child, dob, source, setting, ep"
check "log unknown field" 64 "$EHC" log F-1 --fields detial
err_has "log unknown field" "unknown column 'detial'; did you mean 'detail'?"
check "show unknown field" 64 "$EHC" show F-1 --format tsv --fields key
err_has "show unknown field" "unknown column 'key'; columns: section, field, value"
check "acronym unknown field" 64 "$EHC" acronym --fields trem
err_has "acronym unknown field" "did you mean 'term'?"
check "empty field" 64 "$EHC" deadlines --fields ref,
err_has "empty field" "invalid --fields 'ref,': a column name is empty"
check "repeated field" 64 "$EHC" list --fields ref,aro,ref
err_has "repeated field" "column 'ref' is named twice"
check "fields needs a value" 64 "$EHC" list --fields
err_has "fields needs a value" "option '--fields' needs a value"

# The columns are in each command's help.
check "deadlines help" 0 "$EHC" deadlines --help
if grep -qx 'columns: ref, milestone, due, days, status, aro' "$tmp/out" &&
   grep -qx 'only with --fields: child, dob, received, stage, setting, ep' \
	"$tmp/out"; then pass; else fail "deadlines help lacks the columns"; fi

finish
