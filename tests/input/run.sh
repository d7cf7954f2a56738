#!/usr/bin/env bash
# Inputs as users of lxc-checkconfig and moby's check-config.sh give them:
#   - a gzip- or xz-compressed configuration (made here with gzip and xz) is
#     judged exactly as the plain file is (same report but for its name);
#   - `-` reads standard input, likewise;
#   - corrupt compressed data and compressed binary data are input errors
#     (exit 2, the file named);
#   - `check` with no file reads /proc/config.gz, else
#     /boot/config-$(uname -r), and names it in the report; with neither,
#     exit 2 and a message naming both.
#
#   tests/input/run.sh XENCFG
set -euo pipefail

xencfg=$(realpath -- "${1:?usage: $0 XENCFG}")
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-input.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
export NO_COLOR=1 XENCFG_CACHE_DIR=$work/cache
failures=0
fail() { printf 'input test: FAIL: %s\n' "$*" >&2; failures=$((failures + 1)); }
pass() { printf 'input test: ok: %s\n' "$*"; }

cfg=$work/plain.config
cp "$repo/examples/debian-6.12-cloud-amd64.config" "$cfg"
gzip -c "$cfg" >"$work/c.gz"
xz -c "$cfg" >"$work/c.xz"

run() { # NAME ARGS... -> stdout with NAME replaced by INPUT, status in $rc
    local name=$1
    shift
    set +e
    out=$("$xencfg" check "$@" --role dom0 2>&1)
    rc=$?
    set -e
    out=${out//"$name"/INPUT}
}
run "$cfg" "$cfg"
want=$out want_rc=$rc
[[ $want == *"FAIL"* || $want == *"PASS"* ]] || fail "no verdict for the plain file: $want"
for f in c.gz c.xz; do
    run "$work/$f" "$work/$f"
    [[ $out == "$want" && $rc == "$want_rc" ]] && pass "$f is judged as the plain file" ||
        fail "$f: report differs from the plain file's (status $rc, want $want_rc)"
done
set +e
"$xencfg" check - --role dom0 <"$work/c.xz" >"$work/stdin.out" 2>&1
rc=$?
out=$(sed 's/^-:/INPUT:/' "$work/stdin.out")
set -e
[[ $out == "$want" && $rc == "$want_rc" ]] && pass "- (standard input, xz) is judged as the plain file" ||
    fail "standard input: report differs (status $rc, want $want_rc)"

# Corrupt and binary compressed inputs.
head -c 300 "$work/c.gz" >"$work/truncated.gz"
set +e
msg=$("$xencfg" check "$work/truncated.gz" 2>&1)
rc=$?
set -e
[[ $rc == 2 && $msg == "$work/truncated.gz:0: error: corrupt or truncated gzip data"* ]] &&
    pass "truncated gzip: exit 2, file named" || fail "truncated gzip: status $rc, $msg"
printf 'CONFIG_XEN=y\n\0\n' | xz -c >"$work/binary.xz"
set +e
msg=$("$xencfg" check "$work/binary.xz" 2>&1)
rc=$?
set -e
[[ $rc == 2 && $msg == "$work/binary.xz:2: error: binary data"* ]] &&
    pass "xz of binary data: exit 2, file:line named" || fail "xz of binary data: status $rc, $msg"

# No file: the running kernel's configuration.
boot=/boot/config-$(uname -r)
set +e
msg=$("$xencfg" check --format json 2>&1)
rc=$?
set -e
if [[ -r /proc/config.gz ]] || [[ -r $boot ]]; then
    expected=/proc/config.gz
    [[ -r /proc/config.gz ]] || expected=$boot
    input=$(printf '%s' "$msg" | python3 -c 'import json,sys; print(json.load(sys.stdin)["reports"][0]["input"])' 2>/dev/null || true)
    [[ ($rc == 0 || $rc == 1) && $input == "$expected" ]] &&
        pass "no file: the running kernel's $expected is judged" ||
        fail "no file: expected a report on $expected, got status $rc: ${msg:0:300}"
else
    [[ $rc == 2 && $msg == *"/proc/config.gz"* && $msg == *"$boot"* ]] &&
        pass "no file and no running kernel configuration: exit 2 naming both places" ||
        fail "no file: status $rc, $msg"
fi
((failures == 0)) || exit 1
