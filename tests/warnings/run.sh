#!/usr/bin/env bash
# Warnings conformance: each cases/*.kconfig is a one-file Kconfig tree that
# makes conf warn (lexer, entries, properties, choices, macros, unmet
# dependencies; 7x-* cases use the 7.x language and run on 7.x only). For
# each tree version (5.10 6.1 6.12 7.2 7.3, or $XENCFG_WARNINGS_VERSIONS),
# the kernel's own conf (built by
# scripts/fetch-trees.sh) runs `--olddefconfig` on it, and xencfg runs
# `kconfig olddefconfig` on the same tree (a Makefile declares the version,
# which picks the dialect); stdout, stderr and the written .config must be
# byte-identical. Nothing expected is stored: conf is asked every time.
#   tests/warnings/run.sh XENCFG_BINARY
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
xencfg=$(realpath "$1")
trees=${XENCFG_TREES_DIR:-$repo/.cache/trees}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
for v in ${XENCFG_WARNINGS_VERSIONS:-5.10 6.1 6.12 7.2 7.3}; do
    conf=$trees/conf-$v/conf
    if [[ ! -x $conf ]]; then
        echo "SKIP warnings $v: $conf missing: run scripts/fetch-trees.sh" >&2
        continue
    fi
    for case in "$here"/cases/*.kconfig; do
        name=$(basename "$case" .kconfig)
        # 7x-*: the language of Linux 7.x (older kernels reject it).
        [[ $name != 7x-* || ${v%%.*} -ge 7 ]] || continue
        tree=$work/$v-$name
        mkdir -p "$tree"
        cp "$case" "$tree/Kconfig"
        printf 'VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = 0\nEXTRAVERSION =\n' "${v%%.*}" "${v#*.}" >"$tree/Makefile"
        env=(env -i PATH=/usr/bin:/bin LC_ALL=C srctree="$tree" ARCH=x86_64 SRCARCH=x86 KERNELVERSION=$v.0 CC=gcc LD=ld HOME="$work")
        : >"$work/conf.config" # both start from the same empty .config
        : >"$work/in.config"
        (cd "$tree" && "${env[@]}" KCONFIG_CONFIG="$work/conf.config" "$conf" --olddefconfig Kconfig \
            >"$work/conf.out" 2>"$work/conf.err")
        # conf exits 1 on a Kconfig error where xencfg documents 2.
        rc=$?; echo "exit $((rc == 0 ? 0 : 2))" >>"$work/conf.out"
        (cd "$tree" && "${env[@]}" "$xencfg" kconfig olddefconfig --tree "$tree" --arch x86_64 \
            --config "$work/in.config" -o "$work/x.config" >"$work/x.out" 2>"$work/x.err")
        echo "exit $?" >>"$work/x.out"
        # conf announces the file it wrote; xencfg's path differs only there.
        sed -i "s|$work/conf.config|OUT|" "$work/conf.out"
        sed -i "s|$work/x.config|OUT|" "$work/x.out"
        ok=1
        for f in err out; do
            diff -u --label "conf $v $name std$f" --label "xencfg $v $name std$f" "$work/conf.$f" "$work/x.$f" || ok=0
        done
        if [[ -s $work/conf.config || -s $work/x.config ]]; then
            diff -u --label "conf $v $name .config" --label "xencfg $v $name .config" "$work/conf.config" "$work/x.config" || ok=0
        fi
        rm -f "$work/conf.config" "$work/x.config"
        if ((ok)); then pass=$((pass + 1)); else fail=$((fail + 1)); echo "FAIL: $v $name"; fi
    done
done
echo "$pass passed, $fail failed"
((pass + fail > 0)) || exit 77 # no conf at all: skipped
((fail == 0))
