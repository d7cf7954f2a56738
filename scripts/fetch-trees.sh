#!/usr/bin/env bash
# Fetch the real Linux trees the conformance suite runs against, and build
# the kernel's own Kconfig frontend (scripts/kconfig/conf) for each.
#
#   scripts/fetch-trees.sh [VERSION...]      (default: 6.1 6.12)
#
# For each VERSION:
#   1. make sure Debian's linux-source-VERSION package is installed
#      (apt-get, as root, only when /usr/src/linux-source-VERSION.tar.xz
#      is missing; `apt-get update` first when apt does not know it);
#   2. unpack /usr/src/linux-source-VERSION.tar.xz into
#      $XENCFG_TREES_DIR/linux-source-VERSION  (default <repo>/.cache/trees);
#   3. build conf out of tree with the kernel's own Makefile:
#      make -C <tree> O=$XENCFG_TREES_DIR/conf-VERSION ARCH=x86_64 build_config
#      -> $XENCFG_TREES_DIR/conf-VERSION/scripts/kconfig/conf
#      (the source tree is never written to; everything lands under O=).
#
# Idempotent: a stamp file per step records what it was made from (package
# version, tarball size and mtime); when the stamps match nothing is redone
# and the script takes well under a second.
#
# Environment:
#   XENCFG_TREES_DIR   where trees and conf builds go (default <repo>/.cache/trees)
#   XENCFG_TREES_SEED  optional folder holding already unpacked
#                      linux-source-VERSION trees of the SAME package version;
#                      when it has one, it is copied (cp -a) instead of
#                      unpacking the tarball. Purely a speed-up.
#   XENCFG_TREES_JOBS  make -j for the conf build (default 2)
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
trees_dir=${XENCFG_TREES_DIR:-$repo/.cache/trees}
jobs=${XENCFG_TREES_JOBS:-2}
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(6.1 6.12)

log() { printf 'fetch-trees: %s\n' "$*" >&2; }
die() { printf 'fetch-trees: error: %s\n' "$*" >&2; exit 1; }

mkdir -p "$trees_dir"
trees_dir=$(cd "$trees_dir" && pwd)

apt_updated=0
apt_install() {
  local pkgs=("$@")
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo_cmd=(sudo -n env DEBIAN_FRONTEND=noninteractive)
    else
      die "need root to apt-get install ${pkgs[*]} (run this script as root, or install them yourself)"
    fi
  else
    sudo_cmd=(env DEBIAN_FRONTEND=noninteractive)
  fi
  # apt needs its package lists before it can install anything; a fresh
  # machine may have none (or stale ones), so update once when needed.
  local missing_candidate=0 p
  for p in "${pkgs[@]}"; do
    if ! apt-cache policy "$p" 2>/dev/null | grep -q 'Candidate: [0-9]'; then
      missing_candidate=1
    fi
  done
  if [ "$missing_candidate" = 1 ] && [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    "${sudo_cmd[@]}" apt-get update -qq
    apt_updated=1
  fi
  log "apt-get install ${pkgs[*]}"
  if ! "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2; then
    if [ "$apt_updated" = 0 ]; then
      log "apt-get install failed; retrying after apt-get update"
      "${sudo_cmd[@]}" apt-get update -qq
      apt_updated=1
      "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${pkgs[@]}" >&2
    else
      die "apt-get install ${pkgs[*]} failed"
    fi
  fi
}

# Host tools needed to build conf (and that conf's Kconfig macros call).
need_pkgs=()
command -v gcc   >/dev/null 2>&1 || need_pkgs+=(gcc libc6-dev)
command -v make  >/dev/null 2>&1 || need_pkgs+=(make)
command -v flex  >/dev/null 2>&1 || need_pkgs+=(flex)
command -v bison >/dev/null 2>&1 || need_pkgs+=(bison)
command -v ld    >/dev/null 2>&1 || need_pkgs+=(binutils)
command -v xz    >/dev/null 2>&1 || need_pkgs+=(xz-utils)
command -v bc    >/dev/null 2>&1 || need_pkgs+=(bc)
for v in "${versions[@]}"; do
  [ -f "/usr/src/linux-source-$v.tar.xz" ] || need_pkgs+=("linux-source-$v")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  apt_install "${need_pkgs[@]}"
fi

for v in "${versions[@]}"; do
  tarball=/usr/src/linux-source-$v.tar.xz
  [ -f "$tarball" ] || die "$tarball missing after installing linux-source-$v"
  pkgver=$(dpkg-query -W -f='${Version}' "linux-source-$v" 2>/dev/null || echo unknown)
  tree=$trees_dir/linux-source-$v
  stamp=$trees_dir/linux-source-$v.stamp
  want="linux-source-$v $pkgver $(stat -c '%s %Y' "$tarball")"

  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f "$tree/Makefile" ]; then
    :
  else
    rm -f "$stamp"
    rm -rf "$tree" "$tree.partial"
    seed=${XENCFG_TREES_SEED:-}
    seed_tree=
    if [ -n "$seed" ] && [ -f "$seed/linux-source-$v/Makefile" ]; then
      seed_tree=$seed/linux-source-$v
    fi
    t0=$(date +%s)
    if [ -n "$seed_tree" ]; then
      log "copying $seed_tree -> $tree"
      cp -a "$seed_tree" "$tree.partial"
    else
      log "unpacking $tarball -> $tree"
      mkdir -p "$tree.partial"
      tar -xJf "$tarball" -C "$tree.partial" --strip-components=1
    fi
    mv "$tree.partial" "$tree"
    printf '%s\n' "$want" >"$stamp"
    log "linux-source-$v ready in $(( $(date +%s) - t0 ))s"
  fi

  # Build the kernel's own conf, out of tree.
  out=$trees_dir/conf-$v
  conf=$out/scripts/kconfig/conf
  cstamp=$trees_dir/conf-$v.stamp
  cwant="$want gcc=$(gcc -dumpfullversion 2>/dev/null || gcc -dumpversion)"
  if [ -f "$cstamp" ] && [ "$(cat "$cstamp")" = "$cwant" ] && [ -x "$conf" ]; then
    continue
  fi
  rm -f "$cstamp"
  rm -rf "$out"
  mkdir -p "$out"
  log "building conf for linux-source-$v in $out"
  t0=$(date +%s)
  # env -i: the build must not depend on whatever the caller exported
  # (CROSS_COMPILE, ARCH, KCONFIG_* ...).
  if ! env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/nonexistent \
      LC_ALL=C make -s -C "$tree" O="$out" ARCH=x86_64 -j"$jobs" build_config >"$out/build.log" 2>&1; then
    cat "$out/build.log" >&2
    die "building conf for linux-source-$v failed"
  fi
  [ -x "$conf" ] || die "make build_config did not produce $conf"
  printf '%s\n' "$cwant" >"$cstamp"
  log "conf for linux-source-$v built in $(( $(date +%s) - t0 ))s: $conf"
done
