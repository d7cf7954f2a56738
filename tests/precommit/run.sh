#!/usr/bin/env bash
# End-to-end test of .pre-commit-hooks.yaml with the real `pre-commit` tool
# (Debian's package): a sample packaging repository (tests/precommit/sample)
# adds xencfg with the usual three lines of .pre-commit-config.yaml, then
#   1. `pre-commit run --all-files` on the good fragments passes;
#   2. a commit adding a bad fragment is refused by the installed git hook,
#      with xencfg's finding (file:line and rule id) in the output;
#   3. a binary (NUL bytes) fragment is an input error: exit status 2 and
#      file:line in the message;
#   4. a commit of good fragments goes through.
#
#   tests/precommit/run.sh [XENCFG]     (default: build/xencfg, or $XENCFG)
#
# The xencfg under test is put on PATH, which the hook prefers; set
# XENCFG_PRECOMMIT_BUILD=1 to hide it instead and let the hook build xencfg
# from its own clone (slow: a full build).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
xencfg=${1:-${XENCFG:-$repo/build/xencfg}}

fail() { printf 'precommit test: FAIL: %s\n' "$*" >&2; exit 1; }
log() { printf 'precommit test: %s\n' "$*" >&2; }

command -v pre-commit >/dev/null || { log "SKIP: pre-commit is not installed (apt-get install pre-commit)"; exit 77; }
if [[ ${XENCFG_PRECOMMIT_BUILD:-} != 1 ]]; then
    [[ -x $xencfg ]] || fail "no xencfg binary at $xencfg (build first or pass its path)"
    xencfg=$(realpath -- "$xencfg")
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-precommit.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
# A private pre-commit cache and git identity; the hook repository.
source "$repo/tests/lib/pre-commit.sh"
precommit_setup "$repo" "$work"

# PATH: the xencfg under test (or none, to exercise the build in the hook).
bin=$work/bin
mkdir -p "$bin"
if [[ ${XENCFG_PRECOMMIT_BUILD:-} == 1 ]]; then
    export PATH="$bin:$(printf '%s' "$PATH" | tr ':' '\n' | grep -v -x -F "$(dirname "$(command -v xencfg 2>/dev/null || echo /nonexistent/x)")" | paste -sd:)"
    unset XENCFG
else
    ln -s "$xencfg" "$bin/xencfg"
    export PATH="$bin:$PATH"
fi

# The sample packaging repository.
sample=$work/linux-packaging
cp -r "$here/sample" "$sample"
mv "$sample/bad" "$work/bad"
sed -e "s|@REPO@|$hooks|" -e "s|@REV@|$rev|" "$here/pre-commit-config.yaml.in" \
    >"$sample/.pre-commit-config.yaml"
cd "$sample"
git init -q
git add -A
git commit -qm "packaging repo without xencfg" --no-verify

log "pre-commit $(pre-commit --version | awk '{print $2}'), hook repo at $rev"
start=$(date +%s)

# 1. The committed fragments are good.
set +e
pre-commit run --all-files >"$work/run1.log" 2>&1
status=$?
set -e
[[ $status == 0 ]] || { cat "$work/run1.log" >&2; fail "pre-commit run --all-files on good fragments exited $status"; }
grep -q 'xencfg (arm64 cloud domU).*Passed' "$work/run1.log" || { cat "$work/run1.log" >&2; fail "the fragment hook did not run"; }
log "ok: good fragments pass"

# 2. The installed git hook refuses a bad fragment.
pre-commit install >/dev/null
cp "$work/bad/no-xen.config" debian/config/arm64/cloud/config.xen-bad
git add debian/config/arm64/cloud/config.xen-bad
set +e
git commit -qm "bad fragment" >"$work/commit-bad.log" 2>&1
status=$?
set -e
[[ $status != 0 ]] || fail "git commit of a bad fragment was accepted"
grep -q 'Failed' "$work/commit-bad.log" || { cat "$work/commit-bad.log" >&2; fail "no 'Failed' hook line"; }
grep -q 'config.xen-bad:[0-9]*: error: .*\[domU\.xen' "$work/commit-bad.log" ||
    { cat "$work/commit-bad.log" >&2; fail "the finding (file:line and rule id) is not in the output"; }
grep -q 'exit code: 1' "$work/commit-bad.log" || { cat "$work/commit-bad.log" >&2; fail "xencfg did not exit 1"; }
git reset -q HEAD debian/config/arm64/cloud/config.xen-bad
rm debian/config/arm64/cloud/config.xen-bad
log "ok: a commit with a bad fragment is refused"

# 3. Input errors: exit 2 with the file named.
printf 'CONFIG_XEN=y\n\0\n' >"$work/binary.cfg"
cp "$work/binary.cfg" debian/config/arm64/cloud/binary.cfg
set +e
pre-commit run --files debian/config/arm64/cloud/binary.cfg >"$work/run3.log" 2>&1
status=$?
set -e
[[ $status != 0 ]] || fail "a binary fragment passed"
grep -q 'exit code: 2' "$work/run3.log" && grep -q 'binary.cfg:2: error: binary data' "$work/run3.log" ||
    { cat "$work/run3.log" >&2; fail "binary fragment: expected exit 2 and 'binary.cfg:2: error: binary data'"; }
rm debian/config/arm64/cloud/binary.cfg
log "ok: a binary fragment is an input error (exit 2, file:line)"

# 4. A good new fragment is committed.
cp "$work/bad/good-extra.config" debian/config/arm64/cloud/config.extra
git add debian/config/arm64/cloud/config.extra
git commit -qm "good fragment" >"$work/commit-good.log" 2>&1 ||
    { cat "$work/commit-good.log" >&2; fail "git commit of a good fragment was refused"; }
grep -q 'Passed' "$work/commit-good.log" || { cat "$work/commit-good.log" >&2; fail "the hook did not run on commit"; }
log "ok: a commit with a good fragment goes through"

log "all passed in $(($(date +%s) - start)) s"
