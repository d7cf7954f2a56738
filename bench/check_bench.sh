#!/usr/bin/env bash
# Benchmark of `xencfg check` without a tree (the shipped knowledge base).
# Not a test: it prints numbers. Targets: one full .config <= 10 ms for the
# whole process; 1,000 configs in one run <= 3 s.
#
# Usage: bench/check_bench.sh [XENCFG] [CONFIG]
#   XENCFG  default build/xencfg
#   CONFIG  a full .config (default examples/debian-6.12-cloud-amd64.config;
#           /usr/src/linux-config-6.12/config.amd64_none_amd64.xz is a larger one)
# Uses hyperfine (Debian package `hyperfine`) when present: median of
# several runs after warm-up; otherwise a plain loop with `date`.
set -euo pipefail
repo=$(cd -- "$(dirname -- "$0")/.." && pwd)
xencfg=$(realpath -- "${1:-$repo/build/xencfg}")
config=$(realpath -- "${2:-$repo/examples/debian-6.12-cloud-amd64.config}")
scratch=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-bench.XXXXXX")
trap 'rm -rf -- "$scratch"' EXIT

# 1,000 copies (distinct files, as a fleet of configs would be).
for i in $(seq 1 1000); do ln -s -- "$config" "$scratch/c$i.config"; done

one=("$xencfg" check "$config" --role domU)
many=("$xencfg" check "$scratch"/c*.config --role domU --format json -o "$scratch/out.json")

echo "xencfg: $xencfg"
echo "config: $config ($(wc -l <"$config") lines)"
if command -v hyperfine >/dev/null; then
    hyperfine --warmup 5 --runs 50 -N -i --export-json "$scratch/one.json" "${one[*]} --output $scratch/one.txt" >/dev/null
    hyperfine --warmup 1 --runs 3 -N -i --export-json "$scratch/many.json" "${many[*]}" >/dev/null
    python3 - "$scratch/one.json" "$scratch/many.json" <<'PY'
import json, sys
one = json.load(open(sys.argv[1]))["results"][0]
many = json.load(open(sys.argv[2]))["results"][0]
print(f"one config, whole process: median {one['median']*1000:.2f} ms "
      f"(min {one['min']*1000:.2f}, max {one['max']*1000:.2f}, {len(one['times'])} runs)  target <= 10 ms")
print(f"1,000 configs, one run:    median {many['median']:.3f} s "
      f"(min {many['min']:.3f}, max {many['max']:.3f}, {len(many['times'])} runs)  target <= 3 s")
PY
else
    t0=$(date +%s%N); for _ in $(seq 1 20); do "${one[@]}" >/dev/null || true; done; t1=$(date +%s%N)
    echo "one config, whole process: mean $(( (t1 - t0) / 20 / 1000 )) us (20 runs, no hyperfine)"
    t0=$(date +%s%N); "${many[@]}" || true; t1=$(date +%s%N)
    echo "1,000 configs, one run: $(( (t1 - t0) / 1000000 )) ms"
fi
