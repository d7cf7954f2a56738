#!/usr/bin/env bash
# Conformance suite: xencfg's Kconfig engine against the kernel's own
# scripts/kconfig/conf, on real Linux trees (see docs/conformance.md).
#
#   tests/conformance/run.sh [options]
#
#   --xencfg PATH     the xencfg binary (default: $XENCFG, else the newest of
#                     <repo>/build*/xencfg)
#   --version V       kernel tree version (repeatable; default: 5.10 6.1 6.12
#                     7.2 7.3)
#   --arch A          ARCH (repeatable; default: x86_64 i386 arm64 arm)
#   --jobs N          parallel jobs (default: $XENCFG_CONFORMANCE_JOBS or 2)
#   --perturbed N     perturbed configs per tree/arch (default 3)
#   --cases REGEX     only cases whose name matches (grep -E)
#   --no-stderr       do not compare stderr (warnings), only config outputs
#   --expected-only   only (re)generate conf's expected outputs; no xencfg
#   --diff-lines N    lines of unified diff printed per failing case (default 80)
#   -v, --verbose     also list passing cases
#
# Trees and conf come from scripts/fetch-trees.sh ($XENCFG_TREES_DIR,
# default <repo>/.cache/trees). conf's expected outputs are cached OUTSIDE
# the clone, under $XENCFG_CONFORMANCE_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/xencfg/conformance), so that a machine that
# ran the suite before reuses them: keyed by tree version + ARCH + case and
# invalidated when the tree, the conf binary, the environment, an input
# (Debian's configs, the older tree of an upgrade), the perturbation script
# or this harness's case generation change.
#
# Inputs, per tree/arch (each tree gets every kind; the budget goes to
# variety, not to every combination): all{no,yes,mod,def}config; the arch's
# default defconfig, one fragment and two in-tree arch/*/configs defconfigs
# (a different two for each tree version); xen.config merged on defconfig;
# one of Debian's shipped configs (a different flavour per tree); an upgrade
# (a config made on the older tree -- Debian's for that arch when it ships
# one, else the older tree's defconfig -- olddefconfig and listnewconfig on
# this one: 5.10->6.1, 6.1->6.12, 6.12->7.2, 6.12->7.3); perturbed
# randconfigs; and the load warnings.
#
# Output: one line per failing case (plus its diff), one summary line per
# tree/arch, and finally "N passed, N failed" alone on a line. Exit status
# is non-zero when anything failed, including a missing tree or binary.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
trees_dir=${XENCFG_TREES_DIR:-$repo/.cache/trees}
cache_root=${XENCFG_CONFORMANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/xencfg/conformance}
# Bump when the set of cases or the way expected outputs are made changes.
GEN_VERSION=3

xencfg=${XENCFG:-}
versions=()
arches=()
jobs=${XENCFG_CONFORMANCE_JOBS:-2}
nperturbed=3
filter=
check_stderr=1
expected_only=0
diff_lines=80
verbose=0
step_timeout=600

usage() { sed -n '2,26p' "$0"; }
while [ $# -gt 0 ]; do
  case "$1" in
    --xencfg) xencfg=$2; shift 2 ;;
    --xencfg=*) xencfg=${1#*=}; shift ;;
    --version) versions+=("$2"); shift 2 ;;
    --version=*) versions+=("${1#*=}"); shift ;;
    --arch) arches+=("$2"); shift 2 ;;
    --arch=*) arches+=("${1#*=}"); shift ;;
    --jobs) jobs=$2; shift 2 ;;
    --jobs=*) jobs=${1#*=}; shift ;;
    --perturbed) nperturbed=$2; shift 2 ;;
    --perturbed=*) nperturbed=${1#*=}; shift ;;
    --cases) filter=$2; shift 2 ;;
    --cases=*) filter=${1#*=}; shift ;;
    --no-stderr) check_stderr=0; shift ;;
    --expected-only) expected_only=1; shift ;;
    --diff-lines) diff_lines=$2; shift 2 ;;
    -v|--verbose) verbose=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "run.sh: unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done
[ ${#versions[@]} -gt 0 ] || versions=(5.10 6.1 6.12 7.2 7.3)
[ ${#arches[@]} -gt 0 ] || arches=(x86_64 i386 arm64 arm)
[ "$jobs" -ge 1 ] 2>/dev/null || jobs=1

if [ -z "$xencfg" ] && [ "$expected_only" = 0 ]; then
  xencfg=$(ls -t "$repo"/build*/xencfg 2>/dev/null | head -n 1 || true)
fi
if [ -n "$xencfg" ] && [ -x "$xencfg" ]; then
  xencfg=$(cd "$(dirname "$xencfg")" && pwd)/$(basename "$xencfg")
fi

total_pass=0
total_fail=0
total_skipped=0 # tree/arch combinations whose tree or conf is absent

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }

# ---------------------------------------------------------------- jobs --
# Run "$@" in the background, at most $jobs at a time.
spawn() {
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do wait -n 2>/dev/null || true; done
  "$@" &
}
wait_all() { wait; }

# ------------------------------------------------------- one tree/arch --
# Globals set per combo: tree conf arch v srcarch envv cdir work
run_conf() {
  # run_conf DIR LOGPREFIX conf-args...   (cwd DIR, KCONFIG_CONFIG=.config)
  local dir=$1 log=$2; shift 2
  local rc TIMEFORMAT="%R %U %S"
  { time (cd "$dir" && env -i "${envv[@]}" KCONFIG_CONFIG=.config timeout "$step_timeout" "$conf" "$@" Kconfig \
    >"$log.stdout" 2>"$log.stderr"); } 2>"$log.tm"
  rc=$?
  echo "$rc" >"$log.rc"
  # timings line: conf ARGS... WALL USER SYS (seconds)
  echo "conf $* $(tail -n 1 "$log.tm")" >"$log.time"
  return $rc
}

# Expected output of one case. Types:
#   all       all{no,yes,mod,def}config             (no input)
#   defconfig conf --defconfig=INPUT (INPUT: abs path in the tree)
#   olddef    olddefconfig of INPUT (a file in the cache)
#   savedef   savedefconfig of INPUT (a file in the cache)
#   listnew   listnewconfig of INPUT (stdout is the expected output)
#   load      olddefconfig of an empty .config; only stderr matters
#   noconfig  olddefconfig without a .config: conf starts from the first
#             defconfig candidate that opens (5.10's DEFCONFIG_LIST with
#             KBUILD_DEFCONFIG, later KCONFIG_DEFCONFIG_LIST), as in a
#             fresh tree (xencfg runs as `xencfg conf`)
#   dropin    conf --olddefconfig of INPUT where no include/config/auto.conf
#             exists: conf then also writes auto.conf and autoconf.h, which
#             are kept as NAME.autoconf (xencfg runs as `xencfg conf`)
gen_expected() {
  local name=$1 type=$2 target=$3 input=${4:-}
  [ -f "$cdir/$name.done" ] && return 0
  local d=$work/conf.$name
  rm -rf "$d"; mkdir -p "$d"
  # xencfg kconfig TARGET -o FILE writes no include/config/auto.conf, so conf
  # must not either: conf writes it when it is absent, and its pass over all
  # symbols recomputes any a conf_write left invalid, printing their "unmet
  # direct dependencies" warnings a second time (5.10/arm rand-02). A present
  # auto.conf is what `make olddefconfig` meets in a tree built once; the
  # auto.conf step itself is compared by the dropin cases.
  [ "$type" = dropin ] || { mkdir -p "$d/include/config" && : >"$d/include/config/auto.conf"; }
  local out=.config args=()
  case $type in
    all) args=("--$target") ;;
    defconfig) args=("--defconfig=$input") ;;
    olddef|dropin) cp "$input" "$d/.config"; args=(--olddefconfig) ;;
    savedef) cp "$input" "$d/.config"; args=(--savedefconfig=defconfig); out=defconfig ;;
    listnew) cp "$input" "$d/.config"; args=(--listnewconfig); out=log.stdout ;;
    load) : >"$d/.config"; args=(--olddefconfig) ;;
    noconfig) args=(--olddefconfig) ;;
  esac
  run_conf "$d" "$d/log" "${args[@]}"
  local rc=$?
  if [ "$type" = dropin ]; then autoconf_files "$d" >"$cdir/$name.autoconf"; fi
  if [ $rc -ne 0 ]; then
    cp "$d/log.stderr" "$cdir/$name.conf-error"
    echo "$rc" >"$cdir/$name.conf-rc"
  else
    rm -f "$cdir/$name.conf-error" "$cdir/$name.conf-rc"
    [ "$type" = load ] || cp "$d/$out" "$cdir/$name.expected"
  fi
  cp "$d/log.stderr" "$cdir/$name.stderr"
  cat "$d/log.time" >>"$cdir/timings"
  touch "$cdir/$name.done"
  rm -rf "$d"
}

# Inputs derived from conf's own outputs.
gen_randconfig() {
  # gen_randconfig NN: conf --randconfig with KCONFIG_SEED=NN, then perturb.awk
  local n=$1 name=rand-$1
  [ -f "$cdir/$name.input" ] && return 0
  local d=$work/conf.$name.rand
  rm -rf "$d"; mkdir -p "$d"
  local rc TIMEFORMAT="%R %U %S"
  { time (cd "$d" && env -i "${envv[@]}" KCONFIG_CONFIG=.config KCONFIG_SEED="$n" timeout "$step_timeout" "$conf" --randconfig Kconfig \
    >"$d/log.stdout" 2>"$d/log.stderr"); } 2>"$d/log.tm"
  rc=$?
  echo "conf --randconfig $(tail -n 1 "$d/log.tm")" >>"$cdir/timings"
  if [ $rc -ne 0 ]; then
    { echo "conf --randconfig (KCONFIG_SEED=$n) failed with $rc:"; cat "$d/log.stderr"; } >"$cdir/$name.input-error"
    return 0
  fi
  awk -v seed="$n" -f "$here/perturb.awk" "$d/.config" >"$cdir/$name.input.tmp" &&
    mv "$cdir/$name.input.tmp" "$cdir/$name.input"
  rm -rf "$d"
}

gen_xen_input() {
  [ -f "$cdir/xen.input" ] && return 0
  if [ ! -f "$cdir/defconfig.expected" ]; then
    echo "no defconfig output to merge onto" >"$cdir/xen.input-error"; return 0
  fi
  local d=$work/merge.xen frags=("$tree/kernel/configs/xen.config")
  [ "$srcarch" = x86 ] && frags+=("$tree/arch/x86/configs/xen.config")
  rm -rf "$d"; mkdir -p "$d"
  if (cd "$d" && env -i "${envv[@]}" KCONFIG_CONFIG="$d/merged.config" \
        sh "$tree/scripts/kconfig/merge_config.sh" -m "$cdir/defconfig.expected" "${frags[@]}") \
        >"$d/log" 2>&1; then
    cp "$d/merged.config" "$cdir/xen.input"
  else
    { echo "merge_config.sh -m failed:"; cat "$d/log"; } >"$cdir/xen.input-error"
  fi
  rm -rf "$d"
}

# Debian's shipped config for this arch, the flavour picked by $debian_pick.
debian_configs() {
  # debian_configs VERSION: Debian's config files for $arch on that tree
  local deb
  case $arch in x86_64) deb=amd64 ;; i386) deb=i386 ;; arm64) deb=arm64 ;; arm) deb=armhf ;; *) return ;; esac
  ls "$trees_dir/linux-config-$1"/config."${deb}"_*.xz 2>/dev/null | sort
}
gen_debian_input() {
  [ -f "$cdir/debian.input" ] && return 0
  if [ -z "$debian_file" ]; then
    echo "Debian ships no config for $arch on $v" >"$cdir/debian.input-error"; return 0
  fi
  xz -dc "$debian_file" >"$cdir/debian.input.tmp" && mv "$cdir/debian.input.tmp" "$cdir/debian.input"
}

# The upgrade's input: a config made on the older tree $upgrade_from.
gen_upgrade_input() {
  [ -f "$cdir/upgrade.input" ] && return 0
  local old=$upgrade_from f
  f=$(debian_configs "$old" | head -n 1)
  if [ -n "$f" ]; then
    xz -dc "$f" >"$cdir/upgrade.input.tmp" && mv "$cdir/upgrade.input.tmp" "$cdir/upgrade.input"
    return 0
  fi
  # No Debian config there: the older tree's own defconfig, made by its conf.
  local otree=$trees_dir/linux-source-$old oconf=$trees_dir/conf-$old/conf d=$work/upgrade.old
  local oenv=() kdef
  rm -rf "$d"; mkdir -p "$d"
  mapfile -t oenv < <("$repo/scripts/conf-env.sh" "$otree" "$arch")
  kdef=$("$repo/scripts/conf-env.sh" --kbuild-defconfig "$arch")
  if (cd "$otree" && env -i "${oenv[@]}" KCONFIG_CONFIG="$d/.config" timeout "$step_timeout" "$oconf"         --defconfig="$otree/arch/$srcarch/configs/$kdef" Kconfig) >"$d/log" 2>&1; then
    cp "$d/.config" "$cdir/upgrade.input"
  else
    { echo "linux-$old defconfig failed:"; cat "$d/log"; } >"$cdir/upgrade.input-error"
  fi
  rm -rf "$d"
}

# The files conf writes beside .config when auto.conf is absent, one after the
# other with a header line each.
autoconf_files() {
  local f
  for f in include/config/auto.conf include/generated/autoconf.h include/generated/rustc_cfg; do
    [ -f "$1/$f" ] || continue
    echo "=== $f"
    cat "$1/$f"
  done
}

# One xencfg run + comparison; writes $work/res.NAME (lines: "ok|FAIL<TAB>case<TAB>reason").
check_case() {
  local name=$1 type=$2 target=$3 input=${4:-}
  local res=$work/res.$name
  : >"$res"
  local d=$work/x.$name
  rm -rf "$d"; mkdir -p "$d"
  if [ -f "$cdir/$name.conf-error" ]; then
    printf 'FAIL\t%s\tconf itself failed (exit %s) making the expected output:\n' "$name" "$(cat "$cdir/$name.conf-rc")" >>"$res"
    sed 's/^/    /' "$cdir/$name.conf-error" | head -n 20 >>"$res"
    return
  fi
  if [ -z "$xencfg" ] || [ ! -x "$xencfg" ]; then
    printf 'FAIL\t%s\txencfg binary not found (%s); build it or pass --xencfg\n' "$name" "${xencfg:-none}" >>"$res"
    [ "$check_stderr" = 1 ] && [ "$type" != load ] && printf 'FAIL\t%s:stderr\txencfg binary not found\n' "$name" >>"$res"
    return
  fi
  local cmd=()
  case $type in
    all) cmd=(kconfig "$target" --tree "$tree" --arch "$arch" -o out.config) ;;
    defconfig) cmd=(kconfig defconfig --tree "$tree" --arch "$arch" --config "$input" -o out.config) ;;
    olddef) cp "$input" "$d/.config"; cmd=(kconfig olddefconfig --tree "$tree" --arch "$arch" --config .config -o out.config) ;;
    savedef) cp "$input" "$d/.config"; cmd=(kconfig savedefconfig --tree "$tree" --arch "$arch" --config .config -o out.config) ;;
    listnew) cp "$input" "$d/.config"; cmd=(kconfig listnewconfig --tree "$tree" --arch "$arch" --config .config -o out.config) ;;
    load) cmd=(load --tree "$tree" --arch "$arch") ;;
    # conf's own command line, as make runs it (the drop-in): its .config is
    # compared below as out.config.
    dropin) cp "$input" "$d/.config"; cmd=(conf --olddefconfig Kconfig) ;;
    # No .config, an auto.conf as on conf's side (see gen_expected).
    noconfig) mkdir -p "$d/include/config"; : >"$d/include/config/auto.conf"
      cmd=(conf --olddefconfig Kconfig) ;;
  esac
  local t0 rc
  t0=$(now)
  # xencfg keeps its probe cache there (keyed by the whole environment, so
  # it is never stale); without it every run would repeat the ~100 probes.
  (cd "$d" && env -i "${envv[@]}" KCONFIG_CONFIG=.config XENCFG_CACHE_DIR="$cache_root/xencfg-cache" \
      timeout "$step_timeout" "$xencfg" "${cmd[@]}") \
    >"$d/stdout" 2>"$d/stderr"
  rc=$?
  echo "xencfg ${cmd[0]} ${cmd[1]} $(elapsed "$t0" "$(now)")" >"$d/time"
  local shown="xencfg ${cmd[*]}"
  shown=${shown//$tree/<tree>}
  if [ "$type" = load ]; then
    if [ $rc -ne 0 ]; then
      printf 'FAIL\t%s\t`%s` exited %s; stderr:\n' "$name" "$shown" "$rc" >>"$res"
      head -n "$diff_lines" "$d/stderr" | sed 's/^/    /' >>"$res"
    elif cmp -s "$cdir/$name.stderr" "$d/stderr"; then
      printf 'ok\t%s\n' "$name" >>"$res"
    else
      printf 'FAIL\t%s\twarnings differ from conf (--- conf stderr, +++ xencfg stderr):\n' "$name" >>"$res"
      diff -u --label conf.stderr --label xencfg.stderr "$cdir/$name.stderr" "$d/stderr" \
        | head -n "$diff_lines" | sed 's/^/    /' >>"$res"
    fi
    cat "$d/time" >>"$work/xtimings"
    rm -rf "$d"
    return
  fi
  if [ "$type" = noconfig ] && [ $rc -eq 0 ]; then cp "$d/.config" "$d/out.config"; fi
  if [ "$type" = dropin ] && [ $rc -eq 0 ]; then
    cp "$d/.config" "$d/out.config"
    autoconf_files "$d" >"$d/out.autoconf"
    if cmp -s "$cdir/$name.autoconf" "$d/out.autoconf"; then
      printf 'ok\t%s:autoconf\n' "$name" >>"$res"
    else
      printf 'FAIL\t%s:autoconf\tauto.conf/autoconf.h differ from conf (--- conf, +++ xencfg):\n' "$name" >>"$res"
      diff -u --label conf --label xencfg "$cdir/$name.autoconf" "$d/out.autoconf" \
        | head -n "$diff_lines" | sed 's/^/    /' >>"$res"
    fi
  fi
  if [ $rc -ne 0 ] || [ ! -f "$d/out.config" ]; then
    printf 'FAIL\t%s\t`%s` exited %s%s; stderr:\n' "$name" "$shown" "$rc" \
      "$([ -f "$d/out.config" ] || echo ' without writing its output')" >>"$res"
    head -n 20 "$d/stderr" | sed 's/^/    /' >>"$res"
    [ "$check_stderr" = 1 ] && printf 'FAIL\t%s:stderr\tno comparable run\n' "$name" >>"$res"
    cat "$d/time" >>"$work/xtimings"
    return
  fi
  if cmp -s "$cdir/$name.expected" "$d/out.config"; then
    printf 'ok\t%s\n' "$name" >>"$res"
  else
    printf 'FAIL\t%s\toutput differs from conf (--- conf, +++ xencfg; full diff: %s/diff):\n' "$name" "$d" >>"$res"
    diff -u --label "conf $target" --label "xencfg $target" "$cdir/$name.expected" "$d/out.config" >"$d/diff"
    head -n "$diff_lines" "$d/diff" | sed 's/^/    /' >>"$res"
  fi
  if [ "$check_stderr" = 1 ]; then
    if cmp -s "$cdir/$name.stderr" "$d/stderr"; then
      printf 'ok\t%s:stderr\n' "$name" >>"$res"
    else
      printf 'FAIL\t%s:stderr\twarnings differ from conf (--- conf stderr, +++ xencfg stderr):\n' "$name" >>"$res"
      diff -u --label conf.stderr --label xencfg.stderr "$cdir/$name.stderr" "$d/stderr" \
        | head -n "$diff_lines" | sed 's/^/    /' >>"$res"
    fi
  fi
  cat "$d/time" >>"$work/xtimings"
  grep -q '^FAIL' "$res" || rm -rf "$d"
}

combo_fail() {
  # combo_fail MESSAGE: the whole tree/arch fails as one case
  echo "FAIL linux-$v/$arch: $1"
  echo "linux-$v $arch: 0 passed, 1 failed"
  total_fail=$((total_fail + 1))
}

run_combo() {
  v=$1 arch=$2
  tree=$trees_dir/linux-source-$v
  conf=$trees_dir/conf-$v/conf
  if [ ! -f "$tree/Kconfig" ] || [ ! -x "$conf" ]; then
    echo "SKIP linux-$v/$arch: kernel tree or conf missing ($tree, $conf): run scripts/fetch-trees.sh first"
    total_skipped=$((total_skipped + 1))
    return
  fi
  tree=$(cd "$tree" && pwd -P)
  local envtxt
  if ! envtxt=$("$repo/scripts/conf-env.sh" "$tree" "$arch" 2>&1); then
    combo_fail "scripts/conf-env.sh failed: $envtxt"
    return
  fi
  mapfile -t envv <<<"$envtxt"
  srcarch=$("$repo/scripts/conf-env.sh" --srcarch "$arch")
  local kdef
  kdef=$("$repo/scripts/conf-env.sh" --kbuild-defconfig "$arch")

  # Other defconfigs/fragments used as whole configs (those that exist).
  local others=() cand
  case $arch in
    x86_64) cand="arch/x86/configs/i386_defconfig arch/x86/configs/tiny.config kernel/configs/kvm_guest.config" ;;
    i386) cand="arch/x86/configs/x86_64_defconfig arch/x86/configs/tiny.config kernel/configs/kvm_guest.config" ;;
    arm64) cand="arch/arm64/configs/virt.config kernel/configs/kvm_guest.config kernel/configs/tiny.config kernel/configs/debug.config" ;;
    arm) cand="arch/arm/configs/vexpress_defconfig arch/arm/configs/imx_v6_v7_defconfig arch/arm/configs/bcm2835_defconfig" ;;
    *) cand="kernel/configs/tiny.config kernel/configs/kvm_guest.config" ;;
  esac
  for c in $cand; do
    [ -f "$tree/$c" ] && [ ${#others[@]} -lt 1 ] && others+=("$c")
  done
  # Two of the arch's in-tree defconfigs, a different two for each tree
  # version (arm alone has ~70: across the trees most get their turn).
  local vi=0 all_v
  for all_v in 5.10 6.1 6.12 7.2 7.3; do [ "$all_v" = "$v" ] && break; vi=$((vi + 1)); done
  local intree=() pool=()
  for c in "$tree"/arch/"$srcarch"/configs/*defconfig; do
    c=${c#"$tree"/}
    [ "$c" = "arch/$srcarch/configs/$kdef" ] && continue
    [[ " ${others[*]} " == *" $c "* ]] && continue
    pool+=("$c")
  done
  if [ ${#pool[@]} -gt 0 ]; then
    intree+=("${pool[$(( (vi * 2) % ${#pool[@]} ))]}")
    [ ${#pool[@]} -gt 1 ] && intree+=("${pool[$(( (vi * 2 + 1) % ${#pool[@]} ))]}")
  fi
  # One of Debian's configs for this arch, a different flavour per tree.
  local debs=()
  mapfile -t debs < <(debian_configs "$v")
  debian_file=
  [ ${#debs[@]} -gt 0 ] && debian_file=${debs[$(( vi % ${#debs[@]} ))]}
  # The upgrade: from the previous tree of the same line.
  upgrade_from=
  case $v in 6.1) upgrade_from=5.10 ;; 6.12) upgrade_from=6.1 ;; 7.2|7.3) upgrade_from=6.12 ;; esac
  if [ -n "$upgrade_from" ] && { [ ! -f "$trees_dir/linux-source-$upgrade_from/Kconfig" ] || [ ! -x "$trees_dir/conf-$upgrade_from/conf" ]; }; then
    upgrade_from=
  fi

  # Case table: name type target input
  local cases=()
  local t
  for t in allnoconfig allyesconfig allmodconfig alldefconfig; do cases+=("$t all $t -"); done
  cases+=("defconfig defconfig defconfig $tree/arch/$srcarch/configs/$kdef")
  for c in "${others[@]}" "${intree[@]}"; do
    local b; b=$(basename "$c"); b=${b%_defconfig}; b=${b%.config}
    cases+=("defconfig-$b defconfig defconfig $tree/$c")
  done
  [ -n "$debian_file" ] && cases+=("debian.olddefconfig olddef olddefconfig @debian.input")
  if [ -n "$upgrade_from" ]; then
    cases+=("upgrade.olddefconfig olddef olddefconfig @upgrade.input")
    cases+=("upgrade.listnewconfig listnew listnewconfig @upgrade.input")
  fi
  cases+=("defconfig.savedefconfig savedef savedefconfig @defconfig.expected")
  cases+=("xen.olddefconfig olddef olddefconfig @xen.input")
  cases+=("xen.savedefconfig savedef savedefconfig @xen.olddefconfig.expected")
  local i n
  for ((i = 1; i <= nperturbed; i++)); do
    n=$(printf '%02d' "$i")
    cases+=("rand-$n.olddefconfig olddef olddefconfig @rand-$n.input")
    cases+=("rand-$n.savedefconfig savedef savedefconfig @rand-$n.olddefconfig.expected")
    cases+=("rand-$n.dropin dropin olddefconfig @rand-$n.input")
  done
  cases+=("load load load -")
  cases+=("noconfig noconfig olddefconfig -")

  # Cache key: everything the expected outputs depend on.
  cdir=$cache_root/linux-$v/$arch
  local key
  key=$({
    echo "gen=$GEN_VERSION perturbed=$nperturbed"
    printf '%s\n' "${envv[@]}"
    cat "$trees_dir/conf-$v.stamp" "$trees_dir/linux-source-$v.stamp" 2>/dev/null
    cat "$here/perturb.awk"
    printf '%s\n' "${cases[@]}"
    sha256sum "$conf" | cut -d' ' -f1
    [ -n "$debian_file" ] && ls -l "$debian_file"
    if [ -n "$upgrade_from" ]; then
      echo "upgrade from $upgrade_from"
      cat "$trees_dir/conf-$upgrade_from.stamp" "$trees_dir/linux-source-$upgrade_from.stamp" 2>/dev/null
      debian_configs "$upgrade_from" | head -n 1 | xargs -r ls -l
    fi
    # Host tools the $(shell,...) probes find on PATH change conf's output
    # (PAHOLE_VERSION, RUST_IS_AVAILABLE, DRM_MSM_VALIDATE_XML, ...).
    env -i "${envv[@]}" sh -c '
      for t in "$CC" "$LD" "$NM" "$AR" "$OBJCOPY" "$PAHOLE" "$RUSTC" "$BINDGEN" "$PYTHON3"; do
        p=$(command -v "$t" 2>/dev/null) || { echo "$t: none"; continue; }
        echo "$t: $p $("$t" --version 2>/dev/null | head -n 1)"
      done
      "$PYTHON3" -c "import lxml" >/dev/null 2>&1 && echo lxml' 2>/dev/null
  } | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$cdir/KEY" 2>/dev/null)" != "$key" ]; then
    rm -rf "$cdir"
    mkdir -p "$cdir"
    echo "$key" >"$cdir/KEY"
  fi
  work=$cache_root/work/linux-$v-$arch
  rm -rf "$work"; mkdir -p "$work"

  local sel=()
  for c in "${cases[@]}"; do
    local cname=${c%% *}
    if [ -z "$filter" ] || grep -Eq -- "$filter" <<<"$cname"; then sel+=("$c"); fi
  done

  # ---- expected outputs (conf), in dependency stages
  local t0; t0=$(now)
  local before; before=$(cat "$cdir/timings" 2>/dev/null | wc -l)
  resolve() { case $1 in @*) echo "$cdir/${1#@}" ;; -) echo "" ;; *) echo "$1" ;; esac; }
  # need[NAME]=1 for selected cases and the cases whose output they use.
  local -A need=() input_of=()
  local name type target input dep pass
  for c in "${cases[@]}"; do
    read -r name type target input <<<"$c"
    input_of[$name]=$input
  done
  for c in "${sel[@]}"; do need[${c%% *}]=1; done
  for pass in 1 2 3; do
    for name in "${!need[@]}"; do
      input=${input_of[$name]:-}
      case $input in
        @*.expected) dep=${input#@}; need[${dep%.expected}]=1 ;;
        @xen.input) need[defconfig]=1 ;;
      esac
    done
  done
  # stage 1: independent conf runs (+ randconfigs for perturbed inputs)
  local -A rand_made=()
  for c in "${cases[@]}"; do
    read -r name type target input <<<"$c"
    [ -n "${need[$name]:-}" ] || continue
    case $type in
      all|defconfig|load|noconfig) spawn gen_expected "$name" "$type" "$target" "$(resolve "$input")" ;;
    esac
    # Several cases read one randconfig: make each once.
    case $input in
      @rand-*.input)
        n=${input#@rand-}; n=${n%.input}
        [ -n "${rand_made[$n]:-}" ] || { rand_made[$n]=1; spawn gen_randconfig "$n"; } ;;
    esac
  done
  wait_all
  [ -n "${need[xen.olddefconfig]:-}" ] && gen_xen_input
  [ -n "${need[debian.olddefconfig]:-}" ] && gen_debian_input
  { [ -n "${need[upgrade.olddefconfig]:-}" ] || [ -n "${need[upgrade.listnewconfig]:-}" ]; } && gen_upgrade_input
  # stage 2: olddefconfig of .input files, savedefconfig of defconfig's output;
  # stage 3: savedefconfig of stage 2's olddefconfig outputs.
  local stage inp src
  for stage in 2 3; do
    for c in "${cases[@]}"; do
      read -r name type target input <<<"$c"
      [ -n "${need[$name]:-}" ] || continue
      case "$type:$stage:$input" in
        olddef:2:*.input|dropin:2:*.input|listnew:2:*.input|savedef:2:@defconfig.expected|savedef:3:*.olddefconfig.expected) ;;
        *) continue ;;
      esac
      inp=$(resolve "$input")
      if [ ! -f "$inp" ]; then
        src=${input#@}; src=${src%.expected}; src=${src%.input}
        if [ ! -f "$cdir/$name.conf-error" ]; then
          {
            echo "input $inp was not produced:"
            cat "$cdir/$src.input-error" "$cdir/$src.conf-error" 2>/dev/null
          } >"$cdir/$name.conf-error"
          echo "-" >"$cdir/$name.conf-rc"
        fi
        continue
      fi
      spawn gen_expected "$name" "$type" "$target" "$inp"
    done
    wait_all
  done
  local conf_time; conf_time=$(elapsed "$t0" "$(now)")
  local conf_runs; conf_runs=$(( $(cat "$cdir/timings" 2>/dev/null | wc -l) - before ))

  if [ "$expected_only" = 1 ]; then
    local missing=0
    for c in "${sel[@]}"; do
      read -r name type target input <<<"$c"
      if [ -f "$cdir/$name.conf-error" ]; then
        echo "FAIL linux-$v/$arch $name: conf failed:"; sed 's/^/    /' "$cdir/$name.conf-error" | head -n 20
        missing=$((missing + 1))
      fi
    done
    local ok=$(( ${#sel[@]} - missing ))
    echo "linux-$v $arch: expected outputs for ${#sel[@]} cases ($conf_runs conf runs, ${conf_time}s wall)"
    total_pass=$((total_pass + ok)); total_fail=$((total_fail + missing))
    return
  fi

  # ---- xencfg runs and comparisons
  t0=$(now)
  for c in "${sel[@]}"; do
    read -r name type target input <<<"$c"
    spawn check_case "$name" "$type" "$target" "$(resolve "$input")"
  done
  wait_all
  local x_time; x_time=$(elapsed "$t0" "$(now)")

  local p=0 f=0 line id
  # Known differences of this tree/arch (known-differences.txt): XFAIL
  # while they fail, XPASS (a failure) once they match conf again.
  local -A known=()
  while IFS= read -r line; do
    case $line in "$v/$arch "*) id=${line#"$v/$arch "}; known[${id%% *}]=1 ;; esac
  done < <(grep -v '^#' "$here/known-differences.txt" 2>/dev/null)
  for c in "${sel[@]}"; do
    name=${c%% *}
    local res=$work/res.$name
    if [ ! -s "$res" ]; then
      echo "FAIL linux-$v/$arch $name: harness produced no result"; f=$((f + 1)); continue
    fi
    while IFS= read -r line; do
      case $line in
        ok$'\t'*) p=$((p + 1)); [ "$verbose" = 1 ] && echo "ok   linux-$v/$arch ${line#ok$'\t'}" ;;
        FAIL$'\t'*)
          line=${line#FAIL$'\t'}
          id=${line%%$'\t'*}
          if [ -n "${known[$id]:-}" ]; then
            known[$id]=seen
            echo "XFAIL linux-$v/$arch $id (tests/conformance/known-differences.txt)"
            continue
          fi
          f=$((f + 1))
          echo "FAIL linux-$v/$arch $id: ${line#*$'\t'}" ;;
        *) echo "$line" ;;
      esac
    done <"$res"
  done
  for id in "${!known[@]}"; do
    [ "${known[$id]}" = seen ] && continue
    # Only cases that ran this time can have passed.
    for c in "${sel[@]}"; do
      if [ "${id%%[.:]*}" = "${c%% *}" ] || [ "${id%%:*}" = "${c%% *}" ] || [[ $id == "${c%% *}".* ]]; then
        f=$((f + 1))
        echo "XPASS linux-$v/$arch $id: matches conf now; remove it from tests/conformance/known-differences.txt"
        break
      fi
    done
  done
  echo "linux-$v $arch: $p passed, $f failed (conf: $conf_runs runs ${conf_time}s; xencfg: ${x_time}s)"
  total_pass=$((total_pass + p))
  total_fail=$((total_fail + f))
}

if [ "$expected_only" = 0 ] && { [ -z "$xencfg" ] || [ ! -x "$xencfg" ]; }; then
  echo "run.sh: xencfg binary not found (${xencfg:-none}): every case will fail" >&2
fi
mkdir -p "$cache_root"
for v in "${versions[@]}"; do
  for a in "${arches[@]}"; do
    run_combo "$v" "$a"
  done
done
echo "$total_pass passed, $total_fail failed"
# Nothing to compare against: skipped (ctest's SKIP_RETURN_CODE), not passed.
if [ "$total_pass" -eq 0 ] && [ "$total_fail" -eq 0 ] && [ "$total_skipped" -gt 0 ]; then exit 77; fi
[ "$total_fail" -eq 0 ]
