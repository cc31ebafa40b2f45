#!/usr/bin/env python3
"""translit-score: how well the automatic transliterator (src/text/translit*.c)
reads names and loanwords that no lexicon decides.

Usage: scripts/translit-score.py [--docbao ./docbao] [--half tune|check|both]
                                 [--misses N] [--by-section] [--tsv FILE]
       scripts/translit-score.py --press [tests/translit/press.tsv] [--half ...] [--misses N]

The test set is lexicon/exonyms.tsv and lexicon/loanwords.tsv: every row's
written form with the reading VTV/VOV use. The script builds a temporary data
directory (DOCBAO_DATA) whose lexicon/ is this tree's with those two tables
emptied (header only), so `docbao normalize` can no longer look the words up
and sends each foreign-looking one through the transliterator (and the press
cluster joining of src/text/foreign.c), exactly as it does an unseen name.
Each word is given alone on a line, capitalised as a name.

The rows are split deterministically into a TUNE half and a CHECK half by the
MD5 of the written form (even first byte: TUNE). Change the rules only by
looking at TUNE misses (--half tune --misses N); report both halves.

Scores per half: exact match (the whole reading), exact match with tones
ignored, and the syllable error rate (edit distance between the syllable
lists over the reference syllables). A word the normalizer does not send to
the transliterator (a Vietnamese syllable, tones_restore's toneless
Vietnamese, an acronym) is counted as read, with its reading as given.
--by-section prints the rates per section of the tables (the `# ----`
headings of exonyms.tsv, e.g. countries, football, people) so origins can be
compared; --tsv writes word, half, section, reference, reading.

--press scores docbao against printed evidence instead (tests/translit/press.tsv:
name as written, the transcription printed by the press, a textbook or an
official list, source). Each name is read by `docbao normalize` with the full
lexicon, as it reads news now, and compared with the printed forms (a name may
have several; one match is enough). Tone-mark placement is ignored (goá = góa,
thuý = thúy), tones themselves are not. The names are split into those whose
every word has a row in exonyms.tsv or loanwords.tsv (LEXICON) and the others
(TRANSLIT: at least one word left to the transliterator), and into the same
TUNE / CHECK halves by the MD5 of the name. --press --alone reads every name
with exonyms.tsv and loanwords.tsv emptied, as above: the transliterator alone
on all the printed names (the split into LEXICON and TRANSLIT stays that of the
full lexicon).
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TABLES = ("exonyms.tsv", "loanwords.tsv")


def table(path):
    """The lines of a TSV table with a header row: (comment, None) for a '#' line,
    (None, columns) for a row; blank lines and the header are skipped."""
    header = True
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                yield line, None
            elif line and header:
                header = False
            elif line:
                yield None, line.split("\t")


def rows(path):
    """(word, reading, section) of a lexicon table."""
    section = os.path.basename(path)[:-4]
    for comment, cols in table(path):
        if comment is not None:
            if comment.startswith("# ----"):
                section = os.path.basename(path)[:-4] + ":" + comment.strip("# -").lower()
        elif len(cols) >= 2 and cols[0] and cols[1]:
            yield cols[0], cols[1], section


def half_of(word):
    return "tune" if hashlib.md5(word.encode("utf-8")).digest()[0] % 2 == 0 else "check"


def data_dir(tmp):
    """A copy of the data directory with exonyms.tsv and loanwords.tsv emptied."""
    os.symlink(os.path.join(ROOT, "voices"), os.path.join(tmp, "voices"))
    lex = os.path.join(tmp, "lexicon")
    os.mkdir(lex)
    for name in os.listdir(os.path.join(ROOT, "lexicon")):
        src = os.path.join(ROOT, "lexicon", name)
        if name in TABLES:
            with open(src, encoding="utf-8") as f, open(os.path.join(lex, name), "w", encoding="utf-8") as o:
                for line in f:
                    if not line.startswith("#"):
                        o.write(line)  # the header row only
                        break
        else:
            os.symlink(src, os.path.join(lex, name))
    return tmp


def strip_tones(s):
    """Tone marks off, vowel letters (ă â ê ô ơ ư) kept."""
    out = []
    for ch in unicodedata.normalize("NFD", s):
        if ch in "\u0300\u0301\u0303\u0309\u0323":
            continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def edits(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


SCHWA_ONSETS = {"bờ": "b", "cờ": "c", "đờ": "đ", "gờ": "g", "pờ": "p", "phờ": "ph", "tờ": "t", "vờ": "v", "thờ": "th"}


def canon(reading):
    """A reading with each syllable's tone mark moved off its vowel: placement
    variants (hoà / hòa, thuý / thúy) compare equal, tones still count. The
    printed k / gh / ngh of a foreign syllable (Ka-bun, Gha-na) is the c / g / ng
    a reader says, and a schwa syllable before r or l (cờ rưm) the printed
    cluster (Crưm)."""
    out, syls = [], reading.split()
    for i in range(len(syls) - 1, 0, -1):
        # a consonant said with a schwa before r or l (cờ rưm) is the printed cluster (Crưm), as the
        # speech stage respells it
        if syls[i - 1] in SCHWA_ONSETS and syls[i][:1] in ("r", "l"):
            syls[i - 1:i + 1] = [SCHWA_ONSETS[syls[i - 1]] + syls[i]]
    for syl in syls:
        tone = "".join(ch for ch in unicodedata.normalize("NFD", syl) if ch in "\u0300\u0301\u0303\u0309\u0323")
        base = strip_tones(syl)
        for spelled, said in (("ngh", "ng"), ("gh", "g"), ("k", "c")):
            if base.startswith(spelled) and not base.startswith("kh"):
                base = said + base[len(spelled):]  # ka = ca, gha = ga: one sound, two spellings
                break
        out.append(base + tone)
    return " ".join(out)


def lexicon_keys():
    keys = set()
    for t in TABLES:
        for word, _reading, _section in rows(os.path.join(ROOT, "lexicon", t)):
            keys.add(word.lower())
    return keys


def press_main(a):
    names, order = {}, []
    for _, cols in table(a.press):
        if cols is None or len(cols) < 3 or not cols[0] or not cols[1]:
            continue
        if cols[0] not in names:
            names[cols[0]] = {}
            order.append(cols[0])
        names[cols[0]][canon(cols[1].lower())] = cols[1].lower()
    keys = lexicon_keys()
    env = dict(os.environ, DOCBAO_THREADS_OFF="1")
    if a.alone:
        with tempfile.TemporaryDirectory() as tmp:
            env["DOCBAO_DATA"] = data_dir(tmp)
            got = normalize(a.docbao, order, env)
    else:
        got = normalize(a.docbao, order, env)
    scores, misses = {}, []
    for name, g in zip(order, got):
        low = name.lower()
        part = "lexicon" if low in keys or all(w in keys for w in low.split()) else "translit"
        half = half_of(name)
        ok = canon(g) in names[name]
        for key in (("all", "both"), ("all", half), (part, "both"), (part, half)):
            sc = scores.setdefault(key, [0, 0])
            sc[0] += 1
            sc[1] += ok
        if not ok and a.half in ("both", half):
            misses.append((part, name, " | ".join(sorted(names[name].values())), g))
    for key in (("all", "both"), ("all", "tune"), ("all", "check"), ("lexicon", "both"), ("lexicon", "tune"), ("lexicon", "check"),
                ("translit", "both"), ("translit", "tune"), ("translit", "check")):
        n, ok = scores.get(key, [0, 0])
        print("%-8s %-5s %4d names  exact %5.1f %%  (%d)" % (key[0].upper(), key[1], n, 100.0 * ok / max(n, 1), ok))
    for part, name, ref, g in misses[: a.misses]:
        print("%s\t%s\t%s\t%s" % (part, name, ref, g))


def normalize(docbao, words, env):
    text = "".join(w[:1].upper() + w[1:] + "\n" for w in words)
    out = subprocess.run([docbao, "normalize"], input=text, capture_output=True, text=True, env=env, check=True)
    got = out.stdout.split("\n")
    if len(got) < len(words):
        sys.exit("translit-score: docbao normalize gave %d lines for %d words" % (len(got), len(words)))
    return [g.strip().lower().replace("-", " ") for g in got[: len(words)]]


class Score:
    def __init__(self):
        self.n = self.exact = self.toneless = self.ref_syl = self.err_syl = 0

    def add(self, ref, got):
        self.n += 1
        self.exact += ref == got
        self.toneless += strip_tones(ref) == strip_tones(got)
        r, g = ref.split(), got.split()
        self.ref_syl += len(r)
        self.err_syl += edits(r, g)

    def line(self):
        n = max(self.n, 1)
        return "%5d words  exact %5.1f %%  toneless %5.1f %%  syllable errors %5.1f %%" % (
            self.n, 100.0 * self.exact / n, 100.0 * self.toneless / n, 100.0 * self.err_syl / max(self.ref_syl, 1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--docbao", default=os.path.join(ROOT, "docbao"))
    ap.add_argument("--half", choices=("tune", "check", "both"), default="both")
    ap.add_argument("--misses", type=int, default=0, help="print this many misses of the chosen half")
    ap.add_argument("--by-section", action="store_true")
    ap.add_argument("--tsv")
    ap.add_argument("--press", nargs="?", const=os.path.join(ROOT, "tests", "translit", "press.tsv"),
                    help="score against printed transcriptions (default tests/translit/press.tsv)")
    ap.add_argument("--alone", action="store_true",
                    help="with --press: the transliterator alone (exonyms.tsv and loanwords.tsv emptied)")
    a = ap.parse_args()
    if a.press:
        return press_main(a)

    entries, seen = [], set()
    for t in TABLES:
        for word, reading, section in rows(os.path.join(ROOT, "lexicon", t)):
            if word in seen:
                continue
            seen.add(word)
            entries.append((word, reading.lower(), section, half_of(word)))
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, DOCBAO_DATA=data_dir(tmp), DOCBAO_THREADS_OFF="1")
        got = normalize(a.docbao, [e[0] for e in entries], env)

    scores, sections, misses = {"tune": Score(), "check": Score()}, {}, []
    for (word, ref, section, half), g in zip(entries, got):
        scores[half].add(ref, g)
        sections.setdefault((section, half), Score()).add(ref, g)
        if ref != g and (a.half in ("both", half)):
            misses.append((word, ref, g))
    for half in ("tune", "check"):
        if a.half in ("both", half):
            print("%-5s %s" % (half.upper(), scores[half].line()))
    if a.by_section:
        for (section, half) in sorted(sections):
            if a.half in ("both", half):
                print("  %-5s %-40s %s" % (half, section[:40], sections[(section, half)].line()))
    for word, ref, g in misses[: a.misses]:
        print("%s\t%s\t%s" % (word, ref, g))
    if a.tsv:
        with open(a.tsv, "w", encoding="utf-8") as o:
            o.write("word\thalf\tsection\treference\treading\n")
            for (word, ref, section, half), g in zip(entries, got):
                o.write("%s\t%s\t%s\t%s\t%s\n" % (word, half, section, ref, g))


if __name__ == "__main__":
    main()
