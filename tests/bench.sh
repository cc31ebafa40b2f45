#!/usr/bin/env bash
# make bench — docbao's cost as ratios against baselines measured in the same run:
# the normalizer against gzip -1 on the same text, and end-to-end WAV writing
# against espeak-ng alone writing WAV from the already-normalized text.
set -eu
cd "$(dirname "$0")/.."
SHARED=${DOCBAO_SHARED:-$PWD/../shared}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b - a}'; }
# a deterministic corpus of varied news lines (~4 MB): the golden inputs and the sample articles
for k in $(seq 1 60); do
    cut -f3 tests/golden/numbers.tsv tests/golden/words.tsv | tail -n +2
    cat samples/*.txt "$SHARED/samples/vnpt-quang-ngai-2021.txt"
done > "$TMP/corpus.txt"
mb=$(awk -v b="$(stat -c %s "$TMP/corpus.txt")" 'BEGIN{printf "%.2f", b/1048576}')
t0=$(now); ./docbao normalize "$TMP/corpus.txt" > "$TMP/norm.txt"; t1=$(now)
gzip -1 -c "$TMP/corpus.txt" > /dev/null; t2=$(now)
n=$(secs "$t0" "$t1"); g=$(secs "$t1" "$t2")
printf '%-44s %8s s  (%s MB, %s MB/s)\n' "normalize corpus" "$n" "$mb" "$(awk -v m="$mb" -v s="$n" 'BEGIN{printf "%.1f", m/s}')"
printf '%-44s %8s s  ratio docbao/gzip = %s\n' "gzip -1 same corpus" "$g" "$(awk -v a="$n" -v b="$g" 'BEGIN{printf "%.2f", a/b}')"
art=$SHARED/samples/vnpt-quang-ngai-2021.txt
./docbao normalize "$art" > "$TMP/art-norm.txt"
t0=$(now); for k in 1 2 3; do espeak-ng -v vi -w "$TMP/e.wav" -f "$TMP/art-norm.txt"; done; t1=$(now)
for k in 1 2 3; do ./docbao speak -o "$TMP/d.wav" "$art" 2>/dev/null; done; t2=$(now)
e=$(secs "$t0" "$t1"); d=$(secs "$t1" "$t2")
printf '%-44s %8s s\n' "espeak-ng alone, article to WAV (x3)" "$e"
printf '%-44s %8s s  ratio docbao/espeak-ng = %s\n' "docbao speak -o, article to WAV (x3)" "$d" "$(awk -v a="$d" -v b="$e" 'BEGIN{printf "%.2f", a/b}')"
t0=$(now); "$SHARED/tools/pron-score" --cmd "./docbao phonemes" >/dev/null 2>&1 || true; t1=$(now)
printf '%-44s %8s s\n' "docbao phonemes over 8,698 syllables" "$(secs "$t0" "$t1")"
for size in 1 8; do
    head -c $((size * 1048576)) "$TMP/corpus.txt" > "$TMP/in.txt"
    kb=$( { /usr/bin/time -f %M ./docbao normalize "$TMP/in.txt" > /dev/null; } 2>&1 | tail -1)
    printf '%-44s %8s KB\n' "peak memory, normalize ${size} MB" "$kb"
done
