#!/usr/bin/env bash
# Entry point of the pre-commit hooks in .pre-commit-hooks.yaml: runs
# `xencfg check ARGS... FILES...`.
#
# The binary is $XENCFG when set, else `xencfg` from PATH, else one built
# (once, then reused) in this repository's build-pre-commit/ — which, under
# pre-commit, is pre-commit's own cached clone of the repository.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

if [[ -n ${XENCFG:-} ]]; then
    bin=$XENCFG
elif command -v xencfg >/dev/null 2>&1; then
    bin=xencfg
else
    build=$here/build-pre-commit
    bin=$build/xencfg
    if [[ ! -x $bin ]]; then
        for tool in cmake c++; do
            command -v "$tool" >/dev/null 2>&1 || {
                echo "xencfg hook: xencfg is not installed and $tool is missing to build it;" \
                    "install xencfg (cmake --install) or the build dependencies (README.md)" >&2
                exit 2
            }
        done
        # pre-commit shows a hook's output only when it ends, so the
        # progress of this first build (minutes) goes to the terminal
        # itself when there is one, and to stderr (the hook's log) too.
        on_tty() { if { : >/dev/tty; } 2>/dev/null; then printf '\rxencfg hook: %s\033[K' "$1" >/dev/tty; fi; }
        progress() {
            printf 'xencfg hook: %s\n' "$1" >&2
            on_tty "$1"
        }
        progress "building xencfg once in $build (a few minutes; later runs reuse it)"
        (
            # Two hooks can start at once: one builds, the other waits.
            exec 9>"$here/.pre-commit-build.lock"
            flock 9
            if [[ ! -x $bin ]]; then
                cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
                cmake --build "$build" -j "${XENCFG_BUILD_JOBS:-2}" --target xencfg 2>&1 |
                    while IFS= read -r line; do
                        # "[ 42%] Building CXX object ..." -> the percentage
                        if [[ $line =~ ^\[\ *([0-9]+)%\] ]]; then
                            on_tty "building xencfg: ${BASH_REMATCH[1]}% done"
                        elif [[ $line == *rror* ]]; then
                            printf '%s\n' "$line" >&2
                        fi
                    done
                [[ -x $bin ]]
            fi
        ) || {
            progress "building xencfg failed"
            echo >&2
            exit 2
        }
        progress "xencfg built: $bin"
        if { : >/dev/tty; } 2>/dev/null; then printf '\n' >/dev/tty; fi
    fi
fi

exec "$bin" check "$@"
