#!/usr/bin/env python3
"""Version bounds of the rules against the real trees.

    tests/corpus/bounds.py [--rules DIR]

For every rule of rules/*.json and rules/arch/*.json (and every rename), for
every kernel tree present (5.10, 6.1, 6.12, 7.2, 7.3 under $XENCFG_TREES_DIR)
and every arch the rule applies to: the symbol is defined in that tree's
Kconfig files for that arch exactly when the tree's version lies within the
rule's [since, until) bounds. "Defined" is read from the Kconfig sources
directly (a `config`/`menuconfig` line in a Kconfig file outside arch/, or
under the arch's own arch/SRCARCH/), not through xencfg.

Output: one line per contradiction, then "N passed, N failed". Exit 77 (SKIP)
when no tree is present.
"""

import argparse
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, "..", ".."))
VERSIONS = ["5.10", "6.1", "6.12", "7.2", "7.3"]
SRCARCH = {"x86_64": "x86", "x86_32": "x86", "arm64": "arm64", "arm": "arm"}
ALL_ARCHES = ["x86_64", "x86_32", "arm64", "arm"]


def vt(v):
    return tuple(int(x) for x in v.split("."))


def tree_version(src):
    mk = open(os.path.join(src, "Makefile")).read()
    get = lambda k: re.search(r"^%s\s*=\s*(\S*)" % k, mk, re.M).group(1)
    return (int(get("VERSION")), int(get("PATCHLEVEL")))


def defined_symbols(src):
    """symbol -> set of SRCARCH values it is defined for ("*" = every arch)."""
    out = {}
    rx = re.compile(r"^\s*(?:menu)?config\s+([A-Za-z0-9_]+)\s*$", re.M)
    for root, dirs, files in os.walk(src):
        dirs[:] = [d for d in dirs if not d.startswith(".") and d not in ("Documentation",)]
        rel = os.path.relpath(root, src)
        where = "*"
        if rel.split(os.sep)[0] == "arch":
            parts = rel.split(os.sep)
            if len(parts) < 2:
                continue
            where = parts[1]
        for f in files:
            if not f.startswith("Kconfig"):
                continue
            try:
                text = open(os.path.join(root, f), errors="replace").read()
            except OSError:
                continue
            for m in rx.finditer(text):
                out.setdefault(m.group(1), set()).add(where)
    return out


def in_bounds(v, since, until):
    if since and v < vt(since)[:2]:
        return False
    if until and not v < vt(until)[:2]:
        return False
    return True


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rules", default=os.path.join(REPO, "rules"))
    a = ap.parse_args()
    trees_dir = os.environ.get("XENCFG_TREES_DIR") or os.path.join(REPO, ".cache", "trees")
    trees = []
    for v in VERSIONS:
        src = os.path.join(trees_dir, "linux-source-" + v)
        if os.path.isfile(os.path.join(src, "Kconfig")):
            trees.append((v, tree_version(src), defined_symbols(src)))
    if not trees:
        print("bounds: SKIP: no kernel tree in %s" % trees_dir)
        return 77
    files = [os.path.join(a.rules, f) for f in sorted(os.listdir(a.rules)) if f.endswith(".json")
             and f != "schema.json"]
    adir = os.path.join(a.rules, "arch")
    if os.path.isdir(adir):
        files += [os.path.join(adir, f) for f in sorted(os.listdir(adir)) if f.endswith(".json")]
    passed = failed = 0
    for path in files:
        doc = json.load(open(path))
        default_arch = doc.get("defaults", {}).get("arch")
        for r in doc.get("rules", []):
            if not r.get("symbol") or r.get("disabled"):
                continue
            arches = r.get("arch") or default_arch or ALL_ARCHES
            # The rule's own name, limited by its renames: an old name covers
            # [its since, its until), the current one starts where the last
            # rename ends.
            names = [(r["symbol"], r.get("since"), r.get("until"))]
            for rn in r.get("renames", []):
                names.append((rn["name"], rn.get("since"), rn.get("until")))
                if rn.get("until") and (not names[0][1] or vt(rn["until"]) > vt(names[0][1])):
                    names[0] = (names[0][0], rn["until"], names[0][2])
            for name, since, until in names:
                for v, vv, syms in trees:
                    for arch in arches:
                        where = syms.get(name, set())
                        exists = "*" in where or SRCARCH[arch] in where
                        want = in_bounds(vv, since, until)
                        if exists == want:
                            passed += 1
                            continue
                        failed += 1
                        print("WRONG %s (%s): %s on %s %s: the tree %s it, the bounds [%s, %s) %s"
                              % (r["id"], os.path.relpath(path, REPO), name, arch, v,
                                 "defines" if exists else "lacks", since or "-", until or "-",
                                 "exclude it" if exists else "include it"))
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
