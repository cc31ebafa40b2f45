#!/usr/bin/env bash
# make bench — what docbao costs, as ratios against baselines measured in the
# same run (the machines are noisy): the normalizer against gzip -1 on the same
# text; audio against espeak-ng alone writing WAV from the already-normalized
# text; time to the first audio frame; peak memory for small and large input.
set -eu
cd "$(dirname "$0")/.."
SHARED=${DOCBAO_SHARED:-$PWD/../shared}
BIN=$PWD/docbao
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.3f", b - a}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a / b}'; }
row() { printf '%-52s %10s  %s\n' "$1" "$2" "${3:-}"; }

# a deterministic 20 MB corpus of varied news lines: the golden inputs and the
# sample articles, the digits of every copy shifted so no two copies are alike
{ cut -f3 tests/golden/numbers.tsv tests/golden/words.tsv | tail -n +2
  cat samples/*.txt tests/html/*.txt "$SHARED/samples/vnpt-quang-ngai-2021.txt"; } > "$TMP/base.txt"
k=0
while [ "$(stat -c %s "$TMP/corpus.txt" 2>/dev/null || echo 0)" -lt $((20 * 1048576)) ]; do
    a=$((k % 10)); b=$(( (k / 10) % 10 ))
    rot=0123456789; rot=${rot:$a}${rot:0:$a}
    tr '0123456789' "$rot" < "$TMP/base.txt" \
        | sed "s/\$/ (bản $b)/" >> "$TMP/corpus.txt"
    k=$((k + 1))
done
mb=$(awk -v b="$(stat -c %s "$TMP/corpus.txt")" 'BEGIN{printf "%.1f", b/1048576}')
# A baseline and a docbao command run in turn, 7 rounds, so that a slow
# spell of the machine slows both: prints the median time of each and the
# median of the rounds' ratios (docbao / baseline).
paired() {
    local i
    : > "$TMP/pairs"
    for i in 1 2 3 4 5 6 7; do
        /usr/bin/time -f %e -o "$TMP/tb" sh -c "$1" > /dev/null 2>&1 || true
        /usr/bin/time -f %e -o "$TMP/tc" sh -c "$2" > /dev/null 2>&1 || true
        echo "$(cat "$TMP/tb") $(cat "$TMP/tc")" >> "$TMP/pairs"
    done
    echo "$(cut -d' ' -f1 "$TMP/pairs" | sort -n | sed -n 4p)" \
         "$(cut -d' ' -f2 "$TMP/pairs" | sort -n | sed -n 4p)" \
         "$(awk '$1 > 0 { printf "%.2f\n", $2 / $1 }' "$TMP/pairs" | sort -n | sed -n 4p)"
}
mbs() { awk -v m="$mb" -v s="$1" 'BEGIN{printf "%.1f MB/s", m/s}'; }
echo "== normalizer ($mb MB, $(wc -l < "$TMP/corpus.txt") lines; gzip -1 and docbao in turn, 7 rounds, medians)"
read -r g n r <<< "$(paired "gzip -1 -c '$TMP/corpus.txt'" "'$BIN' normalize '$TMP/corpus.txt'")"
read -r g1 n1 r1 <<< "$(paired "gzip -1 -c '$TMP/corpus.txt'" "DOCBAO_THREADS_OFF=1 '$BIN' normalize '$TMP/corpus.txt'")"
row "gzip -1 (baseline)" "${g} s" "$(mbs "$g")"
row "docbao normalize (a file: worker threads, $(nproc) cores)" "${n} s" "$(mbs "$n")  docbao/gzip = $r"
row "docbao normalize, one thread" "${n1} s" "$(mbs "$n1")  docbao/gzip = $r1 (gzip ${g1} s)"

echo "== audio (the sample article; espeak-ng and docbao in turn, 7 rounds, medians)"
art=$SHARED/samples/vnpt-quang-ngai-2021.txt
"$BIN" normalize "$art" > "$TMP/art.txt"
# the same speech as docbao's default voice: vi at its rate (voices/north.voice)
rate=$(sed -n 's/^rate *= *//p' voices/north.voice)
base="espeak-ng -v vi -s $rate -w '$TMP/e.wav' -f '$TMP/art.txt'"
row "baseline: espeak-ng -v vi -s $rate alone, normalized text to WAV" "" "(timed in each row's rounds)"
bench_speak() {
    local label=$1; shift
    local e t q
    read -r e t q <<< "$(paired "$base" "'$BIN' speak $* '$art'")"
    row "$label" "$t s" "docbao/espeak-ng = $q (espeak-ng $e s)"
}
bench_speak "docbao speak -o WAV, loudness off" -o "'$TMP/d.wav'" --loudness off
bench_speak "docbao speak -o WAV (default: -23 LUFS)" -o "'$TMP/d.wav'"
bench_speak "docbao speak -o FLAC" -o "'$TMP/d.flac'"
bench_speak "docbao speak -o MP3" -o "'$TMP/d.mp3'"
bench_speak "docbao speak -o WAV 48 kHz, -16 LUFS (limiter)" -o "'$TMP/d.wav'" --sample-rate 48000 --loudness -16
row "  (audio length: espeak-ng alone / docbao)" "$(soxi -D "$TMP/e.wav" | cut -d. -f1) s / $(soxi -D "$TMP/d.flac" | cut -d. -f1) s"
t0=$(now); "$SHARED/tools/pron-score" --cmd "$BIN phonemes" >/dev/null 2>&1 || true; t1=$(now)
t2=$(now); "$SHARED/tools/pron-score" --cmd "sed 's/\$/./' | espeak-ng -v vi -q --ipa" >/dev/null 2>&1 || true; t3=$(now)
row "docbao phonemes, 8,698 syllables (respelling)" "$(secs "$t0" "$t1") s" "docbao/espeak-ng = $(ratio "$(secs "$t0" "$t1")" "$(secs "$t2" "$t3")")"

echo "== time to the first audio frame (ALSA file device, median of 5)"
sed 's|"played.raw"|"/dev/null"|' tests/alsa-file.conf > "$TMP/alsa-file.conf"   # nothing kept: no disk time
first() {
    for i in 1 2 3 4 5; do
        (cd "$TMP" && DOCBAO_TIMING=1 ALSA_CONFIG_PATH=$TMP/alsa-file.conf "$BIN" speak "$@" 2>&1 >/dev/null | sed -n 's/.*after \([0-9.]*\) ms/\1/p')
    done | sort -n | sed -n 3p
}
for k in $(seq 1 10); do cat "$art"; done > "$TMP/long.txt"
row "long article ($(wc -c < "$TMP/long.txt") bytes) to the device" "$(first "$TMP/long.txt") ms"
echo "Xin chào, hôm nay là thứ hai." > "$TMP/one.txt"
row "one line (a screen reader's utterance)" "$(first "$TMP/one.txt") ms"

echo "== peak memory of normalize"
for size in 1 50; do
    head -c $((size * 1048576)) "$TMP/corpus.txt" > "$TMP/in.txt" 2>/dev/null || true
    while [ "$(stat -c %s "$TMP/in.txt")" -lt $((size * 1048576)) ]; do cat "$TMP/corpus.txt" >> "$TMP/in.txt"; done
    kb=$( { /usr/bin/time -f %M "$BIN" normalize "$TMP/in.txt" > /dev/null; } 2>&1 | tail -1)
    row "$size MB input" "$kb KB"
done

# --- docbao serve: first byte, throughput against speak -o, 200 concurrent requests, memory
. tests/bench_serve.sh
