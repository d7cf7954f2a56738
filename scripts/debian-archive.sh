#!/usr/bin/env bash
# Reach Debian suites other than this machine's own (bullseye, bookworm,
# trixie, sid, experimental) without touching the system's apt setup, and
# download (never install) packages from them.
#
#   scripts/debian-archive.sh extract [--suite SUITE] PACKAGE[:DEBARCH]...
#       download each package's newest version in any of those suites and
#       unpack it (dpkg-deb -x); prints a line "PACKAGE FOLDER" for each
#       one (the folder also holds a file `version` with the package
#       version) and names on stderr those no suite has. With --suite,
#       SUITE's version wins where SUITE has the package (apt's
#       Default-Release): binaries that must match each other, e.g. one
#       release's Xen tools and their libraries, come from one suite.
#   scripts/debian-archive.sh source PACKAGE SERIES
#       download the Debian packaging (debian/ of the .debian.tar.xz) of
#       the newest source version SERIES.* and print its folder.
#   scripts/debian-archive.sh update
#       refresh the private package lists.
#
# The archive URI and keyring are the ones the system's own apt uses
# (/etc/apt/sources.list.d/debian.sources, else sources.list); the lists,
# the downloaded .debs and the unpacked packages live under
# $XENCFG_APT_DIR (default ${XDG_CACHE_HOME:-$HOME/.cache}/xencfg/apt), so a
# machine that ran this before downloads nothing again. The lists are
# refreshed when they are older than a day or lack the package.
set -euo pipefail

dir=${XENCFG_APT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/xencfg/apt}
log() { printf 'debian-archive: %s\n' "$*" >&2; }
die() { printf 'debian-archive: error: %s\n' "$*" >&2; exit 1; }

mkdir -p "$dir/lists/partial" "$dir/cache/archives/partial" "$dir/debs" "$dir/pkgs"
# One user of the private apt state at a time: ctest runs several tests
# that fetch from the archive in parallel, and a second `apt-get update`
# on the same lists fails on apt's lock, leaving the first one's lists
# half written for the other (a fresh CI machine skipped two tests so).
exec 9>"$dir/.lock"
flock 9
# An empty dpkg status: what this machine has installed must not stand in
# for what the archive has.
[ -f "$dir/status" ] || : >"$dir/status"

# The archive's URI and keyring, as the system's apt has them.
system_archive() {
    local f=/etc/apt/sources.list.d/debian.sources uri='' key=''
    if [ -f "$f" ]; then
        # deb822: the first stanza whose URI is the main archive (not -security).
        uri=$(awk '/^URIs:/ { for (i = 2; i <= NF; i++) if ($i !~ /security/) { print $i; exit } }' "$f")
        key=$(awk '/^Signed-By:/ { print $2; exit }' "$f")
    fi
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\// && $i !~ /security/) { print $i; exit } }' /etc/apt/sources.list)
    fi
    [ -n "$uri" ] || uri=http://deb.debian.org/debian
    [ -n "$key" ] || key=/usr/share/keyrings/debian-archive-keyring.gpg
    printf '%s %s\n' "$uri" "$key"
}

# write_sources [SUITE:ARCH...]: the private sources list; each SUITE:ARCH
# named leaves that architecture out of that suite (see update).
write_sources() {
    local uri key suite opts a
    read -r uri key < <(system_archive)
    {
        for suite in bullseye bookworm trixie sid experimental bookworm-security; do
            opts="signed-by=$key"
            local keep=()
            for a in amd64 i386 arm64 armhf; do
                case " $* " in *" $suite:$a "*) ;; *) keep+=("$a") ;; esac
            done
            [ ${#keep[@]} = 4 ] || opts="arch=$(IFS=,; echo "${keep[*]}") $opts"
            # bookworm's kernel updates (6.1.x, 6.12.x) come through -security.
            case $suite in
            *-security) printf 'deb [%s] %s-security %s main\n' "$opts" "$uri" "$suite" ;;
            *) printf 'deb [%s] %s %s main\n' "$opts" "$uri" "$suite" ;;
            esac
        done
    } >"$dir/sources.list.new"
    mv "$dir/sources.list.new" "$dir/sources.list"
}

# apt's own state kept private: the cache and an empty dpkg status.
private_opts=(
    -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::Cache=$dir/cache"
    -o "Dir::State::status=$dir/status"
)
apt_opts=(
    -o "Dir::Etc::SourceList=$dir/sources.list"
    -o "Dir::State::Lists=$dir/lists"
    "${private_opts[@]}"
    -o APT::Architectures::=amd64 -o APT::Architectures::=i386
    -o APT::Architectures::=arm64 -o APT::Architectures::=armhf
)

update() {
    write_sources
    log "apt-get update (bullseye, bookworm, trixie, sid, experimental)"
    # A mirror in the middle of a sync fails an index now and then ("File
    # has unexpected size ... Mirror sync in progress?"), and apt then
    # drops that suite's every index: with bookworm-security's i386 and
    # armhf indexes failing, linux-source-6.1 was silently 6.1.176 from
    # bookworm instead of 6.1.192, which the 6.1 knowledge base and every
    # 6.1 result name. So try again; then leave out of its suite each
    # architecture whose index failed (the sources are Architecture: all,
    # and that arch's configs come from another suite, at an older patch
    # release), and say so.
    local attempt err=$dir/update.err failed=()
    for attempt in 1 2 3; do
        local rc=0
        apt-get "${apt_opts[@]}" update -qq 2>"$err" || rc=$?
        cat "$err" >&2
        [ "$rc" = 0 ] && { failed=(); break; }
        mapfile -t failed < <(sed -n 's|.*Failed to fetch [^ ]*/dists/\([^/]*\)/main/binary-\([a-z0-9]*\)/.*|\1:\2|p' "$err" | sort -u)
        [ "$attempt" = 3 ] && break
        log "apt-get update reported errors (a mirror sync?); trying again in $((attempt * 15)) s"
        sleep $((attempt * 15))
    done
    if [ ${#failed[@]} -gt 0 ]; then
        log "warning: these indexes kept failing: ${failed[*]}; updating once more without them (their packages come from another suite, at another version)"
        write_sources "${failed[@]}"
        apt-get "${apt_opts[@]}" update -qq >&2 ||
            log "warning: apt-get update still reports errors (see above); going on with the lists it got"
    fi
    touch "$dir/lists/.updated"
}

lists_fresh() {
    [ -f "$dir/lists/.updated" ] && [ -f "$dir/sources.list" ] &&
        [ -n "$(find "$dir/lists/.updated" -mmin -1440 2>/dev/null)" ]
}

# candidates PACKAGE[:ARCH]...: "PACKAGE VERSION" for each package some
# suite has (its newest version), in one apt-cache run (each run parses
# every list: several seconds).
native=$(dpkg --print-architecture 2>/dev/null || echo amd64)
candidates() {
    local want=() p
    for p in "$@"; do want+=("${p%:$native}"); done
    apt-cache "${apt_opts[@]}" policy "${want[@]}" 2>/dev/null | awk -v native="$native" '
        /^[^ ]/ { name = $0; sub(/:$/, "", name); if (name !~ /:/) name = name ":" native }
        /^  Candidate:/ && $2 != "(none)" { print name, $2 }'
}

# extract PACKAGE[:ARCH]...: download and unpack each package; prints
# "PACKAGE FOLDER" for each one found (PACKAGE as asked), says which are
# in no suite.
extract() {
    local pkg ver deb out name arch found key
    lists_fresh || update
    found=$(candidates "$@")
    for pkg in "$@"; do
        key=$pkg
        [[ $key == *:* ]] || key=$key:$native
        grep -q "^$key " <<<"$found" && continue
        # A package the lists lack: maybe they predate it; refresh (once
        # in a while: some packages really are missing, e.g. i386 kernels
        # after 6.1).
        if [ -z "$(find "$dir/lists/.updated" -mmin -30 2>/dev/null)" ]; then
            update
            found=$(candidates "$@")
        fi
        break
    done
    # Download what is not unpacked yet in one apt run, then unpack each.
    local todo=() lines=()
    for pkg in "$@"; do
        key=$pkg
        [[ $key == *:* ]] || key=$key:$native
        ver=$(awk -v k="$key" '$1 == k { print $2; exit }' <<<"$found")
        if [ -z "$ver" ]; then
            log "$pkg is in none of Debian's suites"
            continue
        fi
        out=$dir/pkgs/${pkg/:/_}_$ver
        [ -f "$out/version" ] || todo+=("$pkg=$ver")
        lines+=("$pkg $ver $out")
    done
    if [ ${#todo[@]} -gt 0 ]; then
        log "downloading ${todo[*]}"
        (cd "$dir/debs" && apt-get "${apt_opts[@]}" download -qq "${todo[@]}" >&2) || die "apt-get download ${todo[*]} failed"
    fi
    local line
    for line in "${lines[@]}"; do
        read -r pkg ver out <<<"$line"
        if [ ! -f "$out/version" ]; then
            # apt-get download names the file NAME_VERSION_ARCH.deb, ':' escaped.
            name=${pkg%%:*} arch=all
            [[ $pkg == *:* ]] && arch=${pkg#*:}
            deb=$dir/debs/${name}_${ver//:/%3a}_$arch.deb
            [ -f "$deb" ] || deb=$(ls "$dir/debs/${name}_${ver//:/%3a}_"*.deb 2>/dev/null | head -n 1)
            [ -f "$deb" ] || die "apt-get download left no .deb for $pkg $ver"
            rm -rf "$out.partial"
            mkdir -p "$out.partial"
            dpkg-deb -x "$deb" "$out.partial"
            printf '%s\n' "$ver" >"$out.partial/version"
            rm -rf "$out"
            mv "$out.partial" "$out"
        fi
        printf '%s %s\n' "$pkg" "$out"
    done
}

# source PACKAGE SERIES: the Debian packaging (debian/, from the
# .debian.tar.xz, never the upstream tarball) of the newest PACKAGE source
# version SERIES.* some suite has, unpacked under $dir/src/PACKAGE_VERSION;
# prints that folder. The source lists are private too ($dir/src-lists).
# A mirror that lacks the newest version's file (a partial one) gets the
# next older version tried.
src_opts=(
    -o "Dir::Etc::SourceList=$dir/src-sources.list"
    -o "Dir::State::Lists=$dir/src-lists"
    "${private_opts[@]}"
)
source_packaging() {
    local pkg=$1 series=$2 uri key ver line url file hash out
    mkdir -p "$dir/src-lists/partial" "$dir/src"
    if [ -z "$(find "$dir/src-lists/.updated" -mmin -1440 2>/dev/null)" ]; then
        read -r uri key < <(system_archive)
        for suite in bullseye bookworm trixie sid experimental; do
            printf 'deb-src [signed-by=%s] %s %s main\n' "$key" "$uri" "$suite"
        done >"$dir/src-sources.list"
        log "apt-get update (source lists)"
        apt-get "${src_opts[@]}" update -qq >&2 || log "warning: apt-get update reported errors; going on with the lists it got"
        touch "$dir/src-lists/.updated"
    fi
    local versions
    versions=$(apt-cache "${src_opts[@]}" showsrc "$pkg" 2>/dev/null |
        awk -v s="$series" '$1 == "Version:" && index($2, s ".") == 1 { print $2 }' | sort -Vru)
    # The newest version unpacked already, else the newest one downloadable.
    for ver in $versions; do
        out=$dir/src/${pkg}_$ver
        if [ -d "$out/debian" ]; then
            printf '%s\n' "$out"
            return 0
        fi
    done
    for ver in $versions; do
        out=$dir/src/${pkg}_$ver
        line=$(apt-get "${src_opts[@]}" source --print-uris "$pkg=$ver" 2>/dev/null | grep "\.debian\.tar\." | head -n 1) || true
        [ -n "$line" ] || continue
        read -r url file _ hash <<<"$line"
        url=${url//\'/}
        log "downloading $file"
        rm -rf "$out.partial"
        mkdir -p "$out.partial"
        if ! /usr/lib/apt/apt-helper download-file "$url" "$out.partial/$file" "$hash" >&2; then
            log "$file: not on this mirror; trying an older version"
            rm -rf "$out.partial"
            continue
        fi
        tar -xf "$out.partial/$file" -C "$out.partial" debian
        rm -f "$out.partial/$file"
        printf '%s\n' "$ver" >"$out.partial/version"
        rm -rf "$out"
        mv "$out.partial" "$out"
        printf '%s\n' "$out"
        return 0
    done
    die "no source of $pkg $series.* could be downloaded"
}

case ${1:-} in
update) update ;;
source)
    [ $# -eq 3 ] || die "usage: $0 source PACKAGE SERIES"
    source_packaging "$2" "$3"
    ;;
extract)
    shift
    if [ "${1:-}" = --suite ]; then
        [ $# -ge 2 ] || die "usage: $0 extract [--suite SUITE] PACKAGE[:DEBARCH]..."
        apt_opts+=(-o "APT::Default-Release=$2")
        shift 2
    fi
    [ $# -ge 1 ] || die "usage: $0 extract [--suite SUITE] PACKAGE[:DEBARCH]..."
    extract "$@"
    ;;
*) die "usage: $0 update | extract [--suite SUITE] PACKAGE[:DEBARCH]... | source PACKAGE SERIES" ;;
esac
