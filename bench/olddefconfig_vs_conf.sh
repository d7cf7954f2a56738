#!/usr/bin/env bash
# xencfg's olddefconfig beside the kernel's own conf, in one run, run by run:
# conf, xencfg, conf, xencfg, ... (after one warm-up of each), so that both
# see the same machine load; the ratio xencfg/conf is taken pair by pair and
# its median printed, beside the median wall time of each tool. Not a test:
# it prints a Markdown table for the README. Outputs must be byte-identical
# (checked on every run). Beside wall time it reports CPU time: user + sys of
# the tool and every process it ran (conf's compiler probes, xencfg's
# parallel ones), from bash's `times`; on a loaded machine the CPU times and
# their ratio move much less than wall times do.
#
#   bench/olddefconfig_vs_conf.sh --cache warm|cold [--runs N] [--versions "6.12 7.3"]
#                                 [--arch ARCH] [--flavour NAME] [--xencfg BIN]
#
# --cache warm: xencfg's probe cache (in a private HOME) is filled by the
#   warm-up run and read by every measured run.
# --cache cold: every xencfg run starts with an empty probe cache (a fresh
#   private HOME each run), as on a fresh CI machine; the script checks that
#   each run really wrote a cache file it could not have read.
# conf has no probe cache: it runs every probe, every time.
#
# Trees, conf and Debian's configs come from $XENCFG_TREES_DIR (default
# .cache/trees): linux-source-V, conf-V/conf and
# linux-config-V/config.<flavour>.xz (scripts/fetch-trees.sh).
# Public tools only: bash, awk, xz, cmp.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cache=
runs=7
versions="6.12 7.3"
arch=x86_64
flavour=amd64_none_amd64
xencfg=$repo/build/xencfg
usage="usage: $0 --cache warm|cold [--runs N] [--versions \"6.12 7.3\"] [--arch ARCH] [--flavour NAME] [--xencfg BIN]"
while [[ $# -gt 0 ]]; do
    case "$1" in
    --cache) cache=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --versions) versions=$2; shift 2 ;;
    --arch) arch=$2; shift 2 ;;
    --flavour) flavour=$2; shift 2 ;;
    --xencfg) xencfg=$2; shift 2 ;;
    *) echo "$usage" >&2; exit 2 ;;
    esac
done
[[ $cache == warm || $cache == cold ]] || { echo "$usage" >&2; exit 2; }
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "bench: --runs takes a positive number" >&2; exit 2; }
[[ -x $xencfg ]] || { echo "bench: no $xencfg (build first)" >&2; exit 2; }
xencfg=$(realpath "$xencfg")
trees=${XENCFG_TREES_DIR:-$repo/.cache/trees}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# Runs "$@" (output discarded) in a subshell and prints "WALL CPU" in
# microseconds: the wall time, and the user + sys time of every process the
# subshell waited for (`times`' second line, the children's; called in the
# subshell itself, since a forked `times` would see no children).
measure() {
    (
        t0=$EPOCHREALTIME
        "$@" >/dev/null 2>&1
        t1=$EPOCHREALTIME
        times >"$work/times"
        echo "$t0 $t1" >"$work/clock"
    )
    awk 'FNR == 1 && FILENAME ~ /clock$/ {w = ($2 - $1) * 1e6}
         FNR == 2 && FILENAME ~ /times$/ {
             split($1, u, /[ms]/); split($2, s, /[ms]/)
             c = (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 1e6
         }
         END {printf "%.0f %.0f\n", w, c}' "$work/clock" "$work/times"
}

load_before=$(uptime | sed 's/.*load average: //')
rows=()
for version in $versions; do
    tree=$trees/linux-source-$version
    conf=$trees/conf-$version/conf
    deb=$trees/linux-config-$version/config.$flavour.xz
    for f in "$tree/Kconfig" "$conf" "$deb"; do
        [[ -e $f ]] || { echo "bench: missing $f (scripts/fetch-trees.sh)" >&2; exit 2; }
    done
    xz -dc "$deb" >"$work/input.config"
    mapfile -t envv < <(bash "$repo/scripts/conf-env.sh" "$tree" "$arch")

    # One run of each tool (for measure). HOME is a private directory, so
    # the caller's probe cache is never used.
    run_conf() {
        cd "$tree" && env -i "${envv[@]}" HOME="$work/conf-home" KCONFIG_CONFIG="$work/conf.config" \
            "$conf" --olddefconfig Kconfig
    }
    run_xencfg() { # HOME
        env -i "${envv[@]}" HOME="$1" "$xencfg" kconfig olddefconfig --tree "$tree" --arch "$arch" \
            --config "$work/input.config" -o "$work/xencfg.config"
    }
    probe_files() { find "$1" -name '*.probes' 2>/dev/null | wc -l; }

    warm_home=$work/warm-home
    rm -rf "$warm_home" && mkdir -p "$warm_home"
    cp "$work/input.config" "$work/conf.config"
    measure run_conf >/dev/null
    measure run_xencfg "$warm_home" >/dev/null # warm-up; fills the warm cache
    cmp -s "$work/conf.config" "$work/xencfg.config" ||
        { echo "bench: $version: xencfg's output differs from conf's" >&2; exit 1; }
    if [[ $cache == warm && $(probe_files "$warm_home") -eq 0 ]]; then
        echo "bench: the warm-up run left no probe cache in $warm_home" >&2
        exit 1
    fi
    for f in c.us x.us ratio c.cpu x.cpu cpu-ratio; do : >"$work/$f"; done
    for i in $(seq "$runs"); do
        cp "$work/input.config" "$work/conf.config"
        read -r c c_cpu < <(measure run_conf)
        if [[ $cache == cold ]]; then
            home=$work/cold-home-$i
            mkdir -p "$home"
            read -r x x_cpu < <(measure run_xencfg "$home")
            # Cold means the run found no cache and made one.
            [[ $(probe_files "$home") -eq 1 ]] ||
                { echo "bench: cold run $i did not start from an empty cache" >&2; exit 1; }
            rm -rf "$home"
        else
            read -r x x_cpu < <(measure run_xencfg "$warm_home")
        fi
        cmp -s "$work/conf.config" "$work/xencfg.config" ||
            { echo "bench: $version run $i: outputs differ" >&2; exit 1; }
        echo "$c" >>"$work/c.us"
        echo "$x" >>"$work/x.us"
        echo "$c_cpu" >>"$work/c.cpu"
        echo "$x_cpu" >>"$work/x.cpu"
        awk -v x="$x" -v c="$c" 'BEGIN {printf "%.4f\n", x / c}' >>"$work/ratio"
        awk -v x="$x_cpu" -v c="$c_cpu" 'BEGIN {printf "%.4f\n", x / c}' >>"$work/cpu-ratio"
    done
    ms() { median <"$work/$1" | awk '{printf "%.0f", $1 / 1000}'; }
    range() { sort -g "$work/$1" | sed -n '1p;$p' | paste -sd- -; }
    rows+=("| $version | $(wc -l <"$work/input.config") | $(ms x.us) ms | $(ms c.us) ms | $(median <"$work/ratio") ($(range ratio)) | $(ms x.cpu) ms | $(ms c.cpu) ms | $(median <"$work/cpu-ratio") ($(range cpu-ratio)) |")
done
load_after=$(uptime | sed 's/.*load average: //')

cpu=$(lscpu | sed -n 's/^Model name: *//p' | head -n 1)
cat <<EOF
olddefconfig of Debian's config.$flavour, $arch, $cache probe cache; $(nproc) cores ($cpu),
$(date -u '+%Y-%m-%d %H:%M UTC'); load average before: $load_before, after: $load_after.
$runs runs taken in pairs (conf, xencfg), medians; outputs byte-identical. Wall: the whole process.
CPU: user + sys of the tool and every process it ran (probes included).

| Linux | input lines | xencfg wall | conf wall | wall xencfg / conf, median of pairs (min-max) | xencfg CPU | conf CPU | CPU xencfg / conf, median of pairs (min-max) |
|---|---|---|---|---|---|---|---|
$(printf '%s\n' "${rows[@]}")
EOF
