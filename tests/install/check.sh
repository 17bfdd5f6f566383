#!/bin/sh
# check.sh -- make install and make uninstall into a scratch DESTDIR.
#
# Every file lands where it should; the installed command runs, finds its
# rules and lexicon and prints its man page's commands; pkg-config knows
# the library; the completion loads in bash; uninstall leaves nothing.
# Usage: sh tests/install/check.sh MAKE BUILD
make=${1:-make}
build=${2:-build}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
prefix=/usr
"$make" --no-print-directory -s install DESTDIR="$dest" PREFIX=$prefix \
    BUILD="$build" >"$dest.log" 2>&1 || { cat "$dest.log"; bad "make install"; }
rm -f "$dest.log"
root=$dest$prefix
for f in bin/factcheck lib/libfactcheck.a include/factcheck.h \
    share/man/man1/factcheck.1 lib/pkgconfig/factcheck.pc \
    share/bash-completion/completions/factcheck \
    share/factcheck/rules/agree.json share/factcheck/rules/lexicon/metrics.json \
    share/factcheck/rules/domains/china-industry/plans.json; do
    if [ -f "$root/$f" ]; then ok; else bad "not installed: $f"; fi
done
# the installed command finds its rules beside it (bin/../share/factcheck)
if "$root/bin/factcheck" rules lint >/dev/null 2>&1; then ok
else bad "installed factcheck rules lint"; fi
# the man page documents every command and option --help lists
for c in check audit extract load facts docs rules; do
    if grep -q "^\.SS $c\$" "$root/share/man/man1/factcheck.1"; then ok
    else bad "man page: no section for $c"; fi
    for o in $("$root/bin/factcheck" $c --help | sed -n 's/^  \(-., \)\{0,1\}--\([a-z-]*\).*/\2/p'); do
        e=$(printf '%s' "$o" | sed 's/-/\\\\-/g')
        if grep -q -- "\\\\fB\\\\-\\\\-$e\\\\fR" "$root/share/man/man1/factcheck.1"; then ok
        else bad "man page: $c --$o missing"; fi
    done
done
if command -v pkg-config >/dev/null 2>&1; then
    v=$(PKG_CONFIG_PATH=$root/lib/pkgconfig PKG_CONFIG_SYSROOT_DIR= \
        pkg-config --modversion factcheck 2>/dev/null)
    if [ -n "$v" ] && "$root/bin/factcheck" --version | grep -q "$v"; then ok
    else bad "pkg-config --modversion factcheck gave '$v'"; fi
fi
if command -v bash >/dev/null 2>&1; then
    if bash -c ". '$root/share/bash-completion/completions/factcheck' && complete -p factcheck" >/dev/null 2>&1; then ok
    else bad "the bash completion does not load"; fi
fi
"$make" --no-print-directory -s uninstall DESTDIR="$dest" PREFIX=$prefix \
    BUILD="$build" >/dev/null 2>&1 || bad "make uninstall"
left=$(find "$dest" -type f | head -5)
if [ -z "$left" ]; then ok; else bad "left after uninstall: $left"; fi
echo "install: $pass passed, $fail failed"
[ $fail = 0 ]
