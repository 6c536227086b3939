# meson install into a DESTDIR puts the binary, the manual, the shell
# completions and an example configuration in their places.
. "$(dirname "$0")/lib.sh"

build=${EHC_BUILD:?set EHC_BUILD to the build folder}
root="$tmp/root"

check "install" 0 env DESTDIR="$root" meson install -C "$build" \
	--no-rebuild --quiet
prefix=$(meson introspect "$build" --buildoptions |
	python3 -c 'import json, sys
print(next(o["value"] for o in json.load(sys.stdin) if o["name"] == "prefix"))')
base="$root$prefix"

has() {
	if [ -f "$base/$2" ]; then pass; else fail "$1: no $prefix/$2"; fi
}

has "binary" bin/ehc
has "ehc(1)" share/man/man1/ehc.1
has "ehc-config(5)" share/man/man5/ehc-config.5
for command in $("$EHC" --help | awk '/^commands:/ { on = 1; next }
	/^$/ { on = 0 } on && $1 != "help" { print $1 }'); do
	has "page of $command" "share/man/man1/ehc-$command.1"
done
has "bash completion" share/bash-completion/completions/ehc
has "zsh completion" share/zsh/vendor-completions/_ehc
has "fish completion" share/fish/vendor_completions.d/ehc.fish
has "example configuration" share/doc/ehc/examples/config.yaml

if [ -x "$base/bin/ehc" ] &&
   "$base/bin/ehc" config --check "$base/share/doc/ehc/examples/config.yaml"
then pass; else fail "the example configuration does not check"; fi
"$EHC" config --default >"$tmp/default.yaml"
if cmp -s "$base/share/doc/ehc/examples/config.yaml" "$tmp/default.yaml"
then pass; else
	fail "the example configuration is not the built-in default"; fi

finish
