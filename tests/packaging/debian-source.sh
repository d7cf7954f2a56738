#!/usr/bin/env bash
# `check --repo` on Debian's real debian/config (the linux source package's
# packaging, downloaded by scripts/debian-archive.sh), against Debian's own
# code: for every flavour of the arches xencfg knows (amd64, i386, arm64,
# armhf, armel) and every featureset, the files xencfg merges, in order,
# must be the files Debian's build merges, and the arch the one Debian
# builds the flavour for. Debian's answer:
# - linux 6.x with defines.toml (6.12): the listing of Debian's
#   debian/lib/python/debian_linux/config_v2.py (what debian/bin/gencontrol.py
#   turns into KCONFIG), less the files that do not exist;
# - before, with `defines` files (5.10, 6.1): the KCONFIG of every flavour
#   in debian/rules.gen, which Debian's own debian/bin/gencontrol.py of that
#   release wrote from those files when the source package was made (the
#   package's build refuses a rules.gen older than the defines files), and
#   debian/bin/kconfig.py merges at build time.
# Then, where Debian's configs of the series are at hand
# ($XENCFG_TREES_DIR/linux-config-SERIES/config.A_F_FLAVOUR.xz, from
# scripts/fetch-trees.sh: what Debian's build really made of those files),
# each flavour's dom0 and domU verdict from its files must be the verdict on
# the config Debian built from them.
#
#   tests/packaging/debian-source.sh [XENCFG] [SERIES]
#       (default build/xencfg or $XENCFG; SERIES 6.12, 6.1 or 5.10)
# Needs the archive (cached under $XENCFG_APT_DIR), and for 6.12
# python3-dacite, which config_v2.py imports; without them it is skipped
# (exit 77).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
xencfg=${1:-${XENCFG:-$repo/build/xencfg}}
series=${2:-6.12}

fail() { printf 'debian-source test: FAIL: %s\n' "$*" >&2; exit 1; }
log() { printf 'debian-source test: %s\n' "$*" >&2; }

[[ -x $xencfg ]] || fail "no xencfg binary at $xencfg (build first or pass its path)"
xencfg=$(realpath -- "$xencfg")
# Debian's python3 (python3-dacite is a Debian package), not a pyenv one.
python=/usr/bin/python3
[[ -x $python ]] || python=python3
src=$(bash "$repo/scripts/debian-archive.sh" source linux "$series") ||
    { log "SKIP: Debian's linux $series source packaging could not be downloaded"; exit 77; }
log "Debian packaging of linux $(cat "$src/version")"
source "$repo/scripts/trees-dir.sh"
configs=$trees_dir/linux-config-$series
if [[ -f $src/debian/config/defines.toml ]]; then
    reference=config_v2
    "$python" -c 'import dacite' 2>/dev/null ||
        { log "SKIP: python3-dacite is not installed (Debian's config_v2.py needs it)"; exit 77; }
else
    reference=rules.gen
    [[ -f $src/debian/config/defines ]] || fail "$src/debian/config has neither defines.toml nor defines"
    [[ -f $src/debian/rules.gen ]] || fail "$src/debian has no rules.gen"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-debian-source.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
mkdir -p "$work/repo/debian"
ln -s "$src/debian/config" "$work/repo/debian/config"

if [[ $reference == config_v2 ]]; then
    # Debian's answer: its config_v2.py's listing, run from the source's root.
    (cd "$src" && PYTHONPATH=debian/lib/python "$python" -m debian_linux.config_v2 debian/config) \
        >"$work/debian.txt" || fail "Debian's config_v2.py failed"
else
    cp "$src/debian/rules.gen" "$work/debian.txt"
fi

"$python" - "$work" "$xencfg" "$reference" "$series" "$configs" <<'PY'
import json, os, re, subprocess, sys

work, xencfg, reference, series, configs = sys.argv[1:6]
config_dir = os.path.join(work, "repo", "debian", "config")
arches = {"amd64": "x86_64", "i386": "x86_32", "arm64": "arm64", "armhf": "arm", "armel": "arm"}

expected = {}  # manifest name -> (debian arch, featureset, [files])
def expect(arch, featureset, flavour, files):
    name = flavour if featureset == "none" else featureset + "-" + flavour
    if name in expected and expected[name] != (arch, featureset, files):
        sys.exit(f"FAIL: two flavours named {name}")
    expected[name] = (arch, featureset, files)

if reference == "config_v2":
    # "Debianarch: A", "Featureset: F", "Flavour: N ...", "Config: files..."
    arch = featureset = flavour = None
    for line in open(os.path.join(work, "debian.txt")):
        words = line.split()
        if not words:
            continue
        if words[0] == "Debianarch:":
            arch = words[1]
        elif words[0] == "Featureset:":
            featureset = words[1]
        elif words[0] == "Flavour:":
            flavour = words[1]
        elif words[0] == "Config:" and arch in arches:
            expect(arch, featureset, flavour, ["debian/config/" + f for f in words[1:]
                                               if os.path.isfile(os.path.join(config_dir, f))])
else:
    # rules.gen: each flavour's targets run debian/rules.real with
    # ARCH='A' ... FEATURESET='F' FLAVOUR='N' ... KCONFIG='file file ...'
    # (every file exists: gencontrol.py checked), several times the same.
    for line in open(os.path.join(work, "debian.txt")):
        if "KCONFIG=" not in line:
            continue
        fields = dict(re.findall(r"\b([A-Z_]+)='([^']*)'", line))
        if fields.get("ARCH") in arches and "FLAVOUR" in fields and "FEATURESET" in fields:
            expect(fields["ARCH"], fields["FEATURESET"], fields["FLAVOUR"],
                   fields["KCONFIG"].split())
if len(expected) < 5:
    sys.exit(f"FAIL: Debian's {reference} lists only {len(expected)} flavours of {sorted(arches)}")

with open(os.path.join(work, "repo", "xencfg.toml"), "w") as m:
    m.write(f'layout = "debian"\nkernel-version = "{series}"\nroles = ["dom0", "domU"]\n')
    for name, (arch, featureset, files) in expected.items():
        # No arch: defines.toml says where each flavour is built.
        m.write(f'\n[[flavour]]\nname = "{name}"\nfeatureset = "{featureset}"\n')

run = subprocess.run([xencfg, "check", "--repo", os.path.join(work, "repo"), "--format", "json"],
                     capture_output=True, text=True)
if run.returncode not in (0, 1):
    sys.exit(f"FAIL: check --repo exited {run.returncode}: {run.stderr}")
seen = {}
verdict = {}  # (name, role) -> pass
for report in json.loads(run.stdout)["reports"]:
    name = report["input"].removeprefix("flavour ")
    note = next(n for n in report["notes"] if n.startswith("debian layout: merged"))
    files = note.split(": ", 2)[2].split(", ") if note.count(": ") >= 2 else []
    seen[name] = (report["arch"], files)
    verdict[(name, report["role"])] = report["pass"]
bad = 0
for name, (arch, featureset, files) in expected.items():
    if name not in seen:
        print(f"FAIL: flavour {name}: no report"); bad += 1; continue
    got_arch, got_files = seen[name]
    if got_arch != arches[arch]:
        print(f"FAIL: flavour {name}: arch {got_arch}, Debian builds it for {arch}"); bad += 1
    if got_files != files:
        print(f"FAIL: flavour {name}:\n  xencfg merges {got_files}\n  Debian merges {files}"); bad += 1
if bad:
    sys.exit(1)
print(f"debian-source test: linux {series}, {len(expected)} flavours ({', '.join(expected)}): "
      f"the same files in the same order as Debian's {reference}, on the same arch")

# The verdicts: from the flavour's files (merged onto the defaults through
# the knowledge base) as from the config Debian's build made of them.
compared = 0
if not os.path.isdir(configs):
    print(f"debian-source test: verdicts not compared: no {configs} (scripts/fetch-trees.sh)")
    sys.exit(0)
for name, (arch, featureset, files) in expected.items():
    flavour = name if featureset == "none" else name[len(featureset) + 1:]
    shipped = os.path.join(configs, f"config.{arch}_{featureset}_{flavour}.xz")
    if not os.path.isfile(shipped):
        continue
    for role in ("dom0", "domU"):
        full = subprocess.run([xencfg, "check", "--role", role, "--format", "json", shipped],
                              capture_output=True, text=True)
        if full.returncode not in (0, 1):
            sys.exit(f"FAIL: check {shipped} exited {full.returncode}: {full.stderr}")
        truth = json.loads(full.stdout)["reports"][0]["pass"]
        got = verdict.get((name, role))
        compared += 1
        if got != truth:
            print(f"FAIL: flavour {name} {role}: {'pass' if got else 'fail'} from its files, "
                  f"{'pass' if truth else 'fail'} on Debian's {os.path.basename(shipped)}"); bad += 1
if bad:
    sys.exit(1)
if compared == 0:
    sys.exit(f"FAIL: none of Debian's configs in {configs} is one of these flavours")
print(f"debian-source test: linux {series}, {compared} verdicts (flavour, role): the same from "
      f"the files as on the configs Debian built from them")
PY
