#!/usr/bin/env bash
# The kernel's own Kconfig selftests (scripts/kconfig/tests, run by the
# tree's `make testconfig`) with a chosen program in conf's place.
#
#   run.sh --conf 'CMD...' --version V [--trees DIR] [-- PYTEST-ARGS]
#
# conftest.py runs <cwd>/scripts/kconfig/conf, so the tests folder is copied
# to a temporary directory next to a scripts/kconfig/conf wrapper that execs
# CMD (e.g. "/path/xencfg conf" or the tree's real conf). The trees are never
# written. Exit 0 when every test passes, 1 otherwise, 77 (SKIP) when the
# tree or pytest is absent. The last line is "selftests V: P passed, F failed".
set -uo pipefail
conf_cmd= version= trees=${XENCFG_TREES_DIR:-}
while [ $# -gt 0 ]; do
  case "$1" in
    --conf) conf_cmd=$2; shift 2 ;;
    --version) version=$2; shift 2 ;;
    --trees) trees=$2; shift 2 ;;
    --) shift; break ;;
    *) echo "run.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$conf_cmd" ] && [ -n "$version" ] || { echo "run.sh: --conf and --version are required" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)
[ -n "$trees" ] || trees=${XENCFG_TREES_DIR:-$here/../../.cache/trees}
tests=$trees/linux-source-$version/scripts/kconfig/tests
if [ ! -d "$tests" ]; then
  echo "SKIP: no $tests (scripts/fetch-trees.sh fetches the trees)"
  exit 77
fi
# A python3 with pytest: $PYTHON3, the one on PATH, or Debian's (a pyenv
# shim on PATH may hide python3-pytest).
python=
for p in ${PYTHON3:-} python3 /usr/bin/python3; do
  if "$p" -c 'import pytest' 2>/dev/null; then python=$p; break; fi
done
if [ -z "$python" ]; then
  echo "SKIP: no python3 with pytest (Debian: python3-pytest)"
  exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/scripts/kconfig"
cp -r "$tests" "$work/scripts/kconfig/tests"
printf '#!/bin/sh\nexec %s "$@"\n' "$conf_cmd" >"$work/scripts/kconfig/conf"
chmod +x "$work/scripts/kconfig/conf"
# The tests' Kconfig files stand alone (no Makefile next to them): xencfg
# takes the dialect of the tree they come from from here (conf ignores it).
export XENCFG_KERNEL_VERSION=$version
cd "$work" || exit 2
pytest() {
  "$python" -B -m pytest scripts/kconfig/tests -o cache_dir="$work/.cache" "$@"
}
count() { grep -Eo "[0-9]+ $1" "$2" | tail -1 | cut -d' ' -f1; }
pytest "$@" >"$work/log" 2>&1
status=$?
cat "$work/log"
passed=$(count passed "$work/log")
failed=$(count failed "$work/log")
# conftest.py feeds Enter keys to every run while the program lives; when
# the program exits between its poll() and its write(), the write fails
# with BrokenPipeError (a race of the harness, with the real conf too, more
# likely on a loaded machine). Tests that failed that way run once more.
if [ "$status" -ne 0 ] && grep -q "conftest.py:[0-9]*: BrokenPipeError" "$work/log"; then
  echo "(BrokenPipeError in conftest.py: running the failed tests once more)"
  pytest --last-failed "$@" >"$work/log2" 2>&1
  status=$?
  cat "$work/log2"
  again=$(count passed "$work/log2")
  passed=$(( ${passed:-0} + ${again:-0} ))
  failed=$(count failed "$work/log2")
fi
echo "selftests $version: ${passed:-0} passed, ${failed:-0} failed"
[ "$status" -eq 0 ] && exit 0
exit 1
