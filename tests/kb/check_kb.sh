#!/usr/bin/env bash
# Rebuild the knowledge base (kb/<version>/<arch>.kconfig) from the kernel
# trees with `xencfg kb-extract` and compare it with the committed files.
#
# Usage: check_kb.sh XENCFG [TREES_DIR] [KB_DIR]
#   TREES_DIR  holds linux-source-<version>/ (default $XENCFG_TREES_DIR, else
#              .cache/trees of the repo)
#   KB_DIR     the committed knowledge base (default kb/ of the repo)
# Every committed kb/<version>/<arch>.kconfig is regenerated from
# TREES_DIR/linux-source-<version> into a scratch directory and diffed.
# Exit 0: identical; 1: a difference (diff printed); 2: usage error; 77
# (skipped): no tree for any extract. UPDATE=1 writes the regenerated files over the committed
# ones instead (review the diff before committing).
#
# A knowledge base records what the tree's toolchain probes answer on the
# machine that extracts it ($(shell,...) defaults such as RUSTC_VERSION).
# The shipped one describes a stock Debian 12 build machine, so extraction
# runs with a fixed, clean environment (the stock PATH, no user tool
# directories such as ~/.cargo/bin), whoever runs this.
set -uo pipefail
if [[ $# -lt 1 ]]; then
    echo "usage: $0 XENCFG [TREES_DIR] [KB_DIR]" >&2
    exit 2
fi
repo=$(cd -- "$(dirname -- "$0")/../.." && pwd)
xencfg=$(realpath -- "$1")
trees=${2:-}
trees=${trees:-${XENCFG_TREES_DIR:-$repo/.cache/trees}}
kb=${3:-$repo/kb}
scratch=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-kb.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT

status=0
checked=0
skipped=0
shopt -s nullglob
for file in "$kb"/*/*.kconfig; do
    version=$(basename -- "$(dirname -- "$file")")
    arch=$(basename -- "$file" .kconfig)
    tree=$trees/linux-source-$version
    if [[ ! -d $tree ]]; then
        echo "SKIP $version/$arch: no tree $tree (fetch it with scripts/fetch-trees.sh)"
        skipped=$((skipped + 1))
        continue
    fi
    out=$scratch/$version-$arch.kconfig
    # Run from the trees' parent so the recorded producer line is stable.
    if ! (cd -- "$trees" && env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            LC_ALL=C HOME="$scratch" XENCFG_CACHE_DIR="$scratch/cache" \
            "$xencfg" kb-extract --tree "linux-source-$version" --arch "$arch" -o "$out"); then
        echo "FAIL $version/$arch: kb-extract failed"
        status=1
        continue
    fi
    if [[ ${UPDATE:-} == 1 ]]; then
        cmp -s "$file" "$out" && echo "SAME $version/$arch" || { cp -- "$out" "$file" && echo "UPDATED $version/$arch"; }
    elif diff -u --label "committed $version/$arch.kconfig" --label "regenerated" "$file" "$out"; then
        echo "PASS $version/$arch"
    else
        echo "FAIL $version/$arch: the committed extract differs from the tree"
        [[ $status == 0 ]] && status=1
    fi
    checked=$((checked + 1))
done
if ((checked == 0 && skipped > 0)) && [[ $status == 0 ]]; then
    exit 77
fi
if ((checked == 0)) && [[ $status == 0 ]]; then
    echo "error: no kb/<version>/<arch>.kconfig under $kb" >&2
    exit 2
fi
exit $status
