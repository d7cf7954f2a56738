#!/usr/bin/env bash
# The CLI's promises about processes and the probe cache, checked from the
# outside on a tiny tree whose Kconfig runs a `$(shell,...)` probe and whose
# CC is a script that leaves a mark when run:
#   --offline          runs no process at all (no CC --version, no probe);
#                      under strace -f, the only execve is xencfg's own;
#   --no-probe-cache,
#   XENCFG_NO_PROBE_CACHE=1, and --offline leave the cache directory untouched;
#   and, as controls that show each check can fail, a plain run does run CC
#   and the probe and does fill the cache;
#   a relative srctree ("." as make passes it to conf in an in-tree build, or
#   `--tree .`): a probe naming the tree's own script through $(srctree)
#   runs it, as conf does from make's current directory.
#   tests/probes/run.sh XENCFG
set -uo pipefail
xencfg=$(realpath -- "$1")
work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-probes.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf -- "$work"' EXIT

tree=$work/tree
mkdir -p "$tree/arch/x86"
printf 'VERSION = 6\nPATCHLEVEL = 12\nSUBLEVEL = 0\nEXTRAVERSION =\n' >"$tree/Makefile"
cat >"$tree/Kconfig" <<'KCONFIG'
mainmenu "probe test"
config CC_HAS_FEATURE
	def_bool $(shell,touch "$(MARK_DIR)/probe-ran"; echo y)
config CC_VERSION
	string
	default "$(CC_VERSION_TEXT)"
config TREE_SCRIPT
	string
	default "$(shell,$(srctree)/scripts/answer.sh)"
source "arch/$(SRCARCH)/Kconfig"
KCONFIG
printf 'config X86\n\tdef_bool y\n' >"$tree/arch/x86/Kconfig"
mkdir -p "$tree/scripts"
printf '#!/bin/sh\necho from-the-tree\n' >"$tree/scripts/answer.sh"
chmod +x "$tree/scripts/answer.sh"
cat >"$work/fake-cc" <<'CC'
#!/bin/sh
touch "$MARK_DIR/cc-ran"
echo "fakecc (test) 1.0"
CC
chmod +x "$work/fake-cc"
: >"$work/empty.config"

passed=0
failed=0
check() { # NAME CONDITION...
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name" >&2
    fi
}

# run CASE ARGS...: xencfg kconfig olddefconfig in a clean environment with
# its own cache and mark directories ($work/CASE/{cache,marks}).
run() {
    local case=$1
    shift
    mkdir -p "$work/$case/marks"
    env -i PATH=/usr/bin:/bin HOME="$work/$case/home" XENCFG_CACHE_DIR="$work/$case/cache" \
        MARK_DIR="$work/$case/marks" CC="$work/fake-cc" "${prefix[@]}" \
        "$xencfg" kconfig olddefconfig --tree "$tree" --arch x86_64 \
        --config "$work/empty.config" -o "$work/$case/out.config" "$@" >"$work/$case/stdout" 2>"$work/$case/stderr"
}
prefix=()

# Control: a plain run runs CC and the probe and fills the cache.
run plain
check "plain run succeeds" [ -s "$work/plain/out.config" ]
check "plain run runs CC --version" [ -e "$work/plain/marks/cc-ran" ]
check "plain run runs the probe" [ -e "$work/plain/marks/probe-ran" ]
check "plain run writes the cache" [ -n "$(ls -A "$work/plain/cache/probes" 2>/dev/null)" ]
check "plain run's CC_VERSION is CC's" grep -qx 'CONFIG_CC_VERSION="fakecc (test) 1.0"' "$work/plain/out.config"

run offline --offline
check "offline run succeeds" [ -s "$work/offline/out.config" ]
check "offline run runs no CC" [ ! -e "$work/offline/marks/cc-ran" ]
check "offline run runs no probe" [ ! -e "$work/offline/marks/probe-ran" ]
check "offline run leaves the cache alone" [ ! -e "$work/offline/cache" ]

run nocache --no-probe-cache
check "--no-probe-cache run succeeds" [ -s "$work/nocache/out.config" ]
check "--no-probe-cache run runs the probe" [ -e "$work/nocache/marks/probe-ran" ]
check "--no-probe-cache leaves the cache alone" [ ! -e "$work/nocache/cache" ]

prefix=(XENCFG_NO_PROBE_CACHE=1)
run envnocache
prefix=()
check "XENCFG_NO_PROBE_CACHE=1 leaves the cache alone" [ ! -e "$work/envnocache/cache" ]

# A relative srctree: the tree's script is found from the current directory.
check "absolute --tree: the tree's script answers" grep -qx 'CONFIG_TREE_SCRIPT="from-the-tree"' "$work/plain/out.config"
mkdir -p "$work/relative"
(cd "$tree" && env -i PATH=/usr/bin:/bin HOME="$work/relative/home" MARK_DIR="$work/relative" \
    CC="$work/fake-cc" "$xencfg" kconfig olddefconfig --tree . --arch x86_64 --no-probe-cache \
    --config "$work/empty.config" -o "$work/relative/kconfig.config" >/dev/null 2>&1)
check "--tree .: the tree's script answers" grep -qx 'CONFIG_TREE_SCRIPT="from-the-tree"' "$work/relative/kconfig.config"
(cd "$tree" && env -i PATH=/usr/bin:/bin HOME="$work/relative/home" MARK_DIR="$work/relative" \
    CC="$work/fake-cc" srctree=. ARCH=x86_64 SRCARCH=x86 KCONFIG_CONFIG="$work/relative/conf.config" \
    "$xencfg" conf --olddefconfig Kconfig >/dev/null 2>&1)
check "conf with srctree=.: the tree's script answers" grep -qx 'CONFIG_TREE_SCRIPT="from-the-tree"' "$work/relative/conf.config"

# Every process, not only the two marked ones: under strace -f the offline
# run's only execve is xencfg itself; the plain run (control) has more.
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
    execs() { grep -c 'execve(' "$1"; }
    prefix=(strace -f -e trace=execve -o "$work/offline.trace")
    run offline-traced --offline
    prefix=(strace -f -e trace=execve -o "$work/plain.trace")
    run plain-traced --no-probe-cache
    prefix=()
    check "offline run executes only xencfg (strace: $(execs "$work/offline.trace") execve)" \
        [ "$(execs "$work/offline.trace")" -eq 1 ]
    check "plain run executes more than xencfg (strace: $(execs "$work/plain.trace") execve)" \
        [ "$(execs "$work/plain.trace")" -gt 1 ]
else
    echo "note: strace unavailable here; the execve count check is skipped" >&2
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
