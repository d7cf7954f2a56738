#!/usr/bin/env bash
# Runs the CI examples of docs/ci/ on the packaging-repository example of
# docs/packaging/example/ with the xencfg under test, and checks what they
# produce:
#   - docs/ci/github-sarif.yml: the `xencfg check` step writes SARIF 2.1.0
#     files that upload-sarif accepts (version, tool.driver, rules, results
#     with a ruleId and a location in the fragment);
#   - docs/ci/gitlab-junit.yml: the job's script writes JUnit XML files that
#     match `artifacts:reports:junit` (testsuites > testsuite > testcase);
#   - docs/packaging/example/.pre-commit-config.yaml is a valid pre-commit
#     configuration using hooks that .pre-commit-hooks.yaml defines.
#   - the install steps of both CI files name every Debian package the build
#     needs (each find_package of CMakeLists.txt, outside the tests), and
#     apt-get can install them (apt-get install --simulate: the names exist
#     and their dependencies resolve; skipped when apt-get is missing).
# The install steps are not run for real: the xencfg under test is put on PATH.
# The example flavours are meant to pass: a step must exit 0.
#
#   tests/docs/run.sh XENCFG
set -euo pipefail

xencfg=$(realpath -- "${1:?usage: $0 XENCFG}")
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/xencfg-docs.XXXXXX")
trap 'rm -rf -- "$work"' EXIT
mkdir -p "$work/bin"
ln -s "$xencfg" "$work/bin/xencfg"
export PATH="$work/bin:$PATH" NO_COLOR=1 XENCFG_CACHE_DIR=$work/cache

python3 -c 'import yaml' 2>/dev/null || { echo "SKIP: python3-yaml is missing"; exit 77; }

python3 - "$repo" "$work" <<'PY'
import glob, json, os, subprocess, sys, shutil
import xml.etree.ElementTree as ET
import yaml

repo, work = sys.argv[1], sys.argv[2]
example = os.path.join(repo, "docs/packaging/example")
failures = []

def fail(msg):
    failures.append(msg)
    print("FAIL " + msg)

def run_in_copy(name, script):
    d = os.path.join(work, name)
    shutil.copytree(example, d)
    p = subprocess.run(["bash", "-e", "-c", script], cwd=d, capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        fail(f"{name}: script exited {p.returncode}\n{p.stderr}")
    return d

# The install steps: every build dependency, and names apt-get can install.
# The Debian package of each CMake package xencfg's build looks for.
cmake_to_debian = {
    "Boost": "libboost-program-options-dev", "nlohmann_json": "nlohmann-json3-dev",
    "fmt": "libfmt-dev", "Threads": None, "cryptominisat5": "libcryptominisat5-dev",
    "ZLIB": "zlib1g-dev", "LibLZMA": "liblzma-dev", "tomlplusplus": "libtomlplusplus-dev", "inih": "libinih-dev",
    "GTest": None,  # GTest: tests only
}
cmakelists = open(os.path.join(repo, "CMakeLists.txt")).read()
needed = set()
import re
for name in re.findall(r"^find_package\((\w+)", cmakelists, re.M):
    if name not in cmake_to_debian:
        fail(f"CMakeLists.txt: find_package({name}): which Debian package provides it? (add it here and to docs/ci)")
    elif cmake_to_debian[name]:
        needed.add(cmake_to_debian[name])
needed |= {"cmake", "build-essential", "git", "ca-certificates"}
def apt_packages(script):
    pkgs = []
    # Shell line continuations first, then each install command's words.
    for cmd in re.findall(r"apt-get install([^\n]*)", script.replace("\\\n", " ")):
        pkgs += [w for w in cmd.split() if not w.startswith("-")]
    return pkgs
gh = yaml.safe_load(open(os.path.join(repo, "docs/ci/github-sarif.yml")))
gl = yaml.safe_load(open(os.path.join(repo, "docs/ci/gitlab-junit.yml")))["xencfg"]
for name, script in [("github-sarif.yml", "\n".join(s.get("run", "") for s in gh["jobs"]["xencfg"]["steps"])),
                     ("gitlab-junit.yml", "\n".join(gl["before_script"]))]:
    pkgs = apt_packages(script)
    before = len(failures)
    if not pkgs:
        fail(f"{name}: no apt-get install step")
        continue
    missing = needed - set(pkgs)
    if missing:
        fail(f"{name}: the install step lacks {sorted(missing)}")
    if shutil.which("apt-get"):
        p = subprocess.run(["apt-get", "install", "--simulate", "-y", "--no-install-recommends"] + pkgs,
                           capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if p.returncode != 0:
            fail(f"{name}: apt-get install --simulate {' '.join(pkgs)}: {p.stdout[-500:]}{p.stderr}")
    if len(failures) == before:
        print(f"PASS {name} install step ({len(pkgs)} packages, apt-get install --simulate)")

# GitHub Actions + SARIF
wf = yaml.safe_load(open(os.path.join(repo, "docs/ci/github-sarif.yml")))
steps = wf["jobs"]["xencfg"]["steps"]
check = [s for s in steps if "xencfg check" in s.get("run", "")]
upload = [s for s in steps if "upload-sarif" in s.get("uses", "")]
if len(check) != 1 or len(upload) != 1:
    fail("github-sarif.yml: expected one check step and one upload-sarif step")
else:
    if upload[0].get("if") != "always()":
        fail("github-sarif.yml: the upload must run when the check fails (if: always())")
    d = run_in_copy("github", check[0]["run"])
    files = sorted(glob.glob(os.path.join(d, upload[0]["with"]["sarif_file"], "*.sarif")))
    if len(files) != 3:
        fail(f"github: expected 3 SARIF files, got {files}")
    for f in files:
        s = json.load(open(f))
        ok = (s.get("version") == "2.1.0" and "sarif" in s.get("$schema", "")
              and len(s["runs"]) == 1 and s["runs"][0]["tool"]["driver"]["name"] == "xencfg"
              and s["runs"][0]["tool"]["driver"].get("rules"))
        if not ok:
            fail(f"github: {os.path.basename(f)} is not the SARIF upload-sarif expects")
            continue
        for r in s["runs"][0].get("results", []):
            loc = r["locations"][0]["physicalLocation"]
            if not r.get("ruleId") or not loc["artifactLocation"]["uri"].startswith("debian/config/"):
                fail(f"github: {os.path.basename(f)}: result without ruleId or repository-relative uri: {r}")
                break
    print(f"PASS github-sarif.yml ({len(files)} SARIF files)")

# GitLab CI + JUnit
job = yaml.safe_load(open(os.path.join(repo, "docs/ci/gitlab-junit.yml")))["xencfg"]
d = run_in_copy("gitlab", "\n".join(job["script"]))
pattern = job["artifacts"]["reports"]["junit"]
files = sorted(glob.glob(os.path.join(d, pattern)))
if len(files) != 3 or job["artifacts"].get("when") != "always":
    fail(f"gitlab: expected 3 JUnit files kept always, got {files}")
for f in files:
    root = ET.parse(f).getroot()
    cases = root.findall("./testsuite/testcase")
    if root.tag != "testsuites" or not cases:
        fail(f"gitlab: {os.path.basename(f)} is not JUnit XML with test cases")
print(f"PASS gitlab-junit.yml ({len(files)} JUnit files)")

# The example's pre-commit configuration uses hooks that exist.
hooks = {h["id"] for h in yaml.safe_load(open(os.path.join(repo, ".pre-commit-hooks.yaml")))}
cfg = yaml.safe_load(open(os.path.join(example, ".pre-commit-config.yaml")))
used = {h["id"] for r in cfg["repos"] for h in r["hooks"]}
if not used <= hooks:
    fail(f"packaging example uses unknown hooks {used - hooks}")
if shutil.which("pre-commit"):
    p = subprocess.run(["pre-commit", "validate-config", os.path.join(example, ".pre-commit-config.yaml")],
                       capture_output=True, text=True)
    if p.returncode != 0:
        fail("pre-commit validate-config: " + p.stdout + p.stderr)
    p = subprocess.run(["pre-commit", "validate-manifest", os.path.join(repo, ".pre-commit-hooks.yaml")],
                       capture_output=True, text=True)
    if p.returncode != 0:
        fail("pre-commit validate-manifest: " + p.stdout + p.stderr)
print("PASS docs/packaging/example/.pre-commit-config.yaml")

sys.exit(1 if failures else 0)
PY
