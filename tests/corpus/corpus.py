#!/usr/bin/env python3
"""Corpus test: `xencfg check` verdicts on real configurations nobody here wrote.

    tests/corpus/corpus.py --xencfg build/xencfg [--versions 6.1,6.12] [-v]

Inputs (from scripts/fetch-trees.sh, $XENCFG_TREES_DIR, default <repo>/.cache/trees):
  - Debian's shipped configs linux-config-V/config.ARCH_FEATURESET_FLAVOUR.xz
    for amd64, i386, arm64 and armhf (5.10 to 7.3);
  - their savedefconfig forms, made with the tree's own conf --savedefconfig;
  - the arch's defconfig plus the kernel's own kernel/configs/xen.config (and
    arch/x86/configs/xen.config on x86), merged as `make defconfig xen.config`
    does (merge_config.sh, then olddefconfig), with the tree's own conf;
  - the xen.config fragments themselves, and fragments that break one role
    requirement each (xen.config plus one `# CONFIG_X is not set` line);
  - a fragment with what Yocto meta-virtualization's xen.cfg enables;
  - configs clang made (`make LLVM=1`): Debian's amd64 and arm64 configs
    through olddefconfig, and defconfig + xen.config, where this machine's
    clang is new enough for the tree (needs clang and ld.lld).
Each is judged per role and mode, without a tree (the shipped knowledge base)
and with --tree, and compared with the table of what Debian and the kernel
really support (EXPECTED below, written from Debian's documentation and the
trees' Kconfig, not from xencfg's output).

Generated inputs (savedefconfig, defconfig+xen.config) are cached outside the
clone in $XENCFG_CORPUS_CACHE (default ~/.cache/xencfg/corpus), keyed by the
input's content, the conf binary and this script's generation version.

A verdict "cannot decide without --tree" (JSON "undecided") is counted apart
when it comes without a tree: it is honest where the knowledge base cannot
derive a savedefconfig's defaults; with a tree it is wrong.

Output: one line per wrong verdict, an accuracy line per group, then
"N passed, N failed" alone on a line. Exit status: 0 all verdicts right, 1 any
wrong, 77 (SKIP) when no tree or Debian config is present at all.
"""

import argparse
import hashlib
import json
import lzma
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
GEN_VERSION = "1"
VERSIONS = ["5.10", "6.1", "6.12", "7.2", "7.3"]
DEB_TO_ARCH = {"amd64": "x86_64", "i386": "i386", "arm64": "arm64", "armhf": "arm"}
X86 = ("x86_64", "i386")


def vtuple(v):
    return tuple(int(x) for x in v.split("."))


# ---------------------------------------------------------------------------
# The truth table.
#
# Debian (kernel-team documentation, debian/config/*): every amd64 flavour
# (rt included) is built to run as Xen dom0 and as a PV, PVH and HVM domU;
# cloud-amd64 has no dom0 support. arm64 and armhf flavours run as dom0 and
# domU (one guest type). i386 686-pae runs only as a PVH or HVM domU: Linux
# removed 32-bit PV in 5.9, and a dom0 is PV or (64-bit only) PVH. i386 686
# (no PAE) has no Xen support at all.
# The kernel: a PVH dom0 needs XEN_DOM0 to accept XEN_PVH, which 5.10 does
# not (arch/x86/xen/Kconfig: "Xen PV Dom0 support", depends on XEN_PV) and
# 6.1 does.


def modes_of(arch, role):
    if arch not in X86:
        return ["any"]
    return ["any", "pv", "pvh"] if role == "dom0" else ["any", "pv", "pvh", "hvm"]


def pvh_dom0_exists(version):
    return vtuple(version) >= (6, 1)


def expect_full(arch, flavour, version, role, mode):
    """Verdict for a whole configuration of a Debian flavour (or of a kernel
    that, like one, has every Xen option on)."""
    if arch == "x86_64":
        if role == "dom0":
            if "cloud" in flavour:
                return False
            if mode == "pvh":
                return pvh_dom0_exists(version)
            return True
        return True
    if arch == "i386":
        if "pae" not in flavour:
            return False  # 686: no Xen at all
        if role == "dom0":
            return False
        return mode in ("any", "pvh", "hvm")
    return True  # arm64, armhf


def full_expectation(arch, flavour, version):
    """expect_full for one config, as a Case's f(role, mode)."""
    return lambda role, mode: expect_full(arch, flavour, version, role, mode)


# Fragments that break one requirement: (line, x86 only, {(role, mode): verdict}
# for the modes that are broken; every other role/mode keeps xen.config's).
BREAKERS = [
    ("# CONFIG_XEN is not set", False, {("dom0", "*"): False, ("domU", "*"): False}),
    # x86 only: on arm XEN_DOM0 has no prompt (on with XEN), so the line
    # changes nothing when merged.
    ("# CONFIG_XEN_DOM0 is not set", True, {("dom0", "*"): False}),
    ("# CONFIG_HVC_XEN is not set", False,
     {("dom0", "*"): False, ("domU", "pv"): False, ("domU", "pvh"): False,
      ("domU", "any@arm"): False}),
    ("# CONFIG_XEN_NETDEV_BACKEND is not set", False, {("dom0", "*"): False}),
    ("# CONFIG_XEN_DEV_EVTCHN is not set", False, {("dom0", "*"): False}),
    ("# CONFIG_XEN_BLKDEV_FRONTEND is not set", False,
     {("domU", "pv"): False, ("domU", "pvh"): False, ("domU", "any@arm"): False}),
    ("# CONFIG_XEN_NETDEV_FRONTEND is not set", False,
     {("domU", "pv"): False, ("domU", "pvh"): False, ("domU", "any@arm"): False}),
    ("# CONFIG_XEN_PV is not set", True, {("dom0", "pv"): False, ("domU", "pv"): False}),
    ("# CONFIG_XEN_PVH is not set", True, {("dom0", "pvh"): False, ("domU", "pvh"): False}),
    # x86 only: on arm XEN selects PARAVIRT, so the line changes nothing.
    ("# CONFIG_PARAVIRT is not set", True, {("dom0", "*"): False, ("domU", "*"): False}),
]


def expect_breaker(breaks, arch, version, role, mode):
    key_any = (role, "*")
    if key_any in breaks:
        return breaks[key_any]
    if mode == "any" and arch in X86:
        # "any" passes when one guest type does: with XEN_PV off, a 5.10
        # dom0 (PV only there) has no type left.
        return any(expect_breaker(breaks, arch, version, role, m)
                   for m in modes_of(arch, role) if m != "any")
    if (role, mode) in breaks:
        return breaks[(role, mode)]
    if arch not in X86 and (role, "any@arm") in breaks:
        return breaks[(role, "any@arm")]
    return expect_full(arch, "xen.config", version, role, mode)


# ---------------------------------------------------------------------------
# Inputs


class Case:
    def __init__(self, group, name, path, arch, version, expect, extra=(), tree_ok=True,
                 kb_args=()):
        self.group = group        # "debian", "savedefconfig", "defconfig+xen", ...
        self.name = name          # shown in messages
        self.path = path          # file to check
        self.arch = arch          # kernel ARCH
        self.version = version    # tree version "6.12"
        self.expect = expect      # f(role, mode) -> bool
        self.extra = list(extra)  # extra check arguments (both knowledges)
        self.kb_args = list(kb_args)  # extra arguments without a tree
        self.tree_ok = tree_ok


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


class Trees:
    def __init__(self, trees_dir, cache_dir, work):
        self.dir = trees_dir
        self.cache = cache_dir
        self.work = work
        self._env = {}

    def source(self, v):
        d = os.path.join(self.dir, "linux-source-" + v)
        return d if os.path.isfile(os.path.join(d, "Kconfig")) else None

    def conf(self, v):
        c = os.path.join(self.dir, "conf-" + v, "conf")
        return c if os.access(c, os.X_OK) else None

    def env(self, v, arch):
        key = (v, arch)
        if key not in self._env:
            out = subprocess.run(["bash", os.path.join(REPO, "scripts", "conf-env.sh"),
                                  self.source(v), arch], capture_output=True, text=True,
                                 check=True).stdout
            self._env[key] = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
        return self._env[key]

    def run_conf(self, v, arch, config, *args):
        """Run the tree's conf with KCONFIG_CONFIG=config (out of tree).

        conf --olddefconfig also writes include/config/auto.conf (with a
        file per symbol beside it), include/generated/autoconf.h and
        rustc_cfg when auto.conf is absent, and 5.10's conf writes
        include/config/auto.conf.cmd relative to its working directory.
        They go to a directory of this run's instead (one per version and
        arch, so they are written once), which is also conf's working
        directory: it finds Kconfig through $srctree, as in an O= build."""
        if not getattr(self, "_auto", None):
            self._auto = tempfile.TemporaryDirectory(prefix="xencfg-conf-auto-")
        auto = os.path.join(self._auto.name, "%s-%s" % (v, arch))
        os.makedirs(os.path.join(auto, "config"), exist_ok=True)
        config = os.path.abspath(config)
        env = self.env(v, arch)
        env = dict(env, KCONFIG_CONFIG=config,
                   KCONFIG_AUTOCONFIG=os.path.join(auto, "config", "auto.conf"),
                   KCONFIG_AUTOHEADER=os.path.join(auto, "autoconf.h"),
                   KCONFIG_RUSTCCFG=os.path.join(auto, "rustc_cfg"))
        r = subprocess.run([self.conf(v), *args, "Kconfig"], cwd=auto, env=env,
                           capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            raise RuntimeError("conf %s failed on %s/%s: %s" % (" ".join(args), v, arch,
                                                                 r.stderr[-500:]))

    def cached(self, kind, key_parts, make):
        """A generated file cached by the hash of what it is made from."""
        h = hashlib.sha256(("\0".join([GEN_VERSION, kind] + key_parts)).encode()).hexdigest()[:32]
        path = os.path.join(self.cache, kind, h)
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            tmp = path + ".tmp%d" % os.getpid()
            make(tmp)
            os.replace(tmp, path)
        return path


def debian_configs(trees, v):
    d = os.path.join(trees.dir, "linux-config-" + v)
    if not os.path.isdir(d):
        return []
    out = []
    for f in sorted(os.listdir(d)):
        m = re.match(r"config\.([a-z0-9]+)_([a-z]+)_([a-z0-9-]+)\.xz$", f)
        if not m or m.group(1) not in DEB_TO_ARCH:
            continue
        out.append((m.group(1), m.group(2), m.group(3), os.path.join(d, f)))
    return out


def merge_fragment(base_text, fragment_text):
    """scripts/kconfig/merge_config.sh: every symbol the fragment sets loses
    its line in the base, and the fragment is appended."""
    names = set(re.findall(r"^(?:# )?CONFIG_([A-Za-z0-9_]+)[= ]", fragment_text, re.M))
    kept = [l for l in base_text.splitlines()
            if not (m := re.match(r"^(?:# )?CONFIG_([A-Za-z0-9_]+)[= ]", l)) or
            m.group(1) not in names]
    return "\n".join(kept) + "\n" + fragment_text


def xen_fragment_text(trees, v, arch):
    src = trees.source(v)
    parts = [os.path.join(src, "kernel", "configs", "xen.config")]
    if arch in X86:
        parts.append(os.path.join(src, "arch", "x86", "configs", "xen.config"))
    text = ""
    for p in parts:
        if os.path.isfile(p):
            with open(p) as f:
                text += f.read()
    return text


KBUILD_DEFCONFIG = {"x86_64": "x86_64_defconfig", "i386": "i386_defconfig",
                    "arm64": "defconfig", "arm": "multi_v7_defconfig"}
SRCARCH = {"x86_64": "x86", "i386": "x86", "arm64": "arm64", "arm": "arm"}


def clang_version():
    """This machine's clang as "14.0.6", or None without clang and ld.lld
    (LLVM=1 needs both)."""
    if not (shutil.which("clang") and shutil.which("ld.lld")):
        return None
    out = subprocess.run(["clang", "--version"], capture_output=True, text=True).stdout
    m = re.search(r"clang version (\d+\.\d+\.\d+)", out)
    return m.group(1) if m else None


def clang_cases(trees, v, work):
    """Configs another toolchain made: the kernel's own `make LLVM=1` (clang,
    ld.lld) on Debian's amd64 and arm64 configs (olddefconfig) and on
    defconfig + xen.config. Such a config records CC_IS_CLANG=y, GCC_VERSION=0
    and no line for CC_IS_GCC, and it is judged on this machine, whose
    compiler is gcc: its verdicts are those of the same config made by gcc.
    Made with make (O=, out of tree), as its users make it; a tree whose
    minimum LLVM is newer than this machine's clang (7.x: 17) has none, and
    says so."""
    src = trees.source(v)
    have = clang_version()
    if not src or not have:
        print("corpus: no clang-made configs for %s: %s" % (
            v, "no tree" if not src else "this machine has no clang and ld.lld"))
        return []
    minimum = subprocess.run(["sh", os.path.join(src, "scripts", "min-tool-version.sh"), "llvm"],
                             capture_output=True, text=True).stdout.strip()
    if minimum and vtuple(minimum) > vtuple(have):
        print("corpus: no clang-made configs for %s: it needs LLVM %s, this machine has %s" % (
            v, minimum, have))
        return []
    debian = {deb_arch: xz for deb_arch, featureset, flavour, xz in debian_configs(trees, v)
              if featureset == "none" and flavour == deb_arch}
    cases = []
    for arch, deb_arch in (("x86_64", "amd64"), ("arm64", "arm64")):
        inputs = []
        if deb_arch in debian:
            inputs.append(("%s/%s_none_%s by clang" % (v, deb_arch, deb_arch), debian[deb_arch],
                           "olddefconfig", deb_arch))
        frag = xen_fragment_text(trees, v, arch)
        if frag:
            inputs.append(("%s/%s %s + xen.config by clang" % (v, arch, KBUILD_DEFCONFIG[arch]),
                           None, KBUILD_DEFCONFIG[arch] + " xen.config", "686-pae"))
        for name, xz, targets, flavour in inputs:
            def make(out, xz=xz, targets=targets, arch=arch):
                with tempfile.TemporaryDirectory(prefix="xencfg-clang-") as o:
                    if xz:
                        with lzma.open(xz, "rb") as fi, open(os.path.join(o, ".config"),
                                                              "wb") as fo:
                            shutil.copyfileobj(fi, fo)
                    r = subprocess.run(["make", "-s", "-C", src, "O=" + o, "ARCH=" + arch,
                                        "LLVM=1", *targets.split()],
                                       capture_output=True, text=True, timeout=900)
                    if r.returncode != 0:
                        raise RuntimeError("make LLVM=1 %s failed on %s/%s: %s" % (
                            targets, v, arch, (r.stdout + r.stderr)[-500:]))
                    shutil.copy(os.path.join(o, ".config"), out)
            key = [sha256_file(xz) if xz else "", targets, have, v, arch,
                   sha256_file(os.path.join(src, "Makefile"))]
            path = trees.cached("clang", key, make)
            with open(path) as f:
                if "CONFIG_CC_IS_CLANG=y" not in f.read():
                    raise RuntimeError("%s: make LLVM=1 wrote no CONFIG_CC_IS_CLANG=y" % name)
            exp = full_expectation(arch, flavour, v)
            cases.append(Case("clang", name, path, arch, v, exp))
    return cases


def collect(trees, versions, work):
    cases = []
    for v in versions:
        src, conf = trees.source(v), trees.conf(v)
        for deb_arch, featureset, flavour, xz in debian_configs(trees, v):
            arch = DEB_TO_ARCH[deb_arch]
            name = "%s/%s_%s_%s" % (v, deb_arch, featureset, flavour)
            full = os.path.join(work, name.replace("/", "_") + ".config")
            with lzma.open(xz, "rb") as fi, open(full, "wb") as fo:
                shutil.copyfileobj(fi, fo)
            exp = full_expectation(arch, flavour, v)
            cases.append(Case("debian", name, full, arch, v, exp))
            if src and conf:
                def make_sdc(out, full=full, v=v, arch=arch):
                    tmp = out + ".in"
                    shutil.copy(full, tmp)
                    trees.run_conf(v, arch, tmp, "--savedefconfig=" + out)
                    os.unlink(tmp)
                    for p in (tmp + ".old",):
                        if os.path.exists(p):
                            os.unlink(p)
                sdc = trees.cached("savedefconfig", [sha256_file(full), sha256_file(conf), v,
                                                     arch], make_sdc)
                # A savedefconfig file names neither arch nor version: the
                # user says them, as for `make ARCH=... defconfig`.
                cases.append(Case("savedefconfig", name + ".savedefconfig", sdc, arch, v, exp,
                                  extra=["--arch", arch], kb_args=["--kernel-version", v]))
        if not (src and conf):
            continue
        for arch in ("x86_64", "i386", "arm64", "arm"):
            frag = xen_fragment_text(trees, v, arch)
            if not frag:
                continue
            defconfig = os.path.join(src, "arch", SRCARCH[arch], "configs", KBUILD_DEFCONFIG[arch])

            def make_merged(out, v=v, arch=arch, defconfig=defconfig, frag=frag):
                tmp = out + ".in"
                open(tmp, "w").close()
                trees.run_conf(v, arch, tmp, "--defconfig=" + defconfig)
                with open(tmp) as f:
                    merged = merge_fragment(f.read(), frag)
                with open(tmp, "w") as f:
                    f.write(merged)
                trees.run_conf(v, arch, tmp, "--olddefconfig")
                os.replace(tmp, out)
                if os.path.exists(tmp + ".old"):
                    os.unlink(tmp + ".old")
            merged = trees.cached("defconfig-xen", [sha256_file(defconfig), frag,
                                                    sha256_file(conf), v, arch], make_merged)
            with open(merged) as f:
                mtext = f.read()
            # i386: xen.config asks for HIGHMEM64G (PAE), but i386_defconfig's
            # CPU type (M686) is not one XEN accepts, so conf's result has no
            # XEN at all, as on Debian's 686 flavour (a fact of conf's output,
            # not xencfg's).
            flavour = "686-pae" if arch != "i386" or "CONFIG_XEN=y" in mtext else "686"
            exp = full_expectation(arch, flavour, v)
            cases.append(Case("defconfig+xen", "%s/%s %s + xen.config" % (
                v, arch, KBUILD_DEFCONFIG[arch]), merged, arch, v, exp))
            if arch == "i386":
                continue  # the x86 fragment sets 64BIT: it is a 64-bit fragment
            fpath = os.path.join(work, "%s_%s_xen.config" % (v, arch))
            with open(fpath, "w") as f:
                f.write(frag)
            fexp = (lambda a, ver: lambda role, mode: expect_full(a, "xen.config", ver, role,
                                                                  mode))(arch, v)
            fargs = ["--fragment", "--arch", arch]
            cases.append(Case("xen.config", "%s/%s xen.config" % (v, arch), fpath, arch, v, fexp,
                              extra=fargs, kb_args=["--kernel-version", v]))
            for line, x86_only, breaks in BREAKERS:
                if x86_only and arch not in X86:
                    continue
                sym = re.search(r"CONFIG_(\w+)", line).group(1)
                bpath = os.path.join(work, "%s_%s_xen.config-no-%s" % (v, arch, sym))
                with open(bpath, "w") as f:
                    f.write(merge_fragment(frag, line + "\n"))
                bexp = (lambda b, a, ver: lambda role, mode: expect_breaker(b, a, ver, role,
                                                                            mode))(breaks, arch, v)
                cases.append(Case("breaker", "%s/%s xen.config + %s" % (v, arch, line), bpath, arch,
                                  v, bexp, extra=fargs, kb_args=["--kernel-version", v]))
        cases += clang_cases(trees, v, work)
        # Yocto meta-virtualization's xen.cfg (recipes-kernel/linux/
        # linux-yocto/xen.cfg): what it enables, as a fragment.
        ypath = os.path.join(HERE, "yocto-xen.cfg")
        if os.path.isfile(ypath):
            for arch in ("x86_64", "arm64"):
                yexp = (lambda a, ver: lambda role, mode: expect_full(a, "xen.config", ver, role,
                                                                      mode))(arch, v)
                cases.append(Case("yocto", "%s/%s yocto xen.cfg" % (v, arch), ypath, arch, v,
                                  yexp, extra=["--fragment", "--arch", arch],
                                  kb_args=["--kernel-version", v]))
    return cases


# ---------------------------------------------------------------------------
# Judging


# Verdicts still wrong, each line "KNOWLEDGE ROLE MODE NAME-REGEX" (# comments):
# they are reported as KNOWN and counted in the accuracy, but do not fail the
# test; one that becomes right is reported as FIXED. The table above stays
# the truth; this list only says which of its rows xencfg does not meet yet.
KNOWN_WRONG = []


def load_known_wrong():
    path = os.path.join(HERE, "known-wrong.txt")
    if not os.path.isfile(path):
        return
    for line in open(path):
        line = line.split("#", 1)[0].strip()
        if line:
            kn, role, mode, rx = line.split(None, 3)
            KNOWN_WRONG.append((kn, role, mode, re.compile(rx)))


def is_known_wrong(kn, role, mode, name):
    return any((k in ("*", kn)) and (r in ("*", role)) and (m in ("*", mode)) and rx.search(name)
               for k, r, m, rx in KNOWN_WRONG)


def report_verdicts_text(text):
    """input -> "pass"/"fail" from the text report's verdict lines."""
    out = {}
    for line in text.splitlines():
        m = re.match(r"^(.*): (PASS|FAIL|UNDECIDED)( \(.*\))?$", line)
        if m:
            out[m.group(1)] = m.group(2).lower()
    return out


def report_modes_text(text):
    """input -> {"domU/pv": "pass"/"FAIL"/"UNDECIDED"/"n/a"} from each
    report's "  modes:" line (it comes before that report's verdict line)."""
    out, pending = {}, None
    for line in text.splitlines():
        if line.startswith("  modes: "):
            pending = dict(re.findall(r"(\S+) (pass|FAIL|UNDECIDED|n/a)", line[len("  modes: "):]))
            continue
        m = re.match(r"^(.*): (PASS|FAIL|UNDECIDED)( \(.*\))?$", line)
        if m and pending is not None:
            out[m.group(1)] = pending
            pending = None
    return out


def json_modes(report):
    """The same, from a JSON report's modes."""
    out = {}
    for m in report.get("modes", []):
        label = m["role"] if m["mode"] == "default" else "%s/%s" % (m["role"], m["mode"])
        out[label] = ("n/a" if not m["applicable"] else "pass" if m["pass"] else
                      "UNDECIDED" if m.get("undecided") else "FAIL")
    return out


def check_formats(cmd, group, verdicts):
    """The same run in text, SARIF and JUnit (and its exit status) must say
    what the JSON report says, for every input: (case, why) per mismatch."""
    base = [a for a in cmd if a not in ("--format", "json")]
    paths = [c.path for c in group]
    runs = {}
    for fmt in ("text", "sarif", "junit"):
        runs[fmt] = subprocess.run(base + ["--format", fmt] + paths, capture_output=True,
                                   text=True)
    text = report_verdicts_text(runs["text"].stdout)
    text_modes = report_modes_text(runs["text"].stdout)
    sarif_fail = set()
    # Why an input is undecided, as each format carries it as data: SARIF's
    # xencfg.undecided result property, JUnit's suite property (every suite
    # of the input must carry the same one).
    sarif_because, junit_because = {}, {}
    try:
        doc = json.loads(runs["sarif"].stdout)
        for res in doc["runs"][0]["results"]:
            uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            if res["level"] == "error" and not res.get("suppressions"):
                sarif_fail.add(uri)
            if res.get("ruleId") == "xencfg.undecided":
                sarif_because[uri] = res.get("properties", {}).get("undecided_because")
    except (ValueError, KeyError, IndexError):
        pass
    junit_fail = set()
    for m in re.finditer(r'<testsuite name="(.*?) \[[^"]*\]" tests="\d+" failures="(\d+)"'
                         r'[^>]*>\n(    <properties>\n      <property name="undecided_because" '
                         r'value="([^"]*)"/>)?',
                         runs["junit"].stdout):
        if int(m.group(2)) > 0:
            junit_fail.add(m.group(1))
        junit_because.setdefault(m.group(1), set()).add(m.group(4))
    out = []
    worst = 0
    for c in group:
        got = verdicts.get(c.path, ("error", None))[0]
        if got == "error":
            continue
        worst = max(worst, 0 if got == "pass" else 1)
        seen = {"text": text.get(c.path, "missing"),
                "sarif": "fail" if c.path in sarif_fail else "pass",
                "junit": "fail" if c.path in junit_fail else "pass"}
        # Undecided is a failing verdict in SARIF and JUnit (an error
        # result, a failure), and says so in the text verdict line.
        want = {"text": got, "sarif": "fail" if got == "undecided" else got,
                "junit": "fail" if got == "undecided" else got}
        bad = ["%s says %s" % (k, v) for k, v in seen.items() if v != want[k]]
        # Each mode's verdict too: the text's modes line against JSON's.
        want_modes = json_modes(verdicts[c.path][1])
        if want_modes and text_modes.get(c.path) != want_modes:
            bad.append("text says modes %s, json %s" % (text_modes.get(c.path), want_modes))
        because = verdicts[c.path][1].get("undecided_because")
        if sarif_because.get(c.path) != because:
            bad.append("sarif says undecided_because %s" % sarif_because.get(c.path))
        if junit_because.get(c.path, {None}) != {because}:
            bad.append("junit says undecided_because %s" % sorted(
                map(str, junit_because.get(c.path, {None}))))
        if bad:
            out.append((c, "json says %s, %s" % (got, ", ".join(bad))))
    for fmt, r in runs.items():
        if r.returncode != worst and len(out) == 0 and group:
            out.append((group[0], "exit status %d with --format %s, the reports' worst is %d"
                        % (r.returncode, fmt, worst)))
            break
    return out


# Groups of whole configs written by conf itself (as opposed to fragments and
# savedefconfigs, whose lines olddefconfig may well drop).
WRITTEN_BY_CONF = ("debian", "defconfig+xen", "clang")


def judge(xencfg, trees, cases, knowledges, verbose, log, formats=False, extra_args=()):
    """Run check per (knowledge, version, arch, role, mode, args) group with
    every input of the group at once; compare each report's verdict."""
    # (group, knowledge) -> [right, wrong, known wrong, undecided]
    results = defaultdict(lambda: [0, 0, 0, 0])
    wrong_lines = []
    groups = defaultdict(list)
    for c in cases:
        for kn in knowledges:
            if kn == "tree" and not (c.tree_ok and trees.source(c.version)):
                continue
            for role in ("dom0", "domU"):
                for mode in modes_of(c.arch, role):
                    args = list(c.extra) + (c.kb_args if kn == "kb" else [])
                    groups[(kn, c.version, c.arch, role, mode, tuple(args))].append(c)
    tree_loadable = {}
    for (kn, v, arch, role, mode, args), group in sorted(groups.items()):
        cmd = [xencfg, "check", "--role", role, "--format", "json"] + list(args) + list(extra_args)
        if mode != "any":
            cmd += ["--mode", mode]
        if kn == "tree":
            key = (v, arch)
            if key not in tree_loadable:
                r = subprocess.run([xencfg, "load", "--tree", trees.source(v), "--arch", arch,
                                    "--format", "text"], capture_output=True, text=True)
                tree_loadable[key] = r.returncode == 0
                if r.returncode != 0:
                    log("note: tree %s does not load for %s (%s): its --tree cases are skipped"
                        % (v, arch, (r.stderr.strip().splitlines() or ["?"])[-1][:200]))
            if not tree_loadable[key]:
                continue
            cmd += ["--tree", trees.source(v)]
        # One input per run would be simplest but slow; all inputs of the
        # group in one run, each with its report. An input error (exit 2)
        # is retried input by input so the others still count.
        batches = [group]
        verdicts = {}
        while batches:
            batch = batches.pop()
            r = subprocess.run(cmd + [c.path for c in batch], capture_output=True, text=True)
            if r.returncode == 2 or not r.stdout.strip():
                if len(batch) > 1:
                    batches.extend([[c] for c in batch])
                    continue
                verdicts[batch[0].path] = ("error", r.stderr.strip().splitlines()[-1:]
                                           if r.stderr.strip() else ["exit %d" % r.returncode])
                continue
            doc = json.loads(r.stdout)
            for rep in doc["reports"]:
                verdicts[rep["input"]] = ("pass" if rep["pass"] else
                                          "undecided" if rep.get("undecided") else "fail", rep)
        if formats:
            disagree = check_formats(cmd, group, verdicts)
            results[("formats", kn)][0] += len(group) - len(disagree)
            results[("formats", kn)][1] += len(disagree)
            wrong_lines.extend("DISAGREE %s %s %s %s: %s" % (kn, role, mode, c.name, why)
                               for c, why in disagree)
        # A config conf wrote (Debian's, defconfig + xen.config, clang's)
        # loses no line on its own release's tree but by the toolchain, or
        # by the patches of another source tree (Debian's rt featureset),
        # which are info: a warning or error that a line is dropped or
        # changed would fail --strict on a config nothing is wrong with.
        # Debian's rt featureset is left out: its configs come from the
        # RT-patched source (debian/patches-rt), which linux-source does not
        # apply, so the tree here is not theirs. Where they name a symbol
        # the tree lacks (amd64's PREEMPT_LAZY) xencfg can tell, and their
        # changes are info; arm64's rt config names none (PREEMPT=y beside
        # PREEMPT_RT=y, one choice in vanilla 6.12), so nothing can. A
        # knowledge base cannot see another source tree's symbols at all.
        for c in group if mode == "any" and kn == "tree" else []:
            got, detail = verdicts.get(c.path, ("error", None))
            if c.group not in WRITTEN_BY_CONF or "_rt_" in c.name or got == "error":
                continue  # an error is counted below
            drops = ["%s %s" % (f["rule_id"], f.get("symbol") or "") for f in detail["findings"]
                     if f["rule_id"] == "xencfg.dropped" and f["severity"] != "info"]
            results[("hygiene", kn)][1 if drops else 0] += 1
            if drops:
                wrong_lines.append("WRONG %-6s %-4s %-4s a line of conf's own is not info: %s: %s"
                                   % (kn, role, mode, c.name, "; ".join(drops[:4])))
        for c in group if not extra_args else []:  # --strict: only agreement is judged
            want = c.expect(role, mode)
            got, detail = verdicts.get(c.path, ("error", ["no report"]))
            ok = got == ("pass" if want else "fail")
            # Without a tree, "cannot decide without --tree" is honest: it
            # is counted apart, neither right nor wrong. A tree always decides.
            if got == "undecided" and kn == "kb":
                results[(c.group, kn)][3] += 1
                if verbose:
                    log("undec %-6s %-4s %-4s want %-4s  %s" % (kn, role, mode,
                                                                "pass" if want else "fail", c.name))
                if is_known_wrong(kn, role, mode, c.name):
                    wrong_lines.append("FIXED %s %s %s %s: undecided now, remove it from "
                                       "known-wrong.txt" % (kn, role, mode, c.name))
                continue
            results[(c.group, kn)][0 if ok else 1] += 1
            line = "%s %-6s %-4s %-4s %-5s want %-4s got %s" % (
                "ok   " if ok else "WRONG", kn, role, mode, "", "pass" if want else "fail", got)
            known = not ok and is_known_wrong(kn, role, mode, c.name)
            if known:
                results[(c.group, kn)][2] += 1
            if ok and is_known_wrong(kn, role, mode, c.name):
                wrong_lines.append("FIXED %s %s %s %s: right now, remove it from known-wrong.txt"
                                   % (kn, role, mode, c.name))
            if not ok:
                why = ""
                if got == "error":
                    why = " ".join(detail)
                elif got == "fail":
                    errs = [f for f in detail["findings"] if f["severity"] == "error" and
                            not f["suppressed"]]
                    why = "; ".join("%s %s" % (f["rule_id"], f.get("symbol") or "")
                                    for f in errs[:4]) + (" (+%d)" % (len(errs) - 4)
                                                           if len(errs) > 4 else "")
                wrong_lines.append("%s  %s: %s" % (line.replace("WRONG", "KNOWN") if known
                                                    else line, c.name, why))
            elif verbose:
                log("%s  %s" % (line, c.name))
    return results, wrong_lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xencfg", default=os.environ.get("XENCFG"))
    ap.add_argument("--versions", default=",".join(VERSIONS))
    ap.add_argument("--knowledge", default="kb,tree", help="kb, tree or both (comma-separated)")
    ap.add_argument("--groups", default="", help="only these case groups (comma-separated)")
    ap.add_argument("--formats", action="store_true",
                    help="also render text, SARIF and JUnit and check they agree with JSON and "
                         "the exit status")
    ap.add_argument("--strict", action="store_true", help="run check with --strict and judge "
                    "only that the formats agree (implies --formats)")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    load_known_wrong()
    if not a.xencfg or not os.access(a.xencfg, os.X_OK):
        print("corpus: no xencfg binary (--xencfg)", file=sys.stderr)
        return 2
    trees_dir = os.environ.get("XENCFG_TREES_DIR") or os.path.join(REPO, ".cache", "trees")
    cache_dir = (os.environ.get("XENCFG_CORPUS_CACHE") or
                 os.path.join(os.path.expanduser("~"), ".cache", "xencfg", "corpus"))
    with tempfile.TemporaryDirectory(prefix="xencfg-corpus.") as work:
        trees = Trees(trees_dir, cache_dir, work)
        versions = [v for v in a.versions.split(",") if v]
        cases = collect(trees, versions, work)
        if a.groups:
            cases = [c for c in cases if c.group in a.groups.split(",")]
        if not cases:
            print("corpus: SKIP: no Debian config or kernel tree in %s (scripts/fetch-trees.sh)"
                  % trees_dir)
            return 77
        results, wrong = judge(os.path.abspath(a.xencfg), trees, cases,
                               a.knowledge.split(","), a.verbose, print, a.formats or a.strict,
                               ["--strict"] if a.strict else [])
    for w in wrong:
        print(w)
    right = sum(r[0] for r in results.values())
    bad = sum(r[1] for r in results.values())
    known = sum(r[2] for r in results.values())
    undecided = sum(r[3] for r in results.values())
    for (group, kn), (r, w, k, u) in sorted(results.items()):
        print("accuracy %-14s %-4s %4d/%-4d %5.1f%%%s%s" % (
            group, kn, r, r + w, 100.0 * r / max(1, r + w),
            " (%d known wrong)" % k if k else "",
            " (+%d undecided without a tree)" % u if u else ""))
    print("accuracy total %d/%d %.1f%% (%d of the wrong ones known; %d undecided without a tree)"
          % (right, right + bad, 100.0 * right / max(1, right + bad), known, undecided))
    # Known-wrong verdicts do not fail the test; everything else does.
    print("%d passed, %d failed" % (right + known + undecided, bad - known))
    return 0 if bad == known else 1


if __name__ == "__main__":
    sys.exit(main())
