# ehc config: the configuration in effect, where it came from, file checks,
# and the order in which ehc looks for a file.
. "$(dirname "$0")/lib.sh"

check "default" 0 "$EHC" config
out_matches "default configuration" config-default.yaml

"$EHC" config | sed 1d >"$tmp/copy.yaml"
check "printed default reads back" 0 "$EHC" config --check "$tmp/copy.yaml"
out_empty "valid file prints nothing"
err_empty "valid file is quiet"

printf 'timeframes:\n  final-plan: 21w\n' >"$tmp/one.yaml"
check "--config" 0 "$EHC" --config "$tmp/one.yaml" config
if head -n 1 "$tmp/out" | grep -qF "$tmp/one.yaml" &&
   grep -qx '  final-plan: 21w' "$tmp/out" &&
   grep -qx '  com: 14w' "$tmp/out"; then pass; else
	fail "--config: source, the value set or a default missing"
	cat "$tmp/out"
fi

check "EHC_CONFIG" 0 env EHC_CONFIG="$tmp/one.yaml" "$EHC" config
if grep -qx '  final-plan: 21w' "$tmp/out"; then pass; else
	fail "EHC_CONFIG not read"; fi

mkdir -p "$HOME/.config/ehc" "$tmp/xdg/ehc"
printf 'com:\n  minutes: 90\n' >"$HOME/.config/ehc/config.yaml"
check "~/.config" 0 "$EHC" config
if grep -qx '  minutes: 90' "$tmp/out"; then pass; else
	fail "~/.config/ehc/config.yaml not read"; fi

printf 'com:\n  minutes: 100\n' >"$tmp/xdg/ehc/config.yaml"
check "XDG_CONFIG_HOME" 0 env XDG_CONFIG_HOME="$tmp/xdg" "$EHC" config
if grep -qx '  minutes: 100' "$tmp/out"; then pass; else
	fail "XDG_CONFIG_HOME/ehc/config.yaml not read"; fi

check "--config beats the user file" 0 "$EHC" --config "$tmp/one.yaml" config
if grep -qx '  minutes: 120' "$tmp/out"; then pass; else
	fail "--config merged with the user file"; fi

check "missing --config" 78 "$EHC" --config "$tmp/none.yaml" config
err_has "missing --config named" "$tmp/none.yaml"
check "missing EHC_CONFIG" 78 env EHC_CONFIG="$tmp/none.yaml" "$EHC" config
err_has "missing EHC_CONFIG named" "$tmp/none.yaml"
check "missing --check file" 66 "$EHC" config --check "$tmp/none.yaml"
err_has "missing --check file named" "$tmp/none.yaml"

printf 'timeframes:\n  com: 14w\n  final-plam: 20w\n' >"$tmp/typo.yaml"
check "unknown key" 78 "$EHC" config --check "$tmp/typo.yaml"
err_has "unknown key suggests" "typo.yaml:3:3: unknown key 'final-plam'"
err_has "unknown key suggests" "did you mean 'final-plan'?"

printf 'timeframes:\n  com: 14w\n  com: 15w\n' >"$tmp/twice.yaml"
check "duplicate key" 78 "$EHC" config --check "$tmp/twice.yaml"
err_has "duplicate key both lines" "twice.yaml:3:3: duplicate key 'com'"
err_has "duplicate key first line" "line 2"

printf 'timeframes:\n  com: 014w\n' >"$tmp/zero.yaml"
check "leading zero" 78 "$EHC" config --check "$tmp/zero.yaml"
err_has "leading zero named" "zero.yaml:2:"

printf 'timeframes:\n\tcom: 14w\n' >"$tmp/tab.yaml"
check "tab" 78 "$EHC" config --check "$tmp/tab.yaml"
err_has "tab named" "tab.yaml:2:1:"

check "invalid user file stops the command" 78 env \
	XDG_CONFIG_HOME="$tmp/bad" sh -c 'mkdir -p "$XDG_CONFIG_HOME/ehc" &&
	cp "$1" "$XDG_CONFIG_HOME/ehc/config.yaml" && exec "$EHC" config' \
	sh "$tmp/tab.yaml"
out_empty "invalid user file prints no configuration"

mkdir -p "$tmp/bad/ehc"
cp "$tmp/tab.yaml" "$tmp/bad/ehc/config.yaml"
for command in "request --child A --dob 2015-01-01" "list" "deadlines" \
	"show X" "acronym"; do
	# shellcheck disable=SC2086
	check "invalid user file stops $command" 78 env \
		XDG_CONFIG_HOME="$tmp/bad" "$EHC" $command
done
"$EHC" list >/dev/null 2>&1
if [ -e "$EHC_DB" ]; then fail "a stopped request made the database"
else pass; fi

mkdir -p "$tmp/dangling/ehc"
ln -s "$tmp/nowhere.yaml" "$tmp/dangling/ehc/config.yaml"
check "dangling link" 78 env XDG_CONFIG_HOME="$tmp/dangling" "$EHC" config
err_has "dangling link named" "config.yaml"

# Files that broke other YAML readers, where they are at hand.
cases=${EHC_SHARED_CASES:-}
if [ -n "$cases" ] && [ -f "$cases/tab-indent.yaml" ]; then
	check "shared tab indent" 78 "$EHC" --config "$cases/tab-indent.yaml" \
		deadlines
	err_has "shared tab indent line 3" "tab-indent.yaml:3:"
	err_has "shared tab indent names the tab" "tab"
	out_empty "shared tab indent runs nothing"

	check "shared leading zeros" 78 "$EHC" config --check \
		"$cases/leading-zeros.yaml"
	err_has "shared leading zeros line" "leading-zeros.yaml:3:"

	check "shared boolean-like keys" 0 "$EHC" --config \
		"$cases/norway-acronyms.yaml" acronym --format tsv NO
	out_is "shared NO" "$(printf 'term\tmeaning\nNO\tNotice Officer (made-up test entry)')"
	for term in ON Y OFF EP; do
		check "shared $term" 0 "$EHC" --config \
			"$cases/norway-acronyms.yaml" acronym "$term"
	done
else
	echo "skipped: the shared cases are not at hand (set EHC_SHARED_CASES)"
fi

finish
