# Shared set-up for the end-to-end tests: each script sources this, runs the
# built ehc on a fresh database with a pinned today, and ends with "finish".

: "${EHC:?set EHC to the ehc binary}"
here=$(cd "$(dirname "$0")" && pwd)
expected_dir="$here/expected"
data_dir="${EHC_TEST_DATA:-$here/../data}"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ehc-test.XXXXXX") || exit 99
trap 'rm -rf "$tmp"' EXIT

# Nothing of the developer's own set-up may leak in.
unset EHC_CONFIG XDG_DATA_HOME XDG_CONFIG_HOME
export HOME="$tmp/home"
export EHC_DB="$tmp/ehc.db"
export EHC_TODAY=2026-12-01
export LC_ALL=C.UTF-8 TZ=Europe/London
# No manual page of an installed ehc may stand in for the usage text.
export MANPATH="$tmp/no-manual"
mkdir -p "$HOME"

passed=0
failed=0

fail() {
	failed=$((failed + 1))
	printf 'not ok: %s\n' "$*"
}

pass() {
	passed=$((passed + 1))
}

# check NAME STATUS COMMAND...: runs COMMAND with stdout in $tmp/out and
# stderr in $tmp/err, and checks that it exits with STATUS.
check() {
	name=$1
	want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$name: exit status $got, expected $want"
		sed 's/^/    stderr: /' "$tmp/err"
		return 1
	fi
	pass
}

# out_is NAME TEXT: stdout is exactly TEXT and a newline.
out_is() {
	if [ "$(cat "$tmp/out")" = "$2" ] && [ -s "$tmp/out" ]; then
		pass
	else
		fail "$1: stdout is '$(cat "$tmp/out")', expected '$2'"
	fi
}

# out_matches NAME FILE: stdout is the expected file's content. With
# EHC_UPDATE_EXPECTED=1 the file is written instead, to be reviewed.
out_matches() {
	if [ "${EHC_UPDATE_EXPECTED:-}" = 1 ]; then
		mkdir -p "$(dirname "$expected_dir/$2")"
		cp "$tmp/out" "$expected_dir/$2"
	fi
	if diff -u "$expected_dir/$2" "$tmp/out" >"$tmp/diff"; then
		pass
	else
		fail "$1: stdout differs from expected/$2"
		sed 's/^/    /' "$tmp/diff"
	fi
}

out_empty() {
	if [ -s "$tmp/out" ]; then
		fail "$1: stdout is not empty: $(head -c 200 "$tmp/out")"
	else
		pass
	fi
}

# err_has NAME TEXT: stderr is one line that contains TEXT.
err_has() {
	lines=$(wc -l <"$tmp/err")
	if [ "$lines" -ne 1 ]; then
		fail "$1: stderr has $lines lines, expected 1"
		sed 's/^/    stderr: /' "$tmp/err"
	elif grep -qF -- "$2" "$tmp/err"; then
		pass
	else
		fail "$1: stderr '$(cat "$tmp/err")' lacks '$2'"
	fi
}

err_empty() {
	if [ -s "$tmp/err" ]; then
		fail "$1: stderr is not empty: $(cat "$tmp/err")"
	else
		pass
	fi
}

# snapshot / unchanged NAME: the database file is byte for byte the same.
snapshot() {
	cp "$EHC_DB" "$tmp/snapshot.db"
}

unchanged() {
	if cmp -s "$EHC_DB" "$tmp/snapshot.db" && [ ! -s "$EHC_DB-wal" ]; then
		pass
	else
		fail "$1: the database changed"
	fi
}

# mode_is NAME PATH MODE: the permission bits of PATH, in octal.
mode_is() {
	got=$(stat -c %a "$2")
	if [ "$got" = "$3" ]; then
		pass
	else
		fail "$1: mode of $2 is $got, expected $3"
	fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
	exit
}

# mask_history: replaces the UTC time and the OS user at the start of the
# history lines of show and the rows of log, which vary from run to run.
mask_history() {
	sed -E 's/[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z(  |	)[^ 	]+/TIME\1USER/' \
		"$tmp/out" >"$tmp/masked"
	mv "$tmp/masked" "$tmp/out"
}

# step NAME COMMAND...: a step that must succeed quietly.
step() {
	name=$1
	shift
	check "$name" 0 "$EHC" "$@"
	out_empty "$name prints nothing"
}

# refused NAME TEXT COMMAND...: a step rejected with exit 65 and a one-line
# message holding TEXT, with the database left byte for byte as it was.
refused() {
	name=$1
	text=$2
	shift 2
	snapshot
	check "$name" 65 "$EHC" "$@"
	out_empty "$name prints nothing"
	err_has "$name message" "$text"
	unchanged "$name leaves the database"
}

# deadlines_are NAME DAY EXPECTED: the tsv deadlines on DAY, without the
# header, match expected/EXPECTED.
deadlines_are() {
	check "$1" 0 "$EHC" --today "$2" deadlines --format tsv
	out_matches "$1" "$3"
}
