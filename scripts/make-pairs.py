#!/usr/bin/env python3
"""make-pairs.py — builds lexicon/syllable-pairs.tsv, how often each Vietnamese
syllable and each pair of syllables in a row occur in running text: the
statistics src/text/tones.c uses to choose between the toned readings of
toneless Vietnamese by how their words follow each other (ở nhà vẫn vui, not
ở nhà văn vui; lau gương, not lâu gương). Not run by the build.

Sources (see lexicon/README.md for the licences):
  --vtb FILE...  the UD Vietnamese-VTB treebank .conllu files (CC BY-SA 4.0;
                 news text): the "# text =" line of each sentence
  --repo DIR     the project's own Vietnamese text: the spoken forms (reference
                 column) of tests/golden/*.tsv, tests/realnews/*.tsv and
                 samples/*.tsv, except tests/golden/toneless-real.tsv (the test
                 of this table) and the known-failure lists
  --rhymes FILE  lexicon/rhymes.tsv: only real syllables are counted

A run of syllables is cut at anything that is no syllable (a digit, a sign,
a foreign word). Rows: `*` the number of syllables counted; a syllable and its
count; two syllables one space apart and the count of the pair. Tone marks as
src/text/cleanup.c places them (hoà, khoẻ), as in words.tsv. Sorted by their
UTF-8 bytes: tones.c finds a row by binary search without parsing the file.
"""
import argparse
import collections
import glob
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("make_words", os.path.join(HERE, "make-words.py"))
mw = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mw)

SKIP = {"toneless-real.tsv", "known-failures.tsv"}


def vtb_texts(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.startswith("# text ="):
                    yield line[len("# text ="):]


def repo_texts(root):
    files = sorted(glob.glob(os.path.join(root, "tests", "golden", "*.tsv")) +
                   glob.glob(os.path.join(root, "tests", "realnews", "*.tsv")) +
                   glob.glob(os.path.join(root, "samples", "*.tsv")))
    for path in files:
        if os.path.basename(path) in SKIP:
            continue
        with open(path, encoding="utf-8") as f:
            head = None
            for line in f:
                cells = line.rstrip("\n").split("\t")
                if line.startswith("#"):
                    continue
                if head is None:
                    head = cells
                    continue
                if "reference" in head and len(cells) > head.index("reference"):
                    yield cells[head.index("reference")].split(" | ")[0]


def runs(text, rhymes):
    """The runs of Vietnamese syllables of a text, lower case, tones placed."""
    for chunk in re.split(r"[^\w\s]|\d|_", mw.nfc(text).lower()):
        cur = []
        for tok in chunk.split():
            if mw.is_syllable(tok, rhymes):
                cur.append(mw.place_tone(tok))
            else:
                if cur:
                    yield cur
                cur = []
        if cur:
            yield cur


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--vtb", nargs="+", required=True)
    ap.add_argument("--repo", required=True)
    ap.add_argument("--rhymes", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    rhymes = mw.load_rhymes(a.rhymes)
    uni, pairs = collections.Counter(), collections.Counter()
    for src in (vtb_texts(a.vtb), repo_texts(a.repo)):
        for text in src:
            for run in runs(text, rhymes):
                uni.update(run)
                pairs.update(x + " " + y for x, y in zip(run, run[1:]))
    rows = [("*", sum(uni.values()))] + list(uni.items()) + list(pairs.items())
    rows.sort(key=lambda r: r[0].encode("utf-8"))
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("pair\tcount\n")
        f.write("# Vietnamese syllables and pairs of syllables in a row with how often they occur in running\n"
                "# text (row *: the number of syllables counted): the statistics src/text/tones.c scores toned\n"
                "# readings of toneless Vietnamese with (ở nhà vẫn vui, not ở nhà văn vui). Built by\n"
                "# scripts/make-pairs.py from UD Vietnamese-VTB (CC BY-SA 4.0) and the project's own spoken\n"
                "# forms of its tests (see lexicon/README.md). Sorted by UTF-8 bytes: read by binary search.\n")
        for k, c in rows:
            f.write("%s\t%d\n" % (k, c))
    print("%d syllables counted, %d syllables, %d pairs" % (rows[0][1], len(uni), len(pairs)), file=sys.stderr)


if __name__ == "__main__":
    main()
