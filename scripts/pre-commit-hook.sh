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
        echo "xencfg hook: building xencfg once in $build (this takes a few minutes)" >&2
        (
            # Two hooks can start at once: one builds, the other waits.
            exec 9>"$here/.pre-commit-build.lock"
            flock 9
            if [[ ! -x $bin ]]; then
                cmake -S "$here" -B "$build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF >/dev/null
                cmake --build "$build" -j "${XENCFG_BUILD_JOBS:-2}" --target xencfg >/dev/null
            fi
        ) >&2 || {
            echo "xencfg hook: building xencfg failed" >&2
            exit 2
        }
    fi
fi

exec "$bin" check "$@"
