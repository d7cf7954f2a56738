#!/usr/bin/env bash
# Probes run in parallel (a cold cache, XENCFG_PROBE_JOBS > 1) give the same
# answers and the same output as probes run one after another, and as the
# kernel's own conf: on a real tree and Debian's real config for ARCH.
#   tests/probes/parallel.sh XENCFG VERSION ARCH
# Checks, each against an independent source:
#   - the parallel run's .config is byte-identical to conf's;
#   - the sequential run's (XENCFG_PROBE_JOBS=1) is too;
#   - both runs left a probe cache with the same commands and answers (the
#     same probes ran, none were missed or added, and every answer is the
#     one the sequential run got);
#   - both runs started cold (each its own empty cache directory), so each
#     ran every probe itself;
#   - as many distinct probe commands as conf runs (conf's own `sh -c`
#     children, counted under strace when strace exists).
# Skips (77) without the tree, its conf or Debian's config.
set -uo pipefail
xencfg=$(realpath -- "$1")
version=$2
arch=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$repo/tests/lib/debian-config.sh"
debian_config_inputs "$version" "$arch" parallel

passed=0
failed=0
check() { # NAME COMMAND...
    if "${@:2}"; then passed=$((passed + 1)); else echo "FAIL: $1"; failed=$((failed + 1)); fi
}

cp "$work/input.config" "$work/conf.config"
(cd "$tree" && env -i "${envv[@]}" KCONFIG_CONFIG="$work/conf.config" "$conf" --olddefconfig Kconfig) \
    >/dev/null 2>&1 || { echo "FAIL: conf itself failed"; exit 1; }

run() { # NAME JOBS
    mkdir -p "$work/$1-cache"
    env -i "${envv[@]}" HOME="$work/home" XENCFG_CACHE_DIR="$work/$1-cache" XENCFG_PROBE_JOBS="$2" \
        "$xencfg" kconfig olddefconfig --tree "$tree" --arch "$arch" \
        --config "$work/input.config" -o "$work/$1.config" >"$work/$1.out" 2>&1
}
check "sequential run succeeds" run seq 1
check "parallel run succeeds" run par 4
check "parallel output is conf's" cmp "$work/conf.config" "$work/par.config"
check "sequential output is conf's" cmp "$work/conf.config" "$work/seq.config"
probes() { cat "$work/$1-cache"/probes/*.probes 2>/dev/null | sort; }
probes seq >"$work/seq.probes"
probes par >"$work/par.probes"
check "the sequential run cached its probes" test "$(wc -l <"$work/seq.probes")" -gt 20
check "both ran the same probes with the same answers" cmp "$work/seq.probes" "$work/par.probes"
if command -v strace >/dev/null; then
    # conf's probes, counted from its own `sh -c` children.
    cp "$work/input.config" "$work/conf2.config"
    (cd "$tree" && env -i "${envv[@]}" KCONFIG_CONFIG="$work/conf2.config" \
        strace -f -qq -s 65536 -e trace=execve -o "$work/conf.trace" "$conf" --olddefconfig Kconfig) \
        >/dev/null 2>&1
    conf_probes=$(grep 'execve("/bin/sh", \["sh", "-c"' "$work/conf.trace" | sed 's/^[0-9]* *//' |
        sed 's/\], 0x[0-9a-f]*.*//' | sort -u | wc -l)
    check "as many probes as conf ran ($conf_probes)" test "$(wc -l <"$work/par.probes")" -eq "$conf_probes"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
