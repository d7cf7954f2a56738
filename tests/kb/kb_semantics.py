#!/usr/bin/env python3
"""The knowledge base computes what the tree computes.

    tests/kb/kb_semantics.py --xencfg build/xencfg [--versions 6.1,6.12] [--mutants 4] [-v]

kb_matches_trees shows that kb/<version>/<arch>.kconfig is what
`xencfg kb-extract` writes today; this test shows that what it writes is
right. An extract is a cut of the tree's symbol graph: the symbols past the
cut (and the toolchain-derived ones) take the .config's value. So, given the
values the tree's own conf computed for those, the extract must compute the
tree's value for every other symbol it holds. For each version and arch:

  1. an input (Debian's shipped configs for that arch, the arch's defconfig
     with the kernel's xen.config fragments merged as `make defconfig
     xen.config` does, the fragments alone, and mutants of the Debian configs
     with random settable symbols of the extract flipped) goes through the
     tree's conf --olddefconfig (environment: scripts/conf-env.sh);
  2. the same input, with the tree's results for the cut and
     toolchain-derived symbols in place of its own lines, goes through
     `xencfg kconfig olddefconfig` on a directory whose Kconfig is the
     extract;
  3. every other symbol of the extract must have the same value in both.

Nothing here comes from xencfg's own output: the reference is conf's.
Output: one line per differing symbol (the first few per input), then
"N passed, N failed" (inputs) alone on a line. Exit 0 when every input
agrees, 1 otherwise, 77 (SKIP) when no tree is present.
"""

import argparse
import lzma
import os
import random
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(REPO, "tests", "corpus"))
import corpus  # noqa: E402  (Trees, debian_configs, merge_fragment, ...)

ARCHES = ("x86_64", "i386", "arm64", "arm")
CUT_PROMPT = "(outside the knowledge base"
TOOLCHAIN_MARK = "# toolchain-derived"
LINE = re.compile(r"^(?:CONFIG_([A-Za-z0-9_]+)=(.*)|# CONFIG_([A-Za-z0-9_]+) is not set)$")


class Extract:
    """What the test needs to know of a kb file: its symbols, their types,
    which are at the cut or toolchain-derived, which can be set."""

    def __init__(self, path):
        self.path = path
        self.types = {}       # symbol -> bool/tristate/string/int/hex
        self.fixed = set()    # at the cut or toolchain-derived: the .config's value stands
        self.settable = []    # bool/tristate symbols inside the cut with a prompt
        self.version = None   # "6.12.117"
        name = None
        prompted = False
        with open(path) as f:
            text = f.read()
        m = re.search(r"^# kernel-version: (\S+)", text, re.M)
        self.version = m.group(1) if m else None
        for line in text.splitlines() + ["config"]:
            if line.startswith("config ") or line.strip() in ("config", "choice", "endchoice"):
                if name and prompted and name not in self.fixed and \
                        self.types.get(name) in ("bool", "tristate"):
                    self.settable.append(name)
                name = line.split()[1] if line.startswith("config ") else None
                prompted = False
                continue
            if name is None:
                continue
            s = line.strip()
            t = re.match(r"(bool|tristate|string|int|hex|def_bool|def_tristate)\b(.*)", s)
            if t:
                kind = t.group(1).replace("def_", "")
                self.types[name] = kind
                if CUT_PROMPT in t.group(2):
                    self.fixed.add(name)
                elif t.group(2).strip().startswith('"'):
                    prompted = True
            elif s.startswith("prompt "):
                prompted = True
            elif s.startswith(TOOLCHAIN_MARK):
                self.fixed.add(name)

    def tree_dir(self, work):
        """A directory `xencfg kconfig` loads as a tree: the extract as its
        Kconfig, and a Makefile with the extract's version (the dialect)."""
        d = os.path.join(work, "kb-" + os.path.basename(os.path.dirname(self.path)) + "-" +
                         os.path.basename(self.path))
        os.makedirs(d, exist_ok=True)
        with open(self.path) as f, open(os.path.join(d, "Kconfig"), "w") as o:
            o.write(f.read())
        m = re.match(r"(\d+)\.(\d+)\.(\d+)(\S*)", self.version or "")
        with open(os.path.join(d, "Makefile"), "w") as o:
            o.write("VERSION = %s\nPATCHLEVEL = %s\nSUBLEVEL = %s\nEXTRAVERSION = %s\n" %
                    (m.group(1), m.group(2), m.group(3), m.group(4)))
        return d


def values(text):
    """symbol -> value as written ('n' for "is not set")."""
    out = {}
    for line in text.splitlines():
        m = LINE.match(line)
        if m:
            if m.group(1):
                out[m.group(1)] = m.group(2)
            else:
                out[m.group(3)] = "n"
    return out


def value_of(vals, name, kind):
    v = vals.get(name)
    if v is None and kind in ("bool", "tristate"):
        return "n"
    return v


def with_fixed(input_text, tree_vals, ex):
    """The input with the tree's values for the extract's fixed symbols."""
    kept = [l for l in input_text.splitlines()
            if not ((m := LINE.match(l)) and (m.group(1) or m.group(3)) in ex.fixed)]
    for name in sorted(ex.fixed):
        v = tree_vals.get(name)
        if v is None:
            if ex.types.get(name) in ("bool", "tristate"):
                kept.append("# CONFIG_%s is not set" % name)
        elif v == "n":
            kept.append("# CONFIG_%s is not set" % name)
        else:
            kept.append("CONFIG_%s=%s" % (name, v))
    return "\n".join(kept) + "\n"


def mutate(text, ex, rng, count):
    """Flip `count` settable symbols of the extract to a random other value."""
    vals = values(text)
    names = rng.sample(ex.settable, min(count, len(ex.settable)))
    lines = [l for l in text.splitlines()
             if not ((m := LINE.match(l)) and (m.group(1) or m.group(3)) in names)]
    for name in names:
        choices = ["y", "n"] + (["m"] if ex.types[name] == "tristate" else [])
        old = vals.get(name, "n")
        new = rng.choice([c for c in choices if c != old])
        lines.append("# CONFIG_%s is not set" % name if new == "n" else "CONFIG_%s=%s" % (name, new))
    return "\n".join(lines) + "\n", names


def inputs_for(trees, v, arch, ex, work, mutants, rng):
    """(name, text) pairs for one version and arch."""
    out = []
    deb = [c for c in corpus.debian_configs(trees, v) if corpus.DEB_TO_ARCH[c[0]] == arch]
    for deb_arch, featureset, flavour, xz in deb:
        with lzma.open(xz, "rt") as f:
            text = f.read()
        name = "%s_%s_%s" % (deb_arch, featureset, flavour)
        out.append((name, text))
        for i in range(mutants):
            mutant, names = mutate(text, ex, rng, 12)
            out.append(("%s~%d(%s)" % (name, i, ",".join(names[:3]) + ",..."), mutant))
    frag = corpus.xen_fragment_text(trees, v, arch)
    if frag:
        out.append(("xen.config", frag))
        src = trees.source(v)
        defconfig = os.path.join(src, "arch", corpus.SRCARCH[arch], "configs",
                                 corpus.KBUILD_DEFCONFIG[arch])
        tmp = os.path.join(work, "defconfig.in")
        open(tmp, "w").close()
        trees.run_conf(v, arch, tmp, "--defconfig=" + defconfig)
        with open(tmp) as f:
            out.append(("defconfig+xen.config", corpus.merge_fragment(f.read(), frag)))
    return out


def run_tree(trees, v, arch, text, work):
    path = os.path.join(work, "tree.config")
    with open(path, "w") as f:
        f.write(text)
    trees.run_conf(v, arch, path, "--olddefconfig")
    with open(path) as f:
        return f.read()


def run_kb(xencfg, kbdir, arch, text, work):
    path = os.path.join(work, "kb.in")
    out = os.path.join(work, "kb.out")
    with open(path, "w") as f:
        f.write(text)
    r = subprocess.run([xencfg, "kconfig", "olddefconfig", "--tree", kbdir, "--arch", arch,
                        "--config", path, "-o", out, "--offline"],
                       capture_output=True, text=True, timeout=120)
    if r.returncode != 0:
        raise RuntimeError("xencfg kconfig on %s failed: %s" % (kbdir, r.stderr[-500:]))
    with open(out) as f:
        return f.read()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xencfg", required=True)
    ap.add_argument("--versions", default=",".join(corpus.VERSIONS))
    ap.add_argument("--arches", default=",".join(ARCHES))
    ap.add_argument("--mutants", type=int, default=3, help="mutants per Debian config")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    xencfg = os.path.abspath(args.xencfg)
    trees_dir = os.environ.get("XENCFG_TREES_DIR") or os.path.join(REPO, ".cache", "trees")
    trees = corpus.Trees(trees_dir, None, None)
    rng = random.Random(args.seed)
    passed = failed = 0
    present = False
    with tempfile.TemporaryDirectory(prefix="xencfg-kbsem-") as work:
        for v in args.versions.split(","):
            if not (trees.source(v) and trees.conf(v)):
                print("no tree for %s (scripts/fetch-trees.sh %s)" % (v, v))
                continue
            present = True
            for arch in args.arches.split(","):
                kbfile = os.path.join(REPO, "kb", v, arch + ".kconfig")
                if not os.path.isfile(kbfile):
                    print("FAIL %s/%s: no knowledge base %s" % (v, arch, kbfile))
                    failed += 1
                    continue
                ex = Extract(kbfile)
                kbdir = ex.tree_dir(work)
                inside = [s for s in ex.types if s not in ex.fixed]
                n_before = passed + failed
                for name, text in inputs_for(trees, v, arch, ex, work, args.mutants, rng):
                    tree_vals = values(run_tree(trees, v, arch, text, work))
                    kb_vals = values(run_kb(xencfg, kbdir, arch, with_fixed(text, tree_vals, ex),
                                            work))
                    diff = [(s, value_of(tree_vals, s, ex.types[s]),
                             value_of(kb_vals, s, ex.types[s])) for s in inside
                            if value_of(tree_vals, s, ex.types[s]) !=
                            value_of(kb_vals, s, ex.types[s])]
                    if diff:
                        failed += 1
                        shown = ", ".join("%s tree=%s kb=%s" % d for d in diff[:5])
                        print("FAIL %s/%s %s: %d of %d symbols differ: %s%s" %
                              (v, arch, name, len(diff), len(inside), shown,
                               ", ..." if len(diff) > 5 else ""))
                    else:
                        passed += 1
                        if args.verbose:
                            print("ok   %s/%s %s: %d symbols agree" % (v, arch, name, len(inside)))
                print("%s/%s: %d inputs, %d symbols inside the cut, %d at the cut or "
                      "toolchain-derived" % (v, arch, passed + failed - n_before, len(inside),
                                             len(ex.fixed)))
    if not present:
        print("SKIP: no kernel tree (scripts/fetch-trees.sh)")
        return 77
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
