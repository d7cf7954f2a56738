#!/usr/bin/env bash
# Fetch the real Linux trees the conformance suite runs against, and build
# the kernel's own Kconfig frontend (scripts/kconfig/conf) for each.
#
#   scripts/fetch-trees.sh [VERSION...]      (default: 5.10 6.1 6.12 7.2 7.3)
#
# For each VERSION:
#   1. find Debian's linux-source-VERSION tarball: /usr/src/linux-source-
#      VERSION.tar.xz when the package is installed, otherwise the package
#      is downloaded (never installed) from Debian's archive through a
#      private apt state (scripts/debian-archive.sh) that also reaches
#      bullseye (5.10), sid (7.2) and experimental (7.3); Debian's shipped
#      configs (linux-config-VERSION for amd64, i386, arm64 and armhf) are
#      fetched the same way into $XENCFG_TREES_DIR/linux-config-VERSION;
#   2. unpack /usr/src/linux-source-VERSION.tar.xz into
#      $XENCFG_TREES_DIR/linux-source-VERSION  (default <repo>/.cache/trees);
#   3. build the tree's own conf (scripts/kconfig/conf) with flex, bison
#      and gcc exactly as scripts/kconfig/Makefile does, all outputs in
#      $XENCFG_TREES_DIR/conf-VERSION  ->  $XENCFG_TREES_DIR/conf-VERSION/conf
#      (the source tree is never written to).
#
# Idempotent: a stamp file per step records what it was made from (package
# version, tarball size and mtime); when the stamps match nothing is redone
# and the script takes well under a second.
#
# Environment:
#   XENCFG_TREES_DIR   where trees and conf builds go (default <repo>/.cache/trees)
#   XENCFG_APT_DIR     private apt state and downloaded packages
#                      (default ${XDG_CACHE_HOME:-$HOME/.cache}/xencfg/apt)
#   XENCFG_TREES_SEED  optional folder holding already unpacked
#                      linux-source-VERSION trees of the SAME package version;
#                      when it has one, it is copied (cp -a) instead of
#                      unpacking the tarball. Purely a speed-up.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/.." && pwd)
source "$repo/scripts/trees-dir.sh"
versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=(5.10 6.1 6.12 7.2 7.3)

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

# build_conf KCONFIG_SRC_DIR SCRIPTS_INCLUDE_DIR OUT: compile conf like
# scripts/kconfig/Makefile (hostprogs conf, conf-objs := conf.o $(common-objs)).
build_conf() {
  local src=$1 inc=$2 out=$3 o objs=() incflag=()
  [ -d "$inc" ] && incflag=(-I "$inc")   # scripts/include exists from 6.x on
  local hostcflags=(-Wall -Wmissing-prototypes -Wstrict-prototypes -O2 -fomit-frame-pointer -std=gnu11 "${incflag[@]}")
  (
    set -e
    cd "$out/obj"
    set -x
    flex -olexer.lex.c -L "$src/lexer.l"
    bison -o parser.tab.c --defines=parser.tab.h -t -l "$src/parser.y"
  )
  # The objects are the Makefile's own list (5.10 has no menu.o: its
  # parser.y #includes menu.c).
  local mk_objs
  mk_objs=$(sed -n '/^common-objs/,/[^\\]$/p' "$src/Makefile" | tr -d '\\' | sed 's/common-objs[[:space:]]*:=//' | tr -s ' \t\n' '\n' | grep . | sed 's/\.o$//')
  [ -n "$mk_objs" ] || { echo "no common-objs in $src/Makefile" >&2; return 1; }
  for o in conf $mk_objs; do
    local c=$src/$o.c
    case $o in lexer.lex|parser.tab) c=$out/obj/$o.c ;; esac
    [ -f "$c" ] || { echo "missing $c" >&2; return 1; }
    (set -x; gcc "${hostcflags[@]}" -I "$src" -I "$out/obj" -c -o "$out/obj/${o//\//_}.o" "$c")
    objs+=("$out/obj/${o//\//_}.o")
  done
  (set -x; gcc -o "$out/conf" "${objs[@]}")
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
command -v dpkg-deb >/dev/null 2>&1 || need_pkgs+=(dpkg)
if [ ${#need_pkgs[@]} -gt 0 ]; then
  apt_install "${need_pkgs[@]}"
fi

# Everything to take from Debian's archive, asked for in one go (each apt
# run parses every suite's lists): the source tarballs this machine has not
# installed, and the configs not fetched before.
archive=$here/debian-archive.sh
debarches=(amd64 i386 arm64 armhf)
wanted=()
for v in "${versions[@]}"; do
  [ -f "/usr/src/linux-source-$v.tar.xz" ] || wanted+=("linux-source-$v")
  if [ ! -f "$trees_dir/linux-config-$v/.stamp" ]; then
    for a in "${debarches[@]}"; do wanted+=("linux-config-$v:$a"); done
  fi
done
declare -A fetched=()
if [ ${#wanted[@]} -gt 0 ]; then
  listing=$(bash "$archive" extract "${wanted[@]}") || die "cannot fetch from Debian's archive: ${wanted[*]}"
  while read -r pkg dir; do
    [ -n "$pkg" ] && fetched[$pkg]=$dir
  done <<<"$listing"
fi

for v in "${versions[@]}"; do
  # The tarball: the installed package's, else the downloaded one's.
  tarball=/usr/src/linux-source-$v.tar.xz
  if [ -f "$tarball" ]; then
    pkgver=$(dpkg-query -W -f='${Version}' "linux-source-$v" 2>/dev/null || echo unknown)
  else
    pkgdir=${fetched[linux-source-$v]:-}
    [ -n "$pkgdir" ] || die "linux-source-$v is in none of Debian's suites"
    tarball=$pkgdir/usr/src/linux-source-$v.tar.xz
    [ -f "$tarball" ] || die "linux-source-$v has no $tarball"
    pkgver=$(cat "$pkgdir/version")
  fi
  # Debian's own configurations for that kernel, per Debian arch (real
  # inputs for the corpus tests); arches a version does not ship are
  # skipped (Debian 13 and later build no i386 kernel).
  cfgdir=$trees_dir/linux-config-$v
  if [ ! -f "$cfgdir/.stamp" ]; then
    rm -rf "$cfgdir.partial"
    mkdir -p "$cfgdir.partial"
    for debarch in "${debarches[@]}"; do
      pkgdir=${fetched[linux-config-$v:$debarch]:-}
      if [ -n "$pkgdir" ]; then
        cp "$pkgdir"/usr/src/linux-config-"$v"/config.* "$cfgdir.partial/"
        printf '%s %s\n' "$debarch" "$(cat "$pkgdir/version")" >>"$cfgdir.partial/.stamp"
      else
        log "no linux-config-$v for $debarch in Debian's archive"
      fi
    done
    rm -rf "$cfgdir"
    mv "$cfgdir.partial" "$cfgdir"
  fi
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

  # Build the kernel's own conf, out of tree: the same flex/bison/gcc
  # commands scripts/kconfig/Makefile runs (see the .*.cmd files `make
  # O=... build_config` leaves), with every output under $out. Not via
  # `make O=`, because that refuses to run once anything has been built
  # in the source tree itself (its "source tree is not clean" check),
  # and the trees are shared with whoever else uses the cache.
  out=$trees_dir/conf-$v
  conf=$out/conf
  cstamp=$trees_dir/conf-$v.stamp
  cwant="$want build=direct-1 gcc=$(gcc -dumpfullversion 2>/dev/null || gcc -dumpversion) $(flex --version | head -n 1) $(bison --version | head -n 1)"
  if [ -f "$cstamp" ] && [ "$(cat "$cstamp")" = "$cwant" ] && [ -x "$conf" ]; then
    continue
  fi
  rm -f "$cstamp"
  rm -rf "$out"
  mkdir -p "$out/obj"
  log "building conf for linux-source-$v in $out"
  t0=$(date +%s)
  build_conf "$tree/scripts/kconfig" "$tree/scripts/include" "$out" >"$out/build.log" 2>&1 || {
    cat "$out/build.log" >&2
    die "building conf for linux-source-$v failed"
  }
  [ -x "$conf" ] || die "conf build did not produce $conf"
  printf '%s\n' "$cwant" >"$cstamp"
  log "conf for linux-source-$v built in $(( $(date +%s) - t0 ))s: $conf"
done
