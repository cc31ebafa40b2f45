#!/usr/bin/env python3
"""Build holdout.tsv from raw-*.txt (fields separated by ' ||| ').
Reference may use {a|b} for local alternatives; expanded to whole-line
alternatives joined by ' | ' as in tests/realnews."""
import glob, itertools, re, sys, os
here = os.path.dirname(os.path.abspath(__file__))
pref = {'international':'intl','sports':'sport','technology':'tech','culture':'cult','markets':'mkt','weather':'wea','traffic':'traf','health':'hlth','courts':'court','politics':'pol','education':'edu','society':'soc'}
dev = set()
for f in glob.glob(os.path.join(here, '..', 'realnews', '*.tsv')):
    for line in open(f, encoding='utf-8'):
        p = line.rstrip('\n').split('\t')
        if len(p) >= 3: dev.add(p[2])
def expand(ref):
    parts = re.split(r'(\{[^{}]*\})', ref)
    opts = [p[1:-1].split('|') if p.startswith('{') else [p] for p in parts]
    outs = []
    for combo in itertools.product(*opts):
        s = re.sub(r'\s+', ' ', ''.join(combo)).strip()
        if s not in outs: outs.append(s)
    return ' | '.join(outs)
rows, n = [], {}
for f in sorted(glob.glob(os.path.join(here, 'raw-*.txt'))):
    for ln, line in enumerate(open(f, encoding='utf-8'), 1):
        line = line.strip()
        if not line or line.startswith('#'): continue
        p = [x.strip() for x in line.split(' ||| ')]
        if len(p) != 4 or p[0] not in pref:
            sys.exit(f'{f}:{ln}: bad line')
        cat, url, inp, ref = p
        if url in dev:
            print(f'DEV-DUP {f}:{ln} {url}', file=sys.stderr); continue
        n[cat] = n.get(cat, 0) + 1
        rows.append((f'ho-{pref[cat]}-{n[cat]:03d}', cat, url, inp, expand(ref)))
with open(os.path.join(here, 'holdout.tsv'), 'w', encoding='utf-8') as o:
    o.write('id\tcategory\tsource\tinput\treference\n')
    for r in rows: o.write('\t'.join(r) + '\n')
urls = {r[2] for r in rows}
sites = {re.sub(r'^(www|m|amp|beta)\.', '', u.split('/')[2]) for u in urls}
print(len(rows), 'lines', len(urls), 'pages', len(sites), 'sites', dict(sorted(n.items())), file=sys.stderr)
