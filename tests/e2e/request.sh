# ehc request: registering requests, generated references, and every rule
# that rejects a request with the database left as it was.
. "$(dirname "$0")/lib.sh"

check "first request" 0 "$EHC" request --child "Ada Test" --dob 2016-03-04
out_is "first reference" EHC-2026-0001
err_empty "first request is quiet"

check "second request" 0 "$EHC" request --child "Ben Test" --dob 2015-01-01 \
	--received 2026-11-02 --source school --setting "Oak School" \
	--aro "Jo Officer" --ep "Dr Psych" --note "from the SENCO"
out_is "second reference" EHC-2026-0002

check "other year" 0 "$EHC" request --child "Cy Test" --dob 2015-01-01 \
	--received 2025-12-31
out_is "reference counts per year" EHC-2025-0001

check "own reference" 0 "$EHC" request --child "Di Test" --dob 2015-01-01 \
	--ref LA/2026/17
out_is "own reference printed" LA/2026/17

check "reference capture" 0 sh -c \
	'ref=$("$EHC" request --child "Ed Test" --dob 2014-05-05) &&
	 test "$ref" = EHC-2026-0003 && echo yes'
out_is "ref=\$(ehc request) works" yes

# Each rejected request exits with its status, prints why on one line, prints
# nothing on stdout and leaves the database byte for byte as it was.
snapshot
rejected() {
	name=$1
	status=$2
	text=$3
	shift 3
	check "$name" "$status" "$EHC" request "$@"
	out_empty "$name prints nothing"
	err_has "$name message" "$text"
	unchanged "$name leaves the database"
}

rejected "duplicate ref" 65 "'LA/2026/17' is already used" \
	--child X --dob 2015-01-01 --ref LA/2026/17
rejected "received after today" 65 "after today" \
	--child X --dob 2015-01-01 --received 2026-12-02
rejected "dob after received" 65 "after the received date" \
	--child X --dob 2026-11-02 --received 2026-11-01
rejected "aged 26" 65 "ages 0 to 25" \
	--child X --dob 2000-11-01 --received 2026-11-01
rejected "empty name" 65 "child name" --child "" --dob 2015-01-01
rejected "blank name" 65 "child name" --child "   " --dob 2015-01-01
rejected "escape in name" 65 "control characters" \
	--child "$(printf 'A\033[2JB')" --dob 2015-01-01
rejected "bad ref" 65 "invalid reference 'a b'" \
	--child X --dob 2015-01-01 --ref "a b"
rejected "long name" 65 "maximum of 200" --dob 2015-01-01 \
	--child "$(printf '%0201d' 0)"
rejected "impossible dob" 64 "invalid --dob '2016-02-30'" \
	--child X --dob 2016-02-30
rejected "not leap year" 64 "invalid --received '2026-02-29'" \
	--child X --dob 2015-01-01 --received 2026-02-29
rejected "bad source" 64 "invalid --source 'mum'" \
	--child X --dob 2015-01-01 --source mum
rejected "missing child" 64 "missing --child" --dob 2015-01-01
rejected "missing dob" 64 "missing --dob" --child X
rejected "operand" 64 "unexpected argument 'extra'" \
	--child X --dob 2015-01-01 extra
rejected "bad today" 64 "invalid --today '2026-13-01'" \
	--child X --dob 2015-01-01 --today 2026-13-01

rejected "two-line name" 65 'control characters' --child "$(printf 'A\nB')" \
	--dob 2015-01-01
rejected "climbing ref" 65 "without '..'" --child X --dob 2015-01-01 \
	--ref 'a/../../etc'
rejected "deadlines past 9999" 65 "after the year 9999" --child X \
	--dob 9999-01-01 --received 9999-12-31 --today 9999-12-31

check "rejected request makes no database" 65 "$EHC" --db "$tmp/new/r.db" \
	request --child "" --dob 2015-01-01
if [ -e "$tmp/new" ]; then fail "rejected request made $tmp/new"; else
	pass; fi

if [ -w /dev/full ]; then
	check "reference not written" 74 sh -c \
		'exec "$EHC" request --child "Hal Test" --dob 2015-01-01 \
		>/dev/full'
	err_has "reference not written says it was stored" \
		"case 'EHC-2026-0004' was stored"
	check "stored case after a failed write" 0 "$EHC" show EHC-2026-0004
	"$EHC" request --child "Ida Test" --dob 2015-01-01 >/dev/null
fi

check "aged 25 on the day" 0 "$EHC" request --child "Fay Test" \
	--dob 2000-11-02 --received 2026-11-01
out_is "aged 25 accepted" EHC-2026-0006

check "today from EHC_TODAY" 0 env EHC_TODAY=2027-01-05 "$EHC" request \
	--child "Gus Test" --dob 2015-01-01
out_is "year of EHC_TODAY" EHC-2027-0001

check "stored fields" 0 "$EHC" show EHC-2026-0002
if grep -q '^setting  *Oak School$' "$tmp/out" &&
   grep -q '^aro  *Jo Officer$' "$tmp/out" &&
   grep -q '^source  *school$' "$tmp/out" &&
   grep -q 'request: from the SENCO$' "$tmp/out"; then
	pass
else
	fail "stored fields: show lacks a field"
	cat "$tmp/out"
fi

finish
