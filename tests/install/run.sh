#!/usr/bin/env bash
# `cmake --install BUILD --prefix SCRATCH` and check the installed layout:
# bin/xencfg, share/xencfg/{rules,kb}, share/man/man1/xencfg.1 and the bash
# completion; then run the installed binary from a directory far from the
# source tree with nothing telling it where its data is, and check it reads
# the installed rules and knowledge base.
#
#   tests/install/run.sh BUILD_DIR
set -euo pipefail

build=$(realpath -- "${1:?usage: $0 BUILD_DIR}")
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-install.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
fail() { echo "FAIL $*"; exit 1; }

prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >"$work/install.log" || { cat "$work/install.log"; fail "cmake --install"; }
for f in bin/xencfg share/xencfg/rules/xen-domU.json share/xencfg/rules/schema.json \
    share/xencfg/kb/6.12/x86_64.kconfig share/man/man1/xencfg.1 \
    share/bash-completion/completions/xencfg; do
    [[ -e $prefix/$f ]] || fail "not installed: $f"
done
echo "PASS layout"

# Moved after installing (as a package manager's DESTDIR staging does): the
# binary must still find its data next to itself.
mv "$prefix" "$work/relocated"
prefix=$work/relocated
cp "$repo/examples/xen-pvh-domU.fragment" "$work/x.fragment"
cd "$work"
set +e
env -u XENCFG_DATADIR NO_COLOR=1 XENCFG_CACHE_DIR="$work/cache" "$prefix/bin/xencfg" check x.fragment \
    --fragment --role domU --arch x86_64 --kernel-version 6.12 >out 2>err
status=$?
set -e
[[ $status == 0 || $status == 1 ]] || { cat err; fail "installed xencfg check exited $status"; }
grep -q "using kb kb/6.12/x86_64.kconfig" out ||
    { head -n 3 out; fail "the installed binary did not use a knowledge base"; }
# Which one: break the installed copy; the failure must name it.
installed_kb=$prefix/share/xencfg/kb/6.12/x86_64.kconfig
cp "$installed_kb" "$work/kb.saved"
printf 'config\n' >"$installed_kb"
set +e
env -u XENCFG_DATADIR NO_COLOR=1 XENCFG_CACHE_DIR="$work/cache" "$prefix/bin/xencfg" check x.fragment \
    --fragment --role domU --arch x86_64 --kernel-version 6.12 >out 2>err
status=$?
set -e
cp "$work/kb.saved" "$installed_kb"
[[ $status == 2 ]] && grep -q "$installed_kb" err ||
    { cat err; fail "the installed binary did not use the installed knowledge base"; }
echo "PASS installed binary finds share/xencfg"

"$prefix/bin/xencfg" --version | grep -Eq '^xencfg [0-9]+\.[0-9]+' || fail "--version"
commands=$("$prefix/bin/xencfg" --help | sed -n '/^Commands:/,/^$/p' | awk 'NR > 1 && NF {print $1}')
[[ -n $commands ]] || fail "--help lists no command"
for c in $commands; do
    # `conf --help` is the kernel conf's own usage text, word for word (a
    # drop-in must not add to it): no examples there.
    [[ $c == conf ]] && continue
    "$prefix/bin/xencfg" "$c" --help | grep -q '^Examples:' || fail "$c --help has no example"
done
"$prefix/bin/xencfg" --help | grep -q '^Examples:' || fail "--help has no example"
echo "PASS --version, --help with examples"

if command -v man >/dev/null; then
    MANPATH=$prefix/share/man man -P cat xencfg 2>/dev/null | grep -q 'EXIT STATUS' || fail "man xencfg"
    echo "PASS man page"
fi
(
    export PATH="$prefix/bin:$PATH" # completion runs the xencfg being completed
    source "$prefix/share/bash-completion/completions/xencfg"
    COMP_WORDS=(xencfg check --role "")
    COMP_CWORD=3
    _xencfg
    [[ " ${COMPREPLY[*]} " == *" dom0 "* && " ${COMPREPLY[*]} " == *" domU "* ]] || fail "completion of --role"
    COMP_WORDS=(xencfg ch)
    COMP_CWORD=1
    _xencfg
    [[ ${COMPREPLY[*]} == check ]] || fail "completion of the command"
    # Versions, rule ids and options come from the installed binary and its
    # data: the kb/ directories, the rules files' ids, check --help.
    COMP_WORDS=(xencfg generate --kernel-version "")
    COMP_CWORD=3
    _xencfg
    want=$(cd "$prefix/share/xencfg/kb" && ls -d */ | tr -d / | sort -V | paste -sd' ')
    [[ ${COMPREPLY[*]} == "$want" ]] || fail "completion of --kernel-version: '${COMPREPLY[*]}', want '$want'"
    COMP_WORDS=(xencfg check --disable dom0.xen)
    COMP_CWORD=3
    _xencfg
    want=$(grep -ho '"id": "dom0\.xen[^"]*"' "$prefix"/share/xencfg/rules/*.json | cut -d'"' -f4 | sort | paste -sd' ')
    [[ $(printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd' ') == "$want" ]] ||
        fail "completion of --disable: '${COMPREPLY[*]}', want '$want'"
    COMP_WORDS=(xencfg check --re)
    COMP_CWORD=2
    _xencfg
    [[ " ${COMPREPLY[*]} " == *" --repo "* ]] || fail "completion of check's --repo: '${COMPREPLY[*]}'"
    COMP_WORDS=(xencfg generate --mode "")
    COMP_CWORD=3
    _xencfg
    [[ ${COMPREPLY[*]} == "any pv pvh hvm" ]] || fail "completion of generate --mode: '${COMPREPLY[*]}'"
) || exit 1
echo "PASS bash completion"
