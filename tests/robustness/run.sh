#!/usr/bin/env bash
# Bad-input and file-safety tests that the golden fixtures cannot express
# (tests/fixtures/badinput/ holds the others): inputs made at run time (a
# 10 MB line, an unreadable file), and checks on the file system after a run
# (no partial output, no temporary file left, inputs untouched, devices and
# symbolic links kept).
#
#   tests/robustness/run.sh XENCFG
#
# Every run is bounded by `timeout`: a hang fails the test, as does any exit
# status other than the expected one (a crash is 128+signal).
set -uo pipefail

xencfg=$(realpath -- "${1:?usage: $0 XENCFG}")
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
mini=$repo/tests/fixtures/trees/mini
example=$repo/examples/debian-6.12-cloud-amd64.config
work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-robustness.XXXXXX")
trap 'chmod -R u+rwx "$work" 2>/dev/null; rm -rf -- "$work"' EXIT
export XENCFG_CACHE_DIR=$work/cache NO_COLOR=1 LC_ALL=C
cd "$work" || exit 2

passed=0
failed=0
ok() { passed=$((passed + 1)); echo "PASS $1"; }
bad() { failed=$((failed + 1)); echo "FAIL $1: $2"; [[ -s $work/err ]] && sed 's/^/    /' "$work/err" | head -n 10; }

# expect NAME STATUS STDERR-REGEX -- xencfg ARGS...
expect() {
    local name=$1 want=$2 regex=$3
    shift 4
    timeout 120 "$xencfg" "$@" </dev/null >"$work/out" 2>"$work/err"
    local got=$?
    if [[ $got == 124 ]]; then bad "$name" "timed out (hang)"; return 1; fi
    if [[ $got != "$want" ]]; then bad "$name" "exit status $got, expected $want"; return 1; fi
    if [[ -n $regex ]] && ! grep -Eq -- "$regex" "$work/err"; then
        bad "$name" "stderr does not match /$regex/"
        return 1
    fi
    ok "$name"
}

fingerprint() { stat -c '%s %Y %a %i' -- "$1"; sha256sum <"$1"; }
no_temp_files() { # DIR: no .NAME.tmpXXXXXX left behind
    local left
    left=$(find "$1" -maxdepth 1 -name '.*.tmp*' | head -n 3)
    [[ -z $left ]] || { bad "$2" "temporary file left: $left"; return 1; }
}

# ---- a 10 MB line -----------------------------------------------------------
big=$(head -c 10485760 /dev/zero | tr '\0' a)
{ echo '# Linux/x86 6.12.0 Kernel Configuration'; echo 'CONFIG_X86_64=y'
  printf 'CONFIG_LOCALVERSION="%s"\n' "$big"; } >big.config
expect check-10MB-line 2 '^big\.config:3: error: ' -- check big.config --role domU
expect kconfig-10MB-line 2 'big\.config:3: error: ' -- kconfig olddefconfig --tree "$mini" --arch x86_64 --config big.config -o out.config
[[ ! -e out.config ]] || bad kconfig-10MB-line-no-output "out.config was written"
{ echo '{"schema": 1, "rules": ['; printf '{"id": "%s"}]}\n' "$big"; } >big.json
expect rules-10MB-line 2 'big\.json:2: error: ' -- check "$example" --role domU --rules big.json
mkdir -p bigtree && cp "$mini/Makefile" bigtree/ && { echo 'config A'; printf '\tbool "%s"\n' "$big"; } >bigtree/Kconfig
# In a kernel tree's own Kconfig files a long line is accepted, as conf does;
# what matters is that it neither crashes nor takes long.
expect kconfig-file-10MB-line 0 '' -- load --tree bigtree --arch x86_64
unset big

# ---- unreadable files -------------------------------------------------------
printf 'CONFIG_XEN=y\n' >secret.config
chmod 000 secret.config
if [[ $(id -u) != 0 ]]; then
    expect check-unreadable 2 '^secret\.config:0: error: cannot open file: Permission denied' -- \
        check secret.config --fragment --arch x86_64 --kernel-version 6.12
elif command -v setpriv >/dev/null; then
    # root reads anything: drop to nobody for this one
    chmod 755 "$work"
    timeout 60 setpriv --reuid=65534 --regid=65534 --clear-groups -- "$xencfg" check \
        "$work/secret.config" --fragment --arch x86_64 --kernel-version 6.12 </dev/null >out 2>err
    status=$?
    if [[ $status == 2 ]] && grep -q 'secret\.config:0: error: cannot open file: Permission denied' err; then
        ok check-unreadable
    elif [[ $status == 126 || $status == 127 ]]; then
        echo "SKIP check-unreadable (nobody cannot run $xencfg)"
    else
        bad check-unreadable "exit status $status"
    fi
else
    echo "SKIP check-unreadable (root and no setpriv)"
fi
chmod 600 secret.config
ln -s loop1 loop2 && ln -s loop2 loop1
expect check-symlink-loop 2 '^loop1:0: error: cannot open file: Too many levels of symbolic links' -- check loop1 --role domU
ln -s nowhere dangling.config
expect check-dangling-symlink 2 '^dangling\.config:0: error: cannot open file: No such file' -- check dangling.config --role domU

# ---- outputs: atomic, no partial file, inputs untouched ---------------------
cp "$example" in.config
chmod 640 in.config
before=$(fingerprint in.config)
printf 'previous report\n' >report.txt
# an input error after a valid one: the error on stderr, exit 2, and the
# valid input still gets its report (written atomically)
expect check-error-keeps-output 2 'missing\.config:0: error' -- check in.config missing.config -o report.txt
grep -q '^in\.config: ' report.txt && ! grep -q 'missing\.config' report.txt &&
    ok check-error-others-reported || bad check-error-others-reported "report.txt lacks in.config's report"
no_temp_files "$work" check-error-no-temp
# a Kconfig error in the tree: the output of kconfig is not touched
mkdir -p brokentree && cp "$mini/Makefile" brokentree/ && printf 'config A\n\tbool "a"\n\tdepends on (\n' >brokentree/Kconfig
printf 'old output\n' >out.config
expect kconfig-tree-error-keeps-output 2 'Kconfig:3' -- kconfig olddefconfig --tree brokentree --arch x86_64 --config in.config -o out.config
[[ $(cat out.config) == "old output" ]] && ok kconfig-error-output-untouched || bad kconfig-error-output-untouched "out.config changed"
no_temp_files "$work" kconfig-error-no-temp
# --in-place on an input error leaves the input alone
printf 'CONFIG_X86_64=y\n\0\n' >nul.config
nul_before=$(fingerprint nul.config)
expect kconfig-in-place-binary 2 '^nul\.config:2: error: binary data' -- kconfig olddefconfig --tree "$mini" --arch x86_64 --config nul.config --in-place
[[ $(fingerprint nul.config) == "$nul_before" ]] && ok in-place-input-untouched || bad in-place-input-untouched "nul.config changed"
# an output in a directory that does not exist
expect output-missing-directory 2 '^nodir/out\.config:0: error: cannot create a temporary file' -- kconfig allnoconfig --tree "$mini" --arch x86_64 -o nodir/out.config
# the inputs of every successful run above are unchanged
[[ $(fingerprint in.config) == "$before" ]] && ok inputs-untouched || bad inputs-untouched "in.config changed"
# a successful --in-place keeps the permission bits and leaves no temp file
timeout 120 "$xencfg" kconfig allnoconfig --tree "$mini" --arch x86_64 -o base.config 2>/dev/null
chmod 604 base.config
expect kconfig-in-place 0 '' -- kconfig olddefconfig --tree "$mini" --arch x86_64 --config base.config --in-place
[[ $(stat -c %a base.config) == 604 ]] && ok in-place-mode-kept || bad in-place-mode-kept "mode is $(stat -c %a base.config)"
no_temp_files "$work" in-place-no-temp
# a symbolic link as the output: the file it names is replaced, the link stays
mkdir -p configs && printf 'old\n' >configs/xen.config && ln -s configs/xen.config link.config
expect output-symlink 0 '' -- kconfig allnoconfig --tree "$mini" --arch x86_64 -o link.config
if [[ -L link.config ]] && grep -q '^# CONFIG_' configs/xen.config; then ok output-symlink-followed
else bad output-symlink-followed "the link was replaced or its target not written"; fi
no_temp_files "$work/configs" output-symlink-no-temp
# a device as the output is written into, never replaced
if [[ $(id -u) == 0 ]] && mknod devnull c 1 3 2>/dev/null; then
    expect output-device 0 '' -- kconfig allnoconfig --tree "$mini" --arch x86_64 -o devnull
    [[ -c devnull ]] && ok output-device-kept || bad output-device-kept "devnull is no longer a character device"
    no_temp_files "$work" output-device-no-temp
else
    mkfifo fifo.out
    (cat fifo.out >fifo.data) &
    expect output-fifo 0 '' -- kconfig allnoconfig --tree "$mini" --arch x86_64 -o fifo.out
    wait
    [[ -p fifo.out && -s fifo.data ]] && ok output-fifo-kept || bad output-fifo-kept "fifo replaced or nothing read"
fi

echo "$passed passed, $failed failed"
((failed == 0))
