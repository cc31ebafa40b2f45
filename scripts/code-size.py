#!/usr/bin/env python3
"""code-size — the size limits of src/ (issue 17): no file over 600 lines, no
function over 80 lines (from its first line to its closing brace).
Functions are found by the project's style: a definition starts at column 0
and its body's braces open and close at column 0.
Functions in headers (static inline) count too.
Usage: scripts/code-size.py [--max-file N] [--max-func N] [--strict] [--list] [FILE...]
Prints each file or function over a limit; --strict exits 1 if there is one;
--list prints every function found (file:line: name: lines), to check the finder."""
import glob, re, sys

def functions(lines):
    """(name, first line, last line) of each function definition."""
    out = []
    i = 0
    while i < len(lines):
        l = lines[i]
        if l.startswith('{') or re.match(r'^[A-Za-z_].*\)\s*\{\s*$', l) and not l.startswith(('typedef', 'struct', 'enum', 'union')) and '=' not in l.split('(')[0]:
            start = i
            if l.startswith('{'):  # the signature is above, maybe on several lines
                start = i - 1
                while start > 0 and lines[start - 1].strip() and not lines[start - 1].rstrip().endswith((';', '}', '*/')) and not lines[start - 1].startswith('#') and lines[start].startswith((' ', '\t')):
                    start -= 1
            m = re.search(r'([A-Za-z_][A-Za-z_0-9]*)\s*\(', lines[start])
            name = m.group(1) if m else '?'
            j = i + 1 if not l.rstrip().endswith('}') else i
            while j < len(lines) and not lines[j].startswith('}'):
                j += 1
            if m and not lines[start].startswith(('static const', 'const')) or '(' in lines[start]:
                out.append((name, start + 1, j + 1))
            i = j + 1
        else:
            i += 1
    return out

def main(argv):
    max_file, max_func, strict, listing, files = 600, 80, False, False, []
    it = iter(argv)
    for a in it:
        if a == '--max-file': max_file = int(next(it))
        elif a == '--max-func': max_func = int(next(it))
        elif a == '--strict': strict = True
        elif a == '--list': listing = True
        else: files.append(a)
    files = files or sorted(glob.glob('src/**/*.[ch]', recursive=True))
    over = 0
    for f in files:
        lines = open(f, encoding='utf-8').read().split('\n')
        n = len(lines) - (lines[-1] == '')
        if n > max_file and not listing:
            print(f'{f}: {n} lines (limit {max_file})'); over += 1
        for name, a, b in functions(lines):
            if listing:
                print(f'{f}:{a}: {name}: {b - a + 1}')
            elif b - a + 1 > max_func:
                print(f'{f}:{a}: {name}: {b - a + 1} lines (limit {max_func})'); over += 1
    if listing:
        return 0
    print(f'code-size: {over} over the limits in {len(files)} files')
    return 1 if strict and over else 0

sys.exit(main(sys.argv[1:]))
