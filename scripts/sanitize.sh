#!/usr/bin/env bash
# Build xencfg with AddressSanitizer + UndefinedBehaviorSanitizer
# (-DXENCFG_SANITIZE=ON, -O1 -g1) in build-asan/ and run a bounded set of
# tests under them, so that CI stays within its budget: the fast tier
# (`ctest -L fast`: unit tests, golden fixtures, probes, robustness, docs,
# format) and one real-tree conformance run (6.12 x86_64; it reuses conf's
# expected outputs cached in .cache/conformance by the normal suite, about a
# minute under the sanitizers).
#
#   scripts/sanitize.sh              configure, build, run the bounded set
#   scripts/sanitize.sh -R fixtures  extra arguments go to ctest instead
#
# Environment: BUILD_DIR (default <repo>/build-asan), JOBS (default 2).
# Any sanitizer report fails the run: ASan aborts on the first error, UBSan
# is made fatal with halt_on_error, and a fixture whose stderr or status
# changes because of a report fails as well.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$repo/build-asan}
jobs=${JOBS:-2}

log() { printf 'sanitize: %s\n' "$*" >&2; }

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
# LeakSanitizer needs ptrace; some containers forbid it. Probe once and turn
# leak checking off (with a note) rather than failing every test.
probe_lsan() {
    local dir
    dir=$(mktemp -d)
    printf 'int main(){return 0;}\n' >"$dir/t.cc"
    if c++ -fsanitize=address "$dir/t.cc" -o "$dir/t" 2>/dev/null &&
        ! "$dir/t" >/dev/null 2>&1; then
        log "LeakSanitizer cannot run here (ptrace restricted?); leak checking off"
        export ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
    fi
    rm -rf -- "$dir"
}
probe_lsan

start=$(date +%s)
log "configuring $build (ASan + UBSan)"
# GCC's -Wmaybe-uninitialized gives false positives under -fsanitize=address
# (in libstdc++'s <regex>, for one; see the GCC manual), so it is off here.
# One CMAKE_CXX_FLAGS: a second -D would replace the first.
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=None \
    -DCMAKE_CXX_FLAGS="-O1 -g1 -Wno-maybe-uninitialized" -DXENCFG_SANITIZE=ON >/dev/null
log "building (-j$jobs)"
cmake --build "$build" -j "$jobs" --target xencfg unit_tests
if [ $# -gt 0 ]; then
    log "running ctest $*"
    ctest --test-dir "$build" --output-on-failure -j "$jobs" "$@"
else
    log "running the fast tier (ctest -L fast)"
    ctest --test-dir "$build" --output-on-failure -j "$jobs" -L fast
    log "running one real-tree conformance run (conformance_6.12_x86_64)"
    ctest --test-dir "$build" --output-on-failure -R '^conformance_6\.12_x86_64$'
fi
log "clean in $(($(date +%s) - start)) s"
