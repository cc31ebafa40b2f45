#!/usr/bin/env python3
"""Scores docbao on a set of TSV files and compares the failures with a list of
known failures, each stored with what docbao says now (its wrong reading).

  check.py SHARED BIN [FILE...]
        the real-news development set (tests/realnews/*.tsv, or FILE...) against
        tests/realnews/known-failures.tsv: prints the rates per category and the
        verdict
  check.py SHARED BIN --golden [FILE...]
        the golden files (tests/golden/*.tsv and samples/*.tsv, or FILE...)
        against tests/golden/known-failures.tsv (scripts/golden-known-failures.sh)

Exit 1 when a line fails that is not listed, a listed line now reads
differently (better or worse), or a listed line passes (the list must then be
rewritten: that is progress to record). Only the listed lines of the files
scored are compared.

  ... --write [--accept-regressions]
        rewrite the list from what docbao says now, printing each change (lines
        that now pass removed, changed readings, new failures). A line that
        passed before (it is in the file as committed, HEAD, and not in the
        list) and fails now is a regression: the list is left as it was and the
        run fails, naming each, unless --accept-regressions is given.

The readings are taken with DOCBAO_STRICT=1, as tests/run.sh takes them.
"""
import glob
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

REALNEWS = {
    "list": os.path.join(HERE, "known-failures.tsv"),
    "files": lambda: sorted(f for f in glob.glob(os.path.join(HERE, "*.tsv")) if not f.endswith("known-failures.tsv")),
    "columns": ["id", "got"],
    "by_file": False,
    "header": ["# Real-news lines docbao does not read right yet, with what it says now.",
               "# tests/run.sh fails on any other failure, and on a listed line whose reading",
               "# changed or that now passes: rewrite with tests/realnews/check.py SHARED ./docbao --write"],
}
GOLDEN = {
    "list": os.path.join(ROOT, "tests", "golden", "known-failures.tsv"),
    "files": lambda: [os.path.join(ROOT, "tests", "golden", n) for n in
                      ("numbers.tsv", "words.tsv", "news.tsv", "news2.tsv", "rules.tsv", "korean.tsv", "techspecs.tsv",
                       "toneless-real.tsv")]
                     + sorted(glob.glob(os.path.join(ROOT, "samples", "*.tsv"))),
    "columns": ["file", "id", "category", "got", "want"],
    "by_file": True,    # the same id may be in two golden files
    "header": ["# Golden cases docbao does not read right yet: open bugs, each with what it says",
               "# now (got) and the reading wanted. tests/run.sh fails on any other failure, and",
               "# on a listed case whose reading changed or that now passes:",
               "# rewrite with scripts/golden-known-failures.sh (it refuses regressions)."],
}


def key(kind, path, ident):
    """A line's key in the list: (golden file name, id), or (None, id) for real news."""
    return (os.path.basename(path) if kind["by_file"] else None, ident)


def show(k):
    return k[1] if k[0] is None else "%s:%s" % k


def score(kind, shared, binary, files):
    """Runs tn-score on each file: (failures {key: {cat, got, want}}, categories,
    the last lines, one per file)."""
    fails, cats, lasts = {}, {}, []
    for path in files:
        f, c, last = score_file(kind, shared, binary, path)
        fails.update(f)
        for name, ok, n in c:
            cats[name] = (cats.get(name, (0, 0))[0] + ok, cats.get(name, (0, 0))[1] + n)
        lasts.append(last)
    return fails, sorted((name, ok, n) for name, (ok, n) in cats.items()), lasts


def score_file(kind, shared, binary, path):
    env = dict(os.environ, DOCBAO_STRICT="1")
    run = subprocess.run([os.path.join(shared, "tools", "tn-score"), "--tsv", "--show", "100000",
                          "--cmd", binary + " normalize", path], capture_output=True, text=True, env=env)
    fails, cur, cats = {}, None, []
    for line in run.stdout.splitlines():
        m = re.match(r"FAIL (\S+) \[(.*)\]", line)
        if m:
            cur = key(kind, path, m.group(1))
            fails[cur] = {"cat": m.group(2), "got": "", "want": ""}
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
    broken = re.search(r"normalizer failed.*", run.stdout + run.stderr)
    if broken:  # the binary read nothing: no line may pass, nor the list be emptied
        last = broken.group(0)
    return fails, cats, last


def keys_of(kind, path, text):
    """The keys of the lines (id in the first column, header aside) of a scored TSV's text."""
    out = set()
    for i, line in enumerate(text.splitlines()):
        if i and line.strip() and not line.startswith("#"):
            out.add(key(kind, path, line.split("\t", 1)[0]))
    return out


def scored_keys(kind, files):
    out = set()
    for f in files:
        out |= keys_of(kind, f, open(f, encoding="utf-8").read())
    return out


def committed_keys(kind, path):
    """The keys of the file as committed (HEAD); None when git cannot say."""
    rel = os.path.relpath(os.path.realpath(path), ROOT)
    run = subprocess.run(["git", "-C", ROOT, "show", "HEAD:" + rel], capture_output=True, text=True)
    if run.returncode == 0:
        return keys_of(kind, path, run.stdout)
    # a file not yet committed: all its lines are new (none passed before)
    head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--verify", "-q", "HEAD"], capture_output=True)
    return set() if head.returncode == 0 else None


def read_known(kind, path):
    """{key: got} of a known-failures list (columns named by its header line)."""
    known = {}
    if not os.path.exists(path):
        return known
    cols = ["id", "got"]
    for line in open(path, encoding="utf-8"):
        cells = line.rstrip("\n").split("\t")
        if line.startswith("#"):
            continue
        if cells[0] in ("id", "file"):
            cols = cells
            continue
        row = dict(zip(cols, cells))
        k = (row.get("file") if kind["by_file"] else None, row.get("id", ""))
        known[k] = row.get("got", "")
    return known


def by_id(kind, known):
    """A golden list of the old form (no file column): each id stands for the
    lines of that id in every golden file, so a rewrite sees no regression."""
    if not kind["by_file"] or all(k[0] is not None for k in known):
        return known
    out = {k: v for k, v in known.items() if k[0] is not None}
    every = scored_keys(kind, kind["files"]())
    for k, v in known.items():
        if k[0] is None:
            out.update({e: v for e in every if e[1] == k[1]} or {k: v})
    return out


def write_list(kind, path, rows):
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(kind["header"]) + "\n")
        f.write("\t".join(kind["columns"]) + "\n")
        for k in sorted(rows):
            r = rows[k]
            cells = {"file": k[0] or "", "id": k[1], "category": r.get("cat", ""), "got": r.get("got", ""), "want": r.get("want", "")}
            f.write("\t".join(cells[c].replace("\t", " ") for c in kind["columns"]) + "\n")


def rewrite(kind, files, fails, known, accept):
    """--write: the changes printed, regressions refused unless accepted."""
    before = set()    # lines that passed before: in a file as committed, not listed
    for f in files:
        ks = committed_keys(kind, f)
        before |= (ks if ks is not None else keys_of(kind, f, open(f, encoding="utf-8").read())) - set(known)
    scored = scored_keys(kind, files)
    regressions = sorted(k for k in fails if k not in known and k in before)
    for k in regressions:
        print("REGRESSION %s [%s] passed before, now says \"%s\"" % (show(k), fails[k]["cat"], fails[k]["got"]))
    if regressions and not accept:
        print("%d regressions: the list is left as it was (fix them, or rerun with --accept-regressions)"
              % len(regressions))
        return 1
    for k in sorted(k for k in fails if k not in known and k not in before):
        print("new failure %s [%s] (a new line): \"%s\"" % (show(k), fails[k]["cat"], fails[k]["got"]))
    for k in sorted(k for k in fails if k in known and known[k] != fails[k]["got"]):
        print("changed %s: was \"%s\"\n        now \"%s\"" % (show(k), known[k], fails[k]["got"]))
    for k in sorted(k for k in known if k in scored and k not in fails):
        print("now passes %s: removed" % show(k))
    for k in sorted(k for k in known if k not in scored):
        print("not in any file scored %s: removed" % show(k))
    write_list(kind, kind["list"], fails)
    print("%d known failures written to %s" % (len(fails), os.path.relpath(kind["list"], ROOT)))
    return 0


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    flags = set(argv) - set(args)
    if len(args) < 2 or flags - {"--golden", "--write", "--accept-regressions"} or \
            ("--accept-regressions" in flags and "--write" not in flags):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    shared, binary, files = args[0], args[1], args[2:]
    kind = GOLDEN if "--golden" in argv else REALNEWS
    if "--write" in argv and files:
        print("--write rewrites the whole list: give no files", file=sys.stderr)
        return 2
    files = files or kind["files"]()
    fails, cats, lasts = score(kind, shared, binary, files)
    for last in lasts:
        if not re.match(r"\d+ passed, \d+ failed", last):
            print("tn-score failed: " + last)
            return 1
    last = lasts[0] if len(lasts) == 1 else "%d files" % len(lasts)
    known = by_id(kind, read_known(kind, kind["list"]))
    if "--write" in argv:
        return rewrite(kind, files, fails, known, "--accept-regressions" in argv)
    scored = scored_keys(kind, files)
    listed = {k: v for k, v in known.items() if k in scored}
    total = sum(c[2] for c in cats)
    good = sum(c[1] for c in cats)
    if kind is GOLDEN:
        print("golden %s (%s, %d known)" % (" ".join(os.path.basename(f) for f in files), last, len(listed)))
    else:
        print("real news: %d lines in %d files, %.1f%% read fully right" % (total, len(files), 100.0 * good / max(total, 1)))
        for name, ok, n in sorted(cats):
            print("  %-14s %4d/%-4d %5.1f%%" % (name, ok, n, 100.0 * ok / max(n, 1)))
    bad = 0
    for k in sorted(fails):
        if k not in listed:
            print("NEW FAILURE %s [%s]\n  want: %s\n  got:  %s" % (show(k), fails[k]["cat"], fails[k]["want"], fails[k]["got"]))
            bad += 1
        elif listed[k] != fails[k]["got"]:
            print("CHANGED %s: was \"%s\"\n  now \"%s\"" % (show(k), listed[k], fails[k]["got"]))
            bad += 1
    for k in sorted(set(listed) - set(fails)):
        print("NOW PASSES %s (rewrite the known-failures list)" % show(k))
        bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
