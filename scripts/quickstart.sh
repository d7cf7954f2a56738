#!/usr/bin/env bash
# xencfg quick start, as root on a fresh Debian 12 machine.
#
#   scripts/quickstart.sh          install what is missing, build, check the example
#   scripts/quickstart.sh --test   install what is missing, fetch the kernel trees,
#                                  build and run the whole test suite (ctest),
#                                  the proof by boot last (label boot)
#
# Environment: BUILD_DIR (default <repo>/build), JOBS (default 2),
# XENCFG_SKIP_APT=1 to skip the package installation step.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$repo/build}
jobs=${JOBS:-2}
mode=${1:-}
case "$mode" in
"" | --test) ;;
*)
    echo "usage: $0 [--test]" >&2
    exit 2
    ;;
esac

log() { printf 'quickstart: %s\n' "$*" >&2; }

packages=(build-essential cmake g++ libboost-program-options-dev nlohmann-json3-dev libfmt-dev
    libgtest-dev googletest flex bison bc python3 xz-utils libcryptominisat5-dev zlib1g-dev liblzma-dev libtomlplusplus-dev libinih-dev clang-format)
# What only the test suite needs: the kernel's Kconfig selftests (pytest),
# the no-process check of --offline (strace), the packaging-repo hooks
# (pre-commit), Debian's own config_v2.py in the Debian-packaging test
# (python3-dacite), and the corpus's configs made by another toolchain
# (`make LLVM=1`: clang, lld, llvm for llvm-nm and llvm-readelf).
if [[ $mode == --test ]]; then
    packages+=(python3-pytest strace pre-commit python3-yaml python3-dacite git clang lld llvm)
fi

install_packages() {
    [[ ${XENCFG_SKIP_APT:-} == 1 ]] && return 0
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || missing+=("$p")
    done
    if ((${#missing[@]} == 0)); then
        log "build dependencies already installed"
        return 0
    fi
    if [[ $(id -u) != 0 ]]; then
        log "missing packages: ${missing[*]} (run as root, or install them first)"
        exit 1
    fi
    log "installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y --no-install-recommends "${missing[@]}" </dev/null
}

build_xencfg() {
    log "configuring and building in $build (-j$jobs)"
    cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=Release "$@"
    cmake --build "$build" -j "$jobs"
}

install_packages
if [[ $mode == --test ]]; then
    # linux-source-6.1/6.12 (installed through apt when missing), unpacked
    # under .cache/trees with the kernel's own conf built for conformance.
    bash "$repo/scripts/fetch-trees.sh"
    build_xencfg -DXENCFG_BOOT_TESTS=ON
    log "running the test suite"
    status=0
    ctest --test-dir "$build" --output-on-failure -j "$jobs" -LE boot || status=1
    # The proof by boot alone, after the rest: it builds kernels with every
    # core and boots them in QEMU TCG, which starves under other load.
    log "running the proof by boot (tests/boot/run.sh, Linux 6.12 x86_64)"
    ctest --test-dir "$build" --output-on-failure -L boot || status=1
    exit "$status"
fi

# Linux 6.12 sources, for `xencfg explain` / `check --tree` / `kconfig`.
bash "$repo/scripts/fetch-trees.sh" 6.12
build_xencfg
example=$repo/examples/debian-6.12-cloud-amd64.config
log "xencfg check ${example#"$repo"/} --role domU"
set +e
"$build/xencfg" check "$example" --role domU
status=$?
set -e
case $status in
0) log "check passed (exit 0)" ;;
1) log "check ran and reported failing findings (exit 1)" ;;
*)
    log "xencfg check failed to run (exit $status)"
    exit "$status"
    ;;
esac
log "next: $build/xencfg explain XEN_PVH --tree $repo/.cache/trees/linux-source-6.12 --arch x86_64"
