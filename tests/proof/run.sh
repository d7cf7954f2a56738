#!/usr/bin/env bash
# Proof that `xencfg generate` fragments can be trusted, with the kernel's
# own tools: for each tree/ARCH/role, generate the fragment, merge it with
# scripts/kconfig/merge_config.sh -m onto the arch's defconfig and onto
# allnoconfig (both made by the tree's conf), run conf --olddefconfig, and
# assert that every line of the fragment is in the final .config and that
# `xencfg check` passes on it. Where the role is impossible (dom0 on 32-bit
# x86), assert that generate says so and exits 1.
#
#   tests/proof/run.sh --xencfg PATH [--version 6.12] [--arch x86_64] [--role domU]
#
# Trees and conf come from scripts/fetch-trees.sh ($XENCFG_TREES_DIR,
# default <repo>/.cache/trees). Exit 1 on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
trees_dir=${XENCFG_TREES_DIR:-$repo/.cache/trees}
xencfg= versions="6.1 6.12" arches="x86_64 i386 arm64 arm" roles="dom0 domU"
while [ $# -gt 0 ]; do
  case "$1" in
    --xencfg) xencfg=$2; shift 2 ;;
    --version) versions=$2; shift 2 ;;
    --arch) arches=$2; shift 2 ;;
    --role) roles=$2; shift 2 ;;
    *) echo "usage: $0 --xencfg PATH [--version V] [--arch A] [--role R]" >&2; exit 2 ;;
  esac
done
[ -x "$xencfg" ] || { echo "proof: --xencfg must name the xencfg binary" >&2; exit 2; }
xencfg=$(cd "$(dirname "$xencfg")" && pwd)/$(basename "$xencfg")
work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-proof.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
export XENCFG_CACHE_DIR=$work/cache

fail=0 pass=0
say() { printf '%s\n' "$*"; }
bad() { say "FAIL $*"; fail=$((fail + 1)); }

# Roles that do not exist (generate must refuse, exit 1, and say why).
impossible() { [ "$1" = dom0 ] && [ "$2" = i386 ]; }

for v in $versions; do
  tree=$trees_dir/linux-source-$v conf=$trees_dir/conf-$v/conf
  if [ ! -x "$conf" ] || [ ! -d "$tree" ]; then
    bad "$v: no tree/conf in $trees_dir (run scripts/fetch-trees.sh)"; continue
  fi
  for arch in $arches; do
    mapfile -t envv < <("$repo/scripts/conf-env.sh" "$tree" "$arch")
    srcarch=$("$repo/scripts/conf-env.sh" --srcarch "$arch")
    kdef=$("$repo/scripts/conf-env.sh" --kbuild-defconfig "$arch")
    for role in $roles; do
      name="$v/$arch/$role" d=$work/$v-$arch-$role
      mkdir -p "$d"
      start=$SECONDS
      "$xencfg" generate --role "$role" --arch "$arch" --tree "$tree" -o "$d/frag" >"$d/gen.out" 2>"$d/gen.err"
      rc=$?
      if impossible "$role" "$arch"; then
        if [ $rc -eq 1 ] && grep -q "not possible" "$d/gen.err" && grep -q "instead:" "$d/gen.err"; then
          say "ok   $name: impossible, and generate says so: $(grep -m1 error: "$d/gen.err")"
          pass=$((pass + 1))
        else
          bad "$name: expected generate to refuse (exit 1, reason, alternative); got exit $rc"; sed 's/^/    /' "$d/gen.err"
        fi
        continue
      fi
      if [ $rc -ne 0 ]; then bad "$name: generate exit $rc"; sed 's/^/    /' "$d/gen.err"; continue; fi
      ok=1
      for base in defconfig allnoconfig; do
        b=$d/$base; mkdir -p "$b"
        if [ $base = defconfig ]; then args=(--defconfig="$tree/arch/$srcarch/configs/$kdef"); else args=(--allnoconfig); fi
        (cd "$b" && env -i "${envv[@]}" KCONFIG_CONFIG=.config "$conf" "${args[@]}" Kconfig) >"$b/base.log" 2>&1 ||
          { bad "$name/$base: conf ${args[*]} failed"; ok=0; continue; }
        (cd "$b" && env -i "${envv[@]}" KCONFIG_CONFIG="$b/merged" sh "$tree/scripts/kconfig/merge_config.sh" -m .config "$d/frag") \
          >"$b/merge.log" 2>&1 || { bad "$name/$base: merge_config.sh failed"; sed 's/^/    /' "$b/merge.log"; ok=0; continue; }
        cp "$b/merged" "$b/.config"
        (cd "$b" && env -i "${envv[@]}" KCONFIG_CONFIG=.config "$conf" --olddefconfig Kconfig) >"$b/old.log" 2>&1 ||
          { bad "$name/$base: conf --olddefconfig failed"; ok=0; continue; }
        dropped=0
        while IFS= read -r line; do
          case "$line" in CONFIG_*|"# CONFIG_"*" is not set") ;; *) continue ;; esac
          if ! grep -qxF -- "$line" "$b/.config"; then
            sym=${line#\# }; sym=${sym%%[= ]*}
            bad "$name/$base: requested '$line' dropped; final: $(grep -E "^(# )?$sym[= ]" "$b/.config" || echo absent)"
            dropped=1
          fi
        done <"$d/frag"
        [ $dropped = 0 ] || { ok=0; continue; }
        if ! "$xencfg" check "$b/.config" --role "$role" --arch "$arch" --tree "$tree" >"$b/check.out" 2>&1; then
          bad "$name/$base: xencfg check fails on the result"; sed 's/^/    /' "$b/check.out" | head -n 30; ok=0
        fi
      done
      if [ $ok = 1 ]; then
        say "ok   $name: $(grep -c '^CONFIG_\|^# CONFIG_.* is not set$' "$d/frag") lines; holds on defconfig and allnoconfig; check passes ($((SECONDS - start))s)"
        pass=$((pass + 1))
      fi
    done
  done
done
say "$pass passed, $fail failed"
[ $fail -eq 0 ]
