#!/usr/bin/env python3
"""Syntax-error conformance on real Kconfig files, broken at random.

conf's parser is bison's: what it prints for a broken Kconfig file (which
lines, which words, in which order, and whether it stops) follows bison's
error recovery and each release's grammar, lexer and keywords. Nobody here
writes the broken inputs: each case is a real Kconfig file from a kernel
tree (its `source` lines dropped, so that it stands alone), mutated once or
a few times (a token or a line dropped, a line repeated, moved or cut, a
keyword line or a character put in). The tree's own conf runs
`--olddefconfig` on it, xencfg runs `kconfig olddefconfig`; stdout, stderr,
the exit status (conf's 1 is xencfg's documented 2) and the .config written
must be the same. Nothing expected is stored: conf is asked every time, and
the seed fixes the cases, so a failure can be replayed.

   mutants.py XENCFG [--trees DIR] [--versions V ...] [--count N] [--seed S]
exits 0 when every case agrees, 1 when one differs (the first few are shown,
their trees kept under the work directory named), 77 when no conf is there.
"""
import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile

# Where the Kconfig files come from: drivers, file systems, networking,
# crypto and an arch, which hold every kind of entry (choices and menus too).
SOURCE_DIRS = ("drivers/xen", "drivers/net", "drivers/block", "fs", "net", "drivers/usb",
               "crypto", "arch/x86", "drivers/gpu/drm")
# Lines put in: block keywords out of place, options without arguments, and
# words that are keywords in some releases only.
KEYWORD_LINES = ("endif", "endmenu", "endchoice", "if FOO", 'menu "m"', "choice", "config",
                 "help", "depends on", "select", "default", "bool", 'tristate "t" if', 'source "x"',
                 "imply", "option modules", "modules", "optional", "transitional", "prompt",
                 "range 1", "def_bool y if", "comment", "menuconfig", "=", "(", "&&")
# Characters put in: quotes, escapes, macro openings, operators, comments.
INSERTS = ('"', "'", "\\", "$(", ")", "(", "!", "&&", "||", "=", "<", "#", "\t", " if ", "\u00e9",
           ";", "$(foo")
SOURCE_LINE = re.compile(r"\s*(source|rsource|osource|orsource)\b")


def mutate(rng, lines):
    """Breaks `lines` in place one way (or a few); returns the way's name."""
    kind = rng.choice(("drop_token", "dup_line", "move_line", "cut_line", "keyword", "drop_line",
                       "insert_char", "multi"))
    if kind == "multi":
        for _ in range(rng.randrange(2, 5)):
            mutate(rng, lines)
        return kind
    idx = [i for i, l in enumerate(lines) if l.strip() and not l.strip().startswith("#")]
    if not idx:
        return kind
    i = rng.choice(idx)
    line = lines[i]
    if kind == "drop_token":
        toks = line.split()
        if len(toks) > 1:
            del toks[rng.randrange(len(toks))]
            lines[i] = line[:len(line) - len(line.lstrip())] + " ".join(toks)
    elif kind == "dup_line":
        lines.insert(i, line)
    elif kind == "move_line":
        del lines[i]
        lines.insert(rng.randrange(len(lines) + 1), line)
    elif kind == "cut_line":
        lines[i] = line[:rng.randrange(1, max(2, len(line)))]
    elif kind == "keyword":
        lines.insert(i, "\t" * rng.randrange(2) + rng.choice(KEYWORD_LINES))
    elif kind == "drop_line":
        del lines[i]
    elif kind == "insert_char":
        j = rng.randrange(len(line) + 1)
        lines[i] = line[:j] + rng.choice(INSERTS) + line[j:]
    return kind


def kconfig_files(tree):
    found = []
    for sub in SOURCE_DIRS:
        for root, _, names in os.walk(os.path.join(tree, sub)):
            found += [os.path.join(root, n) for n in names if n.startswith("Kconfig")]
    return sorted(found)


def run_version(args, version, work):
    tree = os.path.join(args.trees, f"linux-source-{version}")
    conf = os.path.join(args.trees, f"conf-{version}", "conf")
    if not os.access(conf, os.X_OK) or not os.path.isdir(tree):
        print(f"SKIP {version}: {conf} or {tree} missing: run scripts/fetch-trees.sh",
              file=sys.stderr)
        return None
    # One generator per version: adding a version changes no other's cases.
    rng = random.Random(f"{args.seed}/{version}")
    files = kconfig_files(tree)
    major, minor = version.split(".")
    differ = 0
    crashed = 0  # cases where conf died on a signal
    case_dir = os.path.join(work, "case")
    for n in range(args.count):
        path = rng.choice(files)
        with open(path, errors="replace") as f:
            lines = [l for l in f.read().split("\n") if not SOURCE_LINE.match(l)]
        kind = mutate(rng, lines)
        shutil.rmtree(case_dir, ignore_errors=True)
        os.makedirs(case_dir)
        with open(os.path.join(case_dir, "Kconfig"), "w") as f:
            f.write("\n".join(lines))
        with open(os.path.join(case_dir, "Makefile"), "w") as f:
            f.write(f"VERSION = {major}\nPATCHLEVEL = {minor}\nSUBLEVEL = 0\nEXTRAVERSION =\n")
        env = dict(PATH="/usr/bin:/bin", LC_ALL="C", srctree=case_dir, ARCH="x86_64",
                   SRCARCH="x86", KERNELVERSION=f"{version}.0", CC="gcc", LD="ld", HOME=work)
        conf_config = os.path.join(work, "conf.config")
        x_config = os.path.join(work, "x.config")
        in_config = os.path.join(work, "in.config")
        for p in (conf_config, in_config):
            open(p, "w").close()
        if os.path.exists(x_config):
            os.unlink(x_config)
        try:
            c = subprocess.run([conf, "--olddefconfig", "Kconfig"], cwd=case_dir,
                               env=dict(env, KCONFIG_CONFIG=conf_config), capture_output=True,
                               timeout=60)
            x = subprocess.run([args.xencfg, "kconfig", "olddefconfig", "--tree", case_dir,
                                "--arch", "x86_64", "--offline", "--config", in_config, "-o",
                                x_config], cwd=case_dir, env=env, capture_output=True, timeout=60)
        except subprocess.TimeoutExpired:
            differ += 1
            print(f"FAIL {version} case {n}: timed out ({os.path.relpath(path, tree)}, {kind})")
            continue
        if c.returncode < 0:
            # conf itself crashed (5.10 does, freeing an unfinished block at
            # the end of a broken input): nothing to match; xencfg must still
            # end cleanly, with its input error status.
            crashed += 1
            if x.returncode != 2:
                differ += 1
                print(f"FAIL {version} case {n}: conf crashed, xencfg exit {x.returncode}")
            continue
        conf_status = 0 if c.returncode == 0 else 2
        same = (c.stdout.replace(conf_config.encode(), b"OUT") ==
                x.stdout.replace(x_config.encode(), b"OUT") and c.stderr == x.stderr and
                conf_status == x.returncode)
        if same and conf_status == 0:
            with open(conf_config, "rb") as a, open(x_config, "rb") as b:
                same = a.read() == b.read()
        if same:
            continue
        differ += 1
        if differ <= args.show:
            keep = os.path.join(work, f"fail-{version}-{n}")
            shutil.copytree(case_dir, keep)
            print(f"FAIL {version} case {n}: {os.path.relpath(path, tree)}, {kind}; kept in {keep}")
            print(f"  conf exit {c.returncode}, stderr:\n" +
                  c.stderr.decode(errors="replace")[:800])
            print(f"  xencfg exit {x.returncode}, stderr:\n" +
                  x.stderr.decode(errors="replace")[:800])
    print(f"{version}: {args.count - differ - crashed} of {args.count} broken files read alike"
          + (f", {crashed} crashed conf (xencfg exits 2 on them)" if crashed else ""))
    return differ


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("xencfg")
    ap.add_argument("--trees", default=os.environ.get(
        "XENCFG_TREES_DIR", os.path.join(here, "..", "..", ".cache", "trees")))
    ap.add_argument("--versions", nargs="*", default=["5.10", "6.1", "6.12", "7.2", "7.3"])
    ap.add_argument("--count", type=int, default=400)
    ap.add_argument("--seed", default="xencfg")
    ap.add_argument("--show", type=int, default=3)
    args = ap.parse_args()
    args.xencfg = os.path.abspath(args.xencfg)
    work = tempfile.mkdtemp(prefix="xencfg-mutants-")
    results = [run_version(args, v, work) for v in args.versions]
    ran = [r for r in results if r is not None]
    if not ran:
        shutil.rmtree(work)
        return 77
    if sum(ran) == 0:
        shutil.rmtree(work)
        return 0
    print(f"failing cases kept in {work}")
    return 1


if __name__ == "__main__":
    sys.exit(main())
