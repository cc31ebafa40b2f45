#!/usr/bin/env python3
"""tones-score: how well tone restoration (src/text/tones.c) reads toneless
Vietnamese, measured on real text, not on made-up cases.

Usage: scripts/tones-score.py [--shared ../shared] [--n 4000] [--misses N] [--show-refused N] [-D NAME=VALUE]

The test set: runs of 2 to 5 consecutive words of the real Vietnamese news
text of the development set (the input column of tests/realnews/*.tsv, never
the held-out set) and of the shared sample (../shared/samples/*.tsv),
lowercased, their tones, marks and spaces taken off (đ → d): "đưa tay đây
nào" → "duataydaynao". Runs that cross punctuation, or hold a token that is
not a Vietnamese word in Vietnamese letters (digits, capitals, abbreviations)
are left out. A deterministic sample (by MD5) of --n distinct strings is kept.
Each is given to tones_restore_with (scripts/tones-cli.c, compiled here
against build/libdocbao.a: run `make` first) and the answer compared with the
words it came from, tone by tone (hoà = hòa, kỳ = kì: the spellings of one
reading).

Prints: coverage (restored at all / all), precision (right / restored), by
length in syllables, and the wrong ones (--misses) and some refused ones.
"""
import argparse, csv, glob, hashlib, os, re, subprocess, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TONES = {'\u0300', '\u0301', '\u0303', '\u0309', '\u0323'}
WORD = re.compile(r"^[a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]+$")
VOWEL = re.compile(r"[aeiouyàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]")


def toneless(w):
    d = unicodedata.normalize('NFD', w.replace('đ', 'd').replace('Đ', 'D'))
    return ''.join(c for c in d if not unicodedata.combining(c))


def canon_syllable(s):
    """a syllable as (letters with vowel marks, tone): hoà = hòa, kỳ = kì"""
    d = unicodedata.normalize('NFD', s)
    tone = ''.join(c for c in d if c in TONES)
    base = unicodedata.normalize('NFC', ''.join(c for c in d if c not in TONES))
    if re.fullmatch(r"[bcdđghklmnprstvx]+y", base):
        base = base[:-1] + 'i'
    return base + '/' + tone


def canon(text):
    return ' '.join(canon_syllable(s) for s in text.split())


def sentences(shared):
    files = sorted(glob.glob(os.path.join(ROOT, 'tests/realnews/*.tsv')))
    files = [f for f in files if not f.endswith('known-failures.tsv')]
    files += sorted(glob.glob(os.path.join(shared, 'samples/*.tsv')))
    for f in files:
        with open(f, encoding='utf-8') as fh:
            for row in csv.DictReader(fh, delimiter='\t', quoting=csv.QUOTE_NONE):
                if row.get('input'):
                    yield row['input']


def runs(text):
    """runs of words between punctuation, each a list of lowercase words"""
    run = []
    for tok in text.split():
        core = tok.strip('.,;:!?"“”()[]…\'‘’')
        ok = core and WORD.match(core.lower()) and VOWEL.search(core.lower()) and \
            not (len(core) > 1 and core.isupper())
        if ok and core == tok:
            run.append(core.lower())
            continue
        if ok:  # punctuation on one side: the word ends or begins a run
            if tok.startswith(core):
                run.append(core.lower())
                yield run
                run = []
            else:
                yield run
                run = [core.lower()]
            continue
        yield run
        run = []
    yield run


def build_set(shared, n):
    seen = {}
    for text in sentences(shared):
        for run in runs(text):
            for k in range(2, 6):
                for i in range(len(run) - k + 1):
                    words = run[i:i + k]
                    key = toneless(''.join(words))
                    if len(key) <= 64 and key not in seen:
                        seen[key] = ' '.join(words)
    ranked = sorted(seen, key=lambda s: hashlib.md5(s.encode()).hexdigest())
    return [(k, seen[k]) for k in ranked[:n]]


def restore(keys, defines, guess=False):
    exe = os.path.join(ROOT, 'build/tones-cli')
    src = os.path.join(ROOT, 'scripts/tones-cli.c')
    lib = os.path.join(ROOT, 'build/libdocbao.a')
    extra = []
    if defines:  # tones.c itself, with its constants changed (-D MARGIN=3): tried before they are written in
        exe += '-tuned'
        extra = ['src/text/tones.c'] + ['-D' + d for d in defines]
    if defines or not os.path.exists(exe) or os.path.getmtime(exe) < max(os.path.getmtime(src), os.path.getmtime(lib)):
        subprocess.run(['cc', '-O2', '-std=c11', '-D_POSIX_C_SOURCE=200809L', '-Isrc', '-Isrc/util', '-Isrc/text',
                        '-Isrc/lexicon', '-o', exe, src] + extra + [lib, '-lutf8proc', '-lm', '-lpthread'],
                       check=True, cwd=ROOT)
    out = subprocess.run([exe] + (['--guess'] if guess else []), input='\n'.join(keys) + '\n', capture_output=True, text=True, check=True, cwd=ROOT)
    return dict(line.split('\t', 1) for line in out.stdout.splitlines())


def address_set():
    """the real addresses, e-mail names and hashtags of tests/unit/test_tones.c ({"in", "want"}),
    and its English words and brands (never to be restored)"""
    src = open(os.path.join(ROOT, 'tests/unit/test_tones.c'), encoding='utf-8').read()
    body = src[:src.index('static int n_cases')]
    viet = re.findall(r'\{"([a-z]+)", "([^"]+)"\}', body)
    eng = []
    for block in re.findall(r'ENGLISH2?\[\] = \{(.*?)\};', body, re.S):
        eng += re.findall(r'"([a-z]+)"', block)
    return viet, eng


def score_addresses(defines):
    viet, eng = address_set()
    got = restore([k for k, _ in viet] + eng, defines)
    r = ok = 0
    for key, want in viet:
        g = got.get(key, '-')
        if g != '-':
            r += 1
            ok += any(canon(g) == canon(w) for w in want.split('|'))
    bad = [w for w in eng if got.get(w, '-') != '-']
    print(f"addresses (tests/unit/test_tones.c): {len(viet)} cases, restored {r}, right {ok}: coverage "
          f"{100 * r / len(viet):.1f}%, precision {100 * ok / r if r else 0:.2f}%; English restored: "
          f"{len(bad)} of {len(eng)} {' '.join(bad)}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--shared', default=os.path.join(ROOT, '../shared'))
    ap.add_argument('--n', type=int, default=4000)
    ap.add_argument('--misses', type=int, default=0)
    ap.add_argument('--show-refused', type=int, default=0)
    ap.add_argument('--guess', action='store_true',
                    help='score tones_guess (the likeliest reading, used for CamelCase) instead of tones_restore')
    ap.add_argument('-D', dest='defines', action='append', default=[],
                    help="compile tones.c with this constant changed: -D MARGIN=3 (to try a setting)")
    a = ap.parse_args()
    cases = build_set(a.shared, a.n)
    got = restore([k for k, _ in cases], a.defines, a.guess)
    by_len = {}
    misses, refused = [], []
    for key, truth in cases:
        L = len(truth.split())
        st = by_len.setdefault(L, [0, 0, 0])
        st[0] += 1
        r = got.get(key, '-')
        if r == '-':
            refused.append((key, truth))
            continue
        st[1] += 1
        if canon(r) == canon(truth):
            st[2] += 1
        else:
            misses.append((key, r, truth))
    tot = [sum(v[i] for v in by_len.values()) for i in range(3)]
    for L in sorted(by_len):
        c, r, ok = by_len[L]
        print(f"{L} syllables: {c:5d} cases, coverage {100 * r / c:5.1f}%, precision "
              f"{100 * ok / r if r else 0:5.1f}% ({ok}/{r})")
    c, r, ok = tot
    print(f"all: {c} cases, restored {r}, right {ok}: coverage {100 * r / c:.1f}%, "
          f"precision {100 * ok / r if r else 0:.2f}%, right/all {100 * ok / c:.1f}%")
    score_addresses(a.defines)
    for key, r, truth in misses[:a.misses]:
        print(f"wrong: {key} -> {r} (truth {truth})")
    for key, truth in refused[:a.show_refused]:
        print(f"refused: {key} (truth {truth})")


if __name__ == '__main__':
    sys.exit(main())
