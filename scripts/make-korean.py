#!/usr/bin/env python3
"""make-korean.py — writes lexicon/korean.tsv: every syllable of Korean written in
Revised Romanization (RR; National Institute of Korean Language, 2000: the
romanization of the initial consonants, vowels and final consonants of its
tables 1 and 2) and in the spellings people and the press use for names beside
it (Lee, Choi, Park, Shin, Joon, Soo, Kyo, Hyun...), with the Vietnamese
syllables the Vietnamese press and fans say for it: Son Heung-min "xon hưng min",
Kim Sang-sik "kim xang xích", Song Hye Kyo "xong hê ki ô", Hyun Bin "hiên bin".

The reading is built the way Vietnamese readers read a Korean name: letter by
letter, as if it were Vietnamese spelling, with the few letters Vietnamese does
not write (j, y, w, eo, eu, ae, oo, ee) given fixed values. Run it from the
repository root:  python3 scripts/make-korean.py > lexicon/korean.tsv
It checks every reading against the syllable grammar (lexicon/rhymes.tsv) and
stops when one is outside it.
"""
import sys
import unicodedata

# initial consonants: RR (g kk n d tt r m b pp s ss j jj ch k t p h) and the
# name spellings (l for r, sh before i, k/t/p for the plain g/d/b as in Kim,
# Park, Tae) -> the Vietnamese onset
ONSETS = {
    "": "", "g": "g", "k": "c", "kk": "c", "n": "n", "d": "đ", "t": "t", "tt": "t",
    "r": "r", "l": "l", "m": "m", "b": "b", "p": "p", "pp": "p", "s": "x", "ss": "x",
    "sh": "s", "j": "gi", "jj": "gi", "ch": "ch", "h": "h",
}

# vowels: RR and name spellings -> (glide, nucleus when open, nucleus before a final)
# glide "y": a y-vowel (said as gi with no consonant before it, as an i after one)
VOWELS = {
    "a": ("", "a", "a"), "eo": ("", "eo", "ơ"), "o": ("", "ô", "o"), "u": ("", "u", "u"),
    "oo": ("", "u", "u"), "eu": ("", "ư", "ư"), "i": ("", "i", "i"), "ee": ("", "i", "i"),
    "ae": ("", "ê", "e"), "e": ("", "ê", "ê"), "oe": ("w", "uê", "uê"), "oi": ("", "oi", None),
    "wi": ("w", "uy", "uy"), "ui": ("", "ưi", None), "wa": ("w", "oa", "oa"),
    "wae": ("w", "oe", "oe"), "wo": ("w", "uơ", "uô"), "we": ("w", "uê", "uê"),
    "ya": ("y", "a", "a"), "yeo": ("y", "ơ", "ơ"), "yo": ("y", "ô", "o"), "yoo": ("y", "u", "u"),
    "yu": ("y", "u", "u"), "yae": ("y", "ê", "ê"), "ye": ("y", "ê", "ê"),
}

# finals: RR k n t l m p ng -> the Vietnamese final (l is said n: Il "in", Cheol "chơn")
FINALS = {"": "", "k": "c", "n": "n", "t": "t", "l": "n", "m": "m", "p": "p", "ng": "ng"}

# whole spellings read otherwise than their letters (the press's usual reading)
OVERRIDES = {
    "park": "pác",  # 박 Bak, written Park: "pác", as Park Hang-seo is said
    "choi": "choi",
    "lee": "li", "rhee": "ri", "yi": "i",
    "oh": "ô", "ahn": "an", "suh": "xơ", "huh": "hơ", "roh": "rô", "noh": "nô", "uhm": "ơm",
    "bwi": "bui",  # not buy: eSpeak-NG says that in English
    "young": "giông",  # 영 yeong, written Young (Park Bo Young)
    "woo": "u", "wook": "úc", "woon": "un", "woong": "ung",  # wu written woo (Ji Chang Wook)
}

# surnames that begin a Korean name (the commonest, in their usual spellings)
SURNAMES = """kim lee yi rhee park choi choe jung jeong chung kang cho jo yoon yun jang chang
lim im han oh seo suh shin sin kwon hwang ahn an song yoo yu ryu hong jeon jun ko go moon mun
yang son bae baek heo huh nam noh roh ha kwak seong sung cha joo ju woo koo ku min na jin uhm
eom won chun cheon bang gong hyun hyeon ji do seol pyo ma gil yeo ok byun byeon yook yuk
tak maeng ri ki ban bong sim shim chae gu""".split()

ACUTE = "\u0301"
VOWEL_LETTERS = "aăâeêioôơuưy"


def rhymes():
    with open("lexicon/rhymes.tsv", encoding="utf-8") as f:
        return {l.strip() for l in f if l.strip() and not l.startswith("#")} - {"rhyme"}


VI_ONSETS = "b c ch d đ g gh gi h k kh l m n ng ngh nh p ph qu r s t th tr v x".split()


def valid(syl, rh):
    plain = strip_tone(syl)
    for o in sorted(VI_ONSETS + [""], key=len, reverse=True):
        if plain.startswith(o) and plain[len(o):] in rh:
            return True
        if o == "gi" and plain.startswith("gi") and ("i" + plain[2:]) in rh:
            return True
    return False


def strip_tone(s):
    d = unicodedata.normalize("NFD", s)
    d = d.replace(ACUTE, "")
    return unicodedata.normalize("NFC", d)


def mark_acute(s):
    """the sắc mark on the last vowel letter before the final"""
    d = unicodedata.normalize("NFD", s)
    last = max(i for i, ch in enumerate(d) if ch in VOWEL_LETTERS)
    k = last + 1
    while k < len(d) and unicodedata.combining(d[k]):
        k += 1
    return unicodedata.normalize("NFC", d[:k] + ACUTE + d[k:])


def spell(onset, rhyme):
    """onset + rhyme in Vietnamese spelling (k/gh before front vowels, qu, gi)"""
    front = rhyme[:1] in ("i", "e", "ê", "y")
    if onset == "c" and front:
        onset = "k"
    if onset == "g" and front:
        onset = "gh"
    if onset in ("c", "g") and rhyme[:1] in ("o", "u") and rhyme[:2] in ("oa", "oe", "uê", "uy", "uơ", "uô"):
        onset, rhyme = "qu", rhyme[1:]
        if rhyme.startswith("ô") or rhyme.startswith("ơ"):
            rhyme = rhyme  # quôn, quơ
    if onset == "gi" and rhyme.startswith("i"):
        rhyme = rhyme[1:]  # gi + in: gin
    return onset + rhyme


def final_rhyme(nucleus, fin):
    if fin == "ng" and nucleus in ("i", "ê", "e"):
        return nucleus.replace("e", "a") + "nh" if nucleus == "e" else nucleus + "nh"
    if fin == "c" and nucleus in ("i", "ê"):
        return nucleus + "ch"
    if nucleus == "ơ" and fin in ("ng", "c"):
        return "ô" + fin  # eong, eok: ông, ốc (no ơng, ơc in Vietnamese)
    if nucleus == "ư" and fin in ("n", "m"):
        return "u" + fin  # Geun: gun (no ưn, ưm in Vietnamese)
    return nucleus + fin


def reading(onset, vowel, fin):
    glide, open_, closed = VOWELS[vowel]
    vo = ONSETS[onset]
    vf = FINALS[fin]
    if vf and (closed is None or vowel in ("wi", "oe", "wae", "we")):
        return None  # no such syllable in names (the rare ones left out)
    if glide == "y" and vowel in ("yu", "yoo") and fin in ("t", "p", "m") and onset:
        return None
    if (vowel == "eu" or vowel.startswith("w")) and fin in ("p", "t"):
        return None
    nucleus = closed if vf else open_
    words = []
    if glide == "y":
        if not vo:
            vo = "gi"
        elif vowel in ("yu", "yoo", "yeo") and vf:
            nucleus = "iê"  # Hyun, Hyeon hiên, Myung miêng: the press's yu is yeo
        elif vowel in ("yu", "yoo"):
            nucleus = "iu"  # Gyu ghiu, Ryu riu
        elif vowel in ("ye", "yae"):
            pass  # Hye hê, Kye kê
        else:
            words.append(spell(vo, "i"))  # Kyo: ki ô
            vo = ""
    r = final_rhyme(nucleus, vf)
    syl = spell(vo, r)
    if vf in ("c", "t", "p"):
        syl = mark_acute(syl)
    words.append(syl)
    return " ".join(words)


def main():
    rh = rhymes()
    rows, outside = [], set()
    for on in ONSETS:
        for vo in VOWELS:
            for fi in FINALS:
                key = on + vo + fi
                if on == "sh" and not vo.startswith("i"):
                    continue  # sh only before i (Shin)
                r = OVERRIDES.get(key) or reading(on, vo, fi)
                if not r:
                    continue
                for w in r.split():
                    if not valid(w, rh):
                        outside.add(w)
                rows.append((key, r))
    for k, r in OVERRIDES.items():
        if k not in dict(rows):
            rows.append((k, r))
    if outside:
        sys.exit("readings outside the syllable grammar: " + " ".join(sorted(outside)))
    seen = {}
    for k, r in rows:
        seen.setdefault(k, r)
    out = sys.stdout
    out.write("# korean.tsv — Korean syllables in Latin letters and how the Vietnamese press says them\n"
              "# (generated by scripts/make-korean.py from Revised Romanization, National Institute of\n"
              "# Korean Language 2000, and the name spellings beside it: edit the script, not this file).\n"
              "# kind syllable: a syllable and its Vietnamese reading (one or two syllables);\n"
              "# kind surname: a Korean surname, a cue that a run of such syllables is a Korean name.\n")
    out.write("kind\tkey\treading\n")
    for k in sorted(seen):
        out.write("syllable\t%s\t%s\n" % (k, seen[k]))
    for s in SURNAMES:
        if s not in seen:
            sys.exit("surname %s is no syllable" % s)
        out.write("surname\t%s\t%s\n" % (s, seen[s]))


main()
