#!/usr/bin/env python3
"""Corpus test: every suggestion `xencfg check` makes works on the real tree.

    tests/corpus/suggestions.py --xencfg build/xencfg [--versions 6.12] [-v]

For every full configuration of the corpus (Debian's shipped configs, their
savedefconfig forms, defconfig + xen.config: see corpus.py) and every role and
mode whose report fails, with and without a tree, each finding's `fix:` lines
must
  - not be in the file already (a suggestion that changes nothing is no fix),
  - and, merged onto the file as scripts/kconfig/merge_config.sh does and run
    through the tree's own conf --olddefconfig, give every symbol the value
    the line asks for (so the symbol is settable: its prompt visible under
    the dependencies the same lines establish, choices included).
The kernel's conf is the judge, not xencfg. Each report's explanation lines
must also be folded (no line longer than MAX_LINE characters).

Each (input, fix lines) pair is checked once; conf's results are cached in
$XENCFG_CORPUS_CACHE (default ~/.cache/xencfg/corpus), keyed by the input,
the lines and the conf binary.

Output: one line per broken suggestion, a count line, then "N passed, N
failed". Exit status 0 all work, 1 any broken, 77 (SKIP) without trees.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus  # noqa: E402  (the corpus's inputs, trees and merge_config model)

MAX_LINE = 400
SETTING = re.compile(r"^(?:CONFIG_(\w+)=(.*)|# CONFIG_(\w+) is not set)$")
FULL_GROUPS = ("debian", "savedefconfig", "defconfig+xen")


def parse_setting(line):
    """'CONFIG_X=y' -> ('X', 'y'); '# CONFIG_X is not set' -> ('X', 'n')."""
    m = SETTING.match(line.strip())
    if not m:
        return None
    if m.group(1):
        return m.group(1), m.group(2)
    return m.group(3), "n"


def settings_of(text):
    """The last value the text gives each symbol."""
    out = {}
    for line in text.splitlines():
        s = parse_setting(line)
        if s:
            out[s[0]] = s[1]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--xencfg", default=os.environ.get("XENCFG"))
    ap.add_argument("--versions", default=",".join(corpus.VERSIONS))
    ap.add_argument("--knowledge", default="kb,tree")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args()
    if not a.xencfg or not os.access(a.xencfg, os.X_OK):
        print("suggestions: no xencfg binary (--xencfg)", file=sys.stderr)
        return 2
    xencfg = os.path.abspath(a.xencfg)
    trees_dir = os.environ.get("XENCFG_TREES_DIR") or os.path.join(corpus.REPO, ".cache", "trees")
    cache_dir = (os.environ.get("XENCFG_CORPUS_CACHE") or
                 os.path.join(os.path.expanduser("~"), ".cache", "xencfg", "corpus"))
    broken, checked, long_lines = [], 0, []
    with tempfile.TemporaryDirectory(prefix="xencfg-suggestions.") as work:
        trees = corpus.Trees(trees_dir, cache_dir, work)
        versions = [v for v in a.versions.split(",") if v]
        cases = [c for c in corpus.collect(trees, versions, work)
                 if c.group in FULL_GROUPS and trees.source(c.version) and trees.conf(c.version)]
        if not cases:
            print("suggestions: SKIP: no kernel tree with conf in %s" % trees_dir)
            return 77
        # (input path) -> set of fix-line tuples, and who suggested them.
        todo = {}
        for c in cases:
            for kn in a.knowledge.split(","):
                for role in ("dom0", "domU"):
                    for mode in corpus.modes_of(c.arch, role):
                        cmd = [xencfg, "check", "--role", role, "--format", "json"] + c.extra
                        cmd += c.kb_args if kn == "kb" else ["--tree", trees.source(c.version)]
                        if mode != "any":
                            cmd += ["--mode", mode]
                        r = subprocess.run(cmd + [c.path], capture_output=True, text=True)
                        if r.returncode == 2 or not r.stdout.strip():
                            continue  # input errors are corpus.py's business
                        for rep in json.loads(r.stdout)["reports"]:
                            for f in rep["findings"]:
                                for e in f["explanation"] + [f["message"]]:
                                    if len(e) > MAX_LINE:
                                        long_lines.append("%s %s %s %s %s: %d characters" % (
                                            kn, role, mode, c.name, f["rule_id"], len(e)))
                                if f["fix"] and not f["suppressed"]:
                                    key = tuple(f["fix"])
                                    todo.setdefault((c.path, key), (c, "%s %s %s %s" % (
                                        kn, role, mode, f["rule_id"])))
        for (path, fix), (c, who) in sorted(todo.items(), key=lambda kv: (kv[0][0], kv[0][1])):
            checked += 1
            with open(path) as f:
                text = f.read()
            have = settings_of(text)
            # "# remove line N" (a symbol this kernel lacks): that line must
            # exist and set a symbol; nothing else to apply.
            removals = [l for l in fix if re.match(r"^# remove line \d+$", l)]
            for l in removals:
                n = int(l.rsplit(" ", 1)[1])
                lines = text.splitlines()
                if not (0 < n <= len(lines) and parse_setting(lines[n - 1])):
                    broken.append("%s %s: %s names no setting of the file" % (c.name, who, l))
            fix = tuple(l for l in fix if l not in removals)
            if not fix:
                continue
            wanted = [parse_setting(l) for l in fix]
            if None in wanted:
                broken.append("%s %s: unreadable fix line in %s" % (c.name, who, list(fix)))
                continue
            already = [l for l, (sym, val) in zip(fix, wanted) if have.get(sym) == val and
                       (val != "n" or sym in have)]
            if already:
                broken.append("%s %s: fix line %s is already in the file" % (
                    c.name, who, ", ".join(already)))

            def make(out, text=text, fix=fix, c=c):
                tmp = out + ".in"
                with open(tmp, "w") as fo:
                    fo.write(corpus.merge_fragment(text, "\n".join(fix) + "\n"))
                trees.run_conf(c.version, c.arch, tmp, "--olddefconfig")
                os.replace(tmp, out)
                if os.path.exists(tmp + ".old"):
                    os.unlink(tmp + ".old")
            result = trees.cached("suggestion", [corpus.sha256_file(path), "\n".join(fix),
                                                 corpus.sha256_file(trees.conf(c.version)),
                                                 c.version, c.arch], make)
            with open(result) as f:
                got = settings_of(f.read())
            for sym, val in wanted:
                now = got.get(sym, "n")
                if now != val:
                    broken.append("%s %s: fix %s: conf gives CONFIG_%s=%s, not %s" % (
                        c.name, who, ", ".join(fix), sym, now, val))
            if a.verbose:
                print("checked %s %s: %s" % (c.name, who, ", ".join(fix)))
    for b in broken:
        print("BROKEN " + b)
    for l in long_lines:
        print("LONG " + l)
    print("suggestions: %d distinct fix sets checked with conf, %d broken; %d unfolded lines"
          % (checked, len(broken), len(long_lines)))
    print("%d passed, %d failed" % (checked - len(broken), len(broken) + len(long_lines)))
    return 0 if not broken and not long_lines else 1


if __name__ == "__main__":
    sys.exit(main())
