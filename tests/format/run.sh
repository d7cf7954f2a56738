#!/usr/bin/env bash
# Every C++ source (src/, tests/, fuzz/) is formatted as the repository's
# .clang-format says. clang-format's output differs between major versions,
# so this uses Debian 12's clang-format 14; without it the test is skipped
# (exit 77). Fix a failure with:
#   find src tests fuzz -name '*.cc' -o -name '*.h' | xargs clang-format-14 -i
set -uo pipefail
repo=$(cd -- "$(dirname -- "$0")/../.." && pwd)
tool=
for candidate in clang-format-14 clang-format; do
    if command -v "$candidate" >/dev/null && "$candidate" --version | grep -q 'version 14\.'; then
        tool=$candidate
        break
    fi
done
if [[ -z $tool ]]; then
    echo "skipped: clang-format 14 is not installed (apt-get install clang-format)"
    exit 77
fi
cd -- "$repo" || exit 2
mapfile -t files < <(find src tests fuzz \( -name '*.cc' -o -name '*.h' \) -type f | sort)
if ((${#files[@]} == 0)); then
    echo "error: no C++ sources found under $repo" >&2
    exit 2
fi
status=0
for f in "${files[@]}"; do
    if ! "$tool" --style=file --dry-run --Werror "$f" 2>/dev/null; then
        echo "not formatted: $f"
        "$tool" --style=file "$f" | diff -u --label "$f" --label "$f (clang-format)" "$f" - | head -n 20
        status=1
    fi
done
((status == 0)) && echo "${#files[@]} files formatted as .clang-format says ($tool)"
exit $status
