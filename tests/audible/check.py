#!/usr/bin/env python3
"""Checks scripts/audible-score.py on tests/audible/fixture.tsv: spellings
eSpeak-NG says alike pass as sound (a kept cluster and its split, xki and xờ
ki, a level tone before a comma, a second reference alternative), a real
difference fails (another vowel, another tone, bốn for tư, which tn-score
counts as the same text), and --list is refused on held-out and unseen sets.

  check.py [BIN]   (BIN: ./docbao; build/libdocbao.so beside it)
Prints what differs and exits 1 on any difference.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SCRIPT = os.path.join(ROOT, "scripts", "audible-score.py")

EXPECT = {
    "text-fail / sound-pass": {"cluster-kept", "cluster-xki", "alt-second"},
    "text-pass / sound-fail": {"words-24"},
    "fail both": {"vowel-e", "tone-nang"},
}
# pause-ngang passes both, so it is in no list
RATES = r"fixture\.tsv\s+7 lines\s+text\s+28\.6%\s+audible\s+57\.1%\s+text-fail/sound-pass\s+3\s"


def key_rules():
    """ipa_key itself: what it drops, and that a boundary, a tone, a vowel count."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("audible_score", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    k = mod.ipa_key
    bad = []
    for a, b, same in (("ˈo1ŋ ɗˈi7", "ˈo1ŋ ɗˌi1", True),     # stress, pausal level tone
                       ("mˈaː2  bˈa1", "maː2 ba1", True),    # a run of spaces
                       ("ɗo1n e1", "ɗo1 ne1", False),         # đôn ê / đô nê: a boundary
                       ("maːɜ", "maː2", False),               # má / mà: a tone
                       ("lɛ1n", "le1n", False),               # len / lên: a vowel
                       ("maː1", "ma1", False),                # length
                       ("(en)ha1(vi)", "ha1", False)):        # a language switch
        if (k(a) == k(b)) != same:
            bad.append("ipa_key(%r) %s ipa_key(%r)" % (a, "!=" if same else "==", b))
    return bad


def main(argv):
    binary = argv[0] if argv else os.path.join(ROOT, "docbao")
    bad = key_rules()
    run = subprocess.run([sys.executable, SCRIPT, "--docbao", binary, "--list",
                          os.path.join(HERE, "fixture.tsv")], capture_output=True, text=True)
    if run.returncode != 0:
        bad.append("exit %d: %s" % (run.returncode, run.stderr[-1000:]))
    got, section = {}, None
    for line in run.stdout.splitlines():
        m = re.match(r"(.+): \d+$", line)
        if m and m.group(1) in EXPECT:
            section = m.group(1)
            got[section] = set()
        elif section and line and not line.startswith(" "):
            got[section].add(line.split()[0])
    for name, ids in EXPECT.items():
        if got.get(name) != ids:
            bad.append("%s: want %s, got %s" % (name, sorted(ids), sorted(got.get(name, []))))
    if not re.search(RATES, run.stdout):
        bad.append("rates line: want /%s/ in\n%s" % (RATES, run.stdout))
    for secret in ("tests/realnews-holdout/holdout.tsv", "tests/realnews-unseen/x.tsv"):
        ref = subprocess.run([sys.executable, SCRIPT, "--docbao", binary, "--list", secret],
                             capture_output=True, text=True)
        if ref.returncode != 2 or "refused" not in ref.stderr:
            bad.append("--list on %s: not refused (exit %d)" % (secret, ref.returncode))
    print("\n".join(bad) if bad else "audible score: fixture as expected")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
