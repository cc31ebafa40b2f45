#!/usr/bin/env python3
"""Scores docbao on real-news TSV files twice: as text (tn-score's comparison)
and as sound (eSpeak-NG's phonemes for what docbao says against the phonemes
for the reference), so that a name written differently but said the same
("blách" and "bờ lách", which the speech stage says alike) counts as heard right.

  audible-score.py [--docbao ./docbao] [--lib LIB] [--shared DIR] [--list] FILE.tsv...

FILE: columns id, category, source, input, reference (alternatives " | ").
  got      `docbao normalize` of the inputs (one process for all files)
  got IPA  `docbao phonemes` of the inputs (one process): what docbao says
  ref IPA  docbao_phonemes() of libdocbao (ctypes, in this process) on each
           reference alternative as written: respelled and said by eSpeak-NG
           like any spoken form, never normalized again (normalize would rewrite
           156 of the 2,555 development reference alternatives, "xta" as "ích xti ây")
Phonemes are compared after ipa_key(): stress marks dropped, eSpeak's
pausal level tone 7 counted as the level tone 1 (see ipa_key). Syllable
boundaries, vowels, consonants and tones all count.

Prints per file and per category: text rate, audible rate, and the lines that
fail as text but pass as sound. --list adds, for the development set only, the
ids with a word diff of the lines that fail as text and pass as sound and of
the lines that fail both (refused on held-out and unseen sets).
"""
import argparse
import ctypes
import difflib
import importlib.machinery
import importlib.util
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECRET = ("holdout", "unseen")   # sets nobody may read line by line


def ipa_key(ipa):
    """The phonemes as the ear tells them apart. Only what is the same sound goes:
    - stress marks ˈ ˌ: Vietnamese has no lexical stress; eSpeak-NG marks every
      syllable ˈ and the words its dictionary calls unstressed (với, của, đã) ˌ,
      a matter of its prosody, not a phoneme (on the development set dropping
      them changes no line's verdict);
    - tone 7 -> 1: eSpeak-NG's phoneme 7 is "tone 1 (ngang) at end of clause"
      (its phsource/ph_vietnam: the same pitch, 30 to 28, with a falling
      envelope), the level tone before a pause: "ông đi" ends ɗˈi7, "ông đi ông"
      has ɗˈi1. docbao prints punctuation and the references have none, so the
      same word before a comma would differ otherwise (without this rule 762
      of the 1,786 lines heard alike on the development set fail);
    - runs of spaces: one space between syllables (a boundary still counts:
      "đôn ê" is not "đô nê").
    Tones 1-6 (3 is printed ɜ), vowels, consonants, length ː and language
    switches "(en)" are kept."""
    ipa = re.sub("[ˈˌ]", "", ipa)
    ipa = ipa.replace("7", "1")
    return " ".join(ipa.split())


def load_tnscore(shared):
    path = os.path.join(shared, "tools", "tn-score")
    loader = importlib.machinery.SourceFileLoader("tn_score", path)
    spec = importlib.util.spec_from_loader("tn_score", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def read_tsv(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    head = lines[0].split("\t")
    col = {name: head.index(name) for name in ("id", "category", "input", "reference")}
    for line in lines[1:]:
        cells = line.split("\t")
        if len(cells) <= max(col.values()) or line.startswith("#"):
            continue
        rows.append({k: cells[i] for k, i in col.items()})
    return rows


def run_docbao(docbao, cmd, lines):
    env = dict(os.environ, DOCBAO_STRICT="1")
    text = "".join(s.replace("\n", " ") + "\n" for s in lines)
    run = subprocess.run([docbao, cmd], input=text, capture_output=True, text=True, env=env)
    out = run.stdout.splitlines()
    if run.returncode != 0 or len(out) != len(lines):
        sys.exit("docbao %s failed: exit %d, %d lines for %d\n%s"
                 % (cmd, run.returncode, len(out), len(lines), run.stderr[-2000:]))
    return out


class Lib:
    """libdocbao's docbao_phonemes: the IPA of spoken text as written."""

    def __init__(self, path):
        self.so = ctypes.CDLL(path)
        self.so.docbao_new.restype = ctypes.c_void_p
        self.so.docbao_new.argtypes = [ctypes.c_void_p]
        self.so.docbao_phonemes.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t,
                                            ctypes.POINTER(ctypes.c_void_p)]
        self.so.docbao_free.argtypes = [ctypes.c_void_p]
        self.so.docbao_last_error.restype = ctypes.c_char_p
        self.so.docbao_last_error.argtypes = [ctypes.c_void_p]
        self.libc = ctypes.CDLL(None)
        self.libc.free.argtypes = [ctypes.c_void_p]
        self.db = self.so.docbao_new(None)
        if not self.db:
            sys.exit("docbao_new failed: " + self.so.docbao_last_error(None).decode())

    def phonemes(self, spoken):
        b = spoken.encode("utf-8")
        out = ctypes.c_void_p()
        if self.so.docbao_phonemes(self.db, b, len(b), ctypes.byref(out)):
            sys.exit("docbao_phonemes failed on %r: %s" % (spoken, self.so.docbao_last_error(self.db).decode()))
        ipa = ctypes.string_at(out.value).decode("utf-8")
        self.libc.free(out)
        return ipa


def plain(text):
    """Lower case, no punctuation: the words as said, for a diff (no equivalences)."""
    return "".join(ch if ch.isalnum() else " " for ch in text.lower())


def word_diff(got, want):
    """want -> got, word by word: [-wanted-]{+said+}, long equal runs cut short."""
    g, w = got.split(), want.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, w, g, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(" ".join(w[i1:i2]) if i2 - i1 <= 4 else "… " + " ".join(w[i2 - 2:i2]))
        else:
            out.append("[-%s-]{+%s+}" % (" ".join(w[i1:i2]), " ".join(g[j1:j2])))
    return " ".join(out)


def score(rows, got, got_ipa, lib, tn):
    """Fills each row with text and sound (bools) and the reference alternative
    shown in a list: the one heard alike, else the one read alike, else the nearest."""
    for r, g, gi in zip(rows, got, got_ipa):
        alts = r["reference"].split(" | ")
        hyp = tn.canon(g)
        ipas = [lib.phonemes(a) for a in alts]
        key = ipa_key(gi)
        texts = [tn.canon(a) == hyp for a in alts]
        sounds = [ipa_key(a) == key for a in ipas]
        near = [difflib.SequenceMatcher(None, ipa_key(a).split(), key.split()).ratio() for a in ipas]
        best = max(range(len(alts)), key=lambda i: (sounds[i], texts[i], near[i]))
        r.update(got=g, text=any(texts), sound=any(sounds), got_ipa=gi, want=alts[best], want_ipa=ipas[best])


def rates(label, rows):
    n = len(rows)
    t = sum(r["text"] for r in rows)
    s = sum(r["sound"] for r in rows)
    ts = sum(r["sound"] and not r["text"] for r in rows)
    st = sum(r["text"] and not r["sound"] for r in rows)
    pct = lambda k: 100.0 * k / max(n, 1)
    return ("  %-34s %4d lines  text %5.1f%%  audible %5.1f%%  text-fail/sound-pass %3d  text-pass/sound-fail %d"
            % (label, n, pct(t), pct(s), ts, st))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docbao", default=os.path.join(ROOT, "docbao"))
    ap.add_argument("--lib", help="libdocbao.so (default: build/libdocbao.so beside --docbao)")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(ROOT), "shared"))
    ap.add_argument("--list", action="store_true")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    if args.list and any(s in os.path.abspath(f).lower() for f in args.files for s in SECRET):
        print("--list refused: held-out and unseen sets are scored, never read line by line", file=sys.stderr)
        return 2
    docbao = os.path.abspath(args.docbao)
    lib = Lib(args.lib or os.path.join(os.path.dirname(docbao), "build", "libdocbao.so"))
    tn = load_tnscore(args.shared)
    # tests/realnews/*.tsv names the known-failures list too: not a set
    sets = [(f, read_tsv(f)) for f in args.files if os.path.basename(f) != "known-failures.tsv"]
    rows = [r for _, rs in sets for r in rs]
    inputs = [r["input"] for r in rows]
    score(rows, run_docbao(docbao, "normalize", inputs), run_docbao(docbao, "phonemes", inputs), lib, tn)
    for path, rs in sets:
        print(rates(os.path.basename(path), rs))
    cats = sorted({r["category"] for r in rows})
    for c in cats:
        print(rates("[%s]" % c, [r for r in rows if r["category"] == c]))
    print(rates("ALL", rows))
    if args.list:
        for title, pick in (("text-fail / sound-pass", lambda r: r["sound"] and not r["text"]),
                            ("text-pass / sound-fail", lambda r: r["text"] and not r["sound"]),
                            ("fail both", lambda r: not r["sound"] and not r["text"])):
            chosen = [r for r in rows if pick(r)]
            print("\n%s: %d" % (title, len(chosen)))
            for r in chosen:
                print("%s [%s] %s" % (r["id"], r["category"], word_diff(plain(r["got"]), plain(r["want"]))))
                if not r["sound"]:
                    print("    ipa %s" % word_diff(ipa_key(r["got_ipa"]), ipa_key(r["want_ipa"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
