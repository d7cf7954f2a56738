#!/usr/bin/env bash
# `xencfg rules` and `xencfg explain RULE-ID` against the rules files read
# independently (python's json module, the schema's own keys):
#   - `rules --ids` with --role/--arch/--mode/--kernel-version lists exactly
#     the rules whose role, arch, mode and since/until admit them;
#   - `rules --versions` lists exactly the kb/ directories;
#   - `explain ID --format json` gives the file's severity, rationale and
#     source for every rule; an unknown id is exit 2 with a suggestion.
#
#   tests/rules_cli/run.sh XENCFG
set -euo pipefail

xencfg=$(realpath -- "${1:?usage: $0 XENCFG}")
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export XENCFG_DATADIR=$repo

python3 - "$xencfg" "$repo" <<'PY'
import glob, json, os, subprocess, sys
xencfg, repo = sys.argv[1], sys.argv[2]
failures = 0
def fail(msg):
    global failures
    failures += 1
    print("rules test: FAIL: " + msg)

def ver(s):
    p = [int(x) for x in s.split(".")]
    return tuple(p + [0] * (3 - len(p))) if p[0] == 2 else (p[0], p[1], 0)

rules = []
files = [os.path.join(repo, "rules/xen-dom0.json"), os.path.join(repo, "rules/xen-domU.json")]
files += sorted(glob.glob(os.path.join(repo, "rules/arch/*.json")))
for f in files:
    doc = json.load(open(f))
    default_roles = doc.get("defaults", {}).get("role", [])
    for r in doc["rules"]:
        r = dict(r)
        r.setdefault("role", default_roles)
        rules.append(r)

arch_alias = {"x86_64": "x86_64", "i386": "x86_32", "arm": "arm", "arm64": "arm64"}
def expected(role, arch, mode, v):
    out = []
    for r in rules:
        if role and r["role"] and role not in r["role"]: continue
        if arch and r.get("arch") and arch_alias[arch] not in r["arch"]: continue
        if mode and r.get("mode") and mode not in r["mode"]: continue
        if v and "since" in r and ver(v) < ver(r["since"]): continue
        if v and "until" in r and not ver(v) < ver(r["until"]): continue
        out.append(r["id"])
    return out

cases = 0
for role in ["", "dom0", "domU"]:
    for arch in ["", "x86_64", "i386", "arm", "arm64"]:
        for mode in ["", "pv", "pvh", "hvm"]:
            for v in ["", "2.6.32", "4.19", "5.10", "6.12", "7.3"]:
                args = [xencfg, "rules", "--ids"]
                if role: args += ["--role", role]
                if arch: args += ["--arch", arch]
                if mode: args += ["--mode", mode]
                if v: args += ["--kernel-version", v]
                got = subprocess.run(args, capture_output=True, text=True, check=True).stdout.split()
                want = expected(role, arch, mode, v)
                cases += 1
                if got != want:
                    fail(f"{' '.join(args[1:])}: got {got}, want {want}")
print(f"rules test: {cases} filter combinations match the rules files")

kb = sorted((d for d in os.listdir(os.path.join(repo, "kb")) if os.path.isdir(os.path.join(repo, "kb", d))), key=ver)
got = subprocess.run([xencfg, "rules", "--versions"], capture_output=True, text=True, check=True).stdout.split()
if got != kb:
    fail(f"rules --versions: got {got}, want {kb}")

for r in rules:
    p = subprocess.run([xencfg, "explain", r["id"], "--format", "json"], capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"explain {r['id']}: exit {p.returncode}: {p.stderr}")
        continue
    j = json.loads(p.stdout)
    for k in ["severity", "rationale", "source"]:
        if j.get(k) != r.get(k):
            fail(f"explain {r['id']}: {k} is {j.get(k)!r}, the file says {r.get(k)!r}")
print(f"rules test: explain agrees with the files for {len(rules)} rules")
p = subprocess.run([xencfg, "explain", "domU.blkfrnt"], capture_output=True, text=True)
if p.returncode != 2 or "domU.blkfront" not in p.stderr:
    fail(f"explain domU.blkfrnt: exit {p.returncode}, {p.stderr!r} (want exit 2 suggesting domU.blkfront)")
sys.exit(1 if failures else 0)
PY
