#!/usr/bin/env bash
# Proof that `xencfg generate` fragments can be trusted, with the kernel's
# own tools: for each tree/ARCH/role, generate the fragment, merge it with
# scripts/kconfig/merge_config.sh -m onto the arch's defconfig, allnoconfig
# and tinyconfig (all made by the tree's conf), run conf --olddefconfig, and
# assert that every line of the fragment is in the final .config and that
# `xencfg check` passes on it. Where the role is impossible (dom0 on 32-bit
# x86), assert that generate says so and exits 1.
#
# Also, per tree/ARCH/role: `xencfg fix` on the arch's defconfig (made by
# conf) must give a config that `xencfg check` passes and that conf
# --olddefconfig leaves byte for byte unchanged, every change listed (or,
# where the role is impossible, fix must refuse with exit 1); and for
# x86_64 domU one single-mode fragment (--mode pvh) goes through the same
# merge/olddefconfig/check proof as the all-modes one.
#
#   tests/proof/run.sh --xencfg PATH [--version 6.12] [--arch x86_64] [--role domU]
#
# Trees and conf come from scripts/fetch-trees.sh ($XENCFG_TREES_DIR,
# default <repo>/.cache/trees). Exit 1 on any failure.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
source "$repo/scripts/trees-dir.sh"
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

fail=0 pass=0 skipped=0
say() { printf '%s\n' "$*"; }
bad() { say "FAIL $*"; fail=$((fail + 1)); }

# Roles that do not exist (generate must refuse, exit 1, and say why).
impossible() { [ "$1" = dom0 ] && [ "$2" = i386 ]; }

# prove_fragment NAME DIR FRAG ROLE ARCH [MODE]: merge FRAG onto the
# defconfig and allnoconfig bases made in DIR/defconfig, DIR/allnoconfig,
# olddefconfig, no requested line dropped, check passes. Returns 1 on failure.
prove_fragment() {
  local name=$1 d=$2 frag=$3 role=$4 arch=$5 mode=${6:-} base b ok=1 dropped line sym
  local modeargs=()
  [ -n "$mode" ] && modeargs=(--mode "$mode")
  for base in defconfig allnoconfig tinyconfig; do
    b=$d/$base${mode:+-$mode}; mkdir -p "$b"
    cp "$d/$base.base" "$b/.config"
    (cd "$b" && env -i "${envv[@]}" KCONFIG_CONFIG="$b/merged" sh "$tree/scripts/kconfig/merge_config.sh" -m .config "$frag") \
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
    done <"$frag"
    [ $dropped = 0 ] || { ok=0; continue; }
    if ! "$xencfg" check "$b/.config" --role "$role" "${modeargs[@]}" --arch "$arch" --tree "$tree" >"$b/check.out" 2>&1; then
      bad "$name/$base: xencfg check fails on the result"; sed 's/^/    /' "$b/check.out" | head -n 30; ok=0
    fi
  done
  [ $ok = 1 ]
}

# prove_fix NAME DIR ROLE ARCH: fix the defconfig base; the output passes
# check, is a fixed point of conf --olddefconfig, and the change list names
# exactly the symbols that differ (scripts/diffconfig's view).
prove_fix() {
  local name=$1 d=$2 role=$3 arch=$4 f=$2/fix n listed differ
  mkdir -p "$f"
  cp "$d/defconfig.base" "$f/in.config"
  local start=$SECONDS rc
  # In conf's environment (the toolchain probes, e.g. RUSTC_VERSION, must
  # see what conf sees for the fixed-point comparison to mean anything).
  env -i "${envv[@]}" HOME="$HOME" XENCFG_CACHE_DIR="$XENCFG_CACHE_DIR" \
    "$xencfg" fix "$f/in.config" --role "$role" --tree "$tree" -o "$f/.config" >"$f/changes" 2>"$f/fix.err"
  rc=$?
  if [ $rc -ne 0 ]; then bad "$name/fix: exit $rc"; sed 's/^/    /' "$f/fix.err" | head -n 30; return 1; fi
  cmp -s "$f/in.config" "$d/defconfig.base" || { bad "$name/fix: -o modified the input"; return 1; }
  if ! env -i "${envv[@]}" HOME="$HOME" XENCFG_CACHE_DIR="$XENCFG_CACHE_DIR" \
    "$xencfg" check "$f/.config" --role "$role" --arch "$arch" --tree "$tree" >"$f/check.out" 2>&1; then
    bad "$name/fix: xencfg check fails on the fixed config"; sed 's/^/    /' "$f/check.out" | head -n 30; return 1
  fi
  cp "$f/.config" "$f/fixed.config"
  (cd "$f" && env -i "${envv[@]}" KCONFIG_CONFIG=.config "$conf" --olddefconfig Kconfig) >"$f/old.log" 2>&1 ||
    { bad "$name/fix: conf --olddefconfig failed"; return 1; }
  if ! cmp -s "$f/.config" "$f/fixed.config"; then
    bad "$name/fix: not a fixed point of conf --olddefconfig"; diff "$f/fixed.config" "$f/.config" | head -n 20 | sed 's/^/    /'
    return 1
  fi
  listed=$(sed -n 's/^\([A-Za-z0-9_]*\) .* -> .*/\1/p' "$f/changes" | sort)
  # (diffconfig also shows symbols that appear or vanish while off, "+X n";
  # the change list counts an absent symbol as n.)
  differ=$("$xencfg" diff "$d/defconfig.base" "$f/fixed.config" | grep -v '^[-+][A-Za-z0-9_]* n$' |
    sed -n 's/^[-+ ]\([A-Za-z0-9_]*\) .*/\1/p' | sort)
  if [ "$listed" != "$differ" ]; then
    bad "$name/fix: the change list is not the difference"; diff <(echo "$listed") <(echo "$differ") | sed 's/^/    /' | head -n 20
    return 1
  fi
  n=$(printf '%s' "$listed" | grep -c .)
  say "ok   $name/fix: defconfig fixed with $n change(s), all listed; check passes; conf --olddefconfig fixed point ($((SECONDS - start))s)"
}

for v in $versions; do
  tree=$trees_dir/linux-source-$v conf=$trees_dir/conf-$v/conf
  if [ ! -x "$conf" ] || [ ! -d "$tree" ]; then
    say "SKIP $v: no tree/conf in $trees_dir (run scripts/fetch-trees.sh)"; skipped=$((skipped + 1)); continue
  fi
  for arch in $arches; do
    mapfile -t envv < <("$repo/scripts/conf-env.sh" "$tree" "$arch")
    srcarch=$("$repo/scripts/conf-env.sh" --srcarch "$arch")
    kdef=$("$repo/scripts/conf-env.sh" --kbuild-defconfig "$arch")
    for role in $roles; do
      name="$v/$arch/$role" d=$work/$v-$arch-$role
      mkdir -p "$d"
      start=$SECONDS
      # The bases, made by the kernel's conf once per tree and arch.
      for base in defconfig allnoconfig tinyconfig; do
        if [ ! -f "$work/$v-$arch.$base" ]; then
          mk=$work/mk-$v-$arch-$base allc=() tiny=()
          if [ $base = defconfig ]; then args=(--defconfig="$tree/arch/$srcarch/configs/$kdef"); else args=(--allnoconfig); fi
          # tinyconfig as scripts/kconfig/Makefile makes it: allnoconfig with
          # tiny-base.config (EXPERT=y since 6.x: BLOCK, TTY, SYSFS ... go
          # off), then tiny.config merged and olddefconfig.
          if [ $base = tinyconfig ]; then
            [ -f "$tree/kernel/configs/tiny-base.config" ] && allc=(KCONFIG_ALLCONFIG="$tree/kernel/configs/tiny-base.config")
            for f in "$tree/kernel/configs/tiny.config" "$tree/arch/$srcarch/configs/tiny.config"; do [ -f "$f" ] && tiny+=("$f"); done
          fi
          mkdir -p "$mk"
          { (cd "$mk" && env -i "${envv[@]}" "${allc[@]}" KCONFIG_CONFIG=.config "$conf" "${args[@]}" Kconfig) &&
            if [ $base = tinyconfig ]; then
              (cd "$mk" && env -i "${envv[@]}" KCONFIG_CONFIG=.config sh "$tree/scripts/kconfig/merge_config.sh" -m .config "${tiny[@]}") &&
                (cd "$mk" && env -i "${envv[@]}" KCONFIG_CONFIG=.config "$conf" --olddefconfig Kconfig)
            fi; } >"$mk.log" 2>&1 &&
            cp "$mk/.config" "$work/$v-$arch.$base" || bad "$v/$arch/$base: conf ${args[*]} failed"
        fi
        cp "$work/$v-$arch.$base" "$d/$base.base" 2>/dev/null
      done
      "$xencfg" generate --role "$role" --arch "$arch" --tree "$tree" -o "$d/frag" >"$d/gen.out" 2>"$d/gen.err"
      rc=$?
      if impossible "$role" "$arch"; then
        if [ $rc -eq 1 ] && grep -q "not possible" "$d/gen.err" && grep -q "instead:" "$d/gen.err"; then
          say "ok   $name: impossible, and generate says so: $(grep -m1 error: "$d/gen.err")"
          pass=$((pass + 1))
        else
          bad "$name: expected generate to refuse (exit 1, reason, alternative); got exit $rc"; sed 's/^/    /' "$d/gen.err"
        fi
        "$xencfg" fix "$d/defconfig.base" --role "$role" --tree "$tree" -o "$d/fixed" >"$d/fix.out" 2>"$d/fix.err"
        rc=$?
        if [ $rc -eq 1 ] && grep -q "instead:" "$d/fix.err" && [ ! -e "$d/fixed" ]; then
          say "ok   $name/fix: impossible, and fix says so (nothing written)"
          pass=$((pass + 1))
        else
          bad "$name/fix: expected fix to refuse (exit 1, alternative, no output); got exit $rc"; sed 's/^/    /' "$d/fix.err"
        fi
        continue
      fi
      if [ $rc -ne 0 ]; then bad "$name: generate exit $rc"; sed 's/^/    /' "$d/gen.err"
      elif prove_fragment "$name" "$d" "$d/frag" "$role" "$arch"; then
        say "ok   $name: $(grep -c '^CONFIG_\|^# CONFIG_.* is not set$' "$d/frag") lines; holds on defconfig, allnoconfig and tinyconfig; check passes ($((SECONDS - start))s)"
        pass=$((pass + 1))
      fi
      # One single-mode fragment.
      if [ "$arch/$role" = x86_64/domU ]; then
        start=$SECONDS
        if ! "$xencfg" generate --role "$role" --mode pvh --arch "$arch" --tree "$tree" -o "$d/frag-pvh" >"$d/gen-pvh.out" 2>"$d/gen-pvh.err"; then
          bad "$name/pvh: generate --mode pvh failed"; sed 's/^/    /' "$d/gen-pvh.err"
        elif prove_fragment "$name/pvh" "$d" "$d/frag-pvh" "$role" "$arch" pvh; then
          say "ok   $name/pvh: $(grep -c '^CONFIG_\|^# CONFIG_.* is not set$' "$d/frag-pvh") lines; holds on defconfig, allnoconfig and tinyconfig; check --mode pvh passes ($((SECONDS - start))s)"
          pass=$((pass + 1))
        fi
      fi
      # A rule's `when` describes the base: with --base tinyconfig (SMP off)
      # the fragment must not turn SMP on "for" dom0.paravirt-spinlocks,
      # whose condition is SMP (issue 13).
      if [ "$arch/$role" = x86_64/dom0 ]; then
        if ! grep -qx '# CONFIG_SMP is not set' "$d/tinyconfig.base"; then
          bad "$name/--base tinyconfig: tinyconfig has SMP on here; the case proves nothing"
        elif ! "$xencfg" generate --role dom0 --arch "$arch" --tree "$tree" --base "$d/tinyconfig.base" -o "$d/frag-tiny" >/dev/null 2>"$d/gen-tiny.err"; then
          bad "$name/--base tinyconfig: generate failed"; sed 's/^/    /' "$d/gen-tiny.err"
        elif grep -q '^CONFIG_SMP=' "$d/frag-tiny"; then
          bad "$name/--base tinyconfig: the fragment turns SMP on: $(grep -B1 '^CONFIG_SMP=' "$d/frag-tiny" | head -n 1)"
        else
          say "ok   $name/--base tinyconfig: SMP stays off (the condition of dom0.paravirt-spinlocks is not set for it)"
          pass=$((pass + 1))
        fi
      fi
      prove_fix "$name" "$d" "$role" "$arch" && pass=$((pass + 1))
    done
  done
done
say "$pass passed, $fail failed"
# No tree at all: skipped (ctest's SKIP_RETURN_CODE), not passed.
if [ $pass -eq 0 ] && [ $fail -eq 0 ] && [ $skipped -gt 0 ]; then exit 77; fi
[ $fail -eq 0 ]
