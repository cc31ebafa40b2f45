#!/usr/bin/env bash
# normalizer-cost.sh [BINARY] [TOP] — what the normalizer costs per byte, in
# instructions (callgrind, one thread): deterministic, unlike timings on a
# shared machine. Builds the corpus as tests/bench.sh does (golden inputs and
# sample articles, the digits of each copy rotated) at 0.5 MB and 2 MB, runs
# `BINARY normalize` on each with DOCBAO_THREADS_OFF=1 and prints the total
# instructions of each run and the marginal cost per MB (the difference of the
# two runs over the difference of their sizes: the fixed start-up cost, such
# as loading the lexicon, cancels out), then the TOP (default 15) functions
# of the 2 MB run (callgrind_annotate, inclusive of nothing: self cost).
# Keeps its files in $KEEP if set (KEEP=/tmp/x scripts/normalizer-cost.sh).
set -eu
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-./docbao}")
TOP=${2:-15}
SHARED=${DOCBAO_SHARED:-$PWD/../shared}
if [ -n "${KEEP:-}" ]; then TMP=$KEEP; mkdir -p "$TMP"; else TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT; fi

# the corpus of tests/bench.sh, grown until it reaches $1 bytes
corpus() {
    local want=$1 out=$2 k=0 a b rot
    { cut -f3 tests/golden/numbers.tsv tests/golden/words.tsv | tail -n +2
      cat samples/*.txt tests/html/*.txt "$SHARED/samples/vnpt-quang-ngai-2021.txt"; } > "$TMP/base.txt"
    : > "$out"
    while [ "$(stat -c %s "$out")" -lt "$want" ]; do
        a=$((k % 10)); b=$(( (k / 10) % 10 ))
        rot=0123456789; rot=${rot:$a}${rot:0:$a}
        tr '0123456789' "$rot" < "$TMP/base.txt" | sed "s/\$/ (bản $b)/" >> "$out"
        k=$((k + 1))
    done
}
corpus $((1048576 / 2)) "$TMP/small.txt"
corpus $((2 * 1048576)) "$TMP/large.txt"

run() { # $1 corpus, $2 callgrind output: prints the total instructions
    DOCBAO_THREADS_OFF=1 valgrind --tool=callgrind --callgrind-out-file="$2" \
        "$BIN" normalize "$1" > "$TMP/out.txt" 2> "$TMP/vg.log"
    sed -n 's/^summary: *//p;s/^totals: *//p' "$2" | head -1
}
is=$(run "$TMP/small.txt" "$TMP/small.cg")
il=$(run "$TMP/large.txt" "$TMP/large.cg")
bs=$(stat -c %s "$TMP/small.txt"); bl=$(stat -c %s "$TMP/large.txt")
awk -v is="$is" -v il="$il" -v bs="$bs" -v bl="$bl" -v bin="$BIN" 'BEGIN {
    printf "binary %s\n", bin
    printf "total  %8.1f M instructions, %d bytes (%.2f MB)\n", is / 1e6, bs, bs / 1048576
    printf "total  %8.1f M instructions, %d bytes (%.2f MB)\n", il / 1e6, bl, bl / 1048576
    printf "per MB %8.1f M instructions (marginal: the difference of the two runs)\n", (il - is) / ((bl - bs) / 1048576) / 1e6
}'
echo "== top $TOP functions of the $(awk -v b="$bl" 'BEGIN{printf "%.2f", b/1048576}') MB run (self)"
callgrind_annotate --threshold=100 "$TMP/large.cg" 2>/dev/null \
    | grep -E '^ *[0-9,]+ +\(' | head -n "$TOP" \
    | sed -E 's/ \([^)]*\) / /; s/\[[^]]*\]//' | sed -E 's|[^ ]*/([^/:]+):|\1:|'
