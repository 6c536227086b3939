# ehc acronym: looking terms up, listing them, and terms a file adds.
. "$(dirname "$0")/lib.sh"

# meaning_starts NAME TEXT: the one row found has a meaning that starts so.
meaning_starts() {
	if [ "$(wc -l <"$tmp/out")" -eq 2 ] &&
	   sed -n 2p "$tmp/out" | grep -q "^[^	]*	$2"; then pass; else
		fail "$1: '$(cat "$tmp/out")' lacks one meaning '$2...'"; fi
}

check "lookup" 0 "$EHC" acronym --format tsv ARO
meaning_starts "ARO" "Assessment and Reviewing Officer"
check "any case" 0 "$EHC" acronym --format tsv aro
meaning_starts "aro finds ARO" "Assessment and Reviewing Officer"

for term in EP SENCO SENDCO EHC COM SEN SEND LA SEN2; do
	check "default $term" 0 "$EHC" acronym "$term"
done

check "unknown term" 66 "$EHC" acronym SENCOO
out_empty "unknown term prints nothing"
err_has "unknown term suggests" "did you mean 'SENCO'?"

check "list" 0 "$EHC" acronym --format tsv
if [ "$(sed -n 1p "$tmp/out")" = "$(printf 'term\tmeaning')" ] &&
   [ "$(wc -l <"$tmp/out")" -gt 10 ]; then pass; else
	fail "list: header or rows missing"; fi

cat >"$tmp/words.yaml" <<'YAML'
acronyms:
  NO: Notice Officer
  ON: Outcome Notice
  OFF: Out-of-Forum Funding
  Y: Year group
  yes: A word YAML 1.1 would read as true
YAML
check "words that look boolean" 0 "$EHC" --config "$tmp/words.yaml" \
	acronym --format tsv NO
out_is "NO is a term" "$(printf 'term\tmeaning\nNO\tNotice Officer')"
for term in ON OFF Y yes; do
	check "$term is a term" 0 "$EHC" --config "$tmp/words.yaml" \
		acronym "$term"
done
check "file adds to the default" 0 "$EHC" --config "$tmp/words.yaml" \
	acronym ARO

finish
