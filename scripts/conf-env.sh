#!/usr/bin/env bash
# Print the environment the kernel's scripts/kconfig/conf sees when
# `make ARCH=<arch> <target>` runs it, reduced to what conf and the
# Kconfig files of Linux 6.1/6.12 actually read, plus the few variables
# the $(shell,...) helpers need to behave deterministically.
#
#   scripts/conf-env.sh [--cross-compile PREFIX] [--shell] TREE ARCH
#   scripts/conf-env.sh --srcarch ARCH
#   scripts/conf-env.sh --kbuild-defconfig ARCH
#
# Default output: one NAME=VALUE per line (no quoting; values never contain
# newlines), ready for
#     mapfile -t envv < <(scripts/conf-env.sh "$tree" x86_64)
#     (cd "$tree" && env -i "${envv[@]}" KCONFIG_CONFIG=... conf --olddefconfig Kconfig)
# With --shell: `export NAME='VALUE'` lines, for `eval`/`source`.
#
# See docs/conformance.md for where every variable comes from.
set -euo pipefail

die() { printf 'conf-env: error: %s\n' "$*" >&2; exit 2; }

# The kernel's top Makefile: SRCARCH := $(ARCH), except these.
srcarch_of() {
  case "$1" in
    i386|x86_64) echo x86 ;;
    sparc64) echo sparc ;;
    parisc64) echo parisc ;;
    sh64) echo sh ;;
    *) echo "$1" ;;
  esac
}

# arch/$(SRCARCH)/Makefile: KBUILD_DEFCONFIG. Only the arches the project
# targets; x86 with ARCH=x86 depends on `uname -m` there. Other arches get
# scripts/kconfig/Makefile's "defconfig" for the defconfig target.
kbuild_defconfig_of() {
  case "$1" in
    x86_64) echo x86_64_defconfig ;;
    i386) echo i386_defconfig ;;
    x86) if [ "$(uname -m)" = x86_64 ]; then echo x86_64_defconfig; else echo i386_defconfig; fi ;;
    arm) echo multi_v7_defconfig ;;
    *) echo defconfig ;;
  esac
}

# KBUILD_DEFCONFIG as conf's environment has it (5.10's init/Kconfig reads
# it in DEFCONFIG_LIST): what the arch Makefile sets, else the top
# Makefile's `export KBUILD_DEFCONFIG := defconfig` in trees that have one
# (5.x); from 6.x on the top Makefile only marks it for export, so arches
# that set none (arm64) run conf without it. Empty: not exported.
kbuild_defconfig_env() {
  case "$2" in
    x86_64|i386|x86|arm) kbuild_defconfig_of "$2" ;;
    *) if grep -q 'export KBUILD_DEFCONFIG := defconfig' "$1/Makefile"; then echo defconfig; fi ;;
  esac
}

cross=
format=plain
while [ $# -gt 0 ]; do
  case "$1" in
    --cross-compile) cross=$2; shift 2 ;;
    --cross-compile=*) cross=${1#*=}; shift ;;
    --shell) format=shell; shift ;;
    --srcarch) [ $# -eq 2 ] || die "usage: $0 --srcarch ARCH"; srcarch_of "$2"; exit 0 ;;
    --kbuild-defconfig) [ $# -eq 2 ] || die "usage: $0 --kbuild-defconfig ARCH"; kbuild_defconfig_of "$2"; exit 0 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    --) shift; break ;;
    -*) die "unknown option $1" ;;
    *) break ;;
  esac
done
[ $# -eq 2 ] || die "usage: $0 [--cross-compile PREFIX] [--shell] TREE ARCH"
tree=$1
arch=$2
[ -f "$tree/Makefile" ] && [ -f "$tree/Kconfig" ] || die "$tree is not a kernel tree (run scripts/fetch-trees.sh)"
tree=$(cd "$tree" && pwd -P)
srcarch=$(srcarch_of "$arch")
[ -f "$tree/arch/$srcarch/Kconfig" ] || die "unknown ARCH=$arch (no arch/$srcarch/Kconfig in $tree)"

# The PATH the $(shell,...) helpers run with. Fixed, so that results do
# not depend on whoever calls us (e.g. a rustc in ~/.cargo/bin).
path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin

# KERNELVERSION = $(VERSION)$(if $(PATCHLEVEL),.$(PATCHLEVEL)$(if $(SUBLEVEL),.$(SUBLEVEL)))$(EXTRAVERSION)
mkvar() { sed -n "s/^$1[[:space:]]*=[[:space:]]*//p" "$tree/Makefile" | head -n 1 | sed 's/[[:space:]]*$//'; }
version=$(mkvar VERSION)
patchlevel=$(mkvar PATCHLEVEL)
sublevel=$(mkvar SUBLEVEL)
extraversion=$(mkvar EXTRAVERSION)
kernelversion=$version
if [ -n "$patchlevel" ]; then
  kernelversion+=".$patchlevel"
  [ -z "$sublevel" ] || kernelversion+=".$sublevel"
fi
kernelversion+=$extraversion

# Toolchain variables as the top Makefile defines them (CROSS_COMPILE
# prefix; no LLVM=1 support: CLANG_FLAGS stays unset, as with gcc).
cc=${cross}gcc
ld=${cross}ld
ar=${cross}ar
nm=${cross}nm
objcopy=${cross}objcopy

# GNU make $(shell ...): newlines become spaces, trailing newline dropped.
make_shell() { local out; out=$(env -i PATH="$path" sh -c "$1" 2>/dev/null || true); printf '%s' "${out//$'\n'/ }"; }
# CC_VERSION_TEXT = $(subst $(pound),,$(shell LC_ALL=C $(CC) --version 2>/dev/null | head -n 1))
cc_version_text=$(make_shell "LC_ALL=C $cc --version 2>/dev/null | head -n 1")
cc_version_text=${cc_version_text//#/}

vars=(
  "PATH=$path"
  "LC_ALL=C"
  "srctree=$tree"
  "ARCH=$arch"
  "SRCARCH=$srcarch"
  "KERNELVERSION=$kernelversion"
  "CC=$cc"
  "LD=$ld"
  "AR=$ar"
  "NM=$nm"
  "OBJCOPY=$objcopy"
  "PAHOLE=pahole"
  "RUSTC=rustc"
  "BINDGEN=bindgen"
  "PYTHON3=python3"
  "CC_VERSION_TEXT=$cc_version_text"
)
kbuild_defconfig=$(kbuild_defconfig_env "$tree" "$arch")
[ -z "$kbuild_defconfig" ] || vars+=("KBUILD_DEFCONFIG=$kbuild_defconfig")
# From 6.x on, scripts/kconfig/Makefile exports KCONFIG_DEFCONFIG_LIST, the
# files conf starts from when there is no .config (5.10 has init/Kconfig's
# DEFCONFIG_LIST instead). `ifndef cross_compiling` holds: no tree sets it.
if grep -q '^export KCONFIG_DEFCONFIG_LIST' "$tree/scripts/kconfig/Makefile"; then
  release=$(uname -r)
  vars+=("KCONFIG_DEFCONFIG_LIST=/lib/modules/$release/.config /etc/kernel-config /boot/config-$release arch/$srcarch/configs/${kbuild_defconfig:-defconfig}")
fi
# Exported (and read by init/Kconfig) from Linux 6.12 on:
# RUSTC_VERSION_TEXT = $(subst $(pound),,$(shell $(RUSTC) --version 2>/dev/null))
if grep -q 'RUSTC_VERSION_TEXT' "$tree/Makefile"; then
  rustc_version_text=$(make_shell "rustc --version 2>/dev/null")
  vars+=("RUSTC_VERSION_TEXT=${rustc_version_text//#/}")
fi

# Exported (and read by init/Kconfig) from Linux 7.x on:
# PAHOLE_VERSION = $(shell $(srctree)/scripts/pahole-version.sh $(PAHOLE))
if grep -q 'PAHOLE_VERSION = $(shell' "$tree/Makefile"; then
  vars+=("PAHOLE_VERSION=$(make_shell "$tree/scripts/pahole-version.sh pahole")")
fi

for kv in "${vars[@]}"; do
  if [ "$format" = shell ]; then
    k=${kv%%=*}; v=${kv#*=}
    printf "export %s='%s'\n" "$k" "${v//\'/\'\\\'\'}"
  else
    printf '%s\n' "$kv"
  fi
done
