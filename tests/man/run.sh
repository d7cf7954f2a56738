#!/usr/bin/env bash
# The man page documents every command and every option: each command that
# `xencfg --help` lists has a line in SYNOPSIS and an entry under COMMANDS,
# and each option its `xencfg COMMAND --help` lists appears in the page.
# Also: man(1) formats the page without warnings (when man is installed).
#
#   tests/man/run.sh XENCFG [MANPAGE]
set -euo pipefail

xencfg=$(realpath -- "${1:?usage: $0 XENCFG [MANPAGE]}")
page=${2:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/man/xencfg.1}
failures=0
fail() { printf 'man test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }

# Roff escapes hyphens: \-\-tree; compare without them.
text=$(sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' "$page")
synopsis=$(printf '%s\n' "$text" | sed -n '/^\.SH SYNOPSIS/,/^\.SH /p')
commands_section=$(printf '%s\n' "$text" | sed -n '/^\.SH COMMANDS/,/^\.SH /p')
commands=$("$xencfg" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]/ { print $1 } on && /^$/ { on = 0 }')
[[ -n $commands ]] || { echo "man test: FAIL: xencfg --help lists no commands" >&2; exit 1; }
n_options=0
for c in $commands; do
    grep -qE "^\.B xencfg $c\b" <<<"$synopsis" || fail "SYNOPSIS lacks 'xencfg $c'"
    grep -qE "^\.B $c\b" <<<"$commands_section" || fail "COMMANDS lacks an entry for $c"
    for o in $("$xencfg" "$c" --help | grep -oE '^  (-[a-zA-Z] \[ )?--[a-z][a-z-]*' | grep -oE -- '--[a-z-]+'); do
        [[ $o == --help ]] && continue
        n_options=$((n_options + 1))
        grep -qF -- "$o" <<<"$text" || fail "$c $o is not in the man page"
    done
done
if command -v man >/dev/null; then
    warnings=$(MANWIDTH=80 LC_ALL=C.UTF-8 man --warnings -l "$page" 2>&1 >/dev/null || true)
    [[ -z $warnings ]] || fail "man --warnings: $warnings"
fi
if ((failures)); then
    exit 1
fi
echo "man test: $(wc -w <<<"$commands") commands and $n_options options documented"
