#!/usr/bin/env bash
# `xencfg kconfig TARGET` gives what the tree's own conf gives, for the
# targets that share conf's code path but are not in the conformance
# harness's kconfig runs: randconfig (the same seed), yes2modconfig,
# mod2yesconfig, mod2noconfig and helpnewconfig, on Debian's real config,
# and interactive oldconfig fed answers on a pipe (`xencfg conf`).
#   tests/kconfig-targets/run.sh XENCFG VERSION ARCH
# Each .config (and helpnewconfig's text) must be byte-identical to conf's;
# both run in the environment make gives conf (scripts/conf-env.sh).
# Skips (77) without the tree, its conf or Debian's config.
set -uo pipefail
xencfg=$(realpath -- "$1")
version=$2
arch=$3
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$repo/tests/lib/debian-config.sh"
debian_config_inputs "$version" "$arch" ktargets
passed=0 failed=0
same() { # NAME A B
    if cmp -s "$2" "$3"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL: $1 differs from conf" >&2; diff "$3" "$2" | head -n 10 >&2; fi
}
# conf_run TARGET OUT [ENV...]: the tree's conf, as make runs it, on a copy of the input.
# (auto.conf, a file per symbol beside it, autoconf.h and rustc_cfg, which
# conf writes when auto.conf is absent, go to $work, not the shared tree;
# so does 5.10's include/config/auto.conf.cmd, written relative to conf's
# working directory, which is therefore $work/auto: Kconfig is found through
# $srctree, as in an O= build.)
conf_run() {
    local target=$1 out=$2; shift 2
    cp "$work/input.config" "$out"
    mkdir -p "$work/auto/config"
    (cd "$work/auto" && env -i "${envv[@]}" KCONFIG_CONFIG="$out" KCONFIG_AUTOCONFIG="$work/auto/config/auto.conf" \
        KCONFIG_AUTOHEADER="$work/auto/autoconf.h" KCONFIG_RUSTCCFG="$work/auto/rustc_cfg" "$@" "$conf" -s --"$target" Kconfig) \
        >"$out.stdout" 2>"$out.stderr"
}
for target in yes2modconfig mod2yesconfig mod2noconfig randconfig helpnewconfig; do
    if [ "$target" = mod2noconfig ] && ! grep -q mod2noconfig "$tree/scripts/kconfig/conf.c"; then
        continue
    fi
    seed=()
    [ "$target" = randconfig ] && seed=(KCONFIG_SEED=0x5eed)
    conf_run "$target" "$work/conf.$target" "${seed[@]}"
    args=(--config "$work/input.config")
    [ "$target" = randconfig ] && args=(--seed 0x5eed)
    if [ "$target" = helpnewconfig ]; then
        env -i "${envv[@]}" "$xencfg" kconfig "$target" --tree "$tree" --arch "$arch" "${args[@]}" -o "$work/xencfg.$target" \
            >/dev/null 2>"$work/xencfg.$target.stderr"
        same "$target" "$work/xencfg.$target" "$work/conf.$target.stdout"
    else
        env -i "${envv[@]}" "$xencfg" kconfig "$target" --tree "$tree" --arch "$arch" "${args[@]}" -o "$work/xencfg.$target" \
            >"$work/xencfg.$target.stdout" 2>"$work/xencfg.$target.stderr"
        same "$target" "$work/xencfg.$target" "$work/conf.$target"
    fi
done
# Interactive oldconfig on a pipe, as a packager's script drives it: every
# 61st symbol line of Debian's config is dropped, so conf asks about those
# symbols (and whatever their answers make new); the answers cycle through
# the default, y, n, m, a help request, an invalid word and a number.
# `xencfg conf` must print the same prompts and help and write the same
# .config.
awk '!(/^(# )?CONFIG_/ && ++n % 61 == 0)' "$work/input.config" >"$work/old.config"
awk 'BEGIN { split("|y|n|m|?|maybe|1", a, "|"); for (i = 0; i < 4000; i++) print a[i % 7 + 1] }' \
    >"$work/answers"
for tool in conf xencfg; do
    d=$work/oldconfig.$tool
    mkdir -p "$d"
    cp "$work/old.config" "$d/.config"
    if [ "$tool" = conf ]; then cmd=("$conf"); else cmd=("$xencfg" conf); fi
    (cd "$d" && env -i "${envv[@]}" KCONFIG_CONFIG=.config "${cmd[@]}" --oldconfig Kconfig) \
        <"$work/answers" >"$d/stdout" 2>"$d/stderr"
    echo "$?" >"$d/rc"
done
grep -q '(NEW)' "$work/oldconfig.conf/stdout" && passed=$((passed + 1)) ||
    { failed=$((failed + 1)); echo "FAIL: conf --oldconfig asked nothing: the case tests nothing" >&2; }
for f in .config stdout stderr rc; do
    same "oldconfig $f" "$work/oldconfig.xencfg/$f" "$work/oldconfig.conf/$f"
done
# The seed line conf prints for randconfig (stdout since 5.13).
grep -q 'KCONFIG_SEED=0x5EED' "$work/xencfg.randconfig.stdout" "$work/xencfg.randconfig.stderr" &&
    passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL: no KCONFIG_SEED line" >&2; }
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
