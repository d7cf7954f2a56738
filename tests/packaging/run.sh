#!/usr/bin/env bash
# The three packaging-repository layouts of docs/packaging/ (debian,
# kernel-ark, yocto), each tested as a real repository with Debian's
# `pre-commit` and the xencfg-repo hook of .pre-commit-hooks.yaml:
#   1. `pre-commit run --all-files`: every flavour passes;
#   2. a commit that breaks one flavour's dom0 is refused, and the output
#      names the file and line that broke it, the rule and the flavour, and
#      no other flavour;
#   3. a harmless change is committed, and the hook judged only the flavours
#      built from the changed file.
#
#   tests/packaging/run.sh [XENCFG]     (default: build/xencfg, or $XENCFG)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
xencfg=${1:-${XENCFG:-$repo/build/xencfg}}

fail() { printf 'packaging test: FAIL: %s\n' "$*" >&2; exit 1; }
log() { printf 'packaging test: %s\n' "$*" >&2; }

command -v pre-commit >/dev/null || { log "SKIP: pre-commit is not installed (apt-get install pre-commit)"; exit 77; }
[[ -x $xencfg ]] || fail "no xencfg binary at $xencfg (build first or pass its path)"
xencfg=$(realpath -- "$xencfg")

work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-packaging.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
# A private pre-commit cache and git identity; the hook repository.
source "$repo/tests/lib/pre-commit.sh"
precommit_setup "$repo" "$work"
export XENCFG_CACHE_DIR=$work/cache
mkdir -p "$work/bin"
ln -s "$xencfg" "$work/bin/xencfg"
export PATH="$work/bin:$PATH"

# layout | file a breaking line is appended to | that line | the rule it
# breaks | the one flavour it breaks | file a harmless line is appended to |
# the flavours built from that file | the flavours not built from it
cases=(
    "debian|debian/config/amd64/config|# CONFIG_XEN_DOM0 is not set|dom0.xen-dom0|amd64|debian/config/arm64/config|arm64|amd64 cloud-amd64"
    "kernel-ark|redhat/configs/fedora/generic/x86/x86_64/CONFIG_XEN_DOM0|# CONFIG_XEN_DOM0 is not set|dom0.xen-dom0|x86_64 x86_64-debug|redhat/configs/fedora/generic/arm/aarch64/CONFIG_NR_CPUS|aarch64|x86_64 x86_64-debug"
    "yocto|kernel-cache/features/xen/xen-dom0.cfg|# CONFIG_XEN_BACKEND is not set|dom0.backend|xen-x86_64|kernel-cache/bsp/xen-arm64/xen-arm64.cfg|xen-arm64|xen-x86_64"
)
start=$(date +%s)
for c in "${cases[@]}"; do
    IFS='|' read -r layout break_file break_line rule broken harmless_file touched untouched <<<"$c"
    sample=$work/$layout
    cp -r "$repo/docs/packaging/$layout" "$sample"
    cat >"$sample/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $hooks
    rev: $rev
    hooks:
      - id: xencfg-repo
YAML
    cd "$sample"
    git init -q && git add -A && git commit -qm "packaging repo" --no-verify

    # 1. Every flavour passes.
    set +e
    pre-commit run --all-files --verbose >"$work/$layout-all.log" 2>&1
    status=$?
    set -e
    [[ $status == 0 ]] || { cat "$work/$layout-all.log" >&2; fail "$layout: pre-commit run --all-files exited $status"; }
    for f in $broken $touched $untouched; do
        grep -q "flavour $f: PASS" "$work/$layout-all.log" ||
            { cat "$work/$layout-all.log" >&2; fail "$layout: flavour $f was not judged, or did not pass"; }
    done
    log "ok: $layout: every flavour passes"

    # 2. A commit that breaks one flavour's dom0 is refused.
    pre-commit install >/dev/null
    mkdir -p "$(dirname "$break_file")"
    printf '%s\n' "$break_line" >>"$break_file"
    line=$(wc -l <"$break_file")
    git add -A
    set +e
    git commit -qm "break dom0" >"$work/$layout-break.log" 2>&1
    status=$?
    set -e
    [[ $status != 0 ]] || { cat "$work/$layout-break.log" >&2; fail "$layout: the breaking commit was accepted"; }
    grep -q 'exit code: 1' "$work/$layout-break.log" || { cat "$work/$layout-break.log" >&2; fail "$layout: xencfg did not exit 1"; }
    names=${broken// /, }
    grep -q "^$break_file:$line: error: .*(flavours\? $names) \[$rule, " "$work/$layout-break.log" ||
        { cat "$work/$layout-break.log" >&2; fail "$layout: no finding at $break_file:$line naming $rule and flavour(s) $names"; }
    grep "error:" "$work/$layout-break.log" | grep -v "(flavours\? $names)" &&
        { cat "$work/$layout-break.log" >&2; fail "$layout: a finding names another flavour than $names"; }
    git reset -q --hard HEAD
    log "ok: $layout: breaking $names's dom0 at $break_file:$line is refused"

    # 3. A harmless change goes through; only the flavours built from the
    #    changed file are judged.
    printf '# a comment\n' >>"$harmless_file"
    git add -A
    git commit -qm "harmless" >"$work/$layout-harmless.log" 2>&1 ||
        { cat "$work/$layout-harmless.log" >&2; fail "$layout: the harmless commit was refused"; }
    pre-commit run --verbose --files "$harmless_file" >"$work/$layout-touched.log" 2>&1 ||
        { cat "$work/$layout-touched.log" >&2; fail "$layout: pre-commit run --files $harmless_file failed"; }
    for f in $touched; do
        grep -q "flavour $f: PASS" "$work/$layout-touched.log" ||
            { cat "$work/$layout-touched.log" >&2; fail "$layout: flavour $f (built from $harmless_file) was not judged"; }
    done
    for f in $untouched; do
        ! grep -q "flavour $f:" "$work/$layout-touched.log" ||
            { cat "$work/$layout-touched.log" >&2; fail "$layout: flavour $f was judged, but is not built from $harmless_file"; }
    done
    log "ok: $layout: a harmless change passes, judged for $touched only"
    cd "$work"
done
# check --repo --show all: a rule table for every flavour and role of the
# Debian sample, every row OK (the sample passes), and the same verdict.
status=0
xencfg check --repo "$repo/docs/packaging/debian" --show all >"$work/show-all.log" 2>&1 || status=$?
[[ $status == 0 ]] || { cat "$work/show-all.log" >&2; fail "check --repo --show all exited $status"; }
for fr in amd64:dom0 amd64:domU cloud-amd64:domU arm64:dom0 arm64:domU; do
    grep -q "^flavour ${fr%%:*}: ${fr#*:}" "$work/show-all.log" ||
        { cat "$work/show-all.log" >&2; fail "check --repo --show all: no rule table for flavour ${fr%%:*}, ${fr#*:}"; }
done
! grep -qE '^  [a-z0-9_.-]+ +FAIL ' "$work/show-all.log" && grep -qE '^  [a-z0-9_.-]+ +OK ' "$work/show-all.log" ||
    { cat "$work/show-all.log" >&2; fail "check --repo --show all: the table's rows do not say OK"; }
log "ok: check --repo --show all prints each flavour's rule table"
log "all passed in $(($(date +%s) - start)) s"
