# Types a command line into a real interactive zsh with ehc's completion
# loaded, presses Tab twice, and prints what zsh put on the screen.
# usage: zsh -f zsh-complete.zsh COMPLETIONS_DIR 'ehc sch'
zmodload zsh/zpty || exit 99
zpty shell zsh -f -i
zpty -w shell "PS1='> '; fpath=($1 \$fpath); autoload -Uz compinit; compinit -u; unsetopt beep"
zpty -w shell "print re''ady"
zpty -r -m shell line '*ready*' || exit 99
zpty -n -w shell "$2"$'\t'
sleep 1
zpty -n -w shell $'\t'
sleep 1
screen=
while zpty -r -t shell chunk; do
	screen+=$chunk
done
zpty -d shell
print -r -- "$screen"
