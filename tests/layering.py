#!/usr/bin/env python3
"""layering.py - dependencies point down the pipeline, and nowhere else.

The stages of src/, lowest first (the README's "Layout of the tree" states the same
order). A file may use its own stage and the stages before it, never a later one. Two
checks, so that neither a stray #include nor a hand-written extern slips through:

  includes  every #include "..." of src/ and include/newsread/ maps to a stage;
            private headers (src/STAGE/*.h) are for their own stage only;
  symbols   with the objects of a build (argument 1, e.g. build/), every undefined
            symbol of an object is looked up among the objects' definitions (nm).

Within a stage, modules (the files whose names share the part before the first '_':
page.c, page_meta.c, page_out.c are one module) must not form a cycle either: config.c
and theme.c calling each other, or source.c and post_dir.c, would fail.

Unknown folders under src/ and public headers without a stage fail too, so a new one
must be given its place in the order. Prints one line per finding; exit 1 on any.
"""
import os
import re
import subprocess
import sys

ORDER = ["base", "decode", "html", "fetch", "source", "stock", "store", "render",
         "config", "ui", "app", "main"]

# The stage of each public header (include/newsread/NAME.h).
HEADERS = {
    "util": "base", "article": "base", "datetime": "base",
    "decode": "decode",
    "doc": "html", "html": "html", "element": "html",
    "fetch": "fetch",
    "feed": "source", "post": "source", "page": "source", "source": "source",
    "stock": "stock",
    "store": "store",
    "layout": "render", "render": "render", "output": "render",
    "config": "config", "theme": "config", "settings": "config", "keymap": "config",
    "ui": "ui",
    "app": "app",
}

# Crossings still to undo: (file, stage it reaches up to). Each must still occur (a
# stale entry fails), so the list can only shrink. Empty: every crossing is undone.
ALLOWED = set()

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
findings = []
seen_allowed = set()


def rank(stage):
    return ORDER.index(stage)


def stage_of_file(rel):
    """Stage of a path relative to ROOT, or None for an unknown place."""
    parts = rel.split("/")
    if parts[0] == "src":
        if len(parts) == 2:
            return "main" if parts[1] == "main.c" else None
        return parts[1] if parts[1] in ORDER else None
    if parts[0] == "include" and len(parts) == 3 and parts[1] == "newsread":
        return HEADERS.get(parts[2][:-2])
    return None


def report(user_rel, user_stage, target_stage, what):
    if rank(target_stage) <= rank(user_stage):
        return
    key = (user_rel, target_stage)
    if key in ALLOWED:
        seen_allowed.add(key)
        return
    findings.append("%s (%s) uses %s, a later stage: %s" % (user_rel, user_stage, target_stage, what))


def check_includes():
    files = []
    for top in ("src", "include/newsread"):
        for d, _, names in os.walk(os.path.join(ROOT, top)):
            for n in sorted(names):
                if n.endswith((".c", ".h")):
                    files.append(os.path.relpath(os.path.join(d, n), ROOT))
    for rel in sorted(files):
        st = stage_of_file(rel)
        if st is None:
            findings.append("%s: not in a known stage (add its folder or header to tests/layering.py)" % rel)
            continue
        with open(os.path.join(ROOT, rel), encoding="utf-8") as f:
            for no, line in enumerate(f, 1):
                m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                if not m:
                    continue
                inc = m.group(1)
                if inc.startswith("newsread/"):
                    tst = HEADERS.get(inc[len("newsread/"):-2])
                    if tst is None:
                        findings.append("%s:%d: %s has no stage" % (rel, no, inc))
                        continue
                    report(rel, st, tst, "#include \"%s\" (line %d)" % (inc, no))
                elif "/" in inc:
                    tst = inc.split("/")[0]
                    if tst not in ORDER:
                        findings.append("%s:%d: %s is not under a stage" % (rel, no, inc))
                    elif tst != st:
                        findings.append("%s:%d: private header %s of stage %s" % (rel, no, inc, tst))
                else:
                    findings.append("%s:%d: #include \"%s\": write private headers as \"STAGE/name.h\"" % (rel, no, inc))


def nm(path, args):
    out = subprocess.run(["nm", "-P"] + args + [path], capture_output=True, text=True, check=True).stdout
    return [l.split() for l in out.splitlines() if l.strip()]


def check_symbols(build):
    objs = {}
    for d, _, names in os.walk(build):
        if os.path.relpath(d, build).split("/")[0] == "tests":
            continue
        for n in names:
            if n.endswith(".o"):
                rel = os.path.relpath(os.path.join(d, n), build)
                src = "src/" + rel[:-2] + ".c"
                if not os.path.exists(os.path.join(ROOT, src)):
                    continue  # left over from an older layout
                objs[src] = os.path.join(d, n)
    if not objs:
        findings.append("no objects under %s: build first" % build)
        return
    where = {}
    calls = {}
    for src, o in objs.items():
        for f in nm(o, ["--defined-only", "-g"]):
            if len(f) >= 2 and f[1] not in ("U", "w", "v"):
                where[f[0]] = src
    for src, o in sorted(objs.items()):
        st = stage_of_file(src)
        for f in nm(o, ["-u"]):
            d = where.get(f[0])
            if d and st:
                report(src, st, stage_of_file(d), "calls %s of %s" % (f[0], d))
                if d != src:
                    calls.setdefault(module(src), {}).setdefault(module(d), f[0])
    check_cycles(calls)


def module(src):
    """src/STAGE/NAME_rest.c -> STAGE/NAME"""
    stage, name = src.split("/")[-2:] if src.count("/") > 1 else ("", src.split("/")[-1])
    return stage + "/" + name[:-2].split("_")[0]


def check_cycles(calls):
    """Every cycle among modules, found by a depth-first search from each module."""
    found = set()
    for start in sorted(calls):
        stack = [(start, [start])]
        while stack:
            m, path = stack.pop()
            for n in sorted(calls.get(m, {})):
                if n == start and len(path) > 1:
                    cyc = path[:]
                    k = cyc.index(min(cyc))
                    key = tuple(cyc[k:] + cyc[:k])
                    if key not in found:
                        found.add(key)
                        hops = ["%s calls %s" % (a, calls[a][b]) for a, b in zip(key, key[1:] + key[:1])]
                        findings.append("modules in a cycle: %s (%s)" % (" -> ".join(key + (key[0],)), "; ".join(hops)))
                elif n not in path and n > start:
                    stack.append((n, path + [n]))


def main():
    check_includes()
    if len(sys.argv) > 1:
        check_symbols(sys.argv[1])
    for key in sorted(ALLOWED - seen_allowed):
        if len(sys.argv) > 1:
            findings.append("%s no longer reaches %s: remove it from ALLOWED" % key)
    for f in findings:
        print(f)
    print("%d findings" % len(findings))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
