#!/usr/bin/env bash
# The whole boot-proof matrix, on demand (not in CI): tests/boot/run.sh for
# every tree and arch (on x86_64 with --hvm), then a Markdown table of what
# booted (the README's "Proof by boot" table is this output).
#
#   tests/boot/matrix.sh --xencfg build/xencfg [--versions "5.10 6.1 6.12 7.2 7.3"]
#                        [--arches "x86_64 arm64"] [--results FILE]
#
# Trees come from scripts/fetch-trees.sh ($XENCFG_TREES_DIR); a tree that is
# missing is reported, not skipped silently. Kernels are cached as run.sh
# says, so a second run only boots.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
xencfg= versions="5.10 6.1 6.12 7.2 7.3" arches="x86_64 arm64" results=
while [ $# -gt 0 ]; do
  case "$1" in
  --xencfg) xencfg=$2; shift 2 ;;
  --versions) versions=$2; shift 2 ;;
  --arches) arches=$2; shift 2 ;;
  --results) results=$2; shift 2 ;;
  *) echo "usage: $0 --xencfg PATH [--versions LIST] [--arches LIST] [--results FILE]" >&2; exit 2 ;;
  esac
done
[ -x "$xencfg" ] || { echo "matrix: --xencfg must name the xencfg binary" >&2; exit 2; }
results=${results:-$(mktemp "${TMPDIR:-/tmp}/xencfg-boot-matrix.XXXXXX")}
: >"$results"
start=$SECONDS status=0
for v in $versions; do
  for a in $arches; do
    echo "== $v $a"
    before=$(wc -l <"$results")
    # (x86_64: with an HVM domU too, which CI leaves out for time.)
    bash "$here/run.sh" --xencfg "$xencfg" --version "$v" --arch "$a" $([ "$a" = x86_64 ] && echo --hvm) \
      --results "$results" || status=1
    [ "$(wc -l <"$results")" != "$before" ] ||
      printf '%s\t%s\t-\t-\tno (the harness stopped before booting; see its output)\n' "$v" "$a" >>"$results"
  done
done
echo
echo "| tree | arch | role | mode | boots |"
echo "| --- | --- | --- | --- | --- |"
awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$results"
echo
echo "matrix: $((SECONDS - start)) s; results in $results"
exit $status
