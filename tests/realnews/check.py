#!/usr/bin/env python3
"""Scores docbao on the real-news development set (tests/realnews/*.tsv) and
compares the failures with tests/realnews/known-failures.tsv.

  check.py SHARED BIN          print the rates per category and the verdict;
                               exit 1 when a line fails that is not listed, a
                               listed line now reads differently (better or
                               worse), or a listed line passes (the list must
                               then be rewritten: that is progress to record)
  check.py SHARED BIN --write  rewrite known-failures.tsv from what docbao says now
"""
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KNOWN = os.path.join(HERE, "known-failures.tsv")


def score(shared, binary):
    files = sorted(f for f in glob.glob(os.path.join(HERE, "*.tsv")) if not f.endswith("known-failures.tsv"))
    run = subprocess.run([os.path.join(shared, "tools", "tn-score"), "--tsv", "--show", "100000",
                          "--cmd", binary + " normalize"] + files, capture_output=True, text=True)
    fails, cur, cats = {}, None, []
    for line in run.stdout.splitlines():
        m = re.match(r"FAIL (\S+) \[(.*)\]", line)
        if m:
            cur = m.group(1)
            fails[cur] = {"cat": m.group(2)}
            continue
        s = line.strip()
        if cur and s.startswith("got:"):
            fails[cur]["got"] = s[4:].strip()
        if cur and s.startswith("want:"):
            fails[cur]["want"] = s[5:].strip().split(" | ")[0]
        m = re.match(r"\s+(\S+)\s+(\d+)/(\d+)\s+([\d.]+)%$", line)
        if m:
            cats.append((m.group(1), int(m.group(2)), int(m.group(3))))
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-500:]
    return fails, cats, last, len(files)


def main():
    shared, binary = sys.argv[1], sys.argv[2]
    fails, cats, last, nfiles = score(shared, binary)
    if not re.match(r"\d+ passed, \d+ failed", last):
        print("tn-score failed: " + last)
        return 1
    if "--write" in sys.argv:
        with open(KNOWN, "w", encoding="utf-8") as f:
            f.write("# Real-news lines docbao does not read right yet, with what it says now.\n")
            f.write("# tests/run.sh fails on any other failure, and on a listed line whose reading\n")
            f.write("# changed or that now passes: rewrite with tests/realnews/check.py SHARED ./docbao --write\n")
            f.write("id\tgot\n")
            for k in sorted(fails):
                f.write("%s\t%s\n" % (k, fails[k].get("got", "")))
        print("%d known failures written" % len(fails))
        return 0
    known = {}
    if os.path.exists(KNOWN):
        for line in open(KNOWN, encoding="utf-8"):
            if line.startswith("#") or line.startswith("id\t"):
                continue
            k, _, got = line.rstrip("\n").partition("\t")
            known[k] = got
    total = sum(c[2] for c in cats)
    good = sum(c[1] for c in cats)
    print("real news: %d lines in %d files, %.1f%% read fully right" % (total, nfiles, 100.0 * good / max(total, 1)))
    for name, ok, n in sorted(cats):
        print("  %-14s %4d/%-4d %5.1f%%" % (name, ok, n, 100.0 * ok / max(n, 1)))
    bad = 0
    for k in sorted(fails):
        if k not in known:
            print("NEW FAILURE %s [%s]\n  want: %s\n  got:  %s" % (k, fails[k]["cat"], fails[k].get("want", ""), fails[k].get("got", "")))
            bad += 1
        elif known[k] != fails[k].get("got", ""):
            print("CHANGED %s: was \"%s\"\n  now \"%s\"" % (k, known[k], fails[k].get("got", "")))
            bad += 1
    for k in sorted(set(known) - set(fails)):
        print("NOW PASSES %s (rewrite the known-failures list)" % k)
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
