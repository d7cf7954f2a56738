#!/usr/bin/env bash
# Benchmarks of the Kconfig engine against the kernel's own conf, on the same
# tree, .config and environment (scripts/conf-env.sh). Not a test: it prints
# a Markdown table for the README.
#
#   bench/kconfig_bench.sh [--runs N] [--tree DIR] [--arch ARCH] [--config FILE] [--xencfg BIN]
#
# Measures, with a warm probe cache (one warm-up run first):
#   1. Loading the tree: `xencfg load` wall time (median of N, hyperfine),
#      beside the CPU time conf spends in its own process with children
#      (the $(shell) probes) excluded (perf stat --no-inherit, median of N).
#   2. olddefconfig: `xencfg kconfig olddefconfig` vs `conf --olddefconfig`,
#      whole process wall time (median of N, hyperfine), and each process's
#      own peak resident memory (VmHWM, read at exit by the preloaded
#      bench/vmhwm.c; probe children excluded, since their memory is the
#      compiler's, not conf's).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
runs=7
arch=x86_64
source "$repo/scripts/trees-dir.sh"
tree=$trees_dir/linux-source-6.12
config=
xencfg=$repo/build/xencfg
while [[ $# -gt 0 ]]; do
    case "$1" in
    --runs) runs=$2; shift 2 ;;
    --tree) tree=$2; shift 2 ;;
    --arch) arch=$2; shift 2 ;;
    --config) config=$2; shift 2 ;;
    --xencfg) xencfg=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--tree DIR] [--arch ARCH] [--config FILE] [--xencfg BIN]" >&2; exit 2 ;;
    esac
done
version=$(basename "$tree" | sed 's/^linux-source-//')
conf=$(dirname "$tree")/conf-$version/conf
for tool in hyperfine perf; do
    command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install hyperfine linux-perf)" >&2; exit 2; }
done
[[ -x $conf && -x $xencfg ]] || { echo "bench: need $conf (scripts/fetch-trees.sh) and $xencfg (build first)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
gcc -shared -fPIC -O2 -o "$work/vmhwm.so" "$repo/bench/vmhwm.c" || { echo "bench: cannot build bench/vmhwm.c (gcc)" >&2; exit 2; }
if [[ -z $config ]]; then
    # Debian's own configuration for the tree, when installed.
    deb=/usr/src/linux-config-$version/config.amd64_none_amd64.xz
    if [[ $arch == x86_64 && -f $deb ]]; then xz -dc "$deb" >"$work/input.config"; else : >"$work/input.config"; fi
else
    cp "$config" "$work/input.config"
fi
mapfile -t envv < <(bash "$repo/scripts/conf-env.sh" "$tree" "$arch")
# The probe cache lives under HOME; keep the caller's so that it is warm.
run_env=(env -i "${envv[@]}" HOME="$HOME")

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# conf's own CPU time (user+sys of the conf process only), in ms.
conf_cpu_ms() {
    for _ in $(seq "$runs"); do
        cp "$work/input.config" "$work/conf.config"
        (cd "$tree" && "${run_env[@]}" KCONFIG_CONFIG="$work/conf.config" \
            perf stat --no-inherit -x, -e task-clock "$conf" --olddefconfig Kconfig 2>&1 >/dev/null) |
            awk -F, '/task-clock/ {print $1}'
    done | median
}

# Peak RSS (kB) of one process itself: VmHWM read at its exit by the
# preloaded bench/vmhwm.c (probe children, named otherwise, excluded).
# The command carries $(preload NAME) in its environment assignments (after
# `env -i`), NAME being the measured executable's name.
peak_rss_kb() {
    rm -f "$work/vmhwm.out"
    "$@" >/dev/null 2>&1 || true
    tail -n 1 "$work/vmhwm.out"
}
preload() { echo "LD_PRELOAD=$work/vmhwm.so" "VMHWM_OUT=$work/vmhwm.out" "VMHWM_EXE=$1"; }

# Each measured command is a small script, so that the environment (values
# with spaces) is passed exactly; both tools pay the same script start-up.
wrap() { # name, command...
    local f=$work/$1.sh
    shift
    {
        echo '#!/bin/bash'
        printf 'exec env -i'
        printf ' %q' "${envv[@]}" "HOME=$HOME" "$@"
        echo
    } >"$f"
    chmod +x "$f"
    echo "$f"
}

hyperfine_median_ms() { # name, hyperfine args...
    local json=$work/$1.json
    shift
    hyperfine --warmup 1 --runs "$runs" --export-json "$json" -N "$@" >/dev/null
    python3 -c 'import json,sys; print("%.1f" % (json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
}

xload=$(wrap xload "$xencfg" load --tree "$tree" --arch "$arch")
xold=$(wrap xold "$xencfg" kconfig olddefconfig --tree "$tree" --arch "$arch" --config "$work/input.config" -o "$work/x.config")
cold=$(wrap cold KCONFIG_CONFIG="$work/c.config" "$conf" --olddefconfig Kconfig)
sed -i "2i cd $(printf '%q' "$tree")" "$cold"

# Warm the probe cache once.
"$xload" >/dev/null 2>&1 || true

load_ms=$(hyperfine_median_ms load "$xload")
conf_load_cpu=$(conf_cpu_ms)
x_old_ms=$(hyperfine_median_ms xold "$xold")
c_old_ms=$(hyperfine_median_ms cold --prepare "cp $work/input.config $work/c.config" "$cold")

x_rss=$(for _ in 1 2 3; do peak_rss_kb "${run_env[@]}" $(preload "$(basename "$xencfg")") "$xencfg" kconfig olddefconfig --tree "$tree" --arch "$arch" --config "$work/input.config" -o "$work/x.config"; done | median)
c_rss=$(for _ in 1 2 3; do cp "$work/input.config" "$work/c.config"; (cd "$tree" && peak_rss_kb "${run_env[@]}" $(preload conf) KCONFIG_CONFIG="$work/c.config" "$conf" --olddefconfig Kconfig); done | median)

same=no
cmp -s "$work/x.config" "$work/c.config" && same=yes
cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
cat <<EOF
Linux $version $arch ($(wc -l <"$work/input.config") line input .config), $(nproc) cores ($cpu), median of $runs runs, warm probe cache:

| measurement | xencfg | kernel conf | ratio |
|---|---|---|---|
| load the Kconfig tree | ${load_ms} ms wall (whole process) | ${conf_load_cpu} ms CPU in conf itself (olddefconfig, probes excluded) | |
| olddefconfig, whole process | ${x_old_ms} ms wall | ${c_old_ms} ms wall | $(awk -v a="$c_old_ms" -v b="$x_old_ms" 'BEGIN {printf "%.1fx faster", a / b}') |
| olddefconfig, peak RSS of the process | $(awk -v k="$x_rss" 'BEGIN {printf "%.1f", k / 1024}') MiB | $(awk -v k="$c_rss" 'BEGIN {printf "%.1f", k / 1024}') MiB | |

Outputs byte-identical: $same
EOF
