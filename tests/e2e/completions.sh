# The bash, zsh and fish completions, in the real shells: commands,
# options, the values of enumerated options, and references read from the
# database.
. "$(dirname "$0")/lib.sh"

completions="$here/../../completions"
PATH="$(dirname "$EHC"):$PATH"
export PATH

"$EHC" request --child A --dob 2015-01-01 --ref EHC-2026-0001 >/dev/null
"$EHC" request --child B --dob 2015-01-01 --ref LA-7 >/dev/null

# candidates LINE: what ehc offers for the last word of LINE.
candidates() {
	# shellcheck disable=SC2086
	"$EHC" __complete -- $1 "${2-}" | tr '\n' ' '
}

same() {
	if [ "$2" = "$3" ]; then pass; else
		fail "$1: got '$2', expected '$3'"; fi
}

same "command prefix" "$(candidates "ehc" sch)" "schedule-com "
same "every command" "$(candidates "ehc" "")" \
	"$("$EHC" --help | awk '/^commands:/ { on = 1; next } /^$/ { on = 0 }
		on { printf "%s ", $1 }')"
same "global option" "$(candidates "ehc" --ve)" "--version "
same "command option" "$(candidates "ehc deadlines" --exit)" "--exit-status "
same "format values" "$(candidates "ehc list --format" j)" "json jsonl "
same "decision of assess" "$(candidates "ehc assess X --decision" "")" \
	"assess no-assess "
same "decision of panel" "$(candidates "ehc panel-decide X --decision" "")" \
	"issue no-issue "
same "advice sources" "$(candidates "ehc assess X --advice-requested" s)" \
	"social-care "
same "areas" "$(candidates "ehc record-outcome X --area" c)" \
	"communication-and-interaction cognition-and-learning ci cl "
same "milestones" "$(candidates "ehc deadlines --milestone" advice:p)" \
	"advice:parent advice:psychology "
same "exception reasons" "$(candidates "ehc exception X --reason" p)" \
	"personal-circumstances "
same "stages" "$(candidates "ehc list --stage" d)" "drafting draft-served "
same "correction facts" "$(candidates "ehc correct X --step" advice-received:h)" \
	"advice-received:health "
same "references" "$(candidates "ehc show" "")" "EHC-2026-0001 LA-7 "
same "references by prefix" "$(candidates "ehc log" L)" "LA-7 "
same "references from --db" \
	"$(EHC_DB="$tmp/none.db" candidates "ehc --db $EHC_DB withdraw" E)" \
	"EHC-2026-0001 "
same "no reference twice" "$(candidates "ehc show LA-7" "")" ""
same "no database, no references" \
	"$(EHC_DB="$tmp/none.db" candidates "ehc show" "")" ""
same "import formats" "$(candidates "ehc import --format" "")" "csv jsonl "
same "export formats" "$(candidates "ehc export --format" "")" "csv jsonl "
same "help topics" "$(candidates "ehc help" rec)" "record-outcome "

# bash: the completion function fills COMPREPLY from the line typed.
bash_complete() {
	bash -c '. "$1/ehc.bash"; COMP_LINE=$2; COMP_POINT=${#2}; _ehc
		printf "%s " "${COMPREPLY[@]}"' bash "$completions" "$1"
}
same "bash command" "$(bash_complete "ehc sch")" "schedule-com "
same "bash references" "$(bash_complete "ehc show ")" "EHC-2026-0001 LA-7 "
same "bash value after a colon" \
	"$(bash_complete "ehc correct X --step advice-requested:he")" "health "

# fish: complete -C prints what fish would offer.
if command -v fish >/dev/null; then
	fish_complete() {
		fish --no-config -c ". $completions/ehc.fish; complete -C'$1'" |
			cut -f 1 | tr '\n' ' '
	}
	same "fish command" "$(fish_complete "ehc sch")" "schedule-com "
	same "fish references" "$(fish_complete "ehc show ")" \
		"EHC-2026-0001 LA-7 "
else
	fail "fish is not installed"
fi

# zsh: a real interactive zsh in a pseudo-terminal, with Tab pressed.
if command -v zsh >/dev/null; then
	screen=$(timeout 30 zsh -f "$here/zsh-complete.zsh" "$completions" \
		"ehc sch" | tr -d '\r')
	case $screen in
	*"ehc schedule-com"*) pass ;;
	*) fail "zsh command: screen lacks 'ehc schedule-com'" ;;
	esac
	screen=$(timeout 30 zsh -f "$here/zsh-complete.zsh" "$completions" \
		"ehc show " | tr -d '\r')
	case $screen in
	*"EHC-2026-0001"*"LA-7"*) pass ;;
	*) fail "zsh references: screen lacks the two references" ;;
	esac
else
	fail "zsh is not installed"
fi

finish
