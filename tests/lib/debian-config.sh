# Sourced by the tests that run the tree's own conf beside xencfg on Debian's
# shipped config (tests/probes/parallel.sh, tests/kconfig-targets/run.sh).
#
#   debian_config_inputs VERSION ARCH NAME
#       sets `tree` (the kernel tree), `conf` (its conf), `work` (a private
#       folder, removed at exit unless KEEP is set) holding `input.config`
#       (Debian's config for ARCH, decompressed), and `envv` (the environment
#       make gives conf, scripts/conf-env.sh); exits 77 (skip) without the
#       tree, its conf or the config, and 2 for an arch Debian names otherwise.
debian_config_inputs() {
    local version=$1 arch=$2 name=$3 lib repo deb f
    lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
    repo=$(cd "$lib/../.." && pwd)
    source "$repo/scripts/trees-dir.sh"
    tree=$trees_dir/linux-source-$version
    conf=$trees_dir/conf-$version/conf
    case $arch in
    x86_64) deb=amd64_none_amd64 ;;
    arm64) deb=arm64_none_arm64 ;;
    *) echo "unsupported arch $arch" >&2; exit 2 ;;
    esac
    deb=$trees_dir/linux-config-$version/config.$deb.xz
    for f in "$tree/Kconfig" "$conf" "$deb"; do
        [ -e "$f" ] || { echo "skip: no $f"; exit 77; }
    done
    work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-$name.XXXXXX")
    trap '[ -n "${KEEP:-}" ] || rm -rf -- "$work"' EXIT
    xz -dc "$deb" >"$work/input.config"
    mapfile -t envv < <(bash "$repo/scripts/conf-env.sh" "$tree" "$arch")
}
