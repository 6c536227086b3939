# Several writers at once beside a reader: every write is stored and none
# fails, and a writer kept from the lock past the busy timeout exits 75.
. "$(dirname "$0")/lib.sh"

if ! command -v sqlite3 >/dev/null; then
	echo "sqlite3 not found: concurrency test skipped"
	exit 77
fi

writers=4
requests=60

"$EHC" request --child "Seed Example" --dob 2016-01-01 \
	--received 2026-08-01 --ref SEED-1 >/dev/null

# writer N: records requests W<N>-1 to W<N>-$requests, each followed by a
# decision to assess, and writes one line per failed command to its log.
writer() {
	i=1
	while [ "$i" -le "$requests" ]; do
		ref="W$1-$i"
		"$EHC" request --child "Writer$1 Child$i" --dob 2016-01-01 \
			--received 2026-11-01 --ref "$ref" >/dev/null \
			2>>"$tmp/writer$1.err" ||
			echo "request $ref: exit $?" >>"$tmp/writer$1.fail"
		"$EHC" assess "$ref" --decision assess --date 2026-11-20 \
			2>>"$tmp/writer$1.err" ||
			echo "assess $ref: exit $?" >>"$tmp/writer$1.fail"
		i=$((i + 1))
	done
}

# The reader lists the deadlines until the stop file appears.
reader() {
	runs=0
	while [ ! -e "$tmp/stop" ]; do
		"$EHC" deadlines --format tsv >/dev/null 2>>"$tmp/reader.err" ||
			echo "deadlines: exit $?" >>"$tmp/reader.fail"
		runs=$((runs + 1))
	done
	echo "$runs" >"$tmp/reader.runs"
}

reader &
reader_pid=$!
pids=
n=1
while [ "$n" -le "$writers" ]; do
	writer "$n" &
	pids="$pids $!"
	n=$((n + 1))
done
for pid in $pids; do
	wait "$pid"
done
touch "$tmp/stop"
wait "$reader_pid"

n=1
while [ "$n" -le "$writers" ]; do
	if [ -s "$tmp/writer$n.fail" ]; then
		fail "writer $n: $(wc -l <"$tmp/writer$n.fail") commands failed"
		sed 's/^/    /' "$tmp/writer$n.fail" | head -n 5
	else
		pass
	fi
	if [ -s "$tmp/writer$n.err" ]; then
		fail "writer $n wrote to stderr: $(head -n 1 "$tmp/writer$n.err")"
	else
		pass
	fi
	n=$((n + 1))
done
if [ -s "$tmp/reader.fail" ] || [ -s "$tmp/reader.err" ]; then
	fail "reader failed: $(cat "$tmp/reader.fail" "$tmp/reader.err" |
		head -n 1)"
else
	pass
fi
if cat "$tmp"/*.err 2>/dev/null | grep -q 'database is locked'; then
	fail "a command printed 'database is locked'"
else
	pass
fi
if [ "$(cat "$tmp/reader.runs")" -gt 0 ]; then pass; else
	fail "the reader never ran"; fi

# Every request and every decision is stored, each with its own event.
total=$((writers * requests))
stored=$(sqlite3 "$EHC_DB" "SELECT count(*) FROM cases WHERE ref GLOB 'W*'")
if [ "$stored" -eq "$total" ]; then pass; else
	fail "$stored cases stored, expected $total"; fi
assessed=$(sqlite3 "$EHC_DB" "SELECT count(*) FROM events
	JOIN cases ON cases.id = events.case_id
	WHERE cases.ref GLOB 'W*' AND events.kind = 'assess-decision'")
if [ "$assessed" -eq "$total" ]; then pass; else
	fail "$assessed decisions stored, expected $total"; fi
events=$(sqlite3 "$EHC_DB" "SELECT count(*) FROM events
	JOIN cases ON cases.id = events.case_id WHERE cases.ref GLOB 'W*'")
if [ "$events" -eq $((2 * total)) ]; then pass; else
	fail "$events events stored, expected $((2 * total))"; fi
integrity=$(sqlite3 "$EHC_DB" 'PRAGMA integrity_check' 2>&1)
if [ "$integrity" = ok ]; then pass; else
	fail "integrity check: $integrity"; fi

# Another writer holds the lock for longer than ehc waits (10 seconds).
snapshot
{ echo 'BEGIN IMMEDIATE;'; sleep 13; echo 'ROLLBACK;'; } |
	sqlite3 "$EHC_DB" &
holder=$!
sleep 1
check "writer kept from the lock" 75 "$EHC" assess SEED-1 --decision assess
out_empty "writer kept from the lock prints nothing"
err_has "writer kept from the lock says to try again" "try again"
if grep -q 'database is locked' "$tmp/err"; then
	fail "writer kept from the lock shows SQLite's message"
else
	pass
fi
check "reader beside the held lock" 0 "$EHC" deadlines --format tsv
wait "$holder"
unchanged "writer kept from the lock leaves the database"
check "writer after the lock is released" 0 "$EHC" assess SEED-1 \
	--decision assess

finish
