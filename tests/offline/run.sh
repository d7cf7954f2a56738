#!/usr/bin/env bash
# Offline evaluation (--offline: no $(shell,...) probe is run) must keep the
# probe-derived values a .config records. Debian's own 6.12 amd64 config was
# written by olddefconfig on Debian's build machine (another compiler,
# pahole, ...), so an offline olddefconfig here must reproduce it, except for
# what Debian edits after its build and the ARCH name in the header.
#   tests/offline/run.sh XENCFG_BINARY
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
xencfg=$1
trees=${XENCFG_TREES_DIR:-$repo/.cache/trees}
tree=$trees/linux-source-6.12
# Debian's config as scripts/fetch-trees.sh fetches it with the tree (it
# read /usr/src/linux-config-6.12, which no machine here installs: the test
# was skipped in every CI run).
input=$trees/linux-config-6.12/config.amd64_none_amd64.xz
# Without them: skipped (77, ctest's SKIP_RETURN_CODE), not failed.
[[ -d $tree ]] || { echo "SKIP offline: $tree missing: run scripts/fetch-trees.sh" >&2; exit 77; }
[[ -f $input ]] || { echo "SKIP offline: $input missing: run scripts/fetch-trees.sh" >&2; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
xz -dc "$input" >"$work/in.config"
mapfile -t envv < <(bash "$repo/scripts/conf-env.sh" "$tree" x86_64)
env -i "${envv[@]}" HOME="$work" "$xencfg" kconfig olddefconfig --offline --tree "$tree" --arch x86_64 \
    --config "$work/in.config" -o "$work/out.config"
# Debian drops these four settings from the config it ships, and builds
# with ARCH=x86; nothing else may differ.
release=$(sed -n 's/^# Linux\/x86 \(6\.12\.[0-9]*\) Kernel Configuration$/\1/p' "$work/in.config")
[[ -n $release ]] || { echo "offline: $input has no Linux/x86 6.12 header" >&2; echo "0 passed, 1 failed"; exit 1; }
cat >"$work/expected.diff" <<DIFF
< # Linux/x86 $release Kernel Configuration
> # Linux/x86_64 $release Kernel Configuration
> CONFIG_BUILD_SALT=""
> CONFIG_MODULE_SIG_ALL=y
> CONFIG_MODULE_SIG_KEY="certs/signing_key.pem"
> CONFIG_SYSTEM_TRUSTED_KEYS=""
DIFF
diff "$work/in.config" "$work/out.config" | grep '^[<>]' >"$work/actual.diff" || true
if diff -u "$work/expected.diff" "$work/actual.diff"; then
    echo "1 passed, 0 failed"
else
    echo "offline: olddefconfig --offline changed more than expected (diff above)" >&2
    echo "0 passed, 1 failed"
    exit 1
fi
