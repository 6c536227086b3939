# ehc deadlines as cron runs it: no terminal, no TERM, no HOME, a minimal
# PATH, today as the local calendar date at the clock faked by faketime(1),
# and the script of ehc-deadlines(1) that mails each officer their list.
. "$(dirname "$0")/lib.sh"

man_page="$here/../../man/ehc-deadlines.1.scd"
cron_path=/usr/bin:/bin

# out_matches_file NAME FILE: stdout is the content of FILE.
out_matches_file() {
	if cmp -s "$2" "$tmp/out"; then pass; else
		fail "$1: differs from the output in a full environment"
		diff "$2" "$tmp/out" | sed 's/^/    /'
	fi
}

# Due 42 days after the request: C-1 on 2026-06-15, C-2 on 2026-07-01,
# C-3 (no officer) on 2026-06-16, C-4 on 2026-06-10.
EHC_TODAY=2026-06-01
"$EHC" request --child A --dob 2015-01-01 --ref C-1 --received 2026-05-04 \
	--aro "Jo Officer" >/dev/null || fail "request C-1"
"$EHC" request --child B --dob 2015-01-01 --ref C-2 --received 2026-05-20 \
	--aro "Sam Okafor" >/dev/null || fail "request C-2"
"$EHC" request --child C --dob 2015-01-01 --ref C-3 --received 2026-05-05 \
	>/dev/null || fail "request C-3"
"$EHC" request --child D --dob 2015-01-01 --ref C-4 --received 2026-04-29 \
	--aro "Zoë Ñandú" >/dev/null || fail "request C-4"
unset EHC_TODAY

# Each case has five milestones, and the checks below keep to the first.
only="--milestone assess-decision"

# Nothing overdue: nothing at all on stdout or stderr, so cron sends no mail.
check "nothing overdue" 0 "$EHC" --today 2026-06-01 deadlines --overdue
out_empty "nothing overdue prints nothing"
err_empty "nothing overdue is quiet"
check "nothing overdue, exit status" 0 "$EHC" --today 2026-06-01 deadlines \
	--overdue --exit-status
out_empty "nothing overdue, exit status prints nothing"
check "nothing overdue for one officer" 0 "$EHC" --today 2026-06-20 \
	deadlines --overdue --aro "Sam Okafor"
out_empty "nothing overdue for one officer prints nothing"

# No HOME and no database named: the error names the options to use.
check "no home, no database" 64 env -i PATH=$cron_path "$EHC" deadlines \
	--overdue
out_empty "no home, no database prints nothing"
err_has "no home, no database" \
	"no database given and HOME is not set to an absolute path; pass --db PATH or set EHC_DB"
check "relative home" 64 env -i PATH=$cron_path HOME=home "$EHC" deadlines
err_has "relative home" "pass --db PATH or set EHC_DB"

# With the database given, the output is the same as in a full
# environment, and non-ASCII names pass through unchanged without a locale.
"$EHC" --today 2026-06-20 deadlines --overdue >"$tmp/full"
check "EHC_DB in cron" 0 env -i PATH=$cron_path EHC_DB="$EHC_DB" \
	"$EHC" --today 2026-06-20 deadlines --overdue
out_matches_file "EHC_DB in cron" "$tmp/full"
err_empty "EHC_DB in cron is quiet"
check "--db in cron" 0 env -i PATH=$cron_path "$EHC" --db "$EHC_DB" \
	--today 2026-06-20 deadlines --overdue </dev/null
out_matches_file "--db in cron" "$tmp/full"
if grep -q "Zoë Ñandú" "$tmp/out"; then pass; else
	fail "--db in cron: the officer's name is not as stored"; fi

# "Today" is the local date. At 00:30 British Summer Time on 16 June it is
# still 23:30 on 15 June in UTC.
faked_clock() {
	check "faketime works" 0 env -i PATH=$cron_path TZ=Europe/London \
		faketime '2026-06-16 00:30:00' date '+%Y-%m-%d %H:%M %Z'
	out_is "faketime sets the clock" "2026-06-16 00:30 BST"

	check "00:30 BST" 0 env -i PATH=$cron_path TZ=Europe/London \
		EHC_DB="$EHC_DB" faketime '2026-06-16 00:30:00' "$EHC" deadlines \
		--overdue --format tsv --no-header $only
	out_is "00:30 BST: a day overdue" "$(printf '%s\n' \
		'C-4	assess-decision	2026-06-10	-6	overdue	Zoë Ñandú' \
		'C-1	assess-decision	2026-06-15	-1	overdue	Jo Officer')"
	check "00:30 BST, due today" 0 env -i PATH=$cron_path TZ=Europe/London \
		EHC_DB="$EHC_DB" faketime '2026-06-16 00:30:00' "$EHC" deadlines \
		--within 0 --format tsv --no-header $only
	out_is "00:30 BST: due today" "$(printf '%s\n' \
		'C-4	assess-decision	2026-06-10	-6	overdue	Zoë Ñandú' \
		'C-1	assess-decision	2026-06-15	-1	overdue	Jo Officer' \
		'C-3	assess-decision	2026-06-16	0	due	')"
	check "00:30 BST in UTC" 0 env -i PATH=$cron_path TZ=UTC EHC_DB="$EHC_DB" \
		faketime '2026-06-16 00:30:00 +0100' "$EHC" deadlines --format tsv \
		--no-header --aro "Jo Officer" $only
	out_is "23:30 UTC: due today" \
		"$(printf 'C-1\tassess-decision\t2026-06-15\t0\tdue\tJo Officer')"
	check "00:30 BST in UTC, overdue" 0 env -i PATH=$cron_path TZ=UTC \
		EHC_DB="$EHC_DB" faketime '2026-06-16 00:30:00 +0100' "$EHC" \
		deadlines --overdue --aro "Jo Officer"
	out_empty "23:30 UTC: nothing overdue"
	check "23:30 BST" 0 env -i PATH=$cron_path TZ=Europe/London \
		EHC_DB="$EHC_DB" faketime '2026-06-15 23:30:00' "$EHC" deadlines \
		--format tsv --no-header --aro "Jo Officer" $only
	out_is "23:30 BST: due today" \
		"$(printf 'C-1\tassess-decision\t2026-06-15\t0\tdue\tJo Officer')"
	check "exit status at 00:30 BST" 1 env -i PATH=$cron_path TZ=Europe/London \
		EHC_DB="$EHC_DB" faketime '2026-06-16 00:30:00' "$EHC" deadlines \
		--overdue --exit-status --aro "Jo Officer"
}

# faketime preloads a library, which AddressSanitizer will not run beside:
# a sanitizer build checks the rest and prints that it skipped this part.
if [ "${EHC_SANITIZE:-none}" != none ]; then
	echo "skipped: the faked clock, which cannot run under $EHC_SANITIZE"
elif ! command -v faketime >/dev/null; then
	fail "faketime is not installed; run scripts/install-deps"
else
	faked_clock
fi

# The mailing script of ehc-deadlines(1), as printed there (scdoc needs
# each backslash written twice), run with mail(1) replaced by a stub that
# keeps each message in a file named by its address.
mkdir -p "$tmp/bin" "$tmp/mail"
ln -s "$EHC" "$tmp/bin/ehc"
cat >"$tmp/bin/mail" <<'SH'
#!/bin/sh
[ "$1" = -s ] || exit 2
{ printf 'Subject: %s\n' "$2"; cat; } >"$MAILDIR/$3"
SH
chmod +x "$tmp/bin/mail"
awk '/saved as _\/usr\/local\/bin\/ehc-overdue_/ { found = 1; next }
	found && /^```$/ { if (inside) exit; inside = 1; next }
	inside { print }' "$man_page" | sed 's/\\\\/\\/g' >"$tmp/bin/ehc-overdue"
chmod +x "$tmp/bin/ehc-overdue"
if [ -s "$tmp/bin/ehc-overdue" ]; then pass; else
	fail "no ehc-overdue script in $man_page"; fi

printf 'Jo Officer\tjo@example.org\nSam Okafor\tsam@example.org\n' \
	>"$tmp/officers"
check "mail each officer" 0 env -i PATH="$tmp/bin:$cron_path" \
	MAILDIR="$tmp/mail" EHC_DB="$EHC_DB" TZ=Europe/London \
	EHC_TODAY=2026-06-16 ehc-overdue "$tmp/officers"
out_empty "mail each officer prints nothing"
err_has "officer without an address" \
	"ehc-overdue: no address for 'Zoë Ñandú' in $tmp/officers"
if [ "$(ls "$tmp/mail")" = "jo@example.org" ]; then pass; else
	fail "mail went to '$(ls "$tmp/mail" | tr '\n' ' ')', expected jo@example.org only"; fi
cat >"$tmp/want" <<'MAIL'
Subject: EHC overdue: Jo Officer
ref  milestone        due         days  status   aro
C-1  assess-decision  2026-06-15    -1  overdue  Jo Officer
MAIL
if cmp -s "$tmp/want" "$tmp/mail/jo@example.org"; then pass; else
	fail "mail to Jo Officer: $(cat "$tmp/mail/jo@example.org")"; fi

finish
