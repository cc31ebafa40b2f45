#!/usr/bin/env bash
# Rewrites tests/golden/known-failures.tsv from the golden cases that fail now,
# each with what docbao says and what is wanted. Run after fixing cases (the
# list only shrinks in review: a new line there is a new open bug to explain).
set -eu
cd "$(dirname "$0")/.."
SHARED=${DOCBAO_SHARED:-$PWD/../shared}
for f in tests/golden/numbers.tsv tests/golden/words.tsv tests/golden/news.tsv tests/golden/news2.tsv tests/golden/rules.tsv samples/*.tsv; do
    "$SHARED/tools/tn-score" --tsv --show 1000 --cmd "./docbao normalize" "$f" || true
done | python3 -c '
import re, sys
rows, cur = [], None
for line in sys.stdin:
    m = re.match(r"FAIL (\S+) \[(.*)\]", line)
    if m:
        cur = {"id": m.group(1), "cat": m.group(2)}; rows.append(cur); continue
    s = line.strip()
    if cur is not None and s.startswith("want:"): cur["want"] = s[5:].strip().split(" | ")[0]
    if cur is not None and s.startswith("got:"): cur["got"] = s[4:].strip()
print("# Golden cases docbao does not read right yet: open bugs, each with what it says")
print("# now against the reading wanted. tests/run.sh lets these fail and fails on any")
print("# other case; scripts/golden-known-failures.sh rewrites this list after a fix.")
print("id\treason")
for r in rows:
    print("%s\topen %s bug: says \"%s\", wanted \"%s\"" % (r["id"], r["cat"], r.get("got", "")[:120], r.get("want", "")[:120]))
' > tests/golden/known-failures.tsv
echo "$(($(wc -l < tests/golden/known-failures.tsv) - 4)) open golden cases"
