#!/usr/bin/env bash
# A stand-in for the xencfg binary that implements the two subcommands the
# conformance harness calls by running the kernel's own conf. Used to test
# the harness itself: with it, every case must pass.
#
#   fake-xencfg.sh kconfig TARGET --tree T --arch A [--config IN] -o OUT
#   fake-xencfg.sh load --tree T --arch A
#   fake-xencfg.sh conf CONF-ARGS...   (the drop-in: conf itself, found
#                                        from $srctree, with the same arguments)
#
# conf is taken from <dir of T>/conf-<ver>/conf (scripts/fetch-trees.sh
# layout). The environment is whatever the caller gives (run.sh: env -i
# with scripts/conf-env.sh's list). Unlike xencfg, olddefconfig and
# savedefconfig work on IN in place (as conf does) before copying to OUT.
set -uo pipefail
cmd=${1:-}; shift || true
if [ "$cmd" = conf ]; then
  [ -n "${srctree:-}" ] || { echo "fake-xencfg: conf needs srctree in the environment" >&2; exit 2; }
  base=$(basename "$srctree")
  exec "$(dirname "$srctree")/conf-${base#linux-source-}/conf" "$@"
fi
target=
if [ "$cmd" = kconfig ]; then target=${1:-}; shift || true; fi
tree= arch= in= out=
while [ $# -gt 0 ]; do
  case "$1" in
    --tree) tree=$2; shift 2 ;;
    --arch) arch=$2; shift 2 ;;
    --config) in=$2; shift 2 ;;
    -o|--output) out=$2; shift 2 ;;
    *) echo "fake-xencfg: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -n "$tree" ] && [ -n "$arch" ] || { echo "fake-xencfg: --tree and --arch are required" >&2; exit 2; }
base=$(basename "$tree")
conf=$(dirname "$tree")/conf-${base#linux-source-}/conf
[ -x "$conf" ] || { echo "fake-xencfg: no conf at $conf" >&2; exit 2; }
[ "${ARCH:-}" = "$arch" ] || { echo "fake-xencfg: ARCH=${ARCH:-} in the environment, --arch $arch" >&2; exit 2; }

case "$cmd:$target" in
  load:)
    tmp=$(mktemp -d)
    : >"$tmp/.config"
    KCONFIG_CONFIG=$tmp/.config "$conf" --olddefconfig Kconfig >/dev/null
    rc=$?
    rm -rf "$tmp"
    exit $rc ;;
  kconfig:allnoconfig|kconfig:allyesconfig|kconfig:allmodconfig|kconfig:alldefconfig)
    KCONFIG_CONFIG=$out "$conf" "--$target" Kconfig >/dev/null ;;
  kconfig:defconfig)
    KCONFIG_CONFIG=$out "$conf" "--defconfig=$in" Kconfig >/dev/null ;;
  kconfig:olddefconfig)
    KCONFIG_CONFIG=$in "$conf" --olddefconfig Kconfig >/dev/null && cp "$in" "$out" ;;
  kconfig:savedefconfig)
    KCONFIG_CONFIG=$in "$conf" "--savedefconfig=$out" Kconfig >/dev/null ;;
  *) echo "fake-xencfg: unsupported: $cmd $target" >&2; exit 2 ;;
esac
