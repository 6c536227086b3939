# bash completion for ehc. The candidates come from ehc itself
# ("ehc __complete"), so they follow its commands, options and database.

_ehc()
{
	local line=${COMP_LINE:0:COMP_POINT} cur prefix
	local -a words
	local IFS=$' \t\n'

	# Split the line on blanks only: bash would also break the word at
	# ':' and '=', and advice-requested:health is one value.
	read -ra words <<<"$line"
	[[ $line == *[[:blank:]] || ${#words[@]} -eq 0 ]] && words+=("")
	cur=${words[${#words[@]}-1]}

	IFS=$'\n'
	COMPREPLY=($(command ehc __complete -- "${words[@]}" 2>/dev/null))

	# bash replaces only the part of the word after its last ':'.
	if [[ $cur == *:* ]]; then
		prefix=${cur%"${cur##*:}"}
		COMPREPLY=("${COMPREPLY[@]#"$prefix"}")
	fi
}

complete -o default -F _ehc ehc
