# The manual: a page for ehc, for every command and for the configuration
# file; each renders without warnings, has its sections in the usual order,
# and its SYNOPSIS says what --help says. ehc help opens the page.
. "$(dirname "$0")/lib.sh"

man_dir=${EHC_MAN:?set EHC_MAN to the folder of the built pages}
commands=$("$EHC" --help | awk '/^commands:/ { on = 1; next }
	/^$/ { on = 0 } on { print $1 }')
# The usual sections in their usual order; a page may add its own (such as
# COLUMNS) among them.
order="NAME SYNOPSIS DESCRIPTION OPTIONS EXIT_STATUS ENVIRONMENT FILES
	EXAMPLES SEE_ALSO BUGS"

# sections PAGE: the section headings of a rendered page, in order.
sections() {
	MANWIDTH=80 man -l "$1" 2>/dev/null |
		sed -n 's/^\([A-Z][A-Z ]*[A-Z]\)$/\1/p' | tr ' ' _
}

check_page() {
	page=$1
	if [ ! -f "$page" ]; then
		fail "no page $page"
		return
	fi
	warnings=$(man --warnings -l "$page" 2>&1 >/dev/null)
	if [ -z "$warnings" ]; then pass; else
		fail "$page renders with warnings: $warnings"; fi

	last=0
	for section in $(sections "$page"); do
		rank=$(echo $order | tr ' ' '\n' | grep -nx "$section" |
			cut -d: -f1)
		if [ -z "$rank" ]; then
			continue
		elif [ "$rank" -lt "$last" ]; then
			fail "$page: section $section out of order"
		else
			pass
		fi
		last=${rank:-$last}
	done
	for section in NAME SYNOPSIS DESCRIPTION SEE_ALSO; do
		if sections "$page" | grep -qx "$section"; then pass; else
			fail "$page: no $section section"; fi
	done
}

check_page "$man_dir/ehc.1"
check_page "$man_dir/ehc-config.5"
for command in $commands; do
	[ "$command" = help ] && continue
	check_page "$man_dir/ehc-$command.1"

	synopsis=$(MANWIDTH=250 man -l "$man_dir/ehc-$command.1" 2>/dev/null |
		sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' | sed '1d;$d' |
		tr -s ' \n' '  ' | sed 's/^ //; s/ $//')
	usage=$("$EHC" "$command" --help | sed -n '1,/^$/p' |
		sed 's/^usage: //' | tr -s ' \n' '  ' | sed 's/^ //; s/ $//')
	if [ "$synopsis" = "$usage" ]; then pass; else
		fail "ehc-$command(1) SYNOPSIS '$synopsis' differs from" \
			"--help '$usage'"
	fi
done

# ehc help opens the page, and falls back to the usage without one.
mkdir -p "$tmp/manpath/man1"
cp "$man_dir"/*.1 "$tmp/manpath/man1/"
check "help opens the page" 0 env MANPATH="$tmp/manpath" "$EHC" help request
if grep -q "ehc-request - register a request" "$tmp/out"; then pass; else
	fail "help request did not print the page"; fi
check "help without a page" 0 env MANPATH="$tmp/empty" "$EHC" help request
if head -n 1 "$tmp/out" | grep -q '^usage: ehc request'; then pass; else
	fail "help request without a page: $(head -n 1 "$tmp/out")"; fi
err_empty "help without a page is quiet"
check "help without man" 0 env PATH=/nonexistent "$EHC" help show
out_is "help without man prints the usage" "$("$EHC" show --help)"

finish
