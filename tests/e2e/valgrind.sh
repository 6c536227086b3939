# The life of one case, each command under valgrind memcheck: any memory
# error, or a definite or indirect leak, fails the step.
. "$(dirname "$0")/lib.sh"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "skipped: valgrind is not installed"
	exit 77
fi
# valgrind cannot run a binary built with AddressSanitizer.
if [ "${EHC_SANITIZE:-none}" != none ]; then
	echo "skipped: ehc is built with -Db_sanitize=$EHC_SANITIZE"
	exit 77
fi

export EHC_TODAY=2027-03-01

# memcheck NAME COMMAND-ARGS...: runs ehc under valgrind, which exits 99
# on an error or a leak, and checks that the command succeeds.
memcheck() {
	name=$1
	shift
	check "$name" 0 valgrind --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite,indirect -q "$EHC" "$@"
}

memcheck "request" request --child "Ada Test" --dob 2016-03-04 \
	--received 2026-09-01 --aro "Jo Officer" --ep "Dr Psych" \
	--setting "Oak School" --ref V-1
memcheck "assess" assess V-1 --decision assess --date 2026-10-05 \
	--note "panel of 5 October"
memcheck "ask for advice" assess V-1 --advice-requested psychology \
	--date 2026-10-06
memcheck "advice received" assess V-1 --advice-received psychology \
	--date 2026-11-10
memcheck "schedule the COM" schedule-com V-1 --at "2026-12-07 10:00" \
	--chair "Dr Psych" --location "Online" --invite "Parent carer" \
	--date 2026-11-21
memcheck "COM held" record-outcome V-1 --held --date 2026-12-07
memcheck "outcome" record-outcome V-1 --area ci \
	--outcome "asks for help with words" \
	--provision "speech and language therapy, weekly" --date 2026-12-07
memcheck "panel decision" panel-decide V-1 --decision issue --date 2026-12-15
memcheck "draft plan" issue-plan V-1 --draft --date 2026-12-21
memcheck "final plan" issue-plan V-1 --final --placement "Oak School" \
	--date 2027-01-11
memcheck "show" show V-1
memcheck "log" log V-1 --format tsv
memcheck "com record" com-record V-1
memcheck "deadlines as a table" --today 2026-12-08 deadlines
memcheck "deadlines as json" --today 2026-12-08 deadlines --format json
memcheck "export" export --format jsonl
cp "$tmp/out" "$tmp/cases.jsonl"
memcheck "import into a fresh database" --db "$tmp/fresh.db" \
	import "$tmp/cases.jsonl" --format jsonl
memcheck "list the import" --db "$tmp/fresh.db" list --format tsv
if grep -q '^V-1	' "$tmp/out"; then
	pass
else
	fail "the fresh database lacks V-1: $(cat "$tmp/out")"
fi

finish
