#!/usr/bin/env bash
# scripts/golden-known-failures.sh [--accept-regressions]
# Rewrites tests/golden/known-failures.tsv from the golden cases that fail now,
# each with what docbao says (got) and the reading wanted, and prints what
# changed: cases that now pass (removed), changed readings, new failures.
# A case that passed before (in its golden file as committed, and not listed)
# and fails now is a regression: the list is left as it was and the script
# exits 1 naming each, unless --accept-regressions is given.
# The work is done by tests/realnews/check.py --golden --write, the same code
# that tests/run.sh checks the list with.
set -eu
cd "$(dirname "$0")/.."
SHARED=${DOCBAO_SHARED:-$PWD/../shared}
for a in "$@"; do
    case $a in
        --accept-regressions) ;;
        *) echo "usage: scripts/golden-known-failures.sh [--accept-regressions]" >&2; exit 2 ;;
    esac
done
exec python3 tests/realnews/check.py "$SHARED" ./docbao --golden --write "$@"
