#!/usr/bin/env bash
# Build the libFuzzer targets (fuzz/) with clang in build-fuzz/ and run each
# for a bounded time.
#
#   scripts/fuzz.sh [--seconds N] [--jobs J] [TARGET...]
#
# Targets: lexer (Kconfig lexer + macro preprocessor), parser (parser, menu
# finalisation, evaluator), config (.config reader and writers), rules (rules
# loader). Default: all four, 30 s each.
#
# For each target:
#   1. every file in fuzz/regressions/TARGET/ (inputs that once crashed or hung)
#      is run once: they must all pass;
#   2. the seed corpus is put together in build-fuzz/seeds/TARGET from the
#      golden fixtures, the mini tree, the shipped rules and examples, plus the
#      hand-written seeds in fuzz/corpus/TARGET/;
#   3. libFuzzer runs for N seconds (new inputs go to build-fuzz/corpus/TARGET,
#      which persists between runs; the committed folders are never written).
# A crash, a leak, a sanitizer report, a timeout (> 10 s for one input) or an
# out-of-memory (> 2 GB) fails the script; the input is kept under
# build-fuzz/artifacts/TARGET/. Fix the bug, then copy the input into
# fuzz/regressions/TARGET/ so that it is replayed from then on.
#
# Environment: BUILD_DIR (default <repo>/build-fuzz), CC/CXX (default clang).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${BUILD_DIR:-$repo/build-fuzz}
seconds=30
jobs=2
targets=()
while (($#)); do
    case $1 in
    --seconds) seconds=$2; shift 2 ;;
    --seconds=*) seconds=${1#*=}; shift ;;
    --jobs) jobs=$2; shift 2 ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    lexer | parser | config | rules) targets+=("$1"); shift ;;
    -h | --help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "fuzz.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
((${#targets[@]})) || targets=(lexer parser config rules)

log() { printf 'fuzz: %s\n' "$*" >&2; }

command -v "${CXX:-clang++}" >/dev/null || {
    log "clang++ not found (apt-get install clang libclang-rt-14-dev)"
    exit 2
}
export CC=${CC:-clang} CXX=${CXX:-clang++}
log "building the fuzz targets in $build (-j$jobs)"
cmake -S "$repo/fuzz" -B "$build" >/dev/null
cmake --build "$build" -j "$jobs" >/dev/null

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

# copy_seeds DEST FILE...: each file under a name made from its path.
copy_seeds() {
    local dest=$1 f
    shift
    for f in "$@"; do
        [[ -f $f ]] || continue
        local rel=${f#"$repo"/}
        cp -- "$f" "$dest/${rel//\//_}"
    done
}

seeds_for() {
    local t=$1 dest=$build/seeds/$1
    rm -rf -- "$dest"
    mkdir -p "$dest"
    shopt -s nullglob globstar
    case $t in
    lexer | parser)
        copy_seeds "$dest" "$repo"/tests/fixtures/**/Kconfig* "$repo"/tests/warnings/**/Kconfig* "$repo"/tests/fixtures/**/*.kconfig
        ;;
    config)
        copy_seeds "$dest" "$repo"/tests/fixtures/**/*config* "$repo"/tests/fixtures/**/*.fragment \
            "$repo"/examples/*.config "$repo"/examples/*.fragment
        # only text files: a .config seed, not a folder or a binary fixture
        find "$dest" -type f -size +1M -delete
        ;;
    rules)
        copy_seeds "$dest" "$repo"/rules/*.json "$repo"/rules/arch/*.json "$repo"/tests/fixtures/**/*.json
        ;;
    esac
    copy_seeds "$dest" "$repo"/fuzz/corpus/"$t"/*
    shopt -u nullglob globstar
    find "$dest" -type f | wc -l
}

dict_for() {
    case $1 in
    lexer | parser) echo "$repo/fuzz/kconfig.dict" ;;
    config) echo "$repo/fuzz/config.dict" ;;
    rules) echo "$repo/fuzz/rules.dict" ;;
    esac
}

failed=0
for t in "${targets[@]}"; do
    bin=$build/fuzz_$t
    regressions=("$repo"/fuzz/regressions/"$t"/*)
    if [[ -e ${regressions[0]} ]]; then
        log "$t: replaying ${#regressions[@]} regression input(s)"
        if ! "$bin" -timeout=10 -rss_limit_mb=2048 "${regressions[@]}" >"$build/$t.regressions.log" 2>&1; then
            log "$t: a regression input fails again:"
            tail -n 40 "$build/$t.regressions.log" >&2
            failed=1
            continue
        fi
    fi
    n=$(seeds_for "$t")
    mkdir -p "$build/corpus/$t" "$build/artifacts/$t"
    log "$t: fuzzing for ${seconds}s from $n seed(s)"
    start=$(date +%s)
    if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -print_final_stats=1 -dict="$(dict_for "$t")" \
        -artifact_prefix="$build/artifacts/$t/" \
        "$build/corpus/$t" "$build/seeds/$t" >"$build/$t.log" 2>&1; then
        log "$t: FAILED after $(($(date +%s) - start))s; last lines of $build/$t.log:"
        tail -n 60 "$build/$t.log" >&2
        log "$t: input kept in $build/artifacts/$t/ (after fixing, copy it to fuzz/regressions/$t/)"
        failed=1
        continue
    fi
    log "$t: clean ($(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$build/$t.log" | grep -o '[0-9]*$') runs, corpus $(find "$build/corpus/$t" -type f | wc -l) files)"
done
exit $failed
