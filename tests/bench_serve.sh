# tests/bench_serve.sh — sourced by tests/bench.sh (its row, $BIN, $TMP, $art):
# `docbao serve` on 127.0.0.1 with the benchmark article: time to the first
# byte, throughput (seconds of audio per second of wall time) against
# `docbao speak -o` for the same article in turn, and 200 concurrent requests
# (p50/p99 to the first byte, the whole time, peak memory of server and workers).
echo "== docbao serve (loopback; the sample article, $(wc -c < "$art") bytes; medians of 7 rounds)"
S=$TMP/serve
mkdir -p "$S"
"$BIN" serve --listen 127.0.0.1:0 --cache "$S/cache" > "$S/log" 2>&1 &
SPID=$!
trap 'kill -9 $SPID 2>/dev/null || true; rm -rf "$TMP"' EXIT  # the server is gone by then: kill fails, set -e must not make that the status
for k in $(seq 1 100); do grep -q '(port' "$S/log" && break; sleep 0.1; done
SU="http://127.0.0.1:$(sed -n 's/.*(port \([0-9]*\)).*/\1/p' "$S/log")"
audio_total() { curl -s "$SU/metrics" | awk '$1 == "docbao_audio_seconds_total" { print $2 }'; }
med() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
pct() { sort -n | awk -v p="$1" '{ v[NR] = $1 } END { i = int(NR * p / 100 + 0.5); if (i < 1) i = 1; print v[i] }'; }

# each round a new text (a numbered first line), so each is synthesized, not a cache hit
serve_round() { # FORMAT ROUND -> "first total audio_seconds"
    local a0 a1 out
    { echo "Bản tin số $2."; cat "$art"; } > "$S/in.txt"
    a0=$(audio_total)
    out=$(curl -s -o /dev/null -w '%{time_starttransfer} %{time_total}' -H 'Content-Type: text/plain' \
        --data-binary @"$S/in.txt" "$SU/v1/speech?format=$1")
    a1=$(audio_total)
    echo "$out $(awk -v a="$a0" -v b="$a1" 'BEGIN { print b - a }')"
}
for f in mp3 opus wav; do
    : > "$S/rounds"
    for i in 1 2 3 4 5 6 7; do
        /usr/bin/time -f %e -o "$S/ts" "$BIN" speak -o "$S/speak.$f" $([ $f = opus ] && echo --sample-rate 48000) "$art" 2> /dev/null || true
        echo "$(serve_round "$f" "$f$i") $(cat "$S/ts")" >> "$S/rounds"
    done
    first=$(awk '{ print $1 * 1000 }' "$S/rounds" | med)
    thr=$(awk '{ print $3 / $2 }' "$S/rounds" | med)
    sthr=$(awk '{ print $3 / $4 }' "$S/rounds" | med)
    ratio=$(awk '{ printf "%.2f\n", $2 / $4 }' "$S/rounds" | med)
    row "serve $f: first byte" "$(printf '%.1f' "$first") ms"
    row "serve $f: throughput (audio s per wall s)" "$(printf '%.0f' "$thr")x" \
        "speak -o .$f: $(printf '%.0f' "$sthr")x; serve/speak time = $ratio"
done

# 200 concurrent requests: curl --parallel, one connection each
load() { # NAME TEXTS(1|200) -> a row
    local r i
    : > "$S/cfg"
    for r in $(seq 0 199); do
        i=$(( $2 == 1 ? 0 : r ))
        printf 'url = "%s/v1/speech"\nheader = "Content-Type: text/plain"\ndata-binary = "@%s/t%d.txt"\noutput = "/dev/null"\nwrite-out = "%%{http_code} %%{time_starttransfer} %%{time_total}\\n"\n' \
            "$SU" "$S" "$i" >> "$S/cfg"
        [ "$r" -lt 199 ] && echo next >> "$S/cfg"
    done
    local t0 t1 a0 a1
    a0=$(audio_total)
    t0=$(date +%s.%N)
    curl -s -m 300 --parallel --parallel-immediate --parallel-max 200 -K "$S/cfg" > "$S/load.out" 2> /dev/null
    t1=$(date +%s.%N)
    a1=$(audio_total)
    row "200 concurrent, $1" "p50 $(awk '{ print $2 * 1000 }' "$S/load.out" | pct 50 | xargs printf '%.0f') ms" \
        "p99 $(awk '{ print $2 * 1000 }' "$S/load.out" | pct 99 | xargs printf '%.0f') ms to the first byte; $(awk '$1 == 200' "$S/load.out" | wc -l)/200 OK; all done in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }') s$(awk -v a="$a0" -v b="$a1" -v s="$t0" -v e="$t1" 'BEGIN { if (b > a) printf ", %.0f s of audio made, %.0fx", b - a, (b - a) / (e - s) }')"
}
{ echo "Bản tin tổng hợp."; cat "$art"; } > "$S/t0.txt"
load "the article, not yet made (one synthesis, 200 listeners)" 1
load "the article from the cache" 1
awk 'length > 20' "$art" > "$S/lines"
for r in $(seq 0 199); do
    printf 'Tin số %d. %s\n' "$r" "$(sed -n "$((r % $(wc -l < "$S/lines") + 1))p" "$S/lines")" > "$S/t$r.txt"
done
load "200 different paragraphs (200 syntheses, $(nproc) workers)" 200
mem=0
for p in "$SPID" $(pgrep -P "$SPID"); do mem=$((mem + $(awk '/VmHWM/ { print $2 }' "/proc/$p/status"))); done
row "serve: peak memory, server and $(pgrep -P "$SPID" | wc -l) workers" "$mem KB"
kill -TERM "$SPID"
# a bench, not a test: a server that stops badly is shown, and the bench goes on
wait "$SPID" 2> /dev/null || row "serve: stopped with status $?" "" "(expected 0; see tests/serve.sh)"
